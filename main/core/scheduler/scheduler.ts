/**
 * The scheduler: the one owner of every timer and every API request in the core. Nothing else
 * calls `clock.setTimeout`, and every request the monitor sends runs inside one of its runs.
 *
 * It holds named due times ("poll", "recheck", "accounts", …) in wall-clock epoch ms and a FIFO
 * queue of one-shot tasks (a user's "stop tracking", "cancel", a token test), and arms exactly one
 * timer, for the earliest of them. Work is strictly serial: one run at a time, and a run is either
 * one queued task or one due key (`run(key)`), so there is never more than one request in flight.
 * When several are ready, queued tasks go first (a user is waiting), then keys in the `order`
 * given at construction, then any other key by due time.
 *
 * - **Retry-After floor** ({@link Scheduler.setNotBefore}): nothing runs before it, not a key, not
 *   a {@link Scheduler.trigger}, not a queued task; so a 429 on any route delays every route.
 * - **Pause**: keys wait; explicit triggers and queued tasks still run (a user asked for them).
 * - **Clock jumps**: a timer is never armed for longer than {@link MAX_TIMER_SLICE_MS} (2 min). On
 *   every firing the scheduler compares the wall clock with the time it armed the timer. If the
 *   wall clock moved *forward* (sleep/resume; timers in Node follow a monotonic clock that stops
 *   while the machine sleeps), overdue items simply run at once. If it moved *backward* by more
 *   than {@link CLOCK_SKEW_TOLERANCE_MS}, every due time (and the floor) is shifted back by the
 *   same amount, so a clock set back by an hour does not stall polling for an hour.
 */
import type { Clock, Logger, TimerHandle } from '../types.ts';

/** Longest single timer the scheduler arms (2 min, the default idle poll interval, so idle costs no extra wake-ups). */
export const MAX_TIMER_SLICE_MS = 120_000;

/** A timer firing this much (1 s) before the wall clock says it should is treated as a backward clock jump. */
export const CLOCK_SKEW_TOLERANCE_MS = 1_000;

/** Options for {@link Scheduler}. */
export interface SchedulerOptions {
  clock: Clock;
  logger: Logger;
  /**
   * Does the work of one key that fell due. Never called twice at once, nor while a queued task
   * runs. The key is removed before the call; the callback sets it again with
   * {@link Scheduler.setDue}. A rejection is logged and otherwise ignored.
   */
  run: (key: string) => Promise<void>;
  /** Keys that go first when several are ready, most urgent first (others follow by due time). */
  order?: readonly string[];
}

/** Rejection of a task queued after, or still waiting at, {@link Scheduler.stop}. */
export class SchedulerStoppedError extends Error {
  override readonly name = 'SchedulerStoppedError';
  constructor() {
    super('The monitor is stopping; the request was not sent.');
  }
}

interface QueuedTask {
  task: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** Serial, single-timer work scheduler (see module docs). */
export class Scheduler {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly runFn: (key: string) => Promise<void>;
  private readonly order: readonly string[];
  private readonly due = new Map<string, number>();
  /** Keys triggered explicitly; they run even while paused. */
  private readonly forced = new Set<string>();
  /** Keys triggered while a run was in flight: made due "now" once it ends. */
  private readonly triggeredWhileBusy = new Set<string>();
  private readonly queue: QueuedTask[] = [];
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
    this.order = opts.order ?? [];
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

  /**
   * Queue a one-shot task (one API request and what follows from it). It runs after the run in
   * flight and any task queued before it, never before the Retry-After floor, also while paused.
   * @returns what the task returns.
   * @throws whatever the task throws; {@link SchedulerStoppedError} when the scheduler stops
   *   before the task started.
   */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.stopped) return Promise.reject(new SchedulerStoppedError());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ task, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
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

  /** Stop arming timers for keys; explicit triggers and queued tasks still run. */
  pause(): void {
    this.paused = true;
    this.pump();
  }

  /** Arm timers again; overdue keys run at once. */
  resume(): void {
    this.paused = false;
    this.pump();
  }

  /** True while a run is in flight. */
  get busy(): boolean {
    return this.inFlight !== null;
  }

  /** Resolves when no run is in flight and none was started in the meantime. */
  async whenIdle(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  /**
   * Clear the timer for good, forget every key, reject every task still waiting
   * ({@link SchedulerStoppedError}), and wait for the run in flight. Idempotent.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    this.due.clear();
    this.forced.clear();
    this.triggeredWhileBusy.clear();
    for (const queued of this.queue.splice(0)) queued.reject(new SchedulerStoppedError());
    await this.whenIdle();
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
  }

  /** Start a run if something is ready, else arm one timer for the earliest eligible item. */
  private pump(): void {
    if (this.stopped || this.inFlight) return;
    this.clearTimer();
    const now = this.clock.now();
    const floor = this.notBeforeMs !== null && this.notBeforeMs > now ? this.notBeforeMs : null;
    const queued = floor === null ? this.queue.shift() : undefined;
    if (queued) {
      this.startRun(() => queued.task().then(queued.resolve, queued.reject));
      return;
    }
    let earliest: number | null = this.queue.length > 0 ? floor : null;
    let ready: { key: string; at: number; rank: number } | null = null;
    for (const [key, d] of this.due) {
      if (this.paused && !this.forced.has(key)) continue;
      const at = floor !== null ? Math.max(d, floor) : d;
      if (at > now) {
        if (earliest === null || at < earliest) earliest = at;
        continue;
      }
      const listed = this.order.indexOf(key);
      const rank = listed === -1 ? this.order.length : listed;
      if (!ready || rank < ready.rank || (rank === ready.rank && at < ready.at)) ready = { key, at, rank };
    }
    if (ready) {
      const { key } = ready;
      this.due.delete(key);
      this.forced.delete(key);
      this.startRun(() => this.runFn(key));
      return;
    }
    if (earliest === null) return;
    this.armedAtMs = now;
    this.armedDelayMs = Math.min(earliest - now, MAX_TIMER_SLICE_MS);
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

  private startRun(work: () => Promise<void>): void {
    const run = (async () => {
      try {
        await work();
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
