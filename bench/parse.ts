/**
 * Benchmark 2 — CPU per poll for 10, 100, 1,000 and 10,000 running jobs.
 *
 * The GET /scheduler/ bodies are real simulator answers (fetched once over loopback HTTP from a
 * {@link Simulator} holding N running jobs made by `randomJobSpec`, so they carry the documented
 * quirks: ISO / epoch-ms / epoch-s `started`, images under `videoId`, optional `replyRef`).
 * Stages, each timed on its own, interleaved, after a warm-up, median of many samples:
 * - `jsonParse`: bare `JSON.parse(text)` — the floor;
 * - `zodValidate`: `SchedulerItemSchema.safeParse` of every item of the parsed body;
 * - `normaliseList`: `normaliseSchedulerList(body)` (zod per item, id parsing, `started`/`elapsed`);
 * - `parseSchedulerBody`: `parseSchedulerBody(text)` = JSON.parse + normaliseSchedulerList, as the app;
 * - `diff`: `JobTracker.applySnapshot(list)` against a tracker already holding the same N jobs
 *   (the steady state of a poll);
 * - `perPoll`: `parseSchedulerBody` then `applySnapshot`, i.e. everything a poll costs after the
 *   bytes arrive. The target compares it with the floor: ≤ 3× a bare JSON.parse of the same body.
 */
import { normaliseSchedulerList, parseSchedulerBody } from '../main/core/api/normalise/scheduler.ts';
import { SchedulerItemSchema } from '../main/core/api/schemas.ts';
import { JobTracker } from '../main/core/jobs/tracker.ts';
import { Simulator } from '../main/core/simulator/index.ts';
import { randomJobSpec } from '../main/core/simulator/trace.ts';
import { mulberry32 } from '../main/core/simulator/prng.ts';
import { FakeClock } from '../main/core/clock.ts';
import { silentLogger } from '../main/core/types.ts';
import {
  fmtBytes,
  fmtInt,
  median,
  round,
  sampleInterleaved,
  type BenchOptions,
  type BenchRow,
  type ConcernResult,
} from './lib.ts';

/** Running-job counts measured. */
export const JOB_COUNTS: readonly number[] = [10, 100, 1_000, 10_000];
/** Target: per-poll CPU at 1,000 jobs within this multiple of a bare JSON.parse. */
export const PARSE_RATIO_TARGET = 3;

