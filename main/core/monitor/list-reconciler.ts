/**
 * The monitor's list reconciles: whether they are on, the plan in progress, a full reconcile
 * asked for (and why), when the last full one and the last refresh began, and failures in a row;
 * and the run of one step ({@link ListReconciler.run}: begin a reconcile when due, then one page
 * through list-runs.ts). No clock and no timer of its own: the monitor asks it when its scheduler
 * key is due ({@link ListReconciler.dueMs}) and passes the time in.
 */
import type { AccountDirectory } from '../accounts/account-directory.ts';
import type { AccountScope } from '../accounts/account-scope.ts';
import type { JobTracker } from '../jobs/tracker.ts';
import { fullPlan, refreshPlan, withAccounts, type ReconcilePlan } from '../scheduler/reconcile-plan.ts';
import {
  reconcileRetryDelayMs,
  requestedReconcileDueMs,
  timedReconcileDueMs,
  type ReconcileReason,
  type ReconcileSettings,
} from '../scheduler/reconcile-policy.ts';
import { formatDuration } from '../format/duration.ts';
import type { ListTarget } from '../jobs/website-jobs.ts';
import { runListStep, type ListRunContext, type ListStepOutcome } from './list-runs.ts';

/** What one run did: nothing (not due, or waiting for GET /accounts), or one step. */
export type ListRunResult =
  { kind: 'idle' } | { kind: 'needs-accounts' } | { kind: 'step'; outcome: ListStepOutcome };

/** The reconcile bookkeeping of one monitor (see the module docs). Instants are epoch ms. */
export class ListReconciler {
  readonly settings: ReconcileSettings;
  /** Lists are read at all (the `websiteJobs` option). */
  on: boolean;
  /** The reconcile in progress, or null. */
  plan: ReconcilePlan | null = null;
  /** A full reconcile asked for and not begun yet (the first one: at start). */
  private requested: ReconcileReason | null = 'start';
  /** When {@link ListReconciler.requested} was asked for (null: at once, e.g. at start). */
  private requestedMs: number | null = null;
  private lastFullMs: number | null = null;
  private lastRefreshMs: number | null = null;
  private failures = 0;
  private retryAtMs: number | null = null;
  /** The accounts watched: a full reconcile reads only their lists. */
  private readonly scope: AccountScope;

  constructor(settings: ReconcileSettings, on: boolean, scope: AccountScope) {
    this.settings = settings;
    this.on = on;
    this.scope = scope;
  }

  /**
   * When the lists' scheduler key is due (epoch ms): now while a reconcile is in progress (null
   * while it waits for GET /accounts), else the earlier of the next full reconcile and the next
   * refresh of running website jobs. Null while off.
   */
  dueMs(nowMs: number, tracker: JobTracker, lastActiveMs: number | null): number | null {
    if (!this.on) return null;
    if (this.plan !== null) return this.plan.needsAccounts ? null : nowMs;
    const full = this.fullDueMs(this.settings, nowMs, lastActiveMs);
    const refresh = this.refreshDueMs(this.settings, tracker.websiteRunning, nowMs);
    return refresh === null ? full : Math.min(full, refresh);
  }

  /**
   * One run: begins a full reconcile or a refresh when due (a full one whose GET /accounts is
   * stale returns `needs-accounts`: that request goes first), then reads one page.
   * @param lastActiveMs when a job of either source was last seen (the cadence depends on it).
   */
  async run(
    ctx: ListRunContext,
    accounts: AccountDirectory,
    lastActiveMs: number | null,
  ): Promise<ListRunResult> {
    const now = ctx.clock.now();
    if (this.plan === null) {
      if (this.fullDueMs(this.settings, now, lastActiveMs) <= now) {
        const ids = accounts.accountsFresh(now) ? accounts.accountIds() : null;
        const plan = this.beginFull(now, ids === null ? null : this.scope.pick(ids));
        ctx.logger.debug(`monitor: reading the account lists (${plan.reason})`);
      } else if ((this.refreshDueMs(this.settings, ctx.tracker.websiteRunning, now) ?? Infinity) <= now) {
        this.beginRefresh(now, ctx.tracker.websiteTargets());
      } else return { kind: 'idle' };
    }
    const plan = this.plan;
    if (plan === null) return { kind: 'idle' };
    if (plan.needsAccounts) return { kind: 'needs-accounts' };
    const outcome = await runListStep(ctx, plan);
    if (ctx.stale() || !this.on) return { kind: 'idle' };
    if (outcome.failed !== null) {
      const failedAt = ctx.clock.now();
      const retryAt = this.failed(failedAt);
      const again = formatDuration(retryAt - failedAt) ?? 'a while';
      const err = outcome.failed;
      // Said once per run of failures (a warning reaches the CLI's stderr and the app's log):
      // without the lists, website jobs and jobs that finished while away go unseen.
      const log = this.failures === 1 ? ctx.logger.warn : ctx.logger.info;
      log.call(
        ctx.logger,
        `monitor: the account lists could not be read (${err.reason}: ${err.message}); jobs started on ` +
          `the website are not seen until they are read again, in ${again}`,
      );
    } else this.stepDone(outcome.plan);
    return { kind: 'step', outcome };
  }

