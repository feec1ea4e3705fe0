/**
 * Normalising useapi.net MiniMax responses into the app's types (main/core/types.ts).
 *
 * Every function here takes an already JSON-parsed body (`unknown`), validates it with the zod
 * schemas in schemas.ts, and either returns app types or throws {@link ApiError} with reason
 * `bad-response` when the body's overall shape is wrong. Single bad entries inside a list are
 * skipped (with one `logger.warn` per list) rather than failing the list.
 */
import type { AccountCapacity, AccountInfo, JobStatus, Logger, RunningJob } from '../types.ts';
import { ApiError } from './errors.ts';
import { parseJobKindAndAccount } from './job-id.ts';
import {
  AccountCapacitySchema,
  AccountEntrySchema,
  JobStatusSchema,
  SchedulerAvailableSchema,
  SchedulerItemSchema,
  SchedulerListSchema,
  type RawSchedulerItem,
} from './schemas.ts';

// ---------------------------------------------------------------------------------------------
// Timestamps and durations
// ---------------------------------------------------------------------------------------------

/**
 * Numeric timestamps below this are epoch SECONDS, at or above it epoch MILLISECONDS.
 * 1e11 s is the year 5138 and 1e11 ms is March 1973, so no plausible job start is ambiguous.
 * (The scheduler doc model says `started: number` without a unit; its example is an ISO string.)
 */
export const SECONDS_VS_MS_THRESHOLD = 1e11;
/** Earliest accepted timestamp (2000-01-01T00:00:00Z); anything before is treated as absurd. */
export const MIN_PLAUSIBLE_MS = Date.UTC(2000, 0, 1);
/** Latest accepted timestamp (2100-01-01T00:00:00Z); anything after is treated as absurd. */
export const MAX_PLAUSIBLE_MS = Date.UTC(2100, 0, 1);

const NUMERIC_RE = /^\s*\d+(?:\.\d+)?\s*$/;

/**
 * Reads a scheduler `started` value as epoch ms.
 * @param value an ISO-8601 string (`"2025-01-01T10:00:00.000Z"`, also with a `±HH:MM` offset, a
 *   space instead of `T`, or no zone, which means UTC), or a number / numeric string of epoch
 *   seconds (< {@link SECONDS_VS_MS_THRESHOLD}) or epoch milliseconds (at or above it).
 * @returns epoch ms, or null when missing, unparsable, or outside 2000–2100 (absurd).
 */
export function parseStartedMs(value: unknown): number | null {
  let ms: number;
  if (typeof value === 'number') {
    ms = numericToMs(value);
  } else if (typeof value === 'string') {
    ms = parseIsoMs(value);
    if (Number.isNaN(ms) && NUMERIC_RE.test(value)) ms = numericToMs(Number(value));
  } else {
    return null;
  }
  if (!Number.isFinite(ms) || ms < MIN_PLAUSIBLE_MS || ms > MAX_PLAUSIBLE_MS) return null;
  return Math.round(ms);
}

function numericToMs(n: number): number {
  if (!Number.isFinite(n) || n < 0) return Number.NaN;
  return n < SECONDS_VS_MS_THRESHOLD ? n * 1000 : n;
}

