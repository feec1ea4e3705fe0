import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { shortJobId } from '../../../../main/core/api/job-id.ts';

describe('shortJobId (the id the window, notifications and CLI show)', () => {
  test('keeps the last 8 characters of the MiniMax-side id', () => {
    assert.equal(shortJobId('user:1000-minimax:100001-video:123456789012'), '56789012');
    assert.equal(shortJobId('user:1000-minimax:100001-image:42'), '42');
  });

  test('never cuts an emoji (surrogate pair) in half', () => {
    // 9 UTF-16 units: slicing units would start with a lone low surrogate.
    const id = 'user:1000-minimax:100002-image:🦊🎬🦊🎬x';
    const short = shortJobId(id);
    assert.equal(short, '🦊🎬🦊🎬x');
    assert.doesNotMatch(short, /^[\uDC00-\uDFFF]/);
    assert.equal(shortJobId('user:1000-minimax:100002-image:ab🦊🦊🦊🦊🦊🦊🦊🦊'), '🦊🦊🦊🦊🦊🦊🦊🦊');
  });

  test('a string that is not a job id keeps its last 8 characters', () => {
    assert.equal(shortJobId('not-a-job-id-at-all'), 'd-at-all');
  });
});
