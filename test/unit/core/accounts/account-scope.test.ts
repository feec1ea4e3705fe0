// AccountScope (the monitor's `accounts` option): which accounts are watched, what is set aside
// of a ledger and put back, and when the unknown-account warning is given.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AccountScope } from '../../../../main/core/accounts/account-scope.ts';
import {
  emptyLedgerState,
  type LedgerState,
  type TrackedJobRecord,
} from '../../../../main/core/ledger/ledger.ts';
import type { RunningJob } from '../../../../main/core/types.ts';

function runningOf(account: string, localId: string): TrackedJobRecord {
  const job: RunningJob = {
    id: `user:1-minimax:${account}-video:${localId}`,
    kind: 'video',
    account,
    startedMs: 1,
    reportedElapsedMs: null,
    replyRef: null,
    replyUrl: null,
    source: 'api',
  };
  return { job, firstSeenMs: 1, lastSeenMs: 2, estimatedStartMs: 1, cancelled: false, silent: false };
}

describe('AccountScope', () => {
  test('null watches every account; a list watches those, without repeats, in the order given', () => {
    const all = new AccountScope(null);
    assert.equal(all.includes('123'), true);
    assert.deepEqual(all.pick(['1', '2']), ['1', '2']);
    const some = new AccountScope(['2', '1', '2']);
    assert.deepEqual(some.ids, ['2', '1']);
    assert.deepEqual(some.pick(['1', '2', '3']), ['1', '2']);
    assert.equal(some.includes('3'), false);
    assert.deepEqual(new AccountScope([]).pick(['1']), [], 'an empty list watches none');
  });

  test("the other accounts' records are set aside and put back as they were", () => {
    const state: LedgerState = {
      ...emptyLedgerState(),
      running: [runningOf('1', '10'), runningOf('2', '20'), runningOf('1', '11')],
      baselines: [
        { account: '2', kind: 'video', highestId: '20', newestCreateMs: null, updatedMs: 5 },
        { account: '1', kind: 'video', highestId: '11', newestCreateMs: null, updatedMs: 5 },
      ],
    };
    const scope = new AccountScope(['1']);
    const { watched, others } = scope.split(state);
    assert.deepEqual(
      watched.running.map((r) => r.job.id.split(':').at(-1)),
      ['10', '11'],
    );
    assert.deepEqual(
      watched.baselines.map((b) => b.account),
      ['1'],
    );
    assert.deepEqual(
      others.running.map((r) => r.job.account),
      ['2'],
    );
    const merged = scope.merge(watched, others);
    assert.deepEqual(
      new Set(merged.running.map((r) => r.job.id)),
      new Set(state.running.map((r) => r.job.id)),
    );
    assert.deepEqual(merged.baselines.length, 2);
  });

  test('the unknown-account warning: once per set of facts, naming what GET /accounts lists', () => {
    const scope = new AccountScope(['100001', '42']);
    assert.equal(
      scope.unknownAccountsWarning(['100001', '100002']),
      "MiniMax account 42 is not among this token's accounts (GET /accounts lists 100001, 100002): no jobs will show up for it.",
    );
    assert.equal(scope.unknownAccountsWarning(['100002', '100001']), null, 'the same facts: said once');
    assert.equal(
      scope.unknownAccountsWarning([]),
      "MiniMax accounts 100001, 42 are not among this token's accounts (GET /accounts lists no account): no jobs will show up.",
      'new facts: said again',
    );
    assert.equal(scope.unknownAccountsWarning(['42', '100001']), null, 'all known: nothing to say');
    assert.equal(new AccountScope(null).unknownAccountsWarning([]), null, 'every account: nothing to check');
  });

  test('ids from the API are printed on one line, cut short', () => {
    const warning = new AccountScope(['7']).unknownAccountsWarning(['bad\nid', 'x'.repeat(100)]) ?? '';
    assert.ok(!warning.includes('\n'), warning);
    assert.match(warning, /lists bad\?id, x{23}…\)/);
  });
});
