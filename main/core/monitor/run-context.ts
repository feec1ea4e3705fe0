/**
 * What every request a monitor run sends needs from the monitor: the client of the run, time,
 * the log, and the hooks that keep the Retry-After floor, the request count and a 401 in one
 * place. Built by the monitor for each run; the run modules (status-checks.ts, detail-runs.ts,
 * list-runs.ts) extend it with what they need besides.
 */
import type { MinimaxApi } from '../api/api.ts';
import type { ApiError } from '../api/errors.ts';
import type { Clock, Logger } from '../types.ts';

/** The common part of every run's context. */
export interface RunContext {
  /** The client of this run. */
  readonly api: MinimaxApi;
  readonly clock: Clock;
  readonly logger: Logger;
  /** True once the answers of this run must be dropped (new client, 401, stopping). */
  stale(): boolean;
  /** The Retry-After floor while in the future (epoch ms), else null. */
  notBefore(): number | null;
  /** Raise the Retry-After floor (epoch ms). */
  setNotBefore(atMs: number): void;
  /** One more request was sent. */
  countRequest(): void;
  /** The API answered 401: hold the monitor and report it. */
  unauthorized(err: ApiError): void;
}
