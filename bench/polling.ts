/**
 * Benchmark 1 — polling efficiency on a simulated day.
 *
 * For each seed, the day trace from `generateDayTrace(seed, DAY_START_MS)` (8 working hours with
 * a burst of 3–6 jobs about every 20 min, then 16 idle hours) is submitted to a {@link Simulator}
 * on a {@link FakeClock}, and a real {@link JobMonitor} with a real {@link UseapiClient} polls it
 * over loopback HTTP. The fake clock is driven timer by timer: `await monitor.whenIdle()`, then
 * `clock.runNext()`, until the day ends. The same trace is replayed for every poller: ours
 * (adaptive, DEFAULT_POLLING), fixed 5 s, 30 s and 60 s, and (full run only) ours with the job
 * window open all day: progress of every running job on every poll (the monitor), plus capacity on
 * every poll and account names hourly (what main/app/controller.ts adds while the window shows).
 *
 * The monitor starts {@link warmupMs} before the day: an hour (it has been idle overnight, so the
 * day begins in the idle regime) plus a phase drawn from the seed in [0, 120 s), so the pollers'
 * phase against the first burst varies from seed to seed instead of being one lucky or unlucky
 * constant. Requests are counted from the simulator's `stats()` between the day's start and end,
 * so EVERY request counts (scheduler polls, status checks of vanished jobs, re-checks, progress
 * fetches).
 *
 * A what-if poller, ours with `idleIntervalMs` 60 s, shows the cost and effect of a shorter idle
 * interval (informational; the defaults are not changed by the benchmark).
 *
 * Latency of a finished job = job-finished event time (`finishedAtMs`, fake clock) minus the
 * simulator's ground-truth `leftSchedulerMs`. A job is missed when it is in the ground truth but
 * was never reported started nor finished.
 */
import { UseapiClient } from '../main/core/api/client.ts';
import { FakeClock } from '../main/core/clock.ts';
import { DEFAULT_POLLING, JobMonitor, type PollingSettings } from '../main/core/monitor/job-monitor.ts';
import {
  BURST_EVERY_MS,
  DAY_MS,
  Simulator,
  WORKING_HOURS_MS,
  generateDayTrace,
  type SimGroundTruth,
  type SimJobSpec,
} from '../main/core/simulator/index.ts';
import { mixSeed, mulberry32 } from '../main/core/simulator/prng.ts';
import type { FinishedJob } from '../main/core/types.ts';
import {
  fmtInt,
  fmtMs,
  fmtPct,
  percentile,
  round,
  type BenchOptions,
  type BenchRow,
  type ConcernResult,
} from './lib.ts';

/** Start of the simulated working day: Monday 2026-01-05 09:00 UTC (epoch ms). */
export const DAY_START_MS = Date.UTC(2026, 0, 5, 9);
/** Seeds of the full run; `--quick` uses only the first. Seed 1 is the primary trace. */
export const SEEDS_FULL: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * How long before the day the monitor starts for `seed`, in ms: one hour plus a phase in
 * [0, 120 s) drawn from the seed (see the module docs).
 */
export function warmupMs(seed: number): number {
  return 3_600_000 + Math.floor(mulberry32(mixSeed(seed, 0xbe7c))() * 120_000);
}
/** GET /accounts is fetched at most this often while the window is open (as main/app/controller.ts). */
const ACCOUNTS_TTL_MS = 3_600_000;
/** Jobs starting this soon after the day's start belong to its first burst (bursts span ≤ 30 s). */
const FIRST_BURST_SPAN_MS = 60_000;
/** Detection-latency target (p95), in ms. */
export const DETECTION_P95_TARGET_MS = 6_000;
/** Request target: at most this share of the fixed-5 s poller's requests. */
export const REQUESTS_RATIO_TARGET = 0.25;

/** A poller under test. */
interface PollerSpec {
  /** Key in results.json. */
  key: string;
  label: string;
  polling: Partial<PollingSettings> | undefined;
  /** Job window open all day: progress is fetched for every running job on every poll. */
  windowOpen: boolean;
  /** Run in `--quick` mode too (the informational variants are full-run only). */
  quick: boolean;
}

