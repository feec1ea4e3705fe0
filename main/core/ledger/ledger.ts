/**
 * The ledger: the monitor's durable memory, one versioned JSON file in the app's state directory.
 *
 * It holds the jobs last seen running in the scheduler, the jobs that left the scheduler and still
 * wait for their outcome, the website jobs seen running in the per-account lists, the finished
 * jobs already announced (history), a bounded set of announced ids, and per account and kind the
 * baseline of what the lists already cover. This is what makes announcements exactly-once across
 * restarts: a job that finished while the app was closed is still "running" in the ledger, is
 * absent from the first scheduler snapshot (or shows final in its list), and so is resolved and
 * announced; a job already announced is remembered and never announced again.
 *
 * File format (version 2, {@link LEDGER_VERSION}; formats and migrations in ledger-format.ts):
 * ```json
 * { "version": 2, "savedAt": "<ISO-8601>", "running": [TrackedJobRecord…],
 *   "pending": [PendingJobRecord…], "website": [WebsiteJobRecord…],
 *   "history": [FinishedJob…, newest first], "announced": [{ "id": "…", "atMs": 0 }…],
 *   "baselines": [ListBaseline…] }
 * ```
 * A version 1 file (from before website jobs) is migrated on load: its jobs all came from the
 * scheduler (`source: "api"`), and it has no baselines, so the first list reconcile is history.
 * Writes are atomic (atomic-write.ts: temp file + fsync + rename) with mode 0600, because
 * prompts are user data. A file that cannot be parsed, fails validation, or carries an older or
 * missing version is renamed to `<file>.corrupt-<UTC timestamp>` with a warning, and the monitor
 * starts empty; it never crashes on a bad ledger. A file written by a NEWER version is not ours to
 * judge: it is left in place, never overwritten, and {@link Ledger.load} refuses it.
 *
 * Bounds: history keeps at most {@link HISTORY_MAX_ENTRIES} (200) jobs and none older than
 * {@link HISTORY_MAX_AGE_MS} (30 days); the announced-id memory keeps at most
 * {@link ANNOUNCED_MAX_IDS} (2 000) ids and none older than {@link ANNOUNCED_MAX_AGE_MS} (30 days);
 * baselines not updated for {@link ANNOUNCED_MAX_AGE_MS} are dropped (the account's next reconcile
 * is history again), at most {@link BASELINES_MAX} are kept.
 */
import { readFile, rename } from 'node:fs/promises';
import { makeDirs } from '../make-dirs.ts';
import { dirname } from 'node:path';
import { LocalStateError } from '../state/local-state-error.ts';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write.ts';
import { LEDGER_VERSION, readLedgerDocument } from './ledger-format.ts';
import type { Clock, FinishedJob, JobKind, JobStatus, Logger, RunningJob } from '../types.ts';

export { LEDGER_VERSION };

/** History keeps at most this many finished jobs (200), newest first. */
export const HISTORY_MAX_ENTRIES = 200;

/** History drops finished jobs older than this (30 days, by `finishedAtMs`). */
export const HISTORY_MAX_AGE_MS = 30 * 24 * 3_600_000;

/** The announced-id memory keeps at most this many ids (2 000), newest first. */
export const ANNOUNCED_MAX_IDS = 2_000;

/** The announced-id memory forgets ids announced longer ago than this (30 days). */
export const ANNOUNCED_MAX_AGE_MS = 30 * 24 * 3_600_000;

/** At most this many list baselines (100: accounts × kinds) are kept, the most recently updated. */
export const BASELINES_MAX = 100;

/** A ledger file larger than this (16 MiB) is treated as corrupt rather than parsed. */
export const LEDGER_MAX_BYTES = 16 * 1024 * 1024;

/** A job the scheduler listed at the last successful poll. Instants are epoch ms. */
export interface TrackedJobRecord {
  /** The job as the scheduler last reported it. */
  job: RunningJob;
  /** First poll that listed it. */
  firstSeenMs: number;
  /** Last poll that listed it. */
  lastSeenMs: number;
  /** `startedMs`, else first sight minus the reported elapsed time, else null. */
  estimatedStartMs: number | null;
  /** The user cancelled it from this app (POST /videos/cancel). */
  cancelled: boolean;
  /** Already announced or forgotten: listed again by a flaky scheduler, never announced again. */
  silent: boolean;
}

/** A job that left the scheduler and waits for a final status (GET /videos|images/{id}). */
export interface PendingJobRecord extends Omit<TrackedJobRecord, 'silent'> {
  /** First poll that no longer listed it. */
  goneSinceMs: number;
  /** Status checks made so far (successful or not). */
  checks: number;
  /** When the next check is due. */
  nextCheckMs: number;
  /** The last (not final) status seen, if any. */
  lastStatus: JobStatus | null;
}

/**
 * A job seen running in an account's list (GET /videos/ or GET /images/) that GET /scheduler/
 * never listed (`job.source` is `website`). Instants are epoch ms.
 */
