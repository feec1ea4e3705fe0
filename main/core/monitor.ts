/**
 * The job monitor: composes the API client, the tracker, the ledger and the scheduler into the
 * one object every shell (tray app, CLI, tests, benchmarks) drives.
 *
 * Data flows one way: scheduler → api → tracker → ledger → events. All work runs serially on the
 * scheduler, so there is never more than one request in flight (and never two GET /scheduler/
 * at once), and exactly one timer is armed while anything is scheduled.
 *
 * **A poll cycle** (one event batch, in this order):
 * 1. GET /scheduler/ (doc get-minimax-scheduler).
 * 2. On success: `recovered` (first success after errors), `jobs` (the whole list), one
 *    `job-started` per new id; jobs that vanished are checked at once with GET /videos|images/{id}
 *    (and any other re-check that is due); when the window is visible
 *    ({@link JobMonitor.setProgressWanted}) the percent of every running job is fetched too.
 * 3. The ledger is saved, then `job-finished` events are appended and the batch is emitted
 *    (persist, then emit: a crash can lose an announcement but never repeat one).
 * 4. The next poll is due after the adaptive (or fixed) interval from poll-policy.ts.
 *
 * A re-check cycle (a vanished job's timer) emits a batch of `job-finished` events only.
 *
 * **Failures.** A failed poll emits `error` with `retryAtMs` = when the next attempt is due:
 * exponential backoff with full jitter, never earlier than the server's Retry-After, which also
 * holds back every other request and {@link JobMonitor.pollNow}. Due re-checks wait for the
 * retry too. The last known job list stays in {@link MonitorSnapshot.running}, with
 * `staleSinceMs` set to when it was fetched. **Unauthorized** (401) stops all polling and
 * re-checks and is reported once, until {@link JobMonitor.setApi} or {@link JobMonitor.pollNow}.
 */
import { ApiError, isApiError } from './api/errors.ts';
import type { MinimaxApi } from './api/api.ts';
import { systemClock } from './clock.ts';
import { DEFAULT_RECHECK, JobTracker, type AwaitingResult, type RecheckSettings } from './jobs/tracker.ts';
import { Ledger, type LedgerState } from './ledger/ledger.ts';
import {
  DEFAULT_POLLING,
  nextPollDecision,
  resolvePollingSettings,
  retryDelayMs,
  type PollingSettings,
} from './scheduler/poll-policy.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { LocalStateError } from './state/local-state-error.ts';
import {
  silentLogger,
  type Clock,
  type FinishedJob,
  type Logger,
  type MonitorErrorEvent,
  type MonitorEvent,
  type RunningJob,
} from './types.ts';

export { DEFAULT_POLLING, type PollingSettings };
export { DEFAULT_RECHECK, type AwaitingResult, type RecheckSettings };

/** Scheduler item: the next GET /scheduler/ poll. */
const POLL = 'poll';
/** Scheduler item: the earliest re-check of a vanished job. */
const RECHECK = 'recheck';

/** Options for {@link JobMonitor}. */
export interface MonitorOptions {
  /** The API client (or a fake). Replace it later with {@link JobMonitor.setApi}. */
  api: MinimaxApi;
  /** Time and timers; default {@link systemClock}. */
  clock?: Clock;
  /** Default {@link silentLogger}. */
  logger?: Logger;
  /** Ledger JSON file in a state directory (e.g. `<userData>/ledger.json`); null = memory only. */
  ledgerPath: string | null;
  /** Overrides of {@link DEFAULT_POLLING}; invalid values fall back to the defaults. */
  polling?: Partial<PollingSettings>;
  /** Jitter source returning [0, 1); default Math.random. */
  random?: () => number;
  /**
   * Re-checks of a job that left the scheduler but is not final: first after `intervalMs`
   * (default 5 000, growing 1.5× per check up to 5 min), giving up as `unknown` after `maxChecks`
   * checks (default 20) or `maxAgeMs` since it vanished (default 1 800 000 = 30 min).
   */
  recheck?: { intervalMs: number; maxChecks: number; maxAgeMs: number };
}

