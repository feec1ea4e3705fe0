// The real entry point (main/electron/app.ts) on the electron double: the AppUserModelID must be
// the very first thing the app does, before the single-instance lock, IPC, windows or logging;
// in an unpackaged run it is the Electron executable's path (packaged builds use APP_ID, see
// appUserModelId in app-id.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { app, emitReady, recorder } from '../../support/electron-double.ts';
import { freshDouble, tempDir, until } from './helpers.ts';

test('app.ts sets the AppUserModelID before anything else, then boots and quits cleanly', async () => {
  freshDouble();
  Object.assign(process.env, {
    MINIMAX_TRAY_USER_DATA: tempDir('mt-entry-'),
    MINIMAX_TRAY_NO_KEYCHAIN: '1',
    MINIMAX_TRAY_FORCE_TRAY: '1',
    MINIMAX_TRAY_TEST_HOOKS: '1',
  });
  await import('../../../main/electron/app.ts');
  // What must precede `ready` ran while the entry module was evaluated.
  assert.equal(app.isReady(), false);
  for (const early of [
    'app.setPath',
    'app.requestSingleInstanceLock',
    'protocol.registerSchemesAsPrivileged',
  ]) {
    assert.equal(recorder.find(early).length, 1, `${early} before ready`);
  }
  // Electron emits `ready` once the entry module has been evaluated. app.ts does not await the
  // boot (awaiting `ready` at top level would hang Electron): wait for it.
  emitReady();
  await until(() => '__minimaxTray' in globalThis, 'boot finished');

  const first = recorder.calls[0];
  assert.deepEqual(first, { api: 'app.setAppUserModelId', args: [process.execPath] });
  const names = recorder.names();
  for (const later of [
    'app.setPath',
    'app.requestSingleInstanceLock',
    'ipcMain.handle',
    'tray.new',
    'BrowserWindow.new',
  ]) {
    assert.ok(names.indexOf(later) > 0, `${later} happens after the AUMID`);
  }
  assert.equal(recorder.find('app.setAppUserModelId').length, 1);

  app.quit();
  await until(() => recorder.find('tray.destroy').length === 1, 'shutdown');
});
