/**
 * Random job lifecycles from a seed: the random-mode generator (demo, soak tests) and the
 * benchmark day trace. Everything here is deterministic for a seed: no Math.random, no clock reads.
 */
import type { SimJobSpec, StartedFormat } from './model.ts';
import { mixSeed, mulberry32, pick, randInt } from './prng.ts';
import type { Rng } from './prng.ts';

/** One minute in ms. */
const MINUTE_MS = 60_000;
/** One hour in ms. */
const HOUR_MS = 60 * MINUTE_MS;

/** Length of the benchmark day (ms): 8 working hours followed by 16 idle hours. */
export const DAY_MS = 24 * HOUR_MS;
/** The busy part of the benchmark day (ms). */
export const WORKING_HOURS_MS = 8 * HOUR_MS;
/** Mean gap between bursts of jobs, in simulated time (ms). */
export const BURST_EVERY_MS = 20 * MINUTE_MS;

const PROMPTS = [
  'A red fox runs through fresh snow at dawn, cinematic',
  'Timelapse of clouds over a mountain lake',
  'A paper boat drifting down a rainy street',
  'Close-up of a hummingbird drinking from a flower',
  'Neon city at night, camera slowly pushing in',
  'A cat astronaut floating inside a space station',
  'Waves crashing on black volcanic sand, slow motion',
  'An old lighthouse in a storm, dramatic lighting',
];

/**
 * One random job, as random mode and the day trace make them. Mix: 70 % videos (2–6 min),
 * 30 % images (20–60 s), both durations divided by `speed`; outcome 80 % succeeded, 10 % failed,
 * 10 % moderated (40 % of those removed → 404); 25 % stay not final 5–45 s (÷ speed) after leaving
 * the scheduler; quirks on: images under `videoId` half the time, `started` as ISO (60 %), epoch ms
 * (20 %) or epoch seconds (20 %); about a third carry a `replyRef`.
 * @param rng generator to draw from (advanced by this call).
 * @param startAtMs the job's start (epoch ms).
 * @param speed divides every duration; must be > 0.
 * @param serial a number used only to label the job (`replyRef`).
 */
export function randomJobSpec(rng: Rng, startAtMs: number, speed: number, serial: number): SimJobSpec {
  const kind = rng() < 0.7 ? 'video' : 'image';
  const baseMs = kind === 'video' ? randInt(rng, 2 * MINUTE_MS, 6 * MINUTE_MS) : randInt(rng, 20_000, 60_000);
  const roll = rng();
  const outcome = roll < 0.8 ? 'succeeded' : roll < 0.9 ? 'failed' : 'moderated';
  const removed = outcome === 'moderated' && rng() < 0.4;
  const moderationStatus = pick(rng, [5, 7, 14] as const);
  const finalLagMs = rng() < 0.25 ? Math.round(randInt(rng, 5_000, 45_000) / speed) : 0;
  const startedRoll = rng();
  const startedAs: StartedFormat = startedRoll < 0.6 ? 'iso' : startedRoll < 0.8 ? 'epoch-ms' : 'epoch-s';
  const imageIdUnderVideoKey = kind === 'image' && rng() < 0.5;
  const prompt = pick(rng, PROMPTS);
  const withRef = rng() < 0.33;
  const spec: SimJobSpec = {
    kind,
    durationMs: Math.max(1, Math.round(baseMs / speed)),
    outcome,
    finalLagMs,
    prompt,
    startAtMs,
    quirks: { imageIdUnderVideoKey, startedAs },
  };
  if (removed) spec.removed = true;
  if (outcome === 'moderated') spec.moderationStatus = moderationStatus;
  if (withRef) spec.replyRef = `ref-${serial}`;
  return spec;
}

/**
 * The jobs of one burst: `size[0]`–`size[1]` jobs, the first at `burstMs` and the others within
 * 30 s (÷ speed) after it, in start order. Its generator is seeded from (seed, burstIndex) only,
 * so a burst is the same whatever was generated before it.
 */
