/**
 * The job monitor: composes the API client, the tracker, the ledger, the account directory and
 * the scheduler into the one object every shell (tray app, CLI, tests, benchmarks) drives.
 *
 * Data flows one way: scheduler → api → tracker → ledger → events. Every request runs inside a
 * scheduler run, so there is never more than one request in flight, on any route, and a
 * Retry-After from any route holds back every other one. Exactly one timer is armed while
 * anything is scheduled. Scheduler keys, most urgent first: the poll, the re-check of vanished
 * jobs, then account names and capacity (only while details are wanted); the user's actions
 * ({@link JobMonitor.stopTracking}, {@link JobMonitor.cancelVideo}, {@link JobMonitor.testToken})
 * are queued one-shot requests that go before all of them.
 *
 * **A poll cycle** (one event batch, in this order):
 * 1. GET /scheduler/ (doc get-minimax-scheduler).
 * 2. On success: `recovered` (first success after errors), `jobs` (the whole list), one
 *    `job-started` per new id; jobs that vanished are checked at once with GET /videos|images/{id}
 *    (and any other re-check that is due); while details are wanted
 *    ({@link JobMonitor.setDetailsWanted}) the percent of every running job is fetched too, and
 *    account names and capacity are scheduled when due.
 * 3. The ledger is saved, then `job-finished` events are appended and the batch is emitted
 *    (persist, then emit: a crash can lose an announcement but never repeat one).
 * 4. The next poll is due after the adaptive (or fixed) interval from poll-policy.ts.
 *
 * A re-check cycle emits a batch of `job-finished` events only; an accounts or capacity fetch
 * emits one `accounts` event.
 *
 * **Failures.** A failed poll emits `error` with `retryAtMs` = when the next attempt is due:
 * exponential backoff with full jitter, never earlier than the server's Retry-After. The last
 * known job list stays in {@link MonitorSnapshot.running}, with `staleSinceMs` set to when it was
 * fetched. **Unauthorized** (401, on any route) holds polling and is reported once, until
 * {@link JobMonitor.setApi} or {@link JobMonitor.pollNow}.
 */
import { AccountDirectory, ACCOUNTS_KEY, CAPACITY_KEY } from '../accounts/account-directory.ts';
import type { MinimaxApi } from '../api/api.ts';
import { ApiError } from '../api/errors.ts';
import { systemClock } from '../clock.ts';
import { DEFAULT_RECHECK, JobTracker, type AwaitingResult, type RecheckSettings } from '../jobs/tracker.ts';
import { Ledger, type LedgerState } from '../ledger/ledger.ts';
import {
  DEFAULT_POLLING,
  nextPollDecision,
  resolvePollingSettings,
  retryDelayMs,
  type PollingSettings,
} from '../scheduler/poll-policy.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import { LocalStateError } from '../state/local-state-error.ts';
import {
  silentLogger,
  type Clock,
  type FinishedJob,
  type Logger,
  type MonitorErrorEvent,
  type MonitorEvent,
  type RunningJob,
} from '../types.ts';
import { describeError, errorEvent, iso, toApiError } from './monitor-events.ts';
import type { MonitorOptions, MonitorSnapshot, PauseReason } from './monitor-types.ts';
import { fetchProgress, runDueChecks, type CheckContext } from './status-checks.ts';

export { DEFAULT_POLLING, type PollingSettings };
export { DEFAULT_RECHECK, type AwaitingResult, type RecheckSettings };
export type { MonitorOptions, MonitorSnapshot, PauseReason };

/** Scheduler key: the next GET /scheduler/ poll. */
const POLL = 'poll';
/** Scheduler key: the earliest re-check of a vanished job. */
const RECHECK = 'recheck';
/** Order of the keys when several are due at once. */
const KEY_ORDER = [POLL, RECHECK, ACCOUNTS_KEY, CAPACITY_KEY] as const;
/** Order in which {@link MonitorSnapshot.pausedBy} lists the reasons. */
const PAUSE_ORDER: readonly PauseReason[] = ['user', 'sleep', 'no-token', 'unauthorized'];

/**
 * Watches the useapi.net scheduler and emits {@link MonitorEvent} batches. See the module docs.
 * Methods other than start, stop and the queued requests are synchronous and never throw.
 */
