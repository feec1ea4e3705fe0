/**
 * Turning HTTP answers and transport failures into {@link ApiError}s (useapi-api.md §11):
 * 401 unauthorized; 429 rate-limited; 596 account-on-hold; 502, 504 and other 5xx server-busy;
 * 404 not-found; other 4xx api-error; no response network; deadline timeout; anything unreadable
 * bad-response. Messages are short, meant for a person, name the configured API host
 * ({@link FailureContext.host}) and never contain the API token.
 */
import { AxiosError } from 'axios';
import { ApiError } from './errors.ts';
import { parseJobId } from './job-id.ts';
import { parseRetryAfter, retryAtFromSeconds } from './retry-after.ts';
import { ErrorEnvelopeSchema } from './schemas.ts';

/** What the client knows about the request when classifying its failure. */
export interface FailureContext {
  /**
   * The configured API host as `URL.host` (`api.useapi.net`, `127.0.0.1:8080`), named in every
   * message so a user whose `--api-base` points elsewhere is not told about useapi.net.
   */
  host: string;
  /** The API token, only to scrub it out of any text echoed into a message. */
  token: string;
  /** Current epoch ms (Retry-After is relative to it). */
  nowMs: number;
  /** Account of the job the request was about (596 fallback), when known. */
  account: string | null;
  /** The whole-request deadline in ms (for the timeout message). */
  timeoutMs: number;
  /** The response size cap in bytes (for the size-cap message). */
  maxBodyBytes: number;
}

/** The useapi.net error envelope `{error, code}` as far as it could be read. */
export interface ErrorDetails {
  /** The envelope's `error` text, scrubbed and shortened; null when absent. */
  text: string | null;
  /** `retryAfter` body field in seconds, when present. */
  retryAfter: string | number | null;
  /** `account` body field, when present. */
  account: string | null;
}

/**
 * Reads `{error, code, retryAfter?, account?}` from an error body; any other body gives nulls.
 * @param bodyText the raw body text; @param token scrubbed from the text.
 */