const POLLERS: readonly PollerSpec[] = [
  { key: 'ours', label: 'ours (adaptive)', polling: undefined, windowOpen: false, quick: true },
  {
    key: 'fixed5s',
    label: 'fixed 5 s',
    polling: { mode: 'fixed', fixedIntervalMs: 5_000 },
    windowOpen: false,
    quick: true,
  },
  {
    key: 'fixed30s',
    label: 'fixed 30 s',
    polling: { mode: 'fixed', fixedIntervalMs: 30_000 },
    windowOpen: false,
    quick: true,
  },
  {
    key: 'fixed60s',
    label: 'fixed 60 s',
    polling: { mode: 'fixed', fixedIntervalMs: 60_000 },
    windowOpen: false,
    quick: true,
  },
  {
    key: 'oursWindowOpen',
    label: 'ours, window open all day',
    polling: undefined,
    windowOpen: true,
    quick: false,
  },
  {
    key: 'oursIdle60s',
    label: 'what-if: ours, idle 60 s',
    polling: { idleIntervalMs: 60_000 },
    windowOpen: false,
    quick: false,
  },
];

/** What one poller did on one seed's day. */
interface DayRun {
  seed: number;
  poller: string;
  /** Requests the simulator received during the day (all routes). */
  requests: number;
  byRoute: Record<string, number>;
  /** Jobs in the ground truth (left the scheduler during the day). */
  jobs: number;
  /** Per finished job: finishedAtMs − leftSchedulerMs. */
  fromLeftMs: number[];
  /** Same, only jobs that were final the moment they left the scheduler (no status lag). */
  noLagFromLeftMs: number[];
  /** Per finished job: finishedAtMs − max(leftSchedulerMs, finalMs) (from when the outcome was knowable). */
  fromFinalMs: number[];
  missed: number;
  /** Reported started but never finished by the end of the day. */
  unfinished: number;
  /** Finished with outcome `unknown`. */
  unknownOutcome: number;
  /** Finished with an outcome other than the ground truth's. */
  wrongOutcome: number;
  /** Fake-clock timer callbacks during the whole run (warm-up included). */
  timersFired: number;
  /** Jobs of the first burst of the day (started before the monitor's first sighting of any job) that were missed. */
  missedFirstBurst: number;
  wallMs: number;
}

/** Describes a trace for the output (results.json and the table). */
function describeTrace(seed: number, trace: readonly SimJobSpec[]): Record<string, unknown> {
  const count = (pred: (s: SimJobSpec) => boolean): number => trace.filter(pred).length;
  const lastStart = Math.max(...trace.map((s) => s.startAtMs ?? DAY_START_MS));
  return {
    seed,
    generator: `generateDayTrace(${seed}, ${DAY_START_MS})`,
    dayStart: new Date(DAY_START_MS).toISOString(),
    dayMs: DAY_MS,
    workingHoursMs: WORKING_HOURS_MS,
    burstEveryMs: BURST_EVERY_MS,
    jobs: trace.length,
    videos: count((s) => s.kind === 'video'),
    images: count((s) => s.kind === 'image'),
    succeeded: count((s) => s.outcome === 'succeeded'),
    failed: count((s) => s.outcome === 'failed'),
    moderated: count((s) => s.outcome === 'moderated'),
    moderatedRemoved: count((s) => s.removed === true),
    notFinalOnLeaving: count((s) => (s.finalLagMs ?? 0) > 0),
    lastJobStart: new Date(lastStart).toISOString(),
    monitorStartsBeforeDayMs: warmupMs(seed),
  };
}

/** The outcome a correct monitor reports for a ground-truth job. */
function expectedOutcome(g: SimGroundTruth): FinishedJob['outcome'] {
  return g.outcome;
}