/** A GET /scheduler/ body with `n` running jobs, as the simulator serves it. */
async function schedulerBody(n: number): Promise<string> {
  const clock = new FakeClock(Date.UTC(2026, 0, 5, 12));
  const sim = new Simulator({ clock, accounts: ['100001', '100002', '100003', '100004'] });
  const rng = mulberry32(20260105 + n);
  for (let i = 0; i < n; i++) {
    // Started within the last 10 min, running for hours: every job is in the scheduler now.
    const spec = randomJobSpec(rng, clock.now() - Math.floor(rng() * 600_000), 1, i);
    sim.submit({ ...spec, durationMs: 6 * 3_600_000 });
  }
  const { baseUrl } = await sim.start();
  try {
    const res = await fetch(`${baseUrl}/scheduler/`, { headers: { Authorization: `Bearer ${sim.token}` } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`simulator answered ${res.status}: ${text.slice(0, 200)}`);
    return text;
  } finally {
    await sim.stop();
  }
}

/** Per-size result (times are the median ms of one call). */
interface SizeResult {
  jobs: number;
  bodyBytes: number;
  medianMs: Record<string, number>;
  /** perPoll median in microseconds per job. */
  perPollUsPerJob: number;
  /** jsonParse median in microseconds per job. */
  jsonParseUsPerJob: number;
  /** perPoll ÷ jsonParse. */
  ratioVsJsonParse: number;
  /** parseSchedulerBody ÷ jsonParse (without the diff). */
  parseOnlyRatioVsJsonParse: number;
  samples: number;
}

/** Runs benchmark 2 (see the module docs). */
export async function runParse(opts: BenchOptions): Promise<ConcernResult> {
  const sampling = opts.quick
    ? { samples: 11, warmupMs: 150, minSampleMs: 5 }
    : { samples: 41, warmupMs: 500, minSampleMs: 20 };
  const results: SizeResult[] = [];
  let sink = 0;
  for (const n of JOB_COUNTS) {
    const text = await schedulerBody(n);
    const body = JSON.parse(text) as unknown[];
    if (!Array.isArray(body) || body.length !== n) throw new Error(`expected ${n} scheduler items`);
    const list = parseSchedulerBody(text, silentLogger);
    if (list.length !== n) throw new Error(`normalised ${list.length} of ${n} items`);
    const nowMs = Date.UTC(2026, 0, 5, 12);
    const tracker = new JobTracker();
    tracker.applySnapshot(list, nowMs);
    let pollMs = nowMs;
    const diffTracker = new JobTracker();
    diffTracker.applySnapshot(list, nowMs);

    const times = sampleInterleaved(
      {
        jsonParse: () => {
          sink ^= (JSON.parse(text) as unknown[]).length;
        },
        zodValidate: () => {
          for (const item of body) if (SchedulerItemSchema.safeParse(item).success) sink++;
        },
        normaliseList: () => {
          sink ^= normaliseSchedulerList(body, silentLogger).length;
        },
        parseSchedulerBody: () => {
          sink ^= parseSchedulerBody(text, silentLogger).length;
        },
        diff: () => {
          pollMs += 5_000;
          sink ^= diffTracker.applySnapshot(list, pollMs).started.length;
        },
        perPoll: () => {
          pollMs += 5_000;
          const jobs = parseSchedulerBody(text, silentLogger);
          sink ^= tracker.applySnapshot(jobs, pollMs).started.length;
        },
      },
      sampling,
    );
    const medianMs: Record<string, number> = {};
    for (const [k, v] of Object.entries(times)) medianMs[k] = median(v);
    const floor = medianMs.jsonParse ?? Number.NaN;
    const perPoll = medianMs.perPoll ?? Number.NaN;
    const r: SizeResult = {
      jobs: n,
      bodyBytes: Buffer.byteLength(text),
      medianMs,
      perPollUsPerJob: (perPoll * 1000) / n,
      jsonParseUsPerJob: (floor * 1000) / n,
      ratioVsJsonParse: perPoll / floor,
      parseOnlyRatioVsJsonParse: (medianMs.parseSchedulerBody ?? Number.NaN) / floor,
      samples: sampling.samples,
    };
    results.push(r);
    opts.log(
      `parse: ${fmtInt(n)} jobs (${fmtBytes(r.bodyBytes)}): per poll ${r.perPollUsPerJob.toFixed(2)} µs/job, ` +
        `JSON.parse ${r.jsonParseUsPerJob.toFixed(2)} µs/job, ratio ${r.ratioVsJsonParse.toFixed(2)}×`,
    );
  }
  if (sink === 0.5) opts.log('unreachable'); // keeps `sink` observable

  const at1000 = results.find((r) => r.jobs === 1_000);
  const rows: BenchRow[] = results.map((r) => ({
    concern: 'parse',
    metric: `per poll at ${fmtInt(r.jobs)} jobs (${fmtBytes(r.bodyBytes)}): µs/job, × JSON.parse`,
    value:
      `${r.perPollUsPerJob.toFixed(2)} µs/job, ${r.ratioVsJsonParse.toFixed(2)}× ` +
      `(JSON.parse ${r.jsonParseUsPerJob.toFixed(2)} µs/job)`,
    target: r.jobs === 1_000 ? `≤ ${PARSE_RATIO_TARGET}× JSON.parse` : null,
    met: r.jobs === 1_000 ? r.ratioVsJsonParse <= PARSE_RATIO_TARGET : null,
  }));
  if (at1000) {
    const m = at1000.medianMs;
    const us = (k: string): string => (((m[k] ?? Number.NaN) * 1000) / at1000.jobs).toFixed(2);
    rows.push({
      concern: 'parse',
      metric: '  stages at 1,000 jobs, µs/job: parse / zod / normalise (incl. zod) / diff',
      value: `${us('jsonParse')} / ${us('zodValidate')} / ${us('normaliseList')} / ${us('diff')}`,
      target: null,
      met: null,
    });
  }

  return {
    rows,
    summary: {
      parseRatioVsJsonParse: at1000 ? round(at1000.ratioVsJsonParse, 3) : null,
      parseUsPerJobAt1000: at1000 ? round(at1000.perPollUsPerJob, 3) : null,
    },
    details: {
      method:
        'Simulator GET /scheduler/ bodies; stages timed interleaved after a warm-up; median of ' +
        `${sampling.samples} samples of ≥ ${sampling.minSampleMs} ms each; perPoll = parseSchedulerBody + ` +
        'JobTracker.applySnapshot (steady state: same jobs as the previous poll).',
      target: `perPoll ≤ ${PARSE_RATIO_TARGET}× jsonParse at 1,000 jobs`,
      sizes: results.map((r) => ({
        ...r,
        medianMs: Object.fromEntries(Object.entries(r.medianMs).map(([k, v]) => [k, round(v, 5)])),
        perPollUsPerJob: round(r.perPollUsPerJob, 3),
        jsonParseUsPerJob: round(r.jsonParseUsPerJob, 3),
        ratioVsJsonParse: round(r.ratioVsJsonParse, 3),
        parseOnlyRatioVsJsonParse: round(r.parseOnlyRatioVsJsonParse, 3),
      })),
    },
  };
}
