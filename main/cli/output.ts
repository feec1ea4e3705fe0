/**
 * The NDJSON event shapes of the CLI contract (README "CLI events"), converted from the core's
 * monitor events, and the text hygiene every printed string goes through. The human-readable
 * forms are in human.ts.
 */
import type {
  AccountsEvent,
  ErrorReason,
  FinishedJob,
  JobSource,
  MonitorEvent,
  Outcome,
  RunningJob,
} from '../core/types.ts';
import { safeHttpsUrl } from '../core/urls.ts';

/** A running job as printed in `jobs` and `job-started` events. */
export interface CliJob {
  /** Full id as the API gave it (the `videoId` / `imageId`, never the bare `id`). */
  id: string;
  /** `api` when GET /scheduler/ ever listed it, else `website`. */
  source: JobSource;
  kind: 'video' | 'image';
  account: string;
  /** ISO-8601 or null. */
  started: string | null;
  /** Milliseconds since start (from `started` when known, else the API's `elapsed`), or null. */
  elapsedMs: number | null;
  replyRef: string | null;
  replyUrl: string | null;
}

/** One NDJSON line of the CLI contract. Every event has `type` and `at` (ISO-8601). */
export type CliEvent =
  | { type: 'jobs'; at: string; jobs: CliJob[] }
  | ({ type: 'job-started'; at: string } & CliJob)
  | {
      type: 'job-finished';
      at: string;
      id: string;
      source: JobSource;
      kind: 'video' | 'image';
      account: string;
      outcome: Outcome;
      /** The result, only when it is an https URL (anything else is null). */
      resultUrl: string | null;
      /** The cover image, only when it is an https URL. */
      coverUrl: string | null;
      prompt: string | null;
      durationMs: number | null;
    }
  | {
      type: 'error';
      at: string;
      reason: ErrorReason;
      message: string;
      status: number | null;
      account: string | null;
      retryAt: string | null;
    }
  | { type: 'recovered'; at: string; after: ErrorReason };

/** Converts a running job to its CLI form; `nowMs` is the instant elapsed is measured at. */
export function toCliJob(job: RunningJob, nowMs: number): CliJob {
  let elapsedMs: number | null = null;
  if (job.startedMs !== null) elapsedMs = Math.max(0, nowMs - job.startedMs);
  else if (job.reportedElapsedMs !== null) elapsedMs = job.reportedElapsedMs;
  return {
    id: job.id,
    source: job.source,
    kind: job.kind,
    account: job.account,
    started: job.startedMs === null ? null : new Date(job.startedMs).toISOString(),
    elapsedMs,
    replyRef: job.replyRef,
    replyUrl: job.replyUrl,
  };
}

function finishedFields(job: FinishedJob) {
  return {
    id: job.id,
    source: job.source,
    kind: job.kind,
    account: job.account,
    outcome: job.outcome,
    // Only https URLs leave the CLI: a consumer may open them (the app refuses others too).
    resultUrl: safeHttpsUrl(job.resultUrl),
    coverUrl: safeHttpsUrl(job.coverUrl),
    prompt: job.prompt,
    durationMs: job.durationMs,
  };
}

/** Maps a core monitor event to the CLI contract's event (the CLI does not print `accounts`). */
export function toCliEvent(event: Exclude<MonitorEvent, AccountsEvent>): CliEvent {
  const atMs = Date.parse(event.at);
  switch (event.type) {
    case 'jobs':
      return { type: 'jobs', at: event.at, jobs: event.jobs.map((j) => toCliJob(j, atMs)) };
    case 'job-started':
      return { type: 'job-started', at: event.at, ...toCliJob(event.job, atMs) };
    case 'job-finished':
      return { type: 'job-finished', at: event.at, ...finishedFields(event.job) };
    case 'error':
      return {
        type: 'error',
        at: event.at,
        reason: event.reason,
        message: event.message,
        status: event.status,
        account: event.account,
        retryAt: event.retryAtMs === null ? null : new Date(event.retryAtMs).toISOString(),
      };
    case 'recovered':
      return { type: 'recovered', at: event.at, after: event.after };
  }
}

/**
 * Strips control and bidi-override characters so API text cannot move the cursor or recolour the
 * terminal, and shortens it to `max` characters (code points, so an emoji is never cut in half).
 */
export function safeText(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const clean = Array.from(text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' '));
  return clean.length > max ? `${clean.slice(0, max - 1).join('')}…` : clean.join('');
}