/** Everything a shell shows, at one instant. Instants are epoch ms. */
export interface MonitorSnapshot {
  /** The last known scheduler list, kept while offline. */
  running: RunningJob[];
  /** Finished jobs, newest first, bounded (200 / 30 days; see ledger.ts). */
  history: FinishedJob[];
  /** Percent (0–100) by job id, only while progress is wanted and MiniMax reported it. */
  progress: Record<string, number>;
  /** When the last successful GET /scheduler/ completed. */
  lastPollMs: number | null;
  /** When the next poll is due; null while paused, stopped or stopped by a 401. */
  nextPollMs: number | null;
  /** The current error (last poll failed, or a 401 anywhere); null after a success. */
  lastError: MonitorErrorEvent | null;
  /** While failing: when the shown job list was fetched. Null when the last poll succeeded. */
  staleSinceMs: number | null;
  paused: boolean;
  /** API requests made so far (scheduler polls plus status checks and progress fetches). */
  requestCount: number;
  /** GET /scheduler/ requests made so far (successful or not). */
  pollCount: number;
  /** Why the last ledger save failed (e.g. the disk is full), or null when it succeeded. */
  saveError: string | null;
}

/**
 * Watches the useapi.net scheduler and emits {@link MonitorEvent} batches. See the module docs for
 * the cycle. Methods other than {@link JobMonitor.start}/{@link JobMonitor.stop} are synchronous and
 * never throw.
 */
