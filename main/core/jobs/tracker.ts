/**
 * The job tracker: turns successive GET /scheduler/ snapshots and pages of the per-account lists
 * (GET /videos/, GET /images/) into job-started and job-finished facts. Pure state, no I/O and no
 * timers: the monitor feeds it snapshots, list pages and status answers and asks it which
 * re-checks are due; the ledger persists {@link JobTracker.toState}.
 *
 * Life of a job id:
 * 1. **New** in a snapshot and not in the announced-id memory → tracked as running, reported as
 *    started. (First run, empty ledger: every job already running is reported as started.)
 * 2. **Vanishes** from a snapshot → moved to *pending*, due for a status check at once
 *    (GET /videos|images/{id}, doc get-minimax-videos-videoId).
 * 3. The check settles it: final status → outcome from the status; 404 "Not found." → moderated;
 *    not final yet, or a transient error → re-checked later: every `recheck.intervalMs` for the
 *    first 6 checks (the first 30 s by default), then `intervalMs × 1.5^(checks − 6)`, capped at
 *    5 min, never before a Retry-After (poll-policy.ts `recheckDelayMs`),
 *    until `recheck.maxChecks` checks were made or `recheck.maxAgeMs` passed since it vanished →
 *    outcome `unknown`. The age bound is only applied right after a check, so a job is always
 *    checked at least once after a long sleep or a restart.
 * 4. Settled jobs go to history (newest first, bounded) and to the announced-id memory, so a job
 *    that reappears in a flaky scheduler list is tracked *silently*: never started or finished twice.
 *
 * A pending job that reappears in the scheduler goes back to running without a second job-started.
 * A job the user cancelled from this app ({@link JobTracker.markCancelled}) finishes as `cancelled`
 * unless it actually succeeded. A forgotten job ({@link JobTracker.forget}, "stop tracking") is
 * dropped without an outcome and remembered as announced.
 *
 * **Lists** ({@link JobTracker.applyListPage}; what each item means: list-decisions.ts): a running
 * item the scheduler never listed is a website job, tracked apart from the scheduler's jobs
 * (website-jobs.ts) and reported as started by the next poll that does not list it either (one
 * that does makes it an API job that started after the last poll); a final one settles a website job or a job awaiting
 * its result, with the outcome decided as from GET /videos/{id}; a new item already final is
 * reported finished only. A website job the scheduler later lists becomes an `api` job, without a
 * second job-started. Already-announced ids are ignored, so nothing is announced twice.
 *
 * **Duration.** The true end lies between the last poll that listed the job and the first poll
 * that did not. `durationMs` uses the midpoint of that gap, `lastSeenMs + (goneSinceMs −
 * lastSeenMs) / 2`, minus the estimated start; this halves the worst-case error compared with
 * taking either end. The start is `startedMs` from the scheduler, else the first sighting minus
 * the reported `elapsed`; with neither, `durationMs` is null.
 */
import {
  emptyLedgerState,
  type LedgerState,
  type ListBaseline,
  type PendingJobRecord,
} from '../ledger/ledger.ts';
import { recheckDelayMs, type PollPolicyJob } from '../scheduler/poll-policy.ts';
import type { FinishedJob, JobStatus, ListedJob, Outcome, RunningJob } from '../types.ts';
import { finishedFromList, finishedJob, websiteJobOf } from './finished-job.ts';
import { JobMemory } from './job-memory.ts';
import { decideListItem, type KnownAs } from './list-decisions.ts';
import { applySchedulerSnapshot, type SchedulerJobs, type SnapshotDiff } from './snapshot-diff.ts';
import {
  DEFAULT_RECHECK,
  type AwaitingResult,
  type ListPageResult,
  type RecheckSettings,
} from './tracker-types.ts';
import { WebsiteJobs, type ListTarget } from './website-jobs.ts';

export type { ListTarget, SnapshotDiff };
export { DEFAULT_RECHECK, type AwaitingResult, type ListPageResult, type RecheckSettings };

