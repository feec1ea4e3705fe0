/**
 * The account-directory requests of the monitor, one per scheduler run: GET /accounts (doc
 * get-minimax-accounts: the account ids the list reconcile reads, and the names the window shows)
 * and GET /scheduler/available (doc get-minimax-scheduler-available: capacity, window only).
 * Each emits one `accounts` event on success; a failure other than a 401 is recorded in the
 * directory, which then says when to try again.
 */
import type { AccountDirectory } from '../accounts/account-directory.ts';
import type { MonitorEvent } from '../types.ts';
import { iso, toApiError } from './monitor-events.ts';
import type { RunContext } from './run-context.ts';

/** What a detail request needs from the monitor running it. */
export interface DetailContext extends RunContext {
  readonly accounts: AccountDirectory;
}

/** GET /accounts: ids and names. @returns the events to emit and whether it succeeded. */
export function fetchAccounts(ctx: DetailContext): Promise<{ events: MonitorEvent[]; ok: boolean }> {
  return fetchDetail(
    ctx,
    'GET /accounts',
    async () => {
      const list = await ctx.api.listAccounts();
      return () => ctx.accounts.setAccounts(list, ctx.clock.now());
    },
    () => ctx.accounts.accountsFailed(ctx.clock.now()),
  );
}

/** GET /scheduler/available: per-account capacity (videos only). */
export function fetchCapacity(ctx: DetailContext): Promise<{ events: MonitorEvent[]; ok: boolean }> {
  return fetchDetail(
    ctx,
    'GET /scheduler/available',
    async () => {
      const answer = await ctx.api.schedulerAvailable();
      return () => ctx.accounts.setCapacity(answer.available, ctx.clock.now());
    },
    () => ctx.accounts.capacityFailed(ctx.clock.now()),
  );
}

/**
 * One account-directory request: `fetch` returns how to apply its answer; `failed` records a
 * failure other than a 401 (which holds the monitor).
 */
async function fetchDetail(
  ctx: DetailContext,
  what: string,
  fetch: () => Promise<() => void>,
  failed: () => void,
): Promise<{ events: MonitorEvent[]; ok: boolean }> {
  const events: MonitorEvent[] = [];
  ctx.countRequest();
  try {
    const apply = await fetch();
    if (ctx.stale()) return { events, ok: false };
    apply();
    events.push({ type: 'accounts', at: iso(ctx.clock.now()), ...ctx.accounts.view() });
    return { events, ok: true };
  } catch (e) {
    if (ctx.stale()) return { events, ok: false };
    const err = toApiError(e);
    if (err.reason === 'unauthorized') ctx.unauthorized(err);
    else {
      if (err.retryAtMs !== null) ctx.setNotBefore(err.retryAtMs);
      failed();
      ctx.logger.info(`monitor: ${what} failed (${err.reason}); will retry later`);
    }
    return { events, ok: false };
  }
}
