// Fault injection over real HTTP: the simulator (with its faults) ← UseapiClient ← JobMonitor, all
// on one FakeClock. For every scenario the monitor must keep running, show the right state while
// failing (lastError, staleSinceMs) and after (recovered), and announce exactly the jobs the
// simulator's own ground truth says finished: none lost, none twice, same outcomes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { defaultSettings } from '../../main/app/settings.ts';
import { FakeClock } from '../../main/core/clock.ts';
import { LEDGER_VERSION } from '../../main/core/ledger/ledger.ts';
import { DEFAULT_POLLING, type JobMonitor } from '../../main/core/monitor/job-monitor.ts';
import { Simulator, type SimRequestRecord } from '../../main/core/simulator/index.ts';
import type { JobFinishedEvent, MonitorEvent } from '../../main/core/types.ts';
import { RENDERER_URL } from '../../main/electron/protocol.ts';
import type { SettingsView, ViewModel } from '../../main/ipc.ts';
import { MemoryStore } from '../../main/secrets/keychain.ts';
import { bootOnDouble } from '../support/boot-on-double.ts';
import { doubleConfig, invokeIpc } from '../support/electron-double.ts';
import { freshDouble } from '../unit/electron/helpers.ts';
import {
  KillableClock,
  assertMatchesTruth,
  compareWithTruth,
  faultRow,
  markdownTable,
  startRig,
  tempDir,
  type FaultRow,
  type Rig,
  type StartedRig,
} from './harness.ts';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MIN = 60_000;
const rows: (FaultRow & { earlyRequests: number | '—' })[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

after(async () => {
  for (const c of cleanups.reverse()) await c();
  const headers = [
    'scenario',
    'requests (server / client attempts)',
    'finished (truth)',
    'job-finished expected',
    'job-finished seen',
    'duplicates',
    'wrong outcomes',
    'requests before Retry-After',
    'error / recovered events',
  ];
  const table = markdownTable(
    headers,
    rows.map((r) => [
      r.scenario,
      `${r.serverRequests} / ${r.attempts}`,
      r.truth,
      r.expected,
      r.seen,
      r.duplicates,
      r.wrongOutcomes,
      r.earlyRequests,
      `${r.errorEvents} / ${r.recoveredEvents}`,
    ]),
  );
  console.log(`\nFault-injection results\n\n${table}\n`);
});

/** A simulator on a fresh FakeClock, a ledger in a temp dir, and a rig; cleaned up after the suite. */
async function setup(opts: { proxy?: boolean; seed?: number } = {}): Promise<Omit<StartedRig, 'cleanup'>> {
  const { cleanup, ...started } = await startRig({
    t0: T0,
    prefix: 'faults-',
    ...opts,
    seed: opts.seed ?? 7,
  });
  cleanups.push(cleanup);
  return started;
}

/** Lets every job finish and every re-check settle, then compares with the truth and records the row. */
async function finish(
  scenario: string,
  rig: Rig,
  earlyRequests: number | '—' = '—',
): Promise<ReturnType<Rig['compare']>> {
  await rig.advance(45 * MIN);
  assert.deepEqual(rig.sim.runningIds(), [], 'scenario jobs all ended');
  const live = rig.monitors.at(-1);
  assert.ok(live);
  const snap = live.snapshot();
  assert.equal(snap.lastError, null, 'no error left once the API is healthy');
  assert.equal(snap.staleSinceMs, null);
  assert.ok(snap.nextPollMs !== null && snap.nextPollMs > rig.clock.now(), 'still polling');
  const c = rig.compare();
  rows.push({ ...faultRow(scenario, rig, c), earlyRequests });
  assertMatchesTruth(c, scenario);
  return c;
}

/**
 * Requests that arrived before a Retry-After announced earlier. `retryAtOf` gives, for a request
 * the server answered with a Retry-After, the instant it named (null for others).
 */
function earlyRequests(
  log: readonly SimRequestRecord[],
  retryAtOf: (r: SimRequestRecord) => number | null,
): SimRequestRecord[] {
  let floor = Number.NEGATIVE_INFINITY;
  const early: SimRequestRecord[] = [];
  for (const r of log) {
    if (r.atMs < floor) early.push(r);
    const at = retryAtOf(r);
    if (at !== null) floor = Math.max(floor, at);
  }
  return early;
}

/** Checks each error event's retry delay against the documented backoff: ≥ 1 s, ≤ min(5 min, 5 s × 2^(n−1)). */
function assertBackoffShape(rig: Rig, fromIndex = 0): void {
  const errors = rig.ofType('error').slice(fromIndex);
  let n = 0;
  let previousWasError = false;
  for (const e of rig.events.slice(rig.events.indexOf(errors[0] ?? rig.events[0]!))) {
    if (e.type === 'error') {
      n = previousWasError ? n + 1 : 1;
      previousWasError = true;
      const delay = (e.retryAtMs ?? 0) - Date.parse(e.at);
      const ceiling = Math.min(DEFAULT_POLLING.backoffMaxMs, DEFAULT_POLLING.backoffBaseMs * 2 ** (n - 1));
      assert.ok(delay >= 1_000 && delay <= ceiling, `failure ${n}: retry in ${delay} ms, ceiling ${ceiling}`);
    } else if (e.type === 'jobs') {
      previousWasError = false;
    }
  }
}

describe('fault injection (simulator ← UseapiClient ← JobMonitor on a FakeClock)', () => {
  test('API down for 4 minutes (connection refused), then back', async () => {
    const { rig, proxy } = await setup({ proxy: true });
    const { sim } = rig;
    sim.submit({ kind: 'video', durationMs: 10 * MIN, outcome: 'succeeded' });
    const endsDuringOutage = sim.submit({
      kind: 'video',
      durationMs: 3 * MIN,
      outcome: 'failed',
      finalLagMs: 20_000,
    });
    // Starts and ends while nothing can be reached: no scheduler poll ever lists it; the lists
    // read after the recovery do.
    const insideOutage = sim.submit({
      kind: 'image',
      durationMs: 40_000,
      outcome: 'succeeded',
      startAtMs: T0 + 2.5 * MIN,
    });
    sim.submit({ kind: 'video', durationMs: 5 * MIN, outcome: 'succeeded', startAtMs: T0 + 4 * MIN });
    sim.submit({
      kind: 'image',
      durationMs: 30_000,
      outcome: 'moderated',
      removed: true,
      startAtMs: T0 + 7 * MIN,
    });

    const monitor = rig.newMonitor();
    await monitor.start();
    await rig.advance(2 * MIN);
    const lastGood = monitor.snapshot().lastPollMs;
    assert.ok(lastGood !== null);
    const listedBefore = monitor.snapshot().running.map((j) => j.id);
    assert.ok(listedBefore.includes(endsDuringOutage));

    await proxy!.down();
    await rig.advance(4 * MIN);
    const down = monitor.snapshot();
    assert.equal(down.lastError?.reason, 'network');
    assert.equal(down.staleSinceMs, lastGood, 'stale since the last successful poll');
    assert.deepEqual(
      down.running.map((j) => j.id),
      listedBefore,
      'the last known list is kept while offline',
    );
    assert.ok(down.nextPollMs !== null, 'a retry is planned');
    const failuresDuringOutage = rig.ofType('error').length;
    assert.ok(failuresDuringOutage >= 3, `kept retrying (${failuresDuringOutage} attempts)`);
    assert.ok(failuresDuringOutage <= 12, `backed off (${failuresDuringOutage} attempts in 4 min)`);
    assertBackoffShape(rig);

    await proxy!.up();
    assert.ok(await rig.runUntil(() => rig.ofType('recovered').length === 1, 6 * MIN), 'recovered');
    assert.equal(rig.ofType('recovered')[0]?.after, 'network');
    assert.equal(monitor.snapshot().lastError, null);
    assert.equal(monitor.snapshot().staleSinceMs, null);

    const c = await finish('API down 4 min (connection refused), back', rig);
    assert.equal(c.visible.length, c.truth.length, 'every finished job is announced, none missed');
    const inside = rig.finished().filter((e) => e.job.id === insideOutage);
    assert.equal(inside.length, 1);
    assert.equal(inside[0]?.job.source, 'website', 'the scheduler never listed it');
  });

  test('a job that starts and ends during a 10-minute outage is announced once after recovery', async () => {
    const { rig, proxy } = await setup({ proxy: true, seed: 41 });
    const { sim } = rig;
    sim.submit({ kind: 'video', durationMs: 20 * MIN, outcome: 'succeeded' });
    const outageStart = T0 + 3 * MIN;
    const during = sim.submit({
      kind: 'video',
      durationMs: 4 * MIN,
      outcome: 'failed',
      startAtMs: outageStart + MIN,
      prompt: 'a storm over the sea',
    });
    const duringImage = sim.submit({
      kind: 'image',
      durationMs: 40_000,
      outcome: 'succeeded',
      startAtMs: outageStart + 6 * MIN,
    });
    const monitor = rig.newMonitor();
    await monitor.start();
    await rig.advance(outageStart - T0);
    await proxy!.down();
    await rig.advance(10 * MIN);
    assert.ok(
      !rig.finished().some((e) => e.job.id === during || e.job.id === duringImage),
      'nothing can be announced while the API is unreachable',
    );
    await proxy!.up();
    assert.ok(await rig.runUntil(() => rig.ofType('recovered').length === 1, 6 * MIN), 'recovered');
    const recoveredAt = rig.events.indexOf(rig.ofType('recovered')[0]!);
    assert.ok(
      await rig.runUntil(
        () => rig.finished().filter((e) => [during, duringImage].includes(e.job.id)).length === 2,
        MIN,
      ),
      'announced within a minute of the recovery',
    );
    const announced = rig.finished().filter((e) => e.job.id === during);
    assert.equal(announced[0]?.job.outcome, 'failed');
    assert.equal(announced[0]?.job.prompt, 'a storm over the sea');
    assert.ok(rig.events.indexOf(announced[0]!) > recoveredAt, 'after the recovered event');
    assert.ok(!rig.ofType('job-started').some((e) => e.job.id === during), 'already final: no job-started');
    const c = await finish('job started and ended inside a 10-min outage', rig);
    assert.equal(c.visible.length, c.truth.length);
  });

  test('connection resets for 3 minutes, then back', async () => {
    const { rig } = await setup({ seed: 11 });
    const { sim } = rig;
    sim.submit({ kind: 'video', durationMs: 6 * MIN, outcome: 'succeeded', finalLagMs: 30_000 });
    sim.submit({ kind: 'image', durationMs: 90_000, outcome: 'failed' });
    sim.submit({ kind: 'video', durationMs: 4 * MIN, outcome: 'moderated', startAtMs: T0 + 2 * MIN });
    const monitor = rig.newMonitor();
    await monitor.start();
    await rig.advance(1 * MIN);
    sim.fault({ type: 'reset' });
    await rig.advance(3 * MIN);
    assert.equal(monitor.snapshot().lastError?.reason, 'network');
    assert.ok(monitor.snapshot().staleSinceMs !== null);
    assertBackoffShape(rig);
    sim.fault(null);
    assert.ok(await rig.runUntil(() => rig.ofType('recovered').length === 1, 6 * MIN));
    await finish('connection resets 3 min', rig);
  });

  for (const as of ['seconds', 'date'] as const) {
    test(`429 storm with Retry-After as ${as}: nothing is sent before it`, async () => {
      const { rig } = await setup({ seed: as === 'date' ? 3 : 5 });
      const { sim } = rig;
      const retryAfterSeconds = as === 'date' ? 75 : 30;
      // Jobs that left the scheduler but are not final yet when the storm begins: their status
      // re-checks must wait for the storm to pass too.
      sim.submit({ kind: 'image', durationMs: 60_000, outcome: 'succeeded', finalLagMs: 2 * MIN });
      sim.submit({ kind: 'image', durationMs: 80_000, outcome: 'moderated', removed: true });
      sim.submit({ kind: 'video', durationMs: 3 * MIN, outcome: 'failed', finalLagMs: 90_000 });
      sim.submit({ kind: 'video', durationMs: 9 * MIN, outcome: 'succeeded' });
      const monitor = rig.newMonitor();
      await monitor.start();
      await rig.advance(90_000);
      assert.ok(rig.ofType('job-finished').length >= 1, 'the removed image was settled before the storm');
      sim.fault({ type: 'status', status: 429, retryAfterSeconds, retryAfterAs: as, count: 8 });
      assert.ok(await rig.runUntil(() => rig.ofType('error').length >= 1, 5 * MIN));
      const err = monitor.snapshot().lastError;
      assert.equal(err?.reason, 'rate-limited');
      assert.equal(err?.status, 429);
      const stormStart = sim.requestLog().find((r) => r.fault === 'status');
      assert.ok(stormStart);
      assert.ok(
        (err?.retryAtMs ?? 0) >= stormStart.atMs + retryAfterSeconds * 1000 - (as === 'date' ? 999 : 0),
        'the next attempt is planned no earlier than Retry-After',
      );
      assert.ok(await rig.runUntil(() => sim.activeFault() === null, 30 * MIN), 'storm over');
      assert.ok(await rig.runUntil(() => rig.ofType('recovered').length === 1, 10 * MIN));
      assert.equal(rig.ofType('recovered')[0]?.after, 'rate-limited');

      const retryAtOf = (r: SimRequestRecord): number | null => {
        if (r.fault !== 'status') return null;
        const at = r.atMs + retryAfterSeconds * 1000;
        return as === 'date' ? Date.parse(new Date(at).toUTCString()) : at;
      };
      const early = earlyRequests(sim.requestLog(), retryAtOf);
      assert.equal(
        sim.requestLog().filter((r) => r.fault === 'status' && r.route !== 'GET /scheduler/').length,
        0,
        'due status re-checks wait for the poll retry instead of failing on their own',
      );
      await finish(`429 storm ×8, Retry-After ${retryAfterSeconds} s as ${as}`, rig, early.length);
      assert.deepEqual(early, [], 'no request before Retry-After');
    });
  }

  test('429 on status checks only: the scheduler polls wait for its Retry-After too', async () => {
    const { rig } = await setup({ seed: 37 });
    const { sim } = rig;
    sim.submit({ kind: 'image', durationMs: 60_000, outcome: 'succeeded', finalLagMs: 3 * MIN });
    sim.submit({ kind: 'video', durationMs: 8 * MIN, outcome: 'succeeded' });
    const monitor = rig.newMonitor();
    await monitor.start();
    await rig.advance(62_000);
    assert.deepEqual(monitor.snapshot().history, [], 'the image left but is not final yet');
    const retryAfterSeconds = 40;
    sim.fault({
      type: 'status',
      status: 429,
      retryAfterSeconds,
      count: 3,
      routes: ['GET /images/{id}', 'GET /videos/{id}'],
    });
    assert.ok(await rig.runUntil(() => sim.activeFault() === null, 20 * MIN), 'three status checks got 429');
    const log = sim.requestLog();
    const early = earlyRequests(log, (r) =>
      r.fault === 'status' ? r.atMs + retryAfterSeconds * 1000 : null,
    );
    const first429 = log.findIndex((r) => r.fault === 'status');
    const nextPoll = log.slice(first429).find((r) => r.route === 'GET /scheduler/');
    assert.ok(nextPoll && nextPoll.atMs >= (log[first429]?.atMs ?? 0) + retryAfterSeconds * 1000);
    assert.equal(monitor.snapshot().lastError, null, 'polls themselves succeed: no error shown');
    await finish(`429 ×3 on status checks only, Retry-After ${retryAfterSeconds} s`, rig, early.length);
    assert.deepEqual(early, [], 'no request of any kind before Retry-After');
  });

  test('429 on the account lists: no request of any route before its Retry-After; website jobs still announced', async () => {
    const { rig } = await setup({ seed: 43 });
    const { sim } = rig;
    sim.submit({ kind: 'video', durationMs: 6 * MIN, outcome: 'succeeded' });
    sim.submit({
      kind: 'video',
      durationMs: 3 * MIN,
      outcome: 'moderated',
      source: 'website',
      startAtMs: T0 + MIN,
    });
    sim.submit({
      kind: 'image',
      durationMs: 50_000,
      outcome: 'succeeded',
      source: 'website',
      startAtMs: T0 + 2 * MIN,
    });
    const retryAfterSeconds = 45;
    const monitor = rig.newMonitor();
    await monitor.start();
    await rig.advance(30_000); // the first reading of the lists (history) is done
    sim.fault({
      type: 'status',
      status: 429,
      retryAfterSeconds,
      count: 3,
      routes: ['GET /videos/', 'GET /images/'],
    });
    assert.ok(await rig.runUntil(() => sim.activeFault() === null, 30 * MIN), 'three list requests got 429');
    const early = earlyRequests(sim.requestLog(), (r) =>
      r.fault === 'status' ? r.atMs + retryAfterSeconds * 1000 : null,
    );
    assert.equal(monitor.snapshot().lastError, null, 'a refused list request is not a failed poll');
    const c = await finish(`429 ×3 on the lists, Retry-After ${retryAfterSeconds} s`, rig, early.length);
    assert.deepEqual(early, [], 'no request of any kind before Retry-After');
    assert.equal(c.seen.filter((s) => c.truth.find((t) => t.id === s.id)?.source === 'website').length, 2);
  });

  test('bursts of 5xx (500, 502, 503 with Retry-After, 504)', async () => {
    const { rig } = await setup({ seed: 13 });
    const { sim } = rig;
    for (let i = 0; i < 6; i++) {
      sim.submit({
        kind: i % 2 ? 'image' : 'video',
        durationMs: (i % 2 ? 45_000 : 2.5 * MIN) + i * 20_000,
        outcome: (['succeeded', 'failed', 'moderated'] as const)[i % 3]!,
        startAtMs: T0 + i * 1.5 * MIN,
        finalLagMs: i === 2 ? 25_000 : 0,
      });
    }
    const monitor = rig.newMonitor();
    await monitor.start();
    await rig.advance(30_000);
    const bursts = [
      { status: 500, count: 3 },
      { status: 502, count: 2 },
      { status: 503, count: 2, retryAfterSeconds: 20 },
      { status: 504, count: 3 },
    ] as const;
    let early: SimRequestRecord[] = [];
    for (const b of bursts) {
      const errorsBefore = rig.ofType('error').length;
      const recoveredBefore = rig.ofType('recovered').length;
      const logFrom = sim.requestLog().length;
      sim.fault({ type: 'status', ...b });
      assert.ok(await rig.runUntil(() => sim.activeFault() === null, 20 * MIN), `${b.status} burst over`);
      assert.ok(rig.ofType('error').length > errorsBefore, `${b.status} reported`);
      const snap = monitor.snapshot();
      assert.equal(snap.lastError?.reason, 'server-busy');
      assert.equal(snap.lastError?.status, b.status);
      assert.ok(await rig.runUntil(() => rig.ofType('recovered').length > recoveredBefore, 10 * MIN));
      if ('retryAfterSeconds' in b) {
        const log = sim.requestLog();
        early = earlyRequests(log.slice(logFrom), (r) =>
          r.fault === 'status' ? r.atMs + b.retryAfterSeconds * 1000 : null,
        );
      }
      await rig.advance(MIN);
    }
    await finish('5xx bursts (500×3, 502×2, 503×2 + Retry-After 20 s, 504×3)', rig, early.length);
    assert.deepEqual(early, [], 'no request before the 503 Retry-After');
  });

  test('596: a MiniMax account on hold', async () => {
    const { rig } = await setup({ seed: 17 });
    const { sim } = rig;
    sim.submit({ kind: 'video', durationMs: 4 * MIN, outcome: 'succeeded', account: '100002' });
    sim.submit({ kind: 'image', durationMs: 50_000, outcome: 'succeeded', account: '100001' });
    const monitor = rig.newMonitor();
    await monitor.start();
    await rig.advance(20_000);
    sim.fault({ type: 'status', status: 596, account: '100002', count: 5 });
    assert.ok(await rig.runUntil(() => rig.ofType('error').length >= 1, MIN));
    const err = monitor.snapshot().lastError;
    assert.equal(err?.reason, 'account-on-hold');
    assert.equal(err?.account, '100002');
    assert.match(err?.message ?? '', /100002/);
    assert.ok(await rig.runUntil(() => rig.ofType('recovered').length === 1, 20 * MIN));
    assert.equal(rig.ofType('recovered')[0]?.after, 'account-on-hold');
    await finish('596 account on hold ×5', rig);
  });

  test('answers that stall mid-body end as timeouts (client deadline 800 ms)', async () => {
    const { rig } = await setup({ seed: 19 });
    const { sim } = rig;
    sim.submit({ kind: 'video', durationMs: 2 * MIN, outcome: 'succeeded', finalLagMs: 10_000 });
    sim.submit({ kind: 'image', durationMs: 25_000, outcome: 'failed' });
    const monitor = rig.newMonitor({ timeoutMs: 800 });
    await monitor.start();
    await rig.advance(15_000);
    sim.fault({ type: 'stall', count: 3 });
    assert.ok(await rig.runUntil(() => rig.ofType('error').length >= 1, MIN));
    assert.equal(monitor.snapshot().lastError?.reason, 'timeout');
    assert.ok(monitor.snapshot().staleSinceMs !== null);
    assert.ok(await rig.runUntil(() => sim.activeFault() === null, 10 * MIN));
    assert.ok(await rig.runUntil(() => rig.ofType('recovered').length === 1, 10 * MIN));
    await finish('stalled bodies ×3 (timeout)', rig);
  });

  test('sleep and resume: the wall clock jumps 3 hours', async () => {
    const { rig } = await setup({ seed: 23 });
    const { sim } = rig;
    const early = sim.submit({
      kind: 'video',
      durationMs: 5 * MIN,
      outcome: 'succeeded',
      finalLagMs: 40_000,
    });
    sim.submit({ kind: 'image', durationMs: 3 * MIN, outcome: 'moderated', removed: true });
    const long = sim.submit({ kind: 'video', durationMs: 3.5 * 60 * MIN, outcome: 'failed' });
    const monitor = rig.newMonitor();
    await monitor.start();
    await rig.advance(2 * MIN);
    rig.clock.jump(3 * 60 * MIN);
    const wokeAt = rig.clock.now();
    await rig.advance(1_000);
    const firstAfter = sim.requestLog().find((r) => r.atMs >= wokeAt);
    assert.equal(firstAfter?.atMs, wokeAt, 'polls at once on wake-up, not after a full interval');
    assert.ok(rig.finished().some((e) => e.job.id === early));
    assert.ok(monitor.snapshot().running.some((j) => j.id === long));
    await finish('clock jump +3 h (sleep/resume)', rig);
  });

  test('killed mid-job and restarted: a new JobMonitor on the same ledger file', async () => {
    const { rig } = await setup({ seed: 29 });
    const { sim, clock } = rig;
    const announcedBefore = sim.submit({ kind: 'image', durationMs: 40_000, outcome: 'succeeded' });
    const endsWhileDead = sim.submit({
      kind: 'video',
      durationMs: 6 * MIN,
      outcome: 'failed',
      finalLagMs: 20_000,
    });
    const outlives = sim.submit({ kind: 'video', durationMs: 25 * MIN, outcome: 'succeeded' });
    const startsWhileDead = sim.submit({
      kind: 'video',
      durationMs: 12 * MIN,
      outcome: 'moderated',
      startAtMs: T0 + 8 * MIN,
    });
    const deadClock = new KillableClock(clock);
    const first = rig.newMonitor({ clock: deadClock });
    await first.start();
    await rig.advance(4 * MIN);
    assert.ok(rig.finished().some((e) => e.job.id === announcedBefore));
    deadClock.kill(); // no stop(), no final save: the process is gone
    await rig.advance(10 * MIN);

    const second = rig.newMonitor();
    await second.start();
    await rig.settle();
    const started = rig.ofType('job-started').map((e) => e.job.id);
    assert.equal(started.filter((id) => id === outlives).length, 1, 'not started again after restart');
    assert.equal(started.filter((id) => id === startsWhileDead).length, 1);
    assert.ok(
      rig.finished().some((e) => e.job.id === endsWhileDead),
      'ended while dead: announced on restart',
    );
    await finish('killed mid-job, new monitor on the same ledger', rig);
  });

  for (const variant of [
    'truncated to half',
    'emptied',
    'binary garbage',
    'an older version',
    'wrong types',
  ] as const) {
    test(`ledger ${variant} between runs: set aside, monitor starts empty and keeps going`, async () => {
      const { rig, dir } = await setup({ seed: 31 });
      const { sim } = rig;
      sim.submit({ kind: 'image', durationMs: 30_000, outcome: 'succeeded' });
      sim.submit({ kind: 'video', durationMs: 8 * MIN, outcome: 'succeeded', finalLagMs: 10_000 });
      sim.submit({ kind: 'video', durationMs: 4 * MIN, outcome: 'failed', startAtMs: T0 + 5 * MIN });
      const first = rig.newMonitor();
      await first.start();
      await rig.advance(2 * MIN);
      await first.stop();
      const file = rig.ledgerPath;
      const text = readFileSync(file, 'utf8');
      assert.equal(JSON.parse(text).version, LEDGER_VERSION);
      switch (variant) {
        case 'truncated to half':
          truncateSync(file, Math.floor(statSync(file).size / 2));
          break;
        case 'emptied':
          truncateSync(file, 0);
          break;
        case 'binary garbage':
          writeFileSync(file, Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80, 0x22, 0xc3, 0x28]));
          break;
        case 'an older version':
          writeFileSync(file, text.replace(`"version": ${LEDGER_VERSION}`, '"version": 0'));
          break;
        case 'wrong types':
          writeFileSync(file, JSON.stringify({ ...JSON.parse(text), running: 'yes', history: {} }));
          break;
      }
      await rig.advance(MIN);

      const second = rig.newMonitor();
      await second.start();
      await rig.settle();
      assert.ok(
        rig.logger.lines.some((l) => /^warn: ledger: .* moved it to .*\.corrupt-/.test(l)),
        'the corrupt ledger is reported',
      );
      const asides = readdirSync(dir).filter((f) => f.startsWith('ledger.json.corrupt-'));
      assert.equal(asides.length, 1, 'kept aside for inspection');
      assert.equal(second.snapshot().lastError, null);
      await rig.advance(MIN);
      assert.equal(
        JSON.parse(readFileSync(file, 'utf8')).version,
        LEDGER_VERSION,
        'a valid ledger is written again',
      );
      await finish(`ledger ${variant} between runs`, rig);
    });
  }

  test('ledger from a newer version between runs: refused before any request, kept byte for byte', async () => {
    const { rig, dir } = await setup({ seed: 31 });
    const { sim } = rig;
    sim.submit({ kind: 'video', durationMs: 8 * MIN, outcome: 'succeeded' });
    const first = rig.newMonitor();
    await first.start();
    await rig.advance(2 * MIN);
    await first.stop();
    const file = rig.ledgerPath;
    const newer = readFileSync(file, 'utf8').replace(/"version": \d+/, '"version": 99');
    writeFileSync(file, newer);
    const requestsBefore = sim.stats().requests;

    const second = rig.newMonitor();
    await assert.rejects(second.start(), /newer version/);
    await rig.advance(5 * MIN);
    await second.stop();
    assert.equal(sim.stats().requests, requestsBefore, 'the refusing monitor sent nothing');
    assert.equal(readFileSync(file, 'utf8'), newer, 'the newer ledger is untouched');
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.startsWith('ledger.json')),
      ['ledger.json'],
    );
  });
});

