import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { schedulerIds, startSim } from './sim-http.ts';
import type { SimHarness } from './sim-http.ts';

const MIN = 60_000;

describe('simulator: scripted job lifecycle on a FakeClock', () => {
  let h: SimHarness;
  before(async () => {
    h = await startSim();
  });
  after(() => h.stop());

  test('a running video is in GET /scheduler/ and leaves it when done; its final status matches the spec', async () => {
    const id = h.sim.submit({
      kind: 'video',
      durationMs: 3 * MIN,
      outcome: 'succeeded',
      prompt: 'a red fox',
    });
    assert.match(id, /^user:1000-minimax:\d+-video:\d+$/);

    const listed = await h.call('GET', '/scheduler/');
    assert.equal(listed.status, 200);
    assert.ok(schedulerIds(listed).includes(id));

    await h.clock.advance(2 * MIN);
    assert.ok(
      schedulerIds(await h.call('GET', '/scheduler')).includes(id),
      'still listed, also without trailing slash',
    );

    await h.clock.advance(1 * MIN);
    assert.ok(!schedulerIds(await h.call('GET', '/scheduler/')).includes(id));

    const status = await h.call('GET', `/videos/${id}`);
    assert.equal(status.status, 200);
    const body = status.json as Record<string, unknown>;
    assert.equal(body.status, 2);
    assert.equal(body.statusLabel, 'completed');
    assert.equal(body.statusFinal, true);
    assert.equal(body.percent, 100);
    assert.equal(body.desc, 'a red fox');
    assert.equal(body.videoId, id);
    assert.match(String(body.videoURL), /\.mp4$/);
    assert.match(String(body.coverURL), /^https:\/\//);

    const truth = h.sim.groundTruth().find((t) => t.id === id);
    assert.ok(truth);
    assert.equal(truth.outcome, 'succeeded');
    assert.equal(truth.leftSchedulerMs - truth.startedMs, 3 * MIN);
  });

  test('while running the status goes 0 → 11 → 1 → 12 with percent rising and never final', async () => {
    const id = h.sim.submit({ kind: 'video', durationMs: 10 * MIN, outcome: 'failed' });
    const seen: Array<{ status: number; percent: number; final: boolean }> = [];
    for (let i = 0; i < 10; i++) {
      const body = (await h.call('GET', `/videos/${id}`)).json as Record<string, unknown>;
      seen.push({
        status: body.status as number,
        percent: body.percent as number,
        final: body.statusFinal as boolean,
      });
      await h.clock.advance(MIN);
    }
    assert.deepEqual([...new Set(seen.map((s) => s.status))], [0, 11, 1, 12]);
    assert.ok(seen.every((s) => !s.final));
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.percent >= seen[i - 1]!.percent);
    assert.ok(seen.at(-1)!.percent > seen[0]!.percent);
    const final = (await h.call('GET', `/videos/${id}`)).json as Record<string, unknown>;
    assert.deepEqual([final.status, final.statusLabel, final.statusFinal], [3, 'failed', true]);
    assert.equal(final.videoURL, undefined, 'a failed job has no result link');
  });

  test('moderated jobs end as 5/7/14; moderated+removed answers 404 "Not found."', async () => {
    const codes = [5, 7, 14] as const;
    const ids = codes.map((code) =>
      h.sim.submit({ kind: 'video', durationMs: MIN, outcome: 'moderated', moderationStatus: code }),
    );
    const removed = h.sim.submit({ kind: 'image', durationMs: MIN, outcome: 'moderated', removed: true });
    const before = await h.call('GET', `/images/${removed}`);
    assert.equal(before.status, 200, 'visible while running');
    await h.clock.advance(MIN);
    for (const [i, id] of ids.entries()) {
      const body = (await h.call('GET', `/videos/${id}`)).json as Record<string, unknown>;
      assert.equal(body.status, codes[i]);
      assert.equal(body.statusFinal, true);
    }
    const gone = await h.call('GET', `/images/${removed}`);
    assert.equal(gone.status, 404);
    assert.deepEqual(gone.json, { error: 'Not found.', code: 404 });
    assert.equal(h.sim.groundTruth().find((t) => t.id === removed)?.removed, true);
  });

  test('finalLagMs: gone from the scheduler but still statusFinal false (status 12) for that long', async () => {
    const id = h.sim.submit({ kind: 'video', durationMs: MIN, outcome: 'succeeded', finalLagMs: 40_000 });
    await h.clock.advance(MIN);
    assert.ok(!schedulerIds(await h.call('GET', '/scheduler/')).includes(id));
    const lagging = (await h.call('GET', `/videos/${id}`)).json as Record<string, unknown>;
    assert.deepEqual([lagging.status, lagging.statusFinal], [12, false]);
    await h.clock.advance(40_000);
    const done = (await h.call('GET', `/videos/${id}`)).json as Record<string, unknown>;
    assert.deepEqual([done.status, done.statusFinal], [2, true]);
    const truth = h.sim.groundTruth().find((t) => t.id === id)!;
    assert.equal(truth.finalMs - truth.leftSchedulerMs, 40_000);
  });

  test('a job with a future start is invisible until then', async () => {
    const startAtMs = h.clock.now() + 5 * MIN;
    const id = h.sim.submit({ kind: 'video', durationMs: MIN, outcome: 'succeeded', startAtMs });
    assert.ok(!schedulerIds(await h.call('GET', '/scheduler/')).includes(id));
    assert.equal((await h.call('GET', `/videos/${id}`)).status, 404);
    assert.ok(!h.sim.groundTruth().some((t) => t.id === id));
    await h.clock.advance(5 * MIN);
    assert.ok(schedulerIds(await h.call('GET', '/scheduler/')).includes(id));
  });

  test('paid accounts get downloadURL, free accounts only videoURL; images carry the .png in both', async () => {
    const paid = h.sim.submit({ kind: 'video', account: '100001', durationMs: MIN, outcome: 'succeeded' });
    const free = h.sim.submit({ kind: 'video', account: '100002', durationMs: MIN, outcome: 'succeeded' });
    const image = h.sim.submit({ kind: 'image', durationMs: 30_000, outcome: 'succeeded' });
    await h.clock.advance(MIN);
    const p = (await h.call('GET', `/videos/${paid}`)).json as Record<string, unknown>;
    const f = (await h.call('GET', `/videos/${free}`)).json as Record<string, unknown>;
    const i = (await h.call('GET', `/images/${image}`)).json as Record<string, unknown>;
    assert.match(String(p.downloadURL), /\.mp4$/);
    assert.equal('downloadURL' in f, false);
    assert.match(String(f.videoURL), /\.mp4$/);
    assert.match(String(i.videoURL), /\.png$/);
    assert.match(String(i.downloadURL), /\.png$/);
    assert.equal(i.imageId, image);
    assert.equal(i.status, 2);
  });

  test('ids work raw and percent-encoded; the wrong kind or a malformed id is a 400', async () => {
    const id = h.sim.submit({ kind: 'video', durationMs: MIN, outcome: 'succeeded' });
    const raw = await h.call('GET', `/videos/${id}`);
    const encoded = await h.call('GET', `/videos/${encodeURIComponent(id)}`);
    assert.equal(raw.status, 200);
    assert.deepEqual(encoded.json, raw.json);
    assert.equal((await h.call('GET', `/images/${id}`)).status, 400);
    const bad = await h.call('GET', '/videos/not-a-job-id');
    assert.equal(bad.status, 400);
    assert.equal((bad.json as Record<string, unknown>).code, 400);
    const unknown = await h.call('GET', `/videos/${id.replace(/:\d+$/, ':999999')}`);
    assert.deepEqual([unknown.status, unknown.json], [404, { error: 'Not found.', code: 404 }]);
  });
});

