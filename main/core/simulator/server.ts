/**
 * The simulator's HTTP side: a plain node:http server on 127.0.0.1 that checks the Bearer token,
 * applies the active fault, and answers from routes.ts. Uses real timers only for `slow` faults.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Fault, FaultSwitch } from './faults.ts';
import { randomTransientFault, statusFaultReply } from './faults.ts';
import { fileReply, FILES_PREFIX, type ResultFilesOptions } from './files.ts';
import { API_PREFIX, NO_ROUTE, handleRoute, matchRoute } from './routes.ts';
import type { RouteContext, RouteMatch, RouteName, SimReply } from './routes.ts';

/** Largest request body accepted (bytes); more answers 413. */
export const MAX_BODY_BYTES = 64 * 1024;
/** How many requests {@link SimServer.requestLog} keeps (the newest). */
export const REQUEST_LOG_LIMIT = 10_000;

/** One request as the simulator saw it. Never holds the Authorization header. */
export interface SimRequestRecord {
  /** Simulator clock time of arrival (epoch ms). */
  atMs: number;
  method: string;
  /** Path and query exactly as sent. */
  url: string;
  /** Matched route, or 'unknown'. */
  route: RouteName | 'unknown';
  /** Whether the Bearer token was the accepted one. */
  authorized: boolean;
  /** Whether the request carried an Authorization header at all (result files must get none). */
  authHeader: boolean;
  /** The Range header as sent, or null. */
  range: string | null;
  /** Type of the fault applied, if any. */
  fault: Fault['type'] | null;
  /** The instant a Retry-After in the answer named (simulator clock, epoch ms), or null. */
  retryAtMs: number | null;
}

/** Request counters: total and per route ('unknown' for unmatched paths). */
export interface SimStats {
  requests: number;
  byRoute: Record<string, number>;
  /** Most requests open at the same time (arrived, not yet answered or dropped). */
  maxConcurrent: number;
}

/** Settings of {@link SimServer}. */
export interface SimServerOptions {
  /** The accepted Bearer token. */
  token: string;
  faults: FaultSwitch;
  ctx: RouteContext;
  /** Seed for random transient faults on GET /scheduler/, or null for none. */
  transientFaultSeed: number | null;
  /** TCP port; 0 (default) lets the OS choose. */
  port?: number;
  /** The file host for result links (files.ts); off unless `serve`. */
  files?: ResultFilesOptions;
}

const UNAUTHORIZED: SimReply = { status: 401, json: { error: 'Unauthorized', code: 401 } };

/** HTTP server for the simulated API. Start once, stop once. */
export class SimServer {
  private readonly opts: SimServerOptions;
  private server: Server | null = null;
  private stopped = false;
  private readonly sockets = new Set<Socket>();
  private readonly delays = new Set<{ timer: ReturnType<typeof setTimeout>; done: (ok: boolean) => void }>();
  private readonly log: SimRequestRecord[] = [];
  /** Requests open now, and the most at once. */
  private open = 0;
  private maxConcurrent = 0;
  private requests = 0;
  private readonly byRoute: Record<string, number> = {};
  private schedulerRequests = 0;

  constructor(opts: SimServerOptions) {
    this.opts = opts;
  }

  /**
   * Listens on 127.0.0.1.
   * @returns the API base URL, `http://127.0.0.1:<port>/v1/minimax`.
   * @throws Error when already started, or when listening fails (e.g. the port is taken).
   */
  async start(): Promise<{ baseUrl: string }> {
    if (this.server !== null) throw new Error('simulator already started');
    const server = createServer((req, res) => {
      this.onRequest(req, res).catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          send(res, { status: 500, json: { error: `Simulator error: ${String(err)}`, code: 500 } });
        } else {
          res.destroy();
        }
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    // Result links point at this origin's file host when it serves files (files.ts).
    if (this.opts.files?.serve === true) this.opts.ctx.resultBase = `http://127.0.0.1:${port}/files`;
    return { baseUrl: `http://127.0.0.1:${port}${API_PREFIX}` };
  }

  /** Closes the server, drops every connection (stalled ones too) and cancels slow answers. Idempotent. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === null || this.stopped) return;
    this.stopped = true;
    for (const d of this.delays) {
      clearTimeout(d.timer);
      d.done(false);
    }
    this.delays.clear();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of this.sockets) socket.destroy();
    });
  }

  /** Request counters since start. */
  stats(): SimStats {
    return { requests: this.requests, byRoute: { ...this.byRoute }, maxConcurrent: this.maxConcurrent };
  }

  /** The newest requests (up to {@link REQUEST_LOG_LIMIT}), oldest first. */
  requestLog(): SimRequestRecord[] {
    return this.log.slice();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
    const isFile = this.opts.files?.serve === true && method === 'GET' && pathname.startsWith(FILES_PREFIX);
    const match: RouteMatch | null = isFile
      ? { route: 'GET /files/{path}', param: pathname }
      : matchRoute(method, pathname);
    const routeKey = match?.route ?? 'unknown';
    const authorized = isAuthorized(req.headers.authorization, this.opts.token);

    let fault = this.opts.faults.take(match?.route ?? null);
    if (match?.route === 'GET /scheduler/') {
      const index = this.schedulerRequests++;
      if (fault === null && this.opts.transientFaultSeed !== null) {
        fault = randomTransientFault(this.opts.transientFaultSeed, index);
      }
    }

    this.requests++;
    this.open++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.open);
    res.once('close', () => this.open--);
    this.byRoute[routeKey] = (this.byRoute[routeKey] ?? 0) + 1;
    const nowMs = this.opts.ctx.state.now();
    this.log.push({
      atMs: nowMs,
      method,
      url,
      route: routeKey,
      authorized,
      authHeader: req.headers.authorization !== undefined,
      range: req.headers.range ?? null,
      fault: fault?.type ?? null,
      retryAtMs:
        fault?.type === 'status' && fault.retryAfterSeconds !== undefined
          ? nowMs + Math.max(0, fault.retryAfterSeconds) * 1000
          : null,
    });
    if (this.log.length > REQUEST_LOG_LIMIT) this.log.splice(0, this.log.length - REQUEST_LOG_LIMIT);

    switch (fault?.type) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'status':
        send(res, statusFaultReply(fault, this.opts.ctx.state.now(), this.opts.ctx.state.accounts[0] ?? ''));
        return;
      case 'body':
        send(res, {
          status: fault.status ?? 200,
          text: fault.body,
          contentType: fault.contentType ?? 'application/json',
        });
        return;
      case 'redirect':
        send(res, { status: fault.status ?? 302, headers: { Location: fault.location }, text: '' });
        return;
      case 'slow':
        if (!(await this.delay(fault.delayMs))) return;
        break;
      default:
        break;
    }

