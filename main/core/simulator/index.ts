/**
 * A fake useapi.net MiniMax v1 server for the CLI demo (`minimax-jobs watch --demo`), integration
 * tests, fault-injection tests and benchmarks. Plain node:http on 127.0.0.1; no Electron, no DOM.
 *
 * Every answer is computed from `clock.now()`: drive it with a FakeClock to run a simulated day in
 * seconds; with the system clock it behaves like the live API in real time. It owns no timers
 * (random-mode jobs are generated lazily from the seed when asked), except a real-time timer per
 * `slow` fault.
 *
 * ```ts
 * const clock = new FakeClock();
 * const sim = new Simulator({ clock });
 * const { baseUrl } = await sim.start();          // http://127.0.0.1:<port>/v1/minimax
 * const id = sim.submit({ kind: 'video', durationMs: 180_000, outcome: 'succeeded' });
 * // GET `${baseUrl}/scheduler/` with `Authorization: Bearer ${sim.token}` lists `id` …
 * await clock.advance(180_000);                   // … and now it has left; GET /videos/{id} is final
 * sim.fault({ type: 'status', status: 429, retryAfterSeconds: 20, count: 1 });
 * await sim.stop();
 * ```
 * Lifecycle, shapes and quirks: see model.ts and routes.ts; faults: faults.ts; random jobs and the
 * benchmark day trace: trace.ts.
 */
import { systemClock } from '../clock.ts';
import type { Clock } from '../types.ts';
import { FaultSwitch } from './faults.ts';
import { resultFileBody, type ResultFilesOptions } from './files.ts';
import type { Fault } from './faults.ts';
import type { SimGroundTruth, SimJobSpec } from './model.ts';
import { SimServer } from './server.ts';
import type { SimRequestRecord, SimStats } from './server.ts';
import { SimState } from './state.ts';
import { RandomJobGenerator } from './trace.ts';

export type { Fault, FaultStatus } from './faults.ts';
export type { ResultFilesOptions } from './files.ts';
export type { SimGroundTruth, SimJobSpec } from './model.ts';
export { simSessionToken } from './routes.ts';
export type { SimRequestRecord, SimStats } from './server.ts';
export { BURST_EVERY_MS, DAY_MS, WORKING_HOURS_MS, generateDayTrace, randomJobSpec } from './trace.ts';

/** The Bearer token the simulator accepts unless told otherwise. */
export const DEFAULT_SIM_TOKEN = 'user:1000-simulatortoken';

/**
 * Seed of the demos (`minimax-jobs watch --demo`, `npm run demo`): its first minute shows the usual
 * mix — mostly succeeded, one failed, one moderated — where seed 1 happens to open with four
 * failures in a row, which misrepresents the 80 % success rate of random mode.
 */
export const DEMO_SEED = 3;
/** Share of the demos' jobs started on the hailuoai website (shown with a "website" marker). */
export const DEMO_WEBSITE_SHARE = 1 / 3;
/** The finished history the demos' lists hold at start (none of it is announced). */
export const DEMO_HISTORY = Object.freeze({ perAccount: 12, days: 3 });

/**
 * The demos' simulator (`minimax-jobs watch --demo`, `npm run demo`): random mode from
 * {@link DEMO_SEED} at `speed`, a third of the jobs started on the website, a finished history.
 */
export function demoSimulatorOptions(speed: number): SimulatorOptions {
  return {
    seed: DEMO_SEED,
    speed,
    random: { enabled: true, websiteShare: DEMO_WEBSITE_SHARE },
    history: { ...DEMO_HISTORY },
  };
}

/** The simulator's MiniMax accounts unless told otherwise. */
export const DEFAULT_SIM_ACCOUNTS: readonly string[] = ['100001', '100002'];

/** Random mode: an endless stream of bursts of jobs, generated lazily from the seed. */
export interface RandomModeOptions {
  enabled: boolean;
  /** Mean gap between bursts (ms). Default 20 min ÷ `speed`. The first burst starts at `startMs`. */
  burstEveryMs?: number;
  /** Jobs per burst, [min, max]. Default [3, 6]. */
  burstSize?: readonly [number, number];
  /** First burst (epoch ms). Default: the clock's now when the Simulator is constructed. */
  startMs?: number;
  /**
   * Share (0–1) of the random jobs started on the hailuoai website: never in GET /scheduler/,
   * only in the account's lists (drawn per job from the seed). Default 0.
   */
  websiteShare?: number;
  /**
   * About 4 % of GET /scheduler/ requests answer 429/502/504, some with Retry-After as seconds and
   * some as an HTTP date (deterministic per seed and request number). Default false.
   */
  transientFaults?: boolean;
}

/** Settings of {@link Simulator}. Every field is optional. */
export interface SimulatorOptions {
  /** Time source; default systemClock. */
  clock?: Clock;
  /** Seed for random mode and transient faults; default 1. */
  seed?: number;
  /** The accepted Bearer token; default {@link DEFAULT_SIM_TOKEN}. Its `user:<n>` goes into job ids. */
  token?: string;
  /** Divides random-mode durations (and the default burst gap); default 1. */
  speed?: number;
  random?: RandomModeOptions;
  /** MiniMax account ids; default {@link DEFAULT_SIM_ACCOUNTS}. */
  accounts?: readonly string[];
  /**
   * Accounts whose finished videos carry `downloadURL` (paid); the others only `videoURL`.
   * Default: the accounts at even positions (first, third, …).
   */
  paidAccounts?: readonly string[];
  /** `maxJobs` of every account (GET /accounts, /scheduler/available); default 5. */
  maxJobsPerAccount?: number;
  /** Accounts marked broken: account → the `error` text GET /accounts shows. */
  accountErrors?: Readonly<Record<string, string>>;
  /** TCP port on 127.0.0.1; default 0 (the OS picks). */
  port?: number;
  /**
   * Serve the result files on the simulator's own origin (`http://127.0.0.1:<port>/files/…`), and
   * point result links there instead of `https://cdn.simulator.invalid/` (files.ts).
   */
  resultFiles?: ResultFilesOptions;
  /**
   * Finished jobs already in every account's lists when the simulator starts: `perAccount` of
   * them, started within the last `days` (the newest an hour before the start), ids 1, 2, …
   * (scripted jobs count on from there). Default none.
   */
  history?: { perAccount: number; days: number };
}

