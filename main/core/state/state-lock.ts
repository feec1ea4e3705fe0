/**
 * One `watch` per state directory. Two monitors on one ledger would each keep their own copy in
 * memory and both announce the same job, so the second one refuses to start.
 *
 * The lock is a file, {@link LOCK_FILE}, created exclusively (`wx`) and holding the owner's pid,
 * host name and start time. A lock whose owner is gone (the process was killed, the machine
 * crashed) is stale and taken over, so a crash never leaves the folder stuck: on the same host
 * the owner is alive when `process.kill(pid, 0)` succeeds; a lock from another host (a shared home
 * folder) is trusted. Our own code rather than proper-lockfile: that library keeps a lock fresh
 * by rewriting it on a timer, which would wake an idle `watch` every few seconds, and this needs
 * only pid liveness.
 */
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalStateError } from './local-state-error.ts';

/** The lock file's name inside the state directory. */
export const LOCK_FILE = 'watch.lock';

/** An unreadable lock file younger than this (5 s) is one being written, not a stale one. */
const FRESH_LOCK_MS = 5_000;

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
  /** Removes the lock file if it is still ours. Never throws. */
  release(): Promise<void>;
}

/** Options of {@link acquireStateLock} (tests inject the process identity). */
export interface LockOptions {
  pid?: number;
  host?: string;
  /** Is `pid` a live process on this host? Default: `process.kill(pid, 0)`. */
  isAlive?: (pid: number) => boolean;
  now?: () => number;
}

/**
 * Takes the lock of `dir` (which must exist).
 * @throws LocalStateError `locked` when a live process holds it (the message names its pid, since
 *   when, and the file to delete if that is wrong); `unwritable` when the file cannot be written.
 */
export async function acquireStateLock(dir: string, opts: LockOptions = {}): Promise<StateLock> {
  const file = path.join(dir, LOCK_FILE);
  const me: LockOwner = {
    pid: opts.pid ?? process.pid,
    host: opts.host ?? os.hostname(),
    since: new Date((opts.now ?? Date.now)()).toISOString(),
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
      return { path: file, release: () => releaseIfOurs(file, me) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new LocalStateError('unwritable', `Cannot create the lock file ${file}: ${describe(e)}`, {
          cause: e,
        });
      }
    }
    const owner = await readOwner(file);
    if (owner === 'gone') continue; // released meanwhile: try again
    if (owner !== null && (owner.host !== me.host || (owner.pid !== me.pid && isAlive(owner.pid)))) {
      const where = owner.host === me.host ? `pid ${owner.pid}` : `pid ${owner.pid} on ${owner.host}`;
      throw new LocalStateError(
        'locked',
        `Another minimax-jobs watch (${where}, since ${owner.since}) is using ${dir}. ` +
          'Stop it first, or give this one its own --state-dir. ' +
          `If no such process runs, delete ${file}.`,
      );
    }
    if (owner === null && (await youngerThan(file, FRESH_LOCK_MS))) {
      // Just created by a process that has not written its pid yet.
      throw new LocalStateError(
        'locked',
        `Another minimax-jobs watch is starting in ${dir}. Wait for it, or use another --state-dir.`,
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

async function releaseIfOurs(file: string, me: LockOwner): Promise<void> {
  const owner = await readOwner(file);
  if (owner && owner !== 'gone' && owner.pid === me.pid && owner.host === me.host) {
    await rm(file, { force: true }).catch(() => {});
  }
}

async function youngerThan(file: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(file)).mtimeMs < ms;
  } catch {
    return false;
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
