/**
 * Benchmark 1 — polling efficiency and completeness on simulated days.
 *
 * Each seed's day (bench/day-trace.ts: `generateDayTrace`, a third of its jobs started on the
 * hailuoai website, on some days a 30-minute outage and an evening when the app is closed) is
 * replayed for every poller (bench/polling-day.ts): ours (adaptive, with the per-account lists),
 * ours without the lists, fixed 5 s, 30 s and 60 s pollers (the scheduler and status checks only,
 * as today's tray apps and scripts), and in the full run ours with the job window open all day.
 * Every request counts, lists and accounts included; the target compares ours with the fixed 5 s
 * poller's.
 *
 * Latency of a finished job = its job-finished time minus the simulator's ground truth: for API
 * jobs from leaving the scheduler (and from when the status turned final), for website jobs from
 * final; jobs that turned final during an outage or while the app was closed are reported apart
 * (how many were announced, and how long after the API came back or the app reopened). A job is
 * missed when it is in the ground truth but was never reported started nor finished.
 */
import { DAY_MS, WORKING_HOURS_MS } from '../main/core/simulator/index.ts';
import { DEFAULT_POLLING } from '../main/core/monitor/job-monitor.ts';
import { DEFAULT_RECONCILE } from '../main/core/scheduler/reconcile-policy.ts';
import { benchDay, WEBSITE_SHARE, type BenchDay } from './day-trace.ts';
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
import { DAY_START_MS, runDay, warmupMs, type DayRun, type PollerSpec } from './polling-day.ts';

export { DAY_START_MS, warmupMs };

/** Seeds of the full run; `--quick` uses only the first. */
export const SEEDS_FULL: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** Detection-latency target (p95), in ms. */
export const DETECTION_P95_TARGET_MS = 6_000;
/** Request target: at most this share of the fixed-5 s poller's requests, lists included. */
export const REQUESTS_RATIO_TARGET = 0.2;
/** The simulator's accounts (the reconcile cost is given per account). */
const ACCOUNTS = 2;
/** The routes a reconcile uses. */
const LIST_ROUTES = ['GET /videos/', 'GET /images/', 'GET /accounts'];

const POLLERS: readonly PollerSpec[] = [
  { key: 'ours', label: 'ours', polling: undefined, websiteJobs: true, windowOpen: false, quick: true },
  {
    key: 'oursNoLists',
    label: 'ours without the lists',
    polling: undefined,
    websiteJobs: false,
    windowOpen: false,
    quick: true,
  },
  {
    key: 'fixed5s',
    label: 'fixed 5 s',
    polling: { mode: 'fixed', fixedIntervalMs: 5_000 },
    websiteJobs: false,
    windowOpen: false,
    quick: true,
  },
  {
    key: 'fixed30s',
    label: 'fixed 30 s',
    polling: { mode: 'fixed', fixedIntervalMs: 30_000 },
    websiteJobs: false,
    windowOpen: false,
    quick: true,
  },
  {
    key: 'fixed60s',
    label: 'fixed 60 s',
    polling: { mode: 'fixed', fixedIntervalMs: 60_000 },
    websiteJobs: false,
    windowOpen: false,
    quick: false,
  },
  {
    key: 'oursWindowOpen',
    label: 'ours, window open all day',
    polling: undefined,
    websiteJobs: true,
    windowOpen: true,
    quick: false,
  },
];

/** Pooled numbers of one poller over all days. */
interface PollerSummary {
  label: string;
  requests: number;
  requestsPerDay: number;
  requestsByRoute: Record<string, number>;
  listRequestsPerDayPerAccount: number;
  jobs: number;
  websiteJobs: number;
  detectionP50Ms: number;
  detectionP95Ms: number;
  noLagDetectionP95Ms: number;
  fromFinalP50Ms: number;
  fromFinalP95Ms: number;
  websiteFromFinalP50Ms: number;
  websiteFromFinalP95Ms: number;
  awayJobs: number;
  awayAnnounced: number;
  awayDelayP95Ms: number;
  missed: number;
  missedWebsite: number;
  missedFirstBurst: number;
  unfinished: number;
  duplicates: number;
  unknownOutcome: number;
  wrongOutcome: number;
  wallMs: number;
}

