// The monitor watching only some MiniMax accounts (the `accounts` option, the CLI's `--account`),
// over real HTTP against the simulator (accounts 100001 and 100002) on a FakeClock: what is
// announced, which requests are made, and what the ledger keeps of the accounts not watched.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UseapiClient } from '../../../../main/core/api/client.ts';
import { FakeClock } from '../../../../main/core/clock.ts';
import { JobMonitor } from '../../../../main/core/monitor/job-monitor.ts';
import {
  Simulator,
  type SimRequestRecord,
  type SimulatorOptions,
} from '../../../../main/core/simulator/index.ts';
import type { MonitorEvent } from '../../../../main/core/types.ts';

const T0 = Date.UTC(2026, 4, 1, 10);
const MIN = 60_000;
const HOUR = 60 * MIN;
const WATCHED = '100001';
const OTHER = '100002';

/** A simulator on a FakeClock, and monitors over HTTP against it, all stopped after the test. */
async function rig(simOptions: Omit<SimulatorOptions, 'clock'> = {}) {
  const clock = new FakeClock(T0);
  const sim = new Simulator({ ...simOptions, clock });
  const { baseUrl } = await sim.start();
  const dir = await mkdtemp(join(tmpdir(), 'monitor-accounts-'));
  const ledgerPath = join(dir, 'ledger.json');
  const warnings: string[] = [];
  const monitors: JobMonitor[] = [];
  const watch = async (accounts: readonly string[] | null) => {
    const events: MonitorEvent[] = [];
    const monitor = new JobMonitor({
      api: new UseapiClient({ apiBase: baseUrl, token: sim.token, now: () => clock.now() }),
      clock,
      ledgerPath,
      accounts,
      random: () => 0.5,
      logger: { debug() {}, info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
    });
    monitors.push(monitor);
    monitor.subscribe((batch) => events.push(...batch));
    await monitor.start();
    return { monitor, events, run: (ms: number) => clock.advance(ms, () => monitor.whenIdle()) };
  };
  const close = async () => {
    for (const m of monitors) await m.stop();
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  };
  return { clock, sim, ledgerPath, warnings, watch, close };
}

/** Every job id an event carries (`jobs` lists too). */
function idsIn(events: readonly MonitorEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.type === 'jobs') for (const j of e.jobs) ids.add(j.id);
    if (e.type === 'job-started' || e.type === 'job-finished') ids.add(e.job.id);
  }
  return ids;
}

/** The GET /videos/ and GET /images/ (list) requests the simulator received. */
function listRequests(sim: Simulator): SimRequestRecord[] {
  return sim.requestLog().filter((q) => q.route === 'GET /videos/' || q.route === 'GET /images/');
}

function announced(events: readonly MonitorEvent[], type: 'job-started' | 'job-finished'): string[] {
  return events.flatMap((e) => (e.type === type ? [e.job.id] : []));
}

describe('JobMonitor watching some accounts (over HTTP, the simulator)', { timeout: 60_000 }, () => {
  let r: Awaited<ReturnType<typeof rig>>;
  before(async () => {
    r = await rig();
  });
  after(() => r.close());

  test("the other account's jobs are never announced, listed, status-checked or list-read", async () => {
    const { sim } = r;
    const mine = sim.submit({ kind: 'video', durationMs: 3 * MIN, outcome: 'succeeded', account: WATCHED });
    const theirs = sim.submit({ kind: 'video', durationMs: 3 * MIN, outcome: 'failed', account: OTHER });
    const { run, events } = await r.watch([WATCHED]);
    await run(MIN);
    // Website jobs start once the lists have a baseline (the first reconcile is history).
    const myWeb = sim.submit({
      kind: 'image',
      durationMs: 5 * MIN,
      outcome: 'succeeded',
      account: WATCHED,
      source: 'website',
    });
    const theirWeb = sim.submit({
      kind: 'image',
      durationMs: 5 * MIN,
      outcome: 'moderated',
      account: OTHER,
      source: 'website',
    });
    await run(2 * HOUR);

    assert.deepEqual(announced(events, 'job-started').sort(), [mine, myWeb].sort());
    assert.deepEqual(announced(events, 'job-finished').sort(), [mine, myWeb].sort());
    const seen = idsIn(events);
    assert.ok(!seen.has(theirs) && !seen.has(theirWeb), 'no event, `jobs` lists included, names them');

    const log = sim.requestLog();
    const lists = listRequests(sim);
    assert.ok(lists.length >= 4, 'the lists were read');
    assert.deepEqual(
      [...new Set(lists.map((q) => new URL(q.url, 'http://x').searchParams.get('account')))],
      [WATCHED],
      `list requests: ${lists.map((q) => q.url).join(' ')}`,
    );
    const checks = log.filter((q) => q.route === 'GET /videos/{id}' || q.route === 'GET /images/{id}');
    assert.ok(checks.length > 0, 'the watched job was checked');
    for (const q of checks)
      assert.ok(decodeURIComponent(q.url).includes(`minimax:${WATCHED}-`), `status check ${q.url}`);
    assert.deepEqual(r.warnings, [], 'both accounts given are known: no warning');
  });
});

