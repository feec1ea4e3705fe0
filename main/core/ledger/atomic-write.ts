/**
 * Atomic file replacement: write a temp file beside the target, fsync it, rename it over the
 * target, then fsync the directory (where the OS allows), so a crash leaves either the old file or
 * the new one, never a torn mix.
 *
 * Why not write-file-atomic: it registers signal-exit handlers while a write is in flight, and
 * signal-exit re-raises SIGINT/SIGTERM when it counts no other listeners — its count includes one
 * per pending write, so a graceful Ctrl+C of `minimax-jobs watch` during a ledger save killed the
 * process instead of letting it save and exit 0 (seen in the CLI restart test).
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Name prefix of the temp files {@link writeFileAtomic} writes beside `file`. */
function tempPrefix(file: string): string {
  return `.${path.basename(file)}.`;
}

/**
 * Removes temp files a killed process left beside `file` (a write cut off between open and
 * rename). Call before the first write; never throws.
 * @returns how many were removed.
 */
export async function removeStaleTempFiles(file: string): Promise<number> {
  const prefix = tempPrefix(file);
  let removed = 0;
  try {
    for (const name of await readdir(path.dirname(file))) {
      if (name.startsWith(prefix) && name.endsWith('.tmp')) {
        await rm(path.join(path.dirname(file), name), { force: true });
        removed++;
      }
    }
  } catch {
    // no directory yet, or unreadable: nothing to clean
  }
  return removed;
}

/**
 * Replaces `file` with `data` atomically.
 * @param mode permission bits for the new file (default 0o600: owner only).
 * @throws the underlying fs error (ENOSPC, EACCES, …) after removing the temp file.
 */
export async function writeFileAtomic(file: string, data: string, mode = 0o600): Promise<void> {
  const tmp = path.join(
    path.dirname(file),
    `${tempPrefix(file)}${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  let handle;
  try {
    handle = await open(tmp, 'w', mode);
    await handle.writeFile(data, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, file);
  } catch (e) {
    await handle?.close().catch(() => {});
    await rm(tmp, { force: true }).catch(() => {});
    throw e;
  }
  // Persist the rename itself. Directories cannot be opened for fsync on Windows: best effort.
  try {
    const dir = await open(path.dirname(file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // not supported on this platform / file system
  }
}
