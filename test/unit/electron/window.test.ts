import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { RENDERER_URL } from '../../../main/electron/protocol.ts';
import { JobWindow, preloadPath, rendererRoot } from '../../../main/electron/window.ts';
import { NAVIGATE_CHANNEL, VIEW_CHANNEL, type ViewModel } from '../../../main/ipc.ts';
import type { BrowserWindow } from '../../support/electron-double.ts';
import { doubleConfig, emitReady, Menu, nativeImage, recorder, Tray } from '../../support/electron-double.ts';
import { freshDouble, until } from './helpers.ts';

let appDir = '';
let visibility: boolean[] = [];
let jw: JobWindow | null = null;

beforeEach(() => {
  appDir = freshDouble();
  visibility = [];
  emitReady();
});
afterEach(() => {
  jw?.destroy();
  jw = null;
});

function only<T>(list: T[]): T {
  assert.equal(list.length, 1);
  return list[0]!;
}

function create(tray: Tray | null, startHidden: boolean): JobWindow {
  jw = new JobWindow({
    tray: tray as never,
    preload: preloadPath(),
    startHidden,
    onVisibility: (v) => visibility.push(v),
  });
  return jw;
}

async function popup(startHidden = true): Promise<{ jw: JobWindow; win: BrowserWindow; tray: Tray }> {
  const tray = new Tray(nativeImage.createEmpty());
  const w = create(tray, startHidden);
  await w.menuHost!.ready;
  const win = only(recorder.windows);
  await until(() => !win.webContents.isLoading(), 'page load');
  return { jw: w, win, tray };
}

