// A build whose @napi-rs/keyring has no native binding for this OS and CPU (for example an x64
// macOS app packed on an arm64 runner) must still start: the token goes to safeStorage, and
// Settings and the log say why. The binding is made unloadable the way napi-rs resolves it: its
// NAPI_RS_NATIVE_LIBRARY_PATH names a file that does not exist (set before anything loads it).
process.env.NAPI_RS_NATIVE_LIBRARY_PATH = '/nonexistent/keyring.linux-x64-gnu.node';

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Simulator } from '../../../main/core/simulator/index.ts';
import { RENDERER_URL } from '../../../main/electron/protocol.ts';
import type { ViewModel } from '../../../main/ipc.ts';
import { bootOnDouble } from '../../support/boot-on-double.ts';
import { doubleConfig, invokeIpc } from '../../support/electron-double.ts';
import { freshDouble, tempDir } from './helpers.ts';

const sim = new Simulator({});
after(() => sim.stop());

test('a missing keyring binding: the app starts, keeps the token in safeStorage, and says why', async () => {
  freshDouble();
  const { baseUrl } = await sim.start();
  const handle = await bootOnDouble({
    env: { MINIMAX_TRAY_USER_DATA: tempDir('mt-nobinding-'), MINIMAX_TRAY_API_BASE: baseUrl },
    argv: ['electron', '.', '--hidden'],
    platform: 'linux',
    trayHost: { available: true, reason: 'test' },
    consoleLog: false,
  });
  assert.ok(handle, 'the app started');
  try {
    const first = (await invokeIpc('app:get-view', undefined, { senderUrl: RENDERER_URL })) as ViewModel;
    assert.equal(first.token.stored, false);
    assert.match(
      first.token.note ?? '',
      /will be kept encrypted in the app's data folder: .*keychain module .*could not be loaded/,
    );
    const saved = await invokeIpc('token:save', { token: sim.token }, { senderUrl: RENDERER_URL });
    assert.deepEqual(saved, { ok: true });
    const view = (await invokeIpc('app:get-view', undefined, { senderUrl: RENDERER_URL })) as ViewModel;
    assert.equal(view.token.storage, 'safe-storage');
    assert.match(view.token.note ?? '', /Saved encrypted in the app's data folder/);
    assert.match(view.token.note ?? '', /keychain module .*could not be loaded/i, view.token.note ?? '');
    const log = readFileSync(path.join(doubleConfig.pathsRoot, 'logs', 'main.log'), 'utf8');
    assert.match(log, /keychain module .*could not be loaded/i);
    assert.ok(!log.includes(sim.token), 'the token is not in the log');
  } finally {
    await handle.quit();
  }
});
