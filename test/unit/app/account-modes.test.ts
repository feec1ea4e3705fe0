import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accountModeOf,
  accountRows,
  MAX_ACCOUNT_MODES,
  normalizeAccountModes,
  quietAccounts,
  withAccountMode,
  withoutHidden,
  type AccountModes,
} from '../../../main/app/account-modes.ts';
import { accountsSnapshot as snapshot, accountsRunning as running } from './fakes.ts';

describe('per-account modes', () => {
  test('setting a mode adds it, notify removes it, and the modes object is never mutated', () => {
    const start: AccountModes = {};
    const muted = withAccountMode(start, '111', 'muted');
    assert.ok(muted.ok);
    assert.deepEqual(muted.modes, { '111': 'muted' });
    assert.deepEqual(start, {});
    const hidden = withAccountMode(muted.modes, '111', 'hidden');
    assert.ok(hidden.ok);
    assert.deepEqual(hidden.modes, { '111': 'hidden' });
    const back = withAccountMode(hidden.modes, '111', 'notify');
    assert.ok(back.ok);
    assert.deepEqual(back.modes, {});
    assert.equal(accountModeOf(hidden.modes, '111'), 'hidden');
    assert.equal(accountModeOf(hidden.modes, '999'), 'notify');
  });

  test('hostile account ids are keys, not the prototype; unusable ids and too many accounts are refused', () => {
    const r = withAccountMode({}, '__proto__', 'hidden');
    assert.ok(r.ok);
    assert.equal(accountModeOf(r.modes, '__proto__'), 'hidden');
    assert.equal(accountModeOf(r.modes, 'toString'), 'notify');
    assert.equal(Object.getPrototypeOf(r.modes), Object.prototype);
    assert.deepEqual([...quietAccounts(r.modes)], ['__proto__']);
    assert.equal(withAccountMode({}, '', 'muted').ok, false);
    assert.equal(withAccountMode({}, 'x'.repeat(257), 'muted').ok, false);
    const full = Object.fromEntries(
      Array.from({ length: MAX_ACCOUNT_MODES }, (_, i) => [String(i), 'muted' as const]),
    );
    const over = withAccountMode(full, 'one-more', 'muted');
    assert.ok(!over.ok);
    assert.match(over.message, /At most 500 accounts/);
    assert.ok(withAccountMode(full, '7', 'hidden').ok, 'changing one already listed is fine');
  });

  test('stored modes keep what is valid and count what was dropped', () => {
    assert.deepEqual(normalizeAccountModes(undefined), { modes: {}, dropped: 0 });
    assert.deepEqual(normalizeAccountModes('hidden'), { modes: {}, dropped: 1 });
    const r = normalizeAccountModes({ '1': 'muted', '2': 'hidden', '3': 'loud', '': 'muted', '4': true });
    assert.deepEqual(r.modes, { '1': 'muted', '2': 'hidden' });
    assert.equal(r.dropped, 3);
  });

  test('muted and hidden accounts are the quiet ones', () => {
    assert.deepEqual([...quietAccounts({ '1': 'muted', '2': 'hidden' })].sort(), ['1', '2']);
  });

  test('a hidden account leaves the running and finished lists, progress and capacity', () => {
    const snap = snapshot();
    const shown = withoutHidden(snap, { '111': 'hidden', '222': 'muted' });
    assert.deepEqual(
      shown.running.map((j) => j.account),
      ['333'],
    );
    assert.deepEqual(
      shown.history.map((j) => j.account),
      ['222'],
      'a muted account stays listed',
    );
    assert.deepEqual(Object.keys(shown.progress), [running('333', 2).id]);
    assert.deepEqual(
      shown.accounts.capacity.map((c) => c.account),
      ['333'],
    );
    assert.equal(snap.running.length, 3, 'the snapshot itself is untouched');
    assert.equal(withoutHidden(snap, { '222': 'muted' }), snap, 'nothing hidden: the same snapshot');
  });

  test('Settings lists every account seen or with a mode, named ones first by name, the rest by id', () => {
    const rows = accountRows(snapshot(), { '444': 'hidden', '111': 'muted' });
    assert.deepEqual(rows, [
      { account: '222', name: 'Archive', mode: 'notify', seen: true },
      { account: '111', name: 'Studio', mode: 'muted', seen: true },
      { account: '333', name: null, mode: 'notify', seen: true },
      { account: '444', name: null, mode: 'hidden', seen: false },
    ]);
  });
});
