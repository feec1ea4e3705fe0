// The tray menu hand-over to electron-menubar, on the double playing each OS: no native context
// menu on macOS/Windows (there it would take the left click, or keep showing the first render's
// menu on right-click), the menu a right-click opens is always the current one, and the count
// stays in the tooltip after electron-menubar sets its own at `ready`.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppHandle } from '../../../main/electron/main.ts';
import { bootOnDouble } from '../../support/boot-on-double.ts';
import { recorder, type BrowserWindow, type Tray } from '../../support/electron-double.ts';
import { freshDouble, tempDir, until, withPlatform } from './helpers.ts';

let handle: AppHandle | null = null;
afterEach(async () => {
  await handle?.quit();
  handle = null;
});

async function boot(platform: NodeJS.Platform): Promise<{ tray: Tray; win: BrowserWindow }> {
  freshDouble();
  handle = await bootOnDouble({
    env: { MINIMAX_TRAY_USER_DATA: tempDir('mt-handover-'), MINIMAX_TRAY_NO_KEYCHAIN: '1' },
    argv: ['electron', '.', '--hidden'],
    platform,
    trayHost: { available: true, reason: 'test' },
    consoleLog: false,
  });
  assert.ok(handle);
  const tray = recorder.trays.at(-1);
  assert.ok(tray, 'a tray icon exists');
  await until(() => recorder.windows.length === 1, 'the popup window');
  return { tray, win: recorder.windows[0]! };
}

const labels = (t: Tray): string[] => t.openedMenu?.items.map((i) => i.label) ?? [];

for (const platform of ['darwin', 'win32'] as const) {
  describe(`${platform}: the menu is electron-menubar's right-click popup`, () => {
    test('no native menu is ever attached; a left click opens the window', () =>
      withPlatform(platform, async () => {
        const { tray, win } = await boot(platform);
        assert.deepEqual(recorder.find('tray.setContextMenu'), [], 'tray.setContextMenu was called');
        tray.simulateClick('left');
        await until(() => win.isVisible(), 'the window opened by a left click');
        assert.equal(tray.openedMenu, null, 'a left click opened a menu instead of the window');
      }));

    test('a right-click opens the current menu, also after the state changed', () =>
      withPlatform(platform, async () => {
        const { tray } = await boot(platform);
        tray.simulateClick('right');
        assert.equal(labels(tray)[0], 'No API token: open Settings');
        assert.ok(labels(tray).includes('Pause polling'));
        const pause = tray.openedMenu?.items.find((i) => i.label === 'Pause polling');
        pause?.click();
        await until(() => handle!.controller.view().status.paused, 'paused');
        tray.simulateClick('right');
        assert.ok(labels(tray).includes('Resume polling'), labels(tray).join(', '));
        assert.deepEqual(recorder.find('tray.setContextMenu'), []);
      }));
  });
}

describe('linux: the menu is the native one (the StatusNotifierItem host shows it)', () => {
  test('the native menu is the current one after every change', () =>
    withPlatform('linux', async () => {
      const { tray } = await boot('linux');
      tray.simulateClick('right');
      assert.equal(labels(tray)[0], 'No API token: open Settings');
      tray.openedMenu?.items.find((i) => i.label === 'Pause polling')?.click();
      await until(() => handle!.controller.view().status.paused, 'paused');
      tray.simulateClick('right');
      assert.ok(labels(tray).includes('Resume polling'), labels(tray).join(', '));
    }));
});

describe('tooltip', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    test(`${platform}: electron-menubar's ready does not leave its own tooltip`, () =>
      withPlatform(platform, async () => {
        const { tray } = await boot(platform);
        const set = recorder.find('tray.setToolTip').map((c) => c.args[0]);
        assert.ok(set.includes('MiniMax Tray'), `electron-menubar set its tooltip (${JSON.stringify(set)})`);
        assert.match(tray.tooltip, /^MiniMax Tray — .*API token/, 'the tooltip says what the tray shows');
      }));
  }
});
