// The result saver when things go wrong, over real HTTP against the simulator's file host: a body
// that stalls, a link that expired, a host that keeps failing, a file over the cap, a restart in
// the middle of a download, a full disk and a folder that went away.
process.env.TZ = 'UTC';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { nodeSaveFs, type SaveFs } from '../../../../main/core/results/save-fs.ts';
import type { SaveEvent } from '../../../../main/core/results/save-types.ts';
import { filesIn, ofType, startSaveHarness, tempBytes, until, type SaveHarness } from './harness.ts';

const FILES = ['GET /files/{path}'] as const;

let h: SaveHarness;
afterEach(() => h.close());

/** The Range header of every request to the file host, in order. */
function fileRanges(): Array<string | null> {
  return h.sim
    .requestLog()
    .filter((r) => r.route === 'GET /files/{path}')
    .map((r) => r.range);
}

/** Exactly one `saved` event, whose file holds what the host serves at `url`. */
function assertSavedWhole(events: SaveEvent[], url: string): Extract<SaveEvent, { type: 'saved' }>[] {
  const saved = ofType(events, 'saved');
  assert.equal(saved.length, 1);
  assert.deepEqual(readFileSync(saved[0]!.path), h.sim.resultFile(url));
  return saved;
}

describe('result saver: network faults', () => {
  beforeEach(async () => {
    h = await startSaveHarness();
  });

  test('a body that stalls is abandoned after the stall time and resumed with a Range', async () => {
    const job = await h.finish({ prompt: 'Stall' });
    h.sim.fault({ type: 'stall', routes: FILES, count: 1 });
    const { saver, events } = await h.saver();
    saver.offer(job);
    await until(() => tempBytes(h.folder) === 32 * 1024, 'half of the file in the temp file');
    await h.clock.advance(30_000); // the stall time: nothing came for 30 s
    await saver.whenIdle();
    assert.deepEqual(ofType(events, 'saved'), []);
    await h.clock.advance(5_000); // the first retry's backoff (at most 5 s)
    await saver.whenIdle();
    assertSavedWhole(events, job.resultUrl!);
    assert.deepEqual(fileRanges(), [null, `bytes=${32 * 1024}-`]);
  });

  test('a link that expired (404) is given up at once, with a message, and nothing is left behind', async () => {
    await h.close();
    h = await startSaveHarness({ resultFiles: { serve: true, ttlMs: 60_000 } });
    const job = await h.finish({ prompt: 'Old' });
    await h.clock.advance(120_000); // the app was closed for two minutes
    const { saver, events } = await h.saver();
    saver.offer(job);
    await saver.whenIdle();
    const failed = ofType(events, 'save-failed');
    assert.equal(failed.length, 1);
    assert.match(failed[0]!.message, /result link no longer works \(HTTP 404\)/);
    assert.deepEqual(filesIn(h.folder), []);
    assert.equal(h.sim.requestLog().filter((r) => r.route === 'GET /files/{path}').length, 1);
    assert.equal(saver.snapshot().records[job.id]?.status, 'failed');
  });

  test('a host that keeps failing is retried with backoff, then given up with a clear message after 8 tries', async () => {
    const job = await h.finish({ prompt: 'Busy' });
    h.sim.fault({ type: 'status', status: 502, routes: FILES });
    const { saver, events } = await h.saver({ random: () => 1 });
    saver.offer(job);
    await saver.whenIdle();
    // Step to each retry exactly when it is due.
    for (let i = 0; i < 20 && ofType(events, 'save-failed').length === 0; i++) {
      const due = h.clock.nextDueMs();
      if (due === null) break;
      await h.clock.advance(due - h.clock.now());
      await saver.whenIdle();
    }
    const times = h.sim
      .requestLog()
      .filter((r) => r.route === 'GET /files/{path}')
      .map((r) => r.atMs);
    const gaps = times.slice(1).map((t, i) => (t - times[i]!) / 1000);
    // Doubling from 5 s (the whole delay, with the jitter source at its top), capped at 5 min.
    assert.deepEqual(gaps, [5, 10, 20, 40, 80, 160, 300]);
    const failed = ofType(events, 'save-failed');
    assert.equal(failed.length, 1);
    assert.match(failed[0]!.message, /^Gave up after 8 tries: The file host answered HTTP 502\./);
    assert.deepEqual(filesIn(h.folder), []);
  });

  test('a file over the size cap is refused at once', async () => {
    const job = await h.finish({ prompt: 'Big' });
    const { saver, events } = await h.saver({ limits: { maxBytes: 10_000 } });
    saver.offer(job);
    await saver.whenIdle();
    assert.match(
      ofType(events, 'save-failed')[0]?.message ?? '',
      /larger than the 9\.8 KiB limit \(64 KiB\)/,
    );
    assert.deepEqual(filesIn(h.folder), []);
  });
});

