// The demo's folder: it may only remove files it created itself, in a folder it marked as its own.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { systemClock } from '../../../../main/core/clock.ts';
import { Ledger } from '../../../../main/core/ledger/ledger.ts';
import { SaveStateFile } from '../../../../main/core/results/save-state.ts';
import { silentLogger } from '../../../../main/core/types.ts';
import { claimDemoDir, DEMO_MARKER } from '../../../../main/core/state/demo-dir.ts';
import { isLocalStateError } from '../../../../main/core/state/local-state-error.ts';

let root = '';
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'demo-dir-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('demo folder', () => {
  test('a missing folder is created with its marker, and reset empties only the ledger files', async () => {
    const dir = path.join(root, 'state', 'demo');
    const demo = await claimDemoDir(dir);
    assert.deepEqual(await readdir(dir), [DEMO_MARKER]);
    // What the demo's own code leaves there: a damaged ledger and saves.json set aside by the
    // ledger and the saver themselves, a temp file of an interrupted atomic write, a ledger.
    await writeFile(path.join(dir, 'ledger.json'), 'not json');
    await new Ledger({
      path: path.join(dir, 'ledger.json'),
      clock: systemClock,
      logger: silentLogger,
    }).load();
    await writeFile(path.join(dir, 'saves.json'), 'not json');
    await new SaveStateFile(path.join(dir, 'saves.json'), silentLogger).load(Date.now());
    await writeFile(path.join(dir, '.ledger.json.123.0a1b2c3d.tmp'), 'x');
    await writeFile(path.join(dir, 'ledger.json'), '{}');
    const made = (await readdir(dir)).filter((n) => n !== DEMO_MARKER);
    assert.ok(
      made.some((n) => n.startsWith('ledger.json.corrupt-')),
      made.join(', '),
    );
    assert.ok(
      made.some((n) => n.startsWith('saves.json.corrupt-')),
      made.join(', '),
    );
    // The user's files, some named like the demo's.
    const mine = ['my-notes.txt', 'ledger.json.corrupt-mine', 'ledger.json.bak', '.ledger.json.backup.tmp'];
    for (const name of mine) await writeFile(path.join(dir, name), 'keep me');
    await demo.reset();
    assert.deepEqual((await readdir(dir)).sort(), [DEMO_MARKER, ...mine].sort());
    for (const name of mine) assert.equal(await readFile(path.join(dir, name), 'utf8'), 'keep me');
  });

  test('a folder holding files the demo did not create is refused, and nothing in it is touched', async () => {
    // `--state-dir ~` with a `~/demo` folder of the user's own.
    const dir = path.join(root, 'demo');
    await mkdir(path.join(dir, 'holiday'), { recursive: true });
    await writeFile(path.join(dir, 'ledger.json'), 'the user’s own file');
    await writeFile(path.join(dir, 'holiday', 'photo.jpg'), 'jpeg');
    await assert.rejects(claimDemoDir(dir), (e: unknown) => {
      assert.ok(isLocalStateError(e));
      assert.equal(e.problem, 'not-ours');
      assert.match(e.message, /did not create/);
      assert.ok(e.message.includes(dir), 'the message names the folder');
      return true;
    });
    assert.deepEqual((await readdir(dir)).sort(), ['holiday', 'ledger.json']);
    assert.equal(await readFile(path.join(dir, 'ledger.json'), 'utf8'), 'the user’s own file');
    assert.deepEqual(await readdir(path.join(dir, 'holiday')), ['photo.jpg']);
  });

  test('an existing empty folder is adopted; a marked folder is accepted again', async () => {
    const dir = path.join(root, 'demo');
    await mkdir(dir);
    await claimDemoDir(dir);
    assert.deepEqual(await readdir(dir), [DEMO_MARKER]);
    await writeFile(path.join(dir, 'ledger.json'), '{}');
    const again = await claimDemoDir(dir);
    await again.reset();
    assert.deepEqual(await readdir(dir), [DEMO_MARKER]);
  });
});
