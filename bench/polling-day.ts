/**
 * One poller over one simulated day (bench/day-trace.ts): a real {@link JobMonitor} with a real
 * {@link UseapiClient} over loopback HTTP to the {@link Simulator} on a {@link FakeClock}, driven
 * timer by timer (`await monitor.whenIdle()`, then `clock.runNext()`). The ledger is a real file,
 * so a closed evening is a `stop()` and, at its end, a new monitor on the same ledger. During an
 * outage every request is refused (connection reset). Requests are the simulator's `stats()`
 * between the day's start and end: every route counts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UseapiClient } from '../main/core/api/client.ts';
import { FakeClock } from '../main/core/clock.ts';
import { JobMonitor, type PollingSettings } from '../main/core/monitor/job-monitor.ts';
import type { ReconcileSettings } from '../main/core/scheduler/reconcile-policy.ts';
import { DAY_MS, Simulator } from '../main/core/simulator/index.ts';
import { mixSeed, mulberry32 } from '../main/core/simulator/prng.ts';
import type { FinishedJob, MonitorEvent } from '../main/core/types.ts';
import { within, type BenchDay } from './day-trace.ts';

/** Start of the simulated working day: Monday 2026-01-05 09:00 UTC (epoch ms). */
export const DAY_START_MS = Date.UTC(2026, 0, 5, 9);
/** Jobs starting this soon after the day's start belong to its first burst (bursts span ≤ 30 s). */
const FIRST_BURST_SPAN_MS = 60_000;

/**
 * How long before the day the monitor starts for `seed`, in ms: one hour (it has been idle
 * overnight, so the day begins in the idle regime) plus a phase in [0, 120 s) drawn from the seed,
 * so the pollers' phase against the first burst varies from seed to seed.
 */
export function warmupMs(seed: number): number {
  return 3_600_000 + Math.floor(mulberry32(mixSeed(seed, 0xbe7c))() * 120_000);
}

/** A poller under test. */
export interface PollerSpec {
  /** Key in results.json. */
  key: string;
  label: string;
  polling: Partial<PollingSettings> | undefined;
  /** Read the per-account lists (website jobs, jobs finished while away). */
  websiteJobs: boolean;
  reconcile?: Partial<ReconcileSettings>;
  /** Job window open all day: progress, capacity and account names (the monitor's details). */
  windowOpen: boolean;
  /** Run in `--quick` mode too (the informational variants are full-run only). */
  quick: boolean;
}

/** What one poller did on one day. Latencies in ms. */
export interface DayRun {
  seed: number;
  poller: string;
  /** Requests the simulator received during the day (all routes), and per route. */
  requests: number;
  byRoute: Record<string, number>;
  /** Jobs in the ground truth (ended during the day), and of them started on the website. */
  jobs: number;
  websiteJobs: number;
  /** API jobs, final while the app was open and the API reachable: job-finished − left scheduler. */
  fromLeftMs: number[];
  /** Same, only jobs final the moment they left the scheduler (no status lag). */
  noLagFromLeftMs: number[];
  /** API jobs: job-finished − max(left, final): from when the outcome was knowable. */
  fromFinalMs: number[];
  /** Website jobs, final while open and reachable: job-finished − final. */
  websiteFromFinalMs: number[];
  /** Jobs that turned final during the outage or while closed, and how many were announced. */
  awayJobs: number;
  awayAnnounced: number;
  /** For those announced: job-finished − end of the outage or the closed evening. */
  awayDelayMs: number[];
  /** Never reported started nor finished, in all and per source. */
  missed: number;
  missedWebsite: number;
  /** Reported started but never finished by the end of the day. */
  unfinished: number;
  /** job-finished more than once for one id. */
  duplicates: number;
  unknownOutcome: number;
  wrongOutcome: number;
  /** Missed jobs of the first burst of the day (the idle regime before it). */
  missedFirstBurst: number;
  /** Fake-clock timer callbacks during the whole run (warm-up included). */
  timersFired: number;
  wallMs: number;
}