  /**
   * Ask at `nowMs` for a full reconcile (`reason` decides how soon; see reconcile-policy.ts).
   * Ignored while off.
   */
  request(reason: ReconcileReason, nowMs: number): void {
    if (!this.on) return;
    // A reason asked for earlier keeps its time; an immediate one wins over a queue-emptied one.
    if (this.requested === null) this.requestedMs = nowMs;
    const delayed = (r: ReconcileReason | null) => r === 'queue-emptied' || r === 'queue-started';
    if (this.requested === null || (delayed(this.requested) && !delayed(reason))) this.requested = reason;
  }

  /** Re-read the running website jobs' lists at once (after the user cancelled one). */
  refreshSoon(): void {
    this.lastRefreshMs = null;
  }

  /** When the next full reconcile is due, given when a job was last active. */
  private fullDueMs(settings: ReconcileSettings, nowMs: number, lastActiveMs: number | null): number {
    const times = { nowMs, lastFullMs: this.lastFullMs, lastActiveMs };
    if (this.requested !== null) {
      return requestedReconcileDueMs(settings, this.requested, this.requestedMs ?? nowMs, this.lastFullMs);
    }
    if (this.retryAtMs !== null) return this.retryAtMs;
    return timedReconcileDueMs(settings, times);
  }

  /** When the running website jobs' lists are due again, or null when none runs. */
  private refreshDueMs(settings: ReconcileSettings, websiteRunning: number, nowMs: number): number | null {
    if (websiteRunning === 0) return null;
    const last = this.lastRefreshMs ?? this.lastFullMs;
    return last === null ? nowMs : last + settings.websiteRefreshMs;
  }

  /**
   * Begin a full reconcile now. `accounts` are the account ids when GET /accounts is fresh, else
   * null (it must come first).
   */
  private beginFull(nowMs: number, accounts: readonly string[] | null): ReconcilePlan {
    const reason = this.requested ?? (this.retryAtMs !== null ? 'retry' : 'timer');
    this.requested = null;
    this.retryAtMs = null;
    this.lastFullMs = nowMs;
    this.lastRefreshMs = nowMs;
    this.plan = fullPlan(reason, accounts, nowMs);
    return this.plan;
  }

  /** Begin a refresh of `targets` now. */
  private beginRefresh(nowMs: number, targets: readonly ListTarget[]): ReconcilePlan {
    this.lastRefreshMs = nowMs;
    this.plan = refreshPlan(targets, nowMs);
    return this.plan;
  }

  /** The plan waits for GET /accounts. */
  get waitingForAccounts(): boolean {
    return this.plan?.needsAccounts === true;
  }

  /**
   * GET /accounts answered or failed: go on with the watched ones of `accounts` (the usable ids
   * last known), or give up.
   */
  accountsSettled(accounts: readonly string[] | null, nowMs: number): void {
    if (!this.plan?.needsAccounts) return;
    if (accounts === null) this.failed(nowMs);
    else this.plan = withAccounts(this.plan, this.scope.pick(accounts));
  }

  /** A step ended with `plan` to go on with (null: done). */
  private stepDone(plan: ReconcilePlan | null): void {
    this.plan = plan;
    if (plan === null) this.failures = 0;
  }

  /** A list request failed: the reconcile is abandoned and tried again after a growing wait. */
  private failed(nowMs: number): number {
    this.plan = null;
    this.failures++;
    this.retryAtMs = nowMs + reconcileRetryDelayMs(this.failures);
    return this.retryAtMs;
  }

  /** Polling failed or the lists were turned off: drop the reconcile in progress. */
  abandon(): void {
    this.plan = null;
  }

  /** Another client (token or API base): start over, a full reconcile after its first poll. */
  reset(reason: ReconcileReason): void {
    this.plan = null;
    this.requested = reason;
    this.requestedMs = null;
    this.lastFullMs = null;
    this.lastRefreshMs = null;
    this.failures = 0;
    this.retryAtMs = null;
  }

  /** Turn the lists on (a full reconcile follows) or off (nothing more is asked for). */
  setOn(on: boolean): void {
    this.on = on;
    this.reset('turned-on');
    if (!on) this.requested = null;
  }
}
