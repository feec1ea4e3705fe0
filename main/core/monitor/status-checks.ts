/**
 * The per-job requests of a monitor cycle, GET /videos/{id} or GET /images/{id} (doc
 * get-minimax-videos-videoId, get-minimax-images-imageId), one at a time:
 * - {@link runDueChecks}: the jobs that left the scheduler and whose re-check is due, resolved to
 *   their outcome (or re-checked later, or `unknown` past the bound);
 * - {@link fetchProgress}: the percent of every running job, only while the window is open.
 * Both stop at the Retry-After floor, at a 401, and when the cycle became stale.
 */
import type { JobTracker } from '../jobs/tracker.ts';
import type { FinishedJob } from '../types.ts';
import { toApiError } from './monitor-events.ts';
import type { RunContext } from './run-context.ts';

/** What a cycle's status requests need from the monitor running them. */
export interface CheckContext extends RunContext {
  readonly tracker: JobTracker;
  /** Base re-check interval (ms): how long other due checks wait after a failed one. */
  readonly recheckIntervalMs: number;
}

/**
 * Runs every due status check, one request at a time.
 * @returns the jobs whose outcome is now settled (not yet announced).
 */
export async function runDueChecks(ctx: CheckContext): Promise<FinishedJob[]> {
  const { tracker } = ctx;
  const finished: FinishedJob[] = [];
  for (const id of tracker.dueChecks(ctx.clock.now())) {
    if (ctx.stale()) break;
    const floor = ctx.notBefore();
    if (floor !== null) {
      tracker.postponeChecks(floor);
      break;
    }
    const cached = tracker.cachedFinal(id);
    if (cached) {
      const done = tracker.resolveWithStatus(id, cached, ctx.clock.now());
      if (done) finished.push(done);
      continue;
    }
    ctx.countRequest();
    try {
      const status = await ctx.api.getJobStatus(id);
      if (ctx.stale()) break;
      const done = tracker.resolveWithStatus(id, status, ctx.clock.now());
      if (done) finished.push(done);
    } catch (e) {
      if (ctx.stale()) break;
      const err = toApiError(e);
      const now = ctx.clock.now();
      if (err.reason === 'not-found') {
        const done = tracker.resolveNotFound(id, now);
        if (done) finished.push(done);
        continue;
      }
      if (err.reason === 'unauthorized') {
        ctx.unauthorized(err);
        break;
      }
      ctx.logger.info(`monitor: status check failed (${err.reason}); will retry`);
      const done = tracker.checkFailed(id, now, err.retryAtMs);
      if (done) finished.push(done);
      if (err.retryAtMs !== null) ctx.setNotBefore(err.retryAtMs);
      // The API is struggling: hold the other due checks back by one interval (not counted).
      tracker.postponeChecks(Math.max(now + ctx.recheckIntervalMs, err.retryAtMs ?? 0));
      break;
    }
  }
  return finished;
}

/**
 * Fetches the percent of every running job into `progress` (0–100 by id). Stops at the first
 * failure other than 404; `wanted()` is asked before each request (the window may have closed).
 */
export async function fetchProgress(
  ctx: CheckContext,
  progress: Map<string, number>,
  wanted: () => boolean,
): Promise<void> {
  for (const job of ctx.tracker.running()) {
    if (!wanted() || ctx.stale() || ctx.notBefore() !== null) return;
    ctx.countRequest();
    try {
      const status = await ctx.api.getJobStatus(job.id);
      if (ctx.stale() || !wanted()) return;
      if (status.percent !== null && Number.isFinite(status.percent)) {
        progress.set(job.id, Math.min(100, Math.max(0, status.percent)));
      }
      ctx.tracker.noteStatus(job.id, status);
    } catch (e) {
      if (ctx.stale()) return;
      const err = toApiError(e);
      if (err.reason === 'unauthorized') {
        ctx.unauthorized(err);
        return;
      }
      if (err.retryAtMs !== null) ctx.setNotBefore(err.retryAtMs);
      if (err.reason === 'not-found') continue;
      ctx.logger.debug(`monitor: progress fetch failed (${err.reason}); skipping the rest this cycle`);
      return;
    }
  }
}
