/**
 * The job monitor: composes the API client, the tracker, the ledger, the account directory and
 * the scheduler into the one object every shell (tray app, CLI, tests, benchmarks) drives.
 *
 * Data flows one way: scheduler → api → tracker → ledger → events. Every request runs inside a
 * scheduler run, so there is never more than one request in flight, on any route, and a
 * Retry-After from any route holds back every other one. Exactly one timer is armed while
 * anything is scheduled. Scheduler keys, most urgent first: the poll, the re-check of vanished
 * jobs, GET /accounts (ids for the lists, names while details are wanted), the per-account lists
 * (one page per run), then capacity (only while details are wanted); the user's actions
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
 * **Lists** (website jobs, and jobs that finished while the monitor was away; unless
 * `websiteJobs` is false). A reconcile reads each account's GET /videos/ and GET /images/ pages
 * (scheduler/reconcile-plan.ts), one request per scheduler run, after the first successful poll,
 * right after every `recovered`, on resume from sleep and on the cadence of
 * scheduler/reconcile-policy.ts; while website jobs run, their lists are re-read. A list batch:
 * `jobs` (when the running list changed), `job-started` per website job found running,
 * `job-finished` per job the lists settled (after the save). What each item means is the
 * tracker's (jobs/list-decisions.ts): the first reconcile of a list is history, never announced.
 *
 * **Accounts.** With the `accounts` option (the CLI's `--account`) only those MiniMax accounts are
 * watched: the scheduler's items of the others are dropped before the tracker, only their lists
 * are read, and the ledger keeps the others' records as they were (accounts/account-scope.ts).
 *
 * **Failures.** A failed poll emits `error` with `retryAtMs` = when the next attempt is due:
 * exponential backoff with full jitter, never earlier than the server's Retry-After. The last
 * known job list stays in {@link MonitorSnapshot.running}, with `staleSinceMs` set to when it was
 * fetched. **Unauthorized** (401, on any route) holds polling and is reported once, until
 * {@link JobMonitor.setApi} or {@link JobMonitor.pollNow}.
 */
import type { MinimaxApi } from '../api/api.ts';
import { ApiError } from '../api/errors.ts';
import type { AwaitingResult } from '../jobs/tracker.ts';
import { DEFAULT_RECHECK, JobTracker } from '../jobs/tracker.ts';
import type { LedgerState } from '../ledger/ledger.ts';
import { DEFAULT_POLLING, resolvePollingSettings, type PollingSettings } from '../scheduler/poll-policy.ts';
import { LocalStateError } from '../state/local-state-error.ts';
import type { MonitorEvent } from '../types.ts';
import { describeError, iso, toApiError } from './monitor-events.ts';
import type { MonitorOptions, MonitorSnapshot, PauseReason } from './monitor-types.ts';
import { LISTS, MonitorRuns, POLL } from './monitor-runs.ts';
export { DEFAULT_POLLING, type PollingSettings };
export { DEFAULT_RECHECK, type AwaitingResult };
export type { MonitorOptions, MonitorSnapshot, PauseReason };

/**
 * Watches the useapi.net scheduler (and the per-account lists) and emits {@link MonitorEvent}
 * batches. See the module docs; the state is in monitor-state.ts, the runs in monitor-runs.ts.
 * Methods other than start, stop and the queued requests are synchronous and never throw.
 */
/** Order in which {@link MonitorSnapshot.pausedBy} lists the reasons. */
const PAUSE_ORDER: readonly PauseReason[] = ['user', 'sleep', 'no-token', 'unauthorized'];

export class JobMonitor extends MonitorRuns {
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
    // Accounts not watched (the `accounts` option): their records are set aside, saved as they were.
    const { watched, others } = this.scope.split(state);
    this.setAside = others;
    this.tracker = new JobTracker(watched, this.recheck);
    // Off: website jobs cannot be followed, and turned on again the lists start with history.
    if (!this.reconcile.on) this.tracker.forgetWebsiteJobs();
    let observed: number | null = null;
    for (const r of watched.running) observed = Math.max(observed ?? r.lastSeenMs, r.lastSeenMs);
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
        await this.ledger.save(this.ledgerState());
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

