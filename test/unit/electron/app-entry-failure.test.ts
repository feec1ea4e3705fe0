// The real entry point (main/electron/app.ts) when start-up fails: the error is written to
// main.log through electron-log and shown in a native error box before the app exits with 1, even
// when it happens before logging was set up. (The entry runs once per process: its own file.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { app, doubleConfig, emitReady, recorder } from '../../support/electron-double.ts';
import { freshDouble, tempDir, until } from './helpers.ts';

test('a start-up failure is logged and shown in an error box, then the app exits with 1', async () => {
  freshDouble();
  Object.assign(process.env, {
    MINIMAX_TRAY_USER_DATA: tempDir('mt-entry-fail-'),
    MINIMAX_TRAY_NO_KEYCHAIN: '1',
    MINIMAX_TRAY_FORCE_TRAY: '1',
  });
  // The first thing startApp asks of Electron fails (before logging is set up).
  app.requestSingleInstanceLock = () => {
    throw new Error('the profile folder is locked by another user');
  };
  await import('../../../main/electron/app.ts');
  emitReady();
  await until(() => recorder.find('app.exit').length === 1, 'app.exit');

  assert.deepEqual(recorder.find('app.exit')[0]!.args, [1]);
  const boxes = recorder.find('dialog.showErrorBox');
  assert.equal(boxes.length, 1, 'one error box');
  const [title, content] = boxes[0]!.args as [string, string];
  assert.equal(title, 'MiniMax Tray could not start');
  assert.match(content, /the profile folder is locked by another user/);
  const logFile = path.join(doubleConfig.pathsRoot, 'logs', 'main.log');
  assert.ok(content.includes(logFile), `the box names the log file (${content})`);
  assert.ok(
    recorder.names().indexOf('dialog.showErrorBox') < recorder.names().indexOf('app.exit'),
    'the box comes before the exit',
  );
  const log = readFileSync(logFile, 'utf8');
  assert.match(log, /could not start: .*the profile folder is locked by another user/);
});
