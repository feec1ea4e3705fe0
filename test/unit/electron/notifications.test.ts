import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlannedNotification } from '../../../main/app/notification-planner.ts';
import { ElectronNotifier, MAX_KEPT } from '../../../main/electron/notifications.ts';
import { doubleConfig, Notification, recorder } from '../../support/electron-double.ts';
import { freshDouble, until } from './helpers.ts';

const job = (url: string | null, title = 'Video ready'): PlannedNotification => ({
  kind: 'job',
  title,
  body: '“a fox” · account 1',
  url,
  jobIds: ['user:1-minimax:1-video:1'],
  outcome: 'succeeded',
});
const summary: PlannedNotification = {
  kind: 'summary',
  title: '3 jobs finished',
  body: '3 succeeded.',
  url: null,
  jobIds: ['a', 'b', 'c'],
  outcome: null,
};

let windowShown = 0;
let unavailable: string[] = [];

function notifier(platform = 'linux'): ElectronNotifier {
  return new ElectronNotifier({
    showWindow: () => windowShown++,
    onUnavailable: (r) => unavailable.push(r),
    platform,
  });
}

function last(): Notification {
  const n = recorder.notifications[recorder.notifications.length - 1];
  assert.ok(n, 'a notification was created');
  return n;
}

beforeEach(() => {
  freshDouble();
  windowShown = 0;
  unavailable = [];
});

describe('notifications', () => {
  test('one native notification per planned one, with its title and body, shown at once', async () => {
    const watched: Array<[Notification, PlannedNotification]> = [];
    const n = new ElectronNotifier({
      showWindow: () => windowShown++,
      onUnavailable: (r) => unavailable.push(r),
      platform: 'linux',
      watch: (native, planned) => void watched.push([native as unknown as Notification, planned]),
    });
    const planned = job('https://cdn.example/1.mp4');
    n.show(planned);
    assert.equal(recorder.notifications.length, 1);
    assert.equal(last().title, 'Video ready');
    assert.equal(last().body, '“a fox” · account 1');
    assert.deepEqual(recorder.find('Notification.show').length, 1);
    assert.deepEqual(watched, [[last(), planned]], 'the watcher gets it before show()');
    await until(() => last().shown, 'the OS showed it');
    assert.equal(n.unavailable(), false);
  });

  test('kept alive until clicked; clicking opens the https result URL in the browser', async () => {
    const n = notifier();
    n.show(job('https://cdn.example/1.mp4'));
    assert.equal(n.live.size, 1);
    last().emit('click');
    assert.equal(n.live.size, 0);
    await until(() => recorder.find('shell.openExternal').length === 1, 'openExternal');
    assert.deepEqual(recorder.find('shell.openExternal')[0]!.args[0], 'https://cdn.example/1.mp4');
    assert.equal(windowShown, 0);
  });

  test('kept alive until closed (Linux, macOS)', () => {
    const n = notifier('darwin');
    n.show(job(null));
    assert.equal(n.live.size, 1);
    last().close();
    assert.equal(n.live.size, 0);
  });

  test('on Windows a closed toast stays clickable from the Action Center, so it is kept', () => {
    const n = notifier('win32');
    n.show(job('https://cdn.example/2.mp4'));
    last().close();
    assert.equal(n.live.size, 1);
    last().emit('click');
    assert.equal(n.live.size, 0);
  });

  test('never more than MAX_KEPT objects are held', () => {
    const n = notifier('win32');
    for (let i = 0; i < MAX_KEPT + 5; i++) n.show(job(null, `n${i}`));
    assert.equal(n.live.size, MAX_KEPT);
  });

  test('a summary, or a job without a URL, opens the window on click', () => {
    const n = notifier();
    n.show(summary);
    last().emit('click');
    n.show(job(null));
    last().emit('click');
    assert.equal(windowShown, 2);
    assert.equal(recorder.find('shell.openExternal').length, 0);
  });

  test('a non-https URL is never handed to the OS; the window opens instead', async () => {
    const n = notifier();
    n.show(job('file:///etc/passwd'));
    last().emit('click');
    await until(() => windowShown === 1, 'window shown');
    assert.equal(recorder.find('shell.openExternal').length, 0);
  });

  test('"failed" (e.g. an unsigned macOS build) marks notifications unavailable, once', async () => {
    doubleConfig.notificationAnswer = 'failed';
    const n = notifier('darwin');
    n.show(job(null));
    await until(() => n.unavailable(), 'failed event');
    assert.equal(n.live.size, 0, 'a failed notification is released');
    n.show(job(null));
    await until(() => recorder.notifications.length === 2, 'second notification');
    await new Promise((r) => setImmediate(r));
    assert.equal(unavailable.length, 1);
    assert.match(n.reason() ?? '', /code-signed/);
  });

  test('an unsupported system is reported at once and nothing is created', () => {
    doubleConfig.notificationsSupported = false;
    const n = notifier();
    assert.equal(n.unavailable(), true);
    assert.equal(unavailable.length, 1);
    n.show(job(null));
    assert.equal(recorder.notifications.length, 0);
  });

  test('Windows: handleActivation shows the window for toasts whose object is gone', () => {
    notifier('win32');
    assert.equal(recorder.find('Notification.handleActivation').length, 1);
    Notification.activationHandler?.({ type: 'click', arguments: '' });
    assert.equal(windowShown, 1);
  });

  test('Windows: an activation right after an instance click is not handled twice', () => {
    const n = notifier('win32');
    n.show(summary);
    last().emit('click');
    Notification.activationHandler?.({ type: 'click', arguments: '' });
    assert.equal(windowShown, 1);
  });

  test('handleActivation is only used on Windows, and only where it exists', () => {
    notifier('linux');
    assert.equal(recorder.find('Notification.handleActivation').length, 0);
    doubleConfig.notificationHandleActivation = false;
    assert.doesNotThrow(() => notifier('win32'));
  });
});