/** Snapshot-diffing job state (see module docs). */
export class JobTracker {
  private readonly recheck: RecheckSettings;
  /** The scheduler's jobs: running, pending, early final statuses (snapshot-diff.ts). */
  private readonly scheduler: SchedulerJobs = {
    running: new Map(),
    pending: new Map(),
    knownFinal: new Map(),
  };
  private readonly memory: JobMemory;
  private readonly website: WebsiteJobs;
  private dirtyFlag = false;
  /** When an id was last seen for the first time (epoch ms), or null. Memory only. */
  lastNewJobMs: number | null = null;
  /** When the scheduler last listed any job (epoch ms), or null. */
  lastActiveMs: number | null = null;
  /** When a list last showed a website job running, or one finished (epoch ms), or null. */
  lastWebsiteActiveMs: number | null = null;

  /**
   * @param state what the ledger loaded (or {@link emptyLedgerState}); copied, not kept.
   * @param recheck re-check bounds; see {@link DEFAULT_RECHECK}.
   */
  constructor(state: LedgerState = emptyLedgerState(), recheck: RecheckSettings = DEFAULT_RECHECK) {
    this.recheck = recheck;
    for (const r of state.running) this.scheduler.running.set(r.job.id, { ...r });
    for (const p of state.pending)
      if (!this.scheduler.running.has(p.job.id)) this.scheduler.pending.set(p.job.id, { ...p });
    this.memory = new JobMemory(state.history, state.announced);
    this.website = new WebsiteJobs(
      state.website.filter(
        (w) => !this.scheduler.running.has(w.job.id) && !this.scheduler.pending.has(w.job.id),
      ),
      state.baselines,
    );
    let active: number | null = this.memory.lastFinishedMs;
    for (const r of [...this.scheduler.running.values(), ...this.scheduler.pending.values()]) {
      active = Math.max(active ?? r.lastSeenMs, r.lastSeenMs);
    }
    this.lastActiveMs = active;
    for (const w of this.website.values()) {
      this.lastWebsiteActiveMs = Math.max(this.lastWebsiteActiveMs ?? w.lastSeenMs, w.lastSeenMs);
    }
  }

  /** True when something the ledger stores changed since {@link JobTracker.markClean}. */
  get dirty(): boolean {
    return this.dirtyFlag;
  }

  /** Call after the state returned by {@link JobTracker.toState} was saved. */
  markClean(): void {
    this.dirtyFlag = false;
  }

  /** Force the next save (e.g. after a failed write). */
  markDirty(): void {
    this.dirtyFlag = true;
  }

  /**
   * Diff a scheduler snapshot (GET /scheduler/, normalised) against the tracked state (see
   * snapshot-diff.ts). Vanished jobs become due for a check at `nowMs`; a website job the
   * scheduler lists becomes an `api` job, not announced again.
   */
  applySnapshot(list: readonly RunningJob[], nowMs: number): SnapshotDiff {
    const out = applySchedulerSnapshot(this.scheduler, list, nowMs, {
      isAnnounced: (id) => this.memory.isAnnounced(id),
      adoptWebsiteJob: (id) => this.website.take(id),
      confirmWebsiteJobs: () => this.website.confirmAll(),
    });
    if (out.changed) this.dirtyFlag = true;
    if (out.diff.started.length > 0) this.lastNewJobMs = nowMs;
    if (this.scheduler.running.size > 0) this.lastActiveMs = nowMs;
    return out.diff;
  }

  /**
   * The running jobs: the last snapshot's, in the scheduler's order (silent ones included), then
   * the website jobs, in the order they were found.
   */
  running(): RunningJob[] {
    const out: RunningJob[] = [];
    for (const r of this.scheduler.running.values()) out.push(r.job);
    for (const w of this.website.values()) out.push(w.job);
    return out;
  }

  /** The running job `id` (either source), or null. */
  runningJob(id: string): RunningJob | null {
    return this.scheduler.running.get(id)?.job ?? this.website.get(id)?.job ?? null;
  }

