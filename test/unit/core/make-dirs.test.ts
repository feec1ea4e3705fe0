// Creating folders with their parents: done once, and refused with the file system's error, never
// hanging (Node's own recursive mkdir spins forever under /proc and on a dangling symlink).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { makeDirs } from '../../../main/core/make-dirs.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'mt-make-dirs-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Settles within `ms`, or fails the test saying it hung. */
function within<T>(p: Promise<T>, ms = 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
  });
  return Promise.race([p, hung]).finally(() => clearTimeout(timer));
}

describe('makeDirs', () => {
  test('makes the missing levels; an existing folder is left as it is', async () => {
    const dir = path.join(root, 'a', 'b', 'c');
    await makeDirs(dir);
    assert.ok(statSync(dir).isDirectory());
    writeFileSync(path.join(dir, 'keep.txt'), 'mine');
    await makeDirs(dir);
    assert.ok(existsSync(path.join(dir, 'keep.txt')));
  });

  test('a file in the way: ENOTDIR, and nothing made', async () => {
    const file = path.join(root, 'file');
    writeFileSync(file, 'x');
    await assert.rejects(within(makeDirs(file)), { code: 'ENOTDIR' });
    await assert.rejects(within(makeDirs(path.join(file, 'sub'))), { code: 'ENOTDIR' });
  });

  test('a dangling symlink in the way: refused at once', async () => {
    const link = path.join(root, 'dangling');
    symlinkSync(path.join(root, 'nowhere'), link);
    await assert.rejects(within(makeDirs(path.join(link, 'out'))));
    assert.ok(!existsSync(path.join(root, 'nowhere', 'out')));
  });

  test(
    'under /proc (Linux): refused at once with ENOENT',
    { skip: process.platform !== 'linux' },
    async () => {
      await assert.rejects(within(makeDirs('/proc/minimax-tray-test/x')), { code: 'ENOENT' });
    },
  );
});
