/**
 * The ledger: the monitor's durable memory, one versioned JSON file in the app's state directory.
 *
 * It holds the jobs last seen running, the jobs that left the scheduler and still wait for their
 * outcome, the finished jobs already announced (history) and a bounded set of announced ids. This
 * is what makes announcements exactly-once across restarts: a job that finished while the app was
 * closed is still "running" in the ledger, is absent from the first scheduler snapshot, and so is
 * resolved and announced; a job already announced is remembered and never announced again.
 *
 * File format (version 1, {@link LEDGER_VERSION}):
 * ```json
 * { "version": 1, "savedAt": "<ISO-8601>", "running": [TrackedJobRecord…],
 *   "pending": [PendingJobRecord…], "history": [FinishedJob…, newest first],
 *   "announced": [{ "id": "…", "atMs": 0 }…] }
 * ```
 * Writes are atomic (atomic-write.ts: temp file + fsync + rename) with mode 0600, because
 * prompts are user data. A file that cannot be parsed, fails validation, or carries an older or
 * missing version is renamed to `<file>.corrupt-<UTC timestamp>` with a warning, and the monitor
 * starts empty; it never crashes on a bad ledger. A file written by a NEWER version is not ours to
 * judge: it is left in place, never overwritten, and {@link Ledger.load} refuses it.
 *
 * Bounds: history keeps at most {@link HISTORY_MAX_ENTRIES} (200) jobs and none older than
 * {@link HISTORY_MAX_AGE_MS} (30 days); the announced-id memory keeps at most
 * {@link ANNOUNCED_MAX_IDS} (2 000) ids and none older than {@link ANNOUNCED_MAX_AGE_MS} (30 days).
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { LocalStateError } from '../state/local-state-error.ts';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write.ts';
import type { Clock, FinishedJob, JobStatus, Logger, RunningJob } from '../types.ts';

/** Version written to and required from the ledger file. */
export const LEDGER_VERSION = 1;

/** History keeps at most this many finished jobs (200), newest first. */
export const HISTORY_MAX_ENTRIES = 200;

/** History drops finished jobs older than this (30 days, by `finishedAtMs`). */
export const HISTORY_MAX_AGE_MS = 30 * 24 * 3_600_000;

/** The announced-id memory keeps at most this many ids (2 000), newest first. */
export const ANNOUNCED_MAX_IDS = 2_000;

/** The announced-id memory forgets ids announced longer ago than this (30 days). */
export const ANNOUNCED_MAX_AGE_MS = 30 * 24 * 3_600_000;

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

/** An id whose job-finished was emitted (or that the user chose to stop tracking). */
export interface AnnouncedRecord {
  id: string;
  atMs: number;
}

/** Everything the ledger stores. */
export interface LedgerState {
  running: TrackedJobRecord[];
  pending: PendingJobRecord[];
  /** Newest first. */
  history: FinishedJob[];
  announced: AnnouncedRecord[];
}

/** A ledger with nothing in it. */
export function emptyLedgerState(): LedgerState {
  return { running: [], pending: [], history: [], announced: [] };
}

const nullableString = z.string().nullable();
const nullableNumber = z.number().nullable();
const kindSchema = z.enum(['video', 'image']);

const runningJobSchema = z.object({
  id: z.string().min(1),
  kind: kindSchema,
  account: z.string(),
  startedMs: nullableNumber,
  reportedElapsedMs: nullableNumber,
  replyRef: nullableString,
  replyUrl: nullableString,
});

const jobStatusSchema = z.object({
  id: z.string(),
  final: z.boolean(),
  outcome: z.enum(['succeeded', 'failed', 'moderated']).nullable(),
  status: nullableNumber,
  statusLabel: nullableString,
  percent: nullableNumber,
  message: nullableString,
  resultUrl: nullableString,
  coverUrl: nullableString,
  prompt: nullableString,
});

const trackedBase = {
  job: runningJobSchema,
  firstSeenMs: z.number(),
  lastSeenMs: z.number(),
  estimatedStartMs: nullableNumber,
  cancelled: z.boolean(),
};

const finishedJobSchema = z.object({
  id: z.string().min(1),
  kind: kindSchema,
  account: z.string(),
  outcome: z.enum(['succeeded', 'failed', 'moderated', 'cancelled', 'unknown']),
  resultUrl: nullableString,
  coverUrl: nullableString,
  prompt: nullableString,
  durationMs: nullableNumber,
  finishedAtMs: z.number(),
  startedMs: nullableNumber,
  replyRef: nullableString,
  status: nullableNumber,
  statusLabel: nullableString,
  message: nullableString,
});

const ledgerFileSchema = z.object({
  version: z.literal(LEDGER_VERSION),
  savedAt: z.string().optional(),
  running: z.array(z.object({ ...trackedBase, silent: z.boolean() })),
  pending: z.array(
    z.object({
      ...trackedBase,
      goneSinceMs: z.number(),
      checks: z.number().int().nonnegative(),
      nextCheckMs: z.number(),
      lastStatus: jobStatusSchema.nullable(),
    }),
  ),
  history: z.array(finishedJobSchema),
  announced: z.array(z.object({ id: z.string().min(1), atMs: z.number() })),
});

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
   * with a warning; a corrupt, truncated, oversized or older-version file is renamed to
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
    if (version !== LEDGER_VERSION) {
      return await this.setAside(
        `version ${JSON.stringify(version) ?? 'missing'}, expected ${LEDGER_VERSION}`,
      );
    }
    const parsed = ledgerFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
      return await this.setAside(`unexpected content at ${where}`);
    }
    const now = this.clock.now();
    const { running, pending, history, announced } = parsed.data;
    return {
      state: {
        running,
        pending,
        history: pruneHistory(history, now),
        announced: pruneAnnounced(announced, now),
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
      history: state.history,
      announced: state.announced,
    };
    const text = `${JSON.stringify(doc, null, 1)}\n`;
    const write = this.chain.then(async () => {
      await mkdir(dirname(path), { recursive: true });
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