  /** Website jobs running now. */
  get websiteRunning(): number {
    return this.website.size;
  }

  /** Running jobs as the poll policy sees them. */
  policyJobs(): PollPolicyJob[] {
    return [...this.scheduler.running.values()].map((r) => ({
      kind: r.job.kind,
      estimatedStartMs: r.estimatedStartMs,
    }));
  }

  /** Ids waiting for a final status. */
  pendingIds(): string[] {
    return [...this.scheduler.pending.keys()];
  }

  /** Jobs waiting for a final status, in the order they left the scheduler (copies). */
  awaiting(): AwaitingResult[] {
    return [...this.scheduler.pending.values()].map((p) => ({
      job: p.job,
      goneSinceMs: p.goneSinceMs,
      checks: p.checks,
      nextCheckMs: p.nextCheckMs,
    }));
  }

  /** Pending ids whose check is due at `nowMs`, earliest first. */
  dueChecks(nowMs: number): string[] {
    return [...this.scheduler.pending.values()]
      .filter((p) => p.nextCheckMs <= nowMs)
      .sort((a, b) => a.nextCheckMs - b.nextCheckMs)
      .map((p) => p.job.id);
  }

  /** Earliest due time of a pending check (epoch ms), or null when nothing is pending. */
  nextCheckDueMs(): number | null {
    let min: number | null = null;
    for (const p of this.scheduler.pending.values())
      if (min === null || p.nextCheckMs < min) min = p.nextCheckMs;
    return min;
  }

  /** Delay every pending check due before `untilMs` to `untilMs`, without counting a check. */
  postponeChecks(untilMs: number): void {
    for (const p of this.scheduler.pending.values()) {
      if (p.nextCheckMs < untilMs) {
        p.nextCheckMs = untilMs;
        this.dirtyFlag = true;
      }
    }
  }

  /** True when `id` is running (non-silent, either source) or pending: its outcome will be announced. */
  isTracked(id: string): boolean {
    const r = this.scheduler.running.get(id);
    return (
      (r !== undefined && !r.silent) || this.scheduler.pending.has(id) || this.website.get(id) !== undefined
    );
  }

  /** True when `id`'s outcome was announced (or it was forgotten) and is still remembered. */
  isAnnounced(id: string): boolean {
    return this.memory.isAnnounced(id);
  }

  /**
   * Remember a status fetched while the job still runs (progress). A final one is used instead of
   * a request when the job vanishes.
   */
  noteStatus(id: string, status: JobStatus): void {
    if (status.final && this.scheduler.running.has(id)) this.scheduler.knownFinal.set(id, status);
  }

  /** A final status learnt early for a pending job, or null. */
  cachedFinal(id: string): JobStatus | null {
    return this.scheduler.pending.has(id) ? (this.scheduler.knownFinal.get(id) ?? null) : null;
  }

  /**
   * Apply a GET /videos|images/{id} answer to a pending job. Final → the finished job (already in
   * history). Not final → re-check later, or give up as `unknown` at the bound. Null when `id` is
   * not pending or a re-check was scheduled.
   * @param retryAtMs Retry-After floor for the next check, if any.
   */
  resolveWithStatus(
    id: string,
    status: JobStatus,
    nowMs: number,
    retryAtMs: number | null = null,
  ): FinishedJob | null {
    const p = this.scheduler.pending.get(id);
    if (!p) return null;
    p.checks++;
    if (status.final) return this.finish(p, status.outcome ?? 'unknown', status, nowMs);
    p.lastStatus = status;
    return this.rescheduleOrGiveUp(p, nowMs, retryAtMs);
  }

  /** GET /videos|images/{id} answered 404 "Not found.": the result was moderated and removed. */
  resolveNotFound(id: string, nowMs: number): FinishedJob | null {
    const p = this.scheduler.pending.get(id);
    if (!p) return null;
    p.checks++;
    return this.finish(p, 'moderated', null, nowMs);
  }

