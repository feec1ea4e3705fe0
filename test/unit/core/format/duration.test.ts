// The one duration format of the window, the notifications and the CLI's human output.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDuration } from '../../../../main/core/format/duration.ts';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

describe('formatDuration (finished-job duration)', () => {
  test('uses at most two units', () => {
    assert.equal(formatDuration(45 * S), '45 s');
    assert.equal(formatDuration(3 * MIN + 12 * S), '3 min 12 s');
    assert.equal(formatDuration(3 * MIN), '3 min');
    assert.equal(formatDuration(H + 2 * MIN + 40 * S), '1 h 2 min');
    assert.equal(formatDuration(2 * H), '2 h');
    assert.equal(formatDuration(26 * H + 5 * MIN), '1 d 2 h');
  });

  test('rounds to whole seconds', () => {
    assert.equal(formatDuration(400), '0 s');
    assert.equal(formatDuration(59_600), '1 min');
  });

  test('unknown, negative or non-finite durations are null (each caller shows its own placeholder)', () => {
    assert.equal(formatDuration(null), null);
    assert.equal(formatDuration(-1), null);
    assert.equal(formatDuration(Number.NaN), null);
  });
});
