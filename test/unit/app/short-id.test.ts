import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { shortId } from '../../../main/app/controller.ts';

describe('shortId (the id the job window shows)', () => {
  test('keeps the last 8 characters of the MiniMax-side id', () => {
    assert.equal(shortId('user:1000-minimax:100001-video:123456789012'), '56789012');
    assert.equal(shortId('user:1000-minimax:100001-image:42'), '42');
  });

  test('never cuts an emoji (surrogate pair) in half', () => {
    // 9 UTF-16 units: slicing units would start with a lone low surrogate.
    const id = 'user:1000-minimax:100002-image:🦊🎬🦊🎬x';
    const short = shortId(id);
    assert.equal(short, '🦊🎬🦊🎬x');
    assert.doesNotMatch(short, /^[\uDC00-\uDFFF]/);
    assert.equal(shortId('user:1000-minimax:100002-image:ab🦊🦊🦊🦊🦊🦊🦊🦊'), '🦊🦊🦊🦊🦊🦊🦊🦊');
  });
});
