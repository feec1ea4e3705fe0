import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { schedulerIds, startSim } from './sim-http.ts';
import type { SimHarness } from './sim-http.ts';
import { simSessionToken } from '../../../../main/core/simulator/index.ts';

const MIN = 60_000;

describe('simulator: Bearer auth', () => {
  let h: SimHarness;
  before(async () => {
    h = await startSim({ token: 'user:4242-abcdef123' });
  });
  after(() => h.stop());

  test('a missing, wrong or truncated token gets 401 {"error":"Unauthorized","code":401} on every route', async () => {
    const unauthorized = { error: 'Unauthorized', code: 401 };
    const attempts: Array<Record<string, string>> = [
      { Authorization: '' },
      { Authorization: 'Bearer user:4242-wrong' },
      { Authorization: 'Bearer user:4242-abcdef12' },
      { Authorization: 'Basic user:4242-abcdef123' },
    ];
    for (const headers of attempts) {
      for (const path of ['/scheduler/', '/accounts', '/videos/user:4242-minimax:100001-video:1']) {
        const res = await h.call('GET', path, { headers });
        assert.equal(res.status, 401, `${path} with ${headers.Authorization}`);
        assert.deepEqual(res.json, unauthorized);
      }
    }
    const res = await fetch(`${h.baseUrl}/scheduler/`);
    assert.equal(res.status, 401, 'no Authorization header at all');
  });

  test('the accepted token works and its user number goes into job ids', async () => {
    const id = h.sim.submit({ kind: 'video', durationMs: MIN, outcome: 'succeeded' });
    assert.match(id, /^user:4242-minimax:/);
    const res = await h.call('GET', '/scheduler/');
    assert.equal(res.status, 200);
    assert.deepEqual(schedulerIds(res), [id]);
  });
});

describe('simulator: DELETE /scheduler/{id} (stop tracking)', () => {
  let h: SimHarness;
  before(async () => {
    h = await startSim();
  });
  after(() => h.stop());

  test('204 removes the job from the scheduler, but it keeps generating to its natural outcome', async () => {
    const id = h.sim.submit({ kind: 'video', durationMs: 4 * MIN, outcome: 'succeeded' });
    await h.clock.advance(MIN);
    const del = await h.call('DELETE', `/scheduler/${encodeURIComponent(id)}`);
    assert.equal(del.status, 204);
    assert.equal(del.text, '');
    assert.ok(!schedulerIds(await h.call('GET', '/scheduler/')).includes(id));
    assert.ok(h.sim.stopTrackedIds().has(id));
    const running = (await h.call('GET', `/videos/${id}`)).json as Record<string, unknown>;
    assert.equal(running.statusFinal, false, 'still generating upstream');
    const truth = h.sim.groundTruth().find((t) => t.id === id);
    assert.equal(truth?.stopTracked, true);
    assert.equal(truth?.leftSchedulerMs, h.clock.now());
    await h.clock.advance(3 * MIN);
    const final = (await h.call('GET', `/videos/${id}`)).json as Record<string, unknown>;
    assert.deepEqual([final.status, final.statusFinal], [2, true]);
  });

  test('a job that is not running gets 404 "Unable to locate running <id>" without a code', async () => {
    const id = h.sim.submit({ kind: 'image', durationMs: 30_000, outcome: 'succeeded' });
    await h.clock.advance(30_000);
    const res = await h.call('DELETE', `/scheduler/${id}`);
    assert.equal(res.status, 404);
    assert.deepEqual(res.json, { error: `Unable to locate running ${id}` });
    const unknown = await h.call('DELETE', '/scheduler/user:1000-minimax:100001-video:424242');
    assert.equal(unknown.status, 404);
  });
});

