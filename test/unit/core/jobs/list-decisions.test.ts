import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decideListItem } from '../../../../main/core/jobs/list-decisions.ts';
import type { ListBaseline } from '../../../../main/core/ledger/ledger.ts';
import { T0, listed } from '../fakes.ts';

const baseline: ListBaseline = {
  account: '222222',
  kind: 'video',
  highestId: '100',
  newestCreateMs: null,
  updatedMs: T0,
};
const running = listed('101');
const finalNew = listed('101', 'video', 'succeeded');
const finalOld = listed('99', 'video', 'failed');

describe('what a list item means', () => {
  test('jobs the scheduler knows: a final status is kept, or settles a job awaiting its result', () => {
    assert.equal(decideListItem('scheduler', finalNew, baseline), 'note-final');
    assert.equal(decideListItem('scheduler', running, baseline), 'ignore');
    assert.equal(decideListItem('pending', finalOld, baseline), 'resolve', 'even below the baseline');
    assert.equal(decideListItem('pending', running, baseline), 'ignore');
  });

  test('website jobs: seen again while running, settled once final', () => {
    assert.equal(decideListItem('website', running, baseline), 'seen-running');
    assert.equal(decideListItem('website', finalNew, baseline), 'resolve');
  });

  test('announced ids are never announced again', () => {
    assert.equal(decideListItem('announced', finalNew, baseline), 'ignore');
    assert.equal(decideListItem('announced', running, null), 'ignore');
  });

  test('unknown ids: running is started (never history); final is history first, then new or old', () => {
    assert.equal(decideListItem('unknown', running, null), 'start');
    assert.equal(decideListItem('unknown', listed('5'), baseline), 'start', 'a running job is never history');
    assert.equal(decideListItem('unknown', finalNew, null), 'history');
    assert.equal(decideListItem('unknown', finalNew, baseline), 'finish-new');
    assert.equal(decideListItem('unknown', finalOld, baseline), 'ignore');
  });
});