// ---- the real thing: SIGKILL a `minimax-jobs watch` process and start it again ----------------

const BIN = path.resolve('main/cli/bin.ts');

interface WatchRun {
  events: Record<string, unknown>[];
  /** The run was killed at the deadline. */
  deadlineHit: boolean;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A run that has not ended by then is killed, so a missed event fails the test instead of hanging it. */
const WATCH_DEADLINE_MS = 60_000;

/**
 * Spawns `watch --json`; `onEvent` may return a signal to send once (e.g. after a given line).
 * Killed (SIGKILL, `deadlineHit`) after {@link WATCH_DEADLINE_MS}.
 */
function watch(
  args: string[],
  env: Record<string, string>,
  onEvent: (events: Record<string, unknown>[]) => NodeJS.Signals | null,
): Promise<WatchRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'watch', '--json', ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: os.tmpdir(),
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
        ...env,
      },
    });
    const events: Record<string, unknown>[] = [];
    let buffered = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        events.push(JSON.parse(buffered.slice(0, nl)) as Record<string, unknown>);
        buffered = buffered.slice(nl + 1);
        const signal = sent ? null : onEvent(events);
        if (signal) {
          sent = true;
          child.kill(signal);
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    let deadlineHit = false;
    const deadline = setTimeout(() => {
      deadlineHit = true;
      child.kill('SIGKILL');
    }, WATCH_DEADLINE_MS);
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      resolve({ events, stderr, code, signal, deadlineHit });
    });
  });
}

