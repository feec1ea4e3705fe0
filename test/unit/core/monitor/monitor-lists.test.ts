// The monitor with the per-account lists (website jobs, jobs finished while away), on a fake API
// and a fake clock: what is announced, what is history, and how the list requests are sequenced.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../../../main/core/api/errors.ts';
import { DEFAULT_POLLING, type MonitorOptions } from '../../../../main/core/monitor/job-monitor.ts';
import { DEFAULT_RECONCILE } from '../../../../main/core/scheduler/reconcile-policy.ts';
import type { ListedJob } from '../../../../main/core/types.ts';
import { FakeApi, T0, account, job, listed, monitorRig, succeeded, warnLogger } from '../fakes.ts';
import type { Recorder } from '../fakes.ts';

const MIN = 60_000;
/** Idle: the next poll comes after this long. */
const IDLE_POLL_MS = DEFAULT_POLLING.idleIntervalMs;
const VIDEOS = '222222 video';
const IMAGES = '222222 image';

function setup(opts: Partial<MonitorOptions> = {}, api = new FakeApi()) {
  if (api.accounts.length === 0) api.accounts = [account()];
  return monitorRig(api, opts);
}

/** Sets what the video list holds, newest first. */
function videos(api: FakeApi, ...items: ListedJob[]): void {
  api.lists.set(VIDEOS, items);
}

function started(rec: Recorder): string[] {
  return rec.ofType('job-started').map((e) => `${e.job.id.split(':').at(-1)} ${e.job.source}`);
}

function finished(rec: Recorder): string[] {
  return rec
    .ofType('job-finished')
    .map((e) => `${e.job.id.split(':').at(-1)} ${e.job.source} ${e.job.outcome}`);
}

