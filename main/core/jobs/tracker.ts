/**
 * The job tracker: turns successive GET /scheduler/ snapshots into job-started and job-finished
 * facts. Pure state, no I/O and no timers: the monitor feeds it snapshots and status answers and
 * asks it which re-checks are due; the ledger persists {@link JobTracker.toState}.
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
 * **Duration.** The true end lies between the last poll that listed the job and the first poll
 * that did not. `durationMs` uses the midpoint of that gap, `lastSeenMs + (goneSinceMs −
 * lastSeenMs) / 2`, minus the estimated start; this halves the worst-case error compared with
 * taking either end. The start is `startedMs` from the scheduler, else the first sighting minus
 * the reported `elapsed`; with neither, `durationMs` is null.
 */
import {
  emptyLedgerState,
  pruneAnnounced,
  pruneHistory,
  type AnnouncedRecord,
  type LedgerState,
  type PendingJobRecord,
  type TrackedJobRecord,
} from '../ledger/ledger.ts';
import { recheckDelayMs, type PollPolicyJob } from '../scheduler/poll-policy.ts';
import type { FinishedJob, JobStatus, Outcome, RunningJob } from '../types.ts';

/** How the tracker re-checks a job that left the scheduler but is not final yet. All ms. */
export interface RecheckSettings {
  /** Re-check interval for the first 6 checks; later ones grow by 1.5× up to 5 min. Default 5 000. */
  intervalMs: number;
  /** Give up (outcome `unknown`) after this many checks, the first included. Default 20. */
  maxChecks: number;
  /** Give up (outcome `unknown`) once this long has passed since the job vanished. Default 1 800 000 (30 min). */
  maxAgeMs: number;
}

/** Default re-check settings: 5 s for 30 s, then growing by 1.5× (cap 5 min), at most 20 checks or 30 min. */
export const DEFAULT_RECHECK: RecheckSettings = Object.freeze({
  intervalMs: 5_000,
  maxChecks: 20,
  maxAgeMs: 30 * 60_000,
});

/** What changed with one scheduler snapshot. */
export interface SnapshotDiff {
  /** Ids never seen before: announce as job-started, in list order. */
  started: RunningJob[];
  /** Ids that left the scheduler and now wait for a status check. */
  vanished: string[];
  /** Pending ids that reappeared (flaky list): tracked as running again, not announced. */
  returned: string[];
}

/** A job that left the scheduler and waits for its final status (a re-check is pending). */
export interface AwaitingResult {
  /** The job as the scheduler last listed it. */
  job: RunningJob;
  /** When a snapshot first lacked it (epoch ms). */
  goneSinceMs: number;
  /** Status checks made so far. */
  checks: number;
  /** When the next status check is due (epoch ms). */
  nextCheckMs: number;
}

/** Snapshot-diffing job state (see module docs). */
export class JobTracker {
  private readonly recheck: RecheckSettings;
  private runningJobs = new Map<string, TrackedJobRecord>();
  private readonly pending = new Map<string, PendingJobRecord>();
  private historyList: FinishedJob[];
  private readonly announced = new Map<string, number>();
  /** Final statuses learnt early (progress fetches), used when the job vanishes. Memory only. */
  private readonly knownFinal = new Map<string, JobStatus>();
  private dirtyFlag = false;
  /** When an id was last seen for the first time (epoch ms), or null. Memory only. */
  lastNewJobMs: number | null = null;
  /** When the scheduler last listed any job (epoch ms), or null. */
  lastActiveMs: number | null = null;

