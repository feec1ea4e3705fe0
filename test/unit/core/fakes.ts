// Test doubles for the engine tests: a scriptable MinimaxApi and small builders.
import { ApiError } from '../../../main/core/api/errors.ts';
import { FakeClock } from '../../../main/core/clock.ts';
import { JobMonitor, type MonitorOptions } from '../../../main/core/monitor/job-monitor.ts';
import type { ListPageQuery, MinimaxApi } from '../../../main/core/api/api.ts';
import type {
  AccountInfo,
  Clock,
  JobKind,
  JobStatus,
  ListedJob,
  Logger,
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
    source: 'api',
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

  /** Every request in the order sent: `scheduler`, `status <id>`, `stop <id>`, `accounts`, `list …`. */
  calls: string[] = [];

  async listScheduler(): Promise<RunningJob[]> {
    this.schedulerCalls++;
    this.calls.push('scheduler');
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
    this.calls.push(`stop ${id}`);
    this.stopped.push(id);
  }

  async getJobStatus(id: string): Promise<JobStatus> {
    this.statusCalls.push(id);
    this.calls.push(`status ${id}`);
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

  /** What GET /accounts answers (default: none, so no list is read). */
  accounts: AccountInfo[] = [];
  accountCalls = 0;
  async listAccounts(): Promise<AccountInfo[]> {
    this.accountCalls++;
    this.calls.push('accounts');
    return this.accounts.map((a) => ({ ...a }));
  }

  /** Each account's list, newest first, by `<account> <kind>`; answered in pages like the API. */
  lists = new Map<string, ListedJob[]>();
  /** Thrown by the next list requests, in order. */
  listErrors: ApiError[] = [];
  /** Every list request: `<account> <kind> <lastId or ->`. */
  listCalls: string[] = [];
  listVideos(page: ListPageQuery): Promise<ListedJob[]> {
    return this.page('video', page);
  }
  listImages(page: ListPageQuery): Promise<ListedJob[]> {
    return this.page('image', page);
  }
  private async page(kind: JobKind, page: ListPageQuery): Promise<ListedJob[]> {
    this.listCalls.push(`${page.account} ${kind} ${page.lastId ?? '-'}`);
    this.calls.push(`list ${page.account} ${kind}`);
    const err = this.listErrors.shift();
    if (err) throw err;
    let items = this.lists.get(`${page.account} ${kind}`) ?? [];
    if (page.lastId !== null) items = items.slice(items.findIndex((i) => i.id === page.lastId) + 1);
    return items.slice(0, page.limit).map((i) => ({ ...i, status: { ...i.status } }));
  }
}

/** An account as GET /accounts answers it. */
export function account(id = '222222', name: string | null = null): AccountInfo {
  return { account: id, name, maxJobs: 3, sessionExpiresMs: null, error: null };
}

/**
 * A list item of account 222222 (GET /videos/ or GET /images/): running unless `final` says how
 * it ended; images carry `createdMs`.
 */
export function listed(
  localId: string,
  kind: JobKind = 'video',
  final: 'succeeded' | 'failed' | 'moderated' | null = null,
  createdMs: number | null = kind === 'image' ? T0 : null,
): ListedJob {
  const id = `user:1111-minimax:222222-${kind}:${localId}`;
  const code = { succeeded: 2, failed: 3, moderated: 7 } as const;
  const s =
    final === null
      ? status(id)
      : status(id, {
          final: true,
          outcome: final,
          status: code[final],
          statusLabel: final === 'succeeded' ? 'completed' : final,
          resultUrl: final === 'succeeded' ? `https://cdn.example/${localId}.mp4` : null,
          prompt: `prompt ${localId}`,
        });
  return { id, kind, account: '222222', localId, createdMs, status: s };
}

/** A logger that keeps its warnings (everything else is dropped). */
export function warnLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    debug: () => {},
    info: () => {},
    warn: (m: string) => warnings.push(m),
    error: () => {},
  };
}

/**
 * A JobMonitor on `api` and a fake clock (memory ledger, no jitter), with a recorder subscribed;
 * `start()` resolves once the first cycle settled, `advance(ms)` moves the clock, settling each run.
 */
export function monitorRig(api: FakeApi, opts: Partial<MonitorOptions> = {}, clock = new FakeClock(T0)) {
  const monitor = new JobMonitor({ clock, ledgerPath: null, random: () => 0.5, ...opts, api });
  const rec = new Recorder();
  monitor.subscribe(rec.listener);
  const advance = (ms: number) => clock.advance(ms, () => monitor.whenIdle());
  const start = async () => {
    await monitor.start();
    await monitor.whenIdle();
  };
  return { api, clock, monitor, rec, advance, start };
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
