/**
 * Which native notifications one poll cycle produces, as a pure function of the cycle's events,
 * the settings and the mute state. main/electron/notifications.ts only shows the plan.
 *
 * Rules:
 * - Only `job-finished` events notify (one per finished job); `job-started`, `jobs`, errors do not.
 * - Per-outcome toggles (`notifyOn`) and muted or hidden accounts (`quietAccounts`) filter first,
 *   so a summary counts only the jobs it would have announced one by one.
 * - {@link SUMMARY_THRESHOLD} or more notifications in one cycle become ONE summary
 *   ("3 jobs finished: 2 succeeded, 1 failed"), so a burst or a catch-up after sleep never floods
 *   the notification centre. Clicking a summary opens the job window.
 * - While muted (now < mutedUntilMs) nothing is shown.
 * - Title by outcome and kind ("Video ready", "Image failed"…); body: the prompt (unless
 *   `hidePrompts`), then account and duration. Bodies are clipped to {@link MAX_BODY_CHARS}
 *   characters (macOS payloads are limited to 256 bytes).
 * - A click opens the result URL only when it is https (see core/urls.ts); otherwise the window.
 */
import { OUTCOMES, type FinishedJob, type JobKind, type MonitorEvent, type Outcome } from '../core/types.ts';
import { safeHttpsUrl } from '../core/urls.ts';
import { formatDuration } from '../core/format/duration.ts';

/** Finished jobs in one cycle from which a single summary replaces the individual notifications. */
export const SUMMARY_THRESHOLD = 3;
/** Longest notification body, in characters. */
export const MAX_BODY_CHARS = 180;
/** Longest prompt excerpt in a body, in characters. */
export const MAX_PROMPT_CHARS = 100;

/** What the planner needs besides the events. */
export interface PlannerOptions {
  notifyOn: Record<Outcome, boolean>;
  hidePrompts: boolean;
  /** Epoch ms until which notifications are muted, or null. */
  mutedUntilMs: number | null;
  /** Epoch ms now. */
  nowMs: number;
  /** Account id → display name from GET /accounts, when known. */
  accountNames?: ReadonlyMap<string, string>;
  /** Accounts whose jobs never notify: the muted and hidden ones (account-modes.ts). */
  quietAccounts?: ReadonlySet<string>;
}

/** One notification to show. */
export interface PlannedNotification {
  /** 'job': one finished job; 'summary': several at once. */
  kind: 'job' | 'summary';
  title: string;
  body: string;
  /** https result URL opened on click; null → clicking shows the job window. */
  url: string | null;
  /** Ids of the jobs this notification covers. */
  jobIds: string[];
  /** Outcome of a 'job' notification; null for a summary. */
  outcome: Outcome | null;
}

/** True while notifications are muted. */
export function isMuted(mutedUntilMs: number | null, nowMs: number): boolean {
  return mutedUntilMs !== null && nowMs < mutedUntilMs;
}

/** The notifications for one batch of monitor events (see the module rules). */
export function planNotifications(
  events: readonly MonitorEvent[],
  opts: PlannerOptions,
): PlannedNotification[] {
  if (isMuted(opts.mutedUntilMs, opts.nowMs)) return [];
  const jobs: FinishedJob[] = [];
  for (const e of events) {
    if (e.type !== 'job-finished' || !opts.notifyOn[e.job.outcome]) continue;
    if (opts.quietAccounts?.has(e.job.account)) continue;
    jobs.push(e.job);
  }
  if (jobs.length === 0) return [];
  if (jobs.length >= SUMMARY_THRESHOLD) return [summaryNotification(jobs)];
  return jobs.map((job) => jobNotification(job, opts));
}

/** Title for one finished job, e.g. "Video ready", "Image blocked by moderation". */
export function jobTitle(kind: JobKind, outcome: Outcome): string {
  const noun = kind === 'image' ? 'Image' : 'Video';
  switch (outcome) {
    case 'succeeded':
      return `${noun} ready`;
    case 'failed':
      return `${noun} failed`;
    case 'moderated':
      return `${noun} blocked by moderation`;
    case 'cancelled':
      return `${noun} cancelled`;
    case 'unknown':
      return `${noun} finished, outcome unknown`;
  }
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** Cuts `text` to `max` characters (keeping line breaks), ending with an ellipsis when cut. */
function limit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function jobNotification(job: FinishedJob, opts: PlannerOptions): PlannedNotification {
  const parts: string[] = [];
  if (!opts.hidePrompts && job.prompt && job.prompt.trim() !== '') {
    parts.push(`“${clip(job.prompt, MAX_PROMPT_CHARS)}”`);
  }
  const details: string[] = [];
  const name = opts.accountNames?.get(job.account);
  details.push(name ? `${name} (${job.account})` : `account ${job.account}`);
  const took = formatDuration(job.durationMs);
  if (took) details.push(job.outcome === 'succeeded' ? `took ${took}` : `after ${took}`);
  parts.push(details.join(' · '));
  if ((job.outcome === 'failed' || job.outcome === 'moderated') && job.message && job.message.trim() !== '') {
    parts.push(clip(job.message, 80));
  }
  const url = job.outcome === 'succeeded' ? safeHttpsUrl(job.resultUrl) : null;
  return {
    kind: 'job',
    title: jobTitle(job.kind, job.outcome),
    body: limit(parts.join('\n'), MAX_BODY_CHARS),
    url,
    jobIds: [job.id],
    outcome: job.outcome,
  };
}

const SUMMARY_WORDS: Readonly<Record<Outcome, string>> = {
  succeeded: 'succeeded',
  failed: 'failed',
  moderated: 'moderated',
  cancelled: 'cancelled',
  unknown: 'unknown',
};

function summaryNotification(jobs: FinishedJob[]): PlannedNotification {
  const counts = new Map<Outcome, number>();
  for (const j of jobs) counts.set(j.outcome, (counts.get(j.outcome) ?? 0) + 1);
  const order: readonly Outcome[] = OUTCOMES;
  const breakdown = order
    .filter((o) => (counts.get(o) ?? 0) > 0)
    .map((o) => `${counts.get(o)} ${SUMMARY_WORDS[o]}`)
    .join(', ');
  return {
    kind: 'summary',
    title: `${jobs.length} jobs finished`,
    body: clip(`${breakdown}. Open MiniMax Tray to see them.`, MAX_BODY_CHARS),
    url: null,
    jobIds: jobs.map((j) => j.id),
    outcome: null,
  };
}