describe('JobMonitor with the account lists', () => {
  test('first reconcile: finished items are history, never announced; running ones count as started', async () => {
    const { api, monitor, rec, start } = setup();
    const history = Array.from({ length: 40 }, (_, i) => listed(String(100 - i), 'video', 'succeeded'));
    videos(api, listed('101'), ...history);
    api.lists.set(IMAGES, [listed('7', 'image', 'failed')]);
    await start();
    assert.deepEqual(api.calls.slice(0, 5), [
      'scheduler',
      'accounts',
      `list ${VIDEOS}`,
      'scheduler',
      `list ${IMAGES}`,
    ]);
    assert.equal(api.listCalls.length, 2, 'a first reconcile reads one page per list');
    assert.deepEqual(
      started(rec),
      ['101 website'],
      'announced by the poll right after the list: the scheduler does not list it either',
    );
    assert.deepEqual(finished(rec), [], 'no history announced');
    const snap = monitor.snapshot();
    assert.deepEqual(
      snap.running.map((j) => [j.id.split(':').at(-1), j.source]),
      [['101', 'website']],
      'the running list (and the tray count) includes website jobs',
    );
    assert.deepEqual(snap.history, [], '"recently finished" is not filled with old items of unknown end');
    await monitor.stop();
  });

  test('a website job is announced once when final, with its outcome decided as for API jobs', async () => {
    const { api, monitor, rec, advance, start } = setup();
    videos(api, listed('101'));
    await start();
    await advance(IDLE_POLL_MS);
    assert.deepEqual(started(rec), ['101 website']);
    videos(api, listed('101', 'video', 'moderated'));
    await advance(DEFAULT_RECONCILE.websiteRefreshMs);
    assert.deepEqual(finished(rec), ['101 website moderated']);
    await advance(3 * 3_600_000);
    assert.deepEqual(finished(rec), ['101 website moderated'], 'announced once');
    assert.equal(monitor.snapshot().running.length, 0);
    assert.equal(monitor.snapshot().history[0]?.source, 'website');
    await monitor.stop();
  });

  test('after the first reconcile: a new final item is announced finished only, an old one not at all', async () => {
    const { api, monitor, rec, advance, start } = setup();
    videos(api, listed('100', 'video', 'succeeded'));
    await start();
    videos(
      api,
      listed('102', 'video', 'failed'),
      listed('100', 'video', 'succeeded'),
      listed('99', 'video', 'succeeded'),
    );
    monitor.reconcileNow();
    await advance(1_000);
    assert.deepEqual(finished(rec), ['102 website failed']);
    assert.deepEqual(started(rec), [], 'already final: no job-started');
    const [event] = rec.ofType('job-finished');
    assert.match(
      event?.job.id ?? '',
      /^user:1111-minimax:222222-video:102$/,
      'the full videoId, not the bare id',
    );
    await monitor.stop();
  });

  test('pages are followed until they reach what the ledger covers (35 new items)', async () => {
    const { api, monitor, rec, advance, start } = setup();
    videos(api, listed('100', 'video', 'succeeded'));
    await start();
    const fresh = Array.from({ length: 35 }, (_, i) => listed(String(135 - i), 'video', 'succeeded'));
    videos(api, ...fresh, listed('100', 'video', 'succeeded'));
    api.listCalls = [];
    monitor.reconcileNow();
    await advance(1_000);
    assert.deepEqual(api.listCalls, [`${VIDEOS} -`, `${VIDEOS} ${listed('106').id}`, `${IMAGES} -`]);
    assert.equal(rec.ofType('job-finished').length, 35);
    await monitor.stop();
  });

  test('a job awaiting its result is settled by the list, without its own status request', async () => {
    const { api, monitor, rec, advance, start } = setup();
    const a = job('50');
    api.list = [a];
    videos(api);
    await start();
    api.list = [];
    api.statuses.set(a.id, (id) => {
      throw new ApiError('server-busy', `busy ${id}`, { status: 502 });
    });
    videos(api, listed('50', 'video', 'succeeded'));
    api.statuses.clear();
    await advance(5_000); // vanishes: the status check says "processing"
    assert.deepEqual(finished(rec), []);
    monitor.reconcileNow();
    await advance(1);
    assert.deepEqual(finished(rec), ['50 api succeeded'], 'an API job keeps its source');
    const checks = api.statusCalls.length;
    await advance(10 * MIN);
    assert.equal(api.statusCalls.length, checks, 'no more re-checks');
    await monitor.stop();
  });

  test('a website job that the scheduler lists becomes an API job, not announced again', async () => {
    const { api, monitor, rec, advance, start } = setup();
    videos(api, listed('101'));
    await start();
    await advance(IDLE_POLL_MS);
    assert.deepEqual(started(rec), ['101 website']);
    const j = { ...job('101'), startedMs: T0 };
    api.list = [j];
    await advance(IDLE_POLL_MS);
    assert.deepEqual(started(rec), ['101 website'], 'not started twice');
    assert.equal(monitor.snapshot().running[0]?.source, 'api');
    api.list = [];
    api.statuses.set(j.id, succeeded(j.id));
    videos(api, listed('101', 'video', 'succeeded'));
    await advance(IDLE_POLL_MS);
    assert.deepEqual(finished(rec), ['101 api succeeded']);
    await monitor.stop();
  });

  test('websiteJobs off: no GET /accounts and no list request at all', async () => {
    const { api, monitor, advance, start } = setup({ websiteJobs: false });
    videos(api, listed('101'));
    api.list = [job('a')];
    await start();
    await advance(6 * 3_600_000);
    monitor.reconcileNow();
    monitor.pause('sleep');
    monitor.resume('sleep');
    await advance(IDLE_POLL_MS);
    assert.equal(api.accountCalls, 0);
    assert.deepEqual(api.listCalls, []);
    assert.ok(api.schedulerCalls > 10);
    await monitor.stop();
  });

  test('a running item the next poll lists is an API job that started after the poll: announced as such', async () => {
    const { api, monitor, rec, advance, start } = setup();
    videos(api, listed('101'));
    // It starts through the API after the first poll; the lists see it before the scheduler does.
    const listVideos = api.listVideos.bind(api);
    api.listVideos = async (page) => {
      const items = await listVideos(page);
      api.list = [{ ...job('101'), startedMs: T0 }];
      return items;
    };
    await start();
    await advance(IDLE_POLL_MS);
    assert.deepEqual(started(rec), ['101 api'], 'never announced as a website job');
    await monitor.stop();
  });

  test('turned off, website jobs are dropped; turned on again the lists start with history', async () => {
    const { api, monitor, rec, advance, start } = setup();
    videos(api, listed('101'));
    await start();
    monitor.setWebsiteJobs(false);
    assert.equal(monitor.snapshot().running.length, 0, 'the window and tray drop them');
    videos(api, listed('102', 'video', 'succeeded'), listed('101', 'video', 'succeeded'));
    await advance(2 * 3_600_000);
    const calls = api.listCalls.length;
    monitor.setWebsiteJobs(true);
    await advance(1_000);
    assert.ok(api.listCalls.length > calls);
    assert.deepEqual(finished(rec), [], 'what finished while off is history');
    await monitor.stop();
  });

  test('a user action queued during a reconcile goes before the remaining list requests', async () => {
    const api = new FakeApi();
    api.accounts = ['1', '2', '3', '4', '5'].map((id) => account(id));
    const { monitor, start } = setup({}, api);
    const a = job('a');
    api.list = [a];
    let stop: Promise<boolean> | null = null;
    monitor.subscribe((events) => {
      if (stop === null && events.some((e) => e.type === 'jobs')) stop = monitor.stopTracking(a.id);
    });
    await start();
    assert.equal(await stop, true);
    const order = api.calls.filter((c) => c === 'scheduler' || c.startsWith('stop') || c.startsWith('list'));
    assert.equal(order[0], 'scheduler');
    assert.equal(order[1], `stop ${a.id}`, 'the user does not wait behind ten list requests');
    assert.equal(order.filter((c) => c.startsWith('list')).length, 10, 'one request per run, all of them');
    await monitor.stop();
  });

  test('a Retry-After on a list request holds back the poll too, and the lists are read again later', async () => {
    const { api, clock, monitor, advance, start } = setup();
    api.list = [job('a')];
    const retryAtMs = T0 + 40_000;
    api.listErrors.push(new ApiError('rate-limited', 'slow down', { status: 429, retryAtMs }));
    await start();
    const polls = api.schedulerCalls;
    await advance(retryAtMs - clock.now() - 1);
    assert.equal(api.schedulerCalls, polls, 'no poll before the list request’s Retry-After');
    await advance(1);
    assert.equal(api.schedulerCalls, polls + 1);
    assert.equal(monitor.snapshot().lastError, null, 'a failed list request is not a failed poll');
    const lists = api.listCalls.length;
    await advance(2 * MIN);
    assert.ok(api.listCalls.length > lists, 'retried after the reconcile backoff');
    await monitor.stop();
  });

  test('lists that keep failing are said once, with the reason; a new run of failures is said again', async () => {
    const logger = warnLogger();
    const { api, monitor, advance, start } = setup({ logger });
    api.list = [job('a')];
    const down = () => new ApiError('server-busy', 'HTTP 500 from the server', { status: 500 });
    api.listErrors.push(down(), down(), down());
    await start();
    await advance(10 * MIN); // the first reconcile and two retries (1 min, then 2 min later) fail
    assert.ok(api.listErrors.length === 0, 'all three failures were used');
    const said = logger.warnings.filter((w) => w.includes('account lists could not be read'));
    assert.equal(said.length, 1, logger.warnings.join('\n'));
    assert.match(said[0]!, /server-busy: HTTP 500 from the server/);
    assert.match(said[0]!, /in 1 min/);
    await advance(2 * 60 * MIN); // read successfully since
    api.listErrors.push(down());
    monitor.reconcileNow();
    await advance(MIN);
    assert.equal(logger.warnings.filter((w) => w.includes('account lists could not be read')).length, 2);
    await monitor.stop();
  });

  test('the lists are read again right after recovery and on resume from sleep', async () => {
    const { api, monitor, advance, start } = setup();
    await start();
    api.schedulerErrors.push(new ApiError('network', 'down'));
    await advance(IDLE_POLL_MS);
    const before = api.listCalls.length;
    await advance(IDLE_POLL_MS);
    assert.equal(api.listCalls.length, before + 2, 'one reconcile after the recovered poll');
    monitor.pause('sleep');
    await advance(10 * MIN);
    const asleep = api.listCalls.length;
    monitor.resume('sleep');
    await advance(1);
    assert.equal(api.listCalls.length, asleep + 2, 'one reconcile on resume');
    await monitor.stop();
  });

  test('a burst in an empty queue and its end each call for the lists (website jobs come in bursts too)', async () => {
    const { api, monitor, advance, start } = setup();
    await start();
    await advance(19 * MIN);
    monitor.reconcileNow(); // the timed reconcile is then 15 min away
    await advance(MIN);
    const quiet = api.listCalls.length;
    const a = job('a', 'video', T0 + 20 * MIN);
    api.list = [a];
    await advance(3 * MIN); // seen at the next idle poll, the lists read 30 s later
    assert.ok(api.listCalls.length >= quiet + 2, 'read half a minute after the burst began');
    const during = api.listCalls.length;
    api.list = [];
    api.statuses.set(a.id, succeeded(a.id));
    await advance(IDLE_POLL_MS);
    assert.ok(api.listCalls.length >= during + 2, 'read again soon after the queue emptied');
    await monitor.stop();
  });

  test('restart: a website job that finished while stopped is announced once, nothing twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'monitor-lists-'));
    try {
      const ledgerPath = join(dir, 'ledger.json');
      const first = setup({ ledgerPath });
      videos(first.api, listed('101'), listed('100', 'video', 'succeeded'));
      await first.start();
      await first.advance(IDLE_POLL_MS);
      assert.deepEqual(started(first.rec), ['101 website']);
      await first.monitor.stop();

      const api = new FakeApi();
      videos(
        api,
        listed('102', 'video', 'failed'),
        listed('101', 'video', 'succeeded'),
        listed('100', 'video', 'succeeded'),
      );
      const second = setup({ ledgerPath }, api);
      await second.start();
      assert.deepEqual(finished(second.rec), ['102 website failed', '101 website succeeded']);
      assert.deepEqual(started(second.rec), []);
      await second.monitor.stop();

      const third = setup({ ledgerPath }, api);
      await third.start();
      await third.advance(IDLE_POLL_MS);
      assert.deepEqual(finished(third.rec), [], 'nothing announced twice across restarts');
      await third.monitor.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
