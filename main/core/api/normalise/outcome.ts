/**
 * What a MiniMax status code means (doc get-minimax-videos-videoId, newest version): running,
 * succeeded, failed or moderated, and how `statusFinal` and the code decide finality.
 */
import type { JobStatus } from '../../types.ts';

/** Status codes of a job still generating: 0 pending, 1 processing, 11 queued, 12 processing. */
export const RUNNING_STATUS_CODES: ReadonlySet<number> = new Set([0, 1, 11, 12]);
/** Status code of a finished, successful job ("completed"). */
export const SUCCEEDED_STATUS_CODE = 2;
/** Status code of a failed job. */
export const FAILED_STATUS_CODE = 3;
/** Status codes of a job refused by moderation. */
export const MODERATED_STATUS_CODES: ReadonlySet<number> = new Set([5, 7, 14]);

/** Final outcome of a job status as far as the status code tells. */
export type StatusOutcome = NonNullable<JobStatus['outcome']>;

/**
 * Outcome of a FINAL job from its status code: 2 succeeded; 3 failed; 5, 7, 14 moderated; any
 * other final code (including a running code reported final) failed.
 */
export function outcomeForFinalStatus(status: number): StatusOutcome {
  if (status === SUCCEEDED_STATUS_CODE) return 'succeeded';
  if (MODERATED_STATUS_CODES.has(status)) return 'moderated';
  return 'failed';
}

/**
 * Decides finality and outcome from `status` and `statusFinal`.
 *
 * - `statusFinal` present: it alone decides finality; the outcome of a final job comes from
 *   {@link outcomeForFinalStatus}. A final job without any status code is `succeeded` when a
 *   result URL is present and `failed` otherwise (what useapi's own example script does).
 * - `statusFinal` missing: 0, 1, 11, 12 are running; 2 succeeded; 3 failed; 5, 7, 14 moderated.
 *   An UNKNOWN code (or no code) without `statusFinal` is treated as NOT final: the status table
 *   has grown over time with new running codes (11, 12), and announcing "failed" for a job that
 *   is still generating is worse than a late answer; the tracker re-checks a bounded number of
 *   times and then records the outcome as `unknown`.
 */
export function decideFinality(
  status: number | undefined,
  statusFinal: boolean | undefined,
  hasResultUrl: boolean,
): { final: boolean; outcome: StatusOutcome | null } {
  if (statusFinal !== undefined) {
    if (!statusFinal) return { final: false, outcome: null };
    if (status === undefined) return { final: true, outcome: hasResultUrl ? 'succeeded' : 'failed' };
    return { final: true, outcome: outcomeForFinalStatus(status) };
  }
  if (status === undefined || RUNNING_STATUS_CODES.has(status)) return { final: false, outcome: null };
  if (
    status === SUCCEEDED_STATUS_CODE ||
    status === FAILED_STATUS_CODE ||
    MODERATED_STATUS_CODES.has(status)
  ) {
    return { final: true, outcome: outcomeForFinalStatus(status) };
  }
  return { final: false, outcome: null };
}
