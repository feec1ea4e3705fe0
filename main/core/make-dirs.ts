/**
 * Creating a folder and its missing parents, bounded: each missing level is made once, and the
 * first refusal is the answer.
 *
 * Own code rather than `fs.mkdir(dir, { recursive: true })` (or make-dir / mkdirp, which call it):
 * Node's recursive mkdir never settles, spinning a CPU, when a parent exists but answers ENOENT
 * for the child (a path under Linux's /proc or /sys): it takes the ENOENT for a missing parent,
 * makes the parent (EEXIST) and tries again, forever. Seen with
 * Node 24 here: `minimax-jobs watch --save-to /proc/x` hung at 100 % CPU and ignored Ctrl+C.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

/**
 * Makes `dir` (absolute or relative to the working directory) and any missing parents, with
 * `mode` for the folders it creates; nothing happens when it is already a folder.
 * @throws the file system's error (`ENOTDIR` when a file is in the way, `EACCES`, `ENOENT` for a
 *   parent that cannot hold folders, …), never hanging.
 */
export async function makeDirs(dir: string, mode?: number): Promise<void> {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    try {
      if ((await stat(at)).isDirectory()) break;
      const err: NodeJS.ErrnoException = new Error(`ENOTDIR: not a directory, mkdir '${dir}'`);
      err.code = 'ENOTDIR';
      throw err;
    } catch (e) {
      const parent = path.dirname(at);
      if (code(e) !== 'ENOENT' || parent === at) throw e;
      missing.push(at);
      at = parent;
    }
  }
  for (const level of missing.reverse()) {
    try {
      await mkdir(level, mode === undefined ? undefined : { mode });
    } catch (e) {
      // Made meanwhile by someone else: fine when it is a folder now.
      if (code(e) === 'EEXIST' && (await stat(level).catch(() => null))?.isDirectory()) continue;
      throw e;
    }
  }
}
