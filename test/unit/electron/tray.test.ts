import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { TrayRender } from '../../../main/app/ports.ts';
import { presentTray, problemText } from '../../../main/app/tray-presenter.ts';
import {
  createTray,
  TrayIcon,
  trayIconDir,
  type TrayActions,
  type TrayMenuHost,
} from '../../../main/electron/tray.ts';
import type { TrayState } from '../../../main/ipc.ts';
import {
  app,
  dockDouble,
  doubleConfig,
  recorder,
  type Menu,
  type NativeImage,
  type Tray,
} from '../../support/electron-double.ts';
import { freshDouble } from './helpers.ts';

let appDir = '';
let iconDir = '';
let clicked: string[] = [];
let icon: TrayIcon | null = null;
/** What electron-menubar was handed, and its `ready` (resolved by the test). */
let host: TrayMenuHost & { menus: Menu[]; becomeReady(): void };

const actions: TrayActions = {
  showJobs: () => clicked.push('showJobs'),
  showSettings: () => clicked.push('showSettings'),
  checkNow: () => clicked.push('checkNow'),
  setPaused: (p) => clicked.push(`setPaused ${p}`),
  mute: (m) => clicked.push(`mute ${m}`),
  openLogs: () => clicked.push('openLogs'),
  copyDebugInfo: () => clicked.push('copyDebugInfo'),
  about: () => clicked.push('about'),
  quit: () => clicked.push('quit'),
};

function render(
  state: TrayState,
  count: number,
  platform: string,
  extra: Partial<TrayRender> & { problem?: string | null } = {},
): TrayRender {
  return {
    ...presentTray({ state, count, platform, problem: extra.problem ?? null }),
    paused: false,
    muted: false,
    hasToken: true,
    ...extra,
  };
}

function fakeHost(): typeof host {
  let becomeReady = (): void => {};
  const ready = new Promise<void>((resolve) => (becomeReady = resolve));
  const menus: Menu[] = [];
  return { menus, ready, becomeReady, setContextMenu: (m) => void menus.push(m as unknown as Menu) };
}

/** Creates the Electron tray and its TrayIcon, as main.ts does. */
function trayIcon(platform: string, dir = iconDir): TrayIcon {
  const tray = createTray({ iconDir: dir, platform });
  icon = new TrayIcon({ tray, iconDir: dir, platform, actions, menuHost: host });
  return icon;
}

function liveTray(): Tray {
  const t = recorder.trays.at(-1);
  assert.ok(t && !t.isDestroyed(), 'a tray exists');
  return t;
}

/** The menu a user would open now: the last one handed to electron-menubar. */
function currentMenu(): Menu {
  const m = host.menus.at(-1);
  assert.ok(m, 'a menu was handed over');
  return m;
}

function imagePath(t: Tray): string | null {
  return (t.image as NativeImage).path;
}

beforeEach(() => {
  appDir = freshDouble();
  iconDir = path.join(appDir, 'assets', 'generated', 'tray');
  clicked = [];
  host = fakeHost();
});
afterEach(() => {
  icon?.destroy();
  icon = null;
});

describe('tray on Linux and Windows', () => {
  const cases: Array<[TrayState, number, string]> = [
    ['idle', 0, 'idle.png'],
    ['running', 1, 'running-1.png'],
    ['running', 9, 'running-9.png'],
    ['running', 10, 'running-9plus.png'],
    ['running', 250, 'running-9plus.png'],
    ['error', 2, 'error.png'],
    ['offline', 3, 'offline.png'],
    ['paused', 0, 'paused.png'],
  ];
  for (const platform of ['linux', 'win32']) {
    for (const [state, count, file] of cases) {
      test(`${platform}: ${state} with ${count} jobs → ${file}, count in tooltip and first menu item`, () => {
        trayIcon(platform).render(render(state, count, platform));
        const t = liveTray();
        assert.equal(imagePath(t), path.join(iconDir, file));
        const img = t.image as NativeImage;
        assert.equal(img.isTemplateImage(), false);
        assert.ok(
          img.representations.some((r) => r.scaleFactor === 2),
          'a 2x representation is added for high-DPI screens',
        );
        assert.equal(recorder.find('tray.setTitle').length, 0, 'no title off macOS');
        const words = count === 0 ? 'No jobs running' : `${count} ${count === 1 ? 'job' : 'jobs'} running`;
        assert.ok(t.tooltip.includes(words), t.tooltip);
        const menu = currentMenu();
        assert.ok(menu.items[0]!.label.startsWith(words), menu.items[0]!.label);
        assert.equal(menu.items[0]!.enabled, false);
      });
    }
  }

  test('Linux sets the launcher badge to the count; Windows has none', () => {
    const linux = trayIcon('linux');
    linux.render(render('running', 4, 'linux'));
    assert.equal(app.getBadgeCount(), 4);
    linux.render(render('idle', 0, 'linux'));
    assert.equal(app.getBadgeCount(), 0);
    linux.destroy();
    recorder.clearCalls();
    trayIcon('win32').render(render('running', 4, 'win32'));
    assert.equal(recorder.find('app.setBadgeCount').length, 0);
  });

  test('error and offline say why in the tooltip', () => {
    const t0 = trayIcon('linux');
    t0.render(render('offline', 2, 'linux', { problem: problemText('network') }));
    assert.match(liveTray().tooltip, /2 jobs running \(last known\); no connection/);
    t0.render(render('error', 0, 'linux', { problem: problemText('unauthorized') }));
    assert.match(liveTray().tooltip, /token was rejected/);
    assert.equal(imagePath(liveTray()), path.join(iconDir, 'error.png'));
  });
});

