/**
 * Downloads one result file into a temp file: the HTTP side of the result saver.
 *
 * This is NOT the API client. Result files live on MiniMax's file host, not on useapi.net, so:
 * - it has its own HTTP client (the platform's `fetch`, injectable), built here with exactly the
 *   headers listed in {@link requestHeaders}: never an `Authorization` header, never the token
 *   (the saver is never given it);
 * - its requests never go through the monitor's scheduler (which paces useapi.net and honours its
 *   Retry-After); its timers run on the {@link Clock} it is given.
 *
 * Rules: https only, http only to loopback hosts (result-url.ts), checked again at every redirect
 * (at most {@link MAX_REDIRECTS}); a size cap (`maxBytes`, from Content-Length and while reading);
 * a stall timer (`stallMs` without the headers or without a byte aborts); a resume with
 * `Range: bytes=<n>-` (and `If-Range` with the validator the first answer gave) when the temp file
 * already holds part of the body; a server that ignores the range answers 200 and the file starts
 * over. `Accept-Encoding: identity`, so the bytes counted are the bytes of the file.
 */
import type { Clock } from '../types.ts';
import { downloadableUrl } from './result-url.ts';
import type { FileSink } from './save-fs.ts';

/** Most redirects followed for one file. */
export const MAX_REDIRECTS = 5;

/** The part of `fetch` used (Node's global fetch; a test may wrap it). */
export type FetchLike = (
  url: string,
  init: { method: 'GET'; headers: Record<string, string>; redirect: 'manual'; signal: AbortSignal },
) => Promise<Response>;

/**
 * Why a download failed:
 * - `expired`: 401/403/404/410: the result link no longer works (MiniMax links are temporary);
 * - `too-large`: over the size cap;
 * - `bad-url`: not https (or http to a non-loopback host), also after a redirect;
 * - `http`: another error status (5xx, 429…), retried;
 * - `network`: no answer, reset, or a body shorter than its Content-Length, retried;
 * - `stalled`: no byte for `stallMs`, retried;
 * - `write`: the temp file could not be written (`cause` has the fs error: ENOSPC…);
 * - `stopped`: the saver was stopped (app quit, Ctrl+C); the temp file is kept for a resume.
 */
export type DownloadProblem =
  'expired' | 'too-large' | 'bad-url' | 'http' | 'network' | 'stalled' | 'write' | 'stopped';

