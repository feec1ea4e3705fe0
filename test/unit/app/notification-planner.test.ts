import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_BODY_CHARS,
  planNotifications,
  SUMMARY_THRESHOLD,
  type PlannerOptions,
} from '../../../main/app/notification-planner.ts';
import { DEFAULT_SETTINGS } from '../../../main/app/settings.ts';
import type { FinishedJob, MonitorEvent, Outcome } from '../../../main/core/types.ts';

const NOW = Date.UTC(2026, 2, 1, 12);

function finished(n: number, outcome: Outcome, extra: Partial<FinishedJob> = {}): MonitorEvent {
  return {
    type: 'job-finished',
    at: new Date(NOW).toISOString(),
    job: {
      id: `user:1-minimax:555-video:${n}`,
      kind: 'video',
      account: '555',
      outcome,
      resultUrl: outcome === 'succeeded' ? `https://cdn.example/${n}.mp4` : null,
      coverUrl: null,
      prompt: `prompt number ${n}`,
      durationMs: 134_000,
      finishedAtMs: NOW,
      startedMs: NOW - 134_000,
      replyRef: null,
      status: null,
      statusLabel: null,
      message: null,
      source: 'api',
      ...extra,
    },
  };
}

const opts = (o: Partial<PlannerOptions> = {}): PlannerOptions => ({
  notifyOn: { ...DEFAULT_SETTINGS.notifyOn },
  hidePrompts: false,
  mutedUntilMs: null,
  nowMs: NOW,
  ...o,
});

