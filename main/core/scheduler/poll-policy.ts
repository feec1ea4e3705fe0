/**
 * Poll policy: pure functions that decide how long the monitor waits before its next request.
 *
 * Nothing here touches a clock or a timer; callers pass `nowMs` and a `random` source, so every
 * rule is unit-tested directly. The scheduler (scheduler.ts) arms the one timer; the monitor
 * (monitor.ts) asks these functions for the delay.
 *
 * Rules (adaptive mode), first match wins:
 * 1. **burst**: a new job appeared less than {@link NEW_JOB_BURST_WINDOW_MS} (60 s) ago →
 *    `activeIntervalMs` (users submit in bursts, so siblings are likely to follow).
 * 2. **active**: some running job is older than its kind's `minExpectedDurationMs`, or its age is
 *    unknown → `activeIntervalMs` (it may finish any moment).
 * 3. **warmup**: every running job is younger than its kind's minimum expected duration → wait
 *    until the earliest one could finish, but never less than `activeIntervalMs` and never more
 *    than `warmupIntervalMs`.
 * 4. **recent-idle**: nothing runs, but a job was seen within `recentWindowMs` →
 *    `recentIdleIntervalMs`.
 * 5. **idle**: otherwise → `idleIntervalMs`.
 *
 * Fixed mode always uses `fixedIntervalMs`. Failures use {@link retryDelayMs} in both modes.
 */
import type { JobKind } from '../types.ts';

/**
 * How the monitor paces GET /scheduler/ polls. Every value is milliseconds.
 * Defaults are in {@link DEFAULT_POLLING}.
 */
export interface PollingSettings {
  /** 'adaptive' follows the rules in this module's header; 'fixed' always waits `fixedIntervalMs`. */
  mode: 'adaptive' | 'fixed';
  /** Poll interval in 'fixed' mode. Default 30 000 (30 s, useapi's own scripts poll every 30 s). */
  fixedIntervalMs: number;
  /** Poll interval while a running job may finish any moment. Default 5 000. */
  activeIntervalMs: number;
  /**
   * Upper bound on the wait while every running job is younger than its kind's minimum expected
   * duration. Default 15 000.
   */
  warmupIntervalMs: number;
  /**
   * Poll interval when nothing runs now but a job was seen within `recentWindowMs`. Default 30 000
   * (was 20 000 before the per-account lists; see `idleIntervalMs`).
   */
  recentIdleIntervalMs: number;
  /**
   * Poll interval when nothing has run for longer than `recentWindowMs`. Default 120 000 (2 min).
   * Without the per-account lists, 2 min missed short image jobs of the day's first burst (they
   * started and ended between two polls), so it was 1 min; the lists now find such a job, and the
   * simulated-day benchmark keeps every request of a day, lists included, within 20 % of a fixed
   * 5 s poller's only with 2 min here and 30 s in recent idle (bench/PERFORMANCE.md).
   */
  idleIntervalMs: number;
  /** How long after the last running job the monitor stays in "recent idle". Default 3 600 000 (1 h). */
  recentWindowMs: number;
  /** Shortest plausible generation time per kind. Default video 60 000, image 10 000. */
  minExpectedDurationMs: { video: number; image: number };
  /** First backoff step after a failed poll. Default 5 000; doubles per failure, full jitter. */
  backoffBaseMs: number;
  /** Cap on the backoff step. Default 300 000 (5 min). */
  backoffMaxMs: number;
}

/**
 * Default polling settings: adaptive; fixed 30 s; active 5 s; warmup ≤ 15 s; recent idle 30 s;
 * idle 2 min; recent window 1 h; minimum expected duration video 60 s, image 10 s; backoff from
 * 5 s up to 5 min. Frozen: copy it with {@link resolvePollingSettings}.
 */
export const DEFAULT_POLLING: PollingSettings = Object.freeze({
  mode: 'adaptive',
  fixedIntervalMs: 30_000,
  activeIntervalMs: 5_000,
  warmupIntervalMs: 15_000,
  recentIdleIntervalMs: 30_000,
  idleIntervalMs: 120_000,
  recentWindowMs: 3_600_000,
  minExpectedDurationMs: Object.freeze({ video: 60_000, image: 10_000 }),
  backoffBaseMs: 5_000,
  backoffMaxMs: 300_000,
}) as PollingSettings;

/** After a new job id appears, poll at `activeIntervalMs` for this long (60 s): bursts bring siblings. */
export const NEW_JOB_BURST_WINDOW_MS = 60_000;

/** No poll interval is ever shorter than this (1 s), whatever the settings say. */
export const MIN_POLL_INTERVAL_MS = 1_000;

