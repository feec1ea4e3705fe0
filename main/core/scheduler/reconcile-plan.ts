/**
 * The progress of one reconcile, as a small pure state object: which account lists are still to
 * read, where the current one continues, and how far its baseline moves. The monitor runs one
 * request per scheduler run and asks this what comes next, so a reconcile of many accounts and
 * pages is a sequence of short runs: a queued user action or the poll is never stuck behind it.
 *
 * One account's list of one kind is read page by page (`limit` items, the next page starting
 * after the last item's id) until a page holds an item the baseline already covers, a page comes
 * back short, or `maxPages` were read. A list never reconciled before (no baseline) is read one
 * page deep: what it holds is history. When a list is done, its baseline advances to the newest
 * item seen.
 */
import { advanceBaseline, pageReachesBaseline, type ListBaseline } from '../jobs/baselines.ts';
import type { ListTarget } from '../jobs/website-jobs.ts';
import type { JobKind, ListedJob } from '../types.ts';
import type { ReconcileReason } from './reconcile-policy.ts';

/** The kinds of list per account, in reading order. */
export const LIST_KINDS: readonly JobKind[] = ['video', 'image'];

/** The account list being read. */
export interface CurrentList {
  target: ListTarget;
  /** The baseline when its first page was asked for (newness is judged against it); null: first. */
  baseline: ListBaseline | null;
  pages: number;
  /** The full id of the last item of the last page read, or null before the first page. */
  lastId: string | null;
  /** The baseline once this list is done, so far (null before the first page). */
  advanced: ListBaseline | null;
}

/** One reconcile in progress. */
export interface ReconcilePlan {
  /** `full`: every account; `refresh`: only the lists holding a running website job. */
  scope: 'full' | 'refresh';
  reason: ReconcileReason | 'website-running';
  /** Full scope: the account ids are still to come from GET /accounts. */
  needsAccounts: boolean;
  /** Lists not started yet, in order. */
  queue: ListTarget[];
  current: CurrentList | null;
  /** When it began (epoch ms). */
  startedMs: number;
}

/** A page to ask for next. */
export interface PageRequest {
  target: ListTarget;
  /** Continue after this full id; null for the first page. */
  lastId: string | null;
  /** Judge the items against this (null: the list's first reconcile, history). */
  baseline: ListBaseline | null;
}

/** Every list of `accounts`: videos and images of each, in account order. */
export function listsOf(accounts: readonly string[]): ListTarget[] {
  return accounts.flatMap((account) => LIST_KINDS.map((kind) => ({ account, kind })));
}

/**
 * A full reconcile. `accounts` are the account ids when known and fresh; null when GET /accounts
 * must come first ({@link withAccounts}).
 */
export function fullPlan(
  reason: ReconcileReason,
  accounts: readonly string[] | null,
  nowMs: number,
): ReconcilePlan {
  return {
    scope: 'full',
    reason,
    needsAccounts: accounts === null,
    queue: accounts === null ? [] : listsOf(accounts),
    current: null,
    startedMs: nowMs,
  };
}

/** A refresh of the lists holding running website jobs. */
export function refreshPlan(targets: readonly ListTarget[], nowMs: number): ReconcilePlan {
  return {
    scope: 'refresh',
    reason: 'website-running',
    needsAccounts: false,
    queue: targets.map((t) => ({ ...t })),
    current: null,
    startedMs: nowMs,
  };
}

/** GET /accounts answered (or failed with these ids still known): the lists to read. */
export function withAccounts(plan: ReconcilePlan, accounts: readonly string[]): ReconcilePlan {
  return { ...plan, needsAccounts: false, queue: [...plan.queue, ...listsOf(accounts)] };
}

/**
 * The next page to ask for, starting the next list when none is being read (`baselineOf` gives
 * its baseline then). Null page when the plan is done (or still waits for the accounts).
 */
export function nextPage(
  plan: ReconcilePlan,
  baselineOf: (target: ListTarget) => ListBaseline | null,
): { plan: ReconcilePlan; page: PageRequest | null } {
  if (plan.needsAccounts) return { plan, page: null };
  let current = plan.current;
  let queue = plan.queue;
  if (current === null) {
    const [target, ...rest] = queue;
    if (target === undefined) return { plan, page: null };
    queue = rest;
    current = { target, baseline: baselineOf(target), pages: 0, lastId: null, advanced: null };
  }
  const next = { ...plan, queue, current };
  return { plan: next, page: { target: current.target, lastId: current.lastId, baseline: current.baseline } };
}

/**
 * A page of the current list arrived (`items`, in the API's order).
 * @returns the plan, and the list's new baseline when this page finished it (else null).
 */
export function afterPage(
  plan: ReconcilePlan,
  items: readonly ListedJob[],
  bounds: { pageLimit: number; maxPages: number },
  nowMs: number,
): { plan: ReconcilePlan; done: ListBaseline | null } {
  const current = plan.current;
  if (current === null) return { plan, done: null };
  const advanced = advanceBaseline(current.advanced ?? current.baseline, current.target, items, nowMs);
  const pages = current.pages + 1;
  const last = items.at(-1);
  const more =
    current.baseline !== null &&
    last !== undefined &&
    items.length >= bounds.pageLimit &&
    pages < bounds.maxPages &&
    !pageReachesBaseline(items, current.baseline);
  if (more)
    return { plan: { ...plan, current: { ...current, pages, lastId: last.id, advanced } }, done: null };
  return { plan: { ...plan, current: null }, done: advanced };
}

/** Give up the current list (its account answered 404, 400 or 596): go on with the next. */
export function skipList(plan: ReconcilePlan): ReconcilePlan {
  return { ...plan, current: null };
}

/** True when nothing is left to read. */
export function planDone(plan: ReconcilePlan): boolean {
  return !plan.needsAccounts && plan.current === null && plan.queue.length === 0;
}
