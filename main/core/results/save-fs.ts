/**
 * The file operations the result saver needs, as a port: the real one on node:fs, and in tests a
 * wrapper that injects failures (a full disk, a folder that went away) where no small file
 * system can be mounted.
 *
 * Nothing here overwrites or removes a file by a name it was not given: the saver only passes
 * names of temp files it recorded before creating them, and {@link SaveFs.linkNew} refuses a
 * target that exists.
 */
import { constants } from 'node:fs';
import { link, open, rename, rm, stat, statfs, type FileHandle } from 'node:fs/promises';

/** An open temp file: appended to, truncated to restart, synced before it is given its name. */
export interface FileSink {
  /** Appends `chunk`. @throws the fs error (ENOSPC when the disk is full…). */
  write(chunk: Uint8Array): Promise<void>;
  /** Empties the file (the server sent the whole body again instead of the range asked for). */
  truncate(): Promise<void>;
  /** Flushes the data to the disk. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** See the module docs. Paths are absolute. */
export interface SaveFs {
  /**
   * Opens `file` for appending, creating it when missing (never truncating what is there).
   * @returns the sink and the bytes already in the file.
   */
  openAppend(file: string): Promise<{ sink: FileSink; size: number }>;
  /** Size and inode of `file`, or null when it does not exist. */
  stat(file: string): Promise<{ size: number; ino: number; isDirectory: boolean } | null>;
  /**
   * Gives `from` the second name `to`, failing with EEXIST when `to` exists (a hard link: atomic,
   * never overwriting). File systems without hard links (FAT, exFAT, some shares) fail with
   * EPERM, ENOTSUP or similar; see {@link SaveFs.renameNew}.
   */
  linkNew(from: string, to: string): Promise<void>;
  /**
   * Moves `from` to `to` where hard links are not supported: reserves `to` by creating it
   * exclusively (EEXIST when taken), then renames `from` over that empty reservation.
   */
  renameNew(from: string, to: string): Promise<void>;
  /** Removes `file` (one of the saver's own temp files); no error when it is already gone. */
  remove(file: string): Promise<void>;
  /** Bytes free for this user in the file system holding `dir`, or null when unknown. */
  freeBytes(dir: string): Promise<number | null>;
}

class NodeSink implements FileSink {
  private readonly handle: FileHandle;
  constructor(handle: FileHandle) {
    this.handle = handle;
  }
  async write(chunk: Uint8Array): Promise<void> {
    let done = 0;
    while (done < chunk.length) {
      const { bytesWritten } = await this.handle.write(chunk, done, chunk.length - done);
      done += bytesWritten;
    }
  }
  truncate(): Promise<void> {
    return this.handle.truncate(0);
  }
  sync(): Promise<void> {
    return this.handle.sync();
  }
  close(): Promise<void> {
    return this.handle.close();
  }
}

/** {@link SaveFs} on node:fs. */
export const nodeSaveFs: SaveFs = {
  async openAppend(file) {
    // 'a': created when missing (mode 0644 like any download), appended to, never truncated.
    const handle = await open(file, 'a', 0o644);
    try {
      const { size } = await handle.stat();
      return { sink: new NodeSink(handle), size };
    } catch (e) {
      await handle.close().catch(() => {});
      throw e;
    }
  },
  async stat(file) {
    try {
      const s = await stat(file);
      return { size: s.size, ino: s.ino, isDirectory: s.isDirectory() };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  },
  linkNew: (from, to) => link(from, to),
  async renameNew(from, to) {
    const reservation = await open(to, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
    await reservation.close();
    await rename(from, to);
  },
  remove: (file) => rm(file, { force: true }),
  async freeBytes(dir) {
    try {
      const s = await statfs(dir);
      return s.bavail * s.bsize;
    } catch {
      return null;
    }
  },
};
