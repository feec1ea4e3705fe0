/**
 * The scheduler half of the tracker: diffing one GET /scheduler/ snapshot against the jobs the
 * scheduler listed before. Runs for every poll, so the usual case is cheap: a job still running
 * keeps its record (updated in place, not copied), and when the list holds exactly the running
 * jobs in the same order as before, nothing else is built or looked up. No I/O.
 */
import type { PendingJobRecord, TrackedJobRecord, WebsiteJobRecord } from '../ledger/ledger.ts';
import type { JobStatus, RunningJob } from '../types.ts';

/** What changed with one scheduler snapshot. */
export interface SnapshotDiff {
  /** Ids never seen before: announce as job-started, in list order. */
  started: RunningJob[];
  /** Ids that left the scheduler and now wait for a status check. */
  vanished: string[];
  /** Pending ids that reappeared (flaky list), or website jobs now listed: not announced again. */
  returned: string[];
  /**
   * Running website jobs this poll does not list either (found in a list before it was sent):
   * announce as job-started now, as website jobs.
   */
  confirmedWebsite: RunningJob[];
}

/** The scheduler's jobs as the tracker holds them; {@link applySchedulerSnapshot} updates them. */
export interface SchedulerJobs {
  /** Listed by the last snapshot, in its order (replaced by each diff). */
  running: Map<string, TrackedJobRecord>;
  /** Left the scheduler, waiting for a final status. */
  readonly pending: Map<string, PendingJobRecord>;
  /** Final statuses learnt before the job left (progress fetches, lists). Memory only. */
  readonly knownFinal: Map<string, JobStatus>;
}

/** What the diff asks of the rest of the tracker. */
export interface SnapshotLookups {
  /** The id was announced (or silenced): listed again, it is tracked silently. */
  isAnnounced(id: string): boolean;
  /** The record of a website job with this id, removed from the website jobs; undefined if none. */
  adoptWebsiteJob(id: string): WebsiteJobRecord | undefined;
  /** The website jobs not announced yet: this poll confirms them (the diff announces them). */
  confirmWebsiteJobs(): RunningJob[];
}

/**
 * Applies `list` to `jobs` (duplicate ids count once, the first wins).
 * @returns the diff, and whether anything the ledger stores changed.
 */
export function applySchedulerSnapshot(
  jobs: SchedulerJobs,
  list: readonly RunningJob[],
  nowMs: number,
  lookups: SnapshotLookups,
): { diff: SnapshotDiff; changed: boolean } {
  const diff: SnapshotDiff = { started: [], vanished: [], returned: [], confirmedWebsite: [] };
  const { pending, knownFinal } = jobs;
  if (updateInOrder(jobs.running, list, nowMs)) {
    dropStaleFinals(jobs, jobs.running);
    diff.confirmedWebsite = lookups.confirmWebsiteJobs();
    return { diff, changed: diff.confirmedWebsite.length > 0 };
  }
  let changed = false;
  const prev = jobs.running;
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
    changed = true;
    // Back from pending (a flaky list), or a website job the scheduler lists: an API job.
    const back = pending.get(id) ?? lookups.adoptWebsiteJob(id);
    if (back) {
      pending.delete(id);
      // Found in a list just before the scheduler listed it: an API job, announced as such now.
      if ('confirmed' in back && !back.confirmed) diff.started.push(job);
      next.set(id, {
        job,
        firstSeenMs: back.firstSeenMs,
        lastSeenMs: nowMs,
        estimatedStartMs: job.startedMs ?? back.estimatedStartMs,
        cancelled: back.cancelled,
        silent: false,
      });
      if (!diff.started.includes(job)) diff.returned.push(id);
      continue;
    }
    const silent = lookups.isAnnounced(id);
    next.set(id, {
      job,
      firstSeenMs: nowMs,
      lastSeenMs: nowMs,
      estimatedStartMs: estimateStart(job, nowMs),
      cancelled: false,
      silent,
    });
    if (!silent) diff.started.push(job);
  }
  if (stillRunning < prev.size) {
    for (const [id, rec] of prev) {
      if (next.has(id)) continue;
      changed = true;
      if (rec.silent) {
        knownFinal.delete(id);
        continue;
      }
      pending.set(id, {
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
  dropStaleFinals(jobs, next);
  jobs.running = next;
  diff.confirmedWebsite = lookups.confirmWebsiteJobs();
  return { diff, changed: changed || diff.confirmedWebsite.length > 0 };
}

/** Forget early final statuses of jobs neither running nor pending any more. */
function dropStaleFinals(jobs: SchedulerJobs, running: Map<string, TrackedJobRecord>): void {
  if (jobs.knownFinal.size === 0) return;
  for (const id of [...jobs.knownFinal.keys()])
    if (!running.has(id) && !jobs.pending.has(id)) jobs.knownFinal.delete(id);
}

/**
 * The steady state: when `list` holds exactly the running jobs in their current order, updates
 * their records in place and returns true. Otherwise returns false, possibly after updating the
 * records of a matching prefix; the full diff then updates them again with the same values.
 */
function updateInOrder(
  running: Map<string, TrackedJobRecord>,
  list: readonly RunningJob[],
  nowMs: number,
): boolean {
  if (list.length !== running.size) return false;
  let i = 0;
  for (const rec of running.values()) {
    const job = list[i++];
    if (job === undefined || job.id !== rec.job.id) return false;
    rec.job = job;
    rec.lastSeenMs = nowMs;
    if (job.startedMs !== null) rec.estimatedStartMs = job.startedMs;
  }
  return true;
}

/** Start estimate: `startedMs`, else `nowMs − reportedElapsedMs`, else null. */
function estimateStart(job: RunningJob, nowMs: number): number | null {
  if (job.startedMs !== null) return job.startedMs;
  if (job.reportedElapsedMs !== null) return nowMs - job.reportedElapsedMs;
  return null;
}
