// One `watch` per state directory: the second refuses; a crashed owner never leaves it stuck.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { isLocalStateError } from '../../../../main/core/state/local-state-error.ts';
import { acquireStateLock, LOCK_FILE } from '../../../../main/core/state/state-lock.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'state-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const alive = (pids: number[]) => (pid: number) => pids.includes(pid);

describe('state directory lock', () => {
  test('a second watch on the same folder is refused with its owner named, until the first releases', async () => {
    const first = await acquireStateLock(dir, { pid: 1001, host: 'h', isAlive: alive([1001, 1002]) });
    await assert.rejects(
      acquireStateLock(dir, { pid: 1002, host: 'h', isAlive: alive([1001, 1002]) }),
      (e) => {
        assert.ok(isLocalStateError(e));
        assert.equal(e.problem, 'locked');
        assert.match(e.message, /pid 1001/);
        assert.ok(e.message.includes(dir));
        return true;
      },
    );
    await first.release();
    assert.deepEqual(await readdir(dir), []);
    const second = await acquireStateLock(dir, { pid: 1002, host: 'h', isAlive: alive([1002]) });
    assert.equal(JSON.parse(await readFile(second.path, 'utf8')).pid, 1002);
  });

  test('the lock of a process that died is taken over', async () => {
    await acquireStateLock(dir, { pid: 2001, host: 'h', isAlive: alive([]) }); // never released: killed
    const next = await acquireStateLock(dir, { pid: 2002, host: 'h', isAlive: alive([2002]) });
    assert.equal(JSON.parse(await readFile(next.path, 'utf8')).pid, 2002);
    assert.deepEqual(await readdir(dir), [LOCK_FILE]);
  });

  test('the real liveness check: a pid that does not exist is stale, this process is alive', async () => {
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: 'me', since: 'x' }),
    );
    const lock = await acquireStateLock(dir, { host: 'me' });
    await assert.rejects(acquireStateLock(dir, { pid: process.pid + 1, host: 'me' }), /is using/);
    await lock.release();
  });

  test('a lock held on another host (shared home folder) is respected', async () => {
    await acquireStateLock(dir, { pid: 3001, host: 'laptop', isAlive: alive([]) });
    await assert.rejects(
      acquireStateLock(dir, { pid: 3002, host: 'desktop', isAlive: alive([]) }),
      /on laptop/,
    );
  });

  test('release leaves a lock that is no longer ours alone', async () => {
    const mine = await acquireStateLock(dir, { pid: 4001, host: 'h', isAlive: alive([]) });
    // Another process took the (apparently stale) lock over.
    await acquireStateLock(dir, { pid: 4002, host: 'h', isAlive: alive([4002]) });
    await mine.release();
    assert.equal(JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')).pid, 4002);
  });

  test('an unreadable lock file is one being written when fresh, and stale when old', async () => {
    const file = path.join(dir, LOCK_FILE);
    await writeFile(file, '');
    await assert.rejects(acquireStateLock(dir, { pid: 5001, host: 'h' }), /is starting/);
    const old = new Date(Date.now() - 60_000);
    await utimes(file, old, old);
    const lock = await acquireStateLock(dir, { pid: 5001, host: 'h', isAlive: alive([5001]) });
    assert.equal(JSON.parse(await readFile(lock.path, 'utf8')).pid, 5001);
  });
});