function summarise(label: string, runs: readonly DayRun[]): PollerSummary {
  const all = (pick: (r: DayRun) => number[]): number[] => runs.flatMap(pick);
  const sum = (pick: (r: DayRun) => number): number => runs.reduce((a, r) => a + pick(r), 0);
  const byRoute: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.byRoute)) byRoute[k] = (byRoute[k] ?? 0) + v;
  const requests = sum((r) => r.requests);
  const lists = LIST_ROUTES.reduce((n, route) => n + (byRoute[route] ?? 0), 0);
  const p = (pick: (r: DayRun) => number[], q: number): number => percentile(all(pick), q);
  return {
    label,
    requests,
    requestsPerDay: requests / runs.length,
    requestsByRoute: byRoute,
    listRequestsPerDayPerAccount: lists / runs.length / ACCOUNTS,
    jobs: sum((r) => r.jobs),
    websiteJobs: sum((r) => r.websiteJobs),
    detectionP50Ms: p((r) => r.fromLeftMs, 0.5),
    detectionP95Ms: p((r) => r.fromLeftMs, 0.95),
    noLagDetectionP95Ms: p((r) => r.noLagFromLeftMs, 0.95),
    fromFinalP50Ms: p((r) => r.fromFinalMs, 0.5),
    fromFinalP95Ms: p((r) => r.fromFinalMs, 0.95),
    websiteFromFinalP50Ms: p((r) => r.websiteFromFinalMs, 0.5),
    websiteFromFinalP95Ms: p((r) => r.websiteFromFinalMs, 0.95),
    awayJobs: sum((r) => r.awayJobs),
    awayAnnounced: sum((r) => r.awayAnnounced),
    awayDelayP95Ms: p((r) => r.awayDelayMs, 0.95),
    missed: sum((r) => r.missed),
    missedWebsite: sum((r) => r.missedWebsite),
    missedFirstBurst: sum((r) => r.missedFirstBurst),
    unfinished: sum((r) => r.unfinished),
    duplicates: sum((r) => r.duplicates),
    unknownOutcome: sum((r) => r.unknownOutcome),
    wrongOutcome: sum((r) => r.wrongOutcome),
    wallMs: sum((r) => r.wallMs),
  };
}

/** The table rows (see the module docs). */
function tableRows(s: Record<string, PollerSummary>, days: readonly BenchDay[]): BenchRow[] {
  const ours = s.ours!;
  const fixed5 = s.fixed5s!;
  const ratio = ours.requests / fixed5.requests;
  const row = (metric: string, value: string, target: string | null = null, met: boolean | null = null) => ({
    concern: 'polling',
    metric,
    value,
    target,
    met,
  });
  const seeds = days.map((d) => d.seed);
  const seedText = seeds.length === 1 ? `seed ${seeds[0]}` : `seeds ${seeds[0]}–${seeds.at(-1)}, pooled`;
  const outages = days.filter((d) => d.outage).length;
  const closed = days.filter((d) => d.closed).length;
  const missedText = (k: string): string => {
    const v = s[k];
    return v ? `${v.missed} (${v.missedWebsite} website)` : 'full run only';
  };
  return [
    row(
      `days: ${seedText}, ${fmtInt(ours.jobs)} jobs (${fmtInt(ours.websiteJobs)} website), ` +
        `${outages} with a 30-min outage, ${closed} closed for an evening`,
      `${fmtInt(ours.requestsPerDay)} req/day (ours)`,
    ),
    row(
      'requests vs fixed 5 s (all routes, lists and accounts included)',
      `${fmtPct(ratio)} (${fmtInt(ours.requestsPerDay)} / ${fmtInt(fixed5.requestsPerDay)} a day)`,
      `≤ ${fmtPct(REQUESTS_RATIO_TARGET)}`,
      ratio <= REQUESTS_RATIO_TARGET,
    ),
    row(
      '  of which the lists (GET /accounts, /videos/, /images/)',
      `${fmtInt(ours.listRequestsPerDayPerAccount)} req/day per account`,
    ),
    row(
      '  ours without the lists',
      `${fmtPct(s.oursNoLists!.requests / fixed5.requests)} (${fmtInt(s.oursNoLists!.requestsPerDay)} a day)`,
    ),
    row(
      'jobs missed entirely, either source: ours',
      missedText('ours'),
      '0',
      ours.missed === 0 && ours.unfinished === 0,
    ),
    row(
      '  ours without the lists / fixed 30 s / fixed 60 s',
      `${missedText('oursNoLists')} / ${missedText('fixed30s')} / ${missedText('fixed60s')}`,
    ),
    row(
      'API jobs: detection p50 / p95 from leaving the scheduler',
      `${fmtMs(ours.detectionP50Ms)} / ${fmtMs(ours.detectionP95Ms)}`,
      `p95 ≤ ${fmtMs(DETECTION_P95_TARGET_MS)}`,
      ours.detectionP95Ms <= DETECTION_P95_TARGET_MS,
    ),
    row('  same, fixed 5 s', `${fmtMs(fixed5.detectionP50Ms)} / ${fmtMs(fixed5.detectionP95Ms)}`),
    row('  API jobs final on leaving (no status lag): p95', fmtMs(ours.noLagDetectionP95Ms)),
    row(
      '  API jobs from when the status turned final: p50 / p95',
      `${fmtMs(ours.fromFinalP50Ms)} / ${fmtMs(ours.fromFinalP95Ms)}`,
    ),
    row(
      'website jobs: detection p50 / p95 from final',
      `${fmtMs(ours.websiteFromFinalP50Ms)} / ${fmtMs(ours.websiteFromFinalP95Ms)}`,
    ),
    row(
      'final during an outage or a closed evening: announced (ours)',
      `${ours.awayAnnounced} of ${ours.awayJobs}, p95 ${fmtMs(ours.awayDelayP95Ms)} after the API came back / the app reopened`,
    ),
    row(
      '  same, ours without the lists / fixed 30 s',
      `${s.oursNoLists!.awayAnnounced} of ${s.oursNoLists!.awayJobs} / ${s.fixed30s!.awayAnnounced} of ${s.fixed30s!.awayJobs}`,
    ),
    row(
      'duplicates / wrong / unknown outcomes (ours)',
      `${ours.duplicates} / ${ours.wrongOutcome} / ${ours.unknownOutcome}`,
    ),
    row(
      'ours, window open all day (progress, capacity, names)',
      s.oursWindowOpen
        ? `${fmtPct(s.oursWindowOpen.requests / fixed5.requests)} of fixed 5 s (${fmtInt(s.oursWindowOpen.requestsPerDay)} a day)`
        : 'full run only',
    ),
  ];
}

