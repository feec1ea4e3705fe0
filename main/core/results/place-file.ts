/**
 * Giving a finished download its name in the folder, never over an existing file, and the temp
 * files that come before it. A hard link fails on an existing name, so `name.mp4` is taken only
 * when free, else `name (2).mp4`, `name (3).mp4`…; a file system without hard links (FAT, exFAT,
 * some network shares) gets the name reserved exclusively and the temp file renamed onto it.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseJobId } from '../api/job-id.ts';
import { DownloadError } from './fetch-file.ts';
import { numberedName, safeNamePart } from './file-name.ts';
import type { SaveFs } from './save-fs.ts';
import type { SavePauseReason } from './save-types.ts';

/** Prefix and suffix of the saver's temp files: `.minimax-save-<id>-<8 hex>.part`. */
export const TEMP_PREFIX = '.minimax-save-';
export const TEMP_SUFFIX = '.part';
/** Names tried before giving up on finding a free one (`name (1000).mp4`). */
const MAX_NAME_TRIES = 1000;

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);
const FOLDER_GONE = new Set(['ENOENT', 'ENOTDIR']);
const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);
/** Errors of a file system without hard links: the name is then given by renameNew. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/** A fresh temp file name for job `id` (recorded in the state before the file is created). */
export function tempNameFor(id: string): string {
  const local = safeNamePart(parseJobId(id)?.localId ?? '', 24).replace(/\s/g, '-') || 'job';
  return `${TEMP_PREFIX}${local}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
}

/**
 * Moves the complete temp file to the first free name from `baseName` in `folder`.
 * @param onTry called with each name before it is tried (the saver records it, so a crash
 *   between link and unlink is finished at the next start).
 * @returns the path it got.
 * @throws the file-system error (a full disk, a folder gone…) or DownloadError `write` when
 *   every name is taken.
 */
export async function placeFile(
  fs: SaveFs,
  tempPath: string,
  folder: string,
  baseName: string,
  onTry: (name: string) => Promise<void>,
): Promise<string> {
  for (let n = 1; n <= MAX_NAME_TRIES; n++) {
    const name = numberedName(baseName, n);
    const target = path.join(folder, name);
    await onTry(name);
    try {
      await fs.linkNew(tempPath, target);
      await fs.remove(tempPath);
    } catch (e) {
      const code = errnoOf(e);
      if (code === 'EEXIST') continue;
      if (code === null || !NO_HARD_LINKS.has(code)) throw e;
      try {
        await fs.renameNew(tempPath, target);
      } catch (e2) {
        if (errnoOf(e2) === 'EEXIST') continue;
        throw e2;
      }
    }
    return target;
  }
  throw new DownloadError('write', `Every name from "${baseName}" to "(${MAX_NAME_TRIES})" is taken.`);
}

/** Why a file-system error pauses saving (a full disk, a folder gone or unwritable), or null. */
export function pauseReasonOf(e: unknown): SavePauseReason | null {
  const code = errnoOf(e);
  if (code === null) return null;
  if (DISK_FULL.has(code)) return 'disk-full';
  if (FOLDER_GONE.has(code)) return 'folder-missing';
  if (UNWRITABLE.has(code)) return 'folder-unwritable';
  return null;
}

/** What the window and the CLI say when saving pauses. */
export function pauseMessage(reason: SavePauseReason, folder: string, code: string | null): string {
  switch (reason) {
    case 'disk-full':
      return `The disk holding ${folder} is full. Saving results is paused until there is room again.`;
    case 'folder-missing':
      return `The folder ${folder} is gone (deleted, renamed, or its drive removed). Saving results is paused until it is back.`;
    default:
      return `Cannot write to ${folder}${code ? ` (${code})` : ''}. Saving results is paused until it can be written.`;
  }
}

/** The errno code of an fs error, also when wrapped as a DownloadError's cause. */
export function errnoOf(e: unknown): string | null {
  const own = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof own === 'string') return own;
  const cause = (e as { cause?: unknown } | null)?.cause as NodeJS.ErrnoException | undefined;
  return typeof cause?.code === 'string' ? cause.code : null;
}
