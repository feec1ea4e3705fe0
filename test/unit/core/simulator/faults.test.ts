import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startSim } from './sim-http.ts';
import type { SimHarness } from './sim-http.ts';
import type { FaultStatus } from '../../../../main/core/simulator/index.ts';

describe('simulator: fault injection', () => {
  let h: SimHarness;
  before(async () => {
    h = await startSim();
  });
  after(() => h.stop());

  test('status faults answer each status with the useapi {error, code} body, then clear', async () => {
    const statuses: FaultStatus[] = [401, 429, 500, 502, 503, 504, 596];
    for (const status of statuses) {
      h.sim.fault({ type: 'status', status });
      const first = await h.call('GET', '/scheduler/');
      const second = await h.call('GET', '/accounts');
      assert.equal(first.status, status);
      assert.equal(second.status, status, 'applies until cleared, on every route');
      const body = first.json as Record<string, unknown>;
      assert.equal(body.code, status);
      assert.equal(typeof body.error, 'string');
      h.sim.fault(null);
      assert.equal((await h.call('GET', '/scheduler/')).status, 200);
    }
  });

  test('596 names the account on hold', async () => {
    h.sim.fault({ type: 'status', status: 596, account: '100002', count: 1 });
    const res = await h.call('GET', '/scheduler/');
    assert.match(String((res.json as Record<string, unknown>).error), /100002/);
  });

  test('Retry-After as delta seconds and as an HTTP date relative to the simulator clock', async () => {
    h.sim.fault({ type: 'status', status: 429, retryAfterSeconds: 20, count: 1 });
    const seconds = await h.call('GET', '/scheduler/');
    assert.equal(seconds.headers.get('retry-after'), '20');

    h.sim.fault({ type: 'status', status: 503, retryAfterSeconds: 90, retryAfterAs: 'date', count: 1 });
    const dated = await h.call('GET', '/scheduler/');
    const header = dated.headers.get('retry-after');
    assert.ok(header !== null && /GMT$/.test(header), `HTTP date, got ${header}`);
    assert.equal(Date.parse(header) - h.clock.now(), 90_000);

    h.sim.fault({ type: 'status', status: 502, count: 1 });
    assert.equal((await h.call('GET', '/scheduler/')).headers.get('retry-after'), null);
  });

  test('count limits how many requests get the fault; routes limits which', async () => {
    h.sim.fault({ type: 'status', status: 500, count: 2, routes: ['GET /scheduler/'] });
    assert.equal((await h.call('GET', '/accounts')).status, 200, 'other routes untouched and not counted');
    assert.equal((await h.call('GET', '/scheduler/')).status, 500);
    assert.equal((await h.call('GET', '/scheduler/')).status, 500);
    assert.equal((await h.call('GET', '/scheduler/')).status, 200);
    assert.equal(h.sim.activeFault(), null);
  });

  test('omitCode leaves code out of the error body', async () => {
    h.sim.fault({ type: 'status', status: 502, omitCode: true, count: 1 });
    const res = await h.call('GET', '/scheduler/');
    assert.equal('code' in (res.json as Record<string, unknown>), false);
  });

  test('body faults send HTML, truncated JSON or a wrong shape verbatim', async () => {
    h.sim.fault({
      type: 'body',
      status: 502,
      body: '<html><body>Bad gateway</body></html>',
      contentType: 'text/html',
      count: 1,
    });
    const html = await h.call('GET', '/scheduler/');
    assert.equal(html.status, 502);
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(html.json, undefined);

    h.sim.fault({ type: 'body', body: '[{"videoId": "user:1000-mini', count: 1 });
    const truncated = await h.call('GET', '/scheduler/');
    assert.equal(truncated.status, 200);
    assert.throws(() => JSON.parse(truncated.text));

    h.sim.fault({ type: 'body', body: '{"error":"Something odd"}', count: 1 });
    assert.deepEqual((await h.call('GET', '/scheduler/')).json, { error: 'Something odd' });
  });

  test('redirect faults answer 302 with Location', async () => {
    h.sim.fault({ type: 'redirect', location: 'http://127.0.0.1:9/elsewhere', count: 1 });
    const res = await fetch(`${h.baseUrl}/scheduler/`, {
      headers: { Authorization: `Bearer ${h.sim.token}` },
      redirect: 'manual',
    });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), 'http://127.0.0.1:9/elsewhere');
  });

  test('reset faults destroy the socket: the request fails with no answer', async () => {
    h.sim.fault({ type: 'reset', count: 1 });
    await assert.rejects(
      fetch(`${h.baseUrl}/scheduler/`, { headers: { Authorization: `Bearer ${h.sim.token}` } }),
    );
    assert.equal((await h.call('GET', '/scheduler/')).status, 200, 'next request is fine');
  });

  test('stall faults send headers and half the body, then hang until the client gives up', async () => {
    h.sim.submit({ kind: 'video', durationMs: 60_000, outcome: 'succeeded', prompt: 'stall' });
    h.sim.fault({ type: 'stall', count: 1 });
    const { status, contentLength, received, ended } = await new Promise<{
      status: number;
      contentLength: number;
      received: number;
      ended: boolean;
    }>((resolve, reject) => {
      const req = request(
        `${h.baseUrl}/scheduler/`,
        { headers: { Authorization: `Bearer ${h.sim.token}` } },
        (res) => {
          let received = 0;
          let ended = false;
          res.on('data', (chunk: Buffer) => {
            received += chunk.length;
            // The first half has arrived; give up as a client with a deadline would.
            setImmediate(() => {
              resolve({
                status: res.statusCode ?? 0,
                contentLength: Number(res.headers['content-length']),
                received,
                ended,
              });
              req.destroy();
            });
          });
          res.on('end', () => {
            ended = true;
          });
          res.on('error', () => {});
        },
      );
      req.on('error', (err) => {
        if (!req.destroyed) reject(err);
      });
      req.end();
    });
    assert.equal(status, 200);
    assert.equal(ended, false);
    assert.ok(received > 0 && received < contentLength, `${received} of ${contentLength} bytes`);
  });

  test('slow faults delay the answer on the real timer; a client deadline wins, and stop() does not wait', async () => {
    const slow = await startSim();
    try {
      slow.sim.fault({ type: 'slow', delayMs: 60_000 });
      await assert.rejects(
        fetch(`${slow.baseUrl}/scheduler/`, {
          headers: { Authorization: `Bearer ${slow.sim.token}` },
          signal: AbortSignal.timeout(50),
        }),
        { name: 'TimeoutError' },
      );
      slow.sim.fault({ type: 'slow', delayMs: 1, count: 1 });
      const res = await slow.call('GET', '/scheduler/');
      assert.equal(res.status, 200, 'a short delay still answers normally');
      slow.sim.fault({ type: 'slow', delayMs: 60_000 });
      const pending = fetch(`${slow.baseUrl}/accounts`, {
        headers: { Authorization: `Bearer ${slow.sim.token}` },
      });
      // Let the request reach the server before stopping it.
      while ((slow.sim.stats().byRoute['GET /accounts'] ?? 0) === 0)
        await new Promise((r) => setImmediate(r));
      await slow.stop();
      await assert.rejects(pending);
    } finally {
      await slow.stop();
    }
  });

  test('faults are counted in the request log without the token', async () => {
    h.sim.fault({ type: 'status', status: 504, count: 1 });
    await h.call('GET', '/scheduler/?x=1');
    const last = h.sim.requestLog().at(-1);
    assert.equal(last?.fault, 'status');
    assert.equal(last?.route, 'GET /scheduler/');
    assert.equal(last?.url, '/v1/minimax/scheduler/?x=1');
    assert.equal(last?.atMs, h.clock.now());
    assert.ok(!JSON.stringify(h.sim.requestLog()).includes(h.sim.token));
  });
});
