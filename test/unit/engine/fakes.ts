// Test doubles for the engine tests: a scriptable MinimaxApi and small builders.
import { ApiError } from '../../../main/core/api/errors.ts';
import type { MinimaxApi } from '../../../main/core/api/api.ts';
import type {
  Clock,
  JobKind,
  JobStatus,
  MonitorEvent,
  RunningJob,
  TimerHandle,
} from '../../../main/core/types.ts';

export const T0 = Date.UTC(2026, 0, 1);

let seq = 0;

/** A scheduler item for account 222222; `startedMs` defaults to "now-ish" at T0. */
export function job(localId: string, kind: JobKind = 'video', startedMs: number | null = T0): RunningJob {
  return {
    id: `user:1111-minimax:222222-${kind}:${localId}`,
    kind,
    account: '222222',
    startedMs,
    reportedElapsedMs: null,
    replyRef: null,
    replyUrl: null,
  };
}

/** A GET /videos|images/{id} answer. */
export function status(id: string, s: Partial<JobStatus> = {}): JobStatus {
  return {
    id,
    final: false,
    outcome: null,
    status: 1,
    statusLabel: 'processing',
    percent: 40,
    message: null,
    resultUrl: null,
    coverUrl: null,
    prompt: null,
    ...s,
  };
}

export function succeeded(id: string, extra: Partial<JobStatus> = {}): JobStatus {
  return status(id, {
    final: true,
    outcome: 'succeeded',
    status: 2,
    statusLabel: 'completed',
    percent: 100,
    resultUrl: `https://cdn.example/${++seq}.mp4`,
    coverUrl: `https://cdn.example/${seq}.jpg`,
    prompt: 'a cat surfing',
    ...extra,
  });
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type StatusAnswer = JobStatus | ApiError | ((id: string) => JobStatus | ApiError);

/**
 * Scriptable MinimaxApi. `list` is what GET /scheduler/ returns; `statuses` answers status checks
 * (a missing entry answers "processing"); `schedulerErrors` are thrown by the next polls in order.
 * With `manual = true`, every listScheduler call waits until the test calls `release()`.
 */
export class FakeApi implements MinimaxApi {
  list: RunningJob[] = [];
  statuses = new Map<string, StatusAnswer>();
  schedulerErrors: ApiError[] = [];
  manual = false;
  schedulerCalls = 0;
  statusCalls: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private waiting: Deferred<void>[] = [];

  async listScheduler(): Promise<RunningJob[]> {
    this.schedulerCalls++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.manual) {
        const d = deferred<void>();
        this.waiting.push(d);
        await d.promise;
      }
      const err = this.schedulerErrors.shift();
      if (err) throw err;
      return this.list.map((j) => ({ ...j }));
    } finally {
      this.inFlight--;
    }
  }

  /** Let the oldest waiting listScheduler call answer. Returns false when none waits. */
  release(): boolean {
    const d = this.waiting.shift();
    d?.resolve();
    return d !== undefined;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  async schedulerAvailable(): Promise<{ executing: RunningJob[]; available: [] }> {
    return { executing: this.list, available: [] };
  }

  /** Ids sent to DELETE /scheduler/{id}, in order. */
  stopped: string[] = [];
  async stopTracking(id: string): Promise<void> {
    this.stopped.push(id);
  }

  async getJobStatus(id: string): Promise<JobStatus> {
    this.statusCalls.push(id);
    let answer = this.statuses.get(id) ?? status(id);
    if (typeof answer === 'function') answer = answer(id);
    if (answer instanceof ApiError) throw answer;
    return { ...answer };
  }

  /** Ids sent to POST /videos/cancel, in order. */
  cancelled: string[] = [];
  async cancelVideo(id: string): Promise<void> {
    this.cancelled.push(id);
  }

  async listAccounts(): Promise<[]> {
    return [];
  }
}

/** 404 "Not found." from GET /videos/{id}. */
export function notFound(): ApiError {
  return new ApiError('not-found', 'Not found.', { status: 404 });
}

/** Collects emitted batches. */
export class Recorder {
  batches: MonitorEvent[][] = [];
  readonly listener = (events: MonitorEvent[]): void => {
    this.batches.push(events);
  };
  get events(): MonitorEvent[] {
    return this.batches.flat();
  }
  ofType<K extends MonitorEvent['type']>(type: K): Extract<MonitorEvent, { type: K }>[] {
    return this.events.filter((e): e is Extract<MonitorEvent, { type: K }> => e.type === type);
  }
  finishedIds(): string[] {
    return this.ofType('job-finished').map((e) => e.job.id);
  }
  clear(): void {
    this.batches = [];
  }
}

/**
 * A clock whose wall time can jump while its timers keep counting in their own (monotonic) time,
 * like Node's timers across a laptop sleep or a manual clock change. Wraps a FakeClock.
 */
export class JumpyClock implements Clock {
  offsetMs = 0;
  private readonly inner: Clock & { advance(ms: number, settle?: () => Promise<void>): Promise<void> };
  constructor(inner: Clock & { advance(ms: number, settle?: () => Promise<void>): Promise<void> }) {
    this.inner = inner;
  }
  now(): number {
    return this.inner.now() + this.offsetMs;
  }
  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    return this.inner.setTimeout(fn, delayMs);
  }
  clearTimeout(handle: TimerHandle): void {
    this.inner.clearTimeout(handle);
  }
  /** Wall clock moves by `ms`; timers do not notice. */
  wallJump(ms: number): void {
    this.offsetMs += ms;
  }
}
