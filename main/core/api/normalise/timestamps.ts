/**
 * Timestamps and durations in useapi.net answers: `started` as an ISO string, epoch ms or epoch
 * seconds (doc get-minimax-scheduler: the model says number, the example shows ISO), and `elapsed`
 * as "MM:SS" or longer. Linear, allocation-free parsers: they run for every item of every poll.
 */
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
