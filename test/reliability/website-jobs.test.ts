// Website jobs and jobs that finished while the monitor was away, over real HTTP: the simulator
// (website jobs only in the per-account lists, a finished history, `limit` and lastVideoId /
// lastImageId paging) ← UseapiClient ← JobMonitor, all on one FakeClock. Expected announcements
// come from the simulator's ground truth and its request log (harness.ts), never from the tracker.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { DEFAULT_RECONCILE } from '../../main/core/scheduler/reconcile-policy.ts';
import type { SimJobSpec, SimulatorOptions } from '../../main/core/simulator/index.ts';
import {
  assertMatchesTruth,
  faultRow,
  markdownTable,
  startRig,
  type Rig,
  type StartedRig,
} from './harness.ts';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** The routes the per-account lists use: GET /accounts and each account's two lists. */
const LIST_ROUTES = ['GET /accounts', 'GET /accounts/{account}', 'GET /videos/', 'GET /images/'];
/** A full job id as the API hands it out: `user:<n>-minimax:<account>-<kind>:<n>`. */
const FULL_ID = /^user:\d+-minimax:\d+-(video|image):\d+$/;

/** One table row per scenario (see the headers below). */
const rows: (string | number)[][] = [];
const cleanups: (() => Promise<void>)[] = [];

after(async () => {
  for (const c of cleanups.reverse()) await c();
  const headers = ['scenario', 'requests (server)', 'of which lists and accounts', 'finished (truth)'];
  headers.push('job-finished expected', 'job-finished seen', 'duplicates', 'wrong outcomes');
  console.log(`\nWebsite-job results\n\n${markdownTable(headers, rows)}\n`);
});

/** A simulator (with `sim` options) on a fresh FakeClock, a ledger in a temp dir, and a rig. */
async function setup(opts: {
  sim?: Omit<SimulatorOptions, 'clock'>;
  proxy?: boolean;
  seed: number;
}): Promise<Omit<StartedRig, 'cleanup'>> {
  const { cleanup, ...started } = await startRig({ t0: T0, prefix: 'website-jobs-', ...opts });
  cleanups.push(cleanup);
  return started;
}

/** Compares with the truth, records the table row, and fails unless they match exactly. */
function check(scenario: string, rig: Rig): ReturnType<Rig['compare']> {
  const c = rig.compare();
  const r = faultRow(scenario, rig, c);
  const lists = rig.sim.requestLog().filter((q) => LIST_ROUTES.includes(q.route)).length;
  rows.push([scenario, r.serverRequests, lists, r.truth, r.expected, r.seen, r.duplicates, r.wrongOutcomes]);
  assertMatchesTruth(c, scenario);
  return c;
}

/** job-finished events per job id, from event index `from` on. */
function finishedCounts(rig: Rig, from = 0): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of rig.events.slice(from)) {
    if (e.type === 'job-finished') counts.set(e.job.id, (counts.get(e.job.id) ?? 0) + 1);
  }
  return counts;
}

/**
 * Submits a job starting `startMin` minutes after T0 and running `durationMin` minutes (call in
 * start order: MiniMax's ids grow with time). Returns its full id.
 */
function job(
  rig: Rig,
  kind: SimJobSpec['kind'],
  startMin: number,
  durationMin: number,
  outcome: SimJobSpec['outcome'],
  more: Partial<SimJobSpec> = {},
): string {
  return rig.sim.submit({
    kind,
    startAtMs: T0 + startMin * MIN,
    durationMs: durationMin * MIN,
    outcome,
    ...more,
  });
}

/** The list requests of one route and account in the request log, from `fromMs` on. */
function listRequests(
  rig: Rig,
  route: 'GET /videos/' | 'GET /images/',
  account: string,
  fromMs = 0,
): URLSearchParams[] {
  return rig.sim
    .requestLog()
    .filter((r) => r.route === route && r.atMs >= fromMs)
    .map((r) => new URL(r.url, 'http://sim').searchParams)
    .filter((q) => q.get('account') === account);
}