describe('JobMonitor watching some accounts: the ledger and unknown accounts', { timeout: 60_000 }, () => {
  test("a watch of one account keeps the other's records; a later watch of all announces them once", async () => {
    const r = await rig();
    try {
      const { sim } = r;
      const mine = sim.submit({
        kind: 'video',
        durationMs: 10 * MIN,
        outcome: 'succeeded',
        account: WATCHED,
      });
      const theirs = sim.submit({ kind: 'video', durationMs: 10 * MIN, outcome: 'failed', account: OTHER });
      const all = await r.watch(null);
      await all.run(MIN);
      assert.deepEqual(announced(all.events, 'job-started').sort(), [mine, theirs].sort());
      await all.monitor.stop();

      // Both finish while only one account is watched.
      const one = await r.watch([WATCHED]);
      await one.run(30 * MIN);
      assert.deepEqual(announced(one.events, 'job-finished'), [mine]);
      assert.ok(!idsIn(one.events).has(theirs));
      await one.monitor.stop();
      const ledger = JSON.parse(await readFile(r.ledgerPath, 'utf8')) as {
        running: { job: { id: string } }[];
      };
      assert.deepEqual(
        ledger.running.map((x) => x.job.id),
        [theirs],
        'the other account’s job is still recorded as running, as it was',
      );

      const again = await r.watch(null);
      await again.run(5 * MIN);
      const finished = again.events.flatMap((e) => (e.type === 'job-finished' ? [e.job] : []));
      assert.deepEqual(
        finished.map((j) => [j.id, j.outcome]),
        [[theirs, 'failed']],
        'announced once, by the watch that covers it; the first job is not announced again',
      );
      assert.deepEqual(announced(again.events, 'job-started'), [], 'nothing is started twice');
    } finally {
      await r.close();
    }
  });

  test('an account GET /accounts does not list gets one warning, repeated only when the facts change', async () => {
    const r = await rig();
    try {
      const { run } = await r.watch([WATCHED, '999999', WATCHED]);
      await run(3 * HOUR); // GET /accounts is read again every hour
      const accountsRequests = r.sim.requestLog().filter((q) => q.route === 'GET /accounts').length;
      assert.ok(accountsRequests >= 3, `GET /accounts ×${accountsRequests}`);
      assert.deepEqual(r.warnings, [
        "monitor: MiniMax account 999999 is not among this token's accounts (GET /accounts lists 100001, 100002): no jobs will show up for it.",
      ]);
    } finally {
      await r.close();
    }
  });

  test('only unknown accounts: the warning says nothing will show up, and no list is read', async () => {
    const r = await rig();
    try {
      r.sim.submit({ kind: 'video', durationMs: 3 * MIN, outcome: 'succeeded', account: WATCHED });
      const { run, events } = await r.watch(['999999', '888888']);
      await run(10 * MIN);
      assert.deepEqual(r.warnings, [
        "monitor: MiniMax accounts 999999, 888888 are not among this token's accounts (GET /accounts lists 100001, 100002): no jobs will show up.",
      ]);
      assert.deepEqual(idsIn(events), new Set(), 'no job at all');
      assert.deepEqual(listRequests(r.sim), [], 'no list request');
    } finally {
      await r.close();
    }
  });

  test('a broken account (listed with an `error`) is known: no warning, and its lists are not read', async () => {
    const r = await rig({ accountErrors: { [OTHER]: 'session expired' } });
    try {
      const { run } = await r.watch([OTHER]);
      await run(10 * MIN);
      assert.ok(
        r.sim.requestLog().some((q) => q.route === 'GET /accounts'),
        'GET /accounts was read',
      );
      assert.deepEqual(r.warnings, []);
      assert.deepEqual(listRequests(r.sim), [], 'no list request');
    } finally {
      await r.close();
    }
  });
});
