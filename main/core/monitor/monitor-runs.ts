/**
 * The machinery under {@link import('./job-monitor.ts').JobMonitor}: its state, the runs of its
 * scheduler keys (the poll cycle, re-checks, GET /accounts and capacity, one page of the lists),
 * when each key is due next, the failure and 401 transitions, and persist-then-emit. The public
 * face (lifecycle, the user's actions, settings, the snapshot) is job-monitor.ts; see its module
 * docs for the cycles and the order of events.
 */
import { AccountDirectory, ACCOUNTS_KEY, CAPACITY_KEY } from '../accounts/account-directory.ts';
import type { MinimaxApi } from '../api/api.ts';
import { ApiError } from '../api/errors.ts';
import { systemClock } from '../clock.ts';
import { DEFAULT_RECHECK, JobTracker, type RecheckSettings } from '../jobs/tracker.ts';
import { Ledger } from '../ledger/ledger.ts';
import {
  nextPollDecision,
  resolvePollingSettings,
  retryDelayMs,
  type PollingSettings,
} from '../scheduler/poll-policy.ts';
import { resolveReconcileSettings, type ReconcileReason } from '../scheduler/reconcile-policy.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import {
  silentLogger,
  type Clock,
  type FinishedJob,
  type Logger,
  type MonitorErrorEvent,
  type MonitorEvent,
  type RunningJob,
} from '../types.ts';
import { fetchAccounts, fetchCapacity } from './detail-runs.ts';
import { ListReconciler } from './list-reconciler.ts';
import { describeError, errorEvent, iso, toApiError } from './monitor-events.ts';
import type { MonitorOptions } from './monitor-types.ts';
import type { RunContext } from './run-context.ts';
import { fetchProgress, runDueChecks, type CheckContext } from './status-checks.ts';

/** Scheduler key: the next GET /scheduler/ poll. */
export const POLL = 'poll';
/** Scheduler key: the earliest re-check of a vanished job. */
const RECHECK = 'recheck';
/** Scheduler key: the next step of a list reconcile (one GET /videos/ or GET /images/ page). */
export const LISTS = 'lists';
/**
 * Order of the keys when several are due at once: the poll first, then the re-checks; GET
 * /accounts before the lists that need its ids; capacity (a window detail) last.
 */
const KEY_ORDER = [POLL, RECHECK, ACCOUNTS_KEY, LISTS, CAPACITY_KEY] as const;

/** State and runs of the job monitor (see the module docs); {@link JobMonitor} is its public face. */
export class MonitorRuns {
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
    this.reconcile = new ListReconciler(resolveReconcileSettings(opts.reconcile), opts.websiteJobs ?? true);
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

  // ---- runs -----------------------------------------------------------------------------------

  protected async runKey(key: string): Promise<void> {
    try {
      if (key === POLL) await this.pollCycle();
      else if (key === RECHECK) await this.recheckCycle();
      else if (key === ACCOUNTS_KEY) await this.accountsRun();
      else if (key === LISTS) await this.listsRun();
      else if (key === CAPACITY_KEY) await this.capacityRun();
    } finally {
      this.lastCycleEndMs = this.clock.now();
      this.scheduleRecheck();
      this.scheduleLists();
    }
  }