describe('tray on macOS', () => {
  for (const [state, count, title] of [
    ['idle', 0, ''],
    ['running', 1, '1'],
    ['running', 9, '9'],
    ['running', 12, '12'],
    ['error', 3, '3'],
    ['offline', 0, ''],
  ] as Array<[TrayState, number, string]>) {
    test(`${state} with ${count} jobs: template icon, title "${title}" in monospaced digits`, () => {
      trayIcon('darwin').render(render(state, count, 'darwin'));
      const t = liveTray();
      assert.equal(imagePath(t), path.join(iconDir, `${state}Template.png`));
      assert.equal((t.image as NativeImage).isTemplateImage(), true);
      assert.equal(t.getTitle(), title);
      assert.deepEqual(t.titleOptions, { fontType: 'monospacedDigit' });
    });
  }

  test('no Dock badge while the Dock icon is hidden; a visible Dock gets one', () => {
    app.dock = dockDouble;
    dockDouble.hide();
    const t0 = trayIcon('darwin');
    t0.render(render('running', 5, 'darwin'));
    assert.equal(recorder.find('app.setBadgeCount').length, 0);
    void dockDouble.show();
    t0.render(render('running', 6, 'darwin'));
    assert.equal(app.getBadgeCount(), 6);
  });
});

describe('tray context menu', () => {
  test('has every command, in order, and each item does what it says', () => {
    trayIcon('linux').render(render('running', 2, 'linux'));
    const menu = currentMenu();
    const labels = menu.items.filter((i) => i.type !== 'separator').map((i) => i.label);
    assert.deepEqual(labels, [
      '2 jobs running',
      'Show jobs',
      'Check now',
      'Pause polling',
      'Mute notifications for 1 hour',
      'Settings…',
      'Open logs',
      'Copy debug info',
      'About MiniMax Tray',
      'Quit MiniMax Tray',
    ]);
    for (const item of menu.items) if (item.enabled) item.click();
    assert.deepEqual(clicked, [
      'showJobs',
      'checkNow',
      'setPaused true',
      'mute 60',
      'showSettings',
      'openLogs',
      'copyDebugInfo',
      'about',
      'quit',
    ]);
  });

  test('paused and muted flip their items; no token disables Check now', () => {
    trayIcon('linux').render(render('paused', 0, 'linux', { paused: true, muted: true, hasToken: false }));
    const menu = currentMenu();
    const byLabel = (l: string) => menu.items.find((i) => i.label === l);
    assert.equal(byLabel('Check now')?.enabled, false, 'the OS delivers no click to a disabled item');
    byLabel('Resume polling')!.click();
    byLabel('Unmute notifications')!.click();
    assert.deepEqual(clicked, ['setPaused false', 'mute null']);
  });

  test('every menu goes to electron-menubar, from the first render on; none is attached to the tray', () => {
    const t0 = trayIcon('darwin');
    t0.render(render('idle', 0, 'darwin'));
    assert.equal(host.menus.length, 1, 'the first render hands its menu over');
    assert.deepEqual(
      recorder.find('tray.setContextMenu'),
      [],
      'no native menu: on macOS it would take the left click',
    );
    t0.render(render('running', 1, 'darwin'));
    assert.equal(host.menus.length, 2);
    assert.equal(currentMenu().items[0]!.label, '1 job running');
  });

  test('a menu is handed over after every change, and only then', () => {
    const t0 = trayIcon('linux');
    t0.render(render('running', 2, 'linux'));
    t0.render(render('running', 2, 'linux'));
    assert.equal(host.menus.length, 1);
    t0.render(render('running', 3, 'linux'));
    assert.equal(host.menus.length, 2);
    assert.equal(currentMenu().items[0]!.label, '3 jobs running');
  });

  test('the last render is applied again once electron-menubar is ready (it sets its own tooltip then)', async () => {
    const t0 = trayIcon('win32');
    t0.render(render('running', 2, 'win32'));
    liveTray().setToolTip('MiniMax Tray'); // what electron-menubar does at `ready`
    host.becomeReady();
    await new Promise((r) => setImmediate(r));
    assert.equal(liveTray().tooltip, 'MiniMax Tray — 2 jobs running');
  });
});

describe('tray icons', () => {
  test('a missing icon file keeps the previous image instead of an empty one', () => {
    const t0 = trayIcon('linux', path.join(appDir, 'nowhere'));
    const firstImage = liveTray().image;
    t0.render(render('running', 2, 'linux'));
    assert.equal(liveTray().image, firstImage);
    assert.equal(recorder.find('tray.setImage').length, 0);
  });

  test('icons come from resources/tray when packaged, assets/generated/tray in development', () => {
    assert.equal(
      trayIconDir(true, '/opt/MiniMax Tray/resources'),
      path.join('/opt/MiniMax Tray/resources', 'tray'),
    );
    doubleConfig.appPath = '/src/app';
    assert.equal(trayIconDir(false, undefined), path.join('/src/app', 'assets', 'generated', 'tray'));
  });

  test('the tray starts with the idle icon and is removed on destroy', () => {
    trayIcon('linux');
    assert.equal(imagePath(liveTray()), path.join(iconDir, 'idle.png'));
    icon!.destroy();
    assert.equal(recorder.trays.at(-1)!.isDestroyed(), true);
    assert.equal(recorder.find('tray.destroy').length, 1);
  });
});
