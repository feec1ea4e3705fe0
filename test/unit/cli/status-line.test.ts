import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PLAIN } from '../../../main/cli/human.ts';
import { formatStatusLine, type StatusView } from '../../../main/cli/status-line.ts';
import type { RunningJob } from '../../../main/core/types.ts';

const NOW = Date.parse('2025-06-01T12:10:00.000Z');
const job = (n: number, startedAgoMs: number, kind: 'video' | 'image' = 'video'): RunningJob => ({
  id: `user:1-minimax:2-${kind}:${n}`,
  kind,
  account: '2',
  startedMs: NOW - startedAgoMs,
  reportedElapsedMs: null,
  replyRef: null,
  replyUrl: null,
  source: 'api',
});
const clock = (ms: number) => new Date(ms).toLocaleTimeString(undefined, { hour12: false });

function view(
  over: Partial<Omit<StatusView, 'snapshot'>> & { snapshot?: Partial<StatusView['snapshot']> },
): StatusView {
  return {
    nowMs: NOW,
    awaiting: [],
    busy: false,
    failures: 0,
    ...over,
    snapshot: {
      running: [],
      lastPollMs: NOW - 2_000,
      nextPollMs: NOW + 8_000,
      lastError: null,
      ...over.snapshot,
    },
  };
}

describe('the status line', () => {
  test('running jobs with their elapsed time, jobs awaiting their result, the last and next check', () => {
    const line = formatStatusLine(
      view({
        snapshot: { running: [job(333, 185_000), job(444, 12_000, 'image')] },
        awaiting: [
          {
            job: job(555, 0),
            goneSinceMs: NOW - 5_000,

            checks: 1,
            nextCheckMs: NOW + 20_000,
          },
        ],
      }),
      PLAIN,
    );
    assert.equal(
      line,
      `2 running · 1 awaiting its result (check in 20 s) · checked ${clock(NOW - 2_000)}, next in 8 s · ` +
        'video 333 3 min 5 s, image 444 12 s',
    );
  });

  test('nothing running, and before the first answer', () => {
    assert.equal(
      formatStatusLine(view({}), PLAIN),
      `no jobs running · checked ${clock(NOW - 2_000)}, next in 8 s`,
    );
    assert.equal(
      formatStatusLine(view({ busy: true, snapshot: { lastPollMs: null } }), PLAIN),
      'no jobs running · checking now',
    );
  });

  test('while polls fail: the last good check, the next try and the current error', () => {
    const line = formatStatusLine(
      view({
        failures: 3,
        snapshot: {
          nextPollMs: NOW + 40_000,
          lastError: {
            type: 'error',
            at: new Date(NOW).toISOString(),
            reason: 'network',
            message: 'Could not reach api.useapi.net (ENOTFOUND)',
            status: null,
            account: null,
            retryAtMs: NOW + 40_000,
          },
        },
      }),
      PLAIN,
    );
    assert.equal(
      line,
      `no jobs running · last good check ${clock(NOW - 2_000)}, next try in 40 s · ` +
        '⚠ network, 3rd try: Could not reach api.useapi.net (ENOTFOUND)',
    );
  });

  test('many jobs: three named, the rest counted; a stopped poll says so', () => {
    const running = [1, 2, 3, 4, 5].map((n) => job(n, n * 1_000));
    const line = formatStatusLine(view({ snapshot: { running, nextPollMs: null } }), PLAIN);
    assert.match(
      line,
      /^5 running · checked .+, polling stopped · video 1 1 s, video 2 2 s, video 3 3 s, \+2 more$/,
    );
  });
});
