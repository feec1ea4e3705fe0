// Token hygiene: after real runs, neither the useapi.net API token nor the MiniMax session tokens
// (the `jwt.token` of GET /accounts) appear in anything written: state files, stdout, stderr, logs.
// And the token only ever goes to the configured origin: a redirect to another loopback port (another
// origin) never receives the Authorization header.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { UseapiClient } from '../../main/core/api/client.ts';
import { isApiError } from '../../main/core/api/errors.ts';
import { FakeClock } from '../../main/core/clock.ts';
import type { JobMonitor } from '../../main/core/monitor/job-monitor.ts';
import {
  DEFAULT_SIM_ACCOUNTS,
  Simulator,
  simSessionToken,
  type Fault,
} from '../../main/core/simulator/index.ts';
import type { AppHandle } from '../../main/electron/main.ts';
import { RENDERER_URL } from '../../main/electron/protocol.ts';
import { VIEW_CHANNEL, type ViewModel } from '../../main/ipc.ts';
import { MemoryStore } from '../../main/secrets/keychain.ts';
import { bootOnDouble } from '../support/boot-on-double.ts';
import { doubleConfig, invokeIpc, recorder } from '../support/electron-double.ts';
import { freshDouble } from '../unit/electron/helpers.ts';
import { markdownTable, memoryLogger, tempDir } from './harness.ts';

const BIN = path.resolve('main/cli/bin.ts');
const summary: (string | number)[][] = [];

after(() => {
  console.log(
    `\nToken-hygiene scans\n\n${markdownTable(['run', 'files scanned', 'bytes scanned', 'other texts scanned', 'secrets searched', 'hits'], summary)}\n`,
  );
});

/** The strings that must never appear: the API token, its secret part, and every session token. */
function secretsOf(token: string, accounts: readonly string[] = DEFAULT_SIM_ACCOUNTS): string[] {
  const secrets = [token, token.replace(/^user:\d+-/, '')];
  for (const account of accounts) {
    const session = simSessionToken(account);
    secrets.push(session, session.split('.')[1] ?? session);
  }
  return secrets;
}

/** Every regular file under `dir`, recursively (dot files included). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** A scan result: what was looked at and where a secret turned up. */
interface Scan {
  files: number;
  bytes: number;
  texts: number;
  hits: string[];
}

/** Searches files (as UTF-8 and Latin-1 text) and in-memory texts for each secret. */
function scan(files: readonly string[], texts: Record<string, string>, secrets: readonly string[]): Scan {
  const result: Scan = { files: files.length, bytes: 0, texts: Object.keys(texts).length, hits: [] };
  const look = (where: string, text: string) => {
    for (const s of secrets) if (text.includes(s)) result.hits.push(`${where} holds ${s.slice(0, 12)}…`);
  };
  for (const f of files) {
    const buf = readFileSync(f);
    result.bytes += buf.length;
    look(f, buf.toString('utf8'));
    look(`${f} (latin1)`, buf.toString('latin1'));
  }
  for (const [where, text] of Object.entries(texts)) {
    result.bytes += Buffer.byteLength(text);
    look(where, text);
  }
  return result;
}