/** Digit value of the char at `i`, or -1. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Two-digit number at `i`, or -1. */
function twoDigits(s: string, i: number): number {
  const a = digitAt(s, i);
  const b = digitAt(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const C_T = 84; // 'T'
const C_t = 116; // 't'
const C_SPACE = 32;
const C_COLON = 58;
const C_DASH = 45;
const C_PLUS = 43;
const C_DOT = 46;
const C_COMMA = 44;
const C_Z = 90;
const C_z = 122;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Parses `YYYY-MM-DD[(T| )HH:MM[:SS[.fff…]]][Z|±HH[:]MM]` into epoch ms (no zone = UTC).
 * Hand-written rather than regex + Date.parse: it runs for every scheduler item of every poll and
 * is several times faster. Returns NaN for anything else, including out-of-range fields.
 */
export function parseIsoMs(input: string): number {
  const s =
    input.length > 0 && (input.charCodeAt(0) <= C_SPACE || input.charCodeAt(input.length - 1) <= C_SPACE)
      ? input.trim()
      : input;
  const len = s.length;
  if (len < 10 || s.charCodeAt(4) !== C_DASH || s.charCodeAt(7) !== C_DASH) return Number.NaN;
  const y1 = twoDigits(s, 0);
  const y2 = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const year = y1 * 100 + y2;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0))) return Number.NaN;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let fractionMs = 0;
  let offsetMinutes = 0;
  let i = 10;
  if (i < len) {
    const sep = s.charCodeAt(i);
    if (sep !== C_T && sep !== C_t && sep !== C_SPACE) return Number.NaN;
    hour = twoDigits(s, 11);
    minute = twoDigits(s, 14);
    if (s.charCodeAt(13) !== C_COLON || hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
    i = 16;
    if (s.charCodeAt(i) === C_COLON) {
      second = twoDigits(s, 17);
      if (second < 0 || second > 59) return Number.NaN;
      i = 19;
      const c = s.charCodeAt(i);
      if (c === C_DOT || c === C_COMMA) {
        i++;
        let scale = 100;
        const fracStart = i;
        while (i < len) {
          const d = digitAt(s, i);
          if (d < 0) break;
          fractionMs += d * scale;
          scale /= 10;
          i++;
        }
        if (i === fracStart) return Number.NaN;
      }
    }
    if (i < len) {
      const z = s.charCodeAt(i);
      if ((z === C_Z || z === C_z) && i + 1 === len) {
        // UTC
      } else if (z === C_PLUS || z === C_DASH) {
        const oh = twoDigits(s, i + 1);
        const colon = s.charCodeAt(i + 3) === C_COLON ? 1 : 0;
        const om = twoDigits(s, i + 3 + colon);
        if (oh < 0 || oh > 23 || om < 0 || om > 59 || i + 5 + colon !== len) return Number.NaN;
        offsetMinutes = (z === C_DASH ? -1 : 1) * (oh * 60 + om);
      } else {
        return Number.NaN;
      }
    }
  }
  const days = daysFromCivil(year, month, day);
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + Math.floor(fractionMs);
}

/**
 * Reads a scheduler `elapsed` value as milliseconds, leniently.
 * @param value `"MM:SS"` (`"03:57"`), minutes past 59 (`"123:04"`), `"H:MM:SS"` (`"1:02:03"`), or a
 *   plain number / numeric string of seconds. Where a larger unit exists, minutes and seconds
 *   must be below 60.
 * @returns milliseconds, or null when missing or unparsable.
 */