/** No backoff wait is shorter than this (1 s), even when the jitter draws 0. */
export const MIN_BACKOFF_DELAY_MS = 1_000;

/** Each re-check of a vanished, not-yet-final job waits this factor longer than the previous one (1.5). */
export const RECHECK_GROWTH_FACTOR = 1.5;

/**
 * The first 6 re-checks keep the base interval (5 s → the first 30 s): most jobs that leave the
 * scheduler before their status is final become final within seconds, and growing at once pushed
 * the detection p95 to 11 s.
 */
export const RECHECK_FLAT_CHECKS = 6;

/** Cap on the wait between re-checks of one vanished job (5 min). */
export const RECHECK_MAX_INTERVAL_MS = 300_000;

/** Which rule produced a poll delay (for logs and diagnostics). */
export type PollRegime = 'fixed' | 'burst' | 'active' | 'warmup' | 'recent-idle' | 'idle';

/** A running job as the policy sees it. */
export interface PollPolicyJob {
  kind: JobKind;
  /**
   * Best estimate of when the job started (epoch ms): the scheduler's `started`, else the time it
   * was first seen minus the reported `elapsed`; null when neither is known (treated as "may finish
   * any moment").
   */
  estimatedStartMs: number | null;
}

/** Everything the adaptive rules look at. Instants are epoch ms. */
export interface PollPolicyState {
  nowMs: number;
  /** Jobs in the last scheduler snapshot. */
  running: readonly PollPolicyJob[];
  /** When a job id was last seen for the first time, or null. */
  lastNewJobMs: number | null;
  /** When a running job was last seen in the scheduler, or null if never. */
  lastActiveMs: number | null;
}

/** A poll delay and the rule that chose it. */
export interface PollDecision {
  delayMs: number;
  regime: PollRegime;
}

/**
 * Polling for a demo on the simulator, whose jobs run `speed` times faster than real ones: every
 * interval and expected duration of {@link DEFAULT_POLLING} divided by `speed` (never below the
 * 1 s floor), so the demo shows what the real app would, only sooner. Without it, a ×10 demo's
 * 2–6 s images started and finished between two 20 s polls and were never seen.
 * @param speed the simulator's speed factor, > 0.
 */
export function demoPolling(speed: number): Partial<PollingSettings> {
  const scale = demoTimeScale(speed);
  const d = DEFAULT_POLLING;
  return {
    activeIntervalMs: scale(d.activeIntervalMs),
    warmupIntervalMs: scale(d.warmupIntervalMs),
    recentIdleIntervalMs: scale(d.recentIdleIntervalMs),
    idleIntervalMs: scale(d.idleIntervalMs),
    recentWindowMs: scale(d.recentWindowMs, 0),
    minExpectedDurationMs: {
      video: scale(d.minExpectedDurationMs.video, 0),
      image: scale(d.minExpectedDurationMs.image, 0),
    },
  };
}

/**
 * A demo's time scale: `ms` divided by `speed` (1 when `speed` is not a positive number), rounded,
 * and never below `floorMs` (default {@link MIN_POLL_INTERVAL_MS}).
 */
