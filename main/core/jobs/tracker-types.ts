/**
 * The shapes around {@link import('./tracker.ts').JobTracker}: how it re-checks a job that left
 * the scheduler, what a page of an account's list changed, and a job awaiting its result.
 */
import type { FinishedJob, RunningJob } from '../types.ts';

/** How the tracker re-checks a job that left the scheduler but is not final yet. All ms. */
export interface RecheckSettings {
  /** Re-check interval for the first 6 checks; later ones grow by 1.5× up to 5 min. Default 5 000. */
  intervalMs: number;
  /** Give up (outcome `unknown`) after this many checks, the first included. Default 20. */
  maxChecks: number;
  /** Give up (outcome `unknown`) once this long has passed since the job vanished. Default 1 800 000 (30 min). */
  maxAgeMs: number;
}

/** Default re-check settings: 5 s for 30 s, then growing by 1.5× (cap 5 min), at most 20 checks or 30 min. */
export const DEFAULT_RECHECK: RecheckSettings = Object.freeze({
  intervalMs: 5_000,
  maxChecks: 20,
  maxAgeMs: 30 * 60_000,
});

/** What one page of an account's list changed. */
export interface ListPageResult {
  /** Jobs whose outcome the page settled: announce as job-finished (already in history). */
  finished: FinishedJob[];
  /** The running list changed (a website job started or finished). */
  runningChanged: boolean;
  /** Running items seen for the first time (tracked as website jobs until a poll confirms them). */
  foundRunning: number;
}

/** A job that left the scheduler and waits for its final status (a re-check is pending). */
export interface AwaitingResult {
  /** The job as the scheduler last listed it. */
  job: RunningJob;
  /** When a snapshot first lacked it (epoch ms). */
  goneSinceMs: number;
  /** Status checks made so far. */
  checks: number;
  /** When the next status check is due (epoch ms). */
  nextCheckMs: number;
}
