import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { JOB_ID_PATTERN, parseJobId } from '../../../../main/core/api/job-id.ts';
import { mulberry32 } from '../../../../main/core/simulator/prng.ts';

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

  test('ids with a line break are rejected wherever it sits', () => {
    for (const br of ['\n', '\r', '\u2028', '\u2029']) {
      for (const id of [
        `user:1${br}-minimax:2-video:3`,
        `user:1-minimax:2${br}-video:3`,
        `user:1-minimax:2-video:3${br}`,
        `${br}user:1-minimax:2-video:3`,
      ]) {
        assert.equal(parseJobId(id), null, JSON.stringify(id));
      }
    }
  });

  test('accepts exactly the ids the documented grammar matches, with the same parts', () => {
    // Ids built slot by slot from the grammar's pieces and near misses, compared with
    // JOB_ID_PATTERN (which holds no line terminator here, so its `s` flag changes nothing).
    const slots: readonly (readonly string[])[] = [
      ['user:', 'user:', 'user:', 'User:', ' user:', ''],
      ['1', '1111', '', 'a', '1a', '١'],
      ['-minimax:', '-minimax:', '-minimax:', '-minimax', '-kling:', ''],
      ['222222', 'acc', '', '-', ':', 'x-video:y'],
      ['-video:', '-image:', '-file:', '-audio:', '-video', '-image:-video:'],
      ['333', '', 'x', '-video:', '-image:', 'a-image:b'],
      ['', '', '', '-video:', '-image:9', '-file:1'],
    ];
    const rng = mulberry32(20260105);
    const pick = (options: readonly string[]): string => options[Math.floor(rng() * options.length)] ?? '';
    let matched = 0;
    for (let n = 0; n < 20_000; n++) {
      const id = slots.map(pick).join('');
      const m = JOB_ID_PATTERN.exec(id);
      const expected = m === null ? null : { id, user: m[1], account: m[2], kind: m[3], localId: m[4] };
      assert.deepEqual(parseJobId(id), expected, id);
      if (m !== null) matched++;
    }
    assert.ok(matched > 1_000 && matched < 19_000, `a mix of matching and other ids (${matched} matched)`);
  });
});