/** The fake useapi.net MiniMax server. See the module docstring. */
export class Simulator {
  /** The accepted Bearer token. */
  readonly token: string;
  /** The clock every answer is computed from. */
  readonly clock: Clock;
  private readonly state: SimState;
  private readonly faults = new FaultSwitch();
  private readonly server: SimServer;
  private readonly resultFiles: ResultFilesOptions | null;

  /** @throws RangeError on an empty account list, or a non-positive speed or burst gap. */
  constructor(opts: SimulatorOptions = {}) {
    this.clock = opts.clock ?? systemClock;
    this.token = opts.token ?? DEFAULT_SIM_TOKEN;
    const seed = opts.seed ?? 1;
    const speed = opts.speed ?? 1;
    if (!(speed > 0)) throw new RangeError(`speed must be > 0, got ${speed}`);
    const accounts = [...(opts.accounts ?? DEFAULT_SIM_ACCOUNTS)];
    const paid = new Set(opts.paidAccounts ?? accounts.filter((_, i) => i % 2 === 0));
    const random = opts.random?.enabled
      ? new RandomJobGenerator({
          seed,
          originMs: opts.random.startMs ?? this.clock.now(),
          burstEveryMs: opts.random.burstEveryMs ?? Math.round((20 * 60_000) / speed),
          speed,
          burstSize: opts.random.burstSize ?? [3, 6],
        })
      : null;
    this.state = new SimState({
      clock: this.clock,
      user: /^user:(\d+)-/.exec(this.token)?.[1] ?? '1000',
      accounts,
      paidAccounts: paid,
      random,
      websiteShare: opts.random?.enabled ? Math.min(1, Math.max(0, opts.random.websiteShare ?? 0)) : 0,
      seed,
      history: opts.history ?? null,
    });
    this.server = new SimServer({
      token: this.token,
      faults: this.faults,
      ctx: {
        state: this.state,
        maxJobsPerAccount: opts.maxJobsPerAccount ?? 5,
        accountErrors: opts.accountErrors ?? {},
        createdMs: this.clock.now(),
      },
      transientFaultSeed: opts.random?.enabled && opts.random.transientFaults === true ? seed : null,
      port: opts.port ?? 0,
      files: opts.resultFiles,
    });
    this.resultFiles = opts.resultFiles?.serve === true ? opts.resultFiles : null;
  }

  /**
   * Starts listening on 127.0.0.1.
   * @returns `baseUrl`, e.g. `http://127.0.0.1:41234/v1/minimax` (no trailing slash).
   * @throws Error when already started or the port cannot be bound.
   */
  start(): Promise<{ baseUrl: string }> {
    return this.server.start();
  }

  /** Stops the server and drops open connections (stalled and slow requests included). */
  stop(): Promise<void> {
    return this.server.stop();
  }

  /**
   * Schedules a job; returns its id, `user:<user>-minimax:<account>-<kind>:<n>` (n = 1, 2, … in
   * submit order, after the history's; random-mode jobs use n ≥ {@link RANDOM_ID_BASE}). A
   * `source: 'website'` job never appears in GET /scheduler/, only in the lists.
   * @throws RangeError on a bad duration, lag or start, or an unknown account.
   */
  submit(spec: SimJobSpec): string {
    return this.state.submit(spec);
  }

  /** Sets the active fault (replacing the previous one), or clears it with null. */
  fault(f: Fault | null): void {
    this.faults.set(f);
  }

  /** The fault in force (null once cleared or its count is used up). */
  activeFault(): Fault | null {
    return this.faults.active;
  }

  /**
   * Jobs that have left the scheduler by now (website jobs: ended), with what really happened and
   * where they were started, in leaving order. The history is left out.
   */
  groundTruth(): SimGroundTruth[] {
    return this.state.groundTruth();
  }

  /** Ids in GET /scheduler/ right now, oldest start first. */
  runningIds(): string[] {
    return this.state.running().map((job) => job.id);
  }

  /** Ids cancelled through POST /videos/cancel. */
  cancelledIds(): Set<string> {
    return this.state.cancelledIds();
  }

  /** Ids of the finished history jobs the lists held from the start (never in the ground truth). */
  historyIds(): string[] {
    return this.state.historyIds();
  }

  /** Ids removed through DELETE /scheduler/{id} while still generating. */
  stopTrackedIds(): Set<string> {
    return this.state.stopTrackedIds();
  }

  /**
   * The bytes the file host serves at `url` (a result link of this simulator), to compare a saved
   * file with. @throws Error when the simulator does not serve files.
   */
  resultFile(url: string): Buffer {
    if (this.resultFiles === null) throw new Error('this simulator does not serve result files');
    return resultFileBody(new URL(url).pathname, this.resultFiles.sizeBytes ?? 64 * 1024);
  }

  /** Request counters since start (per route name; 'unknown' for unmatched paths). */
  stats(): SimStats {
    return this.server.stats();
  }

  /** The recent requests, oldest first, with simulator-clock arrival times. */
  requestLog(): SimRequestRecord[] {
    return this.server.requestLog();
  }
}