/** A loopback server on another port (another origin) that records what reaches it. */
async function otherOrigin(): Promise<{
  origin: string;
  requests: http.IncomingHttpHeaders[];
  close: () => Promise<void>;
}> {
  const requests: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('token hygiene: the CLI', () => {
  test('watch --json with faults, then SIGINT: no token in state files, stdout or stderr; no token sent elsewhere', async () => {
    const token = `user:1000-hygiene${randomBytes(16).toString('hex')}`;
    const sim = new Simulator({ token });
    const { baseUrl } = await sim.start();
    const other = await otherOrigin();
    const stateDir = await tempDir('hygiene-state-');
    const home = await tempDir('hygiene-home-');
    try {
      // An image running throughout keeps the monitor in its 5 s "active" regime (real time here).
      for (const [kind, durationMs] of [
        ['image', 8_000],
        ['image', 14_000],
        ['video', 20_000],
        ['image', 30_000],
      ] as const) {
        sim.submit({ kind, durationMs, outcome: 'succeeded', prompt: `prompt ${durationMs}` });
      }
      const faults: Fault[] = [
        { type: 'status', status: 500, message: `internal error while checking ${token}`, count: 1 },
        { type: 'redirect', status: 307, location: `${other.origin}/v1/minimax/scheduler/`, count: 1 },
        {
          type: 'body',
          status: 502,
          contentType: 'text/html',
          body: `<html><body>Bad gateway for Authorization: Bearer ${token}</body></html>`,
          count: 1,
        },
        { type: 'status', status: 429, retryAfterSeconds: 1, message: `slow down ${token}`, count: 1 },
        {
          type: 'body',
          status: 200,
          body: JSON.stringify({ error: `token ${token} is not valid` }),
          count: 1,
        },
      ];

      const child = spawn(
        process.execPath,
        [BIN, 'watch', '--json', '--api-base', baseUrl, '--state-dir', stateDir],
        {
          env: {
            PATH: process.env.PATH ?? '',
            HOME: home,
            XDG_STATE_HOME: path.join(home, '.local/state'),
            DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
            USEAPI_TOKEN: token,
          },
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

      // Inject the faults one by one, each after a request answered normally, so the monitor's
      // backoff stays at its first step.
      for (const f of faults) {
        const before = sim.stats().requests;
        while (sim.stats().requests === before) await sleep(25);
        sim.fault({ ...f, routes: ['GET /scheduler/'] });
        while (sim.activeFault() !== null) await sleep(25);
      }
      // Let it recover and announce the jobs, then stop it like a user would.
      for (let waited = 0; waited < 30_000; waited += 100) {
        if (stdout.includes('"type":"recovered"') && (stdout.match(/"job-finished"/g) ?? []).length === 4)
          break;
        await sleep(100);
      }
      child.kill('SIGINT');
      assert.equal(await exited, 0, stderr);

      const events = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string; reason?: string; message?: string });
      const errors = events.filter((e) => e.type === 'error');
      assert.equal(errors.length, faults.length, 'every fault was reported');
      assert.ok(
        errors.some((e) => /another origin/.test(e.message ?? '')),
        'the cross-origin redirect was refused',
      );
      assert.ok(
        errors.some((e) => (e.message ?? '').includes('[token]')),
        'echoed tokens are replaced by [token]',
      );
      assert.ok(events.filter((e) => e.type === 'job-finished').length >= 3);
      assert.deepEqual(other.requests, [], 'the other origin was never contacted');

      const files = [...filesUnder(stateDir), ...filesUnder(home)];
      assert.ok(
        files.some((f) => f.endsWith('ledger.json')),
        'the ledger was written',
      );
      const secrets = secretsOf(token);
      const result = scan(files, { stdout, stderr }, secrets);
      summary.push([
        'CLI watch --json, 5 faults, SIGINT',
        `${result.files} (${files.map((f) => path.basename(f)).join(', ')})`,
        result.bytes,
        result.texts,
        secrets.length,
        result.hits.length,
      ]);
      assert.deepEqual(result.hits, []);
    } finally {
      await sim.stop();
      await other.close();
      rmSync(stateDir, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('token hygiene: the API client', () => {
  test('GET /accounts: session tokens are dropped on receipt and never logged', async () => {
    const token = `user:1000-hygiene${randomBytes(16).toString('hex')}`;
    const sim = new Simulator({ token });
    const { baseUrl } = await sim.start();
    try {
      const logger = memoryLogger();
      const api = new UseapiClient({ apiBase: baseUrl, token, logger });
      const accounts = await api.listAccounts();
      assert.deepEqual(
        accounts.map((a) => a.account),
        [...DEFAULT_SIM_ACCOUNTS],
      );
      // Make the client log and fail too, to have something to scan.
      sim.fault({ type: 'status', status: 596, message: `account on hold; token ${token}`, count: 1 });
      await assert.rejects(api.listAccounts(), (e) => isApiError(e) && !e.message.includes(token));
      const secrets = secretsOf(token);
      const result = scan([], { result: JSON.stringify(accounts), log: logger.lines.join('\n') }, secrets);
      summary.push([
        'UseapiClient GET /accounts (result + debug log)',
        result.files,
        result.bytes,
        result.texts,
        secrets.length,
        result.hits.length,
      ]);
      assert.deepEqual(result.hits, []);
    } finally {
      await sim.stop();
    }
  });

  test('redirects of every kind to another origin never carry the Authorization header', async () => {
    const token = `user:1000-hygiene${randomBytes(16).toString('hex')}`;
    const sim = new Simulator({ token });
    const { baseUrl } = await sim.start();
    const other = await otherOrigin();
    try {
      const port = new URL(other.origin).port;
      const targets = [
        `${other.origin}/v1/minimax/scheduler/`,
        `http://localhost:${new URL(baseUrl).port}/v1/minimax/scheduler/`, // same port, other host name
        `//127.0.0.1:${port}/v1/minimax/scheduler/`, // scheme-relative
        `http://user:pass@127.0.0.1:${new URL(baseUrl).port}/v1/minimax/scheduler/`, // credentials
      ];
      const api = new UseapiClient({ apiBase: baseUrl, token });
      let refused = 0;
      for (const location of targets) {
        for (const status of [301, 302, 303, 307, 308] as const) {
          sim.fault({ type: 'redirect', status, location, count: 1 });
          await assert.rejects(api.listScheduler(), (e) => isApiError(e) && e.reason === 'bad-response');
          refused++;
        }
      }
      assert.equal(refused, 20);
      assert.deepEqual(other.requests, [], 'the other origin never saw a request, with or without the token');
      const authorizedElsewhere = sim
        .requestLog()
        .filter((r) => r.route === 'GET /scheduler/' && r.fault === null);
      assert.deepEqual(
        authorizedElsewhere,
        [],
        'not even a same-server hop under another host name was followed',
      );
    } finally {
      await sim.stop();
      await other.close();
    }
  });
});

/** Everything the app handed to Electron, as text (functions and cycles are skipped). */
function recordedCallsText(): string {
  const seen = new WeakSet<object>();
  return recorder.calls
    .map((c) => {
      try {
        return `${c.api} ${JSON.stringify(c.args, (_k, v: unknown) => {
          if (typeof v === 'function') return undefined;
          if (typeof v === 'object' && v !== null) {
            if (seen.has(v)) return undefined;
            seen.add(v);
          }
          return v;
        })}`;
      } catch {
        return `${c.api} ${String(c.args)}`;
      }
    })
    .join('\n');
}

describe('token hygiene: the tray app main process (electron double)', () => {
  test('poll cycles with token-echoing faults, window open: no token in userData, log, views or anything sent to Electron', async () => {
    freshDouble();
    const token = `user:1000-hygiene${randomBytes(16).toString('hex')}`;
    const clock = new FakeClock(Date.UTC(2026, 4, 1, 10));
    const sim = new Simulator({ clock, token });
    const { baseUrl } = await sim.start();
    const other = await otherOrigin();
    const userData = await tempDir('hygiene-userdata-');
    let handle: AppHandle | null = null;
    try {
      for (const [kind, durationMs] of [
        ['video', 70_000],
        ['image', 20_000],
        ['video', 150_000],
      ] as const) {
        sim.submit({ kind, durationMs, outcome: 'succeeded', prompt: `prompt ${durationMs}` });
      }
      handle = await bootOnDouble({
        env: {
          MINIMAX_TRAY_USER_DATA: userData,
          MINIMAX_TRAY_API_BASE: baseUrl,
          MINIMAX_TRAY_TEST_HOOKS: '1',
        },
        argv: ['electron', '.', '--hidden'],
        platform: 'linux',
        trayHost: { available: true, reason: 'test' },
        keychain: new MemoryStore(),
        clock,
        consoleLog: false,
      });
      assert.ok(handle?.hooks);
      const { controller, hooks } = handle;
      const views: ViewModel[] = [];
      controller.onView((v) => views.push(v));
      // The monitor is the controller's own; waiting for it keeps the run deterministic.
      const monitor = (controller as unknown as { monitor: JobMonitor | null }).monitor;
      const settle = async () => {
        for (let i = 0; i < 3; i++) {
          await monitor?.whenIdle();
          await new Promise((r) => setTimeout(r, 5));
        }
      };

      // The user types the token in the window; it is checked with one request and kept in the
      // (memory) keychain.
      assert.deepEqual(await invokeIpc('token:save', { token }, { senderUrl: RENDERER_URL }), { ok: true });
      hooks.showWindow('jobs'); // visible: progress, capacity and GET /accounts (session tokens) too
      await settle();
      const faults: Fault[] = [
        { type: 'status', status: 500, message: `internal error for ${token}`, count: 2 },
        { type: 'body', status: 502, contentType: 'text/html', body: `<p>Bearer ${token}</p>`, count: 2 },
        { type: 'redirect', status: 302, location: `${other.origin}/v1/minimax/scheduler/`, count: 2 },
        // No Retry-After here: startApp's client reads the real clock, not the injected FakeClock
        // (see the reliability notes), so a Retry-After would be taken as months away.
        { type: 'status', status: 596, message: `account 100001 on hold (${token})`, count: 2 },
        { type: 'body', status: 200, body: JSON.stringify({ error: `bad token ${token}` }), count: 2 },
      ];
      for (const f of faults) {
        sim.fault(f);
        for (let i = 0; i < 40 && sim.activeFault() !== null; i++) await clock.advance(5_000, settle);
        await clock.advance(30_000, settle);
      }
      await clock.advance(5 * 60_000, settle);
      assert.ok(hooks.clickTrayMenuItem('Copy debug info'));
      await handle.quit();
      handle = null;

      assert.ok((sim.stats().byRoute['GET /accounts'] ?? 0) >= 1, 'GET /accounts was fetched');
      assert.ok(
        views.some((v) => v.history.length === 3),
        'the jobs finished and reached the window',
      );
      assert.deepEqual(other.requests, [], 'the other origin was never contacted');
      const sent = recorder.find('webContents.send').filter((c) => c.args[0] === VIEW_CHANNEL);
      assert.ok(sent.length > 0, 'views were pushed to the renderer');

      const files = [...filesUnder(userData), ...filesUnder(doubleConfig.pathsRoot)];
      const log = files.find((f) => f.endsWith('main.log'));
      assert.ok(log && readFileSync(log, 'utf8').length > 0, 'electron-log wrote its file');
      assert.ok(files.some((f) => f.endsWith('ledger.json')));
      const secrets = secretsOf(token);
      const texts = {
        views: views.map((v) => JSON.stringify(v)).join('\n'),
        'views pushed on the IPC channel': JSON.stringify(sent.map((c) => c.args[1])),
        notifications: JSON.stringify(hooks.notifications()),
        'tray (tooltip, menu)': JSON.stringify(hooks.tray()),
        clipboard: recorder.clipboardText,
        'every call made to Electron': recordedCallsText(),
        'debug info': controller.debugInfo(),
      };
      const result = scan(files, texts, secrets);
      summary.push([
        `tray app on the electron double (${views.length} views, ${sent.length} pushed)`,
        `${result.files} (${files.map((f) => path.basename(f)).join(', ')})`,
        result.bytes,
        result.texts,
        secrets.length,
        result.hits.length,
      ]);
      assert.deepEqual(result.hits, []);
    } finally {
      await handle?.quit();
      await sim.stop();
      await other.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