/** Runs `poller` over `day`. */
export async function runDay(day: BenchDay, poller: PollerSpec): Promise<DayRun> {
  const wall0 = performance.now();
  const dayEndMs = DAY_START_MS + DAY_MS;
  const clock = new FakeClock(DAY_START_MS - warmupMs(day.seed));
  const sim = new Simulator({ clock });
  for (const spec of day.jobs) sim.submit(spec);
  const { baseUrl } = await sim.start();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-polling-'));
  const api = new UseapiClient({ apiBase: baseUrl, token: sim.token, now: () => clock.now() });
  const started = new Set<string>();
  const finished = new Map<string, FinishedJob>();
  let duplicates = 0;
  const onEvents = (events: MonitorEvent[]): void => {
    for (const e of events) {
      if (e.type === 'job-started') started.add(e.job.id);
      else if (e.type === 'job-finished') {
        if (finished.has(e.job.id)) duplicates++;
        else finished.set(e.job.id, e.job);
      }
    }
  };
  const open = async (): Promise<JobMonitor> => {
    const m = new JobMonitor({
      api,
      clock,
      ledgerPath: path.join(dir, 'ledger.json'),
      polling: poller.polling,
      reconcile: poller.reconcile,
      websiteJobs: poller.websiteJobs,
      random: () => 0.5,
    });
    m.subscribe(onEvents);
    if (poller.windowOpen) m.setDetailsWanted(true);
    await m.start();
    return m;
  };

  let base = sim.stats();
  let monitor: JobMonitor | null = null;
  const steps: { atMs: number; run: () => Promise<void> }[] = [
    { atMs: DAY_START_MS, run: async () => void (base = sim.stats()) },
  ];
  if (day.outage) {
    steps.push({ atMs: day.outage.startMs, run: async () => sim.fault({ type: 'reset' }) });
    steps.push({ atMs: day.outage.endMs, run: async () => sim.fault(null) });
  }
  if (day.closed) {
    steps.push({ atMs: day.closed.startMs, run: async () => void (await monitor?.stop(), (monitor = null)) });
    steps.push({ atMs: day.closed.endMs, run: async () => void (monitor = await open()) });
  }
  steps.sort((a, b) => a.atMs - b.atMs);
  steps.push({ atMs: dayEndMs, run: async () => void (await monitor?.stop()) });
  try {
    monitor = await open();
    for (const step of steps) {
      for (;;) {
        await monitor?.whenIdle();
        if (!clock.runNext(step.atMs)) break;
      }
      await step.run();
    }
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const end = sim.stats();
  const byRoute: Record<string, number> = {};
  for (const [route, n] of Object.entries(end.byRoute)) {
    const d = n - (base.byRoute[route] ?? 0);
    if (d > 0) byRoute[route] = d;
  }
  const run: DayRun = {
    seed: day.seed,
    poller: poller.key,
    requests: end.requests - base.requests,
    byRoute,
    jobs: 0,
    websiteJobs: 0,
    fromLeftMs: [],
    noLagFromLeftMs: [],
    fromFinalMs: [],
    websiteFromFinalMs: [],
    awayJobs: 0,
    awayAnnounced: 0,
    awayDelayMs: [],
    missed: 0,
    missedWebsite: 0,
    unfinished: 0,
    duplicates,
    unknownOutcome: 0,
    wrongOutcome: 0,
    missedFirstBurst: 0,
    timersFired: clock.firedCount,
    wallMs: 0,
  };
  for (const g of sim.groundTruth()) {
    run.jobs++;
    const website = g.source === 'website';
    if (website) run.websiteJobs++;
    const finalMs = Math.max(g.leftSchedulerMs, g.finalMs);
    const awayWindow = [day.outage, day.closed].find((w) => within(w, finalMs)) ?? null;
    const f = finished.get(g.id);
    if (awayWindow) run.awayJobs++;
    if (f === undefined) {
      if (started.has(g.id)) run.unfinished++;
      else {
        run.missed++;
        if (website) run.missedWebsite++;
        if (g.startedMs < DAY_START_MS + FIRST_BURST_SPAN_MS) run.missedFirstBurst++;
      }
      continue;
    }
    if (f.outcome === 'unknown') run.unknownOutcome++;
    else if (f.outcome !== g.outcome) run.wrongOutcome++;
    if (awayWindow) {
      run.awayAnnounced++;
      run.awayDelayMs.push(f.finishedAtMs - awayWindow.endMs);
      continue;
    }
    if (website) {
      run.websiteFromFinalMs.push(f.finishedAtMs - finalMs);
      continue;
    }
    const fromLeft = f.finishedAtMs - g.leftSchedulerMs;
    run.fromLeftMs.push(fromLeft);
    if (g.finalMs <= g.leftSchedulerMs) run.noLagFromLeftMs.push(fromLeft);
    run.fromFinalMs.push(f.finishedAtMs - finalMs);
  }
  run.wallMs = performance.now() - wall0;
  return run;
}