function burstJobs(
  seed: number,
  burstIndex: number,
  burstMs: number,
  speed: number,
  size: readonly [number, number],
): SimJobSpec[] {
  const rng = mulberry32(mixSeed(seed, burstIndex, 0x5eed));
  const count = randInt(rng, size[0], size[1]);
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) offsets.push(i === 0 ? 0 : Math.round(randInt(rng, 0, 30_000) / speed));
  offsets.sort((a, b) => a - b);
  return offsets.map((offsetMs, i) => randomJobSpec(rng, burstMs + offsetMs, speed, burstIndex * 100 + i));
}

/**
 * Start of burst `index` (epoch ms): `originMs + index × everyMs` moved by a seeded jitter of up
 * to ±15 % of `everyMs`; burst 0 is exactly at `originMs`. Bursts stay in order.
 */
function burstStartMs(seed: number, originMs: number, everyMs: number, index: number): number {
  if (index === 0) return originMs;
  const jitter = (mulberry32(mixSeed(seed, index, 0x717e))() * 2 - 1) * 0.15 * everyMs;
  return originMs + index * everyMs + Math.round(jitter);
}

/**
 * Benchmark day trace: 8 working hours from `startMs` with a burst of 3–6 jobs about every
 * 20 minutes (every 20 min ± 3 min, the first burst exactly at `startMs`, 24 bursts; a burst's
 * first job starts at the burst, the others within 30 s after it), then 16 idle hours with no
 * jobs. Jobs follow {@link randomJobSpec} at speed 1: videos 2–6 min, images 20–60 s, mostly
 * succeeded, some failed and moderated, with the documented quirks. No `account` is set (the
 * Simulator spreads jobs over its accounts in submit order).
 *
 * Deterministic: the same seed and start give the same list. Submit every entry up front; jobs
 * with a future `startAtMs` stay invisible until the (fake) clock reaches it.
 * @param seed any integer.
 * @param startMs start of the working day (epoch ms).
 * @returns the jobs in start order; the trace spans {@link DAY_MS}.
 */
export function generateDayTrace(seed: number, startMs: number): SimJobSpec[] {
  const jobs: SimJobSpec[] = [];
  const burstCount = Math.floor(WORKING_HOURS_MS / BURST_EVERY_MS);
  for (let index = 0; index < burstCount; index++) {
    const burstMs = burstStartMs(seed, startMs, BURST_EVERY_MS, index);
    jobs.push(...burstJobs(seed, index, burstMs, 1, [3, 6]));
  }
  return jobs.sort((a, b) => (a.startAtMs ?? 0) - (b.startAtMs ?? 0));
}

/** Settings of {@link RandomJobGenerator}. Durations in ms. */
export interface RandomGeneratorOptions {
  seed: number;
  /** Time of the first burst (epoch ms). */
  originMs: number;
  /** Mean gap between bursts (ms), > 0. */
  burstEveryMs: number;
  /** Divides job durations and in-burst offsets; > 0. */
  speed: number;
  /** Jobs per burst, [min, max] inclusive. */
  burstSize: readonly [number, number];
}

/**
 * Endless random-mode job stream, produced lazily: {@link RandomJobGenerator.takeUntil} returns the
 * bursts that have started by a given time. Bursts depend only on the seed and their index, so the
 * jobs that exist at time T are the same however often (or rarely) the simulator was asked.
 */
export class RandomJobGenerator {
  private readonly opts: RandomGeneratorOptions;
  private nextBurst = 0;

  /** @throws RangeError when `burstEveryMs` or `speed` is not a positive number. */
  constructor(opts: RandomGeneratorOptions) {
    if (!(opts.burstEveryMs > 0)) throw new RangeError('burstEveryMs must be > 0');
    if (!(opts.speed > 0)) throw new RangeError('speed must be > 0');
    this.opts = opts;
  }

  /** Every job of every burst starting at or before `nowMs` not returned yet, in burst order. */
  takeUntil(nowMs: number): SimJobSpec[] {
    const { seed, originMs, burstEveryMs, speed, burstSize } = this.opts;
    const out: SimJobSpec[] = [];
    for (;;) {
      const burstMs = burstStartMs(seed, originMs, burstEveryMs, this.nextBurst);
      if (burstMs > nowMs) break;
      out.push(...burstJobs(seed, this.nextBurst, burstMs, speed, burstSize));
      this.nextBurst++;
    }
    return out;
  }
}