/** A failed download, with a message for people. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  readonly problem: DownloadProblem;
  /** HTTP status, when there was one. */
  readonly status: number | null;
  /** Worth trying again later (with backoff). */
  readonly retryable: boolean;
  /** A Retry-After the server sent, in ms from now, or null. */
  readonly retryAfterMs: number | null;

  constructor(
    problem: DownloadProblem,
    message: string,
    opts: { status?: number | null; retryAfterMs?: number | null; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.problem = problem;
    this.status = opts.status ?? null;
    this.retryable = problem === 'http' || problem === 'network' || problem === 'stalled';
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

/** What the first answer said about the file (kept for a resume after a restart). */
export interface FileFacts {
  /** ETag, else Last-Modified: sent back as If-Range. */
  validator: string | null;
  /** Size of the whole file, when the server said. */
  totalBytes: number | null;
}

/** One download. */
export interface FetchFileRequest {
  url: string;
  /** The temp file, and how many bytes it already holds (resumed from there when > 0). */
  sink: FileSink;
  existingBytes: number;
  /** The validator kept from an earlier answer for this file, or null. */
  validator: string | null;
  maxBytes: number;
  stallMs: number;
  clock: Clock;
  fetch: FetchLike;
  /** Aborts the download (saver stopped). */
  signal: AbortSignal;
  /** Called once the answer's headers are in (before the body), to persist them. */
  onFacts?(facts: FileFacts): Promise<void> | void;
  /** Bytes in the temp file so far, after each chunk. */
  onProgress?(bytes: number, totalBytes: number | null): void;
}

/** The headers of every file request: nothing else, and never Authorization. */
export function requestHeaders(
  range: { from: number; validator: string | null } | null,
): Record<string, string> {
  const headers: Record<string, string> = {
    accept: '*/*',
    'accept-encoding': 'identity',
    'user-agent': 'MiniMax-Tray (result saver)',
  };
  if (range !== null) {
    headers.range = `bytes=${range.from}-`;
    if (range.validator !== null) headers['if-range'] = range.validator;
  }
  return headers;
}

/** Sizes in messages: "1.0 GiB", "12.3 MiB", "512 KiB", "80 B". */
export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/**
 * Downloads `req.url` into `req.sink` (see the module docs).
 * @returns the bytes in the temp file when it holds the whole body.
 * @throws DownloadError for every failure.
 */
export async function fetchFile(req: FetchFileRequest): Promise<number> {
  const abort = new AbortController();
  const onStop = () => abort.abort(new DownloadError('stopped', 'Saving was stopped.'));
  if (req.signal.aborted) onStop();
  else req.signal.addEventListener('abort', onStop, { once: true });
  const stall = new StallTimer(req.clock, req.stallMs, abort);
  try {
    return await download(req, abort, stall);
  } catch (e) {
    throw asDownloadError(e, abort, req.stallMs);
  } finally {
    stall.clear();
    req.signal.removeEventListener('abort', onStop);
  }
}

async function download(req: FetchFileRequest, abort: AbortController, stall: StallTimer): Promise<number> {
  let bytes = req.existingBytes;
  let response = await follow(
    req,
    abort,
    stall,
    bytes > 0 ? { from: bytes, validator: req.validator } : null,
  );
  const status = response.status;
  if (bytes > 0 && status === 416) {
    // The range starts at the end: the file may already be whole, else start over.
    const total = totalFromContentRange(response.headers.get('content-range'));
    await response.body?.cancel().catch(() => {});
    if (total !== null && total === bytes) return bytes;
    await req.sink.truncate();
    bytes = 0;
    response = await follow(req, abort, stall, null);
  }
  checkStatus(response);
  if (response.status === 206) {
    const start = startFromContentRange(response.headers.get('content-range'));
    if (start !== bytes) {
      // Not the range asked for: start again without one.
      await response.body?.cancel().catch(() => {});
      await req.sink.truncate();
      bytes = 0;
      response = await follow(req, abort, stall, null);
      checkStatus(response);
    }
  } else if (bytes > 0) {
    await req.sink.truncate(); // 200: the server sent the whole file again
    bytes = 0;
  }
  const length = numberHeader(response.headers.get('content-length'));
  const totalBytes =
    response.status === 206
      ? (totalFromContentRange(response.headers.get('content-range')) ??
        (length === null ? null : bytes + length))
      : length;
  if (totalBytes !== null && totalBytes > req.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(req.maxBytes, totalBytes);
  }
  await req.onFacts?.({ validator: validatorOf(response.headers), totalBytes });
  if (response.body === null) {
    if (totalBytes === null || totalBytes === bytes) return bytes;
    throw new DownloadError('network', 'The file host sent no body.');
  }
  const reader = response.body.getReader();
  stall.arm();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    stall.arm();
    if (bytes + value.length > req.maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(req.maxBytes, null);
    }
    try {
      await req.sink.write(value);
    } catch (e) {
      await reader.cancel().catch(() => {});
      throw new DownloadError('write', `The file could not be written: ${describe(e)}`, { cause: e });
    }
    bytes += value.length;
    req.onProgress?.(bytes, totalBytes);
  }
  stall.clear();
  if (totalBytes !== null && bytes !== totalBytes) {
    throw new DownloadError(
      'network',
      `The download ended early (${formatSize(bytes)} of ${formatSize(totalBytes)}).`,
    );
  }
  return bytes;
}

/** One GET, following redirects itself so each target is checked; the stall timer covers the wait. */
async function follow(
  req: FetchFileRequest,
  abort: AbortController,
  stall: StallTimer,
  range: { from: number; validator: string | null } | null,
): Promise<Response> {
  let url = downloadableUrl(req.url);
  if (url === null) throw badUrl(req.url);
  for (let hop = 0; ; hop++) {
    stall.arm();
    const response = await req.fetch(url, {
      method: 'GET',
      headers: requestHeaders(range),
      redirect: 'manual',
      signal: abort.signal,
    });
    stall.clear();
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) return response;
    await response.body?.cancel().catch(() => {});
    if (hop >= MAX_REDIRECTS) {
      throw new DownloadError('network', `The file host redirected more than ${MAX_REDIRECTS} times.`);
    }
    let next: string | null;
    try {
      next = downloadableUrl(new URL(location, url).href);
    } catch {
      next = null;
    }
    if (next === null) throw badUrl(location);
    url = next;
  }
}