describe('simulator: POST /videos/cancel', () => {
  let h: SimHarness;
  before(async () => {
    h = await startSim();
  });
  after(() => h.stop());

  test('a JSON cancel ends a running video at once as final failed "Cancelled by user"', async () => {
    const id = h.sim.submit({ kind: 'video', durationMs: 5 * MIN, outcome: 'succeeded' });
    await h.clock.advance(MIN);
    const res = await h.call('POST', '/videos/cancel', {
      body: JSON.stringify({ videoId: id }),
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(res.status, 200);
    assert.ok(!schedulerIds(await h.call('GET', '/scheduler/')).includes(id));
    const status = (await h.call('GET', `/videos/${id}`)).json as Record<string, unknown>;
    assert.deepEqual([status.status, status.statusFinal, status.message], [3, true, 'Cancelled by user']);
    assert.ok(h.sim.cancelledIds().has(id));
    assert.equal(h.sim.groundTruth().find((t) => t.id === id)?.outcome, 'cancelled');
  });

  test('multipart/form-data and urlencoded bodies work too', async () => {
    const a = h.sim.submit({ kind: 'video', durationMs: 5 * MIN, outcome: 'succeeded' });
    const b = h.sim.submit({ kind: 'video', durationMs: 5 * MIN, outcome: 'succeeded' });
    const form = new FormData();
    form.set('videoId', a);
    const multipart = await fetch(`${h.baseUrl}/videos/cancel`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.sim.token}` },
      body: form,
    });
    assert.equal(multipart.status, 200);
    const urlencoded = await fetch(`${h.baseUrl}/videos/cancel`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.sim.token}` },
      body: new URLSearchParams({ videoId: b }),
    });
    assert.equal(urlencoded.status, 200);
    assert.deepEqual([...h.sim.cancelledIds()].filter((id) => id === a || id === b).sort(), [a, b].sort());
  });

  test('errors are 400 {"error": …} without code: missing videoId, finished video, image, unknown id', async () => {
    const done = h.sim.submit({ kind: 'video', durationMs: 10_000, outcome: 'succeeded' });
    const image = h.sim.submit({ kind: 'image', durationMs: MIN, outcome: 'succeeded' });
    await h.clock.advance(10_000);
    const bodies = [
      {},
      { videoId: done },
      { videoId: image },
      { videoId: 'user:1000-minimax:100001-video:777777' },
    ];
    for (const body of bodies) {
      const res = await h.call('POST', '/videos/cancel', {
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      });
      assert.equal(res.status, 400, JSON.stringify(body));
      const json = res.json as Record<string, unknown>;
      assert.equal(typeof json.error, 'string');
      assert.equal('code' in json, false);
    }
    const broken = await h.call('POST', '/videos/cancel', {
      body: '{"videoId": ',
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(broken.status, 400);
    assert.ok(!h.sim.cancelledIds().has(done));
    const final = (await h.call('GET', `/videos/${done}`)).json as Record<string, unknown>;
    assert.equal(final.status, 2, 'a finished video keeps its outcome');
  });
});

describe('simulator: GET /accounts', () => {
  let h: SimHarness;
  before(async () => {
    h = await startSim({
      accounts: ['111', '222', '333'],
      maxJobsPerAccount: 4,
      accountErrors: { '333': 'Session expired' },
    });
  });
  after(() => h.stop());

  test('an object keyed by account with maxJobs, jwt.token, jwt.user.name and jwt.exp_Expire', async () => {
    const res = await h.call('GET', '/accounts');
    assert.equal(res.status, 200);
    const body = res.json as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(body), ['111', '222', '333']);
    for (const [account, entry] of Object.entries(body)) {
      assert.equal(entry.account, account);
      assert.equal(entry.maxJobs, 4);
      const jwt = entry.jwt as Record<string, unknown>;
      assert.equal(jwt.token, simSessionToken(account));
      assert.equal(typeof (jwt.user as Record<string, unknown>).name, 'string');
      assert.ok(Date.parse(String(jwt.exp_Expire)) > h.clock.now(), 'session not expired yet');
    }
    assert.equal(body['333']?.error, 'Session expired');
    assert.equal('error' in (body['111'] ?? {}), false);
  });

  test('GET /accounts/{account} gives one entry, 404 for an unknown account', async () => {
    const one = await h.call('GET', '/accounts/222');
    assert.equal((one.json as Record<string, unknown>).account, '222');
    const missing = await h.call('GET', '/accounts/999');
    assert.equal(missing.status, 404);
    assert.equal((missing.json as Record<string, unknown>).code, 404);
  });

  test('unknown paths and methods answer 404 JSON and are counted as "unknown"', async () => {
    const before = h.sim.stats().byRoute.unknown ?? 0;
    assert.equal((await h.call('GET', '/nothing-here')).status, 404);
    assert.equal((await h.call('POST', '/scheduler/')).status, 404);
    assert.equal(h.sim.stats().byRoute.unknown, before + 2);
    assert.ok(h.sim.stats().byRoute['GET /accounts']! >= 1);
  });
});
