/**
 * Pure formatting for the job window: countdowns, local clock times, elapsed times, percentages
 * and URL checks; durations use the product's one format, main/core/format/duration.ts. No DOM,
 * no globals except `Intl`, so everything here runs under Node and is unit-tested in
 * test/unit/renderer/format.test.ts.
 *
 * All inputs are milliseconds (durations) or epoch milliseconds (instants). Bad input — NaN,
 * Infinity, negative durations — never throws: it yields a placeholder or is clamped.
 */
import { formatDuration } from '../main/core/format/duration.ts';
import { MAX_FIXED_INTERVAL_MS, MIN_FIXED_INTERVAL_MS, type JobRow } from '../main/ipc.ts';

const SECOND_MS = 1000;

/** Placeholder shown for a value that is unknown or not a finite number. */
export const UNKNOWN = '–';

/**
 * How far in the future `targetMs` is, in the product's one duration format
 * (main/core/format/duration.ts): "12 s", "1 min 30 s", "3 h". Seconds are rounded up, so a
 * countdown never shows "0 s" while time remains. Returns null when the target is now or past
 * (the caller says "now"), or when either input is not finite.
 */
export function formatUntil(targetMs: number, nowMs: number): string | null {
  if (!Number.isFinite(targetMs) || !Number.isFinite(nowMs)) return null;
  const leftMs = targetMs - nowMs;
  if (leftMs <= 0) return null;
  return formatDuration(Math.ceil(leftMs / SECOND_MS) * SECOND_MS);
}

/** Options for clock-time formatting; tests pin the locale and time zone. */
export interface ClockFormatOptions {
  /** BCP 47 locale; default: the runtime's (the user's) locale. */
  locale?: string;
  /** IANA time zone; default: the runtime's local zone. */
  timeZone?: string;
  /** Include seconds ("14:02:05"). */
  seconds?: boolean;
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatter(
  kind: 'time' | 'seconds' | 'date' | 'date-seconds' | 'day',
  opts: ClockFormatOptions,
): Intl.DateTimeFormat {
  const key = `${kind}|${opts.locale ?? ''}|${opts.timeZone ?? ''}`; // `seconds` is part of `kind`
  let f = formatterCache.get(key);
  if (!f) {
    const base: Intl.DateTimeFormatOptions =
      kind === 'day'
        ? { year: 'numeric', month: '2-digit', day: '2-digit' }
        : { hour: 'numeric', minute: '2-digit' };
    if (kind === 'seconds' || kind === 'date-seconds') base.second = '2-digit';
    if (kind === 'date' || kind === 'date-seconds') {
      base.month = 'short';
      base.day = 'numeric';
    }
    if (opts.timeZone) base.timeZone = opts.timeZone;
    f = new Intl.DateTimeFormat(opts.locale, base);
    formatterCache.set(key, f);
  }
  return f;
}

function dayKey(ms: number, opts: ClockFormatOptions): string {
  return formatter('day', opts).format(ms);
}

/**
 * Local clock time of an instant: "14:02" (or "2:02 PM", per locale; "14:02:05" with
 * `opts.seconds`) when it falls on the same local day as `nowMs`, else with the date:
 * "Mar 3, 14:02". Non-finite input gives {@link UNKNOWN}.
 */
export function formatClockTime(atMs: number, nowMs: number, opts: ClockFormatOptions = {}): string {
  if (!Number.isFinite(atMs)) return UNKNOWN;
  const sameDay = Number.isFinite(nowMs) && dayKey(atMs, opts) === dayKey(nowMs, opts);
  const kind = sameDay ? (opts.seconds ? 'seconds' : 'time') : opts.seconds ? 'date-seconds' : 'date';
  return formatter(kind, opts).format(atMs);
}

/**
 * Elapsed time of a running job at `nowMs`: from `startedMs` when known, else the server-reported
 * elapsed time plus the time since it was observed. Null when neither is known. Never negative.
 */
export function jobElapsedMs(
  row: Pick<JobRow, 'startedMs' | 'reportedElapsedMs' | 'observedAtMs'>,
  nowMs: number,
): number | null {
  if (row.startedMs !== null && Number.isFinite(row.startedMs)) return Math.max(0, nowMs - row.startedMs);
  if (row.reportedElapsedMs !== null && Number.isFinite(row.reportedElapsedMs)) {
    const since = Number.isFinite(row.observedAtMs) ? Math.max(0, nowMs - row.observedAtMs) : 0;
    return Math.max(0, row.reportedElapsedMs + since);
  }
  return null;
}

/** A progress percentage clamped to a whole number in 0–100, or null when unknown or not finite. */
export function clampPercent(percent: number | null): number | null {
  if (percent === null || typeof percent !== 'number' || !Number.isFinite(percent)) return null;
  return Math.round(Math.min(100, Math.max(0, percent)));
}

/** True only for a well-formed absolute `https:` URL (covers and result links must be https). */
export function isHttpsUrl(url: string | null): url is string {
  if (typeof url !== 'string' || url.length === 0) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Cuts text to at most `maxChars` code points, ending in "…" when cut (used for tooltips that carry
 * a full prompt, so a 100 kB prompt does not become a 100 kB tooltip).
 */
export function truncateText(text: string, maxChars: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  return `${chars.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}

/** Fixed polling interval bounds in the settings UI, in seconds (main's bounds, main/ipc.ts). */
export const FIXED_INTERVAL_MIN_S = MIN_FIXED_INTERVAL_MS / SECOND_MS;
/** Upper bound of the fixed polling interval in the settings UI, in seconds. */
export const FIXED_INTERVAL_MAX_S = MAX_FIXED_INTERVAL_MS / SECOND_MS;

/**
 * Parses the "seconds between checks" field into milliseconds. Accepts whole numbers from
 * {@link FIXED_INTERVAL_MIN_S} to {@link FIXED_INTERVAL_MAX_S} (surrounding spaces allowed);
 * anything else gives null.
 */
export function parseIntervalSeconds(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,6}$/.test(t)) return null;
  const s = Number(t);
  if (s < FIXED_INTERVAL_MIN_S || s > FIXED_INTERVAL_MAX_S) return null;
  return s * SECOND_MS;
}

/** Milliseconds to whole seconds for the interval field (rounded; non-finite gives the minimum). */
export function intervalMsToSeconds(intervalMs: number): number {
  if (!Number.isFinite(intervalMs)) return FIXED_INTERVAL_MIN_S;
  return Math.round(intervalMs / SECOND_MS);
}