describe('notification planner', () => {
  test('one notification per finished job, with title by outcome and the prompt, account and duration', () => {
    const plan = planNotifications(
      [
        finished(1, 'succeeded'),
        { type: 'jobs', at: '', jobs: [] },
        finished(2, 'failed', { message: 'GPU fell over' }),
      ],
      opts(),
    );
    assert.equal(plan.length, 2);
    assert.equal(plan[0]!.kind, 'job');
    assert.equal(plan[0]!.title, 'Video ready');
    assert.match(plan[0]!.body, /“prompt number 1”/);
    assert.match(plan[0]!.body, /account 555/);
    assert.match(plan[0]!.body, /took 2 min 14 s/);
    assert.equal(plan[0]!.url, 'https://cdn.example/1.mp4');
    assert.deepEqual(plan[0]!.jobIds, ['user:1-minimax:555-video:1']);

    assert.equal(plan[1]!.title, 'Video failed');
    assert.match(plan[1]!.body, /GPU fell over/);
    assert.equal(plan[1]!.url, null, 'a failed job has no result to open');
  });

  test('titles for every outcome and kind', () => {
    const titles = planNotifications(
      [finished(1, 'moderated', { kind: 'image' }), finished(2, 'unknown', { kind: 'image' })],
      opts(),
    ).map((n) => n.title);
    assert.deepEqual(titles, ['Image blocked by moderation', 'Image finished, outcome unknown']);
    const cancelled = planNotifications(
      [finished(3, 'cancelled')],
      opts({ notifyOn: { ...DEFAULT_SETTINGS.notifyOn, cancelled: true } }),
    );
    assert.equal(cancelled[0]!.title, 'Video cancelled');
  });

  test('the account name from GET /accounts is shown when known', () => {
    const [n] = planNotifications(
      [finished(1, 'succeeded')],
      opts({ accountNames: new Map([['555', 'Studio']]) }),
    );
    assert.match(n!.body, /Studio \(555\)/);
  });

  test('hidePrompts leaves the prompt out', () => {
    const [n] = planNotifications([finished(1, 'succeeded')], opts({ hidePrompts: true }));
    assert.ok(!n!.body.includes('prompt number'), n!.body);
    assert.match(n!.body, /account 555/);
  });

  test(`${SUMMARY_THRESHOLD} or more finished jobs in one cycle become one summary that opens the window`, () => {
    const plan = planNotifications(
      [finished(1, 'succeeded'), finished(2, 'succeeded'), finished(3, 'failed'), finished(4, 'moderated')],
      opts(),
    );
    assert.equal(plan.length, 1);
    assert.equal(plan[0]!.kind, 'summary');
    assert.equal(plan[0]!.title, '4 jobs finished');
    assert.match(plan[0]!.body, /2 succeeded, 1 failed, 1 moderated/);
    assert.equal(plan[0]!.url, null);
    assert.equal(plan[0]!.jobIds.length, 4);
  });

  test('two finished jobs still get two notifications', () => {
    assert.equal(planNotifications([finished(1, 'succeeded'), finished(2, 'succeeded')], opts()).length, 2);
  });

  test('per-outcome toggles drop jobs, and dropped jobs do not count towards a summary', () => {
    const notifyOn = { ...DEFAULT_SETTINGS.notifyOn, succeeded: false };
    const plan = planNotifications(
      [finished(1, 'succeeded'), finished(2, 'succeeded'), finished(3, 'failed')],
      opts({ notifyOn }),
    );
    assert.equal(plan.length, 1);
    assert.equal(plan[0]!.kind, 'job');
    assert.equal(plan[0]!.title, 'Video failed');
    // Cancelled is off by default: the user did it themselves.
    assert.deepEqual(planNotifications([finished(4, 'cancelled')], opts()), []);
  });

  test('muted until a time: nothing before it, normal again after it', () => {
    const events = [finished(1, 'succeeded')];
    assert.deepEqual(planNotifications(events, opts({ mutedUntilMs: NOW + 1 })), []);
    assert.equal(planNotifications(events, opts({ mutedUntilMs: NOW })).length, 1);
  });

  test('only https result URLs are opened on click', () => {
    for (const bad of [
      'http://cdn.example/x.mp4',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      const [n] = planNotifications([finished(1, 'succeeded', { resultUrl: bad })], opts());
      assert.equal(n!.url, null, bad);
    }
  });

  test('long prompts are clipped so the body stays within the limit', () => {
    const [n] = planNotifications([finished(1, 'succeeded', { prompt: 'word '.repeat(300) })], opts());
    assert.ok(n!.body.length <= MAX_BODY_CHARS, String(n!.body.length));
    assert.match(n!.body, /…/);
  });

  test('events other than job-finished never notify', () => {
    const plan = planNotifications(
      [
        { type: 'jobs', at: '', jobs: [] },
        {
          type: 'error',
          at: '',
          reason: 'network',
          message: 'down',
          status: null,
          account: null,
          retryAtMs: null,
        },
        { type: 'recovered', at: '', after: 'network' },
      ],
      opts(),
    );
    assert.deepEqual(plan, []);
  });

  test('muted and hidden accounts never notify, and a summary counts only the others', () => {
    const other = (n: number, outcome: Outcome): MonitorEvent =>
      finished(n, outcome, { id: `user:1-minimax:777-video:${n}`, account: '777' });
    const quiet = opts({ quietAccounts: new Set(['777']) });
    assert.deepEqual(planNotifications([other(1, 'succeeded'), other(2, 'failed')], quiet), []);
    // Three finished, two of them muted: one notification for the one left, not a summary.
    const one = planNotifications([other(1, 'succeeded'), finished(2, 'failed'), other(3, 'failed')], quiet);
    assert.equal(one.length, 1);
    assert.equal(one[0]!.kind, 'job');
    assert.deepEqual(one[0]!.jobIds, ['user:1-minimax:555-video:2']);
    // Four finished, one muted: the summary says three.
    const summary = planNotifications(
      [finished(1, 'succeeded'), finished(2, 'succeeded'), other(3, 'failed'), finished(4, 'failed')],
      quiet,
    );
    assert.equal(summary.length, 1);
    assert.equal(summary[0]!.title, '3 jobs finished');
    assert.match(summary[0]!.body, /^2 succeeded, 1 failed\./);
    assert.equal(summary[0]!.jobIds.length, 3);
  });
});
