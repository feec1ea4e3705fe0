/**
 * Fault injection for the simulator: HTTP errors with Retry-After, slow answers, stalled bodies,
 * reset sockets, malformed bodies and redirects. A fault applies to every request (of the listed
 * `routes`, if given) until cleared, or for `count` requests. Faults are checked before auth.
 */
import type { RouteName, SimReply } from './routes.ts';
import { mixSeed, mulberry32 } from './prng.ts';

/** Options common to every fault. */
export interface FaultScope {
  /** How many matching requests get the fault; then it clears itself. Default: until cleared. */
  count?: number;
  /** Only these routes get the fault. Default: every route, including unknown paths. */
  routes?: readonly RouteName[];
}

/** HTTP status codes a status fault can answer with (useapi-api.md §11). */
export type FaultStatus = 401 | 429 | 500 | 502 | 503 | 504 | 596;

/**
 * Answer with an error status and its useapi `{error, code}` body. 596 names the account on hold.
 * `retryAfterSeconds` adds a `Retry-After` header: as delta seconds (default) or, with
 * `retryAfterAs: 'date'`, as an HTTP date that many seconds after the simulator clock's now.
 */
export interface StatusFault extends FaultScope {
  type: 'status';
  status: FaultStatus;
  retryAfterSeconds?: number;
  retryAfterAs?: 'seconds' | 'date';
  /** Replaces the default error text. */
  message?: string;
  /** Leave `code` out of the body, as some documented useapi errors do. */
  omitCode?: boolean;
  /** 596 only: the account named on hold (default: the first account). */
  account?: string;
}

/** Answer normally, but only after `delayMs` of real time (for client timeout tests). */
export interface SlowFault extends FaultScope {
  type: 'slow';
  delayMs: number;
}

/** Send 200 headers (with the full Content-Length) and half of the real body, then hang until the client gives up. */
export interface StallFault extends FaultScope {
  type: 'stall';
}

/**
 * Send the body `chunkBytes` at a time, one chunk every `intervalMs` of real time (a slow or large
 * download; result files mostly). Headers go out at once.
 */
export interface TrickleFault extends FaultScope {
  type: 'trickle';
  chunkBytes: number;
  intervalMs: number;
}

/** Destroy the socket without answering. */
export interface ResetFault extends FaultScope {
  type: 'reset';
}

/** Answer with this exact body: truncated JSON, an HTML error page, JSON of the wrong shape… */
export interface BodyFault extends FaultScope {
  type: 'body';
  body: string;
  /** Default 'application/json'. */
  contentType?: string;
  /** Default 200. */
  status?: number;
}

/** Redirect (default 302) to `location`, e.g. to check that the client does not follow with the token. */
export interface RedirectFault extends FaultScope {
  type: 'redirect';
  location: string;
  status?: 301 | 302 | 303 | 307 | 308;
}

/** Any injectable fault. */
export type Fault =
  StatusFault | SlowFault | StallFault | TrickleFault | ResetFault | BodyFault | RedirectFault;

const DEFAULT_MESSAGES: Record<FaultStatus, string> = {
  401: 'Unauthorized',
  429: 'Too many requests, please try again later',
  500: 'Internal server error',
  502: 'MiniMax website is overloaded, please try again later',
  503: 'Service temporarily unavailable',
  504: 'MiniMax website did not respond in time, please try again later',
  596: 'has been placed on hold',
};

/**
 * The reply for a status fault at `nowMs` (epoch ms of the simulator clock).
 * @param firstAccount the account named by a 596 when the fault names none.
 */
export function statusFaultReply(fault: StatusFault, nowMs: number, firstAccount: string): SimReply {
  let message = fault.message ?? DEFAULT_MESSAGES[fault.status];
  if (fault.status === 596 && fault.message === undefined) {
    message = `Account ${fault.account ?? firstAccount} ${message}`;
  }
  const json: Record<string, unknown> = { error: message };
  if (fault.omitCode !== true) json.code = fault.status;
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) {
    headers['Retry-After'] =
      fault.retryAfterAs === 'date'
        ? new Date(nowMs + fault.retryAfterSeconds * 1000).toUTCString()
        : String(Math.max(0, Math.round(fault.retryAfterSeconds)));
  }
  return { status: fault.status, json, headers };
}

/** The active fault and its remaining count. */
export class FaultSwitch {
  private current: Fault | null = null;
  private remaining = Number.POSITIVE_INFINITY;

  /**
   * Sets the fault (replacing any other), or clears it with null.
   * @throws RangeError on a negative count or delay.
   */
  set(fault: Fault | null): void {
    if (fault !== null && fault.count !== undefined && !(fault.count >= 0)) {
      throw new RangeError(`fault count must be >= 0, got ${fault.count}`);
    }
    if (fault?.type === 'slow' && !(fault.delayMs >= 0)) {
      throw new RangeError(`slow fault delayMs must be >= 0, got ${fault.delayMs}`);
    }
    if (fault?.type === 'trickle' && !(fault.chunkBytes >= 1 && fault.intervalMs >= 0)) {
      throw new RangeError('trickle fault needs chunkBytes >= 1 and intervalMs >= 0');
    }
    this.current = fault;
    this.remaining = fault?.count ?? Number.POSITIVE_INFINITY;
    if (this.remaining === 0) this.current = null;
  }

  /** The fault in force, or null. */
  get active(): Fault | null {
    return this.current;
  }

  /**
   * The fault for a request to `route` (null for an unmatched path), counting it down; null when
   * none applies.
   */
  take(route: RouteName | null): Fault | null {
    const fault = this.current;
    if (fault === null) return null;
    if (fault.routes !== undefined && (route === null || !fault.routes.includes(route))) return null;
    this.remaining--;
    if (this.remaining <= 0) this.current = null;
    return fault;
  }
}

/**
 * Random-mode transient faults: for the `requestIndex`-th request (0-based) to GET /scheduler/,
 * about 4 % of requests get a 429, 502 or 504, with Retry-After as seconds or as an HTTP date in
 * turn. Deterministic for (seed, requestIndex).
 */
export function randomTransientFault(seed: number, requestIndex: number): StatusFault | null {
  const rng = mulberry32(mixSeed(seed, requestIndex, 0xfa17));
  if (rng() >= 0.04) return null;
  const roll = rng();
  const status: FaultStatus = roll < 0.5 ? 429 : roll < 0.75 ? 502 : 504;
  const fault: StatusFault = { type: 'status', status };
  if (status === 429 || rng() < 0.5) {
    fault.retryAfterSeconds = 5 + Math.floor(rng() * 26);
    fault.retryAfterAs = rng() < 0.5 ? 'seconds' : 'date';
  }
  return fault;
}
