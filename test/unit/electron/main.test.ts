// The whole main process booted on the electron double against the simulator on 127.0.0.1:
// token saved through IPC from the renderer page, tray count, a finished job's notification,
// tray menu commands, the global shortcut, and a clean quit that saves the ledger and releases
// the shortcut.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FakeClock } from '../../../main/core/clock.ts';
import { Simulator } from '../../../main/core/simulator/index.ts';
import type { AppHandle } from '../../../main/electron/main.ts';
import { RENDERER_URL } from '../../../main/electron/protocol.ts';
import type { TestHooks } from '../../../main/electron/test-hooks.ts';
import type { ViewModel } from '../../../main/ipc.ts';
import { bootOnDouble } from '../../support/boot-on-double.ts';
import { globalShortcut, invokeIpc, recorder } from '../../support/electron-double.ts';
import { freshDouble, tempDir, until } from './helpers.ts';

let sim: Simulator;
let clock: FakeClock;
let handle: AppHandle;
let hooks: TestHooks;
let userData = '';
let jobId = '';

before(async () => {
  freshDouble();
  clock = new FakeClock(Date.UTC(2026, 4, 1, 10));
  sim = new Simulator({ clock });
  const { baseUrl } = await sim.start();
  userData = tempDir('mt-userdata-');
  const started = await bootOnDouble({
    env: {
      MINIMAX_TRAY_USER_DATA: userData,
      MINIMAX_TRAY_API_BASE: baseUrl,
      MINIMAX_TRAY_NO_KEYCHAIN: '1',
      MINIMAX_TRAY_TEST_HOOKS: '1',
    },
    argv: ['electron', '.', '--hidden'],
    platform: 'linux',
    trayHost: { available: true, reason: 'test' },
    clock,
    consoleLog: false,
  });
  assert.ok(started);
  handle = started;
  assert.ok(handle.hooks);
  hooks = handle.hooks;
});
after(async () => {
  await sim.stop();
});

const view = async (): Promise<ViewModel> =>
  (await invokeIpc('app:get-view', undefined, { senderUrl: RENDERER_URL })) as ViewModel;

describe('main process on the double', () => {
  test('boots hidden into the tray: no token yet, nothing polled, the window is created but not shown', async () => {
    assert.equal(recorder.find('app.setPath')[0]?.args[1], userData);
    assert.equal(hooks.tray()?.menuLabels[0], 'No API token: open Settings');
    assert.equal(sim.runningIds().length, 0);
    const win = recorder.windows[0];
    assert.ok(win);
    assert.equal(win.isVisible(), false);
    assert.equal(win.loadedUrl, RENDERER_URL);
    assert.equal((globalThis as { __minimaxTray?: TestHooks }).__minimaxTray, hooks);
    const v = await view();
    assert.equal(v.token.stored, false);
    assert.equal(v.status.trayUnavailable, false);
  });

  test('a token saved from the window is stored encrypted (never in plain text) and polling starts', async () => {
    jobId = sim.submit({
      kind: 'video',
      durationMs: 90_000,
      outcome: 'succeeded',
      prompt: 'a heron at dawn',
    });
    const saved = await invokeIpc('token:save', { token: sim.token }, { senderUrl: RENDERER_URL });
    assert.deepEqual(saved, { ok: true });
    const blob = readFileSync(path.join(userData, 'token.safe.json'), 'utf8');
    assert.ok(!blob.includes(sim.token));
    assert.equal((await view()).token.storage, 'safe-storage');
    await until(() => hooks.tray()?.menuLabels[0] === '1 job running', 'tray count 1');
    const t = hooks.tray()!;
    assert.equal(t.iconFile, 'running-1.png');
    assert.match(t.tooltip, /1 job running/);
    assert.equal(t.badgeCount, 1);
  });

  test('a job that finished produces its notification, and the tray goes back to idle', async () => {
    clock.jump(120_000);
    assert.deepEqual(await invokeIpc('jobs:check-now', undefined, { senderUrl: RENDERER_URL }), { ok: true });
    await until(() => hooks.notifications()[0]?.os === 'shown', 'notification shown by the OS');
    const n = hooks.notifications()[0]!;
    assert.equal(n.title, 'Video ready');
    assert.match(n.body, /a heron at dawn/);
    assert.deepEqual(n.jobIds, [jobId]);
    assert.equal(recorder.notifications.at(-1)?.shown, true);
    await until(() => hooks.tray()?.menuLabels[0] === 'No jobs running', 'tray count 0');
    assert.equal(hooks.tray()?.iconFile, 'idle.png');
    assert.equal((await view()).history[0]?.id, jobId);
  });

  test('tray menu commands reach the controller', async () => {
    assert.equal(hooks.clickTrayMenuItem('Pause polling'), true);
    await until(() => hooks.tray()?.iconFile === 'paused.png', 'paused');
    assert.equal((await view()).status.paused, true);
    assert.equal(hooks.clickTrayMenuItem('Resume polling'), true);
    await until(() => hooks.tray()?.iconFile === 'idle.png', 'resumed');
    assert.equal(hooks.clickTrayMenuItem('Copy debug info'), true);
    assert.match(recorder.clipboardText, /token: stored \(safe-storage\)/);
    assert.ok(!recorder.clipboardText.includes(sim.token));
    assert.equal(hooks.clickTrayMenuItem('No such item'), false);
  });

  test('the global shortcut (Ctrl+Shift+M by default) shows and hides the window', async () => {
    assert.deepEqual(globalShortcut.registered(), ['CommandOrControl+Shift+M']);
    assert.equal((await view()).shortcut.activeLabel, 'Ctrl+Shift+M');
    const win = recorder.windows[0]!;
    assert.equal(globalShortcut.press('CommandOrControl+Shift+M'), true);
    await until(() => win.isVisible(), 'shown by the shortcut');
    globalShortcut.press('CommandOrControl+Shift+M');
    await until(() => !win.isVisible(), 'hidden by the shortcut');
  });

  test('a second instance shows the window', async () => {
    const { app } = await import('../../support/electron-double.ts');
    app.emit('second-instance', {}, [], '/');
    await until(() => recorder.windows[0]!.isVisible(), 'window shown');
  });

  test('quitting stops polling, saves the ledger and removes the tray', async () => {
    await handle.quit();
    assert.ok(existsSync(path.join(userData, 'ledger.json')));
    assert.equal(recorder.find('tray.destroy').length, 1);
    assert.ok(recorder.find('app.quit').length >= 1);
    assert.deepEqual(globalShortcut.registered(), [], 'the global shortcut is released');
  });
});
