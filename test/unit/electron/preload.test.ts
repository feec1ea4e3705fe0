import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BRIDGE_KEY,
  INVOKE_CHANNELS,
  NAVIGATE_CHANNEL,
  VIEW_CHANNEL,
  type TrayBridge,
  type ViewModel,
} from '../../../main/ipc.ts';
import { enterRendererProcess, ipcMain, recorder } from '../../support/electron-double.ts';
import { freshDouble } from './helpers.ts';

let bridge: TrayBridge;
let rendererIpc: ReturnType<typeof enterRendererProcess>['ipcRenderer'];
let calls: Array<[string, unknown]> = [];

before(async () => {
  freshDouble();
  rendererIpc = enterRendererProcess().ipcRenderer;
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (_event, payload) => {
      calls.push([channel, payload]);
      return { ok: true, echo: channel };
    });
  }
  await import('../../../main/preload/index.ts');
  bridge = recorder.exposed[BRIDGE_KEY] as TrayBridge;
});

describe('preload bridge', () => {
  test('exposes exactly one global with the narrow API, never ipcRenderer', () => {
    assert.deepEqual(Object.keys(recorder.exposed), [BRIDGE_KEY]);
    assert.deepEqual(Object.keys(bridge).sort(), ['bridgeId', 'invoke', 'onNavigate', 'onView']);
    for (const value of Object.values(bridge)) {
      assert.notEqual(value, rendererIpc);
      assert.ok(typeof value === 'function' || typeof value === 'string');
    }
    assert.ok(Object.isFrozen(bridge));
  });

  test('identifies itself as this bundle', () => {
    assert.equal(bridge.bridgeId, 'minimax-tray-preload/1');
  });

  test('invoke reaches main for contract channels', async () => {
    calls = [];
    const r = await bridge.invoke('jobs:check-now', undefined);
    assert.deepEqual(r, { ok: true, echo: 'jobs:check-now' });
    await bridge.invoke('link:open', { url: 'https://x.example' });
    assert.deepEqual(calls, [
      ['jobs:check-now', undefined],
      ['link:open', { url: 'https://x.example' }],
    ]);
  });

  test('invoke rejects any other channel without sending anything', async () => {
    calls = [];
    recorder.clearCalls();
    for (const channel of ['electron-store-get-data', '__ELECTRON_LOG__', 'app:view', 'toString', '', 42]) {
      await assert.rejects(
        (bridge.invoke as (c: unknown, r: unknown) => Promise<unknown>)(channel, undefined),
        /Unknown channel/,
      );
    }
    assert.deepEqual(calls, []);
    assert.equal(recorder.find('ipcRenderer.invoke').length, 0);
  });

  test('onView delivers views (payload only) until unsubscribed', () => {
    const got: unknown[][] = [];
    const off = bridge.onView((...args: unknown[]) => got.push(args));
    const view = { version: 'x' } as unknown as ViewModel;
    rendererIpc.emit(VIEW_CHANNEL, { sender: 'event-with-sender' }, view);
    off();
    rendererIpc.emit(VIEW_CHANNEL, {}, view);
    assert.deepEqual(got, [[view]]);
  });

  test('onNavigate passes only known targets', () => {
    const got: string[] = [];
    const off = bridge.onNavigate((t) => got.push(t));
    rendererIpc.emit(NAVIGATE_CHANNEL, {}, 'settings');
    rendererIpc.emit(NAVIGATE_CHANNEL, {}, 'file:///etc');
    rendererIpc.emit(NAVIGATE_CHANNEL, {}, 'jobs');
    off();
    rendererIpc.emit(NAVIGATE_CHANNEL, {}, 'jobs');
    assert.deepEqual(got, ['settings', 'jobs']);
  });

  test('listeners must be functions', () => {
    assert.throws(() => (bridge.onView as (l: unknown) => void)('nope'), TypeError);
    assert.throws(() => (bridge.onNavigate as (l: unknown) => void)(null), TypeError);
  });
});
