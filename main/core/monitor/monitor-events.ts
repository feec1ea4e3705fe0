/**
 * Small helpers the monitor uses to turn client failures into {@link MonitorEvent}s.
 */
import { ApiError, isApiError } from '../api/errors.ts';
import type { MonitorErrorEvent } from '../types.ts';

/** ISO-8601 of an epoch-ms instant. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The message of an error, or its string form. */
export function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Anything thrown by the client that is not an ApiError is a bug; classify it without echoing it. */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  return new ApiError('bad-response', 'The API client failed unexpectedly', { cause: e });
}

/** The `error` event for `err` at `nowMs`, with the next attempt due at `retryAtMs` (or null). */
export function errorEvent(err: ApiError, nowMs: number, retryAtMs: number | null): MonitorErrorEvent {
  return {
    type: 'error',
    at: iso(nowMs),
    reason: err.reason,
    message: err.message,
    status: err.status,
    account: err.account,
    retryAtMs,
  };
}
