/**
 * The benchmark's simulated days: `generateDayTrace(seed, start)` (main/core/simulator/trace.ts:
 * 8 working hours with a burst of 3–6 jobs about every 20 minutes, then 16 idle hours), with a
 * third of its jobs started on the hailuoai website instead of through the API, and on some days
 * a 30-minute API outage and an evening when the app is closed. Deterministic for a seed; the
 * same day is replayed for every poller.
 */
import { generateDayTrace, type SimJobSpec } from '../main/core/simulator/index.ts';
import { mixSeed, mulberry32 } from '../main/core/simulator/prng.ts';

/** Share of the jobs started on the website. */
export const WEBSITE_SHARE = 1 / 3;
/** Length of the outage, on the days that have one. */
export const OUTAGE_MS = 30 * 60_000;

/** A stretch of the day, epoch ms, end excluded. */
export interface Window {
  startMs: number;
  endMs: number;
}

/** One simulated day. */
export interface BenchDay {
  seed: number;
  /** The trace's jobs in start order; `source: 'website'` for about a third of them. */
  jobs: SimJobSpec[];
  /** 30 minutes when every request is refused (connection reset), or null. */
  outage: Window | null;
  /** The app is closed (the monitor stopped, its ledger kept), or null. */
  closed: Window | null;
}

const HOUR_MS = 3_600_000;

/**
 * The day for `seed`: odd seeds have an outage starting between 10:00 and 14:00 (the day starts at
 * `dayStartMs`, 09:00), seeds 1, 4, 7 and 10 an evening closed from 16:15 (the last bursts' jobs
 * start and finish while closed) to 21:00. Which jobs are website jobs is drawn per job from the
 * seed.
 */
export function benchDay(seed: number, dayStartMs: number): BenchDay {
  const jobs = generateDayTrace(seed, dayStartMs).map((spec, i): SimJobSpec => {
    const website = mulberry32(mixSeed(seed, i, 0x3eb))() < WEBSITE_SHARE;
    return website ? { ...spec, source: 'website' } : spec;
  });
  let outage: Window | null = null;
  if (seed % 2 === 1) {
    const startMs = dayStartMs + HOUR_MS + Math.floor(mulberry32(mixSeed(seed, 0x0a7a))() * 4 * HOUR_MS);
    outage = { startMs, endMs: startMs + OUTAGE_MS };
  }
  const closed =
    seed % 3 === 1 ? { startMs: dayStartMs + 7.25 * HOUR_MS, endMs: dayStartMs + 12 * HOUR_MS } : null;
  return { seed, jobs, outage, closed };
}

/** True when `atMs` lies in `w`. */
export function within(w: Window | null, atMs: number): boolean {
  return w !== null && atMs >= w.startMs && atMs < w.endMs;
}
