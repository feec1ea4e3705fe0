import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseJobList } from '../../../../main/core/api/normalise/lists.ts';
import { isApiError } from '../../../../main/core/api/errors.ts';
import { warnLogger } from '../fakes.ts';

const VIDEO = 'user:1111-minimax:222222-video:333';
const IMAGE = 'user:1111-minimax:222222-image:444';

describe('GET /videos/ and GET /images/ lists', () => {
  test("the docs' video example: the full videoId, never the bare id; outcome as for GET /videos/{id}", () => {
    // Shaped like https://useapi.net/docs/api-minimax-v1/get-minimax-videos (Mar 17, 2025).
    const body = [
      {
        id: '333',
        desc: '',
        coverURL: '',
        videoURL: '',
        status: 1,
        statusLabel: 'processing',
        statusFinal: false,
        message: '<Message>',
        videoId: VIDEO,
      },
      {
        id: '332',
        desc: '<prompt>',
        coverURL: 'https://cdn.example/c.jpg',
        videoURL: 'https://cdn.example/w.mp4',
        downloadURL: 'https://cdn.example/d.mp4',
        status: 7,
        statusLabel: 'moderated',
        statusFinal: true,
        videoId: VIDEO.replace('333', '332'),
      },
    ];
    const [running, moderated] = normaliseJobList(body, 'video', warnLogger(), 'GET /videos/');
    assert.equal(running?.id, VIDEO);
    assert.equal(running?.localId, '333');
    assert.equal(running?.createdMs, null, 'videos carry no timestamp');
    assert.equal(running?.status.final, false);
    assert.equal(moderated?.status.outcome, 'moderated');
    assert.equal(moderated?.status.resultUrl, 'https://cdn.example/d.mp4');
  });

  test('images come wrapped in {"images": [...]} and carry createTime (epoch ms)', () => {
    const body = {
      images: [{ id: '444', imageId: IMAGE, status: 2, statusFinal: true, createTime: 1_767_000_000_000 }],
    };
    const [image] = normaliseJobList(body, 'image', warnLogger(), 'GET /images/');
    assert.equal(image?.id, IMAGE);
    assert.equal(image?.createdMs, 1_767_000_000_000);
    assert.equal(image?.status.outcome, 'succeeded');
  });

  test('items without a full id of the listed kind, or without status, are skipped with one warning', () => {
    const logger = warnLogger();
    const jobs = normaliseJobList(
      [
        { id: '1', status: 2 },
        { videoId: IMAGE, status: 2 },
        { videoId: VIDEO },
        'junk',
        { videoId: VIDEO, status: 0 },
        { videoId: VIDEO, status: 2 },
      ],
      'video',
      logger,
      'GET /videos/',
    );
    assert.deepEqual(
      jobs.map((j) => j.id),
      [VIDEO],
      'one job, the first occurrence',
    );
    assert.equal(jobs[0]?.status.final, false);
    assert.equal(logger.warnings.length, 1);
    assert.match(logger.warnings[0] ?? '', /skipped 4 of 6/);
  });

  test('a body that holds no list is a bad response', () => {
    for (const body of [{ images: 'nope' }, null, 'text', { videos: {} }]) {
      assert.throws(
        () => normaliseJobList(body, 'image', warnLogger(), 'GET /images/'),
        (e) => isApiError(e) && e.reason === 'bad-response' && e.message.includes('{"images": [...]}'),
      );
    }
  });
});
