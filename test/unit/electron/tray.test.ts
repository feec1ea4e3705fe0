import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { TrayRender } from '../../../main/app/ports.ts';
import { presentTray, problemText } from '../../../main/app/tray-presenter.ts';
import {
  createTray,
  currentTray,
  currentTrayMenu,
  destroyTray,
  renderTray,
  setMenuSink,
  trayIconDir,
  trayStateSnapshot,
  type TrayActions,
} from '../../../main/electron/tray.ts';
import type { TrayState } from '../../../main/ipc.ts';
import {
  app,
  dockDouble,
  doubleConfig,
  recorder,
  type NativeImage,
  type Tray,
} from '../../support/electron-double.ts';
import { freshDouble } from './helpers.ts';

let appDir = '';
let iconDir = '';
let clicked: string[] = [];

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

function liveTray(): Tray {
  const t = currentTray() as unknown as Tray | null;
  assert.ok(t, 'a tray exists');
  return t;
}

function imagePath(t: Tray): string | null {
  return (t.image as NativeImage).path;
}

beforeEach(() => {
  appDir = freshDouble();
  iconDir = path.join(appDir, 'assets', 'generated', 'tray');
  clicked = [];
});
afterEach(() => destroyTray());

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
        createTray({ iconDir, platform, actions });
        renderTray(render(state, count, platform));
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
        const menu = t.contextMenu;
        assert.ok(menu, 'a context menu is always set');
        assert.ok(menu.items[0]!.label.startsWith(words), menu.items[0]!.label);
        assert.equal(menu.items[0]!.enabled, false);
        const snap = trayStateSnapshot();
        assert.equal(snap?.count, count);
        assert.equal(snap?.iconFile, file);
      });
    }
  }

  test('Linux sets the launcher badge to the count; Windows has none', () => {
    createTray({ iconDir, platform: 'linux', actions });
    renderTray(render('running', 4, 'linux'));
    assert.equal(app.getBadgeCount(), 4);
    renderTray(render('idle', 0, 'linux'));
    assert.equal(app.getBadgeCount(), 0);
    destroyTray();
    recorder.clearCalls();
    createTray({ iconDir, platform: 'win32', actions });
    renderTray(render('running', 4, 'win32'));
    assert.equal(recorder.find('app.setBadgeCount').length, 0);
  });

  test('error and offline say why in the tooltip', () => {
    createTray({ iconDir, platform: 'linux', actions });
    renderTray(render('offline', 2, 'linux', { problem: problemText('network') }));
    assert.match(liveTray().tooltip, /2 jobs running \(last known\); no connection/);
    renderTray(render('error', 0, 'linux', { problem: problemText('unauthorized') }));
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
      createTray({ iconDir, platform: 'darwin', actions });
      renderTray(render(state, count, 'darwin'));
      const t = liveTray();
      assert.equal(imagePath(t), path.join(iconDir, `${state}Template.png`));
      assert.equal((t.image as NativeImage).isTemplateImage(), true);
      assert.equal(t.title, title);
      assert.deepEqual(t.titleOptions, { fontType: 'monospacedDigit' });
    });
  }

  test('no Dock badge while the Dock icon is hidden; a visible Dock gets one', () => {
    app.dock = dockDouble;
    dockDouble.hide();
    createTray({ iconDir, platform: 'darwin', actions });
    renderTray(render('running', 5, 'darwin'));
    assert.equal(recorder.find('app.setBadgeCount').length, 0);
    void dockDouble.show();
    renderTray(render('running', 6, 'darwin'));
    assert.equal(app.getBadgeCount(), 6);
  });
});

describe('tray context menu', () => {
  test('has every command, in order, and each item does what it says', () => {
    createTray({ iconDir, platform: 'linux', actions });
    renderTray(render('running', 2, 'linux'));
    const menu = liveTray().contextMenu!;
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
    for (const item of menu.items) item.click();
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
    createTray({ iconDir, platform: 'linux', actions });
    renderTray(render('paused', 0, 'linux', { paused: true, muted: true, hasToken: false }));
    const menu = liveTray().contextMenu!;
    const byLabel = (l: string) => menu.items.find((i) => i.label === l);
    assert.ok(byLabel('Resume polling'));
    assert.ok(byLabel('Unmute notifications'));
    assert.equal(byLabel('Check now')?.enabled, false);
    byLabel('Resume polling')!.click();
    byLabel('Unmute notifications')!.click();
    byLabel('Check now')!.click();
    assert.deepEqual(clicked, ['setPaused false', 'mute null']);
  });

  test('the menu is set again after every change, and only then', () => {
    createTray({ iconDir, platform: 'linux', actions });
    renderTray(render('running', 2, 'linux'));
    renderTray(render('running', 2, 'linux'));
    assert.equal(recorder.find('tray.setContextMenu').length, 1);
    renderTray(render('running', 3, 'linux'));
    assert.equal(recorder.find('tray.setContextMenu').length, 2);
    assert.equal(liveTray().contextMenu!.items[0]!.label, '3 jobs running');
  });

  test('with electron-menubar the menu goes through its sink, including the one already built', () => {
    createTray({ iconDir, platform: 'darwin', actions });
    renderTray(render('idle', 0, 'darwin'));
    const sunk: unknown[] = [];
    setMenuSink((m) => sunk.push(m));
    assert.equal(sunk.length, 1);
    assert.equal(sunk[0], currentTrayMenu());
    renderTray(render('running', 1, 'darwin'));
    assert.equal(sunk.length, 2);
  });
});

describe('tray icons', () => {
  test('a missing icon file keeps the previous image instead of an empty one', () => {
    createTray({ iconDir, platform: 'linux', actions });
    renderTray(render('running', 1, 'linux'));
    const before = imagePath(liveTray());
    destroyTray();
    createTray({ iconDir: path.join(appDir, 'nowhere'), platform: 'linux', actions });
    const firstImage = liveTray().image;
    renderTray(render('running', 2, 'linux'));
    assert.equal(liveTray().image, firstImage);
    assert.ok(before?.endsWith('running-1.png'));
  });

  test('icons come from resources/tray when packaged, assets/generated/tray in development', () => {
    assert.equal(
      trayIconDir(true, '/opt/MiniMax Tray/resources'),
      path.join('/opt/MiniMax Tray/resources', 'tray'),
    );
    doubleConfig.appPath = '/src/app';
    assert.equal(trayIconDir(false, undefined), path.join('/src/app', 'assets', 'generated', 'tray'));
  });

  test('the tray is kept at module level until destroyed', () => {
    const t = createTray({ iconDir, platform: 'linux', actions });
    assert.equal(createTray({ iconDir, platform: 'linux', actions }), t, 'created once');
    assert.equal(currentTray(), t);
    destroyTray();
    assert.equal(currentTray(), null);
    assert.equal(recorder.find('tray.destroy').length, 1);
  });
});
