/**
 * The scheduler: the one owner of every timer in the core. Nothing else calls `clock.setTimeout`.
 *
 * It holds named due times ("poll", "recheck", …) in wall-clock epoch ms and arms exactly one timer,
 * for the earliest of them. When items fall due it calls the single `run` callback with their
 * names, and it never starts a second run while one is in flight: work is strictly serial, so the
 * monitor can never have two scheduler requests out at once.
 *
 * - **Retry-After floor** ({@link Scheduler.setNotBefore}): nothing runs before it, not even a
 *   {@link Scheduler.trigger}.
 * - **Pause**: no timer is armed; only explicit triggers run.
 * - **Clock jumps**: a timer is never armed for longer than `maxTimerSliceMs` (default
 *   {@link MAX_TIMER_SLICE_MS}, 2 min). On every firing the scheduler compares the wall clock with
 *   the time it armed the timer. If the wall clock moved *forward* (sleep/resume; timers in Node
 *   follow a monotonic clock that stops while the machine sleeps), overdue items simply run at
 *   once. If it moved *backward* by more than {@link CLOCK_SKEW_TOLERANCE_MS}, every due time
 *   (and the floor) is shifted back by the same amount, so a clock set back by an hour does not
 *   stall polling for an hour.
 */
import type { Clock, Logger, TimerHandle } from '../types.ts';

/** Longest single timer the scheduler arms (2 min, above the default idle poll interval of 1 min, so idle costs no extra wake-ups). */
export const MAX_TIMER_SLICE_MS = 120_000;

/** A timer firing this much (1 s) before the wall clock says it should is treated as a backward clock jump. */
export const CLOCK_SKEW_TOLERANCE_MS = 1_000;

/** Options for {@link Scheduler}. */
export interface SchedulerOptions {
  clock: Clock;
  logger: Logger;
  /**
   * Does the work for the items that fell due (their names). Never called twice at once. Items
   * passed here are removed before the call; the callback sets them again with
   * {@link Scheduler.setDue}. A rejection is logged and otherwise ignored.
   */
  run: (dueKeys: ReadonlySet<string>) => Promise<void>;
  /** See {@link MAX_TIMER_SLICE_MS}. */
  maxTimerSliceMs?: number;
}

/** Serial, single-timer work scheduler (see module docs). */
export class Scheduler {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly runFn: (dueKeys: ReadonlySet<string>) => Promise<void>;
  private readonly maxSliceMs: number;
  private readonly due = new Map<string, number>();
  /** Keys triggered explicitly; they run even while paused. */
  private readonly forced = new Set<string>();
  /** Keys triggered while a run was in flight: made due "now" once it ends. */
  private readonly triggeredWhileBusy = new Set<string>();
  private notBeforeMs: number | null = null;
  private timer: TimerHandle | null = null;
  private armedAtMs = 0;
  private armedDelayMs = 0;
  private inFlight: Promise<void> | null = null;
  private paused = false;
  private stopped = false;

  constructor(opts: SchedulerOptions) {
    this.clock = opts.clock;
    this.logger = opts.logger;
    this.runFn = opts.run;
    this.maxSliceMs = Math.max(1, opts.maxTimerSliceMs ?? MAX_TIMER_SLICE_MS);
  }

  /** Set (epoch ms) or clear (null) the due time of `key`, then re-arm the timer. */
  setDue(key: string, dueMs: number | null): void {
    if (dueMs === null || !Number.isFinite(dueMs)) {
      this.due.delete(key);
      this.forced.delete(key);
    } else {
      this.due.set(key, dueMs);
    }
    this.pump();
  }

  /** Due time of `key` (epoch ms, raised to the Retry-After floor), or null when not set. */
  dueMs(key: string): number | null {
    const d = this.due.get(key);
    if (d === undefined) return null;
    return this.notBeforeMs !== null ? Math.max(d, this.notBeforeMs) : d;
  }

