import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../../../main/core/api/errors.ts';
import { FakeClock } from '../../../../main/core/clock.ts';
import {
  DEFAULT_POLLING,
  JobMonitor,
  type MonitorOptions,
} from '../../../../main/core/monitor/job-monitor.ts';
import { LEDGER_VERSION } from '../../../../main/core/ledger/ledger.ts';
import { MAX_TIMER_SLICE_MS } from '../../../../main/core/scheduler/scheduler.ts';
import { isLocalStateError } from '../../../../main/core/state/local-state-error.ts';
import type { MonitorEvent } from '../../../../main/core/types.ts';
import {
  FakeApi,
  JumpyClock,
  Recorder,
  T0,
  job,
  monitorRig,
  notFound,
  status,
  succeeded,
  warnLogger,
} from '../fakes.ts';

function setup(opts: Partial<MonitorOptions> = {}, clock: FakeClock = new FakeClock(T0)) {
  return monitorRig(opts.api instanceof FakeApi ? opts.api : new FakeApi(), opts, clock);
}

function types(batch: MonitorEvent[] | undefined): string[] {
  return (batch ?? []).map((e) => e.type);
}

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'monitor-test-'));
}

describe('JobMonitor transitions', () => {
  test('first run: running jobs are started; a finished job is announced once with its result', async () => {
    const { api, monitor, rec, advance, start } = setup();
    const a = job('a');
    const b = job('b', 'image');
    api.list = [a, b];
    await start();
    assert.deepEqual(types(rec.batches[0]), ['jobs', 'job-started', 'job-started']);
    assert.equal(rec.batches.length, 1);

    api.list = [b];
    api.statuses.set(a.id, succeeded(a.id));
    await advance(DEFAULT_POLLING.activeIntervalMs);
    assert.deepEqual(types(rec.batches[1]), ['jobs', 'job-finished']);
    const [fin] = rec.ofType('job-finished');
    assert.equal(fin?.job.outcome, 'succeeded');
    assert.match(fin?.job.resultUrl ?? '', /^https:\/\/cdn\.example\//);
    assert.equal(monitor.snapshot().history[0]?.id, a.id);
    assert.deepEqual(
      monitor.snapshot().running.map((j) => j.id),
      [b.id],
    );

    // Later polls do not repeat anything.
    await advance(60_000);
    assert.deepEqual(rec.finishedIds(), [a.id]);
    assert.equal(rec.ofType('job-started').length, 2);
    await monitor.stop();
  });

  test('outcome mapping: completed, failed, moderated codes and 404 "Not found." → moderated', async () => {
    const { api, monitor, rec, advance, start } = setup();
    const [ok, bad, mod, gone] = [job('ok'), job('bad'), job('mod'), job('gone')];
    api.list = [ok, bad, mod, gone];
    await start();
    api.list = [];
    api.statuses.set(ok.id, succeeded(ok.id));
    api.statuses.set(
      bad.id,
      status(bad.id, {
        final: true,
        outcome: 'failed',
        status: 3,
        statusLabel: 'failed',
        message: 'GPU fell over',
      }),
    );
    api.statuses.set(
      mod.id,
      status(mod.id, { final: true, outcome: 'moderated', status: 7, statusLabel: 'moderated' }),
    );
    api.statuses.set(gone.id, notFound());
    await advance(5_000);
    const outcomes = Object.fromEntries(rec.ofType('job-finished').map((e) => [e.job.id, e.job]));
    assert.equal(outcomes[ok.id]?.outcome, 'succeeded');
    assert.equal(outcomes[bad.id]?.outcome, 'failed');
    assert.equal(outcomes[bad.id]?.message, 'GPU fell over');
    assert.equal(outcomes[bad.id]?.statusLabel, 'failed');
    assert.equal(outcomes[mod.id]?.outcome, 'moderated');
    assert.equal(outcomes[mod.id]?.status, 7);
    assert.equal(outcomes[gone.id]?.outcome, 'moderated');
    assert.equal(rec.batches.length, 2, 'all four in the one cycle that saw them go');
    await monitor.stop();
  });

  test('vanished but not final: re-checked on the base interval, then a growing one, until final', async () => {
    const { api, clock, monitor, rec, advance, start } = setup();
    const a = job('a');
    api.list = [a];
    await start();
    api.list = [];
    await advance(5_000); // vanishes; first check says "processing"
    assert.deepEqual(api.statusCalls, [a.id]);
    assert.deepEqual(rec.finishedIds(), []);
    const vanishedAt = clock.now();
    const checkTimes: number[] = [];
    api.statuses.set(a.id, (id) => {
      checkTimes.push(clock.now() - vanishedAt);
      return checkTimes.length < 7 ? status(id) : succeeded(id);
    });
    await advance(60_000);
    // After the check made when it vanished, six re-checks wait the base 5 s, the next 7.5 s.
    assert.deepEqual(checkTimes, [5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 37_500]);
    assert.deepEqual(rec.finishedIds(), [a.id]);
    assert.equal(rec.ofType('job-finished')[0]?.job.outcome, 'succeeded');
    const recheckBatch = rec.batches.find((b) => b.some((e) => e.type === 'job-finished'));
    assert.deepEqual(types(recheckBatch), ['job-finished'], 'a re-check cycle emits only job-finished');
    await monitor.stop();
  });

  test('gives up as unknown after maxChecks, and stops checking', async () => {
    const { api, monitor, rec, advance, start } = setup({
      recheck: { intervalMs: 5_000, maxChecks: 3, maxAgeMs: 3_600_000 },
    });
    const a = job('a');
    api.list = [a];
    await start();
    api.list = [];
    await advance(5_000);
    await advance(60_000);
    assert.equal(api.statusCalls.length, 3);
    assert.deepEqual(
      rec.ofType('job-finished').map((e) => e.job.outcome),
      ['unknown'],
    );
    await advance(600_000);
    assert.equal(api.statusCalls.length, 3);
    await monitor.stop();
  });

  test('transient errors while resolving are retried and count against the bound', async () => {
    const { api, monitor, rec, advance, start } = setup({
      recheck: { intervalMs: 5_000, maxChecks: 4, maxAgeMs: 3_600_000 },
    });
    const a = job('a');
    api.list = [a];
    await start();
    api.list = [];
    api.statuses.set(a.id, new ApiError('server-busy', 'Bad gateway', { status: 502 }));
    await advance(5_000); // vanishes: the first check fails
    await advance(5_000); // the re-check 5 s later fails too
    assert.equal(api.statusCalls.length, 2);
    api.statuses.set(a.id, succeeded(a.id));
    await advance(20_000);
    assert.deepEqual(
      rec.ofType('job-finished').map((e) => e.job.outcome),
      ['succeeded'],
    );
    assert.equal(rec.ofType('error').length, 0, 'status-check failures are not poll errors');
    await monitor.stop();
  });

  test('cancelVideo: failed → cancelled; a job that succeeded anyway stays succeeded', async () => {
    const { api, monitor, rec, advance, start } = setup();
    const [a, b] = [job('a'), job('b')];
    api.list = [a, b];
    await start();
    assert.equal(await monitor.cancelVideo(a.id), true);
    assert.equal(await monitor.cancelVideo(b.id), true);
    assert.deepEqual(api.cancelled, [a.id, b.id], 'POST /videos/cancel was sent for both');
    api.list = [];
    api.statuses.set(
      a.id,
      status(a.id, { final: true, outcome: 'failed', status: 3, statusLabel: 'failed' }),
    );
    api.statuses.set(b.id, succeeded(b.id));
    await advance(5_000);
    const out = Object.fromEntries(rec.ofType('job-finished').map((e) => [e.job.id, e.job.outcome]));
    assert.deepEqual(out, { [a.id]: 'cancelled', [b.id]: 'succeeded' });
    await monitor.stop();
  });

  test('stopTracking: DELETE sent, dropped at once, no job-finished, no status check, even if a late poll lists it', async () => {
    const { api, monitor, rec, advance, start } = setup();
    const a = job('a');
    api.list = [a];
    await start();
    assert.equal(await monitor.stopTracking(a.id), true);
    assert.deepEqual(api.stopped, [a.id]);
    assert.deepEqual(monitor.snapshot().running, []);
    await advance(5_000); // the scheduler still lists it once (DELETE raced the poll)
    api.list = [];
    await advance(60_000);
    assert.deepEqual(rec.finishedIds(), []);
    assert.equal(rec.ofType('job-started').length, 1);
    assert.deepEqual(api.statusCalls, []);
    await monitor.stop();
  });

  test('a job that reappears after vanishing (flaky list) is not announced twice', async () => {
    const { api, monitor, rec, advance, start } = setup();
    const a = job('a');
    api.list = [a];
    await start();
    api.list = [];
    await advance(5_000); // vanished, still processing
    api.list = [a];
    await advance(5_000); // back
    api.list = [];
    api.statuses.set(a.id, succeeded(a.id));
    await advance(5_000);
    api.list = [a]; // flaky again after it finished
    await advance(5_000);
    api.list = [];
    await advance(60_000);
    assert.equal(rec.ofType('job-started').length, 1);
    assert.deepEqual(rec.finishedIds(), [a.id]);
    await monitor.stop();
  });
});

describe('JobMonitor ledger and restarts', () => {
  test('jobs finishing while the app is closed are announced once at the next start, never twice', async () => {
    const dir = await tempDir();
    const ledgerPath = join(dir, 'state', 'ledger.json');
    const [a, b, c, d] = [job('a'), job('b'), job('c'), job('d', 'image')];
    const all = new Recorder();
    const savedBeforeEmit: string[] = [];
    const run = async (
      clock: FakeClock,
      list: (typeof a)[],
      statuses: [string, ReturnType<typeof succeeded>][],
    ) => {
      const s = setup({ ledgerPath }, clock);
      s.api.list = list;
      for (const [id, st] of statuses) s.api.statuses.set(id, st);
      s.monitor.subscribe((events) => {
        all.listener(events);
        for (const e of events) {
          if (e.type !== 'job-finished') continue;
          const onDisk = JSON.parse(readFileSync(ledgerPath, 'utf8')) as { history: { id: string }[] };
          if (onDisk.history.some((h) => h.id === e.job.id)) savedBeforeEmit.push(e.job.id);
        }
      });
      await s.start();
      return s;
    };
    try {
      // Session 1: a and b run; a finishes while we watch; c starts.
      const clock = new FakeClock(T0);
      let s = await run(clock, [a, b], [[a.id, succeeded(a.id)]]);
      s.api.list = [b];
      await s.advance(5_000);
      s.api.list = [b, c];
      await s.advance(5_000);
      await s.monitor.stop();
      assert.deepEqual(all.finishedIds(), [a.id]);

      // Closed for an hour: b finished, d started.
      clock.jump(3_600_000);
      s = await run(clock, [c, d], [[b.id, succeeded(b.id)]]);
      assert.deepEqual(all.finishedIds(), [a.id, b.id]);
      assert.deepEqual(
        all.ofType('job-started').map((e) => e.job.id),
        [a.id, b.id, c.id, d.id],
      );
      await s.advance(5_000);
      await s.monitor.stop();

      // Closed again: c finished. Nothing seen before is announced again.
      clock.jump(600_000);
      s = await run(clock, [d], [[c.id, succeeded(c.id)]]);
      await s.advance(60_000);
      await s.monitor.stop();
      assert.deepEqual(all.finishedIds(), [a.id, b.id, c.id]);
      assert.equal(all.ofType('job-started').length, 4);
      assert.deepEqual(
        savedBeforeEmit,
        [a.id, b.id, c.id],
        'each job-finished was on disk before it was emitted',
      );
      assert.deepEqual(
        s.monitor.snapshot().history.map((h) => h.id),
        [c.id, b.id, a.id],
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a corrupt ledger is set aside with a warning and the monitor starts empty', async () => {
    const dir = await tempDir();
    const ledgerPath = join(dir, 'ledger.json');
    try {
      await writeFile(ledgerPath, '{"version":1,"running":[{"job":{"id"');
      const logger = warnLogger();
      const { api, monitor, rec, start } = setup({ ledgerPath, logger });
      api.list = [job('a')];
      await start();
      assert.deepEqual(types(rec.batches[0]), ['jobs', 'job-started']);
      assert.equal(logger.warnings.length, 1);
      await monitor.stop();
      const files = (await readdir(dir)).sort();
      assert.equal(files.length, 2);
      assert.equal(files[0], 'ledger.json');
      assert.match(files[1] ?? '', /^ledger\.json\.corrupt-\d{8}T\d{9}Z$/);
      assert.equal(
        JSON.parse(readFileSync(ledgerPath, 'utf8')).version,
        LEDGER_VERSION,
        'a fresh ledger replaced it',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a ledger from a newer version: start refuses before any request, and the file is untouched', async () => {
    const dir = await tempDir();
    const ledgerPath = join(dir, 'ledger.json');
    try {
      const content = '{"version":99,"jobs":{}}';
      await writeFile(ledgerPath, content);
      const { api, monitor } = setup({ ledgerPath });
      await assert.rejects(monitor.start(), /newer version/);
      await monitor.stop();
      assert.equal(api.schedulerCalls + api.statusCalls.length, 0, 'nothing was polled');
      assert.deepEqual(await readdir(dir), ['ledger.json']);
      assert.equal(readFileSync(ledgerPath, 'utf8'), content);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a ledger that cannot be saved on stop makes stop() reject, saying what was lost', async () => {
    const dir = await tempDir();
    const ledgerPath = join(dir, 'ledger.json');
    try {
      const { api, monitor, start } = setup({ ledgerPath });
      api.list = [job('a')];
      await start();
      // The file's place is taken by a folder: the rename of the final save fails.
      await rm(ledgerPath);
      await mkdir(join(ledgerPath, 'blocker'), { recursive: true });
      await assert.rejects(monitor.stop(), (e: unknown) => {
        assert.ok(isLocalStateError(e));
        assert.equal(e.problem, 'save-failed');
        assert.ok(e.message.includes(ledgerPath), 'the message names the file');
        return true;
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('clearHistory empties history on disk but finished jobs are not announced again', async () => {
    const dir = await tempDir();
    const ledgerPath = join(dir, 'ledger.json');
    try {
      const a = job('a');
      let s = setup({ ledgerPath });
      s.api.list = [a];
      await s.start();
      s.api.list = [];
      s.api.statuses.set(a.id, succeeded(a.id));
      await s.advance(5_000);
      await s.monitor.clearHistory();
      assert.deepEqual(s.monitor.snapshot().history, []);
      assert.deepEqual(JSON.parse(readFileSync(ledgerPath, 'utf8')).history, []);
      await s.monitor.stop();
      s = setup({ ledgerPath });
      s.api.list = [a]; // a flaky list shows it again after the restart
      await s.start();
      assert.equal(s.rec.ofType('job-started').length, 0);
      await s.monitor.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('JobMonitor scheduling', () => {
  test('never two scheduler requests at once, however often pollNow is called', async () => {
    const { api, clock, monitor } = setup();
    api.manual = true;
    api.list = [job('a')];
    await monitor.start();
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 20; i++) monitor.pollNow();
      await clock.advance(30_000);
      assert.equal(api.waitingCount, 1);
      api.release();
      await new Promise((r) => setImmediate(r));
    }
    assert.equal(api.maxInFlight, 1);
    assert.ok(api.schedulerCalls <= 6, `${api.schedulerCalls} polls for 5 slow rounds`);
    api.manual = false;
    while (api.release());
    await monitor.stop();
  });

  test('idle with no jobs: exactly one timer armed, for the next poll', async () => {
    const { clock, monitor, advance, start } = setup();
    await start();
    assert.equal(clock.pending, 1);
    assert.equal(clock.nextDueMs(), T0 + DEFAULT_POLLING.idleIntervalMs);
    assert.equal(monitor.snapshot().nextPollMs, T0 + DEFAULT_POLLING.idleIntervalMs);
    await advance(DEFAULT_POLLING.idleIntervalMs * 10);
    assert.equal(clock.pending, 1);
    assert.equal(monitor.snapshot().pollCount, 11);
    await monitor.stop();
    assert.equal(clock.pending, 0, 'stop clears every timer');
  });

  test('a listener of a poll batch already sees when the next poll is due', async () => {
    const { api, monitor, start } = setup();
    api.list = [job('a')];
    const seen: (number | null)[] = [];
    monitor.subscribe((events) => {
      if (events.some((e) => e.type === 'jobs')) seen.push(monitor.snapshot().nextPollMs);
    });
    await start();
    assert.equal(seen.length, 1);
    const next = seen[0] ?? null;
    assert.ok(next !== null && next > T0, `next poll planned: ${String(next)}`);
    await monitor.stop();
  });

  test('adaptive pacing: 5 s while a job may finish, 30 s soon after, 120 s when idle', async () => {
    const { api, clock, monitor, advance, start } = setup();
    const a = job('a', 'video', T0 - 10 * 60_000);
    api.list = [a];
    await start();
    const gap = () => (monitor.snapshot().nextPollMs ?? 0) - (monitor.snapshot().lastPollMs ?? 0);
    assert.equal(gap(), 5_000);
    assert.equal(clock.now(), T0);
    api.list = [];
    api.statuses.set(a.id, succeeded(a.id));
    await advance(61_000);
    assert.equal(gap(), 30_000);
    await advance(3_600_000);
    assert.equal(gap(), 120_000);
    await monitor.stop();
  });

  test('progress is fetched only while wanted', async () => {
    const { api, monitor, advance, start } = setup();
    const a = job('a');
    api.list = [a];
    api.statuses.set(a.id, status(a.id, { percent: 42 }));
    await start();
    await advance(30_000);
    assert.deepEqual(api.statusCalls, []);
    assert.deepEqual(monitor.snapshot().progress, {});
    monitor.setDetailsWanted(true);
    await advance(5_000);
    assert.deepEqual(monitor.snapshot().progress, { [a.id]: 42 });
    const calls = api.statusCalls.length;
    assert.ok(calls >= 1);
    monitor.setDetailsWanted(false);
    assert.deepEqual(monitor.snapshot().progress, {});
    await advance(60_000);
    assert.equal(api.statusCalls.length, calls);
    await monitor.stop();
  });

  test('a final status seen by a progress fetch saves the check when the job leaves', async () => {
    const { api, monitor, rec, advance, start } = setup();
    const a = job('a');
    api.list = [a];
    await start();
    monitor.setDetailsWanted(true);
    api.statuses.set(a.id, succeeded(a.id));
    await advance(5_000);
    const calls = api.statusCalls.length;
    api.list = [];
    monitor.setDetailsWanted(false);
    await advance(5_000);
    assert.equal(api.statusCalls.length, calls);
    assert.equal(rec.ofType('job-finished')[0]?.job.outcome, 'succeeded');
    await monitor.stop();
  });

  test('garbage from the client is an error with backoff, not a crash; bad items are skipped', async () => {
    const { api, monitor, rec, advance, start } = setup();
    const real = api.listScheduler.bind(api);
    let answer: unknown = { not: 'a list' };
    api.listScheduler = async () => {
      await real();
      return answer as never;
    };
    await start();
    assert.equal(rec.ofType('error')[0]?.reason, 'bad-response');
    answer = [{ id: 42 }, null, job('ok')];
    await advance(10_000);
    assert.deepEqual(
      monitor.snapshot().running.map((j) => j.id),
      [job('ok').id],
    );
    assert.equal(rec.ofType('recovered').length, 1);
    await monitor.stop();
  });

  test('failed polls back off exponentially with jitter; recovered after the first success', async () => {
    const { api, monitor, rec, advance, start } = setup({ random: () => 0.999 });
    api.list = [job('a')];
    await start();
    for (let i = 0; i < 5; i++) api.schedulerErrors.push(new ApiError('network', 'connect ECONNREFUSED'));
    await advance(5_000 + 5_000 + 10_000 + 20_000 + 40_000 + 80_000);
    const errors = rec.ofType('error');
    assert.equal(errors.length, 5);
    const waits = errors.map((e) => Math.round(((e.retryAtMs ?? 0) - Date.parse(e.at)) / 1000));
    assert.deepEqual(waits, [5, 10, 20, 40, 80]);
    assert.deepEqual(types(rec.batches.at(-1)), ['recovered', 'jobs']);
    assert.equal(rec.ofType('recovered')[0]?.after, 'network');
    assert.deepEqual(
      monitor.snapshot().running.map((j) => j.id),
      [job('a').id],
      'last known list kept',
    );
    assert.equal(monitor.snapshot().staleSinceMs, null);
    await monitor.stop();
  });

  test('Retry-After: no request before it, not even on pollNow; list kept and marked stale', async () => {
    const { api, clock, monitor, rec, advance, start } = setup();
    api.list = [job('a')];
    await start();
    const retryAtMs = T0 + 5_000 + 90_000;
    api.schedulerErrors.push(new ApiError('rate-limited', 'Too many requests', { status: 429, retryAtMs }));
    await advance(5_000);
    const [err] = rec.ofType('error');
    assert.equal(err?.retryAtMs, retryAtMs);
    assert.equal(monitor.snapshot().staleSinceMs, T0);
    assert.equal(monitor.snapshot().running.length, 1);
    const calls = api.schedulerCalls;
    monitor.pollNow();
    await advance(retryAtMs - clock.now() - 1);
    assert.equal(api.schedulerCalls, calls);
    await advance(1);
    assert.equal(api.schedulerCalls, calls + 1);
    assert.equal(rec.ofType('recovered').length, 1);
    await monitor.stop();
  });

  test('401 stops polling and is reported once, until setApi() with a new token', async () => {
    const { api, clock, monitor, rec, advance, start } = setup();
    api.schedulerErrors.push(new ApiError('unauthorized', 'Unauthorized', { status: 401 }));
    await start();
    assert.deepEqual(types(rec.batches[0]), ['error']);
    assert.equal(rec.ofType('error')[0]?.retryAtMs, null);
    await advance(3 * 3_600_000);
    assert.equal(api.schedulerCalls, 1);
    assert.equal(clock.pending, 0);
    assert.equal(monitor.snapshot().nextPollMs, null);
    assert.equal(rec.ofType('error').length, 1);

    const fresh = new FakeApi();
    fresh.list = [job('z')];
    monitor.setApi(fresh);
    await monitor.whenIdle();
    assert.equal(fresh.schedulerCalls, 1);
    assert.deepEqual(types(rec.batches.at(-1)), ['recovered', 'jobs', 'job-started']);
    assert.equal(rec.ofType('recovered')[0]?.after, 'unauthorized');
    assert.equal(clock.pending, 1);
    await monitor.stop();
  });

  test('setApi while a poll is in flight: the old answer is discarded and the new client polls', async () => {
    const { api, monitor, rec } = setup();
    api.manual = true;
    api.list = [job('old')];
    await monitor.start();
    const fresh = new FakeApi();
    fresh.list = [job('new')];
    monitor.setApi(fresh);
    api.release();
    await monitor.whenIdle();
    assert.equal(api.maxInFlight + fresh.maxInFlight, 2, 'one at a time each, never overlapping');
    assert.deepEqual(
      rec.ofType('job-started').map((e) => e.job.id),
      [job('new').id],
    );
    await monitor.stop();
  });

  test('pause stops every timer; resume polls at once', async () => {
    const { api, clock, monitor, advance, start } = setup();
    await start();
    monitor.pause();
    assert.equal(clock.pending, 0);
    assert.equal(monitor.snapshot().nextPollMs, null);
    await advance(3_600_000);
    assert.equal(api.schedulerCalls, 1);
    monitor.resume();
    await monitor.whenIdle();
    assert.equal(api.schedulerCalls, 2);
    assert.equal(clock.pending, 1);
    await monitor.stop();
  });

  test('after a sleep the poll comes promptly, not a whole backoff later', async () => {
    const fake = new FakeClock(T0);
    const clock = new JumpyClock(fake);
    const api = new FakeApi();
    const monitor = new JobMonitor({ api, clock, ledgerPath: null, random: () => 0.999 });
    await monitor.start();
    await monitor.whenIdle();
    // A long Retry-After, then the machine sleeps for two hours (timers stand still).
    api.schedulerErrors.push(
      new ApiError('rate-limited', 'Too many requests', { status: 429, retryAtMs: clock.now() + 3_600_000 }),
    );
    await fake.advance(DEFAULT_POLLING.idleIntervalMs, () => monitor.whenIdle());
    assert.equal(api.schedulerCalls, 2);
    clock.wallJump(2 * 3_600_000);
    await fake.advance(MAX_TIMER_SLICE_MS, () => monitor.whenIdle());
    assert.equal(api.schedulerCalls, 3);
    await monitor.stop();
  });

  test('setPolling re-plans the next poll at once', async () => {
    const { clock, monitor, start } = setup();
    await start();
    assert.equal(monitor.snapshot().nextPollMs, T0 + DEFAULT_POLLING.idleIntervalMs);
    monitor.setPolling({ mode: 'fixed', fixedIntervalMs: 10_000 });
    assert.equal(monitor.snapshot().nextPollMs, T0 + 10_000);
    assert.equal(clock.pending, 1);
    await monitor.stop();
  });
});
