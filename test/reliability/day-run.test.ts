// A simulated 24-hour run on a FakeClock, over real HTTP: 16 busy hours with a burst of 8–12 jobs
// every 4 minutes (~2 400 jobs: more than the ledger keeps), then 8 quiet hours. Checks that heap
// and ledger size stay bounded, that every job is announced once with its true outcome, and that
// the number of requests is what the poll policy's and the reconcile policy's documented schedules
// predict for this trace.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { UseapiClient } from '../../main/core/api/client.ts';
import { FakeClock } from '../../main/core/clock.ts';
import { ANNOUNCED_MAX_IDS, HISTORY_MAX_ENTRIES } from '../../main/core/ledger/ledger.ts';
import { ACCOUNTS_TTL_MS } from '../../main/core/accounts/account-directory.ts';
import { DEFAULT_POLLING, DEFAULT_RECHECK, JobMonitor } from '../../main/core/monitor/job-monitor.ts';
import { DEFAULT_RECONCILE } from '../../main/core/scheduler/reconcile-policy.ts';
import {
  nextPollDecision,
  recheckDelayMs,
  type PollPolicyJob,
} from '../../main/core/scheduler/poll-policy.ts';
import { mulberry32, randInt } from '../../main/core/simulator/prng.ts';
import { Simulator, randomJobSpec, type SimJobSpec } from '../../main/core/simulator/index.ts';
import { markdownTable, tempDir } from './harness.ts';

