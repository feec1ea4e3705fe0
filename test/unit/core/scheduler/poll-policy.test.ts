import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_POLLING,
  MIN_BACKOFF_DELAY_MS,
  MIN_POLL_INTERVAL_MS,
  NEW_JOB_BURST_WINDOW_MS,
  RECHECK_MAX_INTERVAL_MS,
  demoPolling,
  backoffDelayMs,
  nextPollDecision,
  recheckDelayMs,
  resolvePollingSettings,
  retryDelayMs,
  type PollPolicyState,
} from '../../../../main/core/scheduler/poll-policy.ts';

const NOW = Date.UTC(2026, 0, 1, 12);
const S = DEFAULT_POLLING;

function state(p: Partial<PollPolicyState> = {}): PollPolicyState {
  return { nowMs: NOW, running: [], lastNewJobMs: null, lastActiveMs: null, ...p };
}

describe('adaptive poll interval', () => {
  test('idle: nothing ever ran → idleIntervalMs', () => {
    assert.deepEqual(nextPollDecision(S, state()), { delayMs: S.idleIntervalMs, regime: 'idle' });
  });

  test('recent idle within the window, idle after it', () => {
    const recent = state({ lastActiveMs: NOW - S.recentWindowMs + 1 });
    assert.deepEqual(nextPollDecision(S, recent), { delayMs: S.recentIdleIntervalMs, regime: 'recent-idle' });
    const old = state({ lastActiveMs: NOW - S.recentWindowMs });
    assert.equal(nextPollDecision(S, old).regime, 'idle');
  });

  test('a video older than its minimum expected duration → active', () => {
    const s = state({
      running: [{ kind: 'video', estimatedStartMs: NOW - S.minExpectedDurationMs.video - 1 }],
      lastActiveMs: NOW,
    });
    assert.deepEqual(nextPollDecision(S, s), { delayMs: S.activeIntervalMs, regime: 'active' });
  });

  test('unknown start counts as "may finish any moment" → active', () => {
    const s = state({ running: [{ kind: 'video', estimatedStartMs: null }], lastActiveMs: NOW });
    assert.equal(nextPollDecision(S, s).regime, 'active');
  });

  test('young jobs: wait until the earliest could finish, capped by warmupIntervalMs', () => {
    // Video 10 s old: 50 s to go → capped at 15 s.
    const capped = state({ running: [{ kind: 'video', estimatedStartMs: NOW - 10_000 }] });
    assert.deepEqual(nextPollDecision(S, capped), { delayMs: S.warmupIntervalMs, regime: 'warmup' });
    // Video 50 s old (10 s to go) and image 1 s old (9 s to go) → 9 s.
    const mixed = state({
      running: [
        { kind: 'video', estimatedStartMs: NOW - 50_000 },
        { kind: 'image', estimatedStartMs: NOW - 1_000 },
      ],
    });
    assert.deepEqual(nextPollDecision(S, mixed), { delayMs: 9_000, regime: 'warmup' });
    // Image 8 s old (2 s to go): never faster than activeIntervalMs.
    const almost = state({ running: [{ kind: 'image', estimatedStartMs: NOW - 8_000 }] });
    assert.equal(nextPollDecision(S, almost).delayMs, S.activeIntervalMs);
  });

  test('burst: for 60 s after a new job appears, poll at activeIntervalMs even if jobs are young', () => {
    const young = [{ kind: 'video' as const, estimatedStartMs: NOW - 1_000 }];
    const inBurst = state({ running: young, lastNewJobMs: NOW - NEW_JOB_BURST_WINDOW_MS + 1 });
    assert.deepEqual(nextPollDecision(S, inBurst), { delayMs: S.activeIntervalMs, regime: 'burst' });
    const after = state({ running: young, lastNewJobMs: NOW - NEW_JOB_BURST_WINDOW_MS });
    assert.equal(nextPollDecision(S, after).regime, 'warmup');
  });

  test('an unexpected kind never yields a non-finite delay', () => {
    const s = state({ running: [{ kind: 'audio' as 'video', estimatedStartMs: NOW - 1_000 }] });
    assert.deepEqual(nextPollDecision(S, s), { delayMs: S.activeIntervalMs, regime: 'active' });
  });

  test('fixed mode ignores job state', () => {
    const fixed = resolvePollingSettings({ mode: 'fixed', fixedIntervalMs: 45_000 });
    const busy = state({ running: [{ kind: 'video', estimatedStartMs: null }], lastNewJobMs: NOW });
    assert.deepEqual(nextPollDecision(fixed, busy), { delayMs: 45_000, regime: 'fixed' });
    assert.equal(nextPollDecision(fixed, state()).delayMs, 45_000);
  });
});