    const reply = await this.answer(req, match, authorized);
    if (res.destroyed) return;
    if (fault?.type === 'stall') {
      const { status, headers, bytes } = encode(reply);
      res.writeHead(status, headers);
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      return; // hang: the client times out, or stop() drops the socket
    }
    if (fault?.type === 'trickle') {
      const { status, headers, bytes } = encode(reply);
      res.writeHead(status, headers);
      for (let at = 0; at < bytes.length; at += fault.chunkBytes) {
        if (res.destroyed) return;
        res.write(bytes.subarray(at, at + fault.chunkBytes));
        if (!(await this.delay(fault.intervalMs))) return;
      }
      res.end();
      return;
    }
    send(res, reply);
  }

  private async answer(
    req: IncomingMessage,
    match: RouteMatch | null,
    authorized: boolean,
  ): Promise<SimReply> {
    if (match?.route === 'GET /files/{path}' && this.opts.files) {
      // A file host: no token asked for (the client must send none; the log says if it did).
      req.resume();
      const range = req.headers.range;
      const ifRange = req.headers['if-range'] as string | undefined;
      const f = fileReply(
        this.opts.ctx.state,
        this.opts.files,
        match.param ?? '',
        { range, ifRange },
        this.opts.ctx.state.now(),
      );
      return { status: f.status, headers: f.headers, bytes: f.body };
    }
    if (!authorized) {
      req.resume();
      return UNAUTHORIZED;
    }
    if (match === null) {
      req.resume();
      return NO_ROUTE;
    }
    let body = '';
    if (match.route === 'POST /videos/cancel') {
      const read = await readBody(req);
      if (read === null) return { status: 413, json: { error: 'Request body too large', code: 413 } };
      body = read;
    } else {
      req.resume();
    }
    const queryAt = (req.url ?? '').indexOf('?');
    const query = new URLSearchParams(queryAt === -1 ? '' : (req.url ?? '').slice(queryAt + 1));
    return handleRoute(this.opts.ctx, match, body, req.headers['content-type'] ?? '', query);
  }

  /** Waits `delayMs` of real time; false when stop() cut it short. */
  private delay(delayMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.delays.delete(entry);
          resolve(true);
        }, delayMs),
        done: resolve,
      };
      this.delays.add(entry);
    });
  }
}

/** True when `header` is `Bearer <token>` (scheme case-insensitive) with exactly the accepted token. */
function isAuthorized(header: string | undefined, token: string): boolean {
  if (header === undefined) return false;
  const m = /^bearer +(.+)$/i.exec(header.trim());
  return m !== null && m[1] === token;
}

/** Reads a request body up to {@link MAX_BODY_BYTES}; null when it is longer. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function encode(reply: SimReply): { status: number; headers: Record<string, string>; bytes: Buffer } {
  const headers: Record<string, string> = { ...reply.headers };
  let bytes: Buffer = Buffer.alloc(0);
  if (reply.json !== undefined) {
    bytes = Buffer.from(JSON.stringify(reply.json), 'utf8');
    headers['Content-Type'] = 'application/json; charset=utf-8';
  } else if (reply.bytes !== undefined) {
    bytes = reply.bytes;
  } else if (reply.text !== undefined) {
    bytes = Buffer.from(reply.text, 'utf8');
    if (reply.contentType !== undefined) headers['Content-Type'] = reply.contentType;
  }
  if (reply.status !== 204 && headers['Content-Length'] === undefined) {
    headers['Content-Length'] = String(bytes.length);
  }
  return { status: reply.status, headers, bytes };
}

function send(res: ServerResponse, reply: SimReply): void {
  if (res.destroyed) return;
  const { status, headers, bytes } = encode(reply);
  res.writeHead(status, headers);
  res.end(reply.status === 204 ? undefined : bytes);
}