function checkStatus(response: Response): void {
  const status = response.status;
  if (status === 200 || status === 206) return;
  void response.body?.cancel().catch(() => {});
  if (status === 401 || status === 403 || status === 404 || status === 410) {
    throw new DownloadError(
      'expired',
      `The result link no longer works (HTTP ${status}): MiniMax result links expire. Open the job on hailuoai.video instead.`,
      { status },
    );
  }
  const retryAfter = numberHeader(response.headers.get('retry-after'));
  throw new DownloadError('http', `The file host answered HTTP ${status}.`, {
    status,
    retryAfterMs: retryAfter === null ? null : retryAfter * 1000,
  });
}

/** Maps what a fetch or a read threw to a DownloadError. */
function asDownloadError(e: unknown, abort: AbortController, stallMs: number): DownloadError {
  if (e instanceof DownloadError) return e;
  const reason: unknown = abort.signal.reason;
  if (abort.signal.aborted && reason instanceof DownloadError) return reason;
  if (abort.signal.aborted) {
    return new DownloadError('stalled', `The file host sent nothing for ${Math.round(stallMs / 1000)} s.`);
  }
  return new DownloadError('network', `Could not download the file: ${describe(e)}`, { cause: e });
}

/** Aborts the request when `stallMs` pass without {@link StallTimer.arm} being called again. */
class StallTimer {
  private handle: ReturnType<Clock['setTimeout']> | null = null;
  private readonly clock: Clock;
  private readonly ms: number;
  private readonly abort: AbortController;
  constructor(clock: Clock, ms: number, abort: AbortController) {
    this.clock = clock;
    this.ms = ms;
    this.abort = abort;
  }
  arm(): void {
    this.clear();
    this.handle = this.clock.setTimeout(() => {
      this.handle = null;
      this.abort.abort(
        new DownloadError('stalled', `The file host sent nothing for ${Math.round(this.ms / 1000)} s.`),
      );
    }, this.ms);
  }
  clear(): void {
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    this.handle = null;
  }
}

function tooLarge(maxBytes: number, totalBytes: number | null): DownloadError {
  const size = totalBytes === null ? 'more than that' : formatSize(totalBytes);
  return new DownloadError(
    'too-large',
    `The file is larger than the ${formatSize(maxBytes)} limit (${size}).`,
  );
}

function badUrl(url: string): DownloadError {
  let where = 'that address';
  try {
    where = `${new URL(url).protocol}//…`;
  } catch {
    // keep the generic words
  }
  return new DownloadError(
    'bad-url',
    `Not downloaded: the result link is not https (${where}); only https links are saved.`,
  );
}

function validatorOf(headers: Headers): string | null {
  const etag = headers.get('etag');
  // A weak ETag cannot be used with If-Range.
  if (etag !== null && !etag.startsWith('W/')) return etag;
  return headers.get('last-modified');
}

function numberHeader(value: string | null): number | null {
  if (value === null || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}

function startFromContentRange(value: string | null): number | null {
  const m = value === null ? null : /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(value.trim());
  return m ? Number(m[1]) : null;
}

function totalFromContentRange(value: string | null): number | null {
  const m = value === null ? null : /\/(\d+)$/.exec(value.trim());
  return m ? Number(m[1]) : null;
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    const code = (e as NodeJS.ErrnoException).code ?? (cause as NodeJS.ErrnoException | undefined)?.code;
    return code ? `${e.message} (${code})` : e.message;
  }
  return String(e);
}