const T0 = Date.UTC(2026, 0, 5, 7, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const BUSY_HOURS = 16;
const BURST_EVERY_MS = 4 * MIN;
/**
 * Allowed difference between the predicted and the actual request count. The prediction replays
 * the trace through the same pure policy functions with the start time the monitor can read from
 * each job's `started` field, so it is exact unless the monitor strays from its own schedule;
 * 0.5 % leaves room for a boundary poll or re-check landing on the other side of the 24-hour mark,
 * and for the polls a list reconcile asks for when it finds a job that started since the last poll
 * (to tell an API job from a website one; a handful a day in this trace), not replayed here.
 */
const REQUEST_TOLERANCE = 0.005;
/** Allowed difference for the list and accounts requests: none (the schedule is replayed exactly). */
const LIST_TOLERANCE = 0;

/** One busy day: bursts every 4 min for 16 h (first job of a burst at the burst, the others ≤ 30 s later). */
function busyDayTrace(seed: number): SimJobSpec[] {
  const specs: SimJobSpec[] = [];
  for (let b = 0; b < (BUSY_HOURS * HOUR) / BURST_EVERY_MS; b++) {
    const rng = mulberry32(seed * 7919 + b);
    const burstMs = T0 + b * BURST_EVERY_MS;
    const size = randInt(rng, 8, 12);
    for (let i = 0; i < size; i++) {
      specs.push(randomJobSpec(rng, burstMs + (i === 0 ? 0 : randInt(rng, 0, 30_000)), 1, b * 100 + i));
    }
  }
  return specs;
}

interface Job {
  id: string;
  kind: 'video' | 'image';
  startedMs: number;
  /** The start as the monitor reads it from `started` (epoch seconds lose the milliseconds). */
  visibleStartMs: number;
  leftMs: number;
  finalMs: number;
}

/**
 * The documented schedule replayed over the trace: polls paced by nextPollDecision(DEFAULT_POLLING)
 * from what each poll would list, and for each job that left, one status check at the first poll
 * after it left plus re-checks every recheckDelayMs(n, 5 s) until it is final.
 */
function predictRequests(
  jobs: readonly Job[],
  startMs: number,
  endMs: number,
): { polls: number; checks: number; pollLog: { atMs: number; listed: number }[] } {
  let polls = 0;
  const pollLog: { atMs: number; listed: number }[] = [];
  let checks = 0;
  let lastNewJobMs: number | null = null;
  let lastActiveMs: number | null = null;
  const seen = new Set<string>();
  const firstPollAfterLeaving = new Map<string, number>();
  let listedBefore: Job[] = [];
  for (let t = startMs; t <= endMs;) {
    polls++;
    const listed = jobs.filter((j) => j.startedMs <= t && t < j.leftMs);
    pollLog.push({ atMs: t, listed: listed.length });
    for (const j of listed) {
      if (!seen.has(j.id)) {
        seen.add(j.id);
        lastNewJobMs = t;
      }
    }
    const ids = new Set(listed.map((j) => j.id));
    for (const j of listedBefore) if (!ids.has(j.id)) firstPollAfterLeaving.set(j.id, t);
    listedBefore = listed;
    if (listed.length > 0) lastActiveMs = t;
    const running: PollPolicyJob[] = listed.map((j) => ({
      kind: j.kind,
      estimatedStartMs: j.visibleStartMs,
    }));
    t += nextPollDecision(DEFAULT_POLLING, { nowMs: t, running, lastNewJobMs, lastActiveMs }).delayMs;
  }
  for (const j of jobs) {
    let at = firstPollAfterLeaving.get(j.id);
    if (at === undefined) continue;
    for (let n = 1; at <= endMs; n++) {
      checks++;
      if (at >= j.finalMs) break;
      at += recheckDelayMs(n, DEFAULT_RECHECK.intervalMs);
    }
  }
  return { polls, checks, pollLog };
}

/**
 * The documented reconcile schedule (scheduler/reconcile-policy.ts) replayed over the polls: a
 * full reconcile right after the first poll, one soon after a poll that finds the queue emptied
 * (5 s later) or that finds jobs in an empty queue (30 s later), each at least 2 min after the
 * previous one, otherwise every 15 min while a job was listed within the hour, else every hour. Each reads both lists of both accounts (4 requests; no page
 * holds 30 new items at this pace) and, when the last GET /accounts is an hour old, GET /accounts
 * first. No website jobs run in this trace, so there is no refresh of their lists.
 */
function predictListRequests(pollLog: readonly { atMs: number; listed: number }[], endMs: number): number {
  const S = DEFAULT_RECONCILE;
  let requests = 0;
  let accountsAtMs: number | null = null;
  let lastFullMs: number | null = null;
  let lastActiveMs: number | null = null;
  let requestedAtMs: number | null = null;
  let requestedDelayMs = 0;
  let dueMs: number | null = null;
  const full = (atMs: number): void => {
    if (accountsAtMs === null || atMs >= accountsAtMs + ACCOUNTS_TTL_MS) {
      requests++;
      accountsAtMs = atMs;
    }
    requests += 4;
    lastFullMs = atMs;
    requestedAtMs = null;
  };
  let previous = 0;
  for (const [i, poll] of pollLog.entries()) {
    // A reconcile due before this poll ran at its due time.
    if (dueMs !== null && dueMs < poll.atMs && dueMs <= endMs) full(dueMs);
    if (poll.listed > 0) lastActiveMs = poll.atMs;
    if (i === 0) full(poll.atMs);
    else if (requestedAtMs === null && previous > 0 !== poll.listed > 0) {
      requestedAtMs = poll.atMs;
      requestedDelayMs = poll.listed === 0 ? S.queueEmptiedDelayMs : S.queueStartedDelayMs;
    }
    previous = poll.listed;
    const last = lastFullMs ?? poll.atMs;
    if (requestedAtMs !== null) dueMs = Math.max(requestedAtMs + requestedDelayMs, last + S.minGapMs);
    else {
      const active = lastActiveMs !== null && poll.atMs - lastActiveMs < S.recentWindowMs;
      dueMs = last + (active ? S.activeIntervalMs : S.idleIntervalMs);
    }
  }
  if (dueMs !== null && dueMs <= endMs) full(dueMs);
  return requests;
}

let report = '';
after(() => console.log(report));

test(
  '24 simulated hours of job churn: bounded heap and ledger, exact announcements, predicted request count',
  { timeout: 300_000 },
  async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const clock = new FakeClock(T0);
    const sim = new Simulator({ clock, seed: 2026 });
    const { baseUrl } = await sim.start();
    const dir = await tempDir('day-run-');
    const ledgerPath = path.join(dir, 'ledger.json');
    const specs = busyDayTrace(2026);
    const ids = specs.map((s) => sim.submit(s));

    const monitor = new JobMonitor({
      api: new UseapiClient({ apiBase: baseUrl, token: sim.token, now: () => clock.now() }),
      clock,
      ledgerPath,
    });
    const announced = new Map<string, string[]>();
    let errors = 0;
    monitor.subscribe((batch) => {
      for (const e of batch) {
        if (e.type === 'job-finished')
          announced.set(e.job.id, [...(announced.get(e.job.id) ?? []), e.job.outcome]);
        if (e.type === 'error') errors++;
      }
    });
    const settle = () => monitor.whenIdle();
    const samples: {
      hour: number;
      heapMb: number;
      ledgerKb: number;
      history: number;
      announcedIds: number;
      requests: number;
    }[] = [];
    const realStart = performance.now();
    try {
      await monitor.start();
      for (let hour = 1; hour <= 24; hour++) {
        await clock.advance(HOUR, settle);
        gc();
        const doc = JSON.parse(readFileSync(ledgerPath, 'utf8')) as {
          history: unknown[];
          announced: unknown[];
        };
        samples.push({
          hour,
          heapMb: process.memoryUsage().heapUsed / 2 ** 20,
          ledgerKb: statSync(ledgerPath).size / 1024,
          history: doc.history.length,
          announcedIds: doc.announced.length,
          requests: sim.stats().requests,
        });
      }
      const realSeconds = (performance.now() - realStart) / 1000;

      // Every job announced once, with the simulator's own outcome.
      const truth = sim.groundTruth();
      assert.equal(truth.length, specs.length, 'every job of the trace has finished');
      assert.equal(errors, 0);
      const twice = [...announced].filter(([, outcomes]) => outcomes.length > 1).map(([id]) => id);
      assert.deepEqual(twice, [], 'announced twice');
      const lost = truth.filter((t) => !announced.has(t.id)).map((t) => t.id);
      assert.deepEqual(lost, [], 'never announced');
      const wrong = truth.filter((t) => announced.get(t.id)?.[0] !== t.outcome).map((t) => t.id);
      assert.deepEqual(wrong, [], 'outcome differs from the truth');

      // The ledger's bounds hold, and its size stops growing once they are reached.
      for (const s of samples) {
        assert.ok(s.history <= HISTORY_MAX_ENTRIES && s.announcedIds <= ANNOUNCED_MAX_IDS, `hour ${s.hour}`);
      }
      const last = samples.at(-1)!;
      assert.equal(last.history, HISTORY_MAX_ENTRIES, 'history is full, not larger');
      assert.equal(last.announcedIds, ANNOUNCED_MAX_IDS, 'announced-id memory is full, not larger');
      const capped = samples.filter((s) => s.announcedIds === ANNOUNCED_MAX_IDS);
      assert.ok(capped.length >= 4, 'the caps were reached hours before the end');
      const ledgerAtCap = capped[0]!.ledgerKb;
      for (const s of capped)
        assert.ok(s.ledgerKb <= ledgerAtCap * 1.1, `ledger ${s.ledgerKb.toFixed(0)} KiB at hour ${s.hour}`);

      // Heap after GC: no growth from the middle of the busy period to the end of the day.
      const middle = Math.max(...samples.filter((s) => s.hour >= 6 && s.hour <= 12).map((s) => s.heapMb));
      const late = Math.max(...samples.filter((s) => s.hour >= 18).map((s) => s.heapMb));
      assert.ok(late <= middle + 8, `heap ${late.toFixed(1)} MiB late vs ${middle.toFixed(1)} MiB mid-run`);

      // Requests: what the documented schedule predicts for this trace.
      const jobs: Job[] = truth.map((t) => {
        const spec = specs[ids.indexOf(t.id)]!;
        return {
          id: t.id,
          kind: t.kind,
          startedMs: t.startedMs,
          visibleStartMs:
            spec.quirks?.startedAs === 'epoch-s' ? Math.floor(t.startedMs / 1000) * 1000 : t.startedMs,
          leftMs: t.leftSchedulerMs,
          finalMs: t.finalMs,
        };
      });
      const predicted = predictRequests(jobs, T0, T0 + 24 * HOUR);
      const snap = monitor.snapshot();
      const total = sim.stats().requests;
      assert.equal(snap.requestCount, total, 'the monitor counted every request the server saw');
      const byRoute = sim.stats().byRoute;
      const routes = (...names: string[]) => names.reduce((n, r) => n + (byRoute[r] ?? 0), 0);
      const lists = routes('GET /videos/', 'GET /images/', 'GET /accounts');
      const actual = total - lists;
      const expected = predicted.polls + predicted.checks;
      const diff = Math.abs(actual - expected);
      assert.ok(
        diff <= Math.ceil(expected * REQUEST_TOLERANCE),
        `polls and checks ${actual} vs predicted ${expected} (${predicted.polls} polls + ${predicted.checks} checks)`,
      );
      const expectedLists = predictListRequests(predicted.pollLog, T0 + 24 * HOUR);
      assert.ok(
        Math.abs(lists - expectedLists) <= LIST_TOLERANCE,
        `list and accounts requests ${lists} vs predicted ${expectedLists}`,
      );

      const hourly = markdownTable(
        ['hour', 'heap after GC (MiB)', 'ledger (KiB)', 'history', 'announced ids', 'requests so far'],
        samples
          .filter((s) => s.hour % 3 === 0 || s.hour === 1)
          .map((s) => [
            s.hour,
            s.heapMb.toFixed(1),
            s.ledgerKb.toFixed(0),
            s.history,
            s.announcedIds,
            s.requests,
          ]),
      );
      report =
        `\n24-hour simulated run (${realSeconds.toFixed(0)} s real time)\n\n` +
        `- jobs: ${specs.length} (${BUSY_HOURS} h of bursts of 8–12 every 4 min, then ${24 - BUSY_HOURS} quiet hours)\n` +
        `- job-finished: ${announced.size} announced, 0 lost, 0 twice, 0 wrong outcomes\n` +
        `- requests: ${total}: GET /scheduler/ ${byRoute['GET /scheduler/'] ?? 0}, ` +
        `status checks ${actual - (byRoute['GET /scheduler/'] ?? 0)}, predicted ${expected} ` +
        `(${predicted.polls} polls + ${predicted.checks} checks), difference ${diff} ` +
        `(tolerance ${(REQUEST_TOLERANCE * 100).toFixed(1)} %); lists and accounts ${lists} ` +
        `(GET /videos/ ${byRoute['GET /videos/'] ?? 0}, GET /images/ ${byRoute['GET /images/'] ?? 0}, ` +
        `GET /accounts ${byRoute['GET /accounts'] ?? 0}), predicted ${expectedLists}\n` +
        `- ledger: ${last.ledgerKb.toFixed(0)} KiB at the end (history ${last.history}/${HISTORY_MAX_ENTRIES}, ` +
        `announced ids ${last.announcedIds}/${ANNOUNCED_MAX_IDS})\n` +
        `- heap after GC: ${middle.toFixed(1)} MiB max in hours 6–12, ${late.toFixed(1)} MiB max in hours 18–24\n\n${hourly}\n`;
    } finally {
      await monitor.stop();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