describe('result saver: restart in the middle of a download', () => {
  test('a saver stopped mid-download resumes at the next start with a Range and saves the whole file', async () => {
    h = await startSaveHarness({ resultFiles: { serve: true, sizeBytes: 256 * 1024 } });
    const job = await h.finish({ prompt: 'Resume me' });
    h.sim.fault({ type: 'trickle', chunkBytes: 8 * 1024, intervalMs: 20, routes: FILES, count: 1 });
    const first = await h.saver();
    first.saver.offer(job);
    await until(() => tempBytes(h.folder) >= 40 * 1024, 'part of the file');
    await first.saver.stop(); // the app quits (or Ctrl+C)
    const partial = tempBytes(h.folder);
    assert.ok(partial > 0 && partial < 256 * 1024);

    const second = await h.saver(); // the next start, same state file
    await second.saver.whenIdle();
    const saved = assertSavedWhole(second.events, job.resultUrl!);
    const ranges = fileRanges();
    assert.equal(ranges.length, 2);
    assert.equal(ranges[0], null);
    assert.match(ranges[1] ?? '', /^bytes=\d+-$/);
    assert.ok(Number(/\d+/.exec(ranges[1]!)![0]) >= partial - 8 * 1024);
    assert.deepEqual(filesIn(h.folder), [path.basename(saved[0]!.path)]);
  });

  test('a host without Range support sends the whole file again, and the result is still whole', async () => {
    h = await startSaveHarness({ resultFiles: { serve: true, sizeBytes: 128 * 1024, ranges: false } });
    const job = await h.finish({ prompt: 'No ranges' });
    h.sim.fault({ type: 'trickle', chunkBytes: 8 * 1024, intervalMs: 20, routes: FILES, count: 1 });
    const first = await h.saver();
    first.saver.offer(job);
    await until(() => tempBytes(h.folder) >= 16 * 1024, 'part of the file');
    await first.saver.stop();
    const second = await h.saver();
    await second.saver.whenIdle();
    const saved = ofType(second.events, 'saved');
    assert.deepEqual(readFileSync(saved[0]!.path), h.sim.resultFile(job.resultUrl!));
  });

  test('temp files the saver did not record are never removed, even when named like its own', async () => {
    h = await startSaveHarness();
    const stranger = path.join(h.folder, '.minimax-save-1-deadbeef.part');
    writeFileSync(stranger, 'another program');
    const job = await h.finish({ prompt: 'x' });
    const { saver } = await h.saver();
    saver.offer(job);
    await saver.whenIdle();
    saver.setConfig(null);
    await saver.stop();
    assert.equal(readFileSync(stranger, 'utf8'), 'another program');
  });
});