  protected async pollCycle(): Promise<void> {
    const api = this.api;
    if (api === null) return;
    const generation = this.apiGeneration;
    this.pollInFlight = true;
    this.pollCount++;
    this.requestCount++;
    let list: RunningJob[] | null = null;
    let failure: ApiError | null = null;
    try {
      const answer: unknown = await api.listScheduler();
      if (!Array.isArray(answer)) throw new ApiError('bad-response', 'The scheduler list was not an array');
      list = answer.filter(isRunningJob);
      if (list.length < answer.length) this.logger.warn('monitor: skipped malformed scheduler items');
    } catch (e) {
      failure = toApiError(e);
    } finally {
      this.pollInFlight = false;
    }
    if (generation !== this.apiGeneration) return; // client replaced meanwhile: a fresh poll follows
    const now = this.clock.now();
    if (failure || !list) {
      this.onPollFailure(failure ?? new ApiError('bad-response', 'No scheduler list'), now);
      return;
    }

    const at = iso(now);
    const events: MonitorEvent[] = [];
    if (this.lastError) {
      events.push({ type: 'recovered', at, after: this.lastError.reason });
      this.requestReconcile('recovered');
    }
    this.polledWithClient = true;
    this.failures = 0;
    this.lastError = null;
    this.staleSinceMs = null;
    this.lastPollMs = now;
    this.listObservedMs = now;

    const diff = this.tracker.applySnapshot(list, now);
    // The queue emptied: a burst is over, and website jobs started alongside it are likely done.
    if (diff.vanished.length > 0 && list.length === 0) this.requestReconcile('queue-emptied');
    // Jobs in an empty queue: a burst begins, and website jobs may come with it.
    else if (diff.started.length > 0 && diff.started.length === list.length)
      this.requestReconcile('queue-started');
    const runningIds = new Set(this.tracker.running().map((j) => j.id));
    for (const id of [...this.progress.keys()]) if (!runningIds.has(id)) this.progress.delete(id);
    events.push({ type: 'jobs', at, jobs: this.tracker.running() });
    for (const job of [...diff.started, ...diff.confirmedWebsite])
      events.push({ type: 'job-started', at, job });
    if (diff.started.length > 0 || diff.vanished.length > 0) {
      this.logger.debug(
        `monitor: ${diff.started.length} started, ${diff.vanished.length} left the scheduler`,
      );
    }

    const ctx = this.checkContext(api, generation, events);
    const finished = await runDueChecks(ctx);
    if (this.detailsWanted) await fetchProgress(ctx, this.progress, () => this.detailsWanted);
    await this.save();
    // Plan the next poll first: listeners read it from the snapshot ("next check in …").
    this.scheduleNextPoll();
    this.scheduleDetails(this.clock.now());
    this.emitWithFinished(events, finished);
  }

  protected async recheckCycle(): Promise<void> {
    const api = this.api;
    if (api === null) return;
    const events: MonitorEvent[] = [];
    const finished = await runDueChecks(this.checkContext(api, this.apiGeneration, events));
    await this.save();
    this.emitWithFinished(events, finished);
  }

  /** GET /accounts: ids for the lists, names for the window. */
  protected async accountsRun(): Promise<void> {
    const events: MonitorEvent[] = [];
    const ctx = this.runContext(events);
    if (ctx === null || !(this.detailsWanted || this.reconcile.waitingForAccounts)) return;
    const namesBefore = JSON.stringify(this.accounts.view().names);
    const out = await fetchAccounts({ ...ctx, accounts: this.accounts });
    if (ctx.stale()) return;
    const now = this.clock.now();
    this.reconcile.accountsSettled(this.accounts.accountIds(), now);
    this.scheduleDetails(now);
    // For the lists alone, an `accounts` event only when the names changed.
    const changed = this.detailsWanted || JSON.stringify(this.accounts.view().names) !== namesBefore;
    this.emit(changed ? [...events, ...out.events] : events);
  }

  /** GET /scheduler/available: per-account capacity (videos only), while details are wanted. */
  protected async capacityRun(): Promise<void> {
    const events: MonitorEvent[] = [];
    const ctx = this.runContext(events);
    if (ctx === null || !this.detailsWanted) return;
    const out = await fetchCapacity({ ...ctx, accounts: this.accounts });
    if (ctx.stale()) return;
    this.scheduleDetails(this.clock.now());
    this.emit([...events, ...out.events]);
  }

  /** One step of a list reconcile: begins one when due, then at most one page request. */
  protected async listsRun(): Promise<void> {
    const events: MonitorEvent[] = [];
    const ctx = this.runContext(events);
    if (ctx === null || !this.listsAllowed()) return;
    const result = await this.reconcile.run(
      { ...ctx, tracker: this.tracker, settings: this.reconcile.settings },
      this.accounts,
      this.lastActiveMs(),
    );
    if (result.kind === 'needs-accounts') this.scheduleDetails(this.clock.now()); // runs first (KEY_ORDER)
    if (result.kind !== 'step') {
      this.emit(events);
      return;
    }
    const { outcome } = result;
    const at = iso(this.clock.now());
    if (outcome.runningChanged) events.push({ type: 'jobs', at, jobs: this.tracker.running() });
    // A job found running: the next poll tells an API job from a website one, so it comes at once.
    if (outcome.foundRunning > 0 && !this.unauthorized) this.scheduler.trigger(POLL);
    await this.save();
    this.emitWithFinished(events, outcome.finished);
  }

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

  // ---- state transitions --------------------------------------------------------------------

  /** Keys wait while the user, sleep or a missing token holds polling. */
  protected syncHold(): void {
    if (this.holds.size > 0 || this.api === null) this.scheduler.pause();
    else this.scheduler.resume();
  }

