/**
 * Typed API failures. Every failure of a {@link import('./api.ts').MinimaxApi} call is an ApiError
 * with one {@link ErrorReason}; see types.ts for the HTTP → reason table.
 */
import type { ErrorReason } from '../types.ts';

/** A failed API call, classified. Messages never contain the token. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** Classified reason (see {@link ErrorReason}). */
  readonly reason: ErrorReason;
  /** HTTP status, or null when no response arrived (network, timeout). */
  readonly status: number | null;
  /** MiniMax account concerned (596 account-on-hold), when known. */
  readonly account: string | null;
  /** Earliest epoch ms at which a retry is allowed (from Retry-After), or null. */
  readonly retryAtMs: number | null;

  constructor(
    reason: ErrorReason,
    message: string,
    opts: {
      status?: number | null;
      account?: string | null;
      retryAtMs?: number | null;
      cause?: unknown;
    } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.reason = reason;
    this.status = opts.status ?? null;
    this.account = opts.account ?? null;
    this.retryAtMs = opts.retryAtMs ?? null;
  }
}

/** True when `e` is an {@link ApiError}. */
export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
