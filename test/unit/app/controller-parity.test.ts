// The controller with the global shortcut, the pinned window and per-account modes: what it asks
// the ports to do, what it saves, what the window and the tray show, which notifications go out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { commandTable, type CommandTable } from '../../../main/app/commands.ts';
import { AppController } from '../../../main/app/controller.ts';
import type { AppSettings } from '../../../main/app/settings.ts';
import { TokenManager } from '../../../main/app/token-manager.ts';
import { FakeClock } from '../../../main/core/clock.ts';
import { JobMonitor } from '../../../main/core/monitor/job-monitor.ts';
import type { Logger } from '../../../main/core/types.ts';
import { completed, MemorySettings, RecordingPorts, runningJob, ScriptedApi, T0, TOKEN } from './fakes.ts';

interface Parity {
  c: AppController;
  commands: CommandTable;
  api: ScriptedApi;
  ports: RecordingPorts;
  settings: MemorySettings;
  warnings: string[];
  monitor(): JobMonitor;
}

async function start(
  o: { stored?: Partial<AppSettings>; refuses?: (a: string) => boolean; platform?: string } = {},
): Promise<Parity> {
  const api = new ScriptedApi();
  const settings = new MemorySettings();
  settings.value = { ...settings.value, ...o.stored };
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, warn: (m) => void warnings.push(m), error() {} };
  let monitor: JobMonitor | null = null;
  const c = new AppController({
    settings,
    tokens: new TokenManager({ keychain: null, safeStorage: null, platform: 'linux', initialToken: TOKEN }),
    createApi: () => api,
    createMonitor: (opts) => (monitor = new JobMonitor({ ...opts, random: () => 0.5 })),
    ledgerPath: null,
    platform: o.platform ?? 'linux',
    version: '9.9.9',
    clock: new FakeClock(T0),
    logger,
  });
  const ports = new RecordingPorts();
  if (o.refuses) ports.shortcutRefuses = o.refuses;
  c.attach(ports);
  await c.start();
  const get = (): JobMonitor => monitor ?? assert.fail('no monitor');
  await get().whenIdle();
  return { c, commands: commandTable(c), api, ports, settings, warnings, monitor: get };
}

/** Jobs of account 333333 ("Studio A") and 444444 (no name) run, then finish in one poll. */
async function finishBoth(p: Parity): Promise<void> {
  const other = (n: string) => ({
    ...runningJob(n),
    id: `user:7777-minimax:444444-video:${n}`,
    account: '444444',
  });
  p.api.list = [runningJob('s1'), runningJob('s2'), other('o1'), other('o2')];
  p.c.checkNow();
  await p.monitor().whenIdle();
  for (const j of p.api.list) p.api.statuses.set(j.id, completed(j.id));
  p.api.list = [];
  p.c.checkNow();
  await p.monitor().whenIdle();
}

describe('controller: global shortcut', () => {
  test('at start the saved shortcut is registered and the window says it works', async () => {
    const p = await start();
    assert.deepEqual(p.ports.shortcutCalls, ['CommandOrControl+Shift+M']);
    assert.deepEqual(p.ports.lastView.shortcut, {
      label: 'Ctrl+Shift+M',
      activeLabel: 'Ctrl+Shift+M',
      defaultAccelerator: 'CommandOrControl+Shift+M',
      problem: null,
    });
  });

  test('switched off in the settings: nothing is registered', async () => {
    const p = await start({ stored: { globalShortcutEnabled: false } });
    assert.deepEqual(p.ports.shortcutCalls, [null]);
    assert.equal(p.ports.lastView.shortcut.activeLabel, null);
  });

  test('refused at start (Wayland, or taken): Settings and the log say so; the setting is kept', async () => {
    const p = await start({ refuses: () => true });
    const { shortcut, settings } = p.ports.lastView;
    assert.equal(shortcut.activeLabel, null);
    assert.match(
      shortcut.problem ?? '',
      /^Ctrl\+Shift\+M could not be set as the global shortcut: .*Wayland/,
    );
    assert.match(shortcut.problem ?? '', /No shortcut is active; the tray icon still opens the window\./);
    assert.equal(settings.globalShortcutEnabled, true, 'kept: the next session may allow it');
    assert.equal(p.warnings.filter((w) => w.includes('Ctrl+Shift+M could not be set')).length, 1);
  });

  test('a new shortcut is checked, registered and saved in its canonical form', async () => {
    const p = await start();
    const r = await p.commands.handle('settings:update', { globalShortcut: 'Alt+Control+K' });
    assert.deepEqual(r, { ok: true });
    assert.equal(p.ports.shortcutActive, 'CommandOrControl+Alt+K');
    assert.equal(p.settings.value.globalShortcut, 'CommandOrControl+Alt+K');
    assert.equal(p.ports.lastView.shortcut.label, 'Ctrl+Alt+K');
  });

  test('a shortcut the OS refuses is not saved: the previous one stays and Settings says so', async () => {
    const p = await start({ refuses: (a) => a.endsWith('+K') });
    const saves = p.settings.saves;
    const r = await p.commands.handle('settings:update', { globalShortcut: 'Ctrl+Alt+K' });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.message, /^Ctrl\+Alt\+K could not be set .* Ctrl\+Shift\+M still works\.$/);
    assert.equal(p.ports.shortcutActive, 'CommandOrControl+Shift+M');
    assert.equal(p.settings.saves, saves, 'nothing saved');
    assert.equal(p.settings.value.globalShortcut, 'CommandOrControl+Shift+M');
    const { shortcut } = p.ports.lastView;
    assert.equal(shortcut.activeLabel, 'Ctrl+Shift+M');
    assert.match(shortcut.problem ?? '', /Ctrl\+Alt\+K could not be set/);
    assert.ok(p.warnings.some((w) => w.includes('Ctrl+Alt+K could not be set')));
    // The next accepted change clears the message.
    assert.deepEqual(await p.commands.handle('settings:update', { globalShortcut: 'Ctrl+Alt+J' }), {
      ok: true,
    });
    assert.equal(p.ports.lastView.shortcut.problem, null);
  });

  test('an accelerator that breaks the rules never reaches the OS', async () => {
    const p = await start();
    const r = await p.commands.handle('settings:update', { globalShortcut: 'Shift+K' });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.message, /Add Ctrl, Alt or Super/);
    assert.deepEqual(p.ports.shortcutCalls, ['CommandOrControl+Shift+M']);
  });

  test('the off switch removes it and clears a refusal; switching on again retries', async () => {
    const p = await start({ refuses: () => true });
    assert.deepEqual(await p.commands.handle('settings:update', { globalShortcutEnabled: false }), {
      ok: true,
    });
    assert.equal(p.ports.shortcutCalls.at(-1), null);
    assert.equal(p.ports.lastView.shortcut.problem, null);
    assert.equal(p.settings.value.globalShortcutEnabled, false);
    p.ports.shortcutRefuses = () => false;
    assert.deepEqual(await p.commands.handle('settings:update', { globalShortcutEnabled: true }), {
      ok: true,
    });
    assert.equal(p.ports.shortcutActive, 'CommandOrControl+Shift+M');
    assert.equal(p.ports.lastView.shortcut.activeLabel, 'Ctrl+Shift+M');
  });

  test('other settings changes never touch the shortcut', async () => {
    const p = await start({ refuses: () => true });
    assert.deepEqual(await p.commands.handle('settings:update', { hidePrompts: true }), { ok: true });
    assert.equal(p.ports.shortcutCalls.length, 1);
  });

  test('when the settings cannot be saved, the shortcut goes back to the saved one', async () => {
    const p = await start();
    p.settings.failSave = true;
    const r = await p.commands.handle('settings:update', { globalShortcut: 'Ctrl+Alt+K' });
    assert.equal(r.ok, false);
    assert.equal(p.ports.shortcutActive, 'CommandOrControl+Shift+M');
  });
});