describe('website jobs and jobs finished while away (simulator ← UseapiClient ← JobMonitor on a FakeClock)', () => {
  test('a website job is announced once with its outcome, source website and its full id', async () => {
    const { rig } = await setup({ seed: 51 });
    const { sim } = rig;
    const web = { source: 'website' } as const;
    const runningAtStart = job(rig, 'video', -0.5, 3, 'succeeded', { ...web, account: '100001' });
    const api = job(rig, 'video', 5, 4, 'succeeded', { account: '100002' });
    const failed = job(rig, 'video', 5, 3, 'failed', { ...web, account: '100002', finalLagMs: 20_000 });
    const moderated = job(rig, 'image', 5, 0.75, 'moderated', { ...web, account: '100001' });
    const removedImage = job(rig, 'image', 5, 1.5, 'moderated', { ...web, account: '100002', removed: true });
    const removedVideo = job(rig, 'video', 20, 2, 'moderated', { ...web, account: '100001', removed: true });
    const website = [runningAtStart, failed, moderated, removedImage, removedVideo];

    const monitor = rig.newMonitor();
    await monitor.start();
    await rig.advance(MIN);
    assert.deepEqual(
      rig.ofType('job-started').map((e) => [e.job.id, e.job.source]),
      [[runningAtStart, 'website']],
      'found running in the lists at start: counts as started',
    );
    assert.ok(
      monitor.snapshot().running.some((j) => j.id === runningAtStart),
      'the tray counts it',
    );
    await rig.advance(5 * HOUR); // long after they ended: still announced only once
    assert.deepEqual(sim.runningIds(), []);

    const truth = new Map(sim.groundTruth().map((t) => [t.id, t]));
    assert.deepEqual(
      website.map((id) => [truth.get(id)?.source, truth.get(id)?.outcome]),
      [
        ['website', 'succeeded'],
        ['website', 'failed'],
        ['website', 'moderated'],
        ['website', 'moderated'],
        ['website', 'moderated'],
      ],
    );
    assert.deepEqual(
      website.map((id) => truth.get(id)?.removed),
      [false, false, false, true, true],
    );
    const counts = finishedCounts(rig);
    for (const id of website) {
      assert.equal(counts.get(id), 1, `${id} announced once`);
      const e = rig.finished().find((f) => f.job.id === id)!;
      assert.equal(e.job.outcome, truth.get(id)?.outcome, `${id}: the simulator's outcome`);
      assert.equal(e.job.source, 'website', `${id}: the scheduler never listed it`);
      assert.match(e.job.id, FULL_ID, 'the full videoId/imageId, never the bare list id');
      assert.deepEqual([e.job.kind, e.job.account], [truth.get(id)?.kind, truth.get(id)?.account]);
    }
    const ok = rig.finished().find((f) => f.job.id === runningAtStart)!;
    assert.ok(ok.job.resultUrl !== null, 'a succeeded website job links its result');
    const startedAt = rig.events.findIndex((e) => e.type === 'job-started' && e.job.id === runningAtStart);
    assert.ok(startedAt < rig.events.indexOf(ok), 'started, then finished');
    assert.equal(rig.finished().find((f) => f.job.id === api)?.job.source, 'api');
    const c = check('website jobs: succeeded, failed, moderated, moderated + removed', rig);
    assert.equal(c.visible.length, c.truth.length, 'every finished job announced, none missed');
  });

  test('a first run whose lists hold 40 finished items per account announces none, nor do runs over the next two months; a running job is announced when final', async () => {
    const { rig } = await setup({ sim: { history: { perAccount: 40, days: 3 } }, seed: 53 });
    const { sim } = rig;
    const history = sim.historyIds();
    assert.equal(history.length, 80, '40 finished items per account already in the lists');
    const website = job(rig, 'video', -2, 6, 'failed', { source: 'website', finalLagMs: 30_000 });
    const api = job(rig, 'image', -1, 4, 'succeeded', { account: '100002' });

    const monitor = rig.newMonitor();
    await monitor.start();
    await rig.advance(MIN);
    for (const account of ['100001', '100002']) {
      for (const route of ['GET /videos/', 'GET /images/'] as const) {
        assert.ok(listRequests(rig, route, account).length >= 1, `${route} of ${account} read at start`);
      }
    }
    assert.deepEqual(rig.finished(), [], 'the first reading of the lists is history: 0 job-finished');
    assert.deepEqual(
      rig
        .ofType('job-started')
        .map((e) => e.job.id)
        .sort(),
      [website, api].sort(),
      'what is still running is not history: it counts as started',
    );
    assert.equal(monitor.snapshot().running.length, 2);

    await rig.advance(HOUR);
    const announced = rig.finished().map((e) => e.job.id);
    assert.deepEqual(
      announced.filter((id) => history.includes(id)),
      [],
      'no history item, ever',
    );
    assert.deepEqual(announced.sort(), [website, api].sort(), 'the two running at start, once final');
    assert.equal(rig.finished().find((e) => e.job.id === website)?.job.source, 'website');
    await monitor.stop();

    // Opened now and then over two months, with nothing new: the announced-id memory forgets ids
    // after 30 days while the baselines stay fresh; still nothing is announced again.
    const firstRunEvents = rig.events.length;
    for (const day of [20, 31, 45, 62]) {
      rig.clock.jump(T0 + day * DAY - rig.clock.now());
      const later = rig.newMonitor();
      await later.start();
      await rig.advance(10 * MIN);
      await later.stop();
      const again = rig.events.slice(firstRunEvents).filter((e) => e.type === 'job-finished');
      assert.deepEqual(
        again.map((e) => e.job.id),
        [],
        `day ${day}: nothing announced again`,
      );
    }
    check('first run, lists hold 40 finished items per account; 4 more runs over 2 months', rig);
  });

  test('a restart after jobs finished while stopped announces each once; a second restart announces nothing', async () => {
    const { rig } = await setup({ seed: 57 });
    const { sim } = rig;
    const web = { source: 'website' } as const;
    const runningWebsite = job(rig, 'video', -0.5, 15, 'failed', web);
    const runningApi = job(rig, 'video', 0, 20, 'succeeded');
    const before = job(rig, 'image', 1, 0.75, 'succeeded');
    // These three start and end while the monitor is stopped.
    const awayApi = job(rig, 'image', 10, 1, 'succeeded');
    const awayWebsite = job(rig, 'video', 11, 3, 'moderated', web);
    const awayRemoved = job(rig, 'image', 12, 0.75, 'moderated', { ...web, removed: true });

    const first = rig.newMonitor();
    await first.start();
    await rig.advance(5 * MIN);
    assert.deepEqual([...finishedCounts(rig).keys()], [before], 'announced before the stop');
    assert.deepEqual(
      first
        .snapshot()
        .running.map((j) => `${j.id} ${j.source}`)
        .sort(),
      [`${runningApi} api`, `${runningWebsite} website`].sort(),
    );
    await first.stop();
    await rig.advance(30 * MIN); // everything ends while nothing watches
    assert.deepEqual(sim.runningIds(), []);

    const secondFrom = rig.events.length;
    const second = rig.newMonitor();
    await second.start();
    const away = [runningWebsite, runningApi, awayApi, awayWebsite, awayRemoved];
    assert.ok(
      await rig.runUntil(() => away.every((id) => finishedCounts(rig, secondFrom).has(id)), 2 * MIN),
      'each job that finished while stopped is announced within two minutes of the restart',
    );
    await rig.advance(30 * MIN);
    await second.stop();
    assert.ok(!rig.events.slice(secondFrom).some((e) => e.type === 'job-started'), 'nothing started again');
    const sources = new Map(rig.finished().map((e) => [e.job.id, e.job.source]));
    assert.equal(sources.get(runningApi), 'api', 'the scheduler listed it before the stop');
    assert.equal(sources.get(awayApi), 'website', 'never in a scheduler poll: found only in the lists');

    const thirdFrom = rig.events.length;
    const third = rig.newMonitor();
    await third.start();
    await rig.advance(2 * HOUR);
    const again = rig.events
      .slice(thirdFrom)
      .filter((e) => e.type === 'job-finished' || e.type === 'job-started');
    assert.deepEqual(again, [], 'a second restart announces nothing');
    const c = check('restart after API and website jobs finished while stopped, restarted twice', rig);
    assert.equal(c.visible.length, c.truth.length);
  });

  test('more than one page of items while away: lastVideoId / lastImageId paging, each announced once', async () => {
    const { rig } = await setup({ sim: { history: { perAccount: 40, days: 2 } }, seed: 59 });
    const { sim } = rig;
    const first = rig.newMonitor();
    await first.start();
    await rig.advance(5 * MIN);
    await first.stop();

    // While stopped: 45 videos on one account and 33 images on the other, half API, half website.
    const videos: string[] = [];
    const images: string[] = [];
    for (let i = 0; i < 45; i++) {
      const more = { source: i % 2 ? 'website' : 'api' } as const;
      const outcome = (['succeeded', 'failed', 'moderated'] as const)[i % 3]!;
      videos.push(job(rig, 'video', 10 + 2 * i, 1.5, outcome, { ...more, account: '100001' }));
      if (i < 33) images.push(job(rig, 'image', 10.5 + 2 * i, 0.5, outcome, { ...more, account: '100002' }));
    }
    await rig.advance(2 * HOUR);
    assert.deepEqual(sim.runningIds(), []);
    assert.equal(sim.groundTruth().length, 78);

    const restartMs = rig.clock.now();
    const second = rig.newMonitor();
    await second.start();
    assert.ok(
      await rig.runUntil(() => finishedCounts(rig).size === 78, 2 * MIN),
      'all 78 announced within two minutes of the restart',
    );
    for (const [route, account, ids, param] of [
      ['GET /videos/', '100001', videos, 'lastVideoId'],
      ['GET /images/', '100002', images, 'lastImageId'],
    ] as const) {
      const pages = listRequests(rig, route, account, restartMs);
      assert.deepEqual(
        pages.map((q) => q.get('limit')),
        ['30', '30'],
        `${route} of ${account}: two pages of 30, then the baseline is reached`,
      );
      assert.ok(pages.length <= DEFAULT_RECONCILE.maxPages, 'within the paging bound');
      assert.equal(pages[0]?.get(param), null, 'the first page from the top');
      // The lists hold the newest first: the second page continues after the 30th newest.
      const thirtieth = ids.at(-30)!;
      const sent = pages[1]?.get(param) ?? '';
      assert.ok([thirtieth, thirtieth.split(':').at(-1)].includes(sent), `${param}=${sent}`);
    }
    const others = [
      listRequests(rig, 'GET /images/', '100001', restartMs),
      listRequests(rig, 'GET /videos/', '100002', restartMs),
    ];
    assert.deepEqual(
      others.map((pages) => pages.length),
      [1, 1],
      'the lists with nothing new: one page',
    );
    await rig.advance(HOUR);
    const counts = finishedCounts(rig);
    assert.deepEqual(
      [...counts.values()].filter((n) => n !== 1),
      [],
      'none announced twice',
    );
    assert.deepEqual(
      [...counts.keys()].filter((id) => sim.historyIds().includes(id)),
      [],
      'the history stays unannounced',
    );
    const c = check('78 jobs finished while stopped (2 pages per list)', rig);
    assert.equal(c.visible.length, 78);
  });

  test('websiteJobs off: no GET /accounts, /videos/ or /images/ list request at all', async () => {
    const { rig, proxy } = await setup({ proxy: true, seed: 61 });
    const { sim } = rig;
    const website = job(rig, 'video', 1, 4, 'succeeded', { source: 'website' });
    job(rig, 'video', 1, 6, 'failed');
    job(rig, 'image', 2, 0.75, 'succeeded', { finalLagMs: 20_000 });
    job(rig, 'video', 30, 20, 'moderated'); // ends while the monitor is stopped

    const first = rig.newMonitor({ websiteJobs: false });
    await first.start();
    await rig.advance(5 * MIN);
    // Every trigger of a reconcile: recovery, resume from sleep, check now, restart.
    await proxy!.down();
    await rig.advance(3 * MIN);
    await proxy!.up();
    assert.ok(await rig.runUntil(() => rig.ofType('recovered').length === 1, 6 * MIN), 'recovered');
    first.pause('sleep');
    await rig.advance(10 * MIN);
    first.resume('sleep');
    first.reconcileNow();
    await rig.advance(20 * MIN);
    await first.stop();
    await rig.advance(20 * MIN);
    const second = rig.newMonitor({ websiteJobs: false });
    await second.start();
    await rig.advance(2 * HOUR);

    const log = sim.requestLog();
    const lists = log.filter((r) => LIST_ROUTES.includes(r.route)).map((r) => r.url);
    assert.deepEqual(lists, [], 'no list or accounts request');
    assert.ok(log.filter((r) => r.route === 'GET /scheduler/').length > 30, 'polled all along');
    assert.ok(!rig.finished().some((e) => e.job.id === website), 'a website job cannot be seen');
    const c = check('websiteJobs off: outage, sleep, check now, restart', rig);
    assert.equal(
      c.visible.length,
      3,
      'the API jobs are still announced, the one that ended while stopped too',
    );
  });
});
