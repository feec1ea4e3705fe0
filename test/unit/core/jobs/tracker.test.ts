import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { JobTracker } from '../../../../main/core/jobs/tracker.ts';
import { HISTORY_MAX_ENTRIES } from '../../../../main/core/ledger/ledger.ts';
import { T0, job, status, succeeded } from '../fakes.ts';

const RECHECK = { intervalMs: 5_000, maxChecks: 4, maxAgeMs: 600_000 };

describe('JobTracker', () => {
  test('new ids are started once; a vanished id becomes due for a check at once', () => {
    const t = new JobTracker(undefined, RECHECK);
    const a = job('a');
    const b = job('b');
    assert.deepEqual(t.applySnapshot([a, b], T0).started, [a, b]);
    assert.deepEqual(t.applySnapshot([a, b], T0 + 5_000).started, []);
    const diff = t.applySnapshot([b], T0 + 10_000);
    assert.deepEqual(diff.vanished, [a.id]);
    assert.deepEqual(t.dueChecks(T0 + 10_000), [a.id]);
    assert.deepEqual(
      t.running().map((j) => j.id),
      [b.id],
    );
  });

  test('a job still listed takes the latest report, keeps its first sighting, and a saved state does not change', () => {
    const t = new JobTracker(undefined, RECHECK);
    const a = job('a', 'video', T0 - 60_000);
    const b = job('b', 'image', null);
    t.applySnapshot([a, b], T0);
    const saved = t.toState();
    const a2 = { ...a, startedMs: null, reportedElapsedMs: 65_000 };
    const a3 = { ...a, reportedElapsedMs: 1_000 };
    const diff = t.applySnapshot([b, a2, a3, b], T0 + 5_000);
    assert.deepEqual(
      diff,
      { started: [], vanished: [], returned: [], confirmedWebsite: [] },
      'repeated ids count once',
    );
    assert.deepEqual(t.running(), [b, a2], 'scheduler order, first occurrence wins');
    const recA = t.toState().running.find((r) => r.job.id === a.id);
    assert.deepEqual(recA, {
      job: a2,
      firstSeenMs: T0,
      lastSeenMs: T0 + 5_000,
      estimatedStartMs: T0 - 60_000, // a report without `started` keeps the earlier start
      cancelled: false,
      silent: false,
    });
    assert.deepEqual(
      saved.running.map((r) => [r.job, r.lastSeenMs]),
      [
        [a, T0],
        [b, T0],
      ],
      'the state saved before the poll is untouched',
    );
    assert.deepEqual(t.applySnapshot([a3], T0 + 10_000).vanished, [b.id]);
    // The same jobs in the same order again: still the latest report and the last sighting.
    const a4 = { ...a, startedMs: null, reportedElapsedMs: 75_000 };
    assert.deepEqual(t.applySnapshot([a4], T0 + 15_000), {
      started: [],
      vanished: [],
      returned: [],
      confirmedWebsite: [],
    });
    assert.deepEqual(t.running(), [a4]);
    assert.deepEqual(
      t.toState().running.map((r) => [r.job, r.firstSeenMs, r.lastSeenMs, r.estimatedStartMs]),
      [[a4, T0, T0 + 15_000, T0 - 60_000]],
    );
    assert.equal(t.lastActiveMs, T0 + 15_000);
  });

  test('final status → outcome with result, cover, prompt, status; duration uses the midpoint of the poll gap', () => {
    const t = new JobTracker(undefined, RECHECK);
    const a = job('a', 'video', T0);
    t.applySnapshot([a], T0 + 1_000);
    t.applySnapshot([a], T0 + 100_000); // last seen running
    t.applySnapshot([], T0 + 110_000); // first seen gone
    const s = succeeded(a.id, { message: 'done' });
    const f = t.resolveWithStatus(a.id, s, T0 + 111_000);
    assert.ok(f);
    assert.equal(f.outcome, 'succeeded');
    assert.equal(f.resultUrl, s.resultUrl);
    assert.equal(f.coverUrl, s.coverUrl);
    assert.equal(f.prompt, 'a cat surfing');
    assert.equal(f.status, 2);
    assert.equal(f.statusLabel, 'completed');
    assert.equal(f.message, 'done');
    assert.equal(f.durationMs, 105_000);
    assert.equal(f.finishedAtMs, T0 + 111_000);
    assert.deepEqual(t.pendingIds(), []);
    assert.equal(t.history()[0]?.id, a.id);
  });

  test('start estimated from the reported elapsed time when `started` is missing', () => {
    const t = new JobTracker(undefined, RECHECK);
    const a = { ...job('a', 'video', null), reportedElapsedMs: 30_000 };
    t.applySnapshot([a], T0);
    t.applySnapshot([], T0 + 10_000);
    const f = t.resolveWithStatus(a.id, succeeded(a.id), T0 + 10_000);
    assert.equal(f?.durationMs, 35_000);
    const noStart = new JobTracker(undefined, RECHECK);
    const b = job('b', 'video', null);
    noStart.applySnapshot([b], T0);
    noStart.applySnapshot([], T0 + 10_000);
    assert.equal(noStart.resolveWithStatus(b.id, succeeded(b.id), T0 + 10_000)?.durationMs, null);
  });

  test('not final → re-checks at the base interval, then gives up as unknown at maxChecks', () => {
    const t = new JobTracker(undefined, RECHECK);
    const a = job('a');
    t.applySnapshot([a], T0);
    t.applySnapshot([], T0 + 5_000);
    let now = T0 + 5_000;
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      assert.equal(t.resolveWithStatus(a.id, status(a.id, { message: 'still rendering' }), now), null);
      const next = t.nextCheckDueMs();
      assert.ok(next !== null);
      waits.push(next - now);
      now = next;
    }
    assert.deepEqual(waits, [5_000, 5_000, 5_000]);
    const f = t.resolveWithStatus(a.id, status(a.id, { message: 'still rendering' }), now);
    assert.equal(f?.outcome, 'unknown');
    assert.equal(f?.message, 'still rendering');
    assert.equal(f?.resultUrl, null);
  });

  test('gives up at maxAgeMs only after a check, and transient errors count against the bound', () => {
    const t = new JobTracker(undefined, { intervalMs: 5_000, maxChecks: 100, maxAgeMs: 60_000 });
    const a = job('a');
    t.applySnapshot([a], T0);
    t.applySnapshot([], T0);
    assert.equal(t.checkFailed(a.id, T0 + 1_000, T0 + 30_000), null);
    assert.equal(t.nextCheckDueMs(), T0 + 30_000, 'Retry-After respected');
    assert.equal(t.checkFailed(a.id, T0 + 59_999, null), null);
    assert.equal(t.checkFailed(a.id, T0 + 60_000, null)?.outcome, 'unknown');
  });

  test('a job that reappears after vanishing is not started again', () => {
    const t = new JobTracker(undefined, RECHECK);
    const a = job('a');
    t.applySnapshot([a], T0);
    t.applySnapshot([], T0 + 5_000);
    const back = t.applySnapshot([a], T0 + 10_000);
    assert.deepEqual(back.started, []);
    assert.deepEqual(back.returned, [a.id]);
    assert.deepEqual(t.pendingIds(), []);
    // And a job already announced that a flaky list shows again stays silent for good.
    t.applySnapshot([], T0 + 15_000);
    assert.ok(t.resolveWithStatus(a.id, succeeded(a.id), T0 + 15_000));
    assert.deepEqual(t.applySnapshot([a], T0 + 20_000).started, []);
    assert.deepEqual(t.applySnapshot([], T0 + 25_000).vanished, [], 'no second resolution');
  });

  test('cancelled: outcome cancelled unless it actually succeeded', () => {
    const t = new JobTracker(undefined, RECHECK);
    const [a, b] = [job('a'), job('b')];
    t.applySnapshot([a, b], T0);
    assert.equal(t.markCancelled(a.id), true);
    assert.equal(t.markCancelled(b.id), true);
    assert.equal(t.markCancelled('nope'), false);
    t.applySnapshot([], T0 + 5_000);
    const failed = status(a.id, { final: true, outcome: 'failed', status: 3, statusLabel: 'failed' });
    assert.equal(t.resolveWithStatus(a.id, failed, T0 + 5_000)?.outcome, 'cancelled');
    assert.equal(t.resolveWithStatus(b.id, succeeded(b.id), T0 + 5_000)?.outcome, 'succeeded');
  });

  test('forget drops a job with no outcome, even if a late list shows it again', () => {
    const t = new JobTracker(undefined, RECHECK);
    const a = job('a');
    t.applySnapshot([a], T0);
    t.stopTracking(a.id, T0 + 1_000);
    assert.deepEqual(t.running(), []);
    assert.deepEqual(t.applySnapshot([a], T0 + 5_000).started, []);
    assert.deepEqual(t.applySnapshot([], T0 + 10_000).vanished, []);
    assert.deepEqual(t.history(), []);
  });

  test('state survives a round trip through toState (restart)', () => {
    const t = new JobTracker(undefined, RECHECK);
    const [a, b] = [job('a'), job('b')];
    t.applySnapshot([a, b], T0);
    t.applySnapshot([b], T0 + 5_000);
    t.resolveWithStatus(a.id, succeeded(a.id), T0 + 5_000);
    const again = new JobTracker(t.toState(), RECHECK);
    assert.deepEqual(again.applySnapshot([b, a], T0 + 10_000).started, [], 'b is known, a was announced');
    assert.deepEqual(again.applySnapshot([], T0 + 15_000).vanished, [b.id]);
    assert.equal(again.lastActiveMs, T0 + 10_000);
  });

  test('history stays bounded as jobs finish', () => {
    const t = new JobTracker(undefined, { ...RECHECK, maxChecks: 1 });
    for (let i = 0; i < HISTORY_MAX_ENTRIES + 20; i++) {
      const j = job(String(i));
      t.applySnapshot([j], T0 + i * 10);
      t.applySnapshot([], T0 + i * 10 + 5);
      t.resolveWithStatus(j.id, succeeded(j.id), T0 + i * 10 + 5);
    }
    const h = t.history();
    assert.equal(h.length, HISTORY_MAX_ENTRIES);
    assert.equal(h[0]?.id, job(String(HISTORY_MAX_ENTRIES + 19)).id, 'newest first');
  });
});
