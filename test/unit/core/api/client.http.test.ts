/**
 * UseapiClient over real HTTP: a node:http server on 127.0.0.1 (port 0) plays useapi.net.
 */
import { describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { AxiosAdapter } from 'axios';
import { UseapiClient } from '../../../../main/core/api/client.ts';
import type { UseapiClientOptions } from '../../../../main/core/api/client.ts';
import { ApiError } from '../../../../main/core/api/errors.ts';
import type { ErrorReason } from '../../../../main/core/types.ts';
import {
  DOC_ACCOUNTS_EXAMPLE,
  DOC_AVAILABLE_EXAMPLE,
  DOC_SCHEDULER_EXAMPLE,
  DOC_VIDEO_EXAMPLE,
  SESSION_TOKEN,
} from './fixtures.ts';
import { sendJson, startServer } from './http-server.ts';
import type { Handler, TestServer } from './http-server.ts';

const TOKEN = 'user:1111-Zq8RtY2wXcV9bN4m';
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const VIDEO = 'user:1111-minimax:222222-video:333';
const IMAGE = 'user:1111-minimax:222222-image:444';

async function serve(t: TestContext, handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  t.after(() => server.close());
  return server;
}

function client(server: TestServer, opts: Partial<UseapiClientOptions> = {}): UseapiClient {
  return new UseapiClient({ apiBase: server.apiBase, token: TOKEN, now: () => NOW, ...opts });
}

/** Awaits `p`, asserts it rejects with an ApiError of `reason`, checks the token is not leaked. */
async function rejectsWith(p: Promise<unknown>, reason: ErrorReason): Promise<ApiError> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ApiError, `expected an ApiError, got ${inspect(caught)}`);
  assert.equal(caught.reason, reason, caught.message);
  assert.ok(!caught.message.includes(TOKEN), 'token in message');
  assert.ok(!inspect(caught, { depth: 10 }).includes(TOKEN), 'token in inspected error');
  return caught;
}

