// One `watch` per state directory: the second refuses; a crashed owner never leaves it stuck.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { isLocalStateError } from '../../../../main/core/state/local-state-error.ts';
import { acquireStateLock, LOCK_FILE, type StateLock } from '../../../../main/core/state/state-lock.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'state-lock-'));
});
const held: StateLock[] = [];
afterEach(async () => {
  mock.timers.reset();
  for (const lock of held.splice(0)) await lock.release(); // stop their refresh timers
  await rm(dir, { recursive: true, force: true });
});

const MINUTE = 60_000;
/** A clock the test moves by hand (ms since the epoch). */
function clock(start = Date.now()) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}
/** Sets the lock file's mtime to `ms`, as the holder's last refresh. */
const touchedAt = (ms: number) => utimes(path.join(dir, LOCK_FILE), new Date(ms), new Date(ms));
const lockMtime = async () => (await stat(path.join(dir, LOCK_FILE))).mtimeMs;

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

  test('a lock held on another host (shared network folder) and refreshed lately is respected', async () => {
    const c = clock();
    held.push(await acquireStateLock(dir, { pid: 3001, host: 'laptop', isAlive: alive([]), now: c.now }));
    c.advance(2 * MINUTE); // missed two refreshes: still within the 3-minute bound
    await touchedAt(c.now() - 2 * MINUTE);
    await assert.rejects(
      acquireStateLock(dir, { pid: 3002, host: 'desktop', isAlive: alive([]), now: c.now }),
      /pid 3001 on laptop/,
    );
  });

  test('a lock from another host not refreshed for over 3 minutes is taken over, with a warning', async () => {
    // A container killed and recreated under a new hostname: its old lock names the old one.
    const c = clock();
    await acquireStateLock(dir, { pid: 13074, host: 'container-a', isAlive: alive([]), now: c.now });
    c.advance(4 * MINUTE);
    await touchedAt(c.now() - 4 * MINUTE);
    const warnings: string[] = [];
    const lock = await acquireStateLock(dir, {
      pid: 13074,
      host: 'container-b',
      isAlive: alive([13074]),
      now: c.now,
      logger: { warn: (m: string) => warnings.push(m) },
    });
    held.push(lock);
    assert.deepEqual(JSON.parse(await readFile(lock.path, 'utf8')).host, 'container-b');
    assert.deepEqual(await readdir(dir), [LOCK_FILE]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /pid 13074 on container-a/);
  });

  test('the holder refreshes its lock every minute, so another host keeps seeing it live', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    const c = clock();
    const lock = await acquireStateLock(dir, { pid: 6001, host: 'server', isAlive: alive([]), now: c.now });
    await touchedAt(c.now() - 10 * MINUTE); // as if the refreshes had stopped long ago
    for (let minute = 0; minute < 10; minute++) {
      c.advance(MINUTE);
      mock.timers.tick(MINUTE);
    }
    const deadline = Date.now() + 5_000;
    while ((await lockMtime()) !== c.now() && Date.now() < deadline)
      await new Promise((r) => setImmediate(r));
    assert.equal(await lockMtime(), c.now(), 'the last refresh set the mtime to now');
    await assert.rejects(
      acquireStateLock(dir, { pid: 6002, host: 'workstation', isAlive: alive([]), now: c.now }),
      /pid 6001 on server/,
    );
    // Released: the folder is free, and a later tick has nothing to touch.
    await lock.release();
    c.advance(MINUTE);
    mock.timers.tick(MINUTE);
    assert.deepEqual(await readdir(dir), []);
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
