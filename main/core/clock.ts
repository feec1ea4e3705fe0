/**
 * Clocks: the real one, and a fake one for tests and benchmarks (simulated days in seconds).
 * All times are epoch milliseconds; all delays are milliseconds.
 */
import type { Clock, TimerHandle } from './types.ts';

/**
 * The system clock and Node/browser timers. Timers are ref'd on purpose: the scheduler's one armed
 * timer is what keeps `minimax-jobs watch` alive between polls (with unref'd timers the process
 * quietly exited after its first poll).
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, delayMs) => setTimeout(fn, Math.max(0, delayMs)) as unknown as TimerHandle,
  clearTimeout: (handle) => clearTimeout(handle as unknown as ReturnType<typeof setTimeout>),
};

interface FakeTimer {
  id: number;
  dueMs: number;
  fn: () => void;
}

/**
 * A manually advanced clock. Timers fire in due order when {@link FakeClock.advance} or
 * {@link FakeClock.runNext} passes their due time; `now()` only moves when told to.
 */
export class FakeClock implements Clock {
  private nowMs: number;
  private seq = 0;
  private timers: FakeTimer[] = [];
  /** Number of timer callbacks run so far (idle wake-up benchmarks count these). */
  firedCount = 0;

  /** @param startMs initial epoch ms (default 2026-01-01T00:00:00Z). */
  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const timer: FakeTimer = { id: ++this.seq, dueMs: this.nowMs + Math.max(0, delayMs), fn };
    this.timers.push(timer);
    return timer as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t !== (handle as unknown as FakeTimer));
  }

  /** Number of timers waiting. */
  get pending(): number {
    return this.timers.length;
  }

  /** Due time (epoch ms) of the earliest timer, or null when none is set. */
  nextDueMs(): number | null {
    let min: number | null = null;
    for (const t of this.timers) if (min === null || t.dueMs < min) min = t.dueMs;
    return min;
  }

  /** Jump the wall clock by `ms` without firing timers (a sleep/resume clock jump). */
  jump(ms: number): void {
    this.nowMs += ms;
  }

  /**
   * Move to the earliest timer (not past `limitMs`), fire it, and return true; false when no timer
   * is due by `limitMs`, in which case the clock moves to `limitMs`.
   */
  runNext(limitMs = Number.POSITIVE_INFINITY): boolean {
    const due = this.nextDueMs();
    if (due === null || due > limitMs) {
      if (Number.isFinite(limitMs)) this.nowMs = Math.max(this.nowMs, limitMs);
      return false;
    }
    const timer = this.timers.filter((t) => t.dueMs === due).reduce((a, b) => (a.id < b.id ? a : b));
    this.timers = this.timers.filter((t) => t !== timer);
    this.nowMs = Math.max(this.nowMs, timer.dueMs);
    this.firedCount++;
    timer.fn();
    return true;
  }

  /**
   * Advance by `ms`, firing every timer that falls due on the way, in order. Between timers it
   * awaits `settle` (default: one macrotask turn) so async work started by a timer can finish.
   */
  async advance(
    ms: number,
    settle: () => Promise<void> = () => new Promise((r) => setImmediate(r)),
  ): Promise<void> {
    const end = this.nowMs + ms;
    await settle();
    while (this.runNext(end)) await settle();
    this.nowMs = end;
  }
}
