/**
 * What the monitor knows about the user's MiniMax accounts: their ids and names (GET /accounts,
 * doc get-minimax-accounts) and their capacity (GET /scheduler/available, doc
 * get-minimax-scheduler-available; it counts videos only). The monitor's scheduler fetches both,
 * on the keys {@link ACCOUNTS_KEY} and {@link CAPACITY_KEY}, when {@link AccountDirectory} says
 * they are due; nothing here sends a request.
 *
 * One GET /accounts answer serves both its users, within {@link ACCOUNTS_TTL_MS}: the window
 * (names, while it is open) and the list reconcile (the ids of the accounts whose lists it reads,
 * at most one GET /accounts per reconcile).
 */
import type { AccountCapacity, AccountInfo } from '../types.ts';
import { Freshness } from './freshness.ts';

/** Scheduler key: the next GET /accounts. */
export const ACCOUNTS_KEY = 'accounts';
/** Scheduler key: the next GET /scheduler/available. */
export const CAPACITY_KEY = 'capacity';

/** Account names are reused for 1 h. */
export const ACCOUNTS_TTL_MS = 3_600_000;
/** After a failed GET /accounts, wait 5 min. */
export const ACCOUNTS_RETRY_MS = 300_000;
/** Capacity is fetched again at most every 15 s (after a poll, while wanted). */
export const CAPACITY_TTL_MS = 15_000;
/** After a failed GET /scheduler/available, wait 1 min. */
export const CAPACITY_RETRY_MS = 60_000;

/** A copy of what the directory holds, for snapshots. */
export interface AccountsView {
  /** Account id → `jwt.user.name`, for accounts that have one. */
  names: Record<string, string>;
  /** Per-account capacity from the last GET /scheduler/available, in the API's order. */
  capacity: AccountCapacity[];
}

/** Names and capacity of the accounts, with when each is due again. */
export class AccountDirectory {
  private readonly names = new Map<string, string>();
  /** The accounts the last GET /accounts listed (usable: without an `error`), or null before any answer. */
  private listed: { account: string; usable: boolean }[] | null = null;
  private capacity: AccountCapacity[] = [];
  private readonly accountsFreshness = new Freshness(ACCOUNTS_TTL_MS, ACCOUNTS_RETRY_MS);
  private readonly capacityFreshness = new Freshness(CAPACITY_TTL_MS, CAPACITY_RETRY_MS);

  /** The name of `account`, or null when unknown. */
  nameOf(account: string): string | null {
    return this.names.get(account) ?? null;
  }

  /** When GET /accounts is due (epoch ms). */
  accountsDueMs(nowMs: number): number {
    return this.accountsFreshness.dueMs(nowMs);
  }

  /**
   * The ids of the usable accounts (those GET /accounts lists without an `error`), in the API's
   * order; null when GET /accounts never answered (with this client).
   */
  accountIds(): string[] | null {
    return this.listed?.filter((a) => a.usable).map((a) => a.account) ?? null;
  }

  /**
   * The ids of every account the last GET /accounts listed, broken ones too, in the API's order;
   * null when GET /accounts never answered (with this client).
   */
  listedIds(): string[] | null {
    return this.listed?.map((a) => a.account) ?? null;
  }

  /** True when the last GET /accounts answer is still within its time to live at `nowMs`. */
  accountsFresh(nowMs: number): boolean {
    return this.listed !== null && this.accountsFreshness.dueMs(nowMs) > nowMs;
  }

  /** When GET /scheduler/available is due (epoch ms). */
  capacityDueMs(nowMs: number): number {
    return this.capacityFreshness.dueMs(nowMs);
  }

  /** GET /accounts answered at `nowMs`: replaces every name. */
  setAccounts(accounts: readonly AccountInfo[], nowMs: number): void {
    this.names.clear();
    for (const a of accounts) if (a.name) this.names.set(a.account, a.name);
    this.listed = accounts.map((a) => ({ account: a.account, usable: a.error === null }));
    this.accountsFreshness.succeeded(nowMs);
  }

  /** GET /accounts failed at `nowMs`: names are kept, the next try waits. */
  accountsFailed(nowMs: number): void {
    this.accountsFreshness.failed(nowMs);
  }

  /** GET /scheduler/available answered at `nowMs`. */
  setCapacity(capacity: readonly AccountCapacity[], nowMs: number): void {
    this.capacity = capacity.map((c) => ({ ...c }));
    this.capacityFreshness.succeeded(nowMs);
  }

  /** GET /scheduler/available failed at `nowMs`: the last capacity is kept, the next try waits. */
  capacityFailed(nowMs: number): void {
    this.capacityFreshness.failed(nowMs);
  }

  /** The user asked for a check ("Check now"): capacity is due again with the next poll. */
  capacityWanted(): void {
    this.capacityFreshness.reset();
  }

  /** Forget ids, names and capacity (another token or API base: other accounts). */
  reset(): void {
    this.names.clear();
    this.listed = null;
    this.capacity = [];
    this.accountsFreshness.reset();
    this.capacityFreshness.reset();
  }

  /** Copies for a snapshot. */
  view(): AccountsView {
    return { names: Object.fromEntries(this.names), capacity: this.capacity.map((c) => ({ ...c })) };
  }
}