export interface WebsiteJobRecord {
  /** The job as the list showed it (no start for videos; images: `createTime`). */
  job: RunningJob;
  /** The list request that first showed it running. */
  firstSeenMs: number;
  /** The last list request that showed it (running). */
  lastSeenMs: number;
  /** Images: `createTime`; videos: null (the lists carry no timestamp for them). */
  estimatedStartMs: number | null;
  /** The user cancelled it from this app (POST /videos/cancel). */
  cancelled: boolean;
  /**
   * A poll after the list request did not list it either, so it was announced as a website job
   * (job-started). Until then it may be an API job the scheduler lists at its next poll.
   */
  confirmed: boolean;
}

/**
 * How far one account's list of one kind is already covered: what the last reconcile saw at its
 * newest. An item the monitor has not seen is new when it lies beyond this (see
 * main/core/jobs/baselines.ts); none at all means the next reconcile is the first (history).
 */
export interface ListBaseline {
  account: string;
  kind: JobKind;
  /** Highest numeric MiniMax-side id seen (digits as text, any length), or null. */
  highestId: string | null;
  /** Newest `createTime` seen (images, epoch ms), or null. */
  newestCreateMs: number | null;
  /** When a reconcile last confirmed or moved it (epoch ms). */
  updatedMs: number;
}

/** An id whose job-finished was emitted (or that the user chose to stop tracking). */
export interface AnnouncedRecord {
  id: string;
  atMs: number;
}

/** Everything the ledger stores. */
export interface LedgerState {
  running: TrackedJobRecord[];
  pending: PendingJobRecord[];
  website: WebsiteJobRecord[];
  /** Newest first. */
  history: FinishedJob[];
  announced: AnnouncedRecord[];
  baselines: ListBaseline[];
}

/** A ledger with nothing in it. */
export function emptyLedgerState(): LedgerState {
  return { running: [], pending: [], website: [], history: [], announced: [], baselines: [] };
}

/**
 * Apply the history bounds: newest first, at most {@link HISTORY_MAX_ENTRIES}, none finished
 * before `nowMs − HISTORY_MAX_AGE_MS`, one entry per id (the newest). Returns a new array.
 */
export function pruneHistory(history: readonly FinishedJob[], nowMs: number): FinishedJob[] {
  const cutoff = nowMs - HISTORY_MAX_AGE_MS;
  const seen = new Set<string>();
  const out: FinishedJob[] = [];
  for (const job of [...history].sort((a, b) => b.finishedAtMs - a.finishedAtMs)) {
    if (job.finishedAtMs < cutoff || seen.has(job.id)) continue;
    seen.add(job.id);
    out.push(job);
    if (out.length >= HISTORY_MAX_ENTRIES) break;
  }
  return out;
}

/**
 * Apply the announced-id bounds: newest first, at most {@link ANNOUNCED_MAX_IDS}, none older than
 * `nowMs − ANNOUNCED_MAX_AGE_MS`, one record per id. Returns a new array.
 */
export function pruneAnnounced(announced: readonly AnnouncedRecord[], nowMs: number): AnnouncedRecord[] {
  const cutoff = nowMs - ANNOUNCED_MAX_AGE_MS;
  const seen = new Set<string>();
  const out: AnnouncedRecord[] = [];
  for (const rec of [...announced].sort((a, b) => b.atMs - a.atMs)) {
    if (rec.atMs < cutoff || seen.has(rec.id)) continue;
    seen.add(rec.id);
    out.push(rec);
    if (out.length >= ANNOUNCED_MAX_IDS) break;
  }
  return out;
}

/**
 * Apply the baseline bounds: one per account and kind (the most recently updated), none updated
 * before `nowMs − ANNOUNCED_MAX_AGE_MS`, at most {@link BASELINES_MAX}. Returns a new array.
 */
export function pruneBaselines(baselines: readonly ListBaseline[], nowMs: number): ListBaseline[] {
  const cutoff = nowMs - ANNOUNCED_MAX_AGE_MS;
  const seen = new Set<string>();
  const out: ListBaseline[] = [];
  for (const b of [...baselines].sort((x, y) => y.updatedMs - x.updatedMs)) {
    const key = `${b.account}\u0000${b.kind}`;
    if (b.updatedMs < cutoff || seen.has(key)) continue;
    seen.add(key);
    out.push(b);
    if (out.length >= BASELINES_MAX) break;
  }
  return out;
}

/** Options for {@link Ledger}. */
export interface LedgerOptions {
  /** Path of the JSON file (parent directories are created); null keeps everything in memory. */
  path: string | null;
  clock: Clock;
  logger: Logger;
}

/** What {@link Ledger.load} found. */
export interface LedgerLoadResult {
  state: LedgerState;
  /** Where a corrupt file was moved, when it was. */
  setAsidePath: string | null;
}

/** Reads and writes the ledger file (see module docs). Saves are serialised in call order. */
export class Ledger {
  /** The file path, or null for memory only. */
  readonly path: string | null;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private chain: Promise<void> = Promise.resolve();
  /** load() refused a newer file: never write over it. */
  private refusedNewer = false;
  private saveError: string | null = null;

  constructor(opts: LedgerOptions) {
    this.path = opts.path;
    this.clock = opts.clock;
    this.logger = opts.logger;
  }

