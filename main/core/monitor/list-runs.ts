/**
 * One step of a list reconcile: at most one request, GET /videos/?account=… or GET
 * /images/?account=… (docs get-minimax-videos, get-minimax-images), applied to the tracker. The
 * plan (scheduler/reconcile-plan.ts) says which page comes next; the tracker decides what each
 * item means (jobs/list-decisions.ts); this only sends the request and routes its answer.
 *
 * Failures: a 401 holds the monitor; a failure that concerns one account's list (404, 400, 596,
 * an answer that cannot be read) skips that list and goes on; any other (network, timeout, 429,
 * 5xx) abandons the reconcile, to be tried again later, after a Retry-After if one came.
 */
import type { ApiError } from '../api/errors.ts';
import type { JobTracker } from '../jobs/tracker.ts';
import { afterPage, nextPage, planDone, skipList, type ReconcilePlan } from '../scheduler/reconcile-plan.ts';
import type { ReconcileSettings } from '../scheduler/reconcile-policy.ts';
import type { ErrorReason, FinishedJob } from '../types.ts';
import { toApiError } from './monitor-events.ts';
import type { RunContext } from './run-context.ts';

/** Failures that concern only the list asked for: skip it, read the others. */
const SKIP_LIST: ReadonlySet<ErrorReason> = new Set<ErrorReason>([
  'not-found',
  'api-error',
  'account-on-hold',
  'bad-response',
]);

/** What a list step needs from the monitor running it. */
export interface ListRunContext extends RunContext {
  readonly tracker: JobTracker;
  readonly settings: ReconcileSettings;
}

/** What one step did. */
export interface ListStepOutcome {
  /** The plan to go on with, or null when it is done or was abandoned. */
  plan: ReconcilePlan | null;
  /** Jobs the step settled (already in history; announce after the save). */
  finished: FinishedJob[];
  /** The running list changed. */
  runningChanged: boolean;
  /** Running items seen for the first time: a poll tells API jobs from website jobs. */
  foundRunning: number;
  /** The failure that abandoned the reconcile (retry later), or null. */
  failed: ApiError | null;
}

/** Runs the next step of `plan` (one page request, or none when the plan is done). */
export async function runListStep(ctx: ListRunContext, plan: ReconcilePlan): Promise<ListStepOutcome> {
  const out: ListStepOutcome = {
    plan,
    finished: [],
    runningChanged: false,
    foundRunning: 0,
    failed: null,
  };
  const { tracker } = ctx;
  const step = nextPage(plan, (target) => tracker.baseline(target));
  if (step.page === null) return { ...out, plan: null };
  const { target, lastId, baseline } = step.page;
  const query = { account: target.account, limit: ctx.settings.pageLimit, lastId };
  ctx.countRequest();
  try {
    const items = await (target.kind === 'video' ? ctx.api.listVideos(query) : ctx.api.listImages(query));
    if (ctx.stale()) return { ...out, plan: null };
    const now = ctx.clock.now();
    const applied = tracker.applyListPage(items, baseline, now);
    const next = afterPage(step.plan, items, ctx.settings, now);
    out.finished = applied.finished;
    out.runningChanged = applied.runningChanged;
    out.foundRunning = applied.foundRunning;
    if (next.done !== null) {
      tracker.setBaseline(next.done);
      const expired = tracker.expireUnseenWebsiteJobs(target, plan.startedMs, now);
      out.finished.push(...expired);
      out.runningChanged ||= expired.length > 0;
    }
    out.plan = planDone(next.plan) ? null : next.plan;
    return out;
  } catch (e) {
    if (ctx.stale()) return { ...out, plan: null };
    const err = toApiError(e);
    const what = `GET /${target.kind === 'video' ? 'videos' : 'images'}/ of account ${target.account}`;
    if (err.reason === 'unauthorized') {
      ctx.unauthorized(err);
      return { ...out, plan: null };
    }
    if (err.retryAtMs !== null) ctx.setNotBefore(err.retryAtMs);
    if (SKIP_LIST.has(err.reason)) {
      ctx.logger.info(`monitor: ${what} failed (${err.reason}); skipped this time`);
      const skipped = skipList(step.plan);
      return { ...out, plan: planDone(skipped) ? null : skipped };
    }
    ctx.logger.info(`monitor: ${what} failed (${err.reason}); the lists are read again later`);
    return { ...out, plan: null, failed: err };
  }
}
