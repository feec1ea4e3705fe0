import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { RENDERER_URL } from '../../../main/electron/protocol.ts';
import { JobWindow, preloadPath, rendererRoot } from '../../../main/electron/window.ts';
import { NAVIGATE_CHANNEL, VIEW_CHANNEL, type ViewModel } from '../../../main/ipc.ts';
import type { BrowserWindow } from '../../support/electron-double.ts';
import { app, nativeImage, recorder, Tray } from '../../support/electron-double.ts';
import { freshDouble, until } from './helpers.ts';

let appDir = '';
let visibility: boolean[] = [];
let jw: JobWindow | null = null;

beforeEach(async () => {
  appDir = freshDouble();
  visibility = [];
  await app.whenReady();
});
afterEach(() => {
  jw?.destroy();
  jw = null;
});

function only<T>(list: T[]): T {
  assert.equal(list.length, 1);
  return list[0]!;
}

async function popup(startHidden = true): Promise<{ jw: JobWindow; win: BrowserWindow; tray: Tray }> {
  const tray = new Tray(nativeImage.createEmpty());
  jw = await JobWindow.create({
    tray: tray as never,
    preload: preloadPath(),
    startHidden,
    onVisibility: (v) => visibility.push(v),
  });
  await until(() => recorder.find('BrowserWindow.loadURL').length === 1, 'page load');
  return { jw, win: only(recorder.windows), tray };
}

describe('window security settings', () => {
  for (const mode of ['popup', 'normal window'] as const) {
    test(`${mode}: isolated, sandboxed, no Node, our preload, web security on`, async () => {
      if (mode === 'popup') await popup();
      else
        jw = await JobWindow.create({
          tray: null,
          preload: preloadPath(),
          startHidden: false,
          onVisibility: () => {},
        });
      const win = only(recorder.windows);
      const prefs = win.webPreferences;
      assert.equal(prefs.contextIsolation, true);
      assert.equal(prefs.sandbox, true);
      assert.equal(prefs.nodeIntegration, false);
      assert.equal(prefs.nodeIntegrationInWorker, false);
      assert.equal(prefs.webSecurity, true);
      assert.equal(prefs.allowRunningInsecureContent, false);
      assert.equal(prefs.spellcheck, false);
      assert.equal(prefs.preload, path.join(appDir, 'dist', 'preload', 'preload.cjs'));
      assert.equal(win.loadedUrl, RENDERER_URL);
    });
  }

  test('renderer files are served from dist/renderer of the app folder', () => {
    assert.equal(rendererRoot(), path.join(appDir, 'dist', 'renderer'));
  });
});

describe('tray popup (electron-menubar)', () => {
  test('is created hidden at start, frameless and out of the taskbar', async () => {
    const { win } = await popup();
    assert.equal(win.options.show, false);
    assert.equal(win.options.frame, false);
    assert.equal(win.options.skipTaskbar, true);
    assert.equal(win.isVisible(), false);
  });

  test('a tray click shows it; show/hide report visibility', async () => {
    const { win, tray } = await popup();
    tray.emit('click', {}, { x: 1800, y: 0, width: 24, height: 24 });
    await until(() => win.isVisible(), 'shown');
    assert.deepEqual(visibility, [true]);
    jw!.hide();
    assert.equal(win.isVisible(), false);
    assert.deepEqual(visibility, [true, false]);
  });

  test('show(target) opens the window on that section', async () => {
    const { win } = await popup();
    jw!.show('settings');
    await until(() => win.webContents.sent.some((s) => s.channel === NAVIGATE_CHANNEL), 'navigate');
    assert.equal(win.isVisible(), true);
    assert.deepEqual(
      win.webContents.sent.filter((s) => s.channel === NAVIGATE_CHANNEL),
      [{ channel: NAVIGATE_CHANNEL, args: ['settings'] }],
    );
  });

  test('closing hides instead of destroying, so the next click is instant', async () => {
    const { win } = await popup();
    jw!.show();
    await until(() => win.isVisible(), 'shown');
    win.close();
    assert.equal(win.isDestroyed(), false);
    await until(() => !win.isVisible(), 'hidden after close');
  });

  test('views are pushed to the page', async () => {
    const { win } = await popup();
    const view = { version: 'v' } as unknown as ViewModel;
    jw!.push(view);
    assert.deepEqual(win.webContents.sent, [{ channel: VIEW_CHANNEL, args: [view] }]);
  });

  test('the tray context menu is attached through electron-menubar', async () => {
    const { tray } = await popup();
    const { Menu } = await import('../../support/electron-double.ts');
    const menu = Menu.buildFromTemplate([{ label: 'x' }]);
    jw!.setContextMenu(menu as never);
    // Linux: tray.setContextMenu (the SNI host owns right-click).
    assert.equal(tray.contextMenu, menu);
  });
});

describe('normal window (no tray host)', () => {
  test('framed, in the taskbar, shown at start; closing quits the app', async () => {
    jw = await JobWindow.create({
      tray: null,
      preload: preloadPath(),
      startHidden: false,
      onVisibility: (v) => visibility.push(v),
    });
    const win = only(recorder.windows);
    assert.notEqual(win.options.frame, false);
    assert.notEqual(win.options.skipTaskbar, true);
    assert.equal(win.isVisible(), true);
    assert.deepEqual(visibility, [true]);
    win.close();
    assert.equal(recorder.find('app.quit').length, 1);
  });

  test('started hidden (login) it opens minimised, never invisible', async () => {
    jw = await JobWindow.create({
      tray: null,
      preload: preloadPath(),
      startHidden: true,
      onVisibility: (v) => visibility.push(v),
    });
    const win = only(recorder.windows);
    assert.equal(win.isMinimized(), true);
    assert.equal(recorder.find('BrowserWindow.showInactive').length, 1);
    jw.show('jobs');
    assert.equal(win.isMinimized(), false);
    assert.equal(visibility[visibility.length - 1], true);
  });
});
