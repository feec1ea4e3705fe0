/**
 * The result saver's own small state file, `saves.json` in the state folder (next to the
 * monitor's ledger, never inside it): the queue of results to download, in order, and the last
 * results saved or given up on (what the window's "Saved" rows read). It is what lets a restart
 * resume a download, and what tells the saver which temp files are its own.
 *
 * ```json
 * { "version": 1, "entries": [SaveEntry…] }
 * ```
 * Written atomically (atomic-write.ts, mode 0600: prompts are user data). A file that cannot be
 * read as version 1 is moved aside as `saves.json.corrupt-<ms>` with a warning (its temp files,
 * if any, are then left alone: they are no longer known to be ours); a file of a newer version is
 * never overwritten: the saver keeps its state in memory for that run.
 */
import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { removeStaleTempFiles, writeFileAtomic } from '../ledger/atomic-write.ts';
import type { Logger } from '../types.ts';

/** Version written to and read from the file. */
export const SAVE_STATE_VERSION = 1;
/** Finished entries (saved or given up) kept, newest last: as many as the monitor's history. */
export const DONE_MAX_ENTRIES = 200;
/** Entries kept at all (queued ones included); a longer queue drops its oldest offers. */
export const ENTRIES_MAX = 1_000;

/** One result: queued, saved, or given up on. Instants are epoch ms. */
export interface SaveEntry {
  /** The job's full id. */
  id: string;
  kind: 'video' | 'image';
  /** The result URL (`downloadURL`, else `videoURL`). */
  url: string;
  prompt: string | null;
  finishedAtMs: number;
  status: 'queued' | 'saved' | 'failed';
  /** Failed attempts so far (network, stall, 5xx); a restart is not an attempt. */
  attempts: number;
  /** When the next attempt may start (backoff), or null for now. */
  nextAttemptMs: number | null;
  /** The folder the temp file is in (the saving folder when it was created). */
  folder: string | null;
  /** The temp file's name in `folder`: recorded BEFORE the file is created, so it is known to be ours. */
  tempName: string | null;
  /** ETag / Last-Modified of the file, for If-Range on a resume. */
  validator: string | null;
  /** Size of the whole file, when the host said. */
  totalBytes: number | null;
  /** The name being given to the finished temp file (set just before, cleared after). */
  committing: string | null;
  /** Saved: where. */
  path: string | null;
  /** Saved: how many bytes. */
  bytes: number | null;
  /** Failed: why, for people. */
  message: string | null;
  updatedMs: number;
}

const entrySchema = z.object({
  id: z.string().min(1).max(4096),
  kind: z.enum(['video', 'image']),
  url: z.string().min(1).max(8192),
  prompt: z.string().max(100_000).nullable(),
  finishedAtMs: z.number(),
  status: z.enum(['queued', 'saved', 'failed']),
  attempts: z.number().int().min(0),
  nextAttemptMs: z.number().nullable(),
  folder: z.string().nullable(),
  tempName: z.string().max(255).nullable(),
  validator: z.string().max(1024).nullable(),
  totalBytes: z.number().nullable(),
  committing: z.string().max(255).nullable(),
  path: z.string().nullable(),
  bytes: z.number().nullable(),
  message: z.string().max(2000).nullable(),
  updatedMs: z.number(),
});

const fileSchema = z.object({ version: z.literal(SAVE_STATE_VERSION), entries: z.array(entrySchema) });

/** Keeps every queued entry and the newest {@link DONE_MAX_ENTRIES} finished ones, in order. */
export function boundEntries(entries: SaveEntry[]): SaveEntry[] {
  const done = entries.filter((e) => e.status !== 'queued');
  const dropDone = new Set(done.slice(0, Math.max(0, done.length - DONE_MAX_ENTRIES)));
  const kept = entries.filter((e) => !dropDone.has(e));
  return kept.length > ENTRIES_MAX ? kept.slice(kept.length - ENTRIES_MAX) : kept;
}

/** Loads and saves the state file; `path` null keeps everything in memory. */
export class SaveStateFile {
  readonly path: string | null;
  private readonly logger: Logger;
  /** A newer version's file is there: never write over it. */
  private readOnly = false;
  /** The file exists (loaded or written): until then an empty state is not worth a file. */
  private onDisk = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(path: string | null, logger: Logger) {
    this.path = path;
    this.logger = logger;
  }

  /** The entries on disk (empty when there is no file, or it was set aside). Never throws. */
  async load(nowMs: number): Promise<SaveEntry[]> {
    if (this.path === null) return [];
    await removeStaleTempFiles(this.path);
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.logger.warn(`saver: cannot read ${this.path}: ${(e as Error).message}; starting empty`);
        this.readOnly = true;
      }
      return [];
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const version = (raw as { version?: unknown } | undefined)?.version;
    if (typeof version === 'number' && version > SAVE_STATE_VERSION) {
      this.readOnly = true;
      this.logger.warn(
        `saver: ${this.path} was written by a newer version; left untouched, state kept in memory`,
      );
      return [];
    }
    const parsed = fileSchema.safeParse(raw);
    if (parsed.success) {
      this.onDisk = true;
      return boundEntries(parsed.data.entries);
    }
    const aside = `${this.path}.corrupt-${nowMs}`;
    await rename(this.path, aside).catch(() => {});
    this.logger.warn(`saver: ${this.path} was damaged; moved aside as ${aside}, starting empty`);
    return [];
  }

  /**
   * Writes `entries` (one write at a time, in call order).
   * @throws the fs error of this write (the caller logs it; the state stays in memory).
   */
  save(entries: readonly SaveEntry[]): Promise<void> {
    const path = this.path;
    if (path === null || this.readOnly || (!this.onDisk && entries.length === 0)) return Promise.resolve();
    this.onDisk = true;
    const text = `${JSON.stringify({ version: SAVE_STATE_VERSION, entries }, null, 1)}\n`;
    const next = this.writing.then(() => writeFileAtomic(path, text));
    this.writing = next.catch(() => {});
    return next;
  }
}
