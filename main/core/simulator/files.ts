/**
 * The simulator's file host: the result files that finished jobs link to, served from the
 * simulator's own origin (`http://127.0.0.1:<port>/files/…`) when {@link ResultFilesOptions.serve}
 * is on, so the result saver can be tested over real HTTP. Like a CDN it asks for no token; the
 * server records whether a request carried an Authorization header anyway (it must not).
 *
 * Paths mirror the result links in model.ts: `/files/<kind>/<account>/<localId><variant>.<ext>`
 * (`-watermarked.mp4`, `.mp4`, `.png`, `-cover.jpg`…). A file exists only once its job succeeded
 * and is final; after {@link ResultFilesOptions.ttlMs} it answers 404, as an expired MiniMax link
 * does. Bodies are deterministic bytes ({@link resultFileBody}); `Range: bytes=<n>-` is answered
 * with 206 (and `If-Range` honoured) unless `ranges` is off; the ETag is stable per file.
 */
import { createHash } from 'node:crypto';
import { finalMs, phaseAt, trueOutcome, type SimJob } from './model.ts';
import type { SimState } from './state.ts';

/** Path prefix of result files. */
export const FILES_PREFIX = '/files/';

/** Settings of the file host (SimulatorOptions.resultFiles). */
export interface ResultFilesOptions {
  /** Serve result files and point result links at them (default false: `https://cdn.simulator.invalid/`). */
  serve: boolean;
  /** Size of every result file in bytes (default 64 KiB). */
  sizeBytes?: number;
  /** A file answers 404 this long after its job became final (default: never). */
  ttlMs?: number;
  /** Answer Range requests with 206 (default true); false sends the whole file every time. */
  ranges?: boolean;
}

/** One answer of the file host. */
export interface FileReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
};

/** The bytes of the file at `pathname` (deterministic, `sizeBytes` long). */
export function resultFileBody(pathname: string, sizeBytes: number): Buffer {
  const body = Buffer.alloc(sizeBytes);
  let block = createHash('sha256').update(pathname).digest();
  for (let at = 0; at < sizeBytes; at += block.length) {
    block.copy(body, at, 0, Math.min(block.length, sizeBytes - at));
    block = createHash('sha256').update(block).digest();
  }
  return body;
}

/** The job a file path belongs to, or undefined. */
function jobOf(state: SimState, pathname: string): SimJob | undefined {
  const m = /^\/files\/(video|image)\/([^/]+)\/([^/.]+?)(?:-watermarked|-cover|-preview)?\.[a-z0-9]+$/.exec(
    pathname,
  );
  if (m === null) return undefined;
  return state.get(`user:${state.user}-minimax:${m[2]}-${m[1]}:${m[3]}`);
}

const NOT_FOUND: FileReply = {
  status: 404,
  headers: { 'Content-Type': 'text/plain' },
  body: Buffer.from('Not found'),
};

/**
 * The answer for a GET of `pathname` with the request's `range` and `if-range` headers.
 * @param nowMs the simulator clock.
 */
export function fileReply(
  state: SimState,
  opts: ResultFilesOptions,
  pathname: string,
  headers: { range?: string; ifRange?: string },
  nowMs: number,
): FileReply {
  const job = jobOf(state, pathname);
  if (job === undefined || phaseAt(job, nowMs) !== 'final' || trueOutcome(job) !== 'succeeded')
    return NOT_FOUND;
  if (opts.ttlMs !== undefined && nowMs > finalMs(job) + opts.ttlMs) return NOT_FOUND;
  const size = opts.sizeBytes ?? 64 * 1024;
  const body = resultFileBody(pathname, size);
  const etag = `"sim-${createHash('sha256').update(pathname).digest('hex').slice(0, 16)}"`;
  const base = {
    'Content-Type': TYPES[pathname.slice(pathname.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
    ETag: etag,
    'Accept-Ranges': opts.ranges === false ? 'none' : 'bytes',
  };
  const m = /^bytes=(\d+)-$/.exec(headers.range ?? '');
  const rangeValid =
    opts.ranges !== false && m !== null && (headers.ifRange === undefined || headers.ifRange === etag);
  if (!rangeValid) return { status: 200, headers: { ...base, 'Content-Length': String(size) }, body };
  const from = Number(m[1]);
  if (from >= size) {
    return { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` }, body: Buffer.alloc(0) };
  }
  return {
    status: 206,
    headers: {
      ...base,
      'Content-Length': String(size - from),
      'Content-Range': `bytes ${from}-${size - 1}/${size}`,
    },
    body: body.subarray(from),
  };
}
