/**
 * When a cached answer is due again: a time to live after a success, a shorter wait after a
 * failure. Used for the account names (GET /accounts) and capacity (GET /scheduler/available).
 */

/** The refresh state of one cached answer. Instants are epoch ms. */
export class Freshness {
  private readonly ttlMs: number;
  private readonly retryMs: number;
  private fetchedMs: number | null = null;
  private failedMs: number | null = null;

  /**
   * @param ttlMs how long a successful answer is used before it is fetched again.
   * @param retryMs how long to wait after a failure before trying again.
   */
  constructor(ttlMs: number, retryMs: number) {
    this.ttlMs = ttlMs;
    this.retryMs = retryMs;
  }

  /** When the answer should be fetched next (epoch ms); `nowMs` when it never was. */
  dueMs(nowMs: number): number {
    if (this.failedMs !== null) return this.failedMs + this.retryMs;
    if (this.fetchedMs !== null) return this.fetchedMs + this.ttlMs;
    return nowMs;
  }

  /** An answer arrived at `nowMs`. */
  succeeded(nowMs: number): void {
    this.fetchedMs = nowMs;
    this.failedMs = null;
  }

  /** A fetch failed at `nowMs`. */
  failed(nowMs: number): void {
    this.failedMs = nowMs;
  }

  /** Forget everything (the token or the API base changed). */
  reset(): void {
    this.fetchedMs = null;
    this.failedMs = null;
  }
}
