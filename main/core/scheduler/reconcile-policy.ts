/**
 * Reconcile policy: pure functions that decide when the monitor next reads the per-account lists
 * (GET /accounts, then GET /videos/ and GET /images/ per account) to find website jobs and jobs
 * that finished while it was away. Nothing here touches a clock or a timer, like poll-policy.ts.
 *
 * A **full** reconcile reads every account's two lists. It runs:
 * - at start (after the first successful poll), right after every `recovered` event, on resume
 *   from sleep, with a new client, and when website jobs are turned on or "check now" asks;
 * - half a minute after jobs appear in an empty scheduler queue (a burst begins: website jobs
 *   submitted alongside are then found running, and followed), and soon after the queue empties
 *   again (the burst is over: website jobs started alongside it have likely finished too), neither
 *   sooner than `minGapMs` after the last one;
 * - otherwise every `activeIntervalMs` while a job (either source) was seen within
 *   `recentWindowMs`, else every `idleIntervalMs`.
 * A **refresh** re-reads only the lists that hold a running website job, every `websiteRefreshMs`
 * while one runs (one request per account and kind, however many jobs it holds).
 * After a failed list request the next try waits {@link reconcileRetryDelayMs}.
 *
 * The defaults were chosen with `npm run bench` (bench/PERFORMANCE.md): they keep every request
 * of a day, lists and accounts included, within 20 % of a fixed 5 s poller's.
 */

import { demoTimeScale } from './poll-policy.ts';

/** When and how much the monitor reads the per-account lists. Durations in ms. */
export interface ReconcileSettings {
  /** Full reconcile interval while a job was seen within `recentWindowMs`. */
  activeIntervalMs: number;
  /** Full reconcile interval otherwise. */
  idleIntervalMs: number;
  /** How long "recently active" lasts after the last job was seen. */
  recentWindowMs: number;
  /** Re-read interval of the lists holding a running website job. */
  websiteRefreshMs: number;
  /** Wait after the scheduler's queue empties before the full reconcile it calls for. */
  queueEmptiedDelayMs: number;
  /**
   * Wait after jobs appear in an empty queue (a burst begins) before the full reconcile it calls
   * for: website jobs submitted alongside are then found running, and followed closely.
   */
  queueStartedDelayMs: number;
  /** A queue reconcile (emptied or started) never starts sooner than this after the previous full one began. */
  minGapMs: number;
  /** Items asked for per list page (`limit`). */
  pageLimit: number;
  /** Most pages read of one account's list of one kind per reconcile (the paging bound). */
  maxPages: number;
}

/** Default reconcile settings (see the module docs; chosen with the benchmark). */
export const DEFAULT_RECONCILE: ReconcileSettings = Object.freeze({
  activeIntervalMs: 15 * 60_000,
  idleIntervalMs: 60 * 60_000,
  recentWindowMs: 60 * 60_000,
  websiteRefreshMs: 30_000,
  queueEmptiedDelayMs: 5_000,
  queueStartedDelayMs: 30_000,
  minGapMs: 2 * 60_000,
  pageLimit: 30,
  maxPages: 5,
});

/** Why a full reconcile runs (logs, and whether the minimum gap applies). */
export type ReconcileReason =
  | 'start'
  | 'recovered'
  | 'resume'
  | 'new-client'
  | 'turned-on'
  | 'check-now'
  | 'queue-emptied'
  | 'queue-started'
  | 'timer'
  | 'retry';

/** What the next full reconcile's time depends on. Instants are epoch ms. */
export interface ReconcileTimes {
  nowMs: number;
  /** When the last full reconcile began, or null when none did (with this client). */
  lastFullMs: number | null;
  /** When a job of either source was last seen running or finished, or null. */
  lastActiveMs: number | null;
}

/** When the next full reconcile is due by the timer (epoch ms): at once when none ran yet. */
export function timedReconcileDueMs(settings: ReconcileSettings, t: ReconcileTimes): number {
  if (t.lastFullMs === null) return t.nowMs;
  const active = t.lastActiveMs !== null && t.nowMs - t.lastActiveMs < settings.recentWindowMs;
  return t.lastFullMs + (active ? settings.activeIntervalMs : settings.idleIntervalMs);
}

/**
 * When a full reconcile asked for at `requestedMs` with `reason` may start (epoch ms): at once,
 * except that a queue-emptied one waits `queueEmptiedDelayMs` and keeps `minGapMs` after the
 * previous one began (`lastFullMs`).
 */
export function requestedReconcileDueMs(
  settings: ReconcileSettings,
  reason: ReconcileReason,
  requestedMs: number,
  lastFullMs: number | null,
): number {
  if (reason !== 'queue-emptied' && reason !== 'queue-started') return requestedMs;
  const delay = reason === 'queue-emptied' ? settings.queueEmptiedDelayMs : settings.queueStartedDelayMs;
  const soon = requestedMs + delay;
  return lastFullMs === null ? soon : Math.max(soon, lastFullMs + settings.minGapMs);
}

/**
 * The reconcile cadence for a demo on the simulator, whose jobs run `speed` times faster: every
 * interval of {@link DEFAULT_RECONCILE} divided by `speed` (never below 1 s), page sizes kept.
 * @param speed the simulator's speed factor, > 0.
 */
export function demoReconcile(speed: number): Partial<ReconcileSettings> {
  const scale = demoTimeScale(speed);
  const d = DEFAULT_RECONCILE;
  return {
    activeIntervalMs: scale(d.activeIntervalMs),
    idleIntervalMs: scale(d.idleIntervalMs),
    recentWindowMs: scale(d.recentWindowMs),
    websiteRefreshMs: scale(d.websiteRefreshMs),
    queueEmptiedDelayMs: scale(d.queueEmptiedDelayMs),
    queueStartedDelayMs: scale(d.queueStartedDelayMs),
    minGapMs: scale(d.minGapMs),
  };
}

/** Wait after `failures` failed list requests in a row: 1 min doubling per failure, at most 30 min. */
export function reconcileRetryDelayMs(failures: number): number {
  return Math.min(30 * 60_000, 60_000 * 2 ** Math.max(0, Math.floor(failures) - 1));
}

/**
 * Merge a partial settings object over `base`, ignoring anything that is not a finite positive
 * number. Never throws.
 */
export function resolveReconcileSettings(
  patch: Partial<ReconcileSettings> | undefined,
  base: ReconcileSettings = DEFAULT_RECONCILE,
): ReconcileSettings {
  const p: Partial<ReconcileSettings> = patch ?? {};
  const pick = (v: unknown, fb: number): number =>
    typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fb;
  const out = { ...base };
  for (const k of Object.keys(base) as (keyof ReconcileSettings)[]) out[k] = pick(p[k], base[k]);
  out.pageLimit = Math.max(1, Math.floor(out.pageLimit));
  out.maxPages = Math.max(1, Math.floor(out.maxPages));
  return out;
}