describe('a real `minimax-jobs watch` process, SIGKILLed and restarted', () => {
  test('every finished job is announced once across the kill', async () => {
    const sim = new Simulator(); // real clock: the CLI runs in real time
    const { baseUrl } = await sim.start();
    const stateDir = await tempDir('sigkill-');
    try {
      // The first job runs long enough for the CLI's first poll to list it on a busy machine: one
      // that ends before that poll is found only by the lists' first reading, which is history.
      const first = sim.submit({ kind: 'image', durationMs: 5_000, outcome: 'succeeded', prompt: 'one' });
      const second = sim.submit({ kind: 'image', durationMs: 11_000, outcome: 'failed', prompt: 'two' });
      const third = sim.submit({ kind: 'video', durationMs: 11_500, outcome: 'moderated', prompt: 'three' });
      const env = { USEAPI_TOKEN: sim.token };
      const args = ['--api-base', baseUrl, '--state-dir', stateDir];

      // Run 1: dies by SIGKILL right after announcing the first job (no chance to save on exit).
      const run1 = await watch(args, env, (events) =>
        events.some((e) => e.type === 'job-finished' && e.id === first) ? 'SIGKILL' : null,
      );
      assert.ok(!run1.deadlineHit, `run 1 announced the first job in time:\n${run1.stderr}`);
      assert.equal(run1.signal, 'SIGKILL');
      assert.ok(existsSync(path.join(stateDir, 'ledger.json')), 'the ledger was saved before the kill');

      // The other two end while nothing watches.
      for (let waited = 0; sim.runningIds().length > 0 && waited < 20_000; waited += 100) {
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(sim.runningIds().length, 0);

      // Run 2: announces exactly the two it had not announced, then stops cleanly.
      const run2 = await watch(args, env, (events) =>
        events.filter((e) => e.type === 'job-finished').length >= 2 ? 'SIGINT' : null,
      );
      assert.ok(!run2.deadlineHit, `run 2 announced the other two in time:\n${run2.stderr}`);
      assert.equal(run2.code, 0, run2.stderr);
      const all = [...run1.events, ...run2.events].filter((e) => e.type === 'job-finished');
      const truth = new Map(sim.groundTruth().map((t) => [t.id, t.outcome]));
      assert.deepEqual(
        all.map((e) => e.id).sort(),
        [first, second, third].sort(),
        'each finished job announced exactly once',
      );
      for (const e of all) assert.equal(e.outcome, truth.get(String(e.id)), `outcome of ${String(e.id)}`);
      assert.ok(!run2.events.some((e) => e.type === 'job-started'), 'nothing reported as started again');
      rows.push({
        scenario: 'real CLI process SIGKILLed, restarted',
        serverRequests: sim.stats().requests,
        attempts: sim.stats().requests,
        truth: truth.size,
        expected: 3,
        seen: all.length,
        duplicates: all.length - new Set(all.map((e) => e.id)).size,
        wrongOutcomes: all.filter((e) => e.outcome !== truth.get(String(e.id))).length,
        errorEvents: [...run1.events, ...run2.events].filter((e) => e.type === 'error').length,
        recoveredEvents: [...run1.events, ...run2.events].filter((e) => e.type === 'recovered').length,
        earlyRequests: '—',
      });
    } finally {
      await sim.stop();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

// ---- the tray app: its electron-store settings file damaged between runs ---------------------

describe('the tray app with a damaged settings file (main process on the electron double)', () => {
  const defaults = defaultSettings();
  // The window's settings leave out the mute deadline and the per-account modes (shown per account).
  const { mutedUntilMs: _muted, accountModes: _modes, ...defaultView } = defaults;
  /** File content, and the settings the window must show afterwards. */
  const variants: Record<string, { content: string | Buffer; expected: SettingsView }> = {
    'binary garbage': {
      content: Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x22, 0x80, 0xc3, 0x28, 0x0a]),
      expected: defaultView,
    },
    'truncated JSON': {
      content: '{\n\t"apiBaseUrl": "https://api.useapi.net/v1/minimax",\n\t"pollingMode": "fix',
      expected: defaultView,
    },
    'empty file': { content: '', expected: defaultView },
    'wrong types next to valid values': {
      content: JSON.stringify({
        pollingMode: 'fixed',
        fixedIntervalMs: 'fast',
        notifyOn: 5,
        hidePrompts: 'yes',
        startAtLogin: true,
        mutedUntilMs: 'never',
        apiBaseUrl: 42,
      }),
      expected: { ...defaultView, pollingMode: 'fixed', startAtLogin: true },
    },
  };
  for (const [variant, { content, expected }] of Object.entries(variants)) {
    test(`settings.json ${variant}: the app starts on defaults, polls, and announces every job once`, async () => {
      freshDouble();
      const clock = new FakeClock(T0);
      const sim = new Simulator({ clock });
      const { baseUrl } = await sim.start();
      const userData = await tempDir('faults-settings-');
      writeFileSync(path.join(userData, 'settings.json'), content);
      const keychain = new MemoryStore();
      await keychain.set(sim.token);
      sim.submit({ kind: 'video', durationMs: 3 * MIN, outcome: 'succeeded', finalLagMs: 15_000 });
      sim.submit({ kind: 'image', durationMs: 40_000, outcome: 'moderated', removed: true });
      sim.submit({ kind: 'video', durationMs: 5 * MIN, outcome: 'failed', startAtMs: T0 + 2 * MIN });
      const handle = await bootOnDouble({
        env: {
          MINIMAX_TRAY_USER_DATA: userData,
          MINIMAX_TRAY_API_BASE: baseUrl,
          MINIMAX_TRAY_TEST_HOOKS: '1',
        },
        argv: ['electron', '.', '--hidden'],
        platform: 'linux',
        trayHost: { available: true, reason: 'test' },
        keychain,
        clock,
        consoleLog: false,
      });
      assert.ok(handle?.hooks);
      try {
        const monitor = (handle.controller as unknown as { monitor: JobMonitor | null }).monitor;
        assert.ok(monitor, 'the controller built its monitor');
        const events: MonitorEvent[] = [];
        monitor.subscribe((batch) => events.push(...batch));
        const settle = async () => {
          await monitor.whenIdle();
          await new Promise((r) => setTimeout(r, 1));
        };
        await clock.advance(15 * MIN, settle);

        const view = (await invokeIpc('app:get-view', undefined, { senderUrl: RENDERER_URL })) as ViewModel;
        assert.deepEqual(
          view.settings,
          expected,
          'damaged values are back at their defaults, valid ones kept',
        );
        assert.equal(view.status.error, null);
        assert.equal(monitor.snapshot().lastError, null);
        assert.ok(monitor.snapshot().nextPollMs !== null, 'still polling');
        assert.ok(
          readdirSync(userData).some((f) => f.startsWith('settings.json.corrupt-')),
          'the damaged file is kept',
        );
        const settingsNow: unknown = JSON.parse(readFileSync(path.join(userData, 'settings.json'), 'utf8'));
        assert.equal(typeof settingsNow, 'object', 'settings.json is valid JSON again');
        const log = readFileSync(path.join(doubleConfig.pathsRoot, 'logs', 'main.log'), 'utf8');
        assert.match(log, /settings: .*(damaged|invalid|reset)/i, 'the damage is logged');

        const finished = events.filter((e): e is JobFinishedEvent => e.type === 'job-finished');
        const c = compareWithTruth(
          sim.groundTruth(),
          sim.requestLog(),
          finished.map((e) => ({ id: e.job.id, outcome: e.job.outcome })),
        );
        const notified = handle.hooks.notifications().flatMap((n) => n.jobIds);
        assert.deepEqual([...notified].sort(), c.visible.map((t) => t.id).sort(), 'one notification per job');
        rows.push({
          scenario: `tray app, settings.json ${variant}`,
          serverRequests: sim.stats().requests,
          attempts: monitor.snapshot().requestCount,
          truth: c.truth.length,
          expected: c.visible.length,
          seen: c.seen.length,
          duplicates: c.duplicated.length,
          wrongOutcomes: c.wrongOutcome.length,
          errorEvents: events.filter((e) => e.type === 'error').length,
          recoveredEvents: events.filter((e) => e.type === 'recovered').length,
          earlyRequests: '—',
        });
        assert.equal(c.truth.length, 3);
        assertMatchesTruth(c, `settings.json ${variant}`);
      } finally {
        await handle.quit();
        await sim.stop();
        rmSync(userData, { recursive: true, force: true });
      }
    });
  }
});