  protected onPollFailure(err: ApiError, now: number): void {
    this.staleSinceMs ??= this.listObservedMs ?? now;
    if (err.reason === 'unauthorized') {
      const events: MonitorEvent[] = [];
      this.enterUnauthorized(err, now, events);
      this.emit(events);
      return;
    }
    this.failures++;
    this.reconcile.abandon();
    const retryAtMs = now + retryDelayMs(this.failures, this.settings, this.random, now, err.retryAtMs);
    if (err.retryAtMs !== null) this.scheduler.setNotBefore(err.retryAtMs);
    this.scheduler.setDue(POLL, retryAtMs);
    // Offline or throttled: due re-checks wait for the retry instead of failing on their own.
    this.tracker.postponeChecks(retryAtMs);
    this.logger.warn(
      `monitor: poll failed (${err.reason}${err.status ? ` ${err.status}` : ''}); retry at ${iso(retryAtMs)}`,
    );
    const event = errorEvent(err, now, retryAtMs);
    this.lastError = event;
    this.emit([event]);
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

  protected planNextPollDelayMs(nowMs: number): number {
    const { delayMs } = nextPollDecision(this.settings, {
      nowMs,
      running: this.tracker.policyJobs(),
      lastNewJobMs: this.tracker.lastNewJobMs,
      lastActiveMs: this.tracker.lastActiveMs,
    });
    // Polling must never stop by accident: a non-finite delay falls back to the active interval.
    return Number.isFinite(delayMs) && delayMs > 0 ? delayMs : this.settings.activeIntervalMs;
  }

  protected scheduleNextPoll(): void {
    if (this.stopping) return;
    if (this.unauthorized) {
      this.scheduler.setDue(POLL, null);
      return;
    }
    const now = this.clock.now();
    this.scheduler.setDue(POLL, now + this.planNextPollDelayMs(now));
  }

  protected scheduleRecheck(): void {
    if (this.stopping) return;
    this.scheduler.setDue(RECHECK, this.unauthorized ? null : this.tracker.nextCheckDueMs());
  }

  /**
   * GET /accounts when due for the window's names, or at once for a reconcile waiting for the
   * account ids; capacity when wanted and due. Never while failing or held by a 401.
   */
  protected scheduleDetails(nowMs: number): void {
    if (this.stopping) return;
    if (this.api === null || this.unauthorized || this.failures > 0) {
      this.scheduler.setDue(ACCOUNTS_KEY, null);
      this.scheduler.setDue(CAPACITY_KEY, null);
      return;
    }
    const forNames = this.detailsWanted ? this.accounts.accountsDueMs(nowMs) : null;
    const accountsDue = this.reconcile.waitingForAccounts ? nowMs : forNames;
    this.scheduler.setDue(ACCOUNTS_KEY, accountsDue);
    this.scheduler.setDue(CAPACITY_KEY, this.detailsWanted ? this.accounts.capacityDueMs(nowMs) : null);
  }

  /** The lists may be read: on, a client that polled successfully, not failing, not held by a 401. */
  protected listsAllowed(): boolean {
    return (
      this.reconcile.on &&
      this.api !== null &&
      this.polledWithClient &&
      !this.unauthorized &&
      this.failures === 0 &&
      !this.stopping
    );
  }

  /** When a job of either source was last seen running or finishing (epoch ms), or null. */
  protected lastActiveMs(): number | null {
    const a = this.tracker.lastActiveMs;
    const b = this.tracker.lastWebsiteActiveMs;
    return a === null ? b : b === null ? a : Math.max(a, b);
  }

  /** The next list step: now while a reconcile is in progress, else when the next one is due. */
  protected scheduleLists(): void {
    if (this.stopping) return;
    const due = this.listsAllowed()
      ? this.reconcile.dueMs(this.clock.now(), this.tracker, this.lastActiveMs())
      : null;
    this.scheduler.setDue(LISTS, due);
  }

  /** Ask for a full reconcile (ignored while website jobs are off). */
  protected requestReconcile(reason: ReconcileReason): void {
    this.reconcile.request(reason, this.clock.now());
    if (this.started) this.scheduleLists();
  }

  // ---- persistence and events ---------------------------------------------------------------

  /** Save the ledger if anything changed; a failure is logged and kept for the snapshot. */
  protected async save(): Promise<void> {
    if (!this.tracker.dirty || !this.started) return;
    const state = this.tracker.toState();
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

/** Minimal shape check of a normalised scheduler item (the client should already guarantee it). */
function isRunningJob(x: unknown): x is RunningJob {
  const j = x as Partial<RunningJob> | null;
  return (
    typeof j === 'object' &&
    j !== null &&
    typeof j.id === 'string' &&
    j.id.length > 0 &&
    (j.kind === 'video' || j.kind === 'image')
  );
}