describe('UseapiClient: successful calls', () => {
  test("list against a server returning the documentation's example gives both jobs with the right kinds", async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 200, DOC_SCHEDULER_EXAMPLE));
    const jobs = await client(server).listScheduler();
    assert.deepEqual(
      jobs.map((j) => [j.id, j.kind, j.account]),
      [
        [VIDEO, 'video', '222222'],
        [IMAGE, 'image', '222222'],
      ],
    );
    const [req] = server.requests;
    assert.equal(req?.method, 'GET');
    assert.equal(req?.url, '/v1/minimax/scheduler/');
    assert.equal(req?.headers.authorization, `Bearer ${TOKEN}`);
  });

  test('a trailing slash on the API base makes no difference to the path', async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 200, []));
    await new UseapiClient({ apiBase: `${server.apiBase}/`, token: TOKEN }).listScheduler();
    assert.equal(server.requests[0]?.url, '/v1/minimax/scheduler/');
  });

  test('scheduler/available gives running jobs and per-account capacity', async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 200, DOC_AVAILABLE_EXAMPLE));
    const result = await client(server).schedulerAvailable();
    assert.equal(server.requests[0]?.url, '/v1/minimax/scheduler/available');
    assert.deepEqual(
      result.executing.map((j) => j.id),
      [VIDEO],
    );
    assert.deepEqual(result.available, [{ account: '222222', maxJobs: 5, executing: 3, available: 2 }]);
  });

  test('job status goes to /videos/ or /images/ by the kind in the id, with the id URL-encoded', async (t) => {
    const server = await serve(t, (req, res) =>
      sendJson(
        res,
        200,
        req.url.includes('/videos/') ? DOC_VIDEO_EXAMPLE : { status: 1, statusFinal: false, percent: 20 },
      ),
    );
    const api = client(server);
    const video = await api.getJobStatus(VIDEO);
    const image = await api.getJobStatus(IMAGE);
    assert.deepEqual(
      server.requests.map((r) => r.url),
      [`/v1/minimax/videos/${encodeURIComponent(VIDEO)}`, `/v1/minimax/images/${encodeURIComponent(IMAGE)}`],
    );
    assert.equal(video.outcome, 'succeeded');
    assert.equal(video.resultUrl, DOC_VIDEO_EXAMPLE.downloadURL);
    assert.equal(image.final, false);
    assert.equal(image.percent, 20);
  });

  test('an id with path characters stays one path segment', async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 200, { status: 0 }));
    await client(server).getJobStatus('user:1-minimax:2-video:a/../b?c#d');
    assert.equal(
      server.requests[0]?.url,
      '/v1/minimax/videos/user%3A1-minimax%3A2-video%3Aa%2F..%2Fb%3Fc%23d',
    );
  });

  test('job status of a file id or junk is refused without a request', async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 200, {}));
    await rejectsWith(client(server).getJobStatus('user:1111-minimax:222222-file:555'), 'api-error');
    assert.equal(server.requests.length, 0);
  });

  test('stop tracking: DELETE /scheduler/{id} succeeds on 204, on 200 with a body and on an empty 200', async (t) => {
    const answers = [
      (res: Parameters<Handler>[1]) => res.writeHead(204).end(),
      (res: Parameters<Handler>[1]) => sendJson(res, 200, { deleted: true }),
      (res: Parameters<Handler>[1]) => res.writeHead(200).end(),
    ];
    let n = 0;
    const server = await serve(t, (_req, res) => answers[n++]?.(res));
    const api = client(server);
    for (let i = 0; i < answers.length; i++) await api.stopTracking(VIDEO);
    assert.equal(server.requests.length, 3);
    for (const req of server.requests) {
      assert.equal(req.method, 'DELETE');
      assert.equal(req.url, `/v1/minimax/scheduler/${encodeURIComponent(VIDEO)}`);
      assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
    }
  });

  test('stop tracking a job the scheduler does not know is not-found (envelope without code)', async (t) => {
    const server = await serve(t, (_req, res) =>
      sendJson(res, 404, { error: `Unable to locate running ${VIDEO}` }),
    );
    const err = await rejectsWith(client(server).stopTracking(VIDEO), 'not-found');
    assert.equal(err.status, 404);
    assert.match(err.message, /Unable to locate running/);
  });

  test('cancel posts {videoId} as JSON; image ids are refused without a request', async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 200, {}));
    const api = client(server);
    await api.cancelVideo(VIDEO);
    const [req] = server.requests;
    assert.equal(req?.method, 'POST');
    assert.equal(req?.url, '/v1/minimax/videos/cancel');
    assert.match(String(req?.headers['content-type']), /application\/json/);
    assert.deepEqual(JSON.parse(req?.body ?? ''), { videoId: VIDEO });
    await rejectsWith(api.cancelVideo(IMAGE), 'api-error');
    assert.equal(server.requests.length, 1);
  });

  test('lists: GET /videos/ and GET /images/ with account, limit and the last full id to page on', async (t) => {
    const server = await serve(t, (req, res) =>
      req.url?.startsWith('/v1/minimax/images/')
        ? sendJson(res, 200, {
            images: [{ id: '444', imageId: IMAGE, status: 1, statusFinal: false, createTime: NOW }],
          })
        : sendJson(res, 200, [{ id: '333', videoId: VIDEO, status: 2, statusFinal: true }]),
    );
    const api = client(server);
    const videos = await api.listVideos({ account: '222222', limit: 30, lastId: null });
    const images = await api.listImages({ account: '222222', limit: 5, lastId: IMAGE });
    assert.equal(server.requests[0]?.url, '/v1/minimax/videos/?account=222222&limit=30');
    const second = new URL(server.requests[1]?.url ?? '', 'http://x');
    assert.equal(second.pathname, '/v1/minimax/images/');
    assert.deepEqual(Object.fromEntries(second.searchParams), {
      account: '222222',
      limit: '5',
      lastImageId: IMAGE,
    });
    assert.equal(server.requests[1]?.headers.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual(
      [videos[0]?.id, videos[0]?.status.outcome, images[0]?.id, images[0]?.createdMs],
      [VIDEO, 'succeeded', IMAGE, NOW],
    );
  });

  test('accounts: the MiniMax session token is dropped on receipt', async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 200, DOC_ACCOUNTS_EXAMPLE));
    const accounts = await client(server).listAccounts();
    assert.equal(server.requests[0]?.url, '/v1/minimax/accounts');
    assert.deepEqual(
      accounts.map((a) => [a.account, a.name, a.error !== null]),
      [
        ['222222', 'Ada', false],
        ['333333', null, true],
      ],
    );
    assert.ok(!JSON.stringify(accounts).includes(SESSION_TOKEN));
    assert.ok(!inspect(accounts, { depth: 10 }).includes(SESSION_TOKEN));
  });

  test('a custom axios adapter (the Electron net.fetch route) carries every request', async () => {
    const seen: string[] = [];
    const adapter: AxiosAdapter = async (config) => {
      seen.push(`${config.method?.toUpperCase()} ${config.url} ${String(config.headers.Authorization)}`);
      return {
        data: JSON.stringify(DOC_SCHEDULER_EXAMPLE),
        status: 200,
        statusText: 'OK',
        headers: {},
        config,
      };
    };
    const api = new UseapiClient({ apiBase: 'https://api.example.test/v1/minimax', token: TOKEN, adapter });
    const jobs = await api.listScheduler();
    assert.equal(jobs.length, 2);
    assert.deepEqual(seen, [`GET https://api.example.test/v1/minimax/scheduler/ Bearer ${TOKEN}`]);
  });
});

