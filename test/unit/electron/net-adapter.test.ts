import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { UseapiClient } from '../../../main/core/api/client.ts';
import { createNetAdapter } from '../../../main/electron/net-adapter.ts';
import { recorder } from '../../support/electron-double.ts';
import { freshDouble } from './helpers.ts';

const TOKEN = 'user:8080-NetAdapterToken';
let server: http.Server;
let base = '';
let seen: Array<{ url: string; auth: string | undefined }> = [];

before(async () => {
  server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization });
    if (req.url === '/v1/minimax/scheduler/' && req.headers.authorization === `Bearer ${TOKEN}`) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify([
          {
            videoId: 'user:8080-minimax:424242-video:77',
            started: '2026-01-01T00:00:00.000Z',
            elapsed: '00:10',
          },
        ]),
      );
      return;
    }
    if (req.url === '/v1/minimax/redirect/scheduler/') {
      res.writeHead(302, { Location: 'http://127.0.0.2:1/steal' });
      res.end();
      return;
    }
    res.writeHead(401, { 'Content-Type': 'application/json' });
    res.end('{"error":"Unauthorized","code":401}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/minimax`;
});
after(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  freshDouble();
  seen = [];
});

describe('axios adapter over net.fetch', () => {
  test("the client's requests go through the given fetch, with the Bearer token, and parse normally", async () => {
    const fetched: string[] = [];
    const adapter = createNetAdapter((input, init) => {
      fetched.push(typeof input === 'string' ? input : input.url);
      return fetch(input, init);
    });
    const client = new UseapiClient({ apiBase: base, token: TOKEN, adapter });
    const jobs = await client.listScheduler();
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]!.account, '424242');
    assert.deepEqual(fetched, [`${base}/scheduler/`]);
    assert.equal(seen[0]!.auth, `Bearer ${TOKEN}`);
  });

  test("by default it uses Electron's net.fetch", async () => {
    const client = new UseapiClient({ apiBase: base, token: TOKEN, adapter: createNetAdapter() });
    await client.listScheduler();
    assert.deepEqual(
      recorder.find('net.fetch').map((c) => c.args[0]),
      [`${base}/scheduler/`],
    );
  });

  test('HTTP errors are classified as usual (401 → unauthorized)', async () => {
    const client = new UseapiClient({ apiBase: base, token: 'user:1-wrong', adapter: createNetAdapter() });
    await assert.rejects(client.listScheduler(), (e: { reason?: string }) => e.reason === 'unauthorized');
  });

  test('a redirect is never followed to another host with the token', async () => {
    const client = new UseapiClient({
      apiBase: `${base}/redirect`,
      token: TOKEN,
      adapter: createNetAdapter(),
    });
    await assert.rejects(client.listScheduler());
    assert.deepEqual(
      seen.map((s) => s.url),
      ['/v1/minimax/redirect/scheduler/'],
    );
  });
});