describe('window security settings', () => {
  for (const mode of ['popup', 'normal window'] as const) {
    test(`${mode}: isolated, sandboxed, no Node, our preload, web security on`, async () => {
      if (mode === 'popup') await popup();
      else create(null, false);
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

  test("a tray click shows it; the window's own show/hide events report visibility", async () => {
    const { win, tray } = await popup();
    tray.simulateClick('left');
    await until(() => win.isVisible(), 'shown');
    assert.deepEqual(visibility, [true]);
    await jw!.handle('window:hide');
    assert.equal(win.isVisible(), false);
    assert.deepEqual(visibility, [true, false]);
    win.show(); // shown some other way (e.g. by the OS): still reported
    assert.deepEqual(visibility, [true, false, true]);
  });

  test('show(target) opens the window on that section, once the page has loaded', async () => {
    let finish = (): void => {};
    doubleConfig.pageLoad = () => new Promise((resolve) => (finish = () => resolve({ ok: true })));
    const tray = new Tray(nativeImage.createEmpty());
    const w = create(tray, true);
    await w.menuHost!.ready;
    const win = only(recorder.windows);
    w.show('settings');
    await until(() => win.isVisible(), 'shown');
    assert.equal(win.webContents.sent.length, 0, 'nothing is sent to a page still loading');
    finish();
    await until(() => win.webContents.sent.some((s) => s.channel === NAVIGATE_CHANNEL), 'navigate');
    assert.deepEqual(
      win.webContents.sent.filter((s) => s.channel === NAVIGATE_CHANNEL),
      [{ channel: NAVIGATE_CHANNEL, args: ['settings'] }],
    );
  });

  test('a page that fails to load is logged and electron-menubar still becomes ready', async () => {
    doubleConfig.pageLoad = async () => ({
      ok: false,
      errorCode: -6,
      errorDescription: 'ERR_FILE_NOT_FOUND',
    });
    const errors: string[] = [];
    const tray = new Tray(nativeImage.createEmpty());
    jw = new JobWindow({
      tray: tray as never,
      preload: preloadPath(),
      startHidden: true,
      onVisibility: () => {},
      logger: { debug() {}, info() {}, warn() {}, error: (m) => void errors.push(m) },
    });
    await jw.menuHost!.ready;
    await until(() => errors.length === 1, 'the failure logged');
    assert.match(errors[0]!, /page failed to load \(-6 ERR_FILE_NOT_FOUND\) app:\/\/renderer\/index\.html/);
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

  test('the tray context menu goes through electron-menubar, also before it is ready', async () => {
    const tray = new Tray(nativeImage.createEmpty());
    const w = create(tray, true);
    const menu = Menu.buildFromTemplate([{ label: 'x' }]);
    w.menuHost!.setContextMenu(menu as never);
    await w.menuHost!.ready;
    assert.equal(w.trayMenu(), menu);
    // Linux: electron-menubar hands it to the tray (the SNI host owns right-click).
    assert.equal(tray.contextMenu, menu);
  });
});

describe('pinned popup ("Keep open") and the global shortcut', () => {
  /** Long enough for electron-menubar's 100 ms hide-on-blur timer. */
  const afterBlurTimer = (): Promise<void> => new Promise((r) => setTimeout(r, 250));

  test('unpinned, the popup hides when it loses focus', async () => {
    const { win, tray } = await popup();
    tray.simulateClick('left');
    await until(() => win.isVisible(), 'shown');
    win.blur();
    await afterBlurTimer();
    assert.equal(win.isVisible(), false);
    assert.equal(visibility.at(-1), false);
  });

  test('pinned, it stays open (and on top) when focus goes elsewhere; Esc still hides it', async () => {
    const { win, tray } = await popup();
    jw!.setKeepOpen(true);
    tray.simulateClick('left');
    await until(() => win.isVisible(), 'shown');
    assert.equal(win.isAlwaysOnTop(), true);
    win.blur();
    await afterBlurTimer();
    assert.equal(win.isVisible(), true, 'still open after losing focus');
    // Esc in the page asks main to hide the window (window:hide).
    await jw!.handle('window:hide');
    assert.equal(win.isVisible(), false);
  });

  test('pinned before the window exists, and unpinned again', async () => {
    const tray = new Tray(nativeImage.createEmpty());
    const w = create(tray, true);
    w.setKeepOpen(true); // main applies the saved pin at start, before electron-menubar is ready
    await w.menuHost!.ready;
    const win = only(recorder.windows);
    w.show();
    await until(() => win.isVisible(), 'shown');
    win.blur();
    await afterBlurTimer();
    assert.equal(win.isVisible(), true, 'the pin set early applies');
    w.setKeepOpen(false);
    assert.equal(win.isAlwaysOnTop(), false);
    win.focus();
    win.blur();
    await afterBlurTimer();
    assert.equal(win.isVisible(), false, 'unpinned: hides on blur again');
  });

  test('toggle (the shortcut) shows the popup when hidden and hides it when shown', async () => {
    const { win } = await popup();
    jw!.toggle();
    await until(() => win.isVisible(), 'shown by the shortcut');
    jw!.toggle();
    await until(() => !win.isVisible(), 'hidden by the shortcut');
  });

  test('without a tray, toggle brings the normal window to the front or minimises it', () => {
    const w = create(null, false);
    w.open('jobs');
    const win = only(recorder.windows);
    w.toggle();
    assert.equal(win.isMinimized(), true, 'focused: minimised');
    w.toggle();
    assert.equal(win.isMinimized(), false);
    assert.equal(win.isVisible(), true);
    win.blur();
    w.toggle();
    assert.equal(win.isMinimized(), false, 'open behind another window: brought forward, not minimised');
    assert.equal(win.isFocused(), true);
  });
});

describe('normal window (no tray host)', () => {
  test('framed, in the taskbar, shown once open() is called; closing quits the app', async () => {
    const w = create(null, false);
    const win = only(recorder.windows);
    assert.notEqual(win.options.frame, false);
    assert.notEqual(win.options.skipTaskbar, true);
    assert.equal(win.isVisible(), false, 'not shown before start-up is done');
    w.open('jobs');
    assert.equal(win.isVisible(), true);
    assert.deepEqual(visibility, [true]);
    win.close();
    assert.equal(recorder.find('app.quit').length, 1);
  });

  test('started hidden (login) it opens minimised, never invisible', () => {
    const w = create(null, true);
    w.open('jobs');
    const win = only(recorder.windows);
    assert.equal(win.isMinimized(), true);
    assert.equal(recorder.find('BrowserWindow.showInactive').length, 1);
    assert.equal(visibility.at(-1), false);
    w.show('jobs');
    assert.equal(win.isMinimized(), false);
    assert.equal(visibility.at(-1), true);
  });
});
