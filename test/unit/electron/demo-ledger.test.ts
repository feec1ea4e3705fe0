// The tray app's demo keeps its ledger in <userData>/demo, emptied at every start, but only in a
// folder it marked as its own: MINIMAX_TRAY_USER_DATA can point anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_MARKER } from '../../../main/core/state/demo-dir.ts';
import { bootOnDouble } from '../../support/boot-on-double.ts';
import { freshDouble, tempDir } from './helpers.ts';

async function runDemo(userData: string): Promise<void> {
  freshDouble();
  const handle = await bootOnDouble({
    env: { MINIMAX_TRAY_USER_DATA: userData, MINIMAX_TRAY_DEMO: '1', MINIMAX_TRAY_DEMO_SPEED: '50' },
    argv: ['electron', '.', '--hidden'],
    platform: 'linux',
    trayHost: { available: true, reason: 'test' },
    consoleLog: false,
  });
  assert.ok(handle);
  await handle.quit();
}

test('the demo never empties a "demo" folder it did not create, and runs on a memory ledger', async () => {
  const userData = tempDir('mt-demo-user-');
  const demo = path.join(userData, 'demo');
  mkdirSync(demo);
  writeFileSync(path.join(demo, 'ledger.json'), 'somebody else’s file');
  writeFileSync(path.join(demo, 'keep.txt'), 'keep');
  await runDemo(userData);
  assert.deepEqual(readdirSync(demo).sort(), ['keep.txt', 'ledger.json']);
  assert.equal(readFileSync(path.join(demo, 'ledger.json'), 'utf8'), 'somebody else’s file');
});

test('in a folder of its own the demo keeps its ledger, and starts it afresh every time', async () => {
  const userData = tempDir('mt-demo-user-');
  const demo = path.join(userData, 'demo');
  await runDemo(userData);
  assert.deepEqual(readdirSync(demo).sort(), [DEMO_MARKER, 'ledger.json'].sort());
  writeFileSync(path.join(demo, 'ledger.json.corrupt-20260101T000000000Z'), 'old');
  writeFileSync(path.join(demo, 'mine.txt'), 'a file the user put there');
  await runDemo(userData);
  assert.deepEqual(readdirSync(demo).sort(), [DEMO_MARKER, 'ledger.json', 'mine.txt'].sort());
});