export class JobMonitor {
  private api: MinimaxApi | null;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly ledger: Ledger;
  private readonly random: () => number;
  private readonly recheck: RecheckSettings;
  private settings: PollingSettings;
  private tracker: JobTracker;
  private readonly scheduler: Scheduler;
  private readonly accounts = new AccountDirectory();
  private readonly listeners = new Set<(events: MonitorEvent[]) => void>();
  private readonly progress = new Map<string, number>();
  /** Held by the user or by sleep (a missing token and a 401 are tracked apart). */
  private readonly holds = new Set<'user' | 'sleep'>();
  /** Bumped by setApi(): answers from an older client are discarded. */
  private apiGeneration = 0;
  private started = false;
  private stopping = false;
  private stopPromise: Promise<void> | null = null;
  private unauthorized = false;
  private pollInFlight = false;
  private detailsWanted = false;
  private failures = 0;
  private lastError: MonitorErrorEvent | null = null;
  private staleSinceMs: number | null = null;
  private lastPollMs: number | null = null;
  /** When the list in the tracker was observed (last success, or the ledger's last sighting). */
  private listObservedMs: number | null = null;
  private lastCycleEndMs: number | null = null;
  private requestCount = 0;
  private pollCount = 0;

  /** Builds the monitor; nothing happens until {@link JobMonitor.start}. */
  constructor(opts: MonitorOptions) {
    this.api = opts.api;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.random = opts.random ?? Math.random;
    this.settings = resolvePollingSettings(opts.polling);
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

  /** Every batch holds the events of one cycle, in order. Returns unsubscribe. */
  subscribe(listener: (events: MonitorEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Load the ledger (a corrupt one is set aside as `<file>.corrupt-<ts>` with a warning and the
   * monitor starts empty) and start the first poll at once (unless paused). Resolves when the poll
   * has been started, not finished: use {@link JobMonitor.whenIdle} to wait for it.
   * @throws Error when called twice.
   * @throws LocalStateError `newer-ledger` when the ledger file belongs to a newer version (left
   *   untouched); the monitor is then unusable: build one with another ledger path, or none.
   */
  async start(): Promise<void> {
    if (this.started) throw new Error('JobMonitor.start() may only be called once');
    this.started = true;
    let state: LedgerState;
    try {
      ({ state } = await this.ledger.load());
    } catch (e) {
      this.started = false;
      this.stopping = true;
      throw e;
    }
    if (this.stopping) return;
    this.tracker = new JobTracker(state, this.recheck);
    let observed: number | null = null;
    for (const r of state.running) observed = Math.max(observed ?? r.lastSeenMs, r.lastSeenMs);
    this.listObservedMs = observed;
    this.scheduleRecheck();
    if (this.api === null || this.holds.size > 0) this.scheduler.setDue(POLL, this.clock.now());
    else this.scheduler.trigger(POLL);
  }

  /**
   * Clear every timer, wait for work in flight, and save the ledger. Queued requests not yet sent
   * are rejected. Idempotent.
   * @throws LocalStateError `save-failed` when the final save fails (logged too): what changed
   *   since the last successful save is lost.
   */
  stop(): Promise<void> {
    this.stopPromise ??= (async () => {
      this.stopping = true;
      await this.scheduler.stop();
      await this.ledger.settled();
      if (!this.started || this.ledger.path === null) return;
      try {
        await this.ledger.save(this.tracker.toState());
        this.tracker.markClean();
      } catch (e) {
        this.logger.error(`monitor: could not save the ledger on stop: ${describeError(e)}`);
        throw new LocalStateError(
          'save-failed',
          `Could not save the ledger ${this.ledger.path}: ${describeError(e)}. ` +
            'What happened since the last save is not remembered: jobs may be announced again next time.',
          { cause: e },
        );
      }
    })();
    return this.stopPromise;
  }

  /**
   * Poll now ("check now", resume from sleep). Coalesced: a poll already in flight answers it;
   * otherwise one poll starts now or right after the work in flight, never before a Retry-After.
   * Also ends a hold caused by a 401, and works while paused (one poll, still paused); capacity is
   * fetched again after it while details are wanted. Does nothing without a client.
   */
  pollNow(): void {
    if (!this.started || this.stopping || this.api === null) return;
    this.unauthorized = false;
    // An explicit check refreshes capacity too (scheduled after the poll, when details are wanted).
    this.accounts.capacityWanted();
    if (this.pollInFlight) return;
    this.scheduler.trigger(POLL);
  }

  /** Hold polling and re-checks for `reason` (work in flight completes). */
  pause(reason: 'user' | 'sleep' = 'user'): void {
    if (this.holds.has(reason)) return;
    this.holds.add(reason);
    this.syncHold();
  }

  /** Release the hold for `reason`; when nothing holds polling any more, poll at once. */
  resume(reason: 'user' | 'sleep' = 'user'): void {
    if (!this.holds.delete(reason)) return;
    this.syncHold();
    if (this.holds.size === 0) this.pollNow();
  }

  /** Current state (copies). */
  snapshot(): MonitorSnapshot {
    const pausedBy = this.pausedBy();
    const halted = pausedBy.length > 0 || this.stopping || !this.started;
    return {
      running: this.tracker.running(),
      history: this.tracker.history(),
      progress: Object.fromEntries(this.progress),
      accounts: this.accounts.view(),
      lastPollMs: this.lastPollMs,
      nextPollMs: halted ? null : this.scheduler.dueMs(POLL),
      lastError: this.lastError,
      consecutiveFailures: this.failures,
      staleSinceMs: this.staleSinceMs,
      paused: pausedBy.some((r) => r !== 'unauthorized'),
      pausedBy,
      requestCount: this.requestCount,
      pollCount: this.pollCount,
      saveError: this.ledger.lastSaveError,
    };
  }

  /**
   * Read-only: the jobs that left the scheduler but whose result is not final yet, in the order
   * they left. Each is re-checked (GET /videos|images/{id}) until final or the re-check bound,
   * then announced as `unknown`. Copies; the CLI's status line shows them.
   */
  awaitingResults(): AwaitingResult[] {
    return this.tracker.awaiting();
  }

  /** Read-only: true while a poll or re-check (a request, or the ledger save after it) is in flight. */
  get busy(): boolean {
    return this.scheduler.busy;
  }

  /**
   * "Stop tracking" (DELETE /scheduler/{id}, doc del-minimax-scheduler-videoId): queued like every
   * request. The job is dropped from the running list and from pending checks, with no
   * job-finished, now or if a late poll still lists it. It keeps generating on MiniMax.
   * @returns false when `id` is not running (nothing was sent).
   * @throws ApiError when the API refuses (a 404 "Unable to locate running" counts as done).
   */
  async stopTracking(id: string): Promise<boolean> {
    if (!this.isRunning(id)) return false;
    try {
      await this.send((api) => api.stopTracking(id));
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'not-found')) throw e;
    }
    this.tracker.stopTracking(id, this.clock.now());
    this.progress.delete(id);
    this.scheduleRecheck();
    this.saveSoon();
    return true;
  }

  /**
   * "Cancel video" (POST /videos/cancel, doc post-minimax-videos-cancel): queued like every
   * request; then its job-finished outcome will be `cancelled` (unless it actually succeeded),
   * and a poll follows at once.
   * @returns false when `id` is not running (nothing was sent).
   * @throws ApiError when the API refuses.
   */
  async cancelVideo(id: string): Promise<boolean> {
    if (!this.isRunning(id)) return false;
    await this.send((api) => api.cancelVideo(id));
    if (this.tracker.markCancelled(id)) this.saveSoon();
    this.pollNow();
    return true;
  }

  /**
   * One GET /scheduler/ with a candidate client (a token being saved), queued like every request
   * and never before a Retry-After. Its answer changes nothing here, except that a Retry-After it
   * brings holds back every route.
   * @throws ApiError from the candidate client (`unauthorized` for a rejected token).
   */
  testToken(candidate: MinimaxApi): Promise<void> {
    return this.scheduler.enqueue(async () => {
      this.requestCount++;
      try {
        await candidate.listScheduler();
      } catch (e) {
        const err = toApiError(e);
        if (err.retryAtMs !== null) this.scheduler.setNotBefore(err.retryAtMs);
        throw err;
      }
    });
  }

  /** Empty the history and save. Already-announced ids stay remembered. */
  async clearHistory(): Promise<void> {
    this.tracker.clearHistory();
    await this.save();
  }

  /** Change polling settings (merged over the current ones); the next poll is re-planned at once. */
  setPolling(p: Partial<PollingSettings>): void {
    this.settings = resolvePollingSettings(p, this.settings);
    if (!this.started || this.stopping || this.unauthorized || this.failures > 0 || this.scheduler.busy)
      return;
    const base = this.lastCycleEndMs ?? this.clock.now();
    this.scheduler.setDue(POLL, base + this.planNextPollDelayMs(base));
  }

  /**
   * A new client (another token or API base), or null when the token was removed: answers from
   * the old client are discarded, account names and capacity forgotten, and a poll starts at once
   * (the last error stays until it succeeds, which then emits `recovered`).
   */
  setApi(api: MinimaxApi | null): void {
    this.api = api;
    this.apiGeneration++;
    this.unauthorized = false;
    this.failures = 0;
    this.accounts.reset();
    this.progress.clear();
    // Account names and capacity follow the first successful poll with the new client. Trigger
    // before releasing the hold, so the poll due since start() and this one are the same run.
    if (this.started && !this.stopping && api !== null) this.scheduler.trigger(POLL);
    this.syncHold();
  }

  /**
   * The window is open (true): also fetch each running job's percent every poll cycle, and the
   * account names (at most hourly) and capacity (at most every 15 s). Closed (false): none of
   * these, and the percentages are dropped.
   */
  setDetailsWanted(wanted: boolean): void {
    this.detailsWanted = wanted;
    if (!wanted) {
      this.progress.clear();
      this.scheduler.setDue(ACCOUNTS_KEY, null);
      this.scheduler.setDue(CAPACITY_KEY, null);
    } else if (this.started && !this.stopping) {
      this.scheduleDetails(this.clock.now());
    }
  }

  /** Resolves when no request is in flight and no ledger write is pending (tests, benchmarks). */
  async whenIdle(): Promise<void> {
    do {
      await this.scheduler.whenIdle();
      await this.ledger.settled();
    } while (this.scheduler.busy);
  }

  // ---- runs -----------------------------------------------------------------------------------

  private async runKey(key: string): Promise<void> {
    try {
      if (key === POLL) await this.pollCycle();
      else if (key === RECHECK) await this.recheckCycle();
      else if (key === ACCOUNTS_KEY) await this.fetchAccounts();
      else if (key === CAPACITY_KEY) await this.fetchCapacity();
    } finally {
      this.lastCycleEndMs = this.clock.now();
      this.scheduleRecheck();
    }
  }

  private async pollCycle(): Promise<void> {
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
    if (this.lastError) events.push({ type: 'recovered', at, after: this.lastError.reason });
    this.failures = 0;
    this.lastError = null;
    this.staleSinceMs = null;
    this.lastPollMs = now;
    this.listObservedMs = now;

    const diff = this.tracker.applySnapshot(list, now);
    const runningIds = new Set(list.map((j) => j.id));
    for (const id of [...this.progress.keys()]) if (!runningIds.has(id)) this.progress.delete(id);
    events.push({ type: 'jobs', at, jobs: this.tracker.running() });
    for (const job of diff.started) events.push({ type: 'job-started', at, job });
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

  private async recheckCycle(): Promise<void> {
    const api = this.api;
    if (api === null) return;
    const events: MonitorEvent[] = [];
    const finished = await runDueChecks(this.checkContext(api, this.apiGeneration, events));
    await this.save();
    this.emitWithFinished(events, finished);
  }

  /** GET /accounts: the names shown next to account ids. */
  private async fetchAccounts(): Promise<void> {
    await this.fetchDetail(
      'GET /accounts',
      async (api) => {
        const list = await api.listAccounts();
        return () => this.accounts.setAccounts(list, this.clock.now());
      },
      () => this.accounts.accountsFailed(this.clock.now()),
    );
  }

  /** GET /scheduler/available: per-account capacity (videos only). */
  private async fetchCapacity(): Promise<void> {
    await this.fetchDetail(
      'GET /scheduler/available',
      async (api) => {
        const answer = await api.schedulerAvailable();
        return () => this.accounts.setCapacity(answer.available, this.clock.now());
      },
      () => this.accounts.capacityFailed(this.clock.now()),
    );
  }

  /**
   * One account-directory request: `fetch` returns how to apply its answer; `failed` records a
   * failure other than a 401 (which holds polling). Emits one `accounts` event on success.
   */
  private async fetchDetail(
    what: string,
    fetch: (api: MinimaxApi) => Promise<() => void>,
    failed: () => void,
  ): Promise<void> {
    const api = this.api;
    // Not while failing: the next successful poll schedules it again.
    if (api === null || !this.detailsWanted || this.unauthorized || this.failures > 0) return;
    const generation = this.apiGeneration;
    const events: MonitorEvent[] = [];
    this.requestCount++;
    try {
      const apply = await fetch(api);
      if (generation !== this.apiGeneration) return;
      apply();
      events.push({ type: 'accounts', at: iso(this.clock.now()), ...this.accounts.view() });
    } catch (e) {
      if (generation !== this.apiGeneration) return;
      const err = toApiError(e);
      if (err.reason === 'unauthorized') this.enterUnauthorized(err, this.clock.now(), events);
      else {
        if (err.retryAtMs !== null) this.scheduler.setNotBefore(err.retryAtMs);
        failed();
        this.logger.info(`monitor: ${what} failed (${err.reason}); will retry later`);
        this.scheduleDetails(this.clock.now());
      }
    }
    this.emit(events);
  }

  /**
   * A user's request with the current client, queued like every other: a Retry-After it brings
   * holds back every route; a 401 holds polling.
   * @throws the ApiError; an `unauthorized` one when no token is stored.
   */
  private send(fn: (api: MinimaxApi) => Promise<void>): Promise<void> {
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

  private checkContext(api: MinimaxApi, generation: number, events: MonitorEvent[]): CheckContext {
    return {
      api,
      tracker: this.tracker,
      clock: this.clock,
      logger: this.logger,
      recheckIntervalMs: this.recheck.intervalMs,
      stale: () => generation !== this.apiGeneration || this.unauthorized || this.stopping,
      notBefore: () => this.scheduler.notBefore(),
      setNotBefore: (atMs) => this.scheduler.setNotBefore(atMs),
      countRequest: () => {
        this.requestCount++;
      },
      unauthorized: (err) => this.enterUnauthorized(err, this.clock.now(), events),
    };
  }

  // ---- state transitions --------------------------------------------------------------------

  private isRunning(id: string): boolean {
    return this.tracker.running().some((j) => j.id === id);
  }

  private pausedBy(): PauseReason[] {
    return PAUSE_ORDER.filter(
      (r) =>
        (r === 'no-token' && this.api === null) ||
        (r === 'unauthorized' && this.unauthorized) ||
        ((r === 'user' || r === 'sleep') && this.holds.has(r)),
    );
  }

  /** Keys wait while the user, sleep or a missing token holds polling. */
  private syncHold(): void {
    if (this.holds.size > 0 || this.api === null) this.scheduler.pause();
    else this.scheduler.resume();
  }

  private onPollFailure(err: ApiError, now: number): void {
    this.staleSinceMs ??= this.listObservedMs ?? now;
    if (err.reason === 'unauthorized') {
      const events: MonitorEvent[] = [];
      this.enterUnauthorized(err, now, events);
      this.emit(events);
      return;
    }
    this.failures++;
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
  private enterUnauthorized(err: ApiError, now: number, events: MonitorEvent[]): void {
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

  private planNextPollDelayMs(nowMs: number): number {
    const { delayMs } = nextPollDecision(this.settings, {
      nowMs,
      running: this.tracker.policyJobs(),
      lastNewJobMs: this.tracker.lastNewJobMs,
      lastActiveMs: this.tracker.lastActiveMs,
    });
    // Polling must never stop by accident: a non-finite delay falls back to the active interval.
    return Number.isFinite(delayMs) && delayMs > 0 ? delayMs : this.settings.activeIntervalMs;
  }

  private scheduleNextPoll(): void {
    if (this.stopping) return;
    if (this.unauthorized) {
      this.scheduler.setDue(POLL, null);
      return;
    }
    const now = this.clock.now();
    this.scheduler.setDue(POLL, now + this.planNextPollDelayMs(now));
  }

  private scheduleRecheck(): void {
    if (this.stopping) return;
    this.scheduler.setDue(RECHECK, this.unauthorized ? null : this.tracker.nextCheckDueMs());
  }

  /** Account names and capacity, when wanted and due; never while failing or held by a 401. */
  private scheduleDetails(nowMs: number): void {
    if (this.stopping || !this.detailsWanted || this.api === null) return;
    if (this.unauthorized || this.failures > 0) return;
    this.scheduler.setDue(ACCOUNTS_KEY, this.accounts.accountsDueMs(nowMs));
    this.scheduler.setDue(CAPACITY_KEY, this.accounts.capacityDueMs(nowMs));
  }

  // ---- persistence and events ---------------------------------------------------------------

  /** Save the ledger if anything changed; a failure is logged and kept for the snapshot. */
  private async save(): Promise<void> {
    if (!this.tracker.dirty || !this.started) return;
    const state = this.tracker.toState();
    this.tracker.markClean();
    if (!(await this.ledger.persist(state))) this.tracker.markDirty();
  }

  private saveSoon(): void {
    void this.save();
  }

  /** Emits `events` with a job-finished event appended per finished job (after the save). */
  private emitWithFinished(events: MonitorEvent[], finished: FinishedJob[]): void {
    for (const job of finished) events.push({ type: 'job-finished', at: iso(job.finishedAtMs), job });
    this.emit(events);
  }

  private emit(events: MonitorEvent[]): void {
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
