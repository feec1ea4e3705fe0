import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  advanceBaseline,
  compareNumericIds,
  isNewListItem,
  pageReachesBaseline,
  type ListBaseline,
} from '../../../../main/core/jobs/baselines.ts';
import { T0, listed } from '../fakes.ts';

const videos = (highestId: string | null): ListBaseline => ({
  account: '222222',
  kind: 'video',
  highestId,
  newestCreateMs: null,
  updatedMs: T0,
});
const images = (newestCreateMs: number | null, highestId: string | null = null): ListBaseline => ({
  account: '222222',
  kind: 'image',
  highestId,
  newestCreateMs,
  updatedMs: T0,
});

describe('list baselines', () => {
  test('video ids compare as whole numbers of any length, never as text or floats', () => {
    assert.ok((compareNumericIds('10', '9') ?? 0) > 0, '10 > 9 (as text it would be less)');
    assert.ok((compareNumericIds('296934534479097858', '296934534479097857') ?? 0) > 0, 'past 2^53');
    assert.equal(compareNumericIds('007', '7'), 0);
    assert.equal(compareNumericIds('7a', '7'), null);
  });

  test('a video is new only above the highest id the baseline saw (ids grow)', () => {
    const b = videos('500');
    assert.equal(isNewListItem(b, listed('501')), true);
    assert.equal(isNewListItem(b, listed('500')), false);
    assert.equal(isNewListItem(b, listed('499')), false);
    assert.equal(isNewListItem(b, listed('abc')), false, 'an id that cannot be placed is never new');
    assert.equal(isNewListItem(videos(null), listed('1')), true, 'after an empty list everything is new');
  });

  test('an image is new at or after the newest createTime (a batch shares one)', () => {
    const b = images(T0);
    assert.equal(isNewListItem(b, listed('9', 'image', 'succeeded', T0)), true);
    assert.equal(isNewListItem(b, listed('9', 'image', 'succeeded', T0 + 1)), true);
    assert.equal(isNewListItem(b, listed('9', 'image', 'succeeded', T0 - 1)), false);
    assert.equal(
      isNewListItem(images(null, '40'), listed('41', 'image', 'succeeded', null)),
      true,
      'without createTime the id rule applies',
    );
  });

  test('an image at the newest createTime is new only above the highest id: a forgotten id is not new again', () => {
    const b = images(T0, '40');
    assert.equal(isNewListItem(b, listed('40', 'image', 'succeeded', T0)), false, 'the edge image itself');
    assert.equal(isNewListItem(b, listed('39', 'image', 'succeeded', T0)), false, 'its batch, seen');
    assert.equal(isNewListItem(b, listed('41', 'image', 'succeeded', T0)), true, 'its batch, not seen');
    assert.equal(
      isNewListItem(images(T0, null), listed('x', 'image', 'succeeded', T0)),
      true,
      'no ids to compare',
    );
    assert.equal(pageReachesBaseline([listed('40', 'image', null, T0)], b), true);
  });

  test('paging stops at a page holding an item the baseline covers; never without a baseline', () => {
    const b = videos('100');
    assert.equal(pageReachesBaseline([listed('103'), listed('102'), listed('101')], b), false);
    assert.equal(pageReachesBaseline([listed('102'), listed('101'), listed('100')], b), true);
    assert.equal(pageReachesBaseline([listed('1')], null), false);
    assert.equal(pageReachesBaseline([listed('9', 'image', null, T0 - 1)], images(T0)), true);
    assert.equal(pageReachesBaseline([listed('9', 'image', null, T0)], images(T0)), false);
  });

  test('advancing keeps the highest id and the newest createTime seen, old or new', () => {
    const target = { account: '222222', kind: 'image' as const };
    const b = advanceBaseline(
      images(T0, '50'),
      target,
      [listed('60', 'image', null, T0 + 5), listed('40', 'image')],
      T0 + 9,
    );
    assert.deepEqual(b, { ...target, highestId: '60', newestCreateMs: T0 + 5, updatedMs: T0 + 9 });
    assert.deepEqual(advanceBaseline(null, { account: '222222', kind: 'video' }, [], T0), videos(null));
  });
});
