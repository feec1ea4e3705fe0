import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { safeText, toCliEvent } from '../../../main/cli/output.ts';
import type { RunningJob } from '../../../main/core/types.ts';
import { finishedJob } from './fixtures.ts';

const video: RunningJob = {
  id: 'user:1111-minimax:222222-video:333',
  kind: 'video',
  account: '222222',
  startedMs: Date.parse('2025-01-01T10:00:00.000Z'),
  reportedElapsedMs: 237_000,
  replyRef: 'ref-1',
  replyUrl: null,
  source: 'api',
};
const image: RunningJob = {
  ...video,
  id: 'user:1111-minimax:222222-image:444',
  kind: 'image',
  startedMs: null,
  source: 'website',
};

describe('CLI event shapes (the contract in the README)', () => {
  test('jobs: elapsedMs from started when known, else the API elapsed; started as ISO or null', () => {
    const e = toCliEvent({ type: 'jobs', at: '2025-01-01T10:04:00.000Z', jobs: [video, image] });
    assert.deepEqual(e, {
      type: 'jobs',
      at: '2025-01-01T10:04:00.000Z',
      jobs: [
        {
          id: video.id,
          source: 'api',
          kind: 'video',
          account: '222222',
          started: '2025-01-01T10:00:00.000Z',
          elapsedMs: 240_000,
          replyRef: 'ref-1',
          replyUrl: null,
        },
        {
          id: image.id,
          source: 'website',
          kind: 'image',
          account: '222222',
          started: null,
          elapsedMs: 237_000,
          replyRef: 'ref-1',
          replyUrl: null,
        },
      ],
    });
  });

  test('job-started carries the job fields at top level, the source beside the full id', () => {
    const e = toCliEvent({ type: 'job-started', at: '2025-01-01T10:00:05.000Z', job: video });
    assert.equal(e.type, 'job-started');
    assert.equal((e as { id: string }).id, video.id);
    assert.equal((e as { source: string }).source, 'api');
    const w = toCliEvent({ type: 'job-started', at: '2025-01-01T10:00:05.000Z', job: image });
    assert.equal((w as { source: string }).source, 'website');
    assert.equal((e as { elapsedMs: number }).elapsedMs, 5_000);
  });

  test('job-finished has exactly the documented fields', () => {
    const job = finishedJob({
      id: video.id,
      outcome: 'moderated',
      prompt: 'a cat',
      status: 7,
      statusLabel: 'moderated',
    });
    const e = toCliEvent({ type: 'job-finished', at: '2025-01-01T10:01:01.000Z', job });
    assert.deepEqual(Object.keys(e).sort(), [
      'account',
      'at',
      'coverUrl',
      'durationMs',
      'id',
      'kind',
      'outcome',
      'prompt',
      'resultUrl',
      'source',
      'type',
    ]);
    const web = toCliEvent({ type: 'job-finished', at: job.id, job: { ...job, source: 'website' } });
    assert.equal((web as { source: string }).source, 'website');
  });

  test('job-finished carries only https result and cover URLs; anything else becomes null', () => {
    const urls = (resultUrl: string, coverUrl: string) => {
      const e = toCliEvent({
        type: 'job-finished',
        at: '2025-01-01T10:01:01.000Z',
        job: finishedJob({ resultUrl, coverUrl }),
      });
      return [(e as { resultUrl: unknown }).resultUrl, (e as { coverUrl: unknown }).coverUrl];
    };
    assert.deepEqual(urls('https://cdn.example/v.mp4', 'https://cdn.example/c.jpg'), [
      'https://cdn.example/v.mp4',
      'https://cdn.example/c.jpg',
    ]);
    assert.deepEqual(urls('http://cdn.example/v.mp4', 'javascript:alert(1)'), [null, null]);
    assert.deepEqual(urls('file:///etc/passwd', 'https://user:pw@cdn.example/c.jpg'), [null, null]);
  });

  test('error: retryAt as ISO from retryAtMs', () => {
    const e = toCliEvent({
      type: 'error',
      at: '2025-01-01T10:00:00.000Z',
      reason: 'rate-limited',
      message: 'slow down',
      status: 429,
      account: null,
      retryAtMs: Date.parse('2025-01-01T10:00:30.000Z'),
    });
    assert.equal((e as { retryAt: string }).retryAt, '2025-01-01T10:00:30.000Z');
  });
});

describe('text hygiene', () => {
  test('terminal control characters from the API are neutralised', () => {
    assert.equal(safeText('a\u001b[31mred\u0007'), 'a [31mred ');
    assert.equal(safeText('x'.repeat(300)).length, 200);
  });

  test('ids and texts are shortened by whole characters: an emoji is never cut in half', () => {
    assert.equal(safeText('🎬'.repeat(5), 3), '🎬🎬…');
  });
});