/** Runs one poller over one seed's simulated day. */
async function runDay(seed: number, poller: PollerSpec): Promise<DayRun> {
  const wall0 = performance.now();
  const dayEndMs = DAY_START_MS + DAY_MS;
  const clock = new FakeClock(DAY_START_MS - warmupMs(seed));
  const sim = new Simulator({ clock });
  for (const spec of generateDayTrace(seed, DAY_START_MS)) sim.submit(spec);
  const { baseUrl } = await sim.start();
  const api = new UseapiClient({ apiBase: baseUrl, token: sim.token, now: () => clock.now() });
  const monitor = new JobMonitor({
    api,
    clock,
    ledgerPath: null,
    polling: poller.polling,
    random: () => 0.5,
  });
  if (poller.windowOpen) monitor.setDetailsWanted(true);
  const started = new Set<string>();
  const finished = new Map<string, FinishedJob>();
  // Window open: what main/app/controller.ts adds on every `jobs` event while the window is
  // visible — GET /scheduler/available (capacity), and GET /accounts at most once an hour.
  const windowCalls = new Set<Promise<unknown>>();
  let capacityInFlight = false;
  let accountsFetchedMs: number | null = null;
  const track = (p: Promise<unknown>): void => {
    const settled = p.catch(() => undefined);
    windowCalls.add(settled);
    void settled.finally(() => windowCalls.delete(settled));
  };
  monitor.subscribe((events) => {
    for (const e of events) {
      if (e.type === 'job-started') started.add(e.job.id);
      else if (e.type === 'job-finished') finished.set(e.job.id, e.job);
    }
    if (!poller.windowOpen || !events.some((e) => e.type === 'jobs')) return;
    if (!capacityInFlight) {
      capacityInFlight = true;
      track(api.schedulerAvailable().finally(() => (capacityInFlight = false)));
    }
    if (accountsFetchedMs === null || clock.now() - accountsFetchedMs >= ACCOUNTS_TTL_MS) {
      accountsFetchedMs = clock.now();
      track(api.listAccounts());
    }
  });
  const settle = async (): Promise<void> => {
    await monitor.whenIdle();
    while (windowCalls.size > 0) {
      await Promise.all([...windowCalls]);
      await monitor.whenIdle();
    }
  };

  let base = sim.stats();
  let limitMs = DAY_START_MS;
  try {
    await monitor.start();
    for (;;) {
      await settle();
      if (clock.runNext(limitMs)) continue;
      if (limitMs === DAY_START_MS) {
        base = sim.stats();
        limitMs = dayEndMs;
        continue;
      }
      break;
    }
    await monitor.stop();
  } finally {
    await sim.stop();
  }
  const end = sim.stats();
  const byRoute: Record<string, number> = {};
  for (const [route, n] of Object.entries(end.byRoute)) {
    const d = n - (base.byRoute[route] ?? 0);
    if (d > 0) byRoute[route] = d;
  }

  const truth = sim.groundTruth();
  const run: DayRun = {
    seed,
    poller: poller.key,
    requests: end.requests - base.requests,
    byRoute,
    jobs: truth.length,
    fromLeftMs: [],
    noLagFromLeftMs: [],
    fromFinalMs: [],
    missed: 0,
    unfinished: 0,
    unknownOutcome: 0,
    wrongOutcome: 0,
    timersFired: clock.firedCount,
    missedFirstBurst: 0,
    wallMs: 0,
  };
  for (const g of truth) {
    const f = finished.get(g.id);
    if (f === undefined) {
      if (started.has(g.id)) run.unfinished++;
      else {
        run.missed++;
        if (g.startedMs < DAY_START_MS + FIRST_BURST_SPAN_MS) run.missedFirstBurst++;
      }
      continue;
    }
    const fromLeft = f.finishedAtMs - g.leftSchedulerMs;
    run.fromLeftMs.push(fromLeft);
    if (g.finalMs <= g.leftSchedulerMs) run.noLagFromLeftMs.push(fromLeft);
    run.fromFinalMs.push(f.finishedAtMs - Math.max(g.leftSchedulerMs, g.finalMs));
    if (f.outcome === 'unknown') run.unknownOutcome++;
    else if (f.outcome !== expectedOutcome(g)) run.wrongOutcome++;
  }
  run.wallMs = performance.now() - wall0;
  return run;
}

/** Pooled numbers of one poller over all seeds. */
interface PollerSummary {
  label: string;
  requests: number;
  requestsPerDay: number;
  requestsByRoute: Record<string, number>;
  jobs: number;
  detectionP50Ms: number;
  detectionP95Ms: number;
  detectionMaxMs: number;
  noLagDetectionP50Ms: number;
  noLagDetectionP95Ms: number;
  fromFinalP50Ms: number;
  fromFinalP95Ms: number;
  missed: number;
  missedFirstBurst: number;
  unfinished: number;
  unknownOutcome: number;
  wrongOutcome: number;
  wallMs: number;
}

