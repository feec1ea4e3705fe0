// The README's "When the lists are read" table (section "Website jobs and jobs that finished while
// away") is what users read about the list requests: each row's numbers are read from the README
// and checked against what the reconcile policy decides, so the table and the code cannot drift.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { durationMs as ms, tableRow, tableRows } from './readme-table.ts';
import {
  DEFAULT_RECONCILE,
  reconcileRetryDelayMs,
  requestedReconcileDueMs,
  timedReconcileDueMs,
  type ReconcileReason,
} from '../../../main/core/scheduler/reconcile-policy.ts';

const NOW = Date.UTC(2026, 0, 1, 12);
const ROWS = tableRows('When the lists are read');
const row = (re: RegExp) => tableRow(ROWS, re);
const settings = DEFAULT_RECONCILE;

describe('README reconcile table = reconcile policy', () => {
  test('start, recovery, resume, a new client and Check now: at once', () => {
    assert.equal(row(/^start \(/).next, 'at once');
    const reasons: ReconcileReason[] = ['start', 'recovered', 'resume', 'new-client', 'check-now'];
    for (const reason of reasons) {
      assert.equal(requestedReconcileDueMs(settings, reason, NOW, NOW - 1_000), NOW, reason);
    }
  });

  test('a burst begins: the stated delay, and the stated gap after the previous reconcile', () => {
    const m = /^(.+) later, at least (.+) after the previous reconcile$/.exec(
      row(/jobs appear in an empty scheduler queue/).next,
    )!;
    const [delay, gap] = [ms(m[1]!), ms(m[2]!)];
    assert.equal(requestedReconcileDueMs(settings, 'queue-started', NOW, null), NOW + delay);
    assert.equal(requestedReconcileDueMs(settings, 'queue-started', NOW, NOW - 10_000), NOW - 10_000 + gap);
  });

  test('the queue empties: the stated delay, and the stated gap after the previous reconcile', () => {
    const m = /^(.+) later, at least (.+) after the previous reconcile$/.exec(
      row(/the scheduler queue empties/).next,
    )!;
    const [delay, gap] = [ms(m[1]!), ms(m[2]!)];
    assert.equal(requestedReconcileDueMs(settings, 'queue-emptied', NOW, null), NOW + delay);
    assert.equal(requestedReconcileDueMs(settings, 'queue-emptied', NOW, NOW - 10_000), NOW - 10_000 + gap);
  });

  test('recently active: the stated interval within the stated window; otherwise the idle one', () => {
    const recent = row(/a job of either source was seen within the last (.+)$/);
    const window = ms(recent.m[1]!);
    const active = ms(/^every (.+)$/.exec(recent.next)![1]!);
    const idle = ms(/^every (.+)$/.exec(row(/^otherwise$/).next)![1]!);
    const due = (lastActiveMs: number | null) =>
      timedReconcileDueMs(settings, { nowMs: NOW, lastFullMs: NOW, lastActiveMs }) - NOW;
    assert.equal(due(NOW - window + 60_000), active);
    assert.equal(due(NOW - window - 60_000), idle);
    assert.equal(due(null), idle, 'no job ever seen: the idle interval');
  });

  test('a running website job: its list re-read at the stated interval', () => {
    const every = ms(/every (.+)$/.exec(row(/a website job is running/).next)![1]!);
    assert.equal(settings.websiteRefreshMs, every);
  });

  test('a failed list request: the stated first wait, doubling, at most the stated cap', () => {
    const m = /^(.+), doubling per failure, at most (.+)$/.exec(row(/a list request failed/).next)!;
    const [first, cap] = [ms(m[1]!), ms(m[2]!)];
    assert.equal(reconcileRetryDelayMs(1), first);
    assert.equal(reconcileRetryDelayMs(2), 2 * first);
    assert.equal(reconcileRetryDelayMs(50), cap);
  });
});
