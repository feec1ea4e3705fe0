import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_RECONCILE,
  reconcileRetryDelayMs,
  requestedReconcileDueMs,
  resolveReconcileSettings,
  timedReconcileDueMs,
} from '../../../../main/core/scheduler/reconcile-policy.ts';
import { T0 } from '../fakes.ts';

const S = DEFAULT_RECONCILE;
const MIN = 60_000;

describe('reconcile policy', () => {
  test('the first reconcile is due at once; then the active or the idle interval', () => {
    assert.equal(timedReconcileDueMs(S, { nowMs: T0, lastFullMs: null, lastActiveMs: null }), T0);
    const active = { nowMs: T0 + MIN, lastFullMs: T0, lastActiveMs: T0 + 30_000 };
    assert.equal(timedReconcileDueMs(S, active), T0 + S.activeIntervalMs);
    const idle = { nowMs: T0 + 2 * S.recentWindowMs, lastFullMs: T0, lastActiveMs: T0 };
    assert.equal(timedReconcileDueMs(S, idle), T0 + S.idleIntervalMs);
    assert.ok(S.idleIntervalMs > S.activeIntervalMs);
  });

  test('asked-for reconciles run at once; a queue one (emptied, started) waits a little and keeps its gap', () => {
    assert.equal(requestedReconcileDueMs(S, 'recovered', T0, T0 - 1_000), T0);
    assert.equal(requestedReconcileDueMs(S, 'queue-emptied', T0, null), T0 + S.queueEmptiedDelayMs);
    assert.equal(requestedReconcileDueMs(S, 'queue-emptied', T0, T0 - 1_000), T0 - 1_000 + S.minGapMs);
    assert.equal(requestedReconcileDueMs(S, 'queue-started', T0, T0 - 10 * MIN), T0 + S.queueStartedDelayMs);
  });

  test('after failed list requests the wait doubles from 1 min up to 30 min', () => {
    assert.deepEqual([1, 2, 3, 10].map(reconcileRetryDelayMs), [MIN, 2 * MIN, 4 * MIN, 30 * MIN]);
  });

  test('bad settings fall back to the defaults; counts are whole numbers of at least 1', () => {
    const r = resolveReconcileSettings({ activeIntervalMs: -1, pageLimit: 2.7, maxPages: Number.NaN });
    assert.equal(r.activeIntervalMs, S.activeIntervalMs);
    assert.equal(r.pageLimit, 2);
    assert.equal(r.maxPages, S.maxPages);
  });
});