function summarise(label: string, runs: readonly DayRun[]): PollerSummary {
  const all = (pick: (r: DayRun) => number[]): number[] => runs.flatMap(pick);
  const sum = (pick: (r: DayRun) => number): number => runs.reduce((a, r) => a + pick(r), 0);
  const byRoute: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.byRoute)) byRoute[k] = (byRoute[k] ?? 0) + v;
  const fromLeft = all((r) => r.fromLeftMs);
  const requests = sum((r) => r.requests);
  return {
    label,
    requests,
    requestsPerDay: requests / runs.length,
    requestsByRoute: byRoute,
    jobs: sum((r) => r.jobs),
    detectionP50Ms: percentile(fromLeft, 0.5),
    detectionP95Ms: percentile(fromLeft, 0.95),
    detectionMaxMs: Math.max(...fromLeft),
    noLagDetectionP50Ms: percentile(
      all((r) => r.noLagFromLeftMs),
      0.5,
    ),
    noLagDetectionP95Ms: percentile(
      all((r) => r.noLagFromLeftMs),
      0.95,
    ),
    fromFinalP50Ms: percentile(
      all((r) => r.fromFinalMs),
      0.5,
    ),
    fromFinalP95Ms: percentile(
      all((r) => r.fromFinalMs),
      0.95,
    ),
    missed: sum((r) => r.missed),
    missedFirstBurst: sum((r) => r.missedFirstBurst),
    unfinished: sum((r) => r.unfinished),
    unknownOutcome: sum((r) => r.unknownOutcome),
    wrongOutcome: sum((r) => r.wrongOutcome),
    wallMs: sum((r) => r.wallMs),
  };
}

