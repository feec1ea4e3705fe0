// The window's view and the tray's look leave hidden accounts out (pure functions over one snapshot).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings, type AppSettings } from '../../../main/app/settings.ts';
import { shortcutView } from '../../../main/app/shortcut.ts';
import { buildTrayRender, buildViewModel, nextTrayState } from '../../../main/app/view-model.ts';
import type { MonitorSnapshot } from '../../../main/core/monitor/job-monitor.ts';
import { accountsSnapshot, T0 } from './fakes.ts';

function settingsWith(accountModes: AppSettings['accountModes']): AppSettings {
  return { ...defaultSettings(), accountModes };
}

function view(snapshot: MonitorSnapshot, settings: AppSettings) {
  return buildViewModel({
    snapshot,
    settings,
    token: { stored: true, storage: 'keychain', note: null },
    trayState: 'running',
    windowVisible: true,
    notificationsUnavailable: false,
    trayUnavailable: false,
    ledgerProblem: null,
    version: '9.9.9',
    shortcut: shortcutView({ settings, active: settings.globalShortcut, refused: null, platform: 'linux' }),
    saving: null,
    nowMs: T0,
  });
}

function tray(snapshot: MonitorSnapshot, settings: AppSettings) {
  return buildTrayRender({
    snapshot,
    trayState: nextTrayState(snapshot, 'idle', settings.accountModes),
    settings,
    platform: 'linux',
    hasToken: true,
    nowMs: T0,
  });
}

describe('view model and tray: hidden accounts', () => {
  test('with no account hidden, every job is listed and counted', () => {
    const settings = settingsWith({});
    const v = view(accountsSnapshot(), settings);
    assert.equal(v.running.length, 3);
    assert.equal(v.history.length, 2);
    assert.equal(v.capacity.length, 2);
    const t = tray(accountsSnapshot(), settings);
    assert.equal(t.count, 3);
    assert.equal(t.menuLabel, '3 jobs running');
  });

  test('a hidden account is not listed (running, finished, capacity, progress) nor counted in the tray or badge', () => {
    const settings = settingsWith({ '111': 'hidden' });
    const v = view(accountsSnapshot(), settings);
    assert.deepEqual(
      v.running.map((r) => [r.account, r.percent]),
      [['333', 70]],
    );
    assert.deepEqual(
      v.history.map((h) => h.account),
      ['222'],
    );
    assert.deepEqual(
      v.capacity.map((c) => c.account),
      ['333'],
    );
    const t = tray(accountsSnapshot(), settings);
    assert.equal(t.count, 1, 'the badge count (app.setBadgeCount) is this count');
    assert.equal(t.menuLabel, '1 job running');
    assert.match(t.tooltip, /1 job running/);
    assert.equal(t.icon.file1x, 'running-1.png');
  });

  test('a muted account is still listed and counted', () => {
    const settings = settingsWith({ '111': 'muted' });
    assert.equal(view(accountsSnapshot(), settings).running.length, 3);
    assert.equal(tray(accountsSnapshot(), settings).count, 3);
  });

  test('when only hidden accounts run jobs the tray is idle, not running', () => {
    const settings = settingsWith({ '111': 'hidden', '333': 'hidden' });
    const snap = accountsSnapshot();
    assert.equal(nextTrayState(snap, 'idle', settings.accountModes), 'idle');
    assert.equal(nextTrayState(snap, 'idle', {}), 'running');
    const t = tray(snap, settings);
    assert.equal(t.count, 0);
    assert.equal(t.menuLabel, 'No jobs running');
    assert.equal(t.icon.file1x, 'idle.png');
  });

  test('Settings still lists hidden accounts, with their names and modes', () => {
    const v = view(accountsSnapshot(), settingsWith({ '111': 'hidden', '222': 'muted' }));
    assert.deepEqual(v.accounts, [
      { account: '222', name: 'Archive', mode: 'muted', seen: true },
      { account: '111', name: 'Studio', mode: 'hidden', seen: true },
      { account: '333', name: null, mode: 'notify', seen: true },
    ]);
  });
});
