/**
 * What one item of an account's list (GET /videos/, GET /images/) means for the monitor, decided
 * from what the monitor already knows of its id and from the list's baseline. Pure: the tracker
 * applies the decision.
 *
 * | the monitor knows the id as…          | item running            | item final                         |
 * |---------------------------------------|-------------------------|------------------------------------|
 * | running in the scheduler (`api`)      | nothing                 | keep the status for when it leaves |
 * | left the scheduler, awaiting a result | nothing (its re-checks) | resolve it with this status        |
 * | a running website job                 | seen again              | resolve it with this status        |
 * | announced (or stopped tracking)       | nothing                 | nothing                            |
 * | unknown, first reconcile (no baseline)| started (website)       | history: recorded, never announced |
 * | unknown, new against the baseline     | started (website)       | finished only (no job-started)     |
 * | unknown, not new                      | started (website)       | nothing (older than the ledger)    |
 *
 * A running item is never history: with a new ledger, running jobs count as started, as running
 * scheduler jobs do. "Resolve" decides the outcome exactly as for a GET /videos/{id} answer.
 */
import type { ListBaseline } from '../ledger/ledger.ts';
import type { ListedJob } from '../types.ts';
import { isNewListItem } from './baselines.ts';

/** What the monitor knows of a listed id. */
export type KnownAs = 'scheduler' | 'pending' | 'website' | 'announced' | 'unknown';

/** What to do with one list item (see the module's table). */
export type ListDecision =
  'ignore' | 'note-final' | 'resolve' | 'seen-running' | 'start' | 'finish-new' | 'history';

/**
 * The decision for `item`, known to the monitor as `known`, against `baseline` (the list's
 * baseline as it was when this reconcile began reading it; null for the first reconcile).
 */
export function decideListItem(known: KnownAs, item: ListedJob, baseline: ListBaseline | null): ListDecision {
  const final = item.status.final;
  switch (known) {
    case 'scheduler':
      return final ? 'note-final' : 'ignore';
    case 'pending':
      return final ? 'resolve' : 'ignore';
    case 'website':
      return final ? 'resolve' : 'seen-running';
    case 'announced':
      return 'ignore';
    case 'unknown':
      if (!final) return 'start';
      if (baseline === null) return 'history';
      return isNewListItem(baseline, item) ? 'finish-new' : 'ignore';
  }
}