/** Runs benchmark 1 (see the module docs). */
export async function runPolling(opts: BenchOptions): Promise<ConcernResult> {
  const seeds = opts.quick ? SEEDS_FULL.slice(0, 1) : SEEDS_FULL;
  const days = seeds.map((seed) => benchDay(seed, DAY_START_MS));
  const pollers = POLLERS.filter((p) => p.quick || !opts.quick);
  const runs: Record<string, DayRun[]> = {};
  for (const day of days) {
    for (const poller of pollers) {
      const run = await runDay(day, poller);
      (runs[poller.key] ??= []).push(run);
      opts.log(
        `polling: seed ${day.seed} ${poller.label}: ${run.requests} requests, ${run.jobs} jobs, ` +
          `missed ${run.missed} (${run.missedWebsite} website) (${fmtMs(run.wallMs)})`,
      );
    }
  }
  const s: Record<string, PollerSummary> = {};
  for (const p of pollers) s[p.key] = summarise(p.label, runs[p.key] ?? []);
  const ours = s.ours!;
  const ratio = ours.requests / s.fixed5s!.requests;
  const pollerDetails: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(s)) {
    const rounded = Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, typeof x === 'number' ? round(x, 1) : x]),
    );
    pollerDetails[key] = {
      ...rounded,
      perSeed: (runs[key] ?? []).map((r) => ({
        seed: r.seed,
        requests: r.requests,
        byRoute: r.byRoute,
        jobs: r.jobs,
        missed: r.missed,
        missedWebsite: r.missedWebsite,
        unfinished: r.unfinished,
        awayJobs: r.awayJobs,
        awayAnnounced: r.awayAnnounced,
        timersFired: r.timersFired,
      })),
    };
  }
  return {
    rows: tableRows(s, days),
    summary: {
      requestsRatioVsFixed5s: round(ratio, 4),
      detectionP95Ms: round(ours.detectionP95Ms, 0),
      websiteDetectionP95FromFinalMs: round(ours.websiteFromFinalP95Ms, 0),
      listRequestsPerDayPerAccount: round(ours.listRequestsPerDayPerAccount, 1),
      missedJobs: { ours: ours.missed, oursNoLists: s.oursNoLists!.missed, fixed30s: s.fixed30s!.missed },
    },
    details: {
      method:
        'Real JobMonitor + UseapiClient over loopback HTTP to the Simulator on a FakeClock, ledger on disk; ' +
        'monitor starts 1 h + a seeded phase in [0, 120 s) before the day; an outage is a connection reset on ' +
        'every route; a closed evening is stop() and a new monitor on the same ledger; ' +
        'requests = simulator stats() delta over the day.',
      seeds,
      days: days.map((d) => ({
        seed: d.seed,
        jobs: d.jobs.length,
        websiteJobs: d.jobs.filter((j) => j.source === 'website').length,
        outage: d.outage && {
          start: new Date(d.outage.startMs).toISOString(),
          end: new Date(d.outage.endMs).toISOString(),
        },
        closed: d.closed && {
          start: new Date(d.closed.startMs).toISOString(),
          end: new Date(d.closed.endMs).toISOString(),
        },
        monitorStartsBeforeDayMs: warmupMs(d.seed),
      })),
      trace: { dayMs: DAY_MS, workingHoursMs: WORKING_HOURS_MS, websiteShare: WEBSITE_SHARE },
      pollingDefaults: DEFAULT_POLLING,
      reconcileDefaults: DEFAULT_RECONCILE,
      targets: {
        requestsRatioVsFixed5s: REQUESTS_RATIO_TARGET,
        detectionP95Ms: DETECTION_P95_TARGET_MS,
        missed: 0,
      },
      pollers: pollerDetails,
    },
  };
}
