import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJobId } from '../../../main/core/api/job-id.ts';

describe('parseJobId', () => {
  test('splits a documented video id into user, account, kind and MiniMax id', () => {
    assert.deepEqual(parseJobId('user:1111-minimax:222222-video:333'), {
      id: 'user:1111-minimax:222222-video:333',
      user: '1111',
      account: '222222',
      kind: 'video',
      localId: '333',
    });
  });

  test('recognises image ids', () => {
    const parsed = parseJobId('user:1111-minimax:222222-image:444');
    assert.equal(parsed?.kind, 'image');
    assert.equal(parsed?.account, '222222');
    assert.equal(parsed?.localId, '444');
  });

  test('file (upload) ids are not jobs', () => {
    assert.equal(parseJobId('user:1111-minimax:222222-file:555'), null);
  });

  test('unrecognisable ids give null', () => {
    for (const id of [
      '',
      '333',
      'user:abc-minimax:222222-video:333',
      'user:1111-kling:222222-video:333',
      'user:1111-minimax:222222-video:',
      'user:1111-minimax:-video:333',
      'user:1111-minimax:222222-audio:333',
      ' user:1111-minimax:222222-video:333',
    ]) {
      assert.equal(parseJobId(id), null, id);
    }
  });

  test('the kind comes from the last -video:/-image: segment', () => {
    const parsed = parseJobId('user:1-minimax:acc-video:x-image:9');
    assert.equal(parsed?.kind, 'image');
    assert.equal(parsed?.account, 'acc-video:x');
    assert.equal(parsed?.localId, '9');
  });

  test('non-string input gives null instead of throwing', () => {
    assert.equal(parseJobId(42 as unknown as string), null);
    assert.equal(parseJobId(null as unknown as string), null);
  });
});