export function parseElapsedMs(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : null;
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const first = text.indexOf(':');
  if (first < 0) return NUMERIC_RE.test(text) ? Math.round(Number(text) * 1000) : null;
  const second = text.indexOf(':', first + 1);
  if (second < 0) {
    const minutes = digitsValue(text, 0, first);
    const seconds = digitsValue(text, first + 1, text.length);
    if (minutes < 0 || seconds < 0 || seconds >= 60 || text.length - first - 1 > 2) return null;
    return (minutes * 60 + seconds) * 1000;
  }
  if (text.indexOf(':', second + 1) >= 0) return null;
  const hours = digitsValue(text, 0, first);
  const minutes = digitsValue(text, first + 1, second);
  const seconds = digitsValue(text, second + 1, text.length);
  if (hours < 0 || minutes < 0 || seconds < 0 || minutes >= 60 || seconds >= 60) return null;
  if (second - first - 1 > 2 || text.length - second - 1 > 2) return null;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

/** Value of the all-digit substring [from, to), or -1 when empty, too long or not all digits. */
function digitsValue(s: string, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = digitAt(s, i);
    if (d < 0) return -1;
    n = n * 10 + d;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// GET /scheduler/ and GET /scheduler/available
// ---------------------------------------------------------------------------------------------

/**
 * Normalises one scheduler item (GET /scheduler/ element, or `executing[]` element).
 * The id is read from `videoId`, else `imageId` (the docs' example holds an image id under
 * `videoId`); kind and account come from the id string.
 * @returns the running job, or null when the item is not an object, has an id field that is not
 *   a string, or has no recognisable video/image id (e.g. a `…-file:…` id).
 */
export function normaliseSchedulerItem(raw: unknown): RunningJob | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  return SchedulerItemSchema.validate(raw) ? jobFromValidItem(raw) : null;
}

/**
 * The running job of an item that passed {@link SchedulerItemSchema} (read as is: the schema
 * transforms nothing), or null when it has no recognisable video/image id.
 */
function jobFromValidItem(item: RawSchedulerItem): RunningJob | null {
  return jobFromId(item, item.videoId) ?? jobFromId(item, item.imageId);
}

/**
 * The job an item's `imageId` names when its `videoId` already named another one: an item
 * carrying two different ids keeps both jobs rather than dropping the second silently.
 * @returns that second job, or null (no `imageId`, the same id, or not a recognisable id).
 */
function secondJobOf(item: RawSchedulerItem, first: RunningJob): RunningJob | null {
  if (item.imageId === undefined || item.imageId === first.id) return null;
  return jobFromId(item, item.imageId);
}

/** The running job for `id` with the item's other fields, or null when `id` is not a job id. */
function jobFromId(item: RawSchedulerItem, id: string | undefined): RunningJob | null {
  const parsed = id === undefined ? null : parseJobKindAndAccount(id);
  if (parsed === null || id === undefined) return null;
  const replyRef = item.replyRef;
  const replyUrl = item.replyUrl;
  return {
    id,
    kind: parsed.kind,
    account: parsed.account,
    startedMs: parseStartedMs(item.started),
    reportedElapsedMs: parseElapsedMs(item.elapsed),
    replyRef: typeof replyRef === 'string' ? replyRef : null,
    replyUrl: typeof replyUrl === 'string' ? replyUrl : null,
  };
}

/**
 * Normalises a GET /scheduler/ body (or an `executing[]` array): items without a recognisable
 * id, or that are not objects or hold an id of another type than string, are skipped (one
 * `logger.warn` naming how many and the first few positions); a repeated id counts once (the
 * first occurrence wins); an item holding two different ids in `videoId` and `imageId` gives both
 * jobs; unknown fields are ignored.
 * The whole list is validated with one zod call ({@link SchedulerListSchema}); only when that
 * fails is each item validated on its own, so one malformed item never rejects the list.
 * Doc: https://useapi.net/docs/api-minimax-v1/get-minimax-scheduler
 * @param body the JSON-parsed body.
 * @param what endpoint label for messages, e.g. `"GET /scheduler/"`.
 * @throws ApiError `bad-response` when `body` is not an array.
 */
export function normaliseSchedulerList(
  body: unknown,
  logger: Logger,
  what = 'GET /scheduler/',
): RunningJob[] {
  if (!Array.isArray(body)) {
    throw new ApiError('bad-response', `Unexpected answer to ${what}: expected a list of jobs.`, {
      status: 200,
    });
  }
  const allValid = SchedulerListSchema.validate(body);
  const jobs: RunningJob[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  const skippedAt: number[] = [];
  const addNew = (job: RunningJob): void => {
    // One hash lookup instead of has + add: the size grows only for an id not seen before.
    const size = seen.size;
    seen.add(job.id);
    if (seen.size !== size) jobs.push(job);
  };
  for (let i = 0; i < body.length; i++) {
    const raw: unknown = body[i];
    const job = allValid ? jobFromValidItem(raw as RawSchedulerItem) : normaliseSchedulerItem(raw);
    if (job === null) {
      skipped++;
      if (skippedAt.length < 5) skippedAt.push(i);
      continue;
    }
    addNew(job);
    const second = secondJobOf(raw as RawSchedulerItem, job);
    if (second !== null) addNew(second);
  }
  if (skipped > 0) {
    logger.warn(
      `${what}: skipped ${skipped} of ${body.length} entries without a recognisable video/image id ` +
        `(at index ${skippedAt.join(', ')}${skipped > skippedAt.length ? ', ...' : ''})`,
    );
  }
  return jobs;
}

/**
 * Parses and normalises a GET /scheduler/ body text: `JSON.parse` then
 * {@link normaliseSchedulerList}. Exposed for the parsing benchmark.
 * @throws ApiError `bad-response` when the text is not JSON or not an array.
 */
export function parseSchedulerBody(text: string, logger: Logger): RunningJob[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError('bad-response', 'The scheduler answer is not valid JSON.', {
      status: 200,
    });
  }
  return normaliseSchedulerList(body, logger);
}

/**
 * Normalises one `available[]` entry. `available` defaults to `maxJobs - executing` when missing.
 * @returns the capacity, or null when the entry has no account or no numeric `maxJobs`/`executing`.
 */
export function normaliseCapacity(raw: unknown): AccountCapacity | null {
  const parsed = AccountCapacitySchema.safeParse(raw);
  if (!parsed.success) return null;
  const { account, maxJobs, executing, available } = parsed.data;
  if (maxJobs === undefined || executing === undefined) return null;
  return {
    account: String(account),
    maxJobs,
    executing,
    available: available ?? Math.max(0, maxJobs - executing),
  };
}

/**
 * Normalises a GET /scheduler/available body.
 * Doc: https://useapi.net/docs/api-minimax-v1/get-minimax-scheduler-available
 * A missing `executing` or `available` array reads as empty; bad entries are skipped with a warn.
 * @throws ApiError `bad-response` when the body is not an object, or either field is present but
 *   not an array.
 */
export function normaliseAvailable(
  body: unknown,
  logger: Logger,
): { executing: RunningJob[]; available: AccountCapacity[] } {
  const what = 'GET /scheduler/available';
  const parsed =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? SchedulerAvailableSchema.safeParse(body)
      : null;
  if (parsed === null || !parsed.success) {
    throw new ApiError(
      'bad-response',
      `Unexpected answer to ${what}: expected {executing: [...], available: [...]}.`,
      { status: 200 },
    );
  }
  const executing = normaliseSchedulerList(parsed.data.executing ?? [], logger, `${what} executing`);
  const available: AccountCapacity[] = [];
  let skipped = 0;
  for (const entry of parsed.data.available ?? []) {
    const cap = normaliseCapacity(entry);
    if (cap === null) skipped++;
    else available.push(cap);
  }
  if (skipped > 0)
    logger.warn(`${what}: skipped ${skipped} capacity entries without account/maxJobs/executing`);
  return { executing, available };
}

// ---------------------------------------------------------------------------------------------
// GET /videos/{id}, GET /images/{id}
// ---------------------------------------------------------------------------------------------

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

/**
 * Normalises a GET /videos/{videoId} or GET /images/{imageId} body into a {@link JobStatus}.
 * resultUrl = `downloadURL` else `videoURL`; coverUrl = `coverURL`; prompt = `desc`.
 * @param id the job id that was asked for (returned as `JobStatus.id`).
 * @throws ApiError `bad-response` when the body is not an object or carries neither a numeric
 *   `status` nor a boolean `statusFinal`.
 */
export function normaliseJobStatus(body: unknown, id: string): JobStatus {
  const parsed =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? JobStatusSchema.safeParse(body)
      : null;
  if (parsed === null || !parsed.success) {
    throw new ApiError('bad-response', 'Unexpected answer to a job status request: not an object.', {
      status: 200,
    });
  }
  const raw = parsed.data;
  if (raw.status === undefined && raw.statusFinal === undefined) {
    throw new ApiError(
      'bad-response',
      'Unexpected answer to a job status request: it has neither status nor statusFinal.',
      { status: 200 },
    );
  }
  const resultUrl = capUrl(nonEmpty(raw.downloadURL)) ?? capUrl(nonEmpty(raw.videoURL));
  const { final, outcome } = decideFinality(raw.status, raw.statusFinal, resultUrl !== null);
  return {
    id,
    final,
    outcome,
    status: raw.status ?? null,
    statusLabel: capText(raw.statusLabel ?? null, MAX_LABEL_CHARS),
    percent: raw.percent ?? null,
    message: capText(nonEmpty(raw.message), MAX_MESSAGE_CHARS),
    resultUrl,
    coverUrl: capUrl(nonEmpty(raw.coverURL)),
    prompt: capText(raw.desc ?? null, MAX_PROMPT_CHARS),
  };
}

/** Longest prompt (`desc`) kept: what is recorded in the ledger stays small whatever a server sends. */
export const MAX_PROMPT_CHARS = 4_000;
/** Longest `message` kept. */
export const MAX_MESSAGE_CHARS = 1_000;
/** Longest `statusLabel` kept. */
export const MAX_LABEL_CHARS = 100;
/** URLs longer than this are dropped (a cut URL would point somewhere else). */
export const MAX_URL_CHARS = 8_192;

function capText(s: string | null, max: number): string | null {
  return s !== null && s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function capUrl(s: string | null): string | null {
  return s !== null && s.length > MAX_URL_CHARS ? null : s;
}

function nonEmpty(s: string | undefined): string | null {
  return s === undefined || s === '' ? null : s;
}

// ---------------------------------------------------------------------------------------------
// GET /accounts
// ---------------------------------------------------------------------------------------------

/**
 * Normalises one GET /accounts entry. The session token (`jwt.token`) is not read and not kept.
 * @param key the object key the entry was found under (used when `account` is missing).
 * @returns the account, or null when the entry is not an object or has no account id.
 */
export function normaliseAccount(key: string | null, raw: unknown): AccountInfo | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const parsed = AccountEntrySchema.safeParse(raw);
  if (!parsed.success) return null;
  const entry = parsed.data;
  const account = entry.account !== undefined && entry.account !== '' ? String(entry.account) : key;
  if (account === null || account === '') return null;
  const jwt = entry.jwt;
  let sessionExpiresMs: number | null = null;
  if (jwt?.exp_Expire !== undefined) sessionExpiresMs = parseStartedMs(jwt.exp_Expire);
  if (sessionExpiresMs === null && jwt?.exp !== undefined) {
    // `exp` is a JWT expiry: epoch seconds, possibly with a fraction.
    const ms = jwt.exp * 1000;
    sessionExpiresMs =
      Number.isFinite(ms) && ms >= MIN_PLAUSIBLE_MS && ms <= MAX_PLAUSIBLE_MS ? Math.round(ms) : null;
  }
  return {
    account,
    name: nonEmpty(jwt?.user?.name),
    maxJobs: entry.maxJobs ?? null,
    sessionExpiresMs,
    error: accountError(entry.error),
  };
}

function accountError(value: unknown): string | null {
  if (value === undefined || value === null || value === false || value === '') return null;
  if (typeof value === 'string') return value.length > 300 ? `${value.slice(0, 297)}...` : value;
  return 'The account is marked as broken.';
}

/**
 * Normalises a GET /accounts body: an object keyed by account id (an array of entries carrying
 * `account` is accepted too). Entries without an account id are skipped with a warn.
 * Doc: https://useapi.net/docs/api-minimax-v1/get-minimax-accounts
 * @throws ApiError `bad-response` when the body is neither an object nor an array.
 */
export function normaliseAccounts(body: unknown, logger: Logger): AccountInfo[] {
  if (typeof body !== 'object' || body === null) {
    throw new ApiError('bad-response', 'Unexpected answer to GET /accounts: expected an object.', {
      status: 200,
    });
  }
  const entries: Array<[string | null, unknown]> = Array.isArray(body)
    ? body.map((v): [string | null, unknown] => [null, v])
    : Object.entries(body);
  const accounts: AccountInfo[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const [key, value] of entries) {
    const info = normaliseAccount(key, value);
    if (info === null) {
      skipped++;
      continue;
    }
    if (seen.has(info.account)) continue;
    seen.add(info.account);
    accounts.push(info);
  }
  if (skipped > 0) logger.warn(`GET /accounts: skipped ${skipped} entries that are not account objects`);
  return accounts;
}
