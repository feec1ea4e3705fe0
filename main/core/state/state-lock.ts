/**
 * One `watch` per state directory. Two monitors on one ledger would each keep their own copy in
 * memory and both announce the same job, so the second one refuses to start.
 *
 * The lock is a file, {@link LOCK_FILE}, created exclusively (`wx`) and holding the owner's pid,
 * host name and start time. A lock whose owner is gone (the process was killed, the machine
 * crashed) is stale and taken over, so a crash never leaves the folder stuck: on the same host
 * the owner is alive when `process.kill(pid, 0)` succeeds. Another host's pid cannot be checked
 * (a shared network folder, or a container recreated under a new hostname after a kill), so the
 * holder touches the file's mtime every {@link REFRESH_EVERY_MS} and a lock from another host is
 * live while its last refresh is younger than {@link OTHER_HOST_STALE_MS}. Our own code rather
 * than proper-lockfile: that library rewrites its lock every few seconds and judges every lock by
 * age alone, where a same-host lock here needs only pid liveness and a minute's refresh is enough.
 */
import { open, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../types.ts';
import { LocalStateError } from './local-state-error.ts';

/** The lock file's name inside the state directory. */
export const LOCK_FILE = 'watch.lock';

/** An unreadable lock file younger than this (5 s) is one being written, not a stale one. */
const FRESH_LOCK_MS = 5_000;

/** How often (60 s) the holder touches the lock file's mtime to show it is still running. */
export const REFRESH_EVERY_MS = 60_000;

/**
 * A lock from another host not refreshed for this long (3 min: three missed refreshes) is stale.
 * The hosts' clocks are compared, so they must agree to well within this.
 */
export const OTHER_HOST_STALE_MS = 180_000;

/** What the lock file holds (JSON). */
interface LockOwner {
  pid: number;
  host: string;
  /** ISO-8601. */
  since: string;
}

/** A held lock. */
export interface StateLock {
  /** The lock file. */
  readonly path: string;
  /** Stops the refresh and removes the lock file if it is still ours. Never throws. */
  release(): Promise<void>;
}

/** Options of {@link acquireStateLock} (tests inject the process identity). */
export interface LockOptions {
  pid?: number;
  host?: string;
  /** Is `pid` a live process on this host? Default: `process.kill(pid, 0)`. */
  isAlive?: (pid: number) => boolean;
  /** The clock (ms since the epoch) for the start time, the refresh and the staleness check. */
  now?: () => number;
  /** Told (warn) when a stale lock of another host is taken over. */
  logger?: Pick<Logger, 'warn'>;
}

/**
 * Takes the lock of `dir` (which must exist) and keeps it fresh (an unref'd timer touching its
 * mtime every {@link REFRESH_EVERY_MS}) until released.
 * @throws LocalStateError `locked` when a live process holds it (same host: its pid runs; another
 *   host: refreshed within {@link OTHER_HOST_STALE_MS}; the message names its pid, since when, and
 *   the file to delete if that is wrong); `unwritable` when the file cannot be written.
 */
export async function acquireStateLock(dir: string, opts: LockOptions = {}): Promise<StateLock> {
  const file = path.join(dir, LOCK_FILE);
  const now = opts.now ?? Date.now;
  const me: LockOwner = {
    pid: opts.pid ?? process.pid,
    host: opts.host ?? os.hostname(),
    since: new Date(now()).toISOString(),
  };
  const isAlive = opts.isAlive ?? processIsAlive;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(me)}\n`, 'utf8');
      } finally {
        await handle.close();
      }
      return holdLock(file, me, now);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new LocalStateError('unwritable', `Cannot create the lock file ${file}: ${describe(e)}`, {
          cause: e,
        });
      }
    }
    const owner = await readOwner(file);
    if (owner === 'gone') continue; // released meanwhile: try again
    const otherHost = owner !== null && owner.host !== me.host;
    const stillThere = otherHost
      ? ((await ageMs(file, now)) ?? Infinity) <= OTHER_HOST_STALE_MS
      : owner !== null && owner.pid !== me.pid && isAlive(owner.pid);
    if (owner !== null && stillThere) {
      const where = owner.host === me.host ? `pid ${owner.pid}` : `pid ${owner.pid} on ${owner.host}`;
      throw new LocalStateError(
        'locked',
        `Another minimax-jobs watch (${where}, since ${owner.since}) is using ${dir}. ` +
          'Stop it first, or give this one its own --state-dir. ' +
          `If no such process runs, delete ${file}.`,
      );
    }
    if (owner === null && ((await ageMs(file, now)) ?? Infinity) < FRESH_LOCK_MS) {
      // Just created by a process that has not written its pid yet.
      throw new LocalStateError(
        'locked',
        `Another minimax-jobs watch is starting in ${dir}. Wait for it, or use another --state-dir.`,
      );
    }
    if (owner !== null && otherHost) {
      opts.logger?.warn(
        `Taking over the lock ${file} of pid ${owner.pid} on ${owner.host} (since ${owner.since}): ` +
          `not refreshed for over ${OTHER_HOST_STALE_MS / 60_000} minutes.`,
      );
    }
    // Stale (owner dead, or an old unreadable lock): move it out of the way atomically, then retry.
    await rename(file, `${file}.stale-${me.pid}`).then(
      () => rm(`${file}.stale-${me.pid}`, { force: true }),
      () => {}, // someone else took it over first: the next attempt sees theirs
    );
  }
  throw new LocalStateError('locked', `Could not take the lock ${file}: it keeps changing hands.`);
}

async function readOwner(file: string): Promise<LockOwner | null | 'gone'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : null;
  }
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && Number.isInteger(v.pid) && v.pid > 0 && typeof v.host === 'string') {
      return { pid: v.pid, host: v.host, since: typeof v.since === 'string' ? v.since : 'unknown' };
    }
  } catch {
    // a torn or foreign file: treated as stale
  }
  return null;
}

function holdLock(file: string, me: LockOwner, now: () => number): StateLock {
  const refresh = setInterval(() => {
    const at = new Date(now());
    utimes(file, at, at).catch(() => {}); // gone or unwritable: the next refresh tries again
  }, REFRESH_EVERY_MS);
  refresh.unref();
  return {
    path: file,
    release: () => {
      clearInterval(refresh);
      return releaseIfOurs(file, me);
    },
  };
}

async function releaseIfOurs(file: string, me: LockOwner): Promise<void> {
  const owner = await readOwner(file);
  if (owner && owner !== 'gone' && owner.pid === me.pid && owner.host === me.host) {
    await rm(file, { force: true }).catch(() => {});
  }
}

/** Milliseconds since the file's mtime by `now()`, or null when it cannot be read (gone). */
async function ageMs(file: string, now: () => number): Promise<number | null> {
  try {
    return now() - (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