describe('UseapiClient: every failure is a classified ApiError', () => {
  test('401 is unauthorized with a short human message', async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 401, { error: 'Unauthorized', code: 401 }));
    const err = await rejectsWith(client(server).listScheduler(), 'unauthorized');
    const host = new URL(server.apiBase).host;
    assert.equal(err.message, `${host} rejected the API token (401)`);
    assert.equal(err.status, 401);
  });

  test('messages name the configured host, never useapi.net when the API base points elsewhere', async (t) => {
    const answers = [
      (res: Parameters<Handler>[1]) => sendJson(res, 404, { error: 'Not found', code: 404 }),
      (res: Parameters<Handler>[1]) => sendJson(res, 503, { error: 'down', code: 503 }),
      (res: Parameters<Handler>[1]) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html/>'),
    ];
    let n = 0;
    const server = await serve(t, (_req, res) => answers[n++ % answers.length]?.(res));
    const host = new URL(server.apiBase).host;
    const api = client(server);
    const messages: string[] = [];
    for (const reason of ['not-found', 'server-busy', 'bad-response'] as const) {
      messages.push((await rejectsWith(api.listScheduler(), reason)).message);
    }
    await server.close();
    messages.push((await rejectsWith(api.listScheduler(), 'network')).message);
    for (const m of messages) {
      assert.ok(m.includes(host), `names ${host}: ${m}`);
      assert.ok(!m.includes('useapi.net'), `no useapi.net: ${m}`);
    }
  });

  test('429 with Retry-After in seconds sets retryAtMs from now', async (t) => {
    const server = await serve(t, (_req, res) =>
      sendJson(res, 429, { error: 'Too many requests' }, { 'Retry-After': '30' }),
    );
    const err = await rejectsWith(client(server).listScheduler(), 'rate-limited');
    assert.equal(err.retryAtMs, NOW + 30_000);
    assert.equal(err.status, 429);
  });

  test('429 with Retry-After as an HTTP date', async (t) => {
    const at = new Date(NOW + 90_000).toUTCString();
    const server = await serve(t, (_req, res) =>
      sendJson(res, 429, { error: 'busy' }, { 'Retry-After': at }),
    );
    const err = await rejectsWith(client(server).listScheduler(), 'rate-limited');
    assert.equal(err.retryAtMs, NOW + 90_000);
  });

  test('429 with an HTTP date in the past is never earlier than now', async (t) => {
    const at = new Date(NOW - 60_000).toUTCString();
    const server = await serve(t, (_req, res) =>
      sendJson(res, 429, { error: 'busy' }, { 'Retry-After': at }),
    );
    const err = await rejectsWith(client(server).listScheduler(), 'rate-limited');
    assert.equal(err.retryAtMs, NOW);
  });

  test('429 with a retryAfter body field (seconds) and no header', async (t) => {
    const server = await serve(t, (_req, res) =>
      sendJson(res, 429, { error: 'queue full', code: 429, retryAfter: 20 }),
    );
    const err = await rejectsWith(client(server).listScheduler(), 'rate-limited');
    assert.equal(err.retryAtMs, NOW + 20_000);
  });

  test('429 without any retry hint leaves retryAtMs null', async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 429, { error: 'busy' }));
    const err = await rejectsWith(client(server).listScheduler(), 'rate-limited');
    assert.equal(err.retryAtMs, null);
  });

  for (const status of [500, 502, 503, 504, 520]) {
    test(`${status} is server-busy`, async (t) => {
      const server = await serve(t, (_req, res) =>
        sendJson(res, status, { error: 'MiniMax is overloaded', code: status }),
      );
      const err = await rejectsWith(client(server).listScheduler(), 'server-busy');
      assert.equal(err.status, status);
      assert.equal(err.retryAtMs, null);
    });
  }

  test('5xx with Retry-After sets retryAtMs; an HTML error page still classifies by status', async (t) => {
    const server = await serve(t, (_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/html', 'Retry-After': '45' });
      res.end('<html><body>Service Unavailable</body></html>');
    });
    const err = await rejectsWith(client(server).listScheduler(), 'server-busy');
    assert.equal(err.retryAtMs, NOW + 45_000);
  });

  test('596 is account-on-hold with the account from the error text', async (t) => {
    const server = await serve(t, (_req, res) =>
      sendJson(res, 596, { error: 'Account 777777 has been placed on hold', code: 596 }),
    );
    const err = await rejectsWith(client(server).listScheduler(), 'account-on-hold');
    assert.equal(err.account, '777777');
    assert.equal(err.status, 596);
    assert.match(err.message, /777777/);
  });

  test('596 without an account in the text takes it from the requested job id', async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 596, { error: 'placed on hold' }));
    const err = await rejectsWith(client(server).getJobStatus(VIDEO), 'account-on-hold');
    assert.equal(err.account, '222222');
  });

  test('596 with no way to know the account leaves it null', async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 596, { error: 'placed on hold' }));
    const err = await rejectsWith(client(server).listScheduler(), 'account-on-hold');
    assert.equal(err.account, null);
  });

  test('404 is not-found', async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 404, { error: 'Not found.', code: 404 }));
    const err = await rejectsWith(client(server).getJobStatus(VIDEO), 'not-found');
    assert.equal(err.status, 404);
  });

  for (const status of [400, 402, 403, 412, 422]) {
    test(`${status} is api-error with the status and the API's text`, async (t) => {
      const server = await serve(t, (_req, res) =>
        sendJson(res, status, { error: 'Something is off', code: status }),
      );
      const err = await rejectsWith(client(server).getJobStatus(VIDEO), 'api-error');
      assert.equal(err.status, status);
      assert.match(err.message, new RegExp(`\\(${status}\\): Something is off`));
    });
  }

  test('an error text echoing the token is scrubbed', async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 400, { error: `Bad token ${TOKEN} given` }));
    const err = await rejectsWith(client(server).listScheduler(), 'api-error');
    assert.match(err.message, /Bad token \[token\] given/);
  });

  test('no server listening is network', async () => {
    const server = await startServer(() => {});
    await server.close();
    const err = await rejectsWith(client(server).listScheduler(), 'network');
    assert.equal(err.status, null);
  });

  test('a connection dropped before any answer is network', async (t) => {
    const server = await serve(t, (_req, res) => res.socket?.destroy());
    await rejectsWith(client(server).listScheduler(), 'network');
  });

  test('a connection dropped in the middle of the body is network', async (t) => {
    const server = await serve(t, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      res.write('[{"videoId": ', () => res.socket?.destroy());
    });
    await rejectsWith(client(server).listScheduler(), 'network');
  });

  test('a server that never answers is timeout', { timeout: 10_000 }, async (t) => {
    const server = await serve(t, () => {});
    const err = await rejectsWith(client(server, { timeoutMs: 150 }).listScheduler(), 'timeout');
    assert.equal(err.status, null);
    assert.match(err.message, /did not answer within 150 ms/);
  });

  test(
    'a body that stalls mid-way is timeout (overall deadline, not the socket idle timer)',
    { timeout: 10_000 },
    async (t) => {
      const timers: NodeJS.Timeout[] = [];
      t.after(() => timers.forEach(clearInterval));
      const server = await serve(t, (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('[{"videoId": "user:1111-minimax:222222-video:333", ');
        // Keep the socket busy with whitespace so only an overall deadline can end the call.
        timers.push(setInterval(() => res.write(' '), 20));
      });
      await rejectsWith(client(server, { timeoutMs: 200 }).listScheduler(), 'timeout');
    },
  );

  test('a body over maxBodyBytes is bad-response (with and without Content-Length)', async (t) => {
    const big = JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ videoId: `${VIDEO}${i}` })));
    let chunked = false;
    const server = await serve(t, (_req, res) => {
      if (chunked) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write(big.slice(0, 1000));
        res.end(big.slice(1000));
      } else {
        sendJson(res, 200, JSON.parse(big));
      }
    });
    const api = client(server, { maxBodyBytes: 2048 });
    const a = await rejectsWith(api.listScheduler(), 'bad-response');
    assert.match(a.message, /larger than the 2 KiB limit/);
    chunked = true;
    await rejectsWith(api.listScheduler(), 'bad-response');
    // The same body is fine under the default 4 MiB cap.
    assert.equal((await client(server).listScheduler()).length, 200);
  });

  test('an HTML page with 200 is bad-response', async (t) => {
    const server = await serve(t, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body>Captive portal login</body></html>');
    });
    const err = await rejectsWith(client(server).listScheduler(), 'bad-response');
    assert.match(err.message, /web page instead of JSON/);
  });

  test('an HTML page is bad-response even for a DELETE whose body is optional', async (t) => {
    const server = await serve(t, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html></html>');
    });
    await rejectsWith(client(server).stopTracking(VIDEO), 'bad-response');
  });

  test('non-JSON text is bad-response', async (t) => {
    const server = await serve(t, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('[{"videoId": ');
    });
    await rejectsWith(client(server).listScheduler(), 'bad-response');
  });

  test('an empty 200 to a GET is bad-response', async (t) => {
    const server = await serve(t, (_req, res) => res.writeHead(200).end());
    await rejectsWith(client(server).listScheduler(), 'bad-response');
  });

  test('a 200 carrying {error} is bad-response, with the text', async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 200, { error: 'Scheduler unavailable' }));
    const err = await rejectsWith(client(server).listScheduler(), 'bad-response');
    assert.match(err.message, /Scheduler unavailable/);
    assert.equal(err.status, 200);
  });

  test('the wrong shape is bad-response for every endpoint', async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 200, 'a string'));
    const api = client(server);
    await rejectsWith(api.listScheduler(), 'bad-response');
    await rejectsWith(api.schedulerAvailable(), 'bad-response');
    await rejectsWith(api.getJobStatus(VIDEO), 'bad-response');
    await rejectsWith(api.listAccounts(), 'bad-response');
  });

  test('no token set: unauthorized without sending anything', async (t) => {
    const server = await serve(t, (_req, res) => sendJson(res, 200, []));
    await rejectsWith(
      new UseapiClient({ apiBase: server.apiBase, token: '  ' }).listScheduler(),
      'unauthorized',
    );
    assert.equal(server.requests.length, 0);
  });

  test('an invalid API base is refused when the client is built', () => {
    assert.throws(
      () => new UseapiClient({ apiBase: 'http://api.useapi.net/v1/minimax', token: TOKEN }),
      /https/,
    );
  });
});

