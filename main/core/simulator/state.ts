/**
 * The simulator's job table: the finished history of the last days, scripted jobs, lazily
 * generated random jobs, and the user's actions on them (cancel, stop tracking). Reads the clock
 * only when asked; owns no timers.
 *
 * Ids count up in the order jobs are made (history first, oldest first; then scripted jobs; random
 * jobs from {@link RANDOM_ID_BASE}), as MiniMax's grow: submit website jobs in start order.
 */
import type { Clock } from '../types.ts';
import { generationEndMs, groundTruthOf, inSchedulerAt, leftSchedulerMs, phaseAt } from './model.ts';
import type { SimGroundTruth, SimJob, SimJobSpec } from './model.ts';
import { mixSeed, mulberry32 } from './prng.ts';
import { randomJobSpec, type RandomJobGenerator } from './trace.ts';

/** First local id of random-mode jobs; scripted jobs count up from 1, so the two never collide. */
export const RANDOM_ID_BASE = 1_000_000;

/** Settings of {@link SimState}. */
export interface SimStateOptions {
  clock: Clock;
  /** useapi.net user number written into job ids. */
  user: string;
  /** MiniMax account ids, at least one. */
  accounts: readonly string[];
  /** Accounts whose finished videos carry `downloadURL`. */
  paidAccounts: ReadonlySet<string>;
  /** Random-mode generator, or null when random mode is off. */
  random: RandomJobGenerator | null;
  /** Share (0–1) of random-mode jobs started on the website (never in GET /scheduler/). */
  websiteShare: number;
  /** Seed of the history and of which random jobs are website jobs. */
  seed: number;
  /** Finished jobs per account before the clock's start, spread over `days`; null for none. */
  history: { perAccount: number; days: number } | null;
}

/** Result of POST /videos/cancel against the table. */
export type CancelResult = 'cancelled' | 'unknown' | 'not-video' | 'not-running';

/** Job table. Every public method first brings random mode up to `clock.now()`. */
export class SimState {
  private readonly opts: SimStateOptions;
  private readonly jobs = new Map<string, SimJob>();
  private scriptedCount = 0;
  private randomCount = 0;

  /** @throws RangeError when `accounts` is empty. */
  constructor(opts: SimStateOptions) {
    if (opts.accounts.length === 0) throw new RangeError('the simulator needs at least one account');
    this.opts = opts;
    if (opts.history !== null) this.addHistory(opts.history.perAccount, opts.history.days);
  }

  /**
   * Finished jobs of every account started within the last `days` (the newest an hour before
   * now), ids 1, 2, … oldest first: what the lists hold before anything happens. Not in the
   * ground truth: nothing is to announce them.
   */
  private addHistory(perAccount: number, days: number): void {
    const rng = mulberry32(mixSeed(this.opts.seed, 0x4157));
    const now = this.now();
    const span = Math.max(0, days * 24 * 3_600_000 - 3_600_000);
    const specs: { spec: SimJobSpec; account: string }[] = [];
    for (const account of this.opts.accounts) {
      for (let i = 0; i < perAccount; i++) {
        const startAtMs = now - 3_600_000 - Math.floor(rng() * span);
        specs.push({ spec: { ...randomJobSpec(rng, startAtMs, 1, i), finalLagMs: 0 }, account });
      }
    }
    specs.sort((a, b) => (a.spec.startAtMs ?? 0) - (b.spec.startAtMs ?? 0));
    for (const { spec, account } of specs) {
      const source = rng() < 0.5 ? 'website' : 'api';
      this.add({ ...spec, source }, String(++this.scriptedCount), account, 'history');
    }
  }

  /** The clock's current time (epoch ms). */
  now(): number {
    return this.opts.clock.now();
  }

  /** Accounts in configuration order. */
  get accounts(): readonly string[] {
    return this.opts.accounts;
  }

  /** useapi.net user number in job ids. */
  get user(): string {
    return this.opts.user;
  }

  /**
   * Adds a scripted job and returns its id (`user:<user>-minimax:<account>-<kind>:<n>`, n = 1, 2, …).
   * @throws RangeError on a non-positive or non-finite duration, a negative lag, a non-finite
   *   start, or an account the
   *   simulator does not have.
   */
  submit(spec: SimJobSpec): string {
    this.sync();
    if (!Number.isFinite(spec.durationMs) || spec.durationMs <= 0) {
      throw new RangeError(`durationMs must be a positive number, got ${spec.durationMs}`);
    }
    if (spec.finalLagMs !== undefined && !(spec.finalLagMs >= 0)) {
      throw new RangeError(`finalLagMs must be >= 0, got ${spec.finalLagMs}`);
    }
    if (spec.startAtMs !== undefined && !Number.isFinite(spec.startAtMs)) {
      throw new RangeError(`startAtMs must be a finite epoch ms, got ${spec.startAtMs}`);
    }
    if (spec.account !== undefined && !this.opts.accounts.includes(spec.account)) {
      throw new RangeError(`unknown account ${spec.account}; configured: ${this.opts.accounts.join(', ')}`);
    }
    const n = ++this.scriptedCount;
    const account = spec.account ?? this.opts.accounts[(n - 1) % this.opts.accounts.length] ?? '';
    return this.add(spec, String(n), account, 'scripted');
  }

