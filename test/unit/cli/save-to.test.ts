// `minimax-jobs watch --save-to DIR` as a user runs it: the real CLI process over real HTTP
// against the simulator's file host (README "The CLI": --save-to, the `saved` event).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import { Simulator } from '../../../main/core/simulator/index.ts';
import { killLeftovers, runCli, startCli, startWatch, watchUntil } from './cli-process.ts';

after(killLeftovers);

let sim: Simulator;
let base: string;
let folder: string;
let stateDir: string;
beforeEach(async () => {
  sim = new Simulator({ resultFiles: { serve: true, sizeBytes: 512 * 1024 } });
  base = (await sim.start()).baseUrl;
  folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'cli-save-')), 'results');
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'cli-save-state-'));
});
afterEach(async () => {
  await sim.stop();
  rmSync(path.dirname(folder), { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
});

const partBytes = (): number => {
  try {
    const part = readdirSync(folder).find((n) => n.endsWith('.part'));
    return part === undefined ? 0 : statSync(path.join(folder, part)).size;
  } catch {
    return 0;
  }
};

describe('minimax-jobs watch --save-to', { timeout: 180_000 }, () => {
  test('a succeeded video is saved into the folder (created) and a `saved` event names the file', async () => {
    const id = sim.submit({ kind: 'video', durationMs: 3_000, outcome: 'succeeded', prompt: 'A red fox' });
    const image = sim.submit({ kind: 'image', durationMs: 3_000, outcome: 'succeeded', prompt: 'Clouds' });
    const args = ['--api-base', base, '--state-dir', stateDir, '--save-to', folder];
    const run = await watchUntil(args, { USEAPI_TOKEN: sim.token }, (events) =>
      events.some((e) => e.type === 'saved'),
    );
    assert.equal(run.code, 0, run.stderr);
    const saved = run.events.filter((e) => e.type === 'saved');
    assert.equal(saved.length, 1);
    const event = saved[0]!;
    assert.equal(event.id, id);
    assert.equal(event.kind, 'video');
    assert.equal(event.bytes, 512 * 1024);
    assert.equal(typeof event.at, 'string');
    const file = String(event.path);
    assert.equal(path.dirname(file), folder);
    assert.match(path.basename(file), /^\d{4}-\d\d-\d\d \d\d-\d\d A red fox 1\.mp4$/);
    const finished = run.events.find((e) => e.type === 'job-finished' && e.id === id);
    assert.ok(run.events.indexOf(finished!) < run.events.indexOf(event), 'saved comes after job-finished');
    // Videos only without --save-images: the image finished too but is not saved.
    assert.ok(run.events.some((e) => e.type === 'job-finished' && e.id === image));
    assert.deepEqual(readdirSync(folder), [path.basename(file)]);
    const videoUrl = `${base.replace('/v1/minimax', '/files')}/video/100001/1.mp4`;
    assert.deepEqual(readFileSync(file), sim.resultFile(videoUrl));
    // The token went to the API only.
    assert.ok(
      sim
        .requestLog()
        .filter((r) => r.route === 'GET /files/{path}')
        .every((r) => !r.authHeader),
    );
  });

  test('for people: one "saved" line with the path and the size', async () => {
    sim.submit({ kind: 'image', durationMs: 3_000, outcome: 'succeeded', prompt: 'Clouds' });
    const cli = startCli(
      ['watch', '--api-base', base, '--state-dir', stateDir, '--save-to', folder, '--save-images'],
      { USEAPI_TOKEN: sim.token },
    );
    await cli.waitFor((out) => /saved/.test(out.stdout), 30_000);
    cli.child.kill('SIGINT');
    const done = await cli.done;
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /\d\d:\d\d:\d\d {2}⤓ saved {6}image 1 {9}\/\S.*Clouds 1\.png \(512 KiB\)\n/);
  });

  test('for people: a folder that went away is said once on stderr, not twice', async () => {
    const cli = startCli(['watch', '--api-base', base, '--state-dir', stateDir, '--save-to', folder], {
      USEAPI_TOKEN: sim.token,
    });
    await cli.waitFor((out) => /Watching/.test(out.stderr), 30_000);
    rmSync(folder, { recursive: true, force: true });
    sim.submit({ kind: 'video', durationMs: 2_000, outcome: 'succeeded', prompt: 'A heron' });
    await cli.waitFor((out) => /saving\s+paused/.test(out.stderr), 60_000);
    cli.child.kill('SIGINT');
    const done = await cli.done;
    const about = done.stderr.split('\n').filter((l) => l.includes(folder) && /gone|missing/i.test(l));
    assert.equal(about.length, 1, done.stderr);
  });

  test('killed in the middle of a download, the next watch resumes it with a Range and saves it whole', async () => {
    sim.submit({ kind: 'video', durationMs: 3_000, outcome: 'succeeded', prompt: 'Resume' });
    sim.fault({
      type: 'trickle',
      chunkBytes: 16 * 1024,
      intervalMs: 60,
      routes: ['GET /files/{path}'],
      count: 1,
    });
    const args = ['--api-base', base, '--state-dir', stateDir, '--save-to', folder];
    const first = startWatch(args, { USEAPI_TOKEN: sim.token });
    const end = Date.now() + 20_000;
    while (partBytes() < 96 * 1024 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await first.done;
    const partial = partBytes();
    assert.ok(partial >= 96 * 1024 && partial < 512 * 1024, `partial: ${partial}`);

    const second = await watchUntil(args, { USEAPI_TOKEN: sim.token }, (events) =>
      events.some((e) => e.type === 'saved'),
    );
    assert.equal(second.code, 0, second.stderr);
    const saved = second.events.find((e) => e.type === 'saved')!;
    assert.equal(statSync(String(saved.path)).size, 512 * 1024);
    const videoUrl = `${base.replace('/v1/minimax', '/files')}/video/100001/1.mp4`;
    assert.deepEqual(readFileSync(String(saved.path)), sim.resultFile(videoUrl));
    const ranges = sim
      .requestLog()
      .filter((r) => r.route === 'GET /files/{path}')
      .map((r) => r.range);
    assert.equal(ranges[0], null);
    assert.equal(ranges.length, 2);
    assert.ok(Number(/^bytes=(\d+)-$/.exec(ranges[1] ?? '')?.[1]) >= partial - 16 * 1024, ranges[1] ?? '');
    assert.deepEqual(readdirSync(folder), [path.basename(String(saved.path))], 'no temp file left');
  });

  test('usage: --save-to goes with watch, --save-images needs --save-to', async () => {
    const list = await runCli(['list', '--save-to', folder], { USEAPI_TOKEN: sim.token });
    assert.equal(list.code, 2);
    assert.match(list.stderr, /--save-to and --save-images go with watch, not list\./);
    const images = await runCli(['watch', '--save-images'], { USEAPI_TOKEN: sim.token });
    assert.equal(images.code, 2);
    assert.match(images.stderr, /--save-images needs --save-to DIR\./);
  });

  test('a --save-to folder that cannot be created exits 7 and says why', async () => {
    // A folder inside a regular file cannot be created (ENOTDIR).
    const file = path.join(stateDir, 'a-file');
    writeFileSync(file, '');
    const blocked = path.join(file, 'results');
    const r = await runCli(['watch', '--api-base', base, '--state-dir', stateDir, '--save-to', blocked], {
      USEAPI_TOKEN: sim.token,
    });
    assert.equal(r.code, 7);
    assert.ok(r.stderr.includes(`Cannot create the --save-to folder ${blocked}`), r.stderr);
  });

  test(
    'a --save-to or --state-dir under /proc (Linux) exits 7 at once instead of spinning',
    { skip: process.platform !== 'linux' },
    async () => {
      const save = await runCli(
        ['watch', '--api-base', base, '--state-dir', stateDir, '--save-to', '/proc/minimax-tray/x'],
        { USEAPI_TOKEN: sim.token },
      );
      assert.equal(save.code, 7, save.stderr);
      assert.match(save.stderr, /Cannot create the --save-to folder \/proc\/minimax-tray\/x/);
      const state = await runCli(['watch', '--api-base', base, '--state-dir', '/proc/minimax-tray/state'], {
        USEAPI_TOKEN: sim.token,
      });
      assert.equal(state.code, 7, state.stderr);
      assert.match(state.stderr, /\/proc\/minimax-tray\/state/);
    },
  );
});