describe('resolvePollingSettings', () => {
  test('merges, keeps valid values, ignores garbage, raises tiny intervals to the floor', () => {
    const s = resolvePollingSettings({
      activeIntervalMs: 7_000,
      idleIntervalMs: Number.NaN,
      fixedIntervalMs: -5,
      recentIdleIntervalMs: 10,
      mode: 'bogus' as 'fixed',
      minExpectedDurationMs: { video: 90_000 } as { video: number; image: number },
    });
    assert.equal(s.activeIntervalMs, 7_000);
    assert.equal(s.idleIntervalMs, DEFAULT_POLLING.idleIntervalMs);
    assert.equal(s.fixedIntervalMs, DEFAULT_POLLING.fixedIntervalMs);
    assert.equal(s.recentIdleIntervalMs, MIN_POLL_INTERVAL_MS);
    assert.equal(s.mode, 'adaptive');
    assert.deepEqual(s.minExpectedDurationMs, {
      video: 90_000,
      image: DEFAULT_POLLING.minExpectedDurationMs.image,
    });
  });
});

describe('backoff', () => {
  test('ceiling doubles per failure up to backoffMaxMs (random → 1)', () => {
    const top = () => 0.999999;
    const seen = [1, 2, 3, 4, 5, 6, 7, 8, 20, 5000].map((n) => backoffDelayMs(n, S, top));
    assert.deepEqual(
      seen.map((v) => Math.round(v / 1000)),
      [5, 10, 20, 40, 80, 160, 300, 300, 300, 300],
    );
  });

  test('full jitter stays within [MIN_BACKOFF_DELAY_MS, ceiling] and spreads out', () => {
    let x = 12345;
    const lcg = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let failures = 1; failures <= 10; failures++) {
      const ceiling = Math.min(S.backoffMaxMs, S.backoffBaseMs * 2 ** (failures - 1));
      const samples = Array.from({ length: 200 }, () => backoffDelayMs(failures, S, lcg));
      for (const d of samples) {
        assert.ok(
          d >= MIN_BACKOFF_DELAY_MS && d <= ceiling,
          `failures=${failures}: ${d} outside [1000, ${ceiling}]`,
        );
      }
      // Full jitter: both halves of the range are used.
      assert.ok(samples.some((d) => d < ceiling / 2) && samples.some((d) => d > ceiling / 2));
    }
    assert.equal(
      backoffDelayMs(3, S, () => 0),
      MIN_BACKOFF_DELAY_MS,
    );
  });

  test('never below the Retry-After time', () => {
    const retryAt = NOW + 60_000;
    assert.equal(
      retryDelayMs(1, S, () => 0.5, NOW, retryAt),
      60_000,
    );
    // A longer backoff wins over a short Retry-After.
    assert.equal(
      retryDelayMs(8, S, () => 0.999999, NOW, NOW + 1_000),
      300_000,
    );
    // A Retry-After in the past changes nothing.
    assert.equal(
      retryDelayMs(1, S, () => 0.5, NOW, NOW - 10_000),
      2_500,
    );
  });
});

test('re-check delay stays at the interval for the first 6 checks, then grows 1.5× and is capped', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => recheckDelayMs(n, 5_000)),
    [5_000, 5_000, 5_000, 5_000, 5_000, 5_000, 7_500, 11_250, 16_875],
  );
  assert.equal(recheckDelayMs(30, 5_000), RECHECK_MAX_INTERVAL_MS);
});

test('demo polling: every interval and expected duration divided by the speed, never below 1 s', () => {
  const p = demoPolling(10);
  assert.equal(p.activeIntervalMs, 1_000, '5 s / 10 is below the floor');
  assert.equal(p.warmupIntervalMs, 1_500);
  assert.equal(p.recentIdleIntervalMs, 3_000);
  assert.equal(p.idleIntervalMs, 12_000);
  assert.deepEqual(p.minExpectedDurationMs, { video: 6_000, image: 1_000 });
  assert.deepEqual(demoPolling(1).idleIntervalMs, DEFAULT_POLLING.idleIntervalMs);
});