describe('simulator: documented quirks, selectable on scripted jobs', () => {
  let h: SimHarness;
  before(async () => {
    h = await startSim();
  });
  after(() => h.stop());

  test('an image id under the videoId key, and under imageId by default', async () => {
    const quirky = h.sim.submit({
      kind: 'image',
      durationMs: MIN,
      outcome: 'succeeded',
      quirks: { imageIdUnderVideoKey: true },
    });
    const plain = h.sim.submit({ kind: 'image', durationMs: MIN, outcome: 'succeeded' });
    const items = (await h.call('GET', '/scheduler/')).json as Array<Record<string, unknown>>;
    const q = items.find((it) => it.videoId === quirky);
    const p = items.find((it) => it.imageId === plain);
    assert.ok(q, 'image listed under videoId');
    assert.equal(q.imageId, undefined);
    assert.ok(p, 'image listed under imageId');
  });

  test('started as ISO string, epoch ms or epoch seconds', async () => {
    const startAtMs = h.clock.now() - 30_000;
    const iso = h.sim.submit({ kind: 'video', durationMs: MIN, outcome: 'succeeded', startAtMs });
    const ms = h.sim.submit({
      kind: 'video',
      durationMs: MIN,
      outcome: 'succeeded',
      startAtMs,
      quirks: { startedAs: 'epoch-ms' },
    });
    const s = h.sim.submit({
      kind: 'video',
      durationMs: MIN,
      outcome: 'succeeded',
      startAtMs,
      quirks: { startedAs: 'epoch-s' },
    });
    const items = (await h.call('GET', '/scheduler/')).json as Array<Record<string, unknown>>;
    const started = (id: string) => items.find((it) => it.videoId === id)?.started;
    assert.equal(started(iso), new Date(startAtMs).toISOString());
    assert.equal(started(ms), startAtMs);
    assert.equal(started(s), Math.floor(startAtMs / 1000));
  });

  test('elapsed is MM:SS and keeps counting minutes past 59:59', async () => {
    const id = h.sim.submit({
      kind: 'video',
      durationMs: 3 * 3600_000,
      outcome: 'succeeded',
      replyRef: 'r-1',
      replyUrl: 'https://example.invalid/hook',
    });
    const elapsedOf = async () => {
      const items = (await h.call('GET', '/scheduler/')).json as Array<Record<string, unknown>>;
      return items.find((it) => it.videoId === id);
    };
    await h.clock.advance(3 * MIN + 57_000);
    assert.equal((await elapsedOf())?.elapsed, '03:57');
    await h.clock.advance(72 * MIN);
    const item = await elapsedOf();
    assert.equal(item?.elapsed, '75:57');
    assert.equal(item?.replyRef, 'r-1');
    assert.equal(item?.replyUrl, 'https://example.invalid/hook');
  });

  test('/scheduler/available lists the running jobs and counts only videos against maxJobs', async () => {
    const h2 = await startSim({ accounts: ['500'], maxJobsPerAccount: 3 });
    try {
      const v = h2.sim.submit({ kind: 'video', durationMs: MIN, outcome: 'succeeded' });
      const i = h2.sim.submit({ kind: 'image', durationMs: MIN, outcome: 'succeeded' });
      const body = (await h2.call('GET', '/scheduler/available')).json as {
        executing: Array<Record<string, unknown>>;
        available: Array<Record<string, unknown>>;
      };
      assert.deepEqual(
        body.executing.map((it) => it.videoId ?? it.imageId),
        [v, i],
      );
      assert.deepEqual(body.available, [{ account: '500', maxJobs: 3, executing: 1, available: 2 }]);
    } finally {
      await h2.stop();
    }
  });
});