describe('UseapiClient: redirects and the token', () => {
  test('a same-origin redirect is followed with the token', async (t) => {
    const server = await serve(t, (req, res) => {
      if (req.url === '/v1/minimax/scheduler/') {
        res.writeHead(301, { Location: '/v1/minimax/scheduler/v2' }).end();
      } else {
        sendJson(res, 200, DOC_SCHEDULER_EXAMPLE);
      }
    });
    const jobs = await client(server).listScheduler();
    assert.equal(jobs.length, 2);
    assert.deepEqual(
      server.requests.map((r) => [r.url, r.headers.authorization]),
      [
        ['/v1/minimax/scheduler/', `Bearer ${TOKEN}`],
        ['/v1/minimax/scheduler/v2', `Bearer ${TOKEN}`],
      ],
    );
  });

  test('more than 3 same-origin redirects is bad-response', async (t) => {
    let n = 0;
    const server = await serve(t, (_req, res) =>
      res.writeHead(302, { Location: `/v1/minimax/hop${++n}` }).end(),
    );
    const err = await rejectsWith(client(server).listScheduler(), 'bad-response');
    assert.match(err.message, /redirected more than 3 times/);
    assert.equal(server.requests.length, 4);
  });

  test('a redirect to another origin is not followed and that origin never sees the token', async (t) => {
    const other = await serve(t, (_req, res) => sendJson(res, 200, DOC_SCHEDULER_EXAMPLE));
    const server = await serve(t, (_req, res) =>
      res.writeHead(307, { Location: `${other.origin}/v1/minimax/scheduler/` }).end(),
    );
    const err = await rejectsWith(client(server).listScheduler(), 'bad-response');
    assert.equal(err.message, 'API redirected to another origin; not sending the token there');
    assert.equal(other.requests.length, 0);
  });

  test('a redirect to the same host under another scheme or host name is another origin', async (t) => {
    const server = await serve(t, (req, res) => {
      const port = new URL(server.origin).port;
      const target = req.url.endsWith('/scheduler/')
        ? `http://localhost:${port}/v1/minimax/x`
        : `https://127.0.0.1:${port}/v1/minimax/x`;
      res.writeHead(302, { Location: target }).end();
    });
    await rejectsWith(client(server).listScheduler(), 'bad-response');
    await rejectsWith(client(server).schedulerAvailable(), 'bad-response');
    assert.equal(server.requests.length, 2);
  });

  test('a redirect without Location is bad-response', async (t) => {
    const server = await serve(t, (_req, res) => res.writeHead(302).end());
    await rejectsWith(client(server).listScheduler(), 'bad-response');
  });
});
