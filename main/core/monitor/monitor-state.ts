/**
 * The state under {@link import('./job-monitor.ts').JobMonitor} and what every run shares: the
 * scheduler keys and their order, the fields, the request contexts (one client generation, the
 * Retry-After floor, the request count, a 401 in one place), the hold, the 401 transition, and
 * persist-then-emit. The runs of the keys and when each is due are monitor-runs.ts; the public
 * face is job-monitor.ts (see its module docs for the cycles and the order of events).
 */
import { AccountDirectory, ACCOUNTS_KEY, CAPACITY_KEY } from '../accounts/account-directory.ts';
import { AccountScope, type SetAside } from '../accounts/account-scope.ts';
import type { MinimaxApi } from '../api/api.ts';
import { ApiError } from '../api/errors.ts';
import { systemClock } from '../clock.ts';
import { DEFAULT_RECHECK, JobTracker, type RecheckSettings } from '../jobs/tracker.ts';
import { Ledger, type LedgerState } from '../ledger/ledger.ts';
import { resolvePollingSettings, type PollingSettings } from '../scheduler/poll-policy.ts';
import { resolveReconcileSettings } from '../scheduler/reconcile-policy.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import {
  silentLogger,
  type Clock,
  type FinishedJob,
  type Logger,
  type MonitorErrorEvent,
  type MonitorEvent,
} from '../types.ts';
import { ListReconciler } from './list-reconciler.ts';
import { describeError, errorEvent, iso, toApiError } from './monitor-events.ts';
import type { MonitorOptions } from './monitor-types.ts';
import type { RunContext } from './run-context.ts';
import type { CheckContext } from './status-checks.ts';

/** Scheduler key: the next GET /scheduler/ poll. */
export const POLL = 'poll';
/** Scheduler key: the earliest re-check of a vanished job. */
export const RECHECK = 'recheck';
/** Scheduler key: the next step of a list reconcile (one GET /videos/ or GET /images/ page). */
export const LISTS = 'lists';
/**
 * Order of the keys when several are due at once: the poll first, then the re-checks; GET
 * /accounts before the lists that need its ids; capacity (a window detail) last.
 */
export const KEY_ORDER = [POLL, RECHECK, ACCOUNTS_KEY, LISTS, CAPACITY_KEY] as const;

/**
 * State of the job monitor and what its runs share (see the module docs); {@link MonitorRuns}
 * runs the keys, {@link JobMonitor} is the public face.
 */
export abstract class MonitorState {
  protected api: MinimaxApi | null;
  protected readonly clock: Clock;
  protected readonly logger: Logger;
  protected readonly ledger: Ledger;
  protected readonly random: () => number;
  protected readonly recheck: RecheckSettings;
  protected settings: PollingSettings;
  protected tracker: JobTracker;
  protected readonly scheduler: Scheduler;
  protected readonly accounts = new AccountDirectory();
  /** The accounts watched (the `accounts` option). */
  protected readonly scope: AccountScope;
  /** The ledger's records of the accounts not watched, written back with every save. */
  protected setAside: SetAside = { running: [], pending: [], website: [], baselines: [] };
  protected readonly listeners = new Set<(events: MonitorEvent[]) => void>();
  protected readonly progress = new Map<string, number>();
  /** Held by the user or by sleep (a missing token and a 401 are tracked apart). */
  protected readonly holds = new Set<'user' | 'sleep'>();
  /** Bumped by setApi(): answers from an older client are discarded. */
  protected apiGeneration = 0;
  protected started = false;
  protected stopping = false;
  protected stopPromise: Promise<void> | null = null;
  protected unauthorized = false;
  protected pollInFlight = false;
  protected detailsWanted = false;
  protected readonly reconcile: ListReconciler;
  /** A poll succeeded with the current client: the lists may be read (they need its list first). */
  protected polledWithClient = false;
  protected failures = 0;
  protected lastError: MonitorErrorEvent | null = null;
  protected staleSinceMs: number | null = null;
  protected lastPollMs: number | null = null;
  /** When the list in the tracker was observed (last success, or the ledger's last sighting). */
  protected listObservedMs: number | null = null;
  protected lastCycleEndMs: number | null = null;
  protected requestCount = 0;
  protected pollCount = 0;

  /** Builds the monitor; nothing happens until {@link JobMonitor.start}. */
  constructor(opts: MonitorOptions) {
    this.api = opts.api;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.random = opts.random ?? Math.random;
    this.settings = resolvePollingSettings(opts.polling);
    this.scope = new AccountScope(opts.accounts);
    this.reconcile = new ListReconciler(
      resolveReconcileSettings(opts.reconcile),
      opts.websiteJobs ?? true,
      this.scope,
    );
    const r: Partial<RecheckSettings> = opts.recheck ?? {};
    const pos = (v: unknown, fb: number): number =>
      typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fb;
    this.recheck = {
      intervalMs: pos(r.intervalMs, DEFAULT_RECHECK.intervalMs),
      maxChecks: Math.floor(pos(r.maxChecks, DEFAULT_RECHECK.maxChecks)),
      maxAgeMs: pos(r.maxAgeMs, DEFAULT_RECHECK.maxAgeMs),
    };
    this.ledger = new Ledger({ path: opts.ledgerPath, clock: this.clock, logger: this.logger });
    this.tracker = new JobTracker(undefined, this.recheck);
    this.scheduler = new Scheduler({
      clock: this.clock,
      logger: this.logger,
      order: KEY_ORDER,
      run: (key) => this.runKey(key),
    });
    this.syncHold();
  }

