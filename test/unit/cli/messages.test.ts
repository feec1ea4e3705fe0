// What the real `minimax-jobs` process says when something is wrong (README "The CLI"): one clean
// line per failed poll, the configured host named, the whole no-token message, a malformed token
// refused before it is sent, an unknown option with the nearest one, and Ctrl+C while a request
// is in flight.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import { sendJson, startServer, type TestServer } from '../core/api/http-server.ts';
import { killLeftovers, runCli, startCli } from './cli-process.ts';

after(killLeftovers);

const TOKEN = 'user:1-good';
const LOCAL_TIME = /^\d\d:\d\d:\d\d {2}/;

let stateDir = '';
let server: TestServer | null = null;
beforeEach(() => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'cli-messages-'));
});
afterEach(async () => {
  // A failed test may leave its CLI running: stop it before its folder goes.
  killLeftovers();
  await server?.close();
  server = null;
  rmSync(stateDir, { recursive: true, force: true });
});

describe('usage and token messages', () => {
  test('an unknown option says so and suggests the nearest one', async () => {
    const r = await runCli(['list', '--jsn']);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^minimax-jobs: Unknown option --jsn\. Did you mean --json\?\nRun "minimax-jobs --help"/,
    );
  });

  test('no token: the whole message, with an export example (exit 3)', async () => {
    const r = await runCli(['list', '--api-base', 'http://127.0.0.1:9/v1/minimax'], { USEAPI_TOKEN: '' });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^minimax-jobs: No API token\. Set USEAPI_TOKEN to your useapi\.net API token/);
    assert.match(r.stderr, /^ {2}export USEAPI_TOKEN=user:1234-…$/m);
    assert.match(r.stderr, /MiniMax Tray app/);
    const json = await runCli(['list', '--json', '--api-base', 'http://127.0.0.1:9/v1/minimax'], {
      USEAPI_TOKEN: '',
    });
    const event = JSON.parse(json.stdout) as { reason: string; message: string; retryAt: unknown };
    assert.equal(event.reason, 'unauthorized');
    assert.match(event.message, /export USEAPI_TOKEN=/);
    assert.equal(event.retryAt, null);
  });

  test('a malformed token is refused locally with exit 3: nothing is sent, the token is not echoed', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, []));
    const bad = 'sk-0123456789abcdef';
    const r = await runCli(['list', '--api-base', server.apiBase], { USEAPI_TOKEN: bad });
    assert.equal(r.code, 3);
    assert.match(
      r.stderr,
      /Not sending the token in USEAPI_TOKEN: That does not look like a useapi\.net token/,
    );
    assert.ok(!r.stderr.includes(bad) && !r.stdout.includes(bad));
    assert.equal(server.requests.length, 0, 'no request made');
  });
});

describe('list failures', () => {
  test('a 429 with Retry-After: list exits without a retry time (error event retryAt null)', async () => {
    server = await startServer((_req, res) =>
      sendJson(res, 429, { error: 'slow down' }, { 'Retry-After': '30' }),
    );
    const json = await runCli(['list', '--json', '--api-base', server.apiBase], { USEAPI_TOKEN: TOKEN });
    assert.equal(json.code, 6);
    const event = JSON.parse(json.stdout) as { reason: string; retryAt: unknown };
    assert.deepEqual([event.reason, event.retryAt], ['rate-limited', null]);
    const human = await runCli(['list', '--api-base', server.apiBase], { USEAPI_TOKEN: TOKEN });
    assert.doesNotMatch(human.stderr, /retry|next try/i, human.stderr);
  });

  test('a 404 names the configured host and says to check --api-base', async () => {
    server = await startServer((_req, res) => sendJson(res, 404, { error: 'Not found', code: 404 }));
    const base = `${server.apiBase}/typo`;
    const r = await runCli(['list', '--api-base', base], { USEAPI_TOKEN: TOKEN });
    assert.equal(r.code, 6);
    const host = new URL(server.origin).host;
    assert.equal(
      r.stderr,
      `minimax-jobs: ${host}: not found (404): Not found; check --api-base (now ${base})\n`,
    );
  });
});

describe('watch failures, for people', { timeout: 30_000 }, () => {
  test('a failed poll is one line, in local time, naming the host; --json keeps one error event', async () => {
    server = await startServer((_req, res) => sendJson(res, 500, { error: 'boom', code: 500 }));
    const host = new URL(server.origin).host;
    const args = ['watch', '--api-base', server.apiBase, '--state-dir', stateDir];
    const human = startCli(args, { USEAPI_TOKEN: TOKEN });
    await human.waitFor((o) => o.stderr.includes('⚠ error'));
    await new Promise((r) => setTimeout(r, 300));
    human.child.kill('SIGINT');
    const h = await human.done;
    assert.equal(h.code, 0, h.stderr);
    const lines = h.stderr.trimEnd().split('\n');
    assert.equal(lines[0], `Watching ${host} for MiniMax jobs. Press Ctrl+C to stop.`);
    const about = lines.filter((l) => l.includes('500') || /poll failed|boom/.test(l));
    assert.equal(about.length, 1, `one line for the failure:\n${h.stderr}`);
    assert.match(about[0] ?? '', LOCAL_TIME);
    assert.match(
      about[0] ?? '',
      new RegExp(
        `⚠ error {6}server-busy: ${host} or MiniMax is busy or unavailable \\(500\\): boom; next try \\d\\d:\\d\\d:\\d\\d$`,
      ),
    );
    assert.doesNotMatch(h.stderr, /\d{4}-\d\d-\d\dT|useapi\.net/, 'no UTC timestamps, no other host');

    const json = startCli([...args, '--json'], { USEAPI_TOKEN: TOKEN });
    await json.waitFor((o) => o.stdout.includes('"error"'));
    json.child.kill('SIGINT');
    const j = await json.done;
    const events = j.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; message: string });
    assert.deepEqual(
      events.map((e) => e.type),
      ['error'],
    );
    assert.ok(events[0]?.message.includes(host));
  });

  test('Ctrl+C while a request is in flight says so; a second Ctrl+C quits at once (130)', async () => {
    // The scheduler answers only after 10 s: the first poll is still in flight when the user stops.
    server = await startServer((_req, res) => void setTimeout(() => sendJson(res, 200, []), 10_000));
    const run = startCli(['watch', '--api-base', server.apiBase, '--state-dir', stateDir], {
      USEAPI_TOKEN: TOKEN,
    });
    await run.waitFor(
      (o) => o.stderr.includes('Press Ctrl+C') && server !== null && server.requests.length > 0,
    );
    run.child.kill('SIGINT');
    await run.waitFor((o) => o.stderr.includes('stopping'));
    assert.match(
      run.output().stderr,
      /^stopping: waiting for the request in flight \(Ctrl\+C again to quit\)$/m,
    );
    run.child.kill('SIGINT');
    const done = await run.done;
    assert.equal(done.code, 130);
  });
});