/** A file system whose writes fail with `code` once `limit` bytes were written in total. */
function failingWrites(code: string, limit: number): SaveFs & { limit: number } {
  let written = 0;
  const fs: SaveFs & { limit: number } = {
    ...nodeSaveFs,
    limit,
    async openAppend(file) {
      const opened = await nodeSaveFs.openAppend(file);
      return {
        size: opened.size,
        sink: {
          ...opened.sink,
          write: async (chunk) => {
            if (written + chunk.length > fs.limit) {
              throw Object.assign(new Error(`${code}: injected`), { code });
            }
            written += chunk.length;
            await opened.sink.write(chunk);
          },
          truncate: () => opened.sink.truncate(),
          sync: () => opened.sink.sync(),
          close: () => opened.sink.close(),
        },
      };
    },
    freeBytes: async () => (fs.limit < Number.MAX_SAFE_INTEGER ? 0 : Number.MAX_SAFE_INTEGER),
  };
  return fs;
}

describe('result saver: a full disk and a folder that went away', () => {
  beforeEach(async () => {
    h = await startSaveHarness({ resultFiles: { serve: true, sizeBytes: 1024 * 1024 } });
  });

  test('a full disk (ENOSPC) pauses saving with a message; once there is room again it resumes and finishes', async () => {
    const job = await h.finish({ prompt: 'Full' });
    const fs = failingWrites('ENOSPC', 300 * 1024);
    const { saver, events } = await h.saver({ fs });
    saver.offer(job);
    await saver.whenIdle();
    const paused = ofType(events, 'save-paused');
    assert.equal(paused.length, 1);
    assert.equal(paused[0]!.reason, 'disk-full');
    assert.match(paused[0]!.message, new RegExp(`The disk holding ${h.folder} is full`));
    assert.equal(saver.snapshot().paused?.reason, 'disk-full');
    await h.clock.advance(60_000); // the check a minute later: still full
    await saver.whenIdle();
    assert.deepEqual(ofType(events, 'saved'), []);
    fs.limit = Number.MAX_SAFE_INTEGER; // room again
    await h.clock.advance(60_000);
    await saver.whenIdle();
    assert.equal(ofType(events, 'save-resumed').length, 1);
    const saved = ofType(events, 'saved');
    assert.equal(saved.length, 1);
    assert.deepEqual(readFileSync(saved[0]!.path), h.sim.resultFile(job.resultUrl!));
  });

  test('a real full disk: a 256 KiB tmpfs pauses saving', async (t) => {
    const mountPoint = mkdtempSync(path.join(os.tmpdir(), 'mt-tmpfs-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      rmSync(mountPoint, { recursive: true, force: true });
      t.skip(
        'mount -t tmpfs is not allowed here (needs root); the injected ENOSPC test covers the same path',
      );
      return;
    }
    try {
      const job = await h.finish({ prompt: 'Real disk' });
      const { saver, events } = await h.saver({}, { folder: mountPoint, kinds: 'all' });
      saver.offer(job);
      await saver.whenIdle();
      assert.equal(ofType(events, 'save-paused')[0]?.reason, 'disk-full');
      assert.deepEqual(ofType(events, 'saved'), []);
      // Nothing that looks finished: only the saver's temp file.
      assert.ok(
        filesIn(mountPoint).every((n) => n.endsWith('.part')),
        filesIn(mountPoint).join(),
      );
      await saver.stop();
    } finally {
      execFileSync('umount', [mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    }
  });

  test('a folder that went away pauses saving; it resumes when the folder is back, and is never recreated', async () => {
    const job = await h.finish({ prompt: 'Gone' });
    const moved = `${h.folder}-moved`;
    renameSync(h.folder, moved);
    try {
      const { saver, events } = await h.saver();
      saver.offer(job);
      await saver.whenIdle();
      const paused = ofType(events, 'save-paused');
      assert.equal(paused[0]?.reason, 'folder-missing');
      assert.match(paused[0]!.message, /is gone \(deleted, renamed, or its drive removed\)/);
      await h.clock.advance(60_000);
      await saver.whenIdle();
      assert.equal(existsSync(h.folder), false, 'the saver must not create the folder itself');
      renameSync(moved, h.folder);
      await h.clock.advance(60_000);
      await saver.whenIdle();
      assert.equal(ofType(events, 'saved').length, 1);
    } finally {
      if (existsSync(moved)) renameSync(moved, h.folder);
      mkdirSync(h.folder, { recursive: true });
    }
  });
});
