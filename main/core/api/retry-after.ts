/**
 * Retry-After handling (RFC 9110 §10.2.3) for 429 and 5xx answers.
 *
 * useapi.net does not document Retry-After for MiniMax (useapi-api.md §11: [unconfirmed]); other
 * useapi services send the header plus a `retryAfter` body field in seconds, so both are honoured
 * when present.
 */

/** Longest wait a server may impose through Retry-After: 24 h (ms). Longer values are clamped. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Parses a Retry-After header value into an epoch-ms instant.
 * @param value the header: delay-seconds (`"120"`, decimals tolerated) or an HTTP-date
 *   (`"Wed, 21 Oct 2026 07:28:00 GMT"`). Arrays (repeated headers) use the first entry.
 * @param nowMs current epoch ms.
 * @returns epoch ms, never earlier than `nowMs` and at most {@link MAX_RETRY_AFTER_MS} after it;
 *   null when the value is missing or unparsable.
 */
export function parseRetryAfter(value: unknown, nowMs: number): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw === 'number') return retryAtFromSeconds(raw, nowMs);
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return retryAtFromSeconds(Number(text), nowMs);
  // HTTP-date: IMF-fixdate, or the obsolete RFC 850 / asctime forms Date.parse also reads.
  // Require a letter so that junk such as "-5" or "1e3" is not taken for a date.
  if (!/[A-Za-z]/.test(text)) return null;
  const atMs = Date.parse(text);
  if (!Number.isFinite(atMs)) return null;
  return clampRetryAt(atMs, nowMs);
}

/**
 * Turns a delay in seconds (header or `retryAfter` body field) into an epoch-ms instant.
 * @param seconds delay in seconds; numeric strings are accepted.
 * @param nowMs current epoch ms.
 * @returns epoch ms clamped to [nowMs, nowMs + {@link MAX_RETRY_AFTER_MS}], or null when
 *   `seconds` is not a finite, non-negative number.
 */
export function retryAtFromSeconds(seconds: unknown, nowMs: number): number | null {
  const n = typeof seconds === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(seconds) ? Number(seconds) : seconds;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return null;
  return clampRetryAt(nowMs + Math.ceil(n * 1000), nowMs);
}

function clampRetryAt(atMs: number, nowMs: number): number {
  return Math.min(Math.max(atMs, nowMs), nowMs + MAX_RETRY_AFTER_MS);
}