  /**
   * @param state what the ledger loaded (or {@link emptyLedgerState}); copied, not kept.
   * @param recheck re-check bounds; see {@link DEFAULT_RECHECK}.
   */
  constructor(state: LedgerState = emptyLedgerState(), recheck: RecheckSettings = DEFAULT_RECHECK) {
    this.recheck = recheck;
    for (const r of state.running) this.runningJobs.set(r.job.id, { ...r });
    for (const p of state.pending) if (!this.runningJobs.has(p.job.id)) this.pending.set(p.job.id, { ...p });
    this.historyList = [...state.history];
    for (const a of state.announced)
      this.announced.set(a.id, Math.max(a.atMs, this.announced.get(a.id) ?? 0));
    for (const h of state.history) if (!this.announced.has(h.id)) this.announced.set(h.id, h.finishedAtMs);
    let active: number | null = null;
    for (const r of [...this.runningJobs.values(), ...this.pending.values()]) {
      active = Math.max(active ?? r.lastSeenMs, r.lastSeenMs);
    }
    for (const h of this.historyList) active = Math.max(active ?? h.finishedAtMs, h.finishedAtMs);
    this.lastActiveMs = active;
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
   * Diff a scheduler snapshot (GET /scheduler/, normalised) against the tracked state.
   * Duplicate ids in `list` count once (the first occurrence wins). Vanished jobs become due for
   * a check at `nowMs`. Runs for every poll, so the usual case is cheap: a job still running keeps
   * its record (updated in place, not copied), and when `list` holds exactly the running jobs in
   * the same order as before, nothing else is built or looked up.
   */
  applySnapshot(list: readonly RunningJob[], nowMs: number): SnapshotDiff {
    const diff: SnapshotDiff = { started: [], vanished: [], returned: [] };
    if (this.updateInOrder(list, nowMs)) {
      if (this.knownFinal.size > 0) {
        for (const id of [...this.knownFinal.keys()])
          if (!this.runningJobs.has(id) && !this.pending.has(id)) this.knownFinal.delete(id);
      }
      if (list.length > 0) this.lastActiveMs = nowMs;
      return diff;
    }
    const prev = this.runningJobs;
    const next = new Map<string, TrackedJobRecord>();
    let stillRunning = 0;
    for (const job of list) {
      const id = job.id;
      const known = prev.get(id);
      if (known !== undefined) {
        // A repeated id maps to the same record, so setting it again changes nothing and the
        // size tells whether this is the first occurrence (one hash lookup instead of has + set).
        const size = next.size;
        next.set(id, known);
        if (next.size === size) continue;
        stillRunning++;
        known.job = job;
        known.lastSeenMs = nowMs;
        if (job.startedMs !== null) known.estimatedStartMs = job.startedMs;
        continue;
      }
      if (next.has(id)) continue;
      const back = this.pending.get(id);
      if (back) {
        this.pending.delete(id);
        next.set(id, {
          job,
          firstSeenMs: back.firstSeenMs,
          lastSeenMs: nowMs,
          estimatedStartMs: job.startedMs ?? back.estimatedStartMs,
          cancelled: back.cancelled,
          silent: false,
        });
        diff.returned.push(id);
        this.dirtyFlag = true;
        continue;
      }
      const silent = this.announced.has(id);
      next.set(id, {
        job,
        firstSeenMs: nowMs,
        lastSeenMs: nowMs,
        estimatedStartMs: estimateStart(job, nowMs),
        cancelled: false,
        silent,
      });
      this.dirtyFlag = true;
      if (!silent) {
        diff.started.push(job);
        this.lastNewJobMs = nowMs;
      }
    }
    if (stillRunning < prev.size) {
      for (const [id, rec] of prev) {
        if (next.has(id)) continue;
        this.dirtyFlag = true;
        if (rec.silent) {
          this.knownFinal.delete(id);
          continue;
        }
        this.pending.set(id, {
          job: rec.job,
          firstSeenMs: rec.firstSeenMs,
          lastSeenMs: rec.lastSeenMs,
          estimatedStartMs: rec.estimatedStartMs,
          cancelled: rec.cancelled,
          goneSinceMs: nowMs,
          checks: 0,
          nextCheckMs: nowMs,
          lastStatus: null,
        });
        diff.vanished.push(id);
      }
    }
    if (this.knownFinal.size > 0) {
      for (const id of [...this.knownFinal.keys()])
        if (!next.has(id) && !this.pending.has(id)) this.knownFinal.delete(id);
    }
    this.runningJobs = next;
    if (next.size > 0) this.lastActiveMs = nowMs;
    return diff;
  }

  /**
   * The steady state of {@link JobTracker.applySnapshot}: when `list` holds exactly the running
   * jobs in their current order, updates their records in place and returns true. Otherwise
   * returns false, possibly after updating the records of a matching prefix; the full diff then
   * updates them again with the same values.
   */
  private updateInOrder(list: readonly RunningJob[], nowMs: number): boolean {
    if (list.length !== this.runningJobs.size) return false;
    let i = 0;
    for (const rec of this.runningJobs.values()) {
      const job = list[i++];
      if (job === undefined || job.id !== rec.job.id) return false;
      rec.job = job;
      rec.lastSeenMs = nowMs;
      if (job.startedMs !== null) rec.estimatedStartMs = job.startedMs;
    }
    return true;
  }

  /** The jobs of the last snapshot, in the scheduler's order (silent ones included). */
  running(): RunningJob[] {
    return [...this.runningJobs.values()].map((r) => r.job);
  }

  /** Running jobs as the poll policy sees them. */
  policyJobs(): PollPolicyJob[] {
    return [...this.runningJobs.values()].map((r) => ({
      kind: r.job.kind,
      estimatedStartMs: r.estimatedStartMs,
    }));
  }

  /** Ids waiting for a final status. */
  pendingIds(): string[] {
    return [...this.pending.keys()];
  }

  /** Jobs waiting for a final status, in the order they left the scheduler (copies). */
  awaiting(): AwaitingResult[] {
    return [...this.pending.values()].map((p) => ({
      job: p.job,
      goneSinceMs: p.goneSinceMs,
      checks: p.checks,
      nextCheckMs: p.nextCheckMs,
    }));
  }

  /** Pending ids whose check is due at `nowMs`, earliest first. */
  dueChecks(nowMs: number): string[] {
    return [...this.pending.values()]
      .filter((p) => p.nextCheckMs <= nowMs)
      .sort((a, b) => a.nextCheckMs - b.nextCheckMs)
      .map((p) => p.job.id);
  }

  /** Earliest due time of a pending check (epoch ms), or null when nothing is pending. */
  nextCheckDueMs(): number | null {
    let min: number | null = null;
    for (const p of this.pending.values()) if (min === null || p.nextCheckMs < min) min = p.nextCheckMs;
    return min;
  }

  /** Delay every pending check due before `untilMs` to `untilMs`, without counting a check. */
  postponeChecks(untilMs: number): void {
    for (const p of this.pending.values()) {
      if (p.nextCheckMs < untilMs) {
        p.nextCheckMs = untilMs;
        this.dirtyFlag = true;
      }
    }
  }

  /** True when `id` is running (non-silent) or pending: its outcome will be announced. */
  isTracked(id: string): boolean {
    const r = this.runningJobs.get(id);
    return (r !== undefined && !r.silent) || this.pending.has(id);
  }

  /** True when `id`'s outcome was announced (or it was forgotten) and is still remembered. */
  isAnnounced(id: string): boolean {
    return this.announced.has(id);
  }

  /**
   * Remember a status fetched while the job still runs (progress). A final one is used instead of
   * a request when the job vanishes.
   */
  noteStatus(id: string, status: JobStatus): void {
    if (status.final && this.runningJobs.has(id)) this.knownFinal.set(id, status);
  }

  /** A final status learnt early for a pending job, or null. */
  cachedFinal(id: string): JobStatus | null {
    return this.pending.has(id) ? (this.knownFinal.get(id) ?? null) : null;
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
    const p = this.pending.get(id);
    if (!p) return null;
    p.checks++;
    if (status.final) return this.finish(p, status.outcome ?? 'unknown', status, nowMs);
    p.lastStatus = status;
    return this.rescheduleOrGiveUp(p, nowMs, retryAtMs);
  }

  /** GET /videos|images/{id} answered 404 "Not found.": the result was moderated and removed. */
  resolveNotFound(id: string, nowMs: number): FinishedJob | null {
    const p = this.pending.get(id);
    if (!p) return null;
    p.checks++;
    return this.finish(p, 'moderated', null, nowMs);
  }

  /**
   * A status check failed transiently (network, 5xx, 429…): counts against the bound; re-check
   * later (not before `retryAtMs`), or give up as `unknown`.
   */
  checkFailed(id: string, nowMs: number, retryAtMs: number | null): FinishedJob | null {
    const p = this.pending.get(id);
    if (!p) return null;
    p.checks++;
    return this.rescheduleOrGiveUp(p, nowMs, retryAtMs);
  }

  /**
   * The user cancelled `id` (POST /videos/cancel): it will finish as `cancelled` unless it
   * succeeds. Returns false when `id` is neither running nor pending.
   */
  markCancelled(id: string): boolean {
    const rec = this.runningJobs.get(id) ?? this.pending.get(id);
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
    const known = this.runningJobs.delete(id) || this.pending.delete(id);
    this.knownFinal.delete(id);
    this.announced.set(id, nowMs);
    this.pruneAnnouncedIds(nowMs);
    this.dirtyFlag = true;
    return known;
  }

  /** Finished jobs, newest first. */
  history(): FinishedJob[] {
    return [...this.historyList];
  }

  /** Empty the history (the announced-id memory stays, so nothing is announced again). */
  clearHistory(): void {
    if (this.historyList.length === 0) return;
    this.historyList = [];
    this.dirtyFlag = true;
  }

  /** The state to persist (copies). */
  toState(): LedgerState {
    const announced: AnnouncedRecord[] = [...this.announced].map(([id, atMs]) => ({ id, atMs }));
    return {
      running: [...this.runningJobs.values()].map((r) => ({ ...r })),
      pending: [...this.pending.values()].map((p) => ({ ...p })),
      history: [...this.historyList],
      announced,
    };
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
    const endMs = p.lastSeenMs + (p.goneSinceMs - p.lastSeenMs) / 2;
    const finalOutcome: Outcome = p.cancelled && outcome !== 'succeeded' ? 'cancelled' : outcome;
    const job: FinishedJob = {
      id: p.job.id,
      kind: p.job.kind,
      account: p.job.account,
      outcome: finalOutcome,
      resultUrl: status !== null && status.final ? status.resultUrl : null,
      coverUrl: status?.coverUrl ?? null,
      prompt: status?.prompt ?? null,
      durationMs: p.estimatedStartMs === null ? null : Math.max(0, Math.round(endMs - p.estimatedStartMs)),
      finishedAtMs: nowMs,
      startedMs: p.job.startedMs,
      replyRef: p.job.replyRef,
      status: status?.status ?? null,
      statusLabel: status?.statusLabel ?? null,
      message: status?.message ?? null,
    };
    this.pending.delete(p.job.id);
    this.knownFinal.delete(p.job.id);
    this.historyList = pruneHistory([job, ...this.historyList], nowMs);
    this.announced.set(job.id, nowMs);
    this.pruneAnnouncedIds(nowMs);
    this.dirtyFlag = true;
    return job;
  }

  private pruneAnnouncedIds(nowMs: number): void {
    const records = [...this.announced].map(([id, atMs]) => ({ id, atMs }));
    const kept = pruneAnnounced(records, nowMs);
    if (kept.length === records.length) return;
    this.announced.clear();
    for (const r of kept) this.announced.set(r.id, r.atMs);
  }
}

/** Start estimate: `startedMs`, else `nowMs − reportedElapsedMs`, else null. */
function estimateStart(job: RunningJob, nowMs: number): number | null {
  if (job.startedMs !== null) return job.startedMs;
  if (job.reportedElapsedMs !== null) return nowMs - job.reportedElapsedMs;
  return null;
}
