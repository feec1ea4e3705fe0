/**
 * The runs of the job monitor's scheduler keys (the poll cycle, re-checks, GET /accounts and
 * capacity, one page of the lists), when each key is due next, and the poll-failure transition.
 * The state they share is monitor-state.ts; the public face (lifecycle, the user's actions,
 * settings, the snapshot) is job-monitor.ts; see its module docs for the cycles and the order of
 * events.
 */
import { ACCOUNTS_KEY, CAPACITY_KEY } from '../accounts/account-directory.ts';
import { ApiError } from '../api/errors.ts';
import { nextPollDecision, retryDelayMs } from '../scheduler/poll-policy.ts';
import type { ReconcileReason } from '../scheduler/reconcile-policy.ts';
import type { MonitorEvent, RunningJob } from '../types.ts';
import { fetchAccounts, fetchCapacity } from './detail-runs.ts';
import { errorEvent, iso, toApiError } from './monitor-events.ts';
import { LISTS, MonitorState, POLL, RECHECK } from './monitor-state.ts';
import { fetchProgress, runDueChecks } from './status-checks.ts';

export { LISTS, POLL };

/** The runs of the job monitor (see the module docs); {@link JobMonitor} is its public face. */
export class MonitorRuns extends MonitorState {
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
      // Jobs of the accounts not watched (the `accounts` option) are never tracked.
      list = list.filter((job) => this.scope.includes(job.account));
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
    const unknown = out.ok ? this.scope.unknownAccountsWarning(this.accounts.listedIds() ?? []) : null;
    if (unknown !== null) this.logger.warn(`monitor: ${unknown}`);
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

  // ---- failures and when each key is due ------------------------------------------------------

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
