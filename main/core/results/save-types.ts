/**
 * The shapes around the result saver (result-saver.ts): its settings, limits, events and the
 * snapshot every shell reads.
 */

/** Which results are saved: videos only, or videos and images. */
export type SaveKinds = 'videos' | 'all';

/** Where and what to save; null (in {@link import('./result-saver.ts').ResultSaver.setConfig}) is "off". */
export interface SaverConfig {
  /** An existing folder (absolute path). */
  folder: string;
  kinds: SaveKinds;
}

/**
 * Why saving is paused (it resumes by itself once the cause is gone, checked every
 * {@link SaveLimits.probeMs}, or when asked to try again):
 * - `disk-full`: ENOSPC / EDQUOT while writing;
 * - `folder-missing`: the folder was deleted, renamed or its drive removed;
 * - `folder-unwritable`: EACCES, EPERM, EROFS.
 */
export type SavePauseReason = 'disk-full' | 'folder-missing' | 'folder-unwritable';

/** Saving is paused. */
export interface SavePause {
  reason: SavePauseReason;
  /** For people; names the folder. */
  message: string;
  folder: string;
  sinceMs: number;
}

/** Bounds of the saver. Durations in ms, sizes in bytes. */
export interface SaveLimits {
  /** Largest file saved (default 2 GiB); a larger one is given up at once. */
  maxBytes: number;
  /** No headers or no byte for this long aborts the attempt (default 30 s). */
  stallMs: number;
  /** Attempts before giving up on a result (default 8). */
  maxAttempts: number;
  /** First retry delay (default 5 s), doubled per failed attempt… */
  baseBackoffMs: number;
  /** …up to this (default 5 min); a Retry-After is honoured up to 10 min. */
  maxBackoffMs: number;
  /** How often a paused saver checks whether the folder is back or has room (default 60 s). */
  probeMs: number;
  /** Free space a full disk must regain before saving resumes (default 64 MiB). */
  minFreeBytes: number;
}

/** The defaults of {@link SaveLimits}. */
export const DEFAULT_SAVE_LIMITS: Readonly<SaveLimits> = Object.freeze({
  maxBytes: 2 * 1024 ** 3,
  stallMs: 30_000,
  maxAttempts: 8,
  baseBackoffMs: 5_000,
  maxBackoffMs: 300_000,
  probeMs: 60_000,
  minFreeBytes: 64 * 1024 ** 2,
});

/** What the saver tells its shells. `at` is ISO-8601. */
export type SaveEvent =
  | { type: 'save-started'; at: string; id: string }
  | { type: 'saved'; at: string; id: string; kind: 'video' | 'image'; path: string; bytes: number }
  | { type: 'save-failed'; at: string; id: string; kind: 'video' | 'image'; message: string }
  | { type: 'save-paused'; at: string; reason: SavePauseReason; message: string; folder: string }
  | { type: 'save-resumed'; at: string; folder: string };

/** One job's result as the shells show it. */
export interface SaveRecord {
  /** `saving`: being downloaded now; `queued`: waiting its turn (or its retry). */
  status: 'queued' | 'saving' | 'saved' | 'failed';
  /** Saved: the file. */
  path: string | null;
  /** Failed: why. */
  message: string | null;
}

/** Everything the shells read, at one instant. */
export interface SaverSnapshot {
  config: SaverConfig | null;
  paused: SavePause | null;
  /** By job id: the results offered and still remembered (bounded like the history). */
  records: Record<string, SaveRecord>;
}