  /**
   * A status check failed transiently (network, 5xx, 429…): counts against the bound; re-check
   * later (not before `retryAtMs`), or give up as `unknown`.
   */
  checkFailed(id: string, nowMs: number, retryAtMs: number | null): FinishedJob | null {
    const p = this.scheduler.pending.get(id);
    if (!p) return null;
    p.checks++;
    return this.rescheduleOrGiveUp(p, nowMs, retryAtMs);
  }

  /**
   * The user cancelled `id` (POST /videos/cancel): it will finish as `cancelled` unless it
   * succeeds. Returns false when `id` is neither running nor pending.
   */
  markCancelled(id: string): boolean {
    const rec = this.scheduler.running.get(id) ?? this.scheduler.pending.get(id) ?? this.website.get(id);
    if (!rec) return false;
    if (!rec.cancelled) {
      rec.cancelled = true;
      this.dirtyFlag = true;
    }
    return true;
  }

  /**
   * The user chose "stop tracking" (DELETE /scheduler/{id}): drop `id` without an outcome and
   * remember it as announced, so a late listing does not announce it again. Returns false when
   * `id` was not known.
   */
  stopTracking(id: string, nowMs: number): boolean {
    const known = this.scheduler.running.delete(id) || this.scheduler.pending.delete(id);
    this.scheduler.knownFinal.delete(id);
    this.memory.silence(id, nowMs);
    this.dirtyFlag = true;
    return known;
  }

  /** Finished jobs, newest first. */
  history(): FinishedJob[] {
    return this.memory.history();
  }

  /** Empty the history (the announced-id memory stays, so nothing is announced again). */
  clearHistory(): void {
    if (this.memory.clearHistory()) this.dirtyFlag = true;
  }

  // ---- the per-account lists ------------------------------------------------------------------

  /** The baseline of an account's list of one kind, or null before its first reconcile. */
  baseline(target: ListTarget): ListBaseline | null {
    return this.website.baseline(target);
  }

  /** A reconcile of `baseline`'s account and kind is complete: from now on it covers this far. */
  setBaseline(baseline: ListBaseline): void {
    this.website.setBaseline(baseline);
    this.dirtyFlag = true;
  }

  /** The accounts' lists that hold a running website job (to re-read while they run). */
  websiteTargets(): ListTarget[] {
    return this.website.targets();
  }

  /**
   * Apply one page of an account's list (see list-decisions.ts for each item).
   * @param baseline the list's baseline as it was when this reconcile began reading it; null for
   *   its first reconcile (finished items are history: remembered, never announced).
   */
  applyListPage(items: readonly ListedJob[], baseline: ListBaseline | null, nowMs: number): ListPageResult {
    const result: ListPageResult = { finished: [], runningChanged: false, foundRunning: 0 };
    for (const item of items) {
      const decision = decideListItem(this.knownAs(item.id), item, baseline);
      if (decision === 'ignore') continue;
      this.dirtyFlag = true;
      switch (decision) {
        case 'note-final':
          this.scheduler.knownFinal.set(item.id, item.status);
          break;
        case 'resolve': {
          const done = this.scheduler.pending.has(item.id)
            ? this.resolveWithStatus(item.id, item.status, nowMs)
            : this.finishWebsite(item.id, item.status, nowMs);
          if (done) result.finished.push(done);
          break;
        }
        case 'seen-running': {
          const rec = this.website.get(item.id);
          if (rec) rec.lastSeenMs = nowMs;
          this.lastWebsiteActiveMs = nowMs;
          break;
        }
        case 'start': {
          // Announced by the next poll that does not list it either (it may be an API job that
          // started after the last poll): see SnapshotDiff.confirmedWebsite.
          const job = websiteJobOf(item);
          const rec = {
            job,
            firstSeenMs: nowMs,
            lastSeenMs: nowMs,
            estimatedStartMs: job.startedMs,
            cancelled: false,
            confirmed: false,
          };
          if (!this.website.add(rec)) break;
          result.runningChanged = true;
          result.foundRunning++;
          this.lastWebsiteActiveMs = nowMs;
          break;
        }
        case 'finish-new': {
          const job = finishedFromList(item, nowMs);
          this.memory.remember(job, nowMs);
          result.finished.push(job);
          this.lastWebsiteActiveMs = nowMs;
          break;
        }
        case 'history':
          this.memory.silence(item.id, nowMs);
          break;
      }
    }
    result.runningChanged ||= result.finished.some((f) => f.source === 'website');
    return result;
  }

