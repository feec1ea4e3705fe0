import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pushView, registerIpcHandlers, REQUEST_SCHEMAS } from '../../../main/electron/ipc-handlers.ts';
import { RENDERER_URL } from '../../../main/electron/protocol.ts';
import {
  INVOKE_CHANNELS,
  VIEW_CHANNEL,
  type InvokeChannel,
  type ViewModel,
  type WindowChannel,
} from '../../../main/ipc.ts';
import { BrowserWindow, invokeIpc, ipcMain, recorder } from '../../support/electron-double.ts';
import { freshDouble } from './helpers.ts';

let received: Array<[InvokeChannel, unknown]> = [];
let windowReceived: InvokeChannel[] = [];
const target = {
  handle: async (channel: InvokeChannel, request: unknown) => {
    received.push([channel, request]);
    return { ok: true } as never;
  },
};
const window = {
  handle: async (channel: WindowChannel) => {
    windowReceived.push(channel);
    return { ok: true } as const;
  },
};

beforeEach(() => {
  freshDouble();
  received = [];
  windowReceived = [];
  registerIpcHandlers({ target, window });
});

describe('IPC handlers', () => {
  test('a handler exists for every channel of the contract', () => {
    assert.deepEqual([...ipcMain.handlers.keys()].sort(), [...INVOKE_CHANNELS].sort());
    assert.deepEqual(Object.keys(REQUEST_SCHEMAS).sort(), [...INVOKE_CHANNELS].sort());
  });

  test('the renderer page may call; the payload reaches the controller as validated, window commands the window', async () => {
    assert.deepEqual(
      await invokeIpc('jobs:stop-tracking', { id: 'user:1-minimax:2-video:3' }, { senderUrl: RENDERER_URL }),
      {
        ok: true,
      },
    );
    await invokeIpc('app:get-view', undefined, { senderUrl: RENDERER_URL });
    await invokeIpc('window:hide', null, { senderUrl: `${RENDERER_URL}#settings` });
    await invokeIpc(
      'settings:update',
      { pollingMode: 'fixed', fixedIntervalMs: 60_000 },
      { senderUrl: RENDERER_URL },
    );
    await invokeIpc(
      'settings:update',
      { globalShortcut: 'Control+Alt+K', globalShortcutEnabled: true, keepWindowOpen: true },
      { senderUrl: RENDERER_URL },
    );
    await invokeIpc(
      'accounts:set-mode',
      { account: '335571234', mode: 'hidden' },
      { senderUrl: RENDERER_URL },
    );
    assert.deepEqual(received, [
      ['jobs:stop-tracking', { id: 'user:1-minimax:2-video:3' }],
      ['app:get-view', undefined],
      ['settings:update', { pollingMode: 'fixed', fixedIntervalMs: 60_000 }],
      [
        'settings:update',
        { globalShortcut: 'Control+Alt+K', globalShortcutEnabled: true, keepWindowOpen: true },
      ],
      ['accounts:set-mode', { account: '335571234', mode: 'hidden' }],
    ]);
    assert.deepEqual(windowReceived, ['window:hide']);
  });

  const badSenders: Array<string | null> = [
    'https://evil.example/index.html',
    'file:///tmp/index.html',
    'app://renderer/other.html',
    'app://evil/index.html',
    'app://renderer/index.html?x=1',
    'app://user:pw@renderer/index.html',
    'http://renderer/index.html',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'not a url',
    null,
  ];
  for (const url of badSenders) {
    test(`a frame at ${String(url)} is refused before the controller sees anything`, async () => {
      for (const channel of ['app:get-view', 'token:save', 'link:open'] as const) {
        const payload =
          channel === 'token:save'
            ? { token: 'user:1-abc' }
            : channel === 'link:open'
              ? { url: 'https://x.example' }
              : undefined;
        await assert.rejects(invokeIpc(channel, payload, { senderUrl: url }), /Refused/);
      }
      assert.deepEqual(received, []);
    });
  }

  const badPayloads: Array<[InvokeChannel, unknown]> = [
    ['jobs:stop-tracking', undefined],
    ['jobs:stop-tracking', { id: '' }],
    ['jobs:stop-tracking', { id: 42 }],
    ['jobs:stop-tracking', { id: 'x'.repeat(600) }],
    ['jobs:cancel-video', { id: 'a', extra: true }],
    ['link:open', { url: ['https://x'] }],
    ['link:copy', { text: 'x'.repeat(5000) }],
    ['token:save', 'user:1-abc'],
    ['token:save', { token: null }],
    ['settings:update', { pollingMode: 'sometimes' }],
    ['settings:update', { fixedIntervalMs: '30000' }],
    ['settings:update', { notifyOn: { succeeded: true } }],
    ['settings:update', { apiKey: 'x' }],
    ['settings:update', null],
    ['polling:set-paused', { paused: 'yes' }],
    ['settings:update', { globalShortcut: 42 }],
    ['settings:update', { globalShortcut: 'Ctrl+'.repeat(100) }],
    ['settings:update', { keepWindowOpen: 'yes' }],
    ['settings:update', { accountModes: { '1': 'hidden' } }],
    ['accounts:set-mode', { account: '1', mode: 'silent' }],
    ['accounts:set-mode', { account: '', mode: 'muted' }],
    ['accounts:set-mode', { account: 'x'.repeat(257), mode: 'muted' }],
    ['accounts:set-mode', { account: '1', mode: 'muted', extra: true }],
    ['notifications:mute', { minutes: '60' }],
    ['notifications:mute', {}],
    ['window:hide', { now: true }],
    ['app:get-view', { anything: true }],
    ['history:clear', 'now'],
  ];
  for (const [channel, payload] of badPayloads) {
    test(`${channel} refuses the payload ${JSON.stringify(payload)?.slice(0, 60)}`, async () => {
      await assert.rejects(invokeIpc(channel, payload, { senderUrl: RENDERER_URL }), /Invalid request/);
      assert.deepEqual(received, []);
      assert.deepEqual(windowReceived, []);
    });
  }

  test('unregistering removes every handler', () => {
    freshDouble();
    const off = registerIpcHandlers({ target, window });
    off();
    assert.equal(ipcMain.handlers.size, 0);
  });
});

describe('view pushes', () => {
  const view = { version: '1' } as unknown as ViewModel;

  test('go to the renderer page on the view channel', async () => {
    const win = new BrowserWindow({});
    await win.loadURL(RENDERER_URL);
    assert.equal(pushView(win.webContents as never, view), true);
    assert.deepEqual(win.webContents.sent, [{ channel: VIEW_CHANNEL, args: [view] }]);
  });

  test('are not sent to a page that navigated elsewhere, or to a destroyed one', async () => {
    const win = new BrowserWindow({});
    await win.loadURL('https://evil.example/');
    assert.equal(pushView(win.webContents as never, view), false);
    await win.loadURL(RENDERER_URL);
    win.destroy();
    assert.equal(pushView(win.webContents as never, view), false);
    assert.equal(pushView(null, view), false);
    assert.equal(recorder.find('webContents.send').length, 0);
  });
});