  private add(spec: SimJobSpec, localId: string, account: string, madeBy: SimJob['madeBy']): string {
    const user = this.opts.user;
    const id = `user:${user}-minimax:${account}-${spec.kind}:${localId}`;
    const moderationFromId = ([5, 7, 14] as const)[Number(localId) % 3] ?? 5;
    const job: SimJob = {
      id,
      localId,
      user,
      kind: spec.kind,
      account,
      prompt: spec.prompt ?? `Simulated ${spec.kind} ${localId}`,
      replyRef: spec.replyRef ?? null,
      replyUrl: spec.replyUrl ?? null,
      startedMs: spec.startAtMs ?? this.now(),
      durationMs: spec.durationMs,
      finalLagMs: spec.finalLagMs ?? 0,
      outcome: spec.outcome,
      removed: spec.outcome === 'moderated' && spec.removed === true,
      moderationStatus: spec.moderationStatus ?? moderationFromId,
      imageIdUnderVideoKey: spec.quirks?.imageIdUnderVideoKey === true,
      startedAs: spec.quirks?.startedAs ?? 'iso',
      paidAccount: this.opts.paidAccounts.has(account),
      madeBy,
      source: spec.source ?? 'api',
      cancelledAtMs: null,
      stopTrackedAtMs: null,
    };
    this.jobs.set(id, job);
    return id;
  }

  /** Materialises random-mode jobs whose burst has begun by now. */
  private sync(): void {
    const random = this.opts.random;
    if (random === null) return;
    const accounts = this.opts.accounts;
    for (const spec of random.takeUntil(this.now())) {
      const k = this.randomCount++;
      // Account from the job's own index keeps ids a pure function of seed and time.
      const account = accounts[k % accounts.length] ?? '';
      const website = mulberry32(mixSeed(this.opts.seed, k, 0x3eb))() < this.opts.websiteShare;
      this.add(
        { ...spec, source: website ? 'website' : 'api' },
        String(RANDOM_ID_BASE + k),
        account,
        'random',
      );
    }
  }

  /** The job with this exact id (after random mode caught up), or undefined. */
  get(id: string): SimJob | undefined {
    this.sync();
    return this.jobs.get(id);
  }

  /** Jobs in GET /scheduler/ now, oldest start first (ties in creation order). */
  running(): SimJob[] {
    this.sync();
    const now = this.now();
    const list: SimJob[] = [];
    for (const job of this.jobs.values()) if (inSchedulerAt(job, now)) list.push(job);
    return list.sort((a, b) => a.startedMs - b.startedMs);
  }

  /**
   * POST /videos/cancel: stops a video that is still generating. It leaves the scheduler now and is
   * final (status 3, "Cancelled by user") now.
   */
  cancel(id: string): CancelResult {
    const job = this.get(id);
    if (job === undefined) return 'unknown';
    if (job.kind !== 'video') return 'not-video';
    const now = this.now();
    if (phaseAt(job, now) !== 'running') return 'not-running';
    job.cancelledAtMs = now;
    return 'cancelled';
  }

  /**
   * DELETE /scheduler/{id}: removes a job from the scheduler now; it keeps generating.
   * @returns false when the job is not in the scheduler.
   */
  stopTracking(id: string): boolean {
    const job = this.get(id);
    if (job === undefined || !inSchedulerAt(job, this.now())) return false;
    job.stopTrackedAtMs = this.now();
    return true;
  }

  /**
   * The jobs of `account` and `kind` that have started by now, newest first (by start, then id):
   * what GET /videos/ and GET /images/ list, every source, running and finished.
   */
  listed(account: string, kind: 'video' | 'image'): SimJob[] {
    this.sync();
    const now = this.now();
    const out: SimJob[] = [];
    for (const job of this.jobs.values()) {
      if (job.account === account && job.kind === kind && job.startedMs <= now) out.push(job);
    }
    return out.sort((a, b) => b.startedMs - a.startedMs || Number(b.localId) - Number(a.localId));
  }

  /**
   * Every job (either source, history left out) that has left the scheduler by now (a website
   * job: ended), in the order it left (ties in creation order).
   */
  groundTruth(): SimGroundTruth[] {
    this.sync();
    const now = this.now();
    const out: SimGroundTruth[] = [];
    for (const job of this.jobs.values()) {
      if (job.madeBy === 'history') continue;
      if (now >= job.startedMs && leftSchedulerMs(job) <= now) out.push(groundTruthOf(job));
    }
    return out.sort((a, b) => a.leftSchedulerMs - b.leftSchedulerMs);
  }

  /** Ids of the history jobs (finished before the simulator started), oldest first. */
  historyIds(): string[] {
    return [...this.jobs.values()].filter((j) => j.madeBy === 'history').map((j) => j.id);
  }

  /** Ids cancelled through POST /videos/cancel. */
  cancelledIds(): Set<string> {
    const out = new Set<string>();
    for (const job of this.jobs.values()) if (job.cancelledAtMs !== null) out.add(job.id);
    return out;
  }

  /** Ids removed from the scheduler through DELETE /scheduler/{id} while still generating. */
  stopTrackedIds(): Set<string> {
    const out = new Set<string>();
    for (const job of this.jobs.values()) {
      if (job.stopTrackedAtMs !== null && job.stopTrackedAtMs < generationEndMs(job)) out.add(job.id);
    }
    return out;
  }
}