export function demoTimeScale(speed: number): (ms: number, floorMs?: number) => number {
  const s = speed > 0 && Number.isFinite(speed) ? speed : 1;
  return (ms, floorMs = MIN_POLL_INTERVAL_MS) => Math.max(floorMs, Math.round(ms / s));
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Merge a partial settings object over `base`, ignoring anything that is not a finite positive
 * number (or a valid mode), and raising intervals below {@link MIN_POLL_INTERVAL_MS} to it.
 * Never throws: bad user input falls back to `base`.
 */
export function resolvePollingSettings(
  patch: Partial<PollingSettings> | undefined,
  base: PollingSettings = DEFAULT_POLLING,
): PollingSettings {
  const p: Partial<PollingSettings> = patch ?? {};
  const interval = (v: unknown, fb: number): number => Math.max(MIN_POLL_INTERVAL_MS, positive(v, fb));
  const minExp: Partial<PollingSettings['minExpectedDurationMs']> = p.minExpectedDurationMs ?? {};
  return {
    mode: p.mode === 'adaptive' || p.mode === 'fixed' ? p.mode : base.mode,
    fixedIntervalMs: interval(p.fixedIntervalMs, base.fixedIntervalMs),
    activeIntervalMs: interval(p.activeIntervalMs, base.activeIntervalMs),
    warmupIntervalMs: interval(p.warmupIntervalMs, base.warmupIntervalMs),
    recentIdleIntervalMs: interval(p.recentIdleIntervalMs, base.recentIdleIntervalMs),
    idleIntervalMs: interval(p.idleIntervalMs, base.idleIntervalMs),
    recentWindowMs: positive(p.recentWindowMs, base.recentWindowMs),
    minExpectedDurationMs: {
      video: positive(minExp.video, base.minExpectedDurationMs.video),
      image: positive(minExp.image, base.minExpectedDurationMs.image),
    },
    backoffBaseMs: Math.max(MIN_BACKOFF_DELAY_MS, positive(p.backoffBaseMs, base.backoffBaseMs)),
    backoffMaxMs: Math.max(MIN_BACKOFF_DELAY_MS, positive(p.backoffMaxMs, base.backoffMaxMs)),
  };
}

/** Delay until the next poll after a successful one, with the rule that chose it (see module header). */
export function nextPollDecision(settings: PollingSettings, state: PollPolicyState): PollDecision {
  if (settings.mode === 'fixed') return { delayMs: settings.fixedIntervalMs, regime: 'fixed' };
  const { nowMs } = state;
  if (state.lastNewJobMs !== null && nowMs - state.lastNewJobMs < NEW_JOB_BURST_WINDOW_MS) {
    return { delayMs: settings.activeIntervalMs, regime: 'burst' };
  }
  if (state.running.length > 0) {
    let earliestPossibleFinishMs = Number.POSITIVE_INFINITY;
    for (const job of state.running) {
      if (job.estimatedStartMs === null) return { delayMs: settings.activeIntervalMs, regime: 'active' };
      const remainingMs = settings.minExpectedDurationMs[job.kind] - (nowMs - job.estimatedStartMs);
      // NaN (an unexpected kind or start) counts as "may finish any moment".
      if (!(remainingMs > 0)) return { delayMs: settings.activeIntervalMs, regime: 'active' };
      earliestPossibleFinishMs = Math.min(earliestPossibleFinishMs, remainingMs);
    }
    const delayMs = Math.min(
      settings.warmupIntervalMs,
      Math.max(settings.activeIntervalMs, earliestPossibleFinishMs),
    );
    return { delayMs, regime: 'warmup' };
  }
  if (state.lastActiveMs !== null && nowMs - state.lastActiveMs < settings.recentWindowMs) {
    return { delayMs: settings.recentIdleIntervalMs, regime: 'recent-idle' };
  }
  return { delayMs: settings.idleIntervalMs, regime: 'idle' };
}

/**
 * Backoff after `failures` consecutive failed attempts (1 = first failure): exponential with full
 * jitter. The ceiling is `min(backoffMaxMs, backoffBaseMs × 2^(failures−1))` and the delay is
 * `random() × ceiling`, but at least {@link MIN_BACKOFF_DELAY_MS}.
 * @param random returns a number in [0, 1) (values outside are clamped).
 */
export function backoffDelayMs(failures: number, settings: PollingSettings, random: () => number): number {
  const steps = Math.max(0, Math.floor(failures) - 1);
  // 2^steps overflows to Infinity after ~1 000 failures; Math.min keeps the cap.
  const ceilingMs = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** steps);
  const r = random();
  const jitter = Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 1;
  return Math.max(MIN_BACKOFF_DELAY_MS, Math.round(ceilingMs * jitter));
}

/**
 * Delay before retrying after a failure: {@link backoffDelayMs}, but never earlier than the
 * server's Retry-After (`retryAtMs`, epoch ms, from the ApiError).
 */
export function retryDelayMs(
  failures: number,
  settings: PollingSettings,
  random: () => number,
  nowMs: number,
  retryAtMs: number | null,
): number {
  const backoff = backoffDelayMs(failures, settings, random);
  return retryAtMs === null ? backoff : Math.max(backoff, retryAtMs - nowMs);
}

/**
 * Wait before the next re-check of a job that left the scheduler but is not final yet:
 * `intervalMs` for the first {@link RECHECK_FLAT_CHECKS} checks, then growing ×1.5 per check
 * (`intervalMs × 1.5^(checksDone − 6)`), capped at {@link RECHECK_MAX_INTERVAL_MS}.
 * @param checksDone how many checks of this job have already been made (≥ 1).
 */
export function recheckDelayMs(checksDone: number, intervalMs: number): number {
  const steps = Math.max(0, Math.floor(checksDone) - RECHECK_FLAT_CHECKS);
  return Math.round(Math.min(RECHECK_MAX_INTERVAL_MS, intervalMs * RECHECK_GROWTH_FACTOR ** steps));
}