  /** Runs the scheduler key `key` (monitor-runs.ts). */
  protected abstract runKey(key: string): Promise<void>;

  // ---- request contexts ---------------------------------------------------------------------

  /**
   * The context of a run's requests with the current client; a 401 is reported into `events`.
   * Null when no request may be sent: no client, held by a 401, or while polls fail (the next
   * successful one schedules the run again).
   */
  protected runContext(events: MonitorEvent[]): RunContext | null {
    const api = this.api;
    if (api === null || this.unauthorized || this.failures > 0) return null;
    return this.contextFor(api, this.apiGeneration, events);
  }

  protected contextFor(api: MinimaxApi, generation: number, events: MonitorEvent[]): RunContext {
    return {
      api,
      clock: this.clock,
      logger: this.logger,
      stale: () => generation !== this.apiGeneration || this.unauthorized || this.stopping,
      notBefore: () => this.scheduler.notBefore(),
      setNotBefore: (atMs) => this.scheduler.setNotBefore(atMs),
      countRequest: () => {
        this.requestCount++;
      },
      unauthorized: (err) => this.enterUnauthorized(err, this.clock.now(), events),
    };
  }

  /**
   * A user's request with the current client, queued like every other: a Retry-After it brings
   * holds back every route; a 401 holds polling.
   * @throws the ApiError; an `unauthorized` one when no token is stored.
   */
  protected send(fn: (api: MinimaxApi) => Promise<void>): Promise<void> {
    return this.scheduler.enqueue(async () => {
      const api = this.api;
      if (api === null) throw new ApiError('unauthorized', 'No API token is stored.');
      const generation = this.apiGeneration;
      this.requestCount++;
      try {
        await fn(api);
      } catch (e) {
        const err = toApiError(e);
        if (generation === this.apiGeneration) {
          if (err.retryAtMs !== null) this.scheduler.setNotBefore(err.retryAtMs);
          if (err.reason === 'unauthorized') {
            const events: MonitorEvent[] = [];
            this.enterUnauthorized(err, this.clock.now(), events);
            this.emit(events);
          }
        }
        throw err;
      }
    });
  }

  protected checkContext(api: MinimaxApi, generation: number, events: MonitorEvent[]): CheckContext {
    const base = this.contextFor(api, generation, events);
    return { ...base, tracker: this.tracker, recheckIntervalMs: this.recheck.intervalMs };
  }

  // ---- hold and 401 ---------------------------------------------------------------------------

  /** Keys wait while the user, sleep or a missing token holds polling. */
  protected syncHold(): void {
    if (this.holds.size > 0 || this.api === null) this.scheduler.pause();
    else this.scheduler.resume();
  }

  /** 401: hold polling, re-checks and details until setApi()/pollNow(); report once. */
  protected enterUnauthorized(err: ApiError, now: number, events: MonitorEvent[]): void {
    if (this.unauthorized) return;
    this.unauthorized = true;
    this.staleSinceMs ??= this.listObservedMs ?? now;
    for (const key of KEY_ORDER) this.scheduler.setDue(key, null);
    this.logger.warn(
      'monitor: the API token was rejected (401); polling stopped until the token is replaced',
    );
    const event = errorEvent(err, now, null);
    this.lastError = event;
    events.push(event);
  }

  // ---- persistence and events ---------------------------------------------------------------

  /** What the ledger holds now: the tracker's state and the records of the accounts not watched. */
  protected ledgerState(): LedgerState {
    return this.scope.merge(this.tracker.toState(), this.setAside);
  }

  /** Save the ledger if anything changed; a failure is logged and kept for the snapshot. */
  protected async save(): Promise<void> {
    if (!this.tracker.dirty || !this.started) return;
    const state = this.ledgerState();
    this.tracker.markClean();
    if (!(await this.ledger.persist(state))) this.tracker.markDirty();
  }

  protected saveSoon(): void {
    void this.save();
  }

  /** Emits `events` with a job-finished event appended per finished job (after the save). */
  protected emitWithFinished(events: MonitorEvent[], finished: FinishedJob[]): void {
    for (const job of finished) events.push({ type: 'job-finished', at: iso(job.finishedAtMs), job });
    this.emit(events);
  }

  protected emit(events: MonitorEvent[]): void {
    if (events.length === 0) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(events);
      } catch (e) {
        this.logger.error(`monitor: an event listener threw: ${describeError(e)}`);
      }
    }
  }
}
