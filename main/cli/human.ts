/**
 * What `minimax-jobs` prints for people: the `list` table and the aligned event lines of `watch`
 * (`time  word  subject  detail`), in local time, coloured through a {@link Paint} (plain when
 * colour is off). Pure: no streams, no clock of its own.
 */
import type picocolors from 'picocolors';
import { shortJobId } from '../core/api/job-id.ts';
import { formatDuration } from '../core/format/duration.ts';
import type { JobKind, Outcome } from '../core/types.ts';
import { safeText, type CliJob } from './output.ts';

/** The colours the CLI uses (picocolors' formatters; identity functions when colour is off). */
export type Paint = Pick<typeof picocolors, 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan'>;

const identity = (s: string | number | null | undefined): string => String(s);

/** No colour at all (pipes, files, `NO_COLOR`, tests). */
export const PLAIN: Paint = {
  bold: identity,
  dim: identity,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
};

/** A start time more than this far ahead of the local clock (1 min) counts as clock skew. */
const FUTURE_TOLERANCE_MS = 60_000;

/** Width of the word column: the widest word, "✔ succeeded" / "⊘ moderated" (11). */
const WORD_WIDTH = 11;
/** Width of the subject column: "video " plus a short id of at most 8 characters. */
const SUBJECT_WIDTH = 14;
/** Indent of a continuation line: under the word column (time is 8 wide, then 2 spaces). */
export const CONTINUATION_INDENT = ' '.repeat(10);

type Tone = keyof Paint;

/** The word column of every line kind, with its colour. */
const WORDS = {
  succeeded: ['✔ succeeded', 'green'],
  failed: ['✖ failed', 'red'],
  moderated: ['⊘ moderated', 'yellow'],
  cancelled: ['◼ cancelled', 'dim'],
  unknown: ['? unknown', 'yellow'],
  started: ['▶ started', 'cyan'],
  waiting: ['… waiting', 'cyan'],
  queue: ['● queue', 'dim'],
  error: ['⚠ error', 'red'],
  warning: ['⚠ warning', 'yellow'],
  recovered: ['✓ recovered', 'green'],
  saved: ['⤓ saved', 'green'],
  notSaved: ['✖ not saved', 'red'],
  savePaused: ['⏸ saving', 'yellow'],
  saveResumed: ['⤓ saving', 'green'],
} as const satisfies Record<Outcome, readonly [string, Tone]> & Record<string, readonly [string, Tone]>;

/** A kind of line: an outcome or one of the other words. */
export type LineWord = keyof typeof WORDS;

/** Local time of day, 24 h ("14:03:07"); the input itself when it is not a date. */
export function timeOfDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString(undefined, { hour12: false });
}

function localDateTime(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** How a job's `started` is shown. */
export interface StartedText {
  /** Time of day when today, else local date and time; "—" when unknown. */
  text: string;
  /** True when it lies more than {@link FUTURE_TOLERANCE_MS} ahead of `nowMs` (a clock is off). */
  future: boolean;
}

/**
 * A job's start for people: today's start as a time of day, another day's (or a future one's)
 * with its date, so a start in the future never passes for a time earlier today.
 * @param started ISO-8601 or null; @param nowMs the local clock (epoch ms).
 */
export function formatStarted(started: string | null, nowMs: number): StartedText {
  if (started === null) return { text: '—', future: false };
  const ms = Date.parse(started);
  if (Number.isNaN(ms)) return { text: safeText(started, 40), future: false };
  const d = new Date(ms);
  const future = ms - nowMs > FUTURE_TOLERANCE_MS;
  const today = new Date(nowMs).toDateString() === d.toDateString();
  return { text: today && !future ? timeOfDay(started) : localDateTime(d), future };
}

/** The hint shown with a start time in the future. */
export const CLOCK_SKEW_HINT =
  "in the future: this computer's clock or the API's is off, so elapsed times are not reliable";

/** "video 1000003": the kind and the short id every surface shows. */
export function jobSubject(kind: JobKind, id: string): string {
  return `${kind} ${safeText(shortJobId(id))}`;
}

/**
 * One aligned event line: `time  word  subject  detail`. An empty subject lets the detail start
 * in the subject column. Padding is applied before colour, so escape codes never shift columns.
 */
export function eventLine(at: string, word: LineWord, subject: string, detail: string, paint: Paint): string {
  const [text, tone] = WORDS[word];
  const head = `${paint.dim(timeOfDay(at))}  ${paint[tone](text.padEnd(WORD_WIDTH))}  `;
  const body = subject === '' ? detail : `${subject.padEnd(SUBJECT_WIDTH)}  ${detail}`;
  return `${head}${body}`.trimEnd();
}

/** "1st", "2nd", "3rd", "11th", "22nd" (English ordinals). */
export function ordinal(n: number): string {
  const suffix = { one: 'st', two: 'nd', few: 'rd', other: 'th' } as Record<string, string>;
  return `${n}${suffix[new Intl.PluralRules('en-US', { type: 'ordinal' }).select(n)] ?? 'th'}`;
}

/** "3 min 5 s", or "—" when unknown. */
export function duration(ms: number | null): string {
  return formatDuration(ms) ?? '—';
}

/** The word that marks a job started on the hailuoai website (list table, event lines). */
export const WEBSITE_MARK = 'website';

/**
 * "account 100001" / "accounts 100001, 100002" for the accounts `--account` gave, or null for
 * every account (no `--account`).
 */
export function accountsLabel(accounts: readonly string[] | null): string | null {
  if (accounts === null) return null;
  return `account${accounts.length === 1 ? '' : 's'} ${accounts.map((a) => safeText(a, 32)).join(', ')}`;
}

/**
 * The `list` table: one row a job (SOURCE `api`, or `website` for a job started on the hailuoai
 * website), then a count; a sentence when nothing runs. A start in the future shows its date and
 * a footnote about the clocks.
 * @param nowMs the local clock (epoch ms).
 * @param websiteJobs the lists were read (false with `--no-website-jobs`: the sentence says so).
 * @param accounts the accounts `--account` gave (the count and the sentence name them), or null.
 */
export function formatJobsTable(
  jobs: CliJob[],
  nowMs: number,
  websiteJobs = true,
  accounts: readonly string[] | null = null,
): string {
  const label = accountsLabel(accounts);
  if (jobs.length === 0) {
    return websiteJobs
      ? `No jobs running${label === null ? '' : ` in ${label}`}.`
      : `No jobs${label === null ? '' : ` of ${label}`} running in the API’s scheduler. (--no-website-jobs: jobs started on the hailuoai website were not looked for.)`;
  }
  let skewed = false;
  const rows = jobs.map((j) => {
    const started = formatStarted(j.started, nowMs);
    skewed ||= started.future;
    return [
      j.kind,
      safeText(shortJobId(j.id)),
      j.source === 'website' ? WEBSITE_MARK : 'api',
      safeText(j.account, 16),
      started.future ? `${started.text} (!)` : started.text,
      started.future ? '—' : duration(j.elapsedMs),
      j.replyRef ? safeText(j.replyRef, 30) : '',
    ];
  });
  const header = ['KIND', 'ID', 'SOURCE', 'ACCOUNT', 'STARTED', 'ELAPSED', 'REF'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [
    line(header),
    ...rows.map(line),
    `${jobs.length} job${jobs.length === 1 ? '' : 's'} running${label === null ? '' : ` in ${label}`}`,
  ];
  if (skewed) out.push(`(!) start time ${CLOCK_SKEW_HINT}.`);
  return out.join('\n');
}