  /**
   * Release the hold for `reason`; when nothing holds polling any more, poll at once. Back from
   * sleep, the lists are read again too (jobs may have finished meanwhile).
   */
  resume(reason: 'user' | 'sleep' = 'user'): void {
    if (!this.holds.delete(reason)) return;
    if (reason === 'sleep') this.requestReconcile('resume');
    this.syncHold();
    if (this.holds.size === 0) this.pollNow();
  }

  /**
   * Read every account's lists soon ("check now"): right after the poll in flight or due, never
   * before a Retry-After. Does nothing while website jobs are off.
   */
  reconcileNow(): void {
    this.requestReconcile('check-now');
  }

  /**
   * Turn the per-account lists on or off (the `websiteJobs` option). Off: the reconcile in
   * progress stops, no list or accounts request follows for it, and the website jobs running and
   * the list baselines are forgotten (saved). On: a full reconcile follows; it starts as the first
   * (history).
   */
  setWebsiteJobs(on: boolean): void {
    if (on === this.reconcile.on) return;
    this.reconcile.setOn(on);
    if (on) {
      this.requestReconcile('turned-on');
      return;
    }
    const hadWebsiteJobs = this.tracker.websiteRunning > 0;
    this.tracker.forgetWebsiteJobs();
    this.scheduler.setDue(LISTS, null);
    this.scheduleDetails(this.clock.now());
    this.saveSoon();
    if (hadWebsiteJobs)
      this.emit([{ type: 'jobs', at: iso(this.clock.now()), jobs: this.tracker.running() }]);
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
   * job-finished, now or if a late poll still lists it. It keeps generating on MiniMax. Only for
   * jobs the scheduler lists (source `api`): DELETE /scheduler/ cannot act on website jobs.
   * @returns false when `id` is not a running API job (nothing was sent).
   * @throws ApiError when the API refuses (a 404 "Unable to locate running" counts as done).
   */
  async stopTracking(id: string): Promise<boolean> {
    if (this.tracker.runningJob(id)?.source !== 'api') return false;
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
   * "Cancel video" (POST /videos/cancel, doc post-minimax-videos-cancel), for a running video of
   * either source: queued like every request; then its job-finished outcome will be `cancelled`
   * (unless it actually succeeded), and a poll (and, for a website job, its list) follows at once.
   * @returns false when `id` is not running (nothing was sent).
   * @throws ApiError when the API refuses.
   */
  async cancelVideo(id: string): Promise<boolean> {
    if (!this.isRunning(id)) return false;
    await this.send((api) => api.cancelVideo(id));
    if (this.tracker.markCancelled(id)) this.saveSoon();
    if (this.tracker.runningJob(id)?.source === 'website') {
      this.reconcile.refreshSoon();
      this.scheduleLists();
    }
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
    this.polledWithClient = false;
    this.reconcile.reset('new-client');
    this.scheduler.setDue(LISTS, null);
    // Account names and capacity follow the first successful poll with the new client. Trigger
    // before releasing the hold, so the poll due since start() and this one are the same run.
    if (this.started && !this.stopping && api !== null) this.scheduler.trigger(POLL);
    this.syncHold();
  }

  /**
   * The window is open (true): also fetch each running job's percent every poll cycle, and the
   * account names (at most hourly) and capacity (at most every 15 s). Closed (false): none of
   * these (GET /accounts only as the list reconcile needs it), and the percentages are dropped.
   */
  setDetailsWanted(wanted: boolean): void {
    this.detailsWanted = wanted;
    if (!wanted) this.progress.clear();
    if (this.started && !this.stopping) this.scheduleDetails(this.clock.now());
  }

  /** Resolves when no request is in flight and no ledger write is pending (tests, benchmarks). */
  async whenIdle(): Promise<void> {
    do {
      await this.scheduler.whenIdle();
      await this.ledger.settled();
    } while (this.scheduler.busy);
  }

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
}
