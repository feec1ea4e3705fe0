/**
 * What `minimax-jobs` prints: the NDJSON event shapes of the CLI contract (README "CLI events")
 * and the human-readable table and lines.
 */
import type {
  AccountsEvent,
  ErrorReason,
  FinishedJob,
  MonitorEvent,
  Outcome,
  RunningJob,
} from '../core/types.ts';
import { formatDuration } from '../core/format/duration.ts';
import { shortJobId } from '../core/api/job-id.ts';

/** A running job as printed in `jobs` and `job-started` events. */
export interface CliJob {
  /** Full id as the API gave it. */
  id: string;
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
      kind: 'video' | 'image';
      account: string;
      outcome: Outcome;
      resultUrl: string | null;
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
    kind: job.kind,
    account: job.account,
    outcome: job.outcome,
    resultUrl: job.resultUrl,
    coverUrl: job.coverUrl,
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

function timeOfDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString(undefined, { hour12: false });
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

const OUTCOME_WORDS: Record<Outcome, string> = {
  succeeded: '✔ succeeded',
  failed: '✖ failed',
  moderated: '⊘ moderated',
  cancelled: '◼ cancelled',
  unknown: '? unknown',
};

/** The `list` table: one row a job, or a sentence when nothing runs. */
export function formatJobsTable(jobs: CliJob[]): string {
  if (jobs.length === 0) {
    return 'No jobs running. (Jobs started on the hailuoai.video website are not listed by the API.)';
  }
  const rows = jobs.map((j) => [
    j.kind,
    safeText(shortJobId(j.id)),
    safeText(j.account, 16),
    j.started ? timeOfDay(j.started) : '—',
    formatDuration(j.elapsedMs) ?? '—',
    j.replyRef ? safeText(j.replyRef, 30) : '',
  ]);
  const header = ['KIND', 'ID', 'ACCOUNT', 'STARTED', 'ELAPSED', 'REF'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line), `${jobs.length} job${jobs.length === 1 ? '' : 's'} running`].join(
    '\n',
  );
}

/**
 * One human line for a watch event, or null when the event is not worth a line
 * (`jobs` prints only when the running count changes: pass the previous count).
 */
export function formatWatchLine(event: CliEvent, previousCount: number | null): string | null {
  const t = timeOfDay(event.at);
  switch (event.type) {
    case 'jobs':
      return previousCount === event.jobs.length
        ? null
        : `${t}  ${event.jobs.length} job${event.jobs.length === 1 ? '' : 's'} running`;
    case 'job-started':
      return `${t}  ▶ started   ${event.kind} ${safeText(shortJobId(event.id))}  account ${safeText(event.account, 16)}`;
    case 'job-finished': {
      const parts = [
        `${t}  ${OUTCOME_WORDS[event.outcome]}`,
        `${event.kind} ${safeText(shortJobId(event.id))}`,
      ];
      if (event.durationMs !== null) parts.push(`after ${formatDuration(event.durationMs) ?? '—'}`);
      if (event.prompt) parts.push(`“${safeText(event.prompt, 60)}”`);
      if (event.resultUrl) parts.push(safeText(event.resultUrl, 300));
      return parts.join('  ');
    }
    case 'error': {
      const retry = event.retryAt ? `; next try at ${timeOfDay(event.retryAt)}` : '';
      return `${t}  ⚠ ${event.reason}: ${safeText(event.message)}${retry}`;
    }
    case 'recovered':
      return `${t}  ✓ recovered (after ${event.after})`;
  }
}
