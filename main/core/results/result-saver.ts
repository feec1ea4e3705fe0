/**
 * The result saver: downloads the results of succeeded jobs into a folder, one at a time.
 *
 * It is a consumer of the monitor's `job-finished` events (the shells pass each finished job to
 * {@link ResultSaver.offer}), not part of the monitor: it never talks to useapi.net and its
 * requests never go through the monitor's scheduler, because result files are on another host
 * (MiniMax's file host) that the token must never reach; see fetch-file.ts. Its timers (retries,
 * stall detection, the paused-folder check) run on the {@link Clock} it is given.
 *
 * Rules:
 * - a result is written to a temp file in the folder, `.minimax-save-<id>-<random>.part`, whose
 *   name is recorded in the state file BEFORE it is created; only such recorded temp files are
 *   ever removed (a crash may leave one; the next start resumes or removes it). Other files in
 *   the folder are never touched;
 * - when complete it gets its name (file-name.ts) by a hard link that fails on an existing name,
 *   so nothing is ever overwritten (the next free `name (2).mp4` is taken); where hard links are
 *   not supported, by reserving the name exclusively and renaming onto the reservation;
 * - a network failure, a stall or a 5xx is retried with exponential backoff, resuming with an
 *   HTTP Range where the host supports it, up to {@link SaveLimits.maxAttempts}; an expired link
 *   (404…) or a file over the size cap is given up at once; each ends in one `save-failed`;
 * - a restart resumes the queue where it was (the temp file and its validator are in the state);
 * - a full disk or a folder that went away pauses saving (`save-paused`) until it is fixed
 *   (checked every {@link SaveLimits.probeMs}) or {@link ResultSaver.retryNow} is called.
 */
import path from 'node:path';
import { parseJobId } from '../api/job-id.ts';
import { systemClock } from '../clock.ts';
import { silentLogger, type Clock, type FinishedJob, type Logger, type TimerHandle } from '../types.ts';
import { DownloadError, fetchFile, formatSize, type FetchLike } from './fetch-file.ts';
import { resultFileName } from './file-name.ts';
import { errnoOf, pauseMessage, pauseReasonOf, placeFile, tempNameFor } from './place-file.ts';
import { downloadableUrl } from './result-url.ts';
import { nodeSaveFs, type SaveFs } from './save-fs.ts';
import { boundEntries, SaveStateFile, type SaveEntry } from './save-state.ts';
import {
  DEFAULT_SAVE_LIMITS,
  type SaveEvent,
  type SaveLimits,
  type SavePauseReason,
  type SaverConfig,
  type SaverSnapshot,
  type SavePause,
} from './save-types.ts';

/** Options of {@link ResultSaver}. */
export interface ResultSaverOptions {
  /** The state file (`<state folder>/saves.json`); null keeps the queue in memory only. */
  statePath: string | null;
  clock?: Clock;
  logger?: Logger;
  /** The HTTP client for the file host; default Node's global fetch (never the API client). */
  fetch?: FetchLike;
  /** File operations; default node:fs (tests inject failures). */
  fs?: SaveFs;
  /** Jitter source in [0, 1); default Math.random. */
  random?: () => number;
  limits?: Partial<SaveLimits>;
}

/** See the module docs. Build, {@link ResultSaver.start}, {@link ResultSaver.setConfig}, then offer jobs. */
export class ResultSaver {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly fetch: FetchLike;
  private readonly fs: SaveFs;
  private readonly random: () => number;
  private readonly limits: SaveLimits;
  private readonly file: SaveStateFile;
  private readonly listeners = new Set<(event: SaveEvent) => void>();
  private entries: SaveEntry[] = [];
  /** Offers made before start() finished loading. */
  private early: FinishedJob[] = [];
  private config: SaverConfig | null = null;
  private paused: SavePause | null = null;
  private loaded = false;
  private stopping = false;
  private timer: TimerHandle | null = null;
  private running: Promise<void> | null = null;
  /** The paused-folder check in flight. */
  private probing: Promise<void> | null = null;
  private active: { entry: SaveEntry; abort: AbortController } | null = null;

  constructor(opts: ResultSaverOptions) {
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.fetch = opts.fetch ?? ((url, init) => fetch(url, init));
    this.fs = opts.fs ?? nodeSaveFs;
    this.random = opts.random ?? Math.random;
    this.limits = { ...DEFAULT_SAVE_LIMITS, ...opts.limits };
    this.file = new SaveStateFile(opts.statePath, this.logger);
  }