/** Runs benchmark 1 (see the module docs). */
export async function runPolling(opts: BenchOptions): Promise<ConcernResult> {
  const seeds = opts.quick ? SEEDS_FULL.slice(0, 1) : SEEDS_FULL;
  const traces = seeds.map((seed) => describeTrace(seed, generateDayTrace(seed, DAY_START_MS)));
  const pollers = POLLERS.filter((p) => p.quick || !opts.quick);
  const runs: Record<string, DayRun[]> = {};
  for (const seed of seeds) {
    for (const poller of pollers) {
      const run = await runDay(seed, poller);
      (runs[poller.key] ??= []).push(run);
      opts.log(
        `polling: seed ${seed} ${poller.label}: ${run.requests} requests, ${run.jobs} jobs, ` +
          `p95 ${fmtMs(percentile(run.fromLeftMs, 0.95))}, missed ${run.missed} (${fmtMs(run.wallMs)})`,
      );
    }
  }
  const s: Record<string, PollerSummary> = {};
  for (const p of pollers) s[p.key] = summarise(p.label, runs[p.key] ?? []);
  const ours = s.ours!;
  const fixed5 = s.fixed5s!;
  const fixed30 = s.fixed30s!;
  const ratio = ours.requests / fixed5.requests;
  const windowOpen = s.oursWindowOpen;
  const worseSeeds = seeds
    .map((seed, i) => ({
      seed,
      ours: runs.ours?.[i]?.missed ?? 0,
      fixed30s: runs.fixed30s?.[i]?.missed ?? 0,
    }))
    .filter((w) => w.ours > w.fixed30s);
  const idle60 = s.oursIdle60s;
  const seedText = seeds.length === 1 ? `seed ${seeds[0]}` : `seeds ${seeds[0]}–${seeds.at(-1)}, pooled`;
  const jobsText = `${fmtInt(ours.jobs)} jobs`;

  const rows: BenchRow[] = [
    {
      concern: 'polling',
      metric: `trace: generateDayTrace(${seedText}), ${jobsText}, day from ${new Date(DAY_START_MS).toISOString()}`,
      value: `${fmtInt(ours.requestsPerDay)} req/day (ours)`,
      target: null,
      met: null,
    },
    {
      concern: 'polling',
      metric: 'requests vs fixed 5 s (all routes)',
      value: `${fmtPct(ratio)} (${fmtInt(ours.requests)} / ${fmtInt(fixed5.requests)})`,
      target: `≤ ${fmtPct(REQUESTS_RATIO_TARGET)}`,
      met: ratio <= REQUESTS_RATIO_TARGET,
    },
    {
      concern: 'polling',
      metric: 'detection p50 / p95 from leaving the scheduler',
      value: `${fmtMs(ours.detectionP50Ms)} / ${fmtMs(ours.detectionP95Ms)}`,
      target: `p95 ≤ ${fmtMs(DETECTION_P95_TARGET_MS)}`,
      met: ours.detectionP95Ms <= DETECTION_P95_TARGET_MS,
    },
    {
      concern: 'polling',
      metric: '  same, fixed 5 s (for comparison)',
      value: `${fmtMs(fixed5.detectionP50Ms)} / ${fmtMs(fixed5.detectionP95Ms)}`,
      target: null,
      met: null,
    },
    {
      concern: 'polling',
      metric: '  jobs final on leaving (no status lag): p50 / p95',
      value: `${fmtMs(ours.noLagDetectionP50Ms)} / ${fmtMs(ours.noLagDetectionP95Ms)}`,
      target: null,
      met: null,
    },
    {
      concern: 'polling',
      metric: '  from when the status turned final: p50 / p95',
      value: `${fmtMs(ours.fromFinalP50Ms)} / ${fmtMs(ours.fromFinalP95Ms)}`,
      target: null,
      met: null,
    },
    {
      concern: 'polling',
      metric: 'jobs missed entirely (ours vs fixed 30 s)',
      value: `${ours.missed} vs ${fixed30.missed} (fixed 60 s: ${s.fixed60s!.missed})`,
      target: '≤ fixed 30 s',
      met: ours.missed <= fixed30.missed,
    },
    {
      concern: 'polling',
      metric: '  seeds on which ours missed more than fixed 30 s',
      value:
        worseSeeds.length === 0
          ? `none of ${seeds.length}`
          : `${worseSeeds.length} of ${seeds.length} (${worseSeeds
              .map((w) => `seed ${w.seed}: ${w.ours} vs ${w.fixed30s}`)
              .join('; ')})`,
      target: null,
      met: null,
    },
    {
      concern: 'polling',
      metric: '  of ours, in the first burst after the night (idle regime)',
      value: `${ours.missedFirstBurst} of ${ours.missed}`,
      target: null,
      met: null,
    },
    {
      concern: 'polling',
      metric: 'what-if idle 60 s: requests vs fixed 5 s / missed',
      value: idle60 ? `${fmtPct(idle60.requests / fixed5.requests)} / ${idle60.missed}` : 'full run only',
      target: null,
      met: null,
    },
    {
      concern: 'polling',
      metric: 'wrong / unknown outcomes (ours)',
      value: `${ours.wrongOutcome} / ${ours.unknownOutcome}`,
      target: null,
      met: null,
    },
    {
      concern: 'polling',
      metric: 'ours, window open all day (progress, capacity, accounts)',
      value: windowOpen
        ? `${fmtPct(windowOpen.requests / fixed5.requests)} of fixed 5 s (${fmtInt(windowOpen.requests)})`
        : 'full run only',
      target: null,
      met: null,
    },
  ];

  const pollerDetails: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(s)) {
    pollerDetails[key] = {
      ...v,
      requestsPerDay: round(v.requestsPerDay, 1),
      detectionP50Ms: round(v.detectionP50Ms, 0),
      detectionP95Ms: round(v.detectionP95Ms, 0),
      noLagDetectionP50Ms: round(v.noLagDetectionP50Ms, 0),
      noLagDetectionP95Ms: round(v.noLagDetectionP95Ms, 0),
      fromFinalP50Ms: round(v.fromFinalP50Ms, 0),
      fromFinalP95Ms: round(v.fromFinalP95Ms, 0),
      wallMs: round(v.wallMs, 0),
      perSeed: (runs[key] ?? []).map((r) => ({
        seed: r.seed,
        requests: r.requests,
        byRoute: r.byRoute,
        jobs: r.jobs,
        detectionP50Ms: round(percentile(r.fromLeftMs, 0.5), 0),
        detectionP95Ms: round(percentile(r.fromLeftMs, 0.95), 0),
        missed: r.missed,
        missedFirstBurst: r.missedFirstBurst,
        unfinished: r.unfinished,
        unknownOutcome: r.unknownOutcome,
        wrongOutcome: r.wrongOutcome,
        timersFired: r.timersFired,
      })),
    };
  }

  return {
    rows,
    summary: {
      requestsRatioVsFixed5s: round(ratio, 4),
      detectionP95Ms: round(ours.detectionP95Ms, 0),
      detectionP50Ms: round(ours.detectionP50Ms, 0),
      missedJobs: { ours: ours.missed, fixed30s: fixed30.missed },
    },
    details: {
      method:
        'Real JobMonitor + UseapiClient over loopback HTTP to the Simulator on a FakeClock; ' +
        'monitor starts 1 h + a seeded phase in [0, 120 s) before the day (traces[].monitorStartsBeforeDayMs); ' +
        'requests = simulator stats() delta over the day.',
      seeds,
      traces,
      pollingDefaults: DEFAULT_POLLING,
      seedsWhereOursMissedMoreThanFixed30s: worseSeeds,
      targets: {
        requestsRatioVsFixed5s: REQUESTS_RATIO_TARGET,
        detectionP95Ms: DETECTION_P95_TARGET_MS,
        missed: '≤ fixed 30 s',
      },
      pollers: pollerDetails,
    },
  };
}
