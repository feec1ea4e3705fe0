// The account-capacity line under the running jobs, as renderer/capacity.ts's pure
// capacitySummary() computes it: names, "n of m" as the API sent it, full accounts, and a note
// for numbers that cannot be right. No browser needed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { capacitySummary } from '../../../renderer/capacity.ts';
import type { CapacityRow } from '../../../main/ipc.ts';
import { jobRow } from '../../support/view-fixtures.ts';

function cap(
  account: string,
  executing: number,
  maxJobs: number,
  extra: Partial<CapacityRow> = {},
): CapacityRow {
  return {
    account,
    accountName: null,
    executing,
    maxJobs,
    available: maxJobs - executing,
    problem: null,
    ...extra,
  };
}

describe('capacitySummary', () => {
  test('one item per account: its name (else its id) and "executing of maxJobs"', () => {
    const { items, notes } = capacitySummary(
      [cap('111', 2, 3, { accountName: 'Studio account' }), cap('222', 0, 1)],
      [],
    );
    assert.deepEqual(
      items.map((i) => [i.name, i.use, i.full]),
      [
        ['Studio account', '2 of 3', false],
        ['222', '0 of 1', false],
      ],
    );
    assert.deepEqual(notes, []);
  });

  test('a name known only from a running job is used too', () => {
    const running = [jobRow('video', '1', 1000, undefined, { account: '222', accountName: 'Night shift' })];
    assert.equal(capacitySummary([cap('222', 1, 2)], running).items[0]!.name, 'Night shift');
  });

  test('an account with every slot taken is marked full', () => {
    assert.equal(capacitySummary([cap('111', 3, 3)], []).items[0]!.full, true);
  });

  test('"5 of 2" is shown as the API sent it, not clamped, with a note saying so', () => {
    const { items, notes } = capacitySummary(
      [cap('111', 5, 2, { accountName: 'Studio account', problem: 'over-limit' })],
      [],
    );
    assert.equal(items[0]!.use, '5 of 2');
    assert.equal(items[0]!.full, false, 'not "full": the numbers are wrong, not the account');
    assert.equal(items[0]!.problem, 'over-limit');
    assert.deepEqual(notes, [
      'useapi.net reports 5 videos running on \u2068Studio account\u2069, which has 2 slots: shown as reported.',
    ]);
  });

  test('invalid numbers (negative) get their own note', () => {
    const { items, notes } = capacitySummary([cap('333', -1, 3, { problem: 'invalid' })], []);
    assert.equal(items[0]!.use, '-1 of 3');
    assert.match(notes[0]!, /slot numbers for \u2068333\u2069 that cannot be right \(-1 of 3\)/);
  });

  test('no capacity from main: nothing to show', () => {
    assert.deepEqual(capacitySummary([], []), { items: [], notes: [] });
  });
});