export function readErrorEnvelope(bodyText: string, token: string): ErrorDetails {
  const empty: ErrorDetails = { text: null, retryAfter: null, account: null };
  const trimmed = bodyText.trimStart();
  if (!trimmed.startsWith('{')) return empty;
  let body: unknown;
  try {
    body = JSON.parse(trimmed);
  } catch {
    return empty;
  }
  const parsed = ErrorEnvelopeSchema.safeParse(body);
  if (!parsed.success) return empty;
  return {
    text: cleanText(parsed.data.error, token),
    retryAfter: parsed.data.retryAfter ?? null,
    account: parsed.data.account === undefined ? null : cleanText(String(parsed.data.account), token),
  };
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * Makes server-supplied text safe to show: removes every occurrence of the token, control
 * characters and runs of whitespace, and shortens it to `maxChars`.
 * @returns the cleaned text, or null when nothing is left.
 */
export function cleanText(text: string, token: string, maxChars = 200): string | null {
  let s = text;
  if (token !== '') s = s.split(token).join('[token]');
  // Also the secret part alone (a server may echo it without the `user:<n>-` prefix).
  const secret = /^user:\d+-(.+)$/.exec(token)?.[1];
  if (secret && secret.length >= 4) s = s.split(secret).join('[token]');
  s = s.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
  if (s === '') return null;
  return s.length > maxChars ? `${s.slice(0, maxChars - 3)}...` : s;
}

/**
 * Finds a MiniMax account id in an error text: a job id (`user:…-minimax:<account>-…`), a
 * `minimax:<account>` fragment, or "account <digits>".
 * @returns the account id, or null.
 */
export function accountFromText(text: string | null): string | null {
  if (text === null) return null;
  for (const word of text.split(/[\s"'`,;()[\]{}]+/)) {
    const id = parseJobId(word);
    if (id !== null) return id.account;
  }
  const m = /minimax:(\d+)/i.exec(text) ?? /\baccount(?:\s+id)?\s*[:=#]?\s*(\d+)/i.exec(text);
  return m?.[1] ?? null;
}

/**
 * Classifies a non-2xx HTTP answer.
 * @param status HTTP status (expected >= 400; anything else gives `bad-response`).
 * @param headers response headers (lower-case names), for Retry-After.
 * @param bodyText the body as text (may be HTML, empty, or the `{error, code}` envelope).
 */
export function classifyHttpFailure(
  status: number,
  headers: Record<string, unknown>,
  bodyText: string,
  ctx: FailureContext,
): ApiError {
  const details = readErrorEnvelope(bodyText, ctx.token);
  const suffix = details.text === null ? '' : `: ${details.text}`;
  const retryAt = (): number | null => {
    const fromHeader = parseRetryAfter(headers['retry-after'], ctx.nowMs);
    const fromBody = retryAtFromSeconds(details.retryAfter, ctx.nowMs);
    if (fromHeader === null) return fromBody;
    if (fromBody === null) return fromHeader;
    return Math.max(fromHeader, fromBody);
  };

  if (status === 401) {
    return new ApiError('unauthorized', `${ctx.host} rejected the API token (401)`, { status });
  }
  if (status === 429) {
    // No retry time in the text: each shell shows `retryAtMs` its own way (`list` exits instead).
    return new ApiError('rate-limited', `${ctx.host} is rate-limiting requests (429)`, {
      status,
      retryAtMs: retryAt(),
    });
  }
  if (status === 596) {
    const account = details.account ?? accountFromText(details.text) ?? ctx.account;
    const who = account === null ? 'A MiniMax account' : `MiniMax account ${account}`;
    return new ApiError('account-on-hold', `${who} is on hold (596)${suffix}`, {
      status,
      account,
      retryAtMs: retryAt(),
    });
  }
  if (status === 404) {
    return new ApiError('not-found', `${ctx.host}: not found (404)${suffix}`, { status });
  }
  if (status >= 500 && status <= 599) {
    const retryAtMs = retryAt();
    return new ApiError('server-busy', `${ctx.host} or MiniMax is busy or unavailable (${status})${suffix}`, {
      status,
      retryAtMs,
    });
  }
  if (status >= 400 && status <= 499) {
    return new ApiError('api-error', `${ctx.host} rejected the request (${status})${suffix}`, { status });
  }
  return new ApiError('bad-response', `${ctx.host} answered with an unexpected HTTP status (${status})`, {
    status,
  });
}

/**
 * Classifies a request that produced no usable HTTP answer.
 * @param err what axios (or a custom adapter) threw.
 * @param deadlineHit true when the client's own overall deadline aborted the request.
 * @returns `timeout` for the deadline or a socket timeout; `bad-response` for a body over the size
 *   cap or undecodable; `network` for everything else (refused, reset, DNS, dropped mid-body).
 *   The ApiError's `cause` is a plain Error carrying only the error code, never the axios error
 *   itself: that one holds the request config, including the Authorization header.
 */
export function classifyTransportFailure(err: unknown, deadlineHit: boolean, ctx: FailureContext): ApiError {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : '';
  const cause = new Error(code ?? 'transport error');
  const seconds = formatSeconds(ctx.timeoutMs);
  if (
    deadlineHit ||
    code === AxiosError.ETIMEDOUT ||
    code === AxiosError.ECONNABORTED ||
    code === 'ETIMEDOUT'
  ) {
    return new ApiError('timeout', `${ctx.host} did not answer within ${seconds}`, { cause });
  }
  if (/maxContentLength/i.test(message)) {
    return new ApiError(
      'bad-response',
      `The answer from ${ctx.host} is larger than the ${formatBytes(ctx.maxBodyBytes)} limit`,
      {
        cause,
      },
    );
  }
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new ApiError('bad-response', `The answer from ${ctx.host} could not be decompressed`, { cause });
  }
  if (code === AxiosError.ERR_BAD_RESPONSE && !/aborted/i.test(message)) {
    return new ApiError('bad-response', `The answer from ${ctx.host} could not be read`, { cause });
  }
  const detail = code === null ? '' : ` (${code})`;
  return new ApiError('network', `Could not reach ${ctx.host}${detail}`, { cause });
}

/** A short, safe error code (`ECONNREFUSED`, `ERR_NETWORK`, …) or null. */
function errorCode(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const direct = (err as { code?: unknown }).code;
  if (typeof direct === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(direct)) return direct;
  const cause = (err as { cause?: unknown }).cause;
  if (typeof cause === 'object' && cause !== null) {
    const inner = (cause as { code?: unknown }).code;
    if (typeof inner === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(inner)) return inner;
  }
  return null;
}

/** "20 s", "1.5 s", "250 ms". */
export function formatSeconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** "4 MiB", "512 KiB", "100 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