describe('controller: pinned window', () => {
  test('the saved pin goes to the window at start, and every change is saved and applied', async () => {
    const p = await start({ stored: { keepWindowOpen: true } });
    assert.deepEqual(p.ports.keepOpen, [true]);
    assert.deepEqual(await p.commands.handle('settings:update', { keepWindowOpen: false }), { ok: true });
    assert.deepEqual(p.ports.keepOpen, [true, false]);
    assert.equal(p.settings.value.keepWindowOpen, false);
    assert.equal(p.ports.lastView.settings.keepWindowOpen, false);
    await p.commands.handle('settings:update', { hidePrompts: true });
    assert.deepEqual(p.ports.keepOpen, [true, false], 'only a change of the pin is applied');
  });
});

describe('controller: per-account control', () => {
  test('every account appears in Settings with its name, or by id when it has none', async () => {
    const p = await start();
    p.c.setWindowVisible(true);
    p.api.list = [
      runningJob('s1'),
      { ...runningJob('o1'), id: 'user:7777-minimax:444444-video:o1', account: '444444' },
    ];
    p.c.checkNow();
    await p.monitor().whenIdle();
    assert.deepEqual(p.ports.lastView.accounts, [
      { account: '333333', name: 'Studio A', mode: 'notify', seen: true },
      { account: '444444', name: null, mode: 'notify', seen: true },
    ]);
  });

  test('a muted account is listed and counted but never notifies; a summary leaves it out', async () => {
    const p = await start();
    assert.deepEqual(await p.commands.handle('accounts:set-mode', { account: '444444', mode: 'muted' }), {
      ok: true,
    });
    assert.deepEqual(p.settings.value.accountModes, { '444444': 'muted' });
    await finishBoth(p);
    // Four finished at once; two are muted, so two notifications, not a summary of four.
    assert.deepEqual(
      p.ports.shown.map((n) => [n.kind, n.jobIds.map((id) => id.split('-minimax:')[1])]),
      [
        ['job', ['333333-video:s1']],
        ['job', ['333333-video:s2']],
      ],
    );
    assert.equal(p.ports.lastView.history.length, 4, 'still listed');
  });

  test('a hidden account is neither listed nor counted in the tray, and never notifies; notify brings it back', async () => {
    const p = await start();
    await p.commands.handle('accounts:set-mode', { account: '444444', mode: 'hidden' });
    p.api.list = [
      runningJob('s1'),
      { ...runningJob('o1'), id: 'user:7777-minimax:444444-video:o1', account: '444444' },
    ];
    p.c.checkNow();
    await p.monitor().whenIdle();
    assert.equal(p.ports.lastRender.count, 1);
    assert.equal(p.ports.lastRender.menuLabel, '1 job running');
    assert.deepEqual(
      p.ports.lastView.running.map((j) => j.account),
      ['333333'],
    );
    assert.equal(p.ports.lastView.accounts.find((a) => a.account === '444444')?.mode, 'hidden');
    await p.commands.handle('accounts:set-mode', { account: '444444', mode: 'notify' });
    assert.equal(p.ports.lastRender.count, 2, 'shown again at once, no poll needed');
    assert.deepEqual(p.settings.value.accountModes, {});
  });

  test('a refused mode change says why and saves nothing', async () => {
    const p = await start();
    const r = await p.commands.handle('accounts:set-mode', { account: 'x'.repeat(300), mode: 'muted' });
    assert.equal(r.ok, false);
    assert.deepEqual(p.settings.value.accountModes, {});
  });
});