export class JobMonitor {
  private api: MinimaxApi;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly ledger: Ledger;
  private readonly random: () => number;
  private readonly recheck: RecheckSettings;
  private settings: PollingSettings;
  private tracker: JobTracker;
  private readonly scheduler: Scheduler;
  private readonly listeners = new Set<(events: MonitorEvent[]) => void>();
  private readonly progress = new Map<string, number>();
  private readonly saves = new Set<Promise<void>>();
  /** Bumped by setApi(): answers from an older client are discarded. */
  private apiGeneration = 0;
  private started = false;
  private stopping = false;
  private stopPromise: Promise<void> | null = null;
  private paused = false;
  private unauthorized = false;
  private pollInFlight = false;
  private progressWanted = false;
  private failures = 0;
  private lastError: MonitorErrorEvent | null = null;
  private staleSinceMs: number | null = null;
  private lastPollMs: number | null = null;
  /** When the list in the tracker was observed (last success, or the ledger's last sighting). */
  private listObservedMs: number | null = null;
  private lastCycleEndMs: number | null = null;
  private requestCount = 0;
  private pollCount = 0;
  private lastSaveError: string | null = null;

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
      run: (keys) => this.runDue(keys),
    });
  }

  /** Every batch holds the events of one poll (or re-check) cycle, in order. Returns unsubscribe. */
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
      // A ledger we must not use (written by a newer version): this monitor stays unusable.
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
    if (this.paused) this.scheduler.setDue(POLL, this.clock.now());
    else this.scheduler.trigger(POLL);
  }

  /**
   * Clear every timer, wait for work in flight, and save the ledger. Idempotent.
   * @throws LocalStateError `save-failed` when the final save fails (logged too): what changed
   *   since the last successful save is lost.
   */
  stop(): Promise<void> {
    this.stopPromise ??= (async () => {
      this.stopping = true;
      await this.scheduler.stop();
      await this.settleSaves();
      if (!this.started || this.ledger.path === null) return;
      try {
        await this.ledger.save(this.tracker.toState());
        this.tracker.markClean();
      } catch (e) {
        this.logger.error(`monitor: could not save the ledger on stop: ${describe(e)}`);
        throw new LocalStateError(
          'save-failed',
          `Could not save the ledger ${this.ledger.path}: ${describe(e)}. ` +
            'Jobs seen since the last save may be announced again next time.',
          { cause: e },
        );
      }
    })();
    return this.stopPromise;
  }

  /**
   * Poll now ("check now", resume from sleep). Coalesced: a poll already in flight answers it;
   * otherwise one poll starts now or right after the work in flight, never before a Retry-After.
   * Also ends a stop caused by a 401, and works while paused (one poll, still paused).
   */
  pollNow(): void {
    if (!this.started || this.stopping) return;
    this.unauthorized = false;
    if (this.pollInFlight) return;
    this.scheduler.trigger(POLL);
  }

  /** Stop polling and re-checks (work in flight completes). */
  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.scheduler.pause();
  }

  /** Undo {@link JobMonitor.pause} and poll at once. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.scheduler.resume();
    this.pollNow();
  }

  /** Current state (copies). */
  snapshot(): MonitorSnapshot {
    const halted = this.paused || this.unauthorized || this.stopping || !this.started;
    return {
      running: this.tracker.running(),
      history: this.tracker.history(),
      progress: Object.fromEntries(this.progress),
      lastPollMs: this.lastPollMs,
      nextPollMs: halted ? null : this.scheduler.dueMs(POLL),
      lastError: this.lastError,
      staleSinceMs: this.staleSinceMs,
      paused: this.paused,
      requestCount: this.requestCount,
      pollCount: this.pollCount,
      saveError: this.lastSaveError,
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
   * The user cancelled `id` through POST /videos/cancel: its job-finished outcome will be
   * `cancelled`, unless it actually succeeded. Unknown ids are ignored.
   */
  markCancelled(id: string): void {
    if (this.tracker.markCancelled(id)) this.saveSoon();
    else this.logger.debug(`monitor: markCancelled for an id not tracked: ${id}`);
  }

  /**
   * The user chose "stop tracking" (DELETE /scheduler/{id}): drop `id` from the running list and
   * from pending checks, with no job-finished, now or if a late poll still lists it.
   */
  forget(id: string): void {
    this.tracker.forget(id, this.clock.now());
    this.progress.delete(id);
    this.scheduleRecheck();
    this.saveSoon();
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

  /** The token was replaced: use `api` from now on and poll at once. Answers from the old client are discarded. */
  setApi(api: MinimaxApi): void {
    this.api = api;
    this.apiGeneration++;
    this.unauthorized = false;
    this.failures = 0;
    if (!this.started || this.stopping) return;
    this.scheduler.trigger(POLL);
  }

  /**
   * Window visible (true): also fetch each running job's percent (GET /videos|images/{id}) every
   * poll cycle. Hidden (false): never, and the percentages are dropped.
   */
  setProgressWanted(wanted: boolean): void {
    this.progressWanted = wanted;
    if (!wanted) this.progress.clear();
  }

  /** Resolves when no request is in flight and no ledger write is pending (tests, benchmarks). */
  async whenIdle(): Promise<void> {
    for (;;) {
      await this.scheduler.whenIdle();
      if (this.saves.size > 0) {
        await this.settleSaves();
        continue;
      }
      if (!this.scheduler.busy) return;
    }
  }

  // ---- cycles -------------------------------------------------------------------------------

  private async runDue(keys: ReadonlySet<string>): Promise<void> {
    try {
      if (keys.has(POLL)) await this.pollCycle();
      else if (keys.has(RECHECK)) await this.recheckCycle();
    } finally {
      this.lastCycleEndMs = this.clock.now();
      this.scheduleRecheck();
    }
  }

  private async pollCycle(): Promise<void> {
    const generation = this.apiGeneration;
    const api = this.api;
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
    if (generation !== this.apiGeneration) return; // token replaced meanwhile: a fresh poll follows
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

    const finished = await this.runDueChecks(generation, events);
    if (this.progressWanted) await this.fetchProgress(generation, events);
    await this.save();
    for (const job of finished) events.push({ type: 'job-finished', at: iso(job.finishedAtMs), job });
    this.emit(events);
    this.scheduleNextPoll();
  }

  private async recheckCycle(): Promise<void> {
    const events: MonitorEvent[] = [];
    const finished = await this.runDueChecks(this.apiGeneration, events);
    await this.save();
    for (const job of finished) events.push({ type: 'job-finished', at: iso(job.finishedAtMs), job });
    this.emit(events);
  }

  /** Run every due status check, one request at a time. Pushes an `error` event on a 401. */
  private async runDueChecks(generation: number, events: MonitorEvent[]): Promise<FinishedJob[]> {
    const finished: FinishedJob[] = [];
    for (const id of this.tracker.dueChecks(this.clock.now())) {
      if (this.halted(generation)) break;
      const floor = this.scheduler.notBefore();
      if (floor !== null) {
        this.tracker.postponeChecks(floor);
        break;
      }
      const cached = this.tracker.cachedFinal(id);
      if (cached) {
        const done = this.tracker.resolveWithStatus(id, cached, this.clock.now());
        if (done) finished.push(done);
        continue;
      }
      const api = this.api;
      this.requestCount++;
      try {
        const status = await api.getJobStatus(id);
        if (generation !== this.apiGeneration) break;
        const done = this.tracker.resolveWithStatus(id, status, this.clock.now());
        if (done) finished.push(done);
      } catch (e) {
        if (generation !== this.apiGeneration) break;
        const err = toApiError(e);
        const now = this.clock.now();
        if (err.reason === 'not-found') {
          const done = this.tracker.resolveNotFound(id, now);
          if (done) finished.push(done);
          continue;
        }
        if (err.reason === 'unauthorized') {
          this.enterUnauthorized(err, now, events);
          break;
        }
        this.logger.info(`monitor: status check failed (${err.reason}); will retry`);
        const done = this.tracker.checkFailed(id, now, err.retryAtMs);
        if (done) finished.push(done);
        if (err.retryAtMs !== null) this.scheduler.setNotBefore(err.retryAtMs);
        // The API is struggling: hold the other due checks back by one interval (not counted).
        this.tracker.postponeChecks(Math.max(now + this.recheck.intervalMs, err.retryAtMs ?? 0));
        break;
      }
    }
    return finished;
  }

  /** GET /videos|images/{id} for every running job, for its percent. Stops at the first failure. */
  private async fetchProgress(generation: number, events: MonitorEvent[]): Promise<void> {
    for (const job of this.tracker.running()) {
      if (!this.progressWanted || this.halted(generation) || this.scheduler.notBefore() !== null) return;
      const api = this.api;
      this.requestCount++;
      try {
        const status = await api.getJobStatus(job.id);
        if (generation !== this.apiGeneration || !this.progressWanted) return;
        if (status.percent !== null && Number.isFinite(status.percent)) {
          this.progress.set(job.id, Math.min(100, Math.max(0, status.percent)));
        }
        this.tracker.noteStatus(job.id, status);
      } catch (e) {
        if (generation !== this.apiGeneration) return;
        const err = toApiError(e);
        if (err.reason === 'unauthorized') {
          this.enterUnauthorized(err, this.clock.now(), events);
          return;
        }
        if (err.retryAtMs !== null) this.scheduler.setNotBefore(err.retryAtMs);
        if (err.reason === 'not-found') continue;
        this.logger.debug(`monitor: progress fetch failed (${err.reason}); skipping the rest this cycle`);
        return;
      }
    }
  }

  // ---- state transitions --------------------------------------------------------------------

  private halted(generation: number): boolean {
    return generation !== this.apiGeneration || this.unauthorized || this.stopping;
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

  /** 401: stop polling and re-checks until setApi()/pollNow(); report once. */
  private enterUnauthorized(err: ApiError, now: number, events: MonitorEvent[]): void {
    if (this.unauthorized) return;
    this.unauthorized = true;
    this.staleSinceMs ??= this.listObservedMs ?? now;
    this.scheduler.setDue(POLL, null);
    this.scheduler.setDue(RECHECK, null);
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

  // ---- persistence and events ---------------------------------------------------------------

  /** Save the ledger if anything changed. Failures are logged; events still go out (memory keeps them unique). */
  private save(): Promise<void> {
    if (!this.tracker.dirty || !this.started) return Promise.resolve();
    const state = this.tracker.toState();
    this.tracker.markClean();
    const p = this.ledger.save(state).then(
      () => {
        this.lastSaveError = null;
      },
      (e: unknown) => {
        this.tracker.markDirty();
        const message = `Could not save the ledger ${this.ledger.path}: ${describe(e)}`;
        // Log a failing disk once, not on every cycle.
        if (message !== this.lastSaveError) this.logger.error(`monitor: ${message}`);
        this.lastSaveError = message;
      },
    );
    this.saves.add(p);
    void p.finally(() => this.saves.delete(p));
    return p;
  }

  private saveSoon(): void {
    void this.save();
  }

  private async settleSaves(): Promise<void> {
    while (this.saves.size > 0) await Promise.all([...this.saves]);
  }

  private emit(events: MonitorEvent[]): void {
    if (events.length === 0) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(events);
      } catch (e) {
        this.logger.error(`monitor: an event listener threw: ${describe(e)}`);
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

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Anything thrown by the client that is not an ApiError is a bug; classify it without echoing it. */
function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  return new ApiError('bad-response', 'The API client failed unexpectedly', { cause: e });
}

function errorEvent(err: ApiError, now: number, retryAtMs: number | null): MonitorErrorEvent {
  return {
    type: 'error',
    at: iso(now),
    reason: err.reason,
    message: err.message,
    status: err.status,
    account: err.account,
    retryAtMs,
  };
}
