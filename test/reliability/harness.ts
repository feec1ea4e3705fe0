/**
 * Shared machinery of the reliability suites: a simulator + real UseapiClient + real JobMonitor on
 * one FakeClock, over real HTTP on 127.0.0.1; a TCP proxy that can refuse connections (API down);
 * a clock wrapper that "kills" a monitor; and the bookkeeping that compares the monitor's
 * job-finished events with the simulator's own ground truth.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UseapiClient } from '../../main/core/api/client.ts';
import { FakeClock } from '../../main/core/clock.ts';
import { JobMonitor, type MonitorOptions } from '../../main/core/monitor/job-monitor.ts';
import { mulberry32 } from '../../main/core/simulator/prng.ts';
import {
  Simulator,
  type SimGroundTruth,
  type SimRequestRecord,
  type SimulatorOptions,
} from '../../main/core/simulator/index.ts';
import type { Clock, JobFinishedEvent, Logger, MonitorEvent, TimerHandle } from '../../main/core/types.ts';

/** A logger that keeps every line (level + message) so tests can read what was logged. */
export interface MemoryLogger extends Logger {
  lines: string[];
}

/** A {@link Logger} that records `level: message` lines (extra arguments stringified). */
export function memoryLogger(): MemoryLogger {
  const lines: string[] = [];
  const at =
    (level: string) =>
    (message: string, ...rest: unknown[]): void => {
      lines.push(`${level}: ${message}${rest.length ? ` ${rest.map((r) => String(r)).join(' ')}` : ''}`);
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * A clock that forwards to a FakeClock until {@link KillableClock.kill}: from then on its timers
 * never fire, as if the process owning them had died. `now()` keeps following the FakeClock.
 */
export class KillableClock implements Clock {
  private readonly inner: FakeClock;
  private dead = false;

  constructor(inner: FakeClock) {
    this.inner = inner;
  }

  now(): number {
    return this.inner.now();
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    return this.inner.setTimeout(() => {
      if (!this.dead) fn();
    }, delayMs);
  }

  clearTimeout(handle: TimerHandle): void {
    this.inner.clearTimeout(handle);
  }

  /** From now on no timer of this clock runs its callback. */
  kill(): void {
    this.dead = true;
  }
}

/**
 * A TCP proxy on 127.0.0.1 in front of the simulator. {@link SwitchableProxy.down} closes the
 * listening socket and drops every connection (clients get ECONNREFUSED / ECONNRESET: "API
 * down"); {@link SwitchableProxy.up} listens again on the same port.
 */
export class SwitchableProxy {
  private readonly targetPort: number;
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  /** The proxy's port (0 until the first {@link SwitchableProxy.up}). */
  port = 0;
  /** TCP connections accepted so far. */
  connections = 0;

  /** @param targetPort the simulator's port on 127.0.0.1. */
  constructor(targetPort: number) {
    this.targetPort = targetPort;
  }

  /** Starts listening (on the same port as before, after a {@link SwitchableProxy.down}). */
  async up(): Promise<void> {
    if (this.server !== null) return;
    const server = net.createServer((client) => {
      this.connections++;
      const upstream = net.connect(this.targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and destroys every open connection. */
  async down(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A finished job as the monitor announced it, reduced to what is compared with the truth. */
export interface Announced {
  id: string;
  outcome: string;
}

/** The comparison of job-finished events with the simulator's ground truth. */
export interface TruthComparison {
  /** Jobs that have left the scheduler, per the simulator. */
  truth: SimGroundTruth[];
  /**
   * Truth jobs the monitor could see: listed by some successful GET /scheduler/, or shown final
   * by a successful GET /videos/ or GET /images/ of their account (the lists also hold website
   * jobs, and jobs that started and ended while the API was unreachable).
   */
  visible: SimGroundTruth[];
  /** job-finished events, in order. */
  seen: Announced[];
  /** Visible ids never announced. */
  lost: string[];
  /** Ids announced more than once. */
  duplicated: string[];
  /** Ids announced that are not in the truth. */
  phantom: string[];
  /** `id: truth → announced` for differing outcomes. */
  wrongOutcome: string[];
}

/** Route of the scheduler list in the simulator's request log. */
const SCHEDULER_ROUTE = 'GET /scheduler/';
/** Route of each kind's account list. */
const LIST_ROUTE = { video: 'GET /videos/', image: 'GET /images/' } as const;

/**
 * True when the request log shows requests answered normally (no fault other than a slow answer,
 * accepted token) that let the monitor announce `job`: a GET /scheduler/ while it was in the
 * scheduler (API jobs only: a website job is never in it), or a GET /videos/ or GET /images/ of
 * its account once it was final after an earlier one before it was (the first read of a list is
 * history: what is final there is recorded, never announced).
 */
export function wasVisible(job: SimGroundTruth, log: readonly SimRequestRecord[]): boolean {
  const ok = log.filter((r) => r.authorized && (r.fault === null || r.fault === 'slow'));
  if (
    job.source === 'api' &&
    ok.some((r) => r.route === SCHEDULER_ROUTE && r.atMs >= job.startedMs && r.atMs < job.leftSchedulerMs)
  ) {
    return true;
  }
  const lists = ok.filter(
    (r) =>
      r.route === LIST_ROUTE[job.kind] &&
      new URL(r.url, 'http://sim').searchParams.get('account') === job.account,
  );
  return lists.some((r) => r.atMs < job.finalMs) && lists.some((r) => r.atMs >= job.finalMs);
}

/** Compares announcements with the truth; see {@link TruthComparison}. */
export function compareWithTruth(
  truth: readonly SimGroundTruth[],
  log: readonly SimRequestRecord[],
  seen: readonly Announced[],
): TruthComparison {
  const visible = truth.filter((t) => wasVisible(t, log));
  const byId = new Map(truth.map((t) => [t.id, t]));
  const counts = new Map<string, number>();
  for (const s of seen) counts.set(s.id, (counts.get(s.id) ?? 0) + 1);
  const wrongOutcome: string[] = [];
  for (const s of seen) {
    const t = byId.get(s.id);
    if (t !== undefined && t.outcome !== s.outcome) wrongOutcome.push(`${s.id}: ${t.outcome} → ${s.outcome}`);
  }
  return {
    truth: [...truth],
    visible,
    seen: [...seen],
    lost: visible.filter((t) => !counts.has(t.id)).map((t) => t.id),
    duplicated: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
    phantom: [...counts.keys()].filter((id) => !byId.has(id)),
    wrongOutcome,
  };
}

/** Fails with a readable message unless the announcements match the visible truth exactly. */
export function assertMatchesTruth(c: TruthComparison, label: string): void {
  assert.deepEqual(c.lost, [], `${label}: finished jobs never announced`);
  assert.deepEqual(c.duplicated, [], `${label}: jobs announced twice`);
  assert.deepEqual(c.phantom, [], `${label}: announcements the simulator knows nothing of`);
  assert.deepEqual(c.wrongOutcome, [], `${label}: outcomes that differ from the truth`);
  assert.equal(c.seen.length, c.visible.length, `${label}: one announcement per finished job`);
}

/** One row of the fault table the suite prints. */
export interface FaultRow {
  scenario: string;
  /** Requests that reached the simulator. */
  serverRequests: number;
  /** Requests the monitor attempted (its own count; includes refused connections). */
  attempts: number;
  /** Jobs finished per the simulator. */
  truth: number;
  /** Of those, the ones some successful poll could see: the expected job-finished events. */
  expected: number;
  /** job-finished events seen. */
  seen: number;
  duplicates: number;
  wrongOutcomes: number;
  errorEvents: number;
  recoveredEvents: number;
}

/** Renders rows as a GitHub-flavoured Markdown table. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const line = (cells: readonly unknown[]) => `| ${cells.map((c) => String(c)).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A simulator, a real client and a real monitor on one FakeClock, with everything recorded. */
export interface Rig {
  clock: FakeClock;
  sim: Simulator;
  /** The base URL the client talks to (the simulator, or a proxy in front of it). */
  apiBase: string;
  ledgerPath: string;
  logger: MemoryLogger;
  /** Every event batch of every monitor built by {@link Rig.newMonitor}, flattened, in order. */
  events: MonitorEvent[];
  /** The monitors built so far (the last one is the live one). */
  monitors: JobMonitor[];
  /** Builds a monitor (client + ledger file of this rig) and subscribes to it. */
  newMonitor(opts?: {
    clock?: Clock;
    timeoutMs?: number;
    polling?: MonitorOptions['polling'];
    websiteJobs?: MonitorOptions['websiteJobs'];
  }): JobMonitor;
  /** Waits until no monitor has work in flight. */
  settle(): Promise<void>;
  /** Advances the FakeClock by `ms`, firing timers and letting every request finish. */
  advance(ms: number): Promise<void>;
  /** Fires timers one by one until `pred()` holds (checked after each) or `limitMs` passed. */
  runUntil(pred: () => boolean, limitMs: number): Promise<boolean>;
  /** job-finished events so far. */
  finished(): JobFinishedEvent[];
  /** Events of one type so far. */
  ofType<T extends MonitorEvent['type']>(type: T): Extract<MonitorEvent, { type: T }>[];
  /** Compares job-finished events with the simulator's truth. */
  compare(): TruthComparison;
}

/** Creates a temp directory for a rig's ledger. */
export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/**
 * Builds a rig around a started simulator. `apiBase` defaults to the simulator's own base URL.
 * Jitter comes from a seeded PRNG, so every run of a scenario makes the same requests.
 */
export function makeRig(opts: {
  clock: FakeClock;
  sim: Simulator;
  apiBase: string;
  ledgerPath: string;
  seed?: number;
}): Rig {
  const { clock, sim, apiBase, ledgerPath } = opts;
  const logger = memoryLogger();
  const events: MonitorEvent[] = [];
  const monitors: JobMonitor[] = [];
  const random = mulberry32(opts.seed ?? 7);
  const settle = async () => {
    for (const m of monitors) await m.whenIdle();
  };
  const rig: Rig = {
    clock,
    sim,
    apiBase,
    ledgerPath,
    logger,
    events,
    monitors,
    newMonitor(o = {}) {
      const api = new UseapiClient({
        apiBase,
        token: sim.token,
        now: () => clock.now(),
        logger,
        ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
      });
      const monitor = new JobMonitor({
        api,
        clock: o.clock ?? clock,
        logger,
        ledgerPath,
        random,
        ...(o.polling === undefined ? {} : { polling: o.polling }),
        ...(o.websiteJobs === undefined ? {} : { websiteJobs: o.websiteJobs }),
      });
      monitor.subscribe((batch) => events.push(...batch));
      monitors.push(monitor);
      return monitor;
    },
    settle,
    advance: (ms) => clock.advance(ms, settle),
    async runUntil(pred, limitMs) {
      const end = clock.now() + limitMs;
      await settle();
      while (!pred()) {
        if (!clock.runNext(end)) return pred();
        await settle();
      }
      return true;
    },
    finished: () => events.filter((e): e is JobFinishedEvent => e.type === 'job-finished'),
    ofType: <T extends MonitorEvent['type']>(type: T) =>
      events.filter((e): e is Extract<MonitorEvent, { type: T }> => e.type === type),
    compare: () =>
      compareWithTruth(
        sim.groundTruth(),
        sim.requestLog(),
        rig.finished().map((e) => ({ id: e.job.id, outcome: e.job.outcome })),
      ),
  };
  return rig;
}

/** A rig from {@link startRig}, with what it started. */
export interface StartedRig {
  rig: Rig;
  /** The proxy between client and simulator, or null when the client talks to it directly. */
  proxy: SwitchableProxy | null;
  /** The temp directory holding the ledger. */
  dir: string;
  /** Stops every monitor of the rig, the proxy and the simulator, and removes `dir`. */
  cleanup: () => Promise<void>;
}

/**
 * Starts a simulator (with `sim` options) on a new FakeClock at `t0`, optionally behind a
 * {@link SwitchableProxy}, and builds a rig on it with a ledger in a new temp dir named `prefix…`.
 */
export async function startRig(opts: {
  t0: number;
  prefix: string;
  sim?: Omit<SimulatorOptions, 'clock'>;
  proxy?: boolean;
  seed?: number;
}): Promise<StartedRig> {
  const clock = new FakeClock(opts.t0);
  const sim = new Simulator({ ...opts.sim, clock });
  const { baseUrl } = await sim.start();
  const dir = await tempDir(opts.prefix);
  const proxy = opts.proxy ? new SwitchableProxy(Number(new URL(baseUrl).port)) : null;
  await proxy?.up();
  const apiBase = proxy ? `http://127.0.0.1:${proxy.port}/v1/minimax` : baseUrl;
  const ledgerPath = path.join(dir, 'ledger.json');
  const rig = makeRig({
    clock,
    sim,
    apiBase,
    ledgerPath,
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
  });
  const cleanup = async () => {
    for (const m of rig.monitors) await m.stop();
    await proxy?.down();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { rig, proxy, dir, cleanup };
}

/** The table row for a rig once its scenario is over. */
export function faultRow(scenario: string, rig: Rig, c: TruthComparison): FaultRow {
  return {
    scenario,
    serverRequests: rig.sim.stats().requests,
    attempts: rig.monitors.reduce((n, m) => n + m.snapshot().requestCount, 0),
    truth: c.truth.length,
    expected: c.visible.length,
    seen: c.seen.length,
    duplicates: c.duplicated.length,
    wrongOutcomes: c.wrongOutcome.length,
    errorEvents: rig.ofType('error').length,
    recoveredEvents: rig.ofType('recovered').length,
  };
}
