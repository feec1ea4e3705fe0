import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  afterPage,
  fullPlan,
  listsOf,
  nextPage,
  planDone,
  refreshPlan,
  skipList,
  withAccounts,
  type ReconcilePlan,
} from '../../../../main/core/scheduler/reconcile-plan.ts';
import type { ListBaseline } from '../../../../main/core/ledger/ledger.ts';
import type { ListedJob } from '../../../../main/core/types.ts';
import { T0, listed } from '../fakes.ts';

const bounds = { pageLimit: 3, maxPages: 4 };
const base = (highestId: string): ListBaseline => ({
  account: '222222',
  kind: 'video',
  highestId,
  newestCreateMs: null,
  updatedMs: T0,
});
const page = (...ids: string[]): ListedJob[] => ids.map((id) => listed(id));

/** Runs a plan to its end against `pages` (per list, in order), recording each request. */
function drive(plan: ReconcilePlan, pages: ListedJob[][], baseline: ListBaseline | null) {
  const asked: string[] = [];
  const done: ListBaseline[] = [];
  let p = plan;
  for (let guard = 0; guard < 20 && !planDone(p); guard++) {
    const step = nextPage(p, () => baseline);
    if (step.page === null) break;
    asked.push(`${step.page.target.account} ${step.page.target.kind} ${step.page.lastId ?? '-'}`);
    const after = afterPage(step.plan, pages.shift() ?? [], bounds, T0);
    if (after.done) done.push(after.done);
    p = after.plan;
  }
  return { asked, done, plan: p };
}

describe('reconcile plan (one request per step)', () => {
  test('a full reconcile reads videos, then images, of every account', () => {
    assert.deepEqual(
      listsOf(['1', '2']).map((t) => `${t.account} ${t.kind}`),
      ['1 video', '1 image', '2 video', '2 image'],
    );
    const waiting = fullPlan('start', null, T0);
    assert.equal(nextPage(waiting, () => null).page, null, 'waits for GET /accounts');
    const { asked } = drive(withAccounts(waiting, ['1']), [[], []], base('5'));
    assert.deepEqual(asked, ['1 video -', '1 image -']);
  });

  test('pages follow lastVideoId until a page reaches the baseline', () => {
    const plan = refreshPlan([{ account: '222222', kind: 'video' }], T0);
    const { asked, done } = drive(plan, [page('9', '8', '7'), page('6', '5', '4')], base('5'));
    assert.deepEqual(asked, ['222222 video -', `222222 video ${listed('7').id}`]);
    assert.equal(done[0]?.highestId, '9', 'the baseline moves to the newest seen');
  });

  test('a short page ends the list; so does the page bound', () => {
    const plan = refreshPlan([{ account: '222222', kind: 'video' }], T0);
    assert.equal(drive(plan, [page('9', '8')], base('1')).asked.length, 1);
    const many = [
      page('40', '39', '38'),
      page('37', '36', '35'),
      page('34', '33', '32'),
      page('31', '30', '29'),
      page('28'),
    ];
    assert.equal(drive(plan, many, base('1')).asked.length, bounds.maxPages);
  });

  test('a list never reconciled before is read one page deep (history)', () => {
    const plan = refreshPlan([{ account: '222222', kind: 'video' }], T0);
    const { asked, done } = drive(plan, [page('9', '8', '7'), page('6')], null);
    assert.equal(asked.length, 1);
    assert.equal(done[0]?.highestId, '9');
  });

  test('a skipped list moves on to the next', () => {
    const plan = fullPlan('timer', ['1'], T0);
    const first = nextPage(plan, () => null);
    const skipped = skipList(first.plan);
    assert.equal(nextPage(skipped, () => null).page?.target.kind, 'image');
  });
});
