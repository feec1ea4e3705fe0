// The test hooks report what the OS did: a notification is `shown` only when Electron emits
// `show`, `refused` on `failed`, `no-answer` after 5 s of neither; the tray is what its calls
// that returned set (whoever made them), plus getTitle() on macOS.
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { PlannedNotification } from '../../../main/app/notification-planner.ts';
import { ElectronNotifier } from '../../../main/electron/notifications.ts';
import { OS_ANSWER_MS, TestHookRecorder } from '../../../main/electron/test-hooks.ts';
import { createTray } from '../../../main/electron/tray.ts';
import {
  doubleConfig,
  Menu,
  nativeImage,
  recorder,
  REFUSED_ERROR,
  type Tray,
} from '../../support/electron-double.ts';
import { freshDouble, until } from './helpers.ts';

const planned: PlannedNotification = {
  kind: 'job',
  title: 'Video ready',
  body: '“a fox”',
  url: null,
  jobIds: ['user:1-minimax:1-video:1'],
  outcome: 'succeeded',
};

let iconDir = '';
let nowMs = 0;
beforeEach(() => {
  iconDir = path.join(freshDouble(), 'assets', 'generated', 'tray');
  nowMs = 1_000_000;
});

function setup(platform = 'linux'): { hooks: TestHookRecorder; notifier: ElectronNotifier } {
  const hooks = new TestHookRecorder({ platform, iconDir, now: () => nowMs });
  const notifier = new ElectronNotifier({
    showWindow: () => {},
    onUnavailable: () => {},
    platform,
    watch: hooks.watchNotification,
  });
  return { hooks, notifier };
}

describe('notifications: what the OS answered', () => {
  test('shown only once the OS emits show, not when show() is called', async () => {
    const { hooks, notifier } = setup();
    notifier.show(planned);
    assert.equal(hooks.notifications()[0]?.os, 'pending', 'show() alone proves nothing');
    await until(() => hooks.notifications()[0]?.os === 'shown', 'the OS showed it');
    const [n] = hooks.notifications();
    assert.deepEqual(
      { title: n!.title, jobIds: n!.jobIds, error: n!.error },
      {
        title: 'Video ready',
        jobIds: planned.jobIds,
        error: null,
      },
    );
    assert.equal(n!.answerMs, 0);
  });

  test('refused on failed, with the error the OS gave', async () => {
    doubleConfig.notificationAnswer = 'failed';
    const { hooks, notifier } = setup('darwin');
    notifier.show(planned);
    await until(() => hooks.notifications()[0]?.os === 'refused', 'failed');
    assert.equal(hooks.notifications()[0]!.error, REFUSED_ERROR);
  });

  test('no-answer when neither came within 5 s; a later show does not change that', async () => {
    doubleConfig.notificationAnswer = 'silent';
    const { hooks, notifier } = setup('win32');
    notifier.show(planned);
    await new Promise((r) => setImmediate(r));
    nowMs += OS_ANSWER_MS;
    assert.equal(hooks.notifications()[0]!.os, 'pending', 'exactly 5 s is still in time');
    nowMs += 1;
    assert.equal(hooks.notifications()[0]!.os, 'no-answer');
    recorder.notifications[0]!.emit('show', {});
    assert.equal(hooks.notifications()[0]!.os, 'no-answer');
    assert.equal(hooks.notifications()[0]!.answerMs, OS_ANSWER_MS + 1);
  });
});

describe('tray: the calls that returned', () => {
  function watchedTray(platform: string): { hooks: TestHookRecorder; tray: Tray } {
    const { hooks } = setup(platform);
    const tray = createTray({ iconDir, platform }) as unknown as Tray;
    hooks.watchTray(tray as never);
    return { hooks, tray };
  }
  const window = (menu: Menu | null) => ({ trayMenu: () => menu as never });

  test("every caller's calls count, electron-menubar's too; the icon is named by its pixels", () => {
    const { hooks, tray } = watchedTray('linux');
    assert.equal(hooks.trayRecord(window(null))?.iconFile, null, 'nothing set since it was watched');
    tray.setImage(nativeImage.createFromPath(path.join(iconDir, 'running-3.png')));
    tray.setToolTip('MiniMax Tray — 3 jobs running');
    tray.setToolTip('MiniMax Tray'); // electron-menubar at ready, when nobody sets it again
    const menu = Menu.buildFromTemplate([{ label: '3 jobs running', enabled: false }, { type: 'separator' }]);
    tray.setContextMenu(menu);
    assert.deepEqual(hooks.trayRecord(window(null)), {
      iconFile: 'running-3.png',
      tooltip: 'MiniMax Tray',
      title: '',
      menuLabels: ['3 jobs running', ''],
      nativeMenuCalls: 1,
      badgeCount: 0,
    });
  });

  test('a call that throws is not recorded', () => {
    const { hooks } = setup('linux');
    const tray = createTray({ iconDir, platform: 'linux' }) as unknown as Tray;
    let refuse = false;
    const real = tray.setToolTip.bind(tray);
    tray.setToolTip = (text: string) => {
      if (refuse) throw new Error('the tray refused');
      real(text);
    };
    hooks.watchTray(tray as never);
    tray.setToolTip('before');
    refuse = true;
    assert.throws(() => tray.setToolTip('after'), /refused/);
    assert.equal(hooks.trayRecord(window(null))?.tooltip, 'before');
    tray.destroy();
    assert.equal(hooks.trayRecord(window(null)), null, 'a destroyed tray has no record');
  });

  test("macOS: the title is the tray's getTitle(); the menu is electron-menubar's pop-up", () => {
    const { hooks, tray } = watchedTray('darwin');
    tray.setTitle('4', { fontType: 'monospacedDigit' });
    const popup = Menu.buildFromTemplate([{ label: '4 jobs running' }]);
    const rec = hooks.trayRecord(window(popup));
    assert.equal(rec?.title, '4');
    assert.deepEqual(rec?.menuLabels, ['4 jobs running']);
    assert.equal(rec?.nativeMenuCalls, 0);
  });
});