  /**
   * Read the ledger. A missing file gives an empty state; an unreadable file gives an empty state
   * with a warning; a version 1 file is migrated (see ledger-format.ts); a corrupt, truncated,
   * oversized, or version 0 or unversioned file is renamed to
   * `<path>.corrupt-<timestamp>`, with a warning, and gives an empty state. Bounds are applied.
   * @throws LocalStateError `newer-ledger` when the file carries a version above
   *   {@link LEDGER_VERSION} (it is left untouched, and this ledger will not save over it).
   */
  async load(): Promise<LedgerLoadResult> {
    if (this.path === null) return { state: emptyLedgerState(), setAsidePath: null };
    const stale = await removeStaleTempFiles(this.path);
    if (stale > 0) this.logger.info(`ledger: removed ${stale} temp file(s) left by an interrupted save`);
    let text: string;
    try {
      const buf = await readFile(this.path);
      if (buf.length > LEDGER_MAX_BYTES) return await this.setAside(`larger than ${LEDGER_MAX_BYTES} bytes`);
      text = buf.toString('utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        return { state: emptyLedgerState(), setAsidePath: null };
      this.logger.warn(`ledger: cannot read ${this.path} (${describe(e)}); starting with an empty ledger`);
      return { state: emptyLedgerState(), setAsidePath: null };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return await this.setAside(`not valid JSON (${describe(e)})`);
    }
    const version = (raw as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && Number.isInteger(version) && version > LEDGER_VERSION) {
      this.refusedNewer = true;
      throw new LocalStateError(
        'newer-ledger',
        `${this.path} was written by a newer version (ledger version ${version}; this one reads ` +
          `version ${LEDGER_VERSION}). It was left untouched: update this program, or use another state folder.`,
      );
    }
    const doc = readLedgerDocument(raw);
    if (!doc.ok) return await this.setAside(doc.why);
    if (doc.migratedFrom !== null) {
      this.logger.info(
        `ledger: ${this.path} is version ${doc.migratedFrom} (from before website jobs); read as version ` +
          `${LEDGER_VERSION}: the first look at each account's lists records them as history`,
      );
    }
    const now = this.clock.now();
    const s = doc.state;
    return {
      state: {
        ...s,
        history: pruneHistory(s.history, now),
        announced: pruneAnnounced(s.announced, now),
        baselines: pruneBaselines(s.baselines, now),
      },
      setAsidePath: null,
    };
  }

  /**
   * Write `state` atomically (after any earlier save finishes). Memory-only ledgers do nothing.
   * @throws the file-system error when the write fails (the caller logs it).
   */
  save(state: LedgerState): Promise<void> {
    const path = this.path;
    if (path === null) return Promise.resolve();
    if (this.refusedNewer) {
      return Promise.reject(
        new LocalStateError('newer-ledger', `${path} belongs to a newer version; not saving over it`),
      );
    }
    const doc = {
      version: LEDGER_VERSION,
      savedAt: new Date(this.clock.now()).toISOString(),
      running: state.running,
      pending: state.pending,
      website: state.website,
      history: state.history,
      announced: state.announced,
      baselines: state.baselines,
    };
    const text = `${JSON.stringify(doc, null, 1)}\n`;
    const write = this.chain.then(async () => {
      await makeDirs(dirname(path));
      await writeFileAtomic(path, text, 0o600);
    });
    this.chain = write.catch(() => {});
    return write;
  }

  /**
   * Saves `state` in the background, queued after earlier saves. Never rejects: a failure is
   * logged (once while the same error repeats, so a full disk is not logged every cycle) and kept
   * in {@link Ledger.lastSaveError}.
   * @returns true when the file was written.
   */
  persist(state: LedgerState): Promise<boolean> {
    return this.save(state).then(
      () => {
        this.saveError = null;
        return true;
      },
      (e: unknown) => {
        const message = `Could not save the ledger ${this.path}: ${describe(e)}`;
        if (message !== this.saveError) this.logger.error(`ledger: ${message}`);
        this.saveError = message;
        return false;
      },
    );
  }

  /** Why the last {@link Ledger.persist} failed (names the file), or null after a success. */
  get lastSaveError(): string | null {
    return this.saveError;
  }

  /** Resolves once every save queued so far has finished (successfully or not). */
  settled(): Promise<void> {
    return this.chain;
  }

  private async setAside(why: string): Promise<LedgerLoadResult> {
    const path = this.path as string;
    const stamp = new Date(this.clock.now()).toISOString().replace(/[-:.]/g, '');
    const target = `${path}.corrupt-${stamp}`;
    try {
      await rename(path, target);
      this.logger.warn(`ledger: ${path} is ${why}; moved it to ${target} and started with an empty ledger`);
      return { state: emptyLedgerState(), setAsidePath: target };
    } catch (e) {
      this.logger.warn(
        `ledger: ${path} is ${why} and could not be moved aside (${describe(e)}); starting with an empty ledger`,
      );
      return { state: emptyLedgerState(), setAsidePath: null };
    }
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