  /** Each event as it happens. Returns unsubscribe. */
  subscribe(listener: (event: SaveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Loads the state file, finishes what a crash interrupted (a temp file already given its name)
   * and removes the saver's own leftover temp files; then works through the queue. Never throws.
   */
  async start(): Promise<void> {
    this.entries = await this.file.load(this.clock.now());
    for (const entry of this.entries) await this.recover(entry);
    this.loaded = true;
    for (const job of this.early.splice(0)) this.offer(job);
    await this.persist();
    this.pump();
  }

  /**
   * Saving on (a folder and which kinds) or off (null). Off drops the queue and its temp files
   * (saved files stay); a new folder ends a pause and moves the queue there (a partial download
   * starts over in the new folder).
   */
  setConfig(config: SaverConfig | null): void {
    const before = this.config;
    this.config = config;
    if (config === null) {
      this.active?.abort.abort();
      const dropped = this.entries.filter((e) => e.status === 'queued');
      this.entries = this.entries.filter((e) => e.status !== 'queued');
      this.clearPause();
      // Once the aborted download has closed its temp file (Windows cannot remove an open file).
      void this.whenIdle()
        .then(() => this.removeTemps(dropped))
        .then(() => this.persist());
      return;
    }
    if (before !== null && before.folder !== config.folder) {
      this.active?.abort.abort();
      this.clearPause();
    }
    this.pump();
  }

  /**
   * A finished job from the monitor: queued when it succeeded, saving is on, its kind is wanted,
   * and it was not offered before. A result whose link cannot be downloaded (none, not https) is
   * recorded as failed with the reason.
   */
  offer(job: FinishedJob): void {
    if (!this.loaded) {
      this.early.push(job);
      return;
    }
    const config = this.config;
    if (this.stopping || config === null || job.outcome !== 'succeeded') return;
    if (config.kinds === 'videos' && job.kind !== 'video') return;
    if (this.entries.some((e) => e.id === job.id)) return;
    const entry: SaveEntry = {
      id: job.id,
      kind: job.kind,
      url: job.resultUrl ?? '',
      prompt: job.prompt,
      finishedAtMs: job.finishedAtMs,
      status: 'queued',
      attempts: 0,
      nextAttemptMs: null,
      folder: null,
      tempName: null,
      validator: null,
      totalBytes: null,
      committing: null,
      path: null,
      bytes: null,
      message: null,
      updatedMs: this.clock.now(),
    };
    this.entries.push(entry);
    this.entries = boundEntries(this.entries);
    if (job.resultUrl === null) void this.giveUp(entry, 'MiniMax gave no result link for this job.');
    else if (downloadableUrl(job.resultUrl) === null) {
      void this.giveUp(entry, 'Not downloaded: the result link is not https; only https links are saved.');
    } else void this.persist();
    this.pump();
  }

  /** "Try again": ends a pause and starts results waiting for a retry now. */
  retryNow(): void {
    for (const e of this.entries) if (e.status === 'queued') e.nextAttemptMs = null;
    this.clearPause();
    this.pump();
  }

  /** Current state (copies). */
  snapshot(): SaverSnapshot {
    const records: SaverSnapshot['records'] = {};
    for (const e of this.entries) {
      records[e.id] = {
        status: this.active?.entry === e ? 'saving' : e.status,
        path: e.path,
        message: e.message,
      };
    }
    return {
      config: this.config ? { ...this.config } : null,
      paused: this.paused ? { ...this.paused } : null,
      records,
    };
  }

  /** Resolves once no download is running (timers may still be armed). Tests and benchmarks. */
  async whenIdle(): Promise<void> {
    while (this.running || this.probing) await (this.running ?? this.probing);
  }

  /**
   * Stops: aborts the download in flight (its temp file stays, for a resume at the next start),
   * clears the timers and saves the state. Idempotent.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.clearTimer();
    this.active?.abort.abort();
    await this.whenIdle();
    await this.persist();
  }

  // ---- the queue ------------------------------------------------------------------------------

  /** Starts the next due download, or arms one timer for the earliest retry. */
  private pump(): void {
    if (!this.loaded || this.stopping || this.running || this.paused || this.config === null) return;
    this.clearTimer();
    const now = this.clock.now();
    const queued = this.entries.filter((e) => e.status === 'queued');
    const due = queued.find((e) => e.nextAttemptMs === null || e.nextAttemptMs <= now);
    if (due === undefined) {
      const next = Math.min(...queued.map((e) => e.nextAttemptMs ?? now));
      if (Number.isFinite(next)) this.timer = this.clock.setTimeout(() => this.pump(), next - now);
      return;
    }
    const config = this.config;
    this.running = this.attempt(due, config)
      .catch((e: unknown) => this.logger.error(`saver: unexpected failure: ${describe(e)}`))
      .finally(() => {
        this.running = null;
        this.pump();
      });
  }

  private async attempt(entry: SaveEntry, config: SaverConfig): Promise<void> {
    if (entry.tempName !== null && entry.folder !== null && entry.folder !== config.folder) {
      await this.fs.remove(path.join(entry.folder, entry.tempName)).catch(() => {});
      Object.assign(entry, { tempName: null, validator: null, totalBytes: null });
    }
    entry.folder = config.folder;
    const dir = await this.fs.stat(config.folder).catch(() => null);
    if (dir === null || !dir.isDirectory) {
      this.pause('folder-missing', config.folder, null);
      return;
    }
    if (entry.tempName === null) {
      entry.tempName = tempNameFor(entry.id);
      await this.persist(); // recorded before it exists: it is known to be ours
    }
    const tempPath = path.join(config.folder, entry.tempName);
    const abort = new AbortController();
    this.active = { entry, abort };
    this.emit({ type: 'save-started', at: this.iso(), id: entry.id });
    try {
      const { sink, size } = await this.fs.openAppend(tempPath);
      let bytes: number;
      try {
        bytes = await fetchFile({
          url: entry.url,
          sink,
          existingBytes: size,
          validator: entry.validator,
          maxBytes: this.limits.maxBytes,
          stallMs: this.limits.stallMs,
          clock: this.clock,
          fetch: this.fetch,
          signal: abort.signal,
          onFacts: async (facts) => {
            entry.validator = facts.validator;
            entry.totalBytes = facts.totalBytes;
            await this.persist();
          },
        });
        await sink.sync();
      } finally {
        await sink.close().catch(() => {});
      }
      await this.commit(entry, config.folder, tempPath, bytes);
    } catch (e) {
      await this.onFailure(entry, config.folder, e);
    } finally {
      this.active = null;
    }
  }

  /** Gives the complete temp file its name, never over an existing file (place-file.ts). */
  private async commit(entry: SaveEntry, folder: string, tempPath: string, bytes: number): Promise<void> {
    const base = resultFileName({
      finishedAtMs: entry.finishedAtMs,
      prompt: entry.prompt,
      localId: parseJobId(entry.id)?.localId ?? entry.id,
      kind: entry.kind,
      url: entry.url,
    });
    const target = await placeFile(this.fs, tempPath, folder, base, async (name) => {
      entry.committing = name;
      await this.persist();
    });
    this.markSaved(entry, target, bytes);
  }

  private markSaved(entry: SaveEntry, target: string, bytes: number): void {
    Object.assign(entry, {
      status: 'saved',
      path: target,
      bytes,
      tempName: null,
      committing: null,
      message: null,
      nextAttemptMs: null,
      updatedMs: this.clock.now(),
    });
    this.logger.info(`saver: saved ${entry.id} as ${target} (${formatSize(bytes)})`);
    void this.persist();
    this.emit({ type: 'saved', at: this.iso(), id: entry.id, kind: entry.kind, path: target, bytes });
  }

  private async onFailure(entry: SaveEntry, folder: string, e: unknown): Promise<void> {
    entry.committing = null;
    if (e instanceof DownloadError && e.problem === 'stopped') return; // stays queued, temp kept
    const pauseReason = pauseReasonOf(e);
    if (pauseReason !== null) return this.pause(pauseReason, folder, errnoOf(e));
    if (e instanceof DownloadError && e.retryable) {
      entry.attempts++;
      if (entry.attempts >= this.limits.maxAttempts) {
        await this.giveUp(entry, `Gave up after ${entry.attempts} tries: ${e.message}`);
        return;
      }
      entry.nextAttemptMs = this.clock.now() + this.backoffMs(entry.attempts, e.retryAfterMs);
      this.logger.info(
        `saver: ${entry.id}: ${e.message}; try ${entry.attempts + 1} at ${this.iso(entry.nextAttemptMs)}`,
      );
      await this.persist();
      return;
    }
    await this.giveUp(entry, e instanceof Error ? e.message : String(e));
  }

  /** Records that `entry` will not be saved (removing its temp file, which is ours) and says why. */
  private async giveUp(entry: SaveEntry, message: string): Promise<void> {
    const temp =
      entry.tempName !== null && entry.folder !== null ? path.join(entry.folder, entry.tempName) : null;
    Object.assign(entry, {
      status: 'failed',
      message,
      tempName: null,
      committing: null,
      nextAttemptMs: null,
      updatedMs: this.clock.now(),
    });
    this.logger.warn(`saver: not saved ${entry.id}: ${message}`);
    this.emit({ type: 'save-failed', at: this.iso(), id: entry.id, kind: entry.kind, message });
    if (temp !== null) await this.fs.remove(temp).catch(() => {});
    await this.persist();
  }

  private backoffMs(attempts: number, retryAfterMs: number | null): number {
    const { baseBackoffMs, maxBackoffMs } = this.limits;
    const full = Math.min(maxBackoffMs, baseBackoffMs * 2 ** (attempts - 1));
    const delay = full / 2 + (this.random() * full) / 2;
    return retryAfterMs === null ? delay : Math.max(delay, Math.min(retryAfterMs, 600_000));
  }

  // ---- pause ------------------------------------------------------------------------------------

  private pause(reason: SavePauseReason, folder: string, code: string | null): void {
    const message = pauseMessage(reason, folder, code);
    this.paused = { reason, message, folder, sinceMs: this.clock.now() };
    this.logger.warn(`saver: paused: ${message}`);
    this.emit({ type: 'save-paused', at: this.iso(), reason, message, folder });
    this.armProbe();
  }

  private armProbe(): void {
    this.clearTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.probing = this.probe().finally(() => {
        this.probing = null;
      });
    }, this.limits.probeMs);
  }

