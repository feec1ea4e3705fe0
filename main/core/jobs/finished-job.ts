/**
 * The {@link FinishedJob} an announcement carries, built from what the tracker knew of the job
 * (a scheduler or website record) or from a list item seen only once it was final. Pure.
 */
import type { FinishedJob, JobStatus, ListedJob, Outcome, RunningJob } from '../types.ts';

/** What a tracked job's record holds that the finished job needs. */
export interface FinishingRecord {
  job: RunningJob;
  estimatedStartMs: number | null;
  cancelled: boolean;
}

/**
 * The finished job for `rec`, whose generation ended about `endMs` (the midpoint of the last
 * sighting running and the first that was not), with `outcome` from `status` (null when not
 * known: 404 or given up), produced at `nowMs`. A job the user cancelled is `cancelled` unless it
 * succeeded.
 */
export function finishedJob(
  rec: FinishingRecord,
  endMs: number,
  outcome: Outcome,
  status: JobStatus | null,
  nowMs: number,
): FinishedJob {
  return {
    id: rec.job.id,
    kind: rec.job.kind,
    account: rec.job.account,
    outcome: rec.cancelled && outcome !== 'succeeded' ? 'cancelled' : outcome,
    resultUrl: status !== null && status.final ? status.resultUrl : null,
    coverUrl: status?.coverUrl ?? null,
    prompt: status?.prompt ?? null,
    durationMs: rec.estimatedStartMs === null ? null : Math.max(0, Math.round(endMs - rec.estimatedStartMs)),
    finishedAtMs: nowMs,
    startedMs: rec.job.startedMs,
    replyRef: rec.job.replyRef,
    status: status?.status ?? null,
    statusLabel: status?.statusLabel ?? null,
    message: status?.message ?? null,
    source: rec.job.source,
  };
}

/** A listed job as a running job of source `website` (images start at `createTime`). */
export function websiteJobOf(item: ListedJob): RunningJob {
  return {
    id: item.id,
    kind: item.kind,
    account: item.account,
    startedMs: item.createdMs,
    reportedElapsedMs: null,
    replyRef: null,
    replyUrl: null,
    source: 'website',
  };
}

/**
 * The finished job for a list item the monitor sees for the first time already final: when it
 * ended is not known, so `durationMs` is null.
 */
export function finishedFromList(item: ListedJob, nowMs: number): FinishedJob {
  const rec = { job: websiteJobOf(item), estimatedStartMs: null, cancelled: false };
  return finishedJob(rec, nowMs, item.status.outcome ?? 'unknown', item.status, nowMs);
}