  /**
   * Run `key` as soon as allowed: now, or right after the run in flight, or at the Retry-After
   * floor. Works while paused (an explicit user request). Coalesced: many triggers, one run.
   */
  trigger(key: string): void {
    if (this.stopped) return;
    this.forced.add(key);
    if (this.inFlight) {
      this.triggeredWhileBusy.add(key);
      return;
    }
    const now = this.clock.now();
    this.due.set(key, Math.min(this.due.get(key) ?? now, now));
    this.pump();
  }

  /** Nothing runs before `atMs` (epoch ms; Retry-After). A later value replaces an earlier one; null clears. */
  setNotBefore(atMs: number | null): void {
    if (atMs === null) this.notBeforeMs = null;
    else if (this.notBeforeMs === null || atMs > this.notBeforeMs) this.notBeforeMs = atMs;
    this.pump();
  }

  /** The Retry-After floor (epoch ms) while it is in the future, else null. */
  notBefore(): number | null {
    return this.notBeforeMs !== null && this.notBeforeMs > this.clock.now() ? this.notBeforeMs : null;
  }

  /** Stop arming timers; explicit triggers still run. */
  pause(): void {
    this.paused = true;
    this.pump();
  }

  /** Arm timers again; overdue items run at once. */
  resume(): void {
    this.paused = false;
    this.pump();
  }

  /** True while a run is in flight. */
  get busy(): boolean {
    return this.inFlight !== null;
  }

  /** True when a timer is armed (tests and diagnostics). */
  get armed(): boolean {
    return this.timer !== null;
  }

  /** Resolves when no run is in flight and none was started in the meantime. */
  async whenIdle(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  /** Clear the timer for good, forget every item, and wait for the run in flight. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    this.due.clear();
    this.forced.clear();
    this.triggeredWhileBusy.clear();
    await this.whenIdle();
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
  }

  /** Start a run if something is due, else arm one timer for the earliest eligible item. */
  private pump(): void {
    if (this.stopped || this.inFlight) return;
    this.clearTimer();
    const now = this.clock.now();
    const floor = this.notBeforeMs !== null && this.notBeforeMs > now ? this.notBeforeMs : null;
    let earliest: number | null = null;
    const ready = new Set<string>();
    for (const [key, d] of this.due) {
      if (this.paused && !this.forced.has(key)) continue;
      const at = floor !== null ? Math.max(d, floor) : d;
      if (at <= now) ready.add(key);
      else if (earliest === null || at < earliest) earliest = at;
    }
    if (ready.size > 0) {
      this.startRun(ready);
      return;
    }
    if (earliest === null) return;
    this.armedAtMs = now;
    this.armedDelayMs = Math.min(earliest - now, this.maxSliceMs);
    this.timer = this.clock.setTimeout(() => this.onTimer(), this.armedDelayMs);
  }

  private onTimer(): void {
    this.timer = null;
    if (this.stopped) return;
    const wallElapsedMs = this.clock.now() - this.armedAtMs;
    const backwardMs = this.armedDelayMs - wallElapsedMs;
    if (backwardMs > CLOCK_SKEW_TOLERANCE_MS) {
      this.logger.info(
        `scheduler: wall clock moved back by ${Math.round(backwardMs / 1000)} s; shifting due times`,
      );
      for (const [key, d] of this.due) this.due.set(key, d - backwardMs);
      if (this.notBeforeMs !== null) this.notBeforeMs -= backwardMs;
    }
    this.pump();
  }

  private startRun(keys: Set<string>): void {
    for (const k of keys) {
      this.due.delete(k);
      this.forced.delete(k);
    }
    const run = (async () => {
      try {
        await this.runFn(keys);
      } catch (e) {
        this.logger.error('scheduler: run failed', e);
      }
    })();
    this.inFlight = run;
    void run.then(() => {
      this.inFlight = null;
      if (this.stopped) return;
      const now = this.clock.now();
      for (const k of this.triggeredWhileBusy) {
        this.due.set(k, Math.min(this.due.get(k) ?? now, now));
        this.forced.add(k);
      }
      this.triggeredWhileBusy.clear();
      this.pump();
    });
  }
}