  /**
   * Website jobs of `target` that no list request has shown since `beforeMs` and for longer than
   * the re-check age bound (removed on the website, or pushed past the pages read) are given up:
   * finished as `unknown`.
   */
  expireUnseenWebsiteJobs(target: ListTarget, beforeMs: number, nowMs: number): FinishedJob[] {
    const out: FinishedJob[] = [];
    for (const rec of this.website.unseenSince(target, beforeMs)) {
      if (nowMs - rec.lastSeenMs < this.recheck.maxAgeMs) continue;
      const done = this.finishWebsite(rec.job.id, null, nowMs);
      if (done) out.push(done);
    }
    return out;
  }

  /**
   * Website jobs were turned off: forget the website jobs running and every baseline (turned on
   * again, the next reconcile starts as the first: history).
   */
  forgetWebsiteJobs(): void {
    if (this.website.clear()) this.dirtyFlag = true;
  }

  /** The state to persist (copies). */
  toState(): LedgerState {
    return {
      running: [...this.scheduler.running.values()].map((r) => ({ ...r })),
      pending: [...this.scheduler.pending.values()].map((p) => ({ ...p })),
      ...this.website.toState(),
      ...this.memory.toState(),
    };
  }

  private knownAs(id: string): KnownAs {
    const r = this.scheduler.running.get(id);
    if (r !== undefined) return r.silent ? 'announced' : 'scheduler';
    if (this.scheduler.pending.has(id)) return 'pending';
    if (this.website.get(id) !== undefined) return 'website';
    return this.memory.isAnnounced(id) ? 'announced' : 'unknown';
  }

  /** Settle a website job with its final `status` (null: given up, `unknown`). */
  private finishWebsite(id: string, status: JobStatus | null, nowMs: number): FinishedJob | null {
    const rec = this.website.take(id);
    if (!rec) return null;
    const endMs = rec.lastSeenMs + (nowMs - rec.lastSeenMs) / 2;
    return this.record(finishedJob(rec, endMs, status?.outcome ?? 'unknown', status, nowMs), nowMs);
  }

  /** Remember a settled job (history, announced ids) and return it. */
  private record(job: FinishedJob, nowMs: number): FinishedJob {
    this.scheduler.knownFinal.delete(job.id);
    this.memory.remember(job, nowMs);
    this.dirtyFlag = true;
    this.lastWebsiteActiveMs = job.source === 'website' ? nowMs : this.lastWebsiteActiveMs;
    return job;
  }

  private rescheduleOrGiveUp(
    p: PendingJobRecord,
    nowMs: number,
    retryAtMs: number | null,
  ): FinishedJob | null {
    if (p.checks >= this.recheck.maxChecks || nowMs - p.goneSinceMs >= this.recheck.maxAgeMs) {
      return this.finish(p, 'unknown', p.lastStatus, nowMs);
    }
    const next = nowMs + recheckDelayMs(p.checks, this.recheck.intervalMs);
    p.nextCheckMs = retryAtMs !== null ? Math.max(next, retryAtMs) : next;
    this.dirtyFlag = true;
    return null;
  }

  private finish(
    p: PendingJobRecord,
    outcome: Outcome,
    status: JobStatus | null,
    nowMs: number,
  ): FinishedJob {
    this.scheduler.pending.delete(p.job.id);
    const endMs = p.lastSeenMs + (p.goneSinceMs - p.lastSeenMs) / 2;
    return this.record(finishedJob(p, endMs, outcome, status, nowMs), nowMs);
  }
}