  /** A paused saver looks whether the folder is back and has room. */
  private async probe(): Promise<void> {
    const paused = this.paused;
    if (paused === null || this.stopping) return;
    const dir = await this.fs.stat(paused.folder).catch(() => null);
    let cleared = dir !== null && dir.isDirectory;
    if (cleared && paused.reason === 'disk-full') {
      const free = await this.fs.freeBytes(paused.folder);
      cleared = free === null || free >= this.limits.minFreeBytes;
    }
    if (this.paused !== paused) return;
    if (cleared) this.retryNow();
    else this.armProbe();
  }

  private clearPause(): void {
    const paused = this.paused;
    if (paused === null) return;
    this.paused = null;
    this.clearTimer();
    this.emit({ type: 'save-resumed', at: this.iso(), folder: paused.folder });
  }

  // ---- start-up, persistence, events -------------------------------------------------------------

  /** After a restart: finishes a naming a crash interrupted; removes temp files of finished entries. */
  private async recover(entry: SaveEntry): Promise<void> {
    if (entry.folder === null || entry.tempName === null) return;
    const temp = path.join(entry.folder, entry.tempName);
    if (entry.status !== 'queued') {
      await this.fs.remove(temp).catch(() => {});
      entry.tempName = null;
      return;
    }
    if (entry.committing === null) return;
    const target = path.join(entry.folder, entry.committing);
    const [t, f] = await Promise.all([this.fs.stat(temp), this.fs.stat(target)]).catch(() => [null, null]);
    entry.committing = null;
    // The link was made (same inode), or the rename done: it is saved.
    if (f !== null && (t === null || t.ino === f.ino)) {
      if (t !== null) await this.fs.remove(temp).catch(() => {});
      this.markSaved(entry, target, f.size);
    }
  }

  private async removeTemps(entries: SaveEntry[]): Promise<void> {
    for (const e of entries) {
      if (e.folder !== null && e.tempName !== null) {
        await this.fs.remove(path.join(e.folder, e.tempName)).catch(() => {});
      }
    }
  }

  /** Saves the state file; a failure is logged (the state stays in memory). */
  private async persist(): Promise<void> {
    try {
      await this.file.save(this.entries);
    } catch (e) {
      this.logger.warn(`saver: could not save ${this.file.path}: ${describe(e)}`);
    }
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private iso(ms = this.clock.now()): string {
    return new Date(ms).toISOString();
  }

  private emit(event: SaveEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (e) {
        this.logger.error(`saver: an event listener threw: ${describe(e)}`);
      }
    }
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
