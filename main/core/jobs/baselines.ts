/**
 * List baselines: how the monitor tells a new item of an account's list (GET /videos/, GET
 * /images/) from history, and when paging can stop. Pure functions over {@link ListBaseline}.
 *
 * An item the monitor has not seen is **new** when it lies beyond the baseline of its account and
 * kind:
 * - **videos** carry no documented timestamp, so newness relies on MiniMax handing out
 *   **increasing numeric ids**: a video is new when its MiniMax-side id (the digits after
 *   `video:`) is above the highest id the baseline saw. An id that is not all digits cannot be
 *   placed and is never new (history is never announced);
 * - **images** are new when their `createTime` is after the newest one the baseline saw; at that
 *   very `createTime` (a batch of images shares one) only when their numeric id is above the
 *   baseline's highest, or when ids cannot be compared. Without a `createTime` on either side,
 *   the id rule of videos applies.
 * A baseline that saw an empty list makes every later item new.
 *
 * The id tie-break matters because the announced-id memory forgets (30 days, 2 000 ids) while a
 * baseline read now and then stays: without it, an account's newest image (when no newer came)
 * was announced again once its id was forgotten, and a history image announced at all.
 */
import type { ListBaseline } from '../ledger/ledger.ts';
import type { JobKind, ListedJob } from '../types.ts';

export type { ListBaseline };

const DIGITS = /^\d+$/;

/**
 * Compares two MiniMax-side ids as whole numbers of any length (no precision loss, no BigInt):
 * negative, 0 or positive like a sort comparator; null when either is not all digits.
 */
export function compareNumericIds(a: string, b: string): number | null {
  if (!DIGITS.test(a) || !DIGITS.test(b)) return null;
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Where `item` lies against `baseline`: positive beyond it (new), 0 or negative within it; null
 * when it cannot be placed (an id that is not numeric, without a usable `createTime`). An image at
 * the baseline's newest `createTime` is placed by its id, and counts as beyond it when the ids
 * cannot be compared (a batch shares one `createTime`).
 */
function placement(item: ListedJob, baseline: ListBaseline): number | null {
  if (item.kind === 'image' && item.createdMs !== null && baseline.newestCreateMs !== null) {
    const byTime = item.createdMs - baseline.newestCreateMs;
    if (byTime !== 0) return byTime;
    return (baseline.highestId === null ? null : compareNumericIds(item.localId, baseline.highestId)) ?? 1;
  }
  if (baseline.highestId === null) return baseline.newestCreateMs === null ? 1 : null;
  return compareNumericIds(item.localId, baseline.highestId);
}

/** True when `item`, not seen before, is new against `baseline` (see the module docs). */
export function isNewListItem(baseline: ListBaseline, item: ListedJob): boolean {
  const p = placement(item, baseline);
  return p !== null && p > 0;
}

/**
 * True when the page holds an item the baseline already covers (or one that cannot be placed):
 * the pages after it are older still, so paging stops. False with no baseline (the first
 * reconcile reads one page only; the caller stops it).
 */
export function pageReachesBaseline(items: readonly ListedJob[], baseline: ListBaseline | null): boolean {
  if (baseline === null) return false;
  return items.some((item) => {
    const p = placement(item, baseline);
    return p === null || p <= 0;
  });
}

/**
 * The baseline after a reconcile of one account and kind saw `items` (every page it read):
 * the highest numeric id and the newest `createTime` among them and the old baseline, dated `nowMs`.
 */
export function advanceBaseline(
  previous: ListBaseline | null,
  target: { account: string; kind: JobKind },
  items: readonly ListedJob[],
  nowMs: number,
): ListBaseline {
  let highestId = previous?.highestId ?? null;
  let newestCreateMs = previous?.newestCreateMs ?? null;
  for (const item of items) {
    if (
      DIGITS.test(item.localId) &&
      (highestId === null || (compareNumericIds(item.localId, highestId) ?? 0) > 0)
    ) {
      highestId = item.localId;
    }
    if (item.createdMs !== null && (newestCreateMs === null || item.createdMs > newestCreateMs)) {
      newestCreateMs = item.createdMs;
    }
  }
  return { account: target.account, kind: target.kind, highestId, newestCreateMs, updatedMs: nowMs };
}
