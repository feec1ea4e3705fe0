// The `minimax-jobs` contract (README "The CLI"), tested as written: the real CLI process, over
// real HTTP, against the simulator or a tiny server returning the documentation's own example.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Simulator } from '../../../main/core/simulator/index.ts';
import { DOC_SCHEDULER_EXAMPLE } from '../core/api/fixtures.ts';
import { killLeftovers, runCli, watchUntil } from './cli-process.ts';

after(killLeftovers);

const DOC_EXAMPLE = JSON.stringify(DOC_SCHEDULER_EXAMPLE);

function serve(handler: http.RequestListener): Promise<{ base: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        base: `http://127.0.0.1:${port}/v1/minimax`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

describe('minimax-jobs list', { timeout: 180_000 }, () => {
  let doc: { base: string; close: () => Promise<void> };
  before(async () => {
    doc = await serve((req, res) => {
      if (req.headers.authorization !== 'Bearer user:1-good') {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"Unauthorized","code":401}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(DOC_EXAMPLE);
    });
  });
  after(() => doc.close());

  test("prints both of the documentation's example jobs with the right kinds", async () => {
    const human = await runCli(['list', '--api-base', doc.base], { USEAPI_TOKEN: 'user:1-good' });
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /video\s+333\s+api\s+222222/);
    assert.match(human.stdout, /image\s+444\s+api\s+222222/);

    const json = await runCli(['--json', 'list', '--api-base', `${doc.base}/`], {
      USEAPI_TOKEN: 'user:1-good',
    });
    assert.equal(json.code, 0, json.stderr);
    const lines = json.stdout.trim().split('\n');
    assert.equal(lines.length, 1, 'list prints exactly one event');
    const event = JSON.parse(lines[0] ?? '') as {
      type: string;
      at: string;
      jobs: { id: string; kind: string; source: string }[];
    };
    assert.equal(event.type, 'jobs');
    assert.ok(!Number.isNaN(Date.parse(event.at)));
    assert.deepEqual(
      event.jobs.map((j) => [j.id, j.kind, j.source]),
      [
        ['user:1111-minimax:222222-video:333', 'video', 'api'],
        ['user:1111-minimax:222222-image:444', 'image', 'api'],
      ],
    );
  });

  test('exit 3 on a rejected token, with the error event on stdout in --json mode', async () => {
    const r = await runCli(['list', '--json', '--api-base', doc.base], { USEAPI_TOKEN: 'user:1-bad' });
    assert.equal(r.code, 3);
    const event = JSON.parse(r.stdout.trim()) as { type: string; reason: string; status: number };
    assert.deepEqual([event.type, event.reason, event.status], ['error', 'unauthorized', 401]);
    // The README's fields of an `error` event, and nothing else (no internals of the error object).
    assert.deepEqual(
      Object.keys(event).sort(),
      ['type', 'at', 'reason', 'message', 'status', 'account', 'retryAt'].sort(),
    );
    assert.equal(typeof (event as unknown as { message: unknown }).message, 'string');
    assert.ok(!r.stdout.includes('user:1-bad') && !r.stderr.includes('user:1-bad'), 'token never printed');
  });

  test('exit 3 when there is no token at all (empty USEAPI_TOKEN counts as unset, no keychain)', async () => {
    const r = await runCli(['list', '--api-base', doc.base], { USEAPI_TOKEN: '' });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /USEAPI_TOKEN/);
  });

  test('exit 3 with a clear reason when the keychain module has no native binding here', async () => {
    // napi-rs loads only this path when it is set: a missing file is a missing binding.
    const r = await runCli(['list', '--api-base', doc.base], {
      USEAPI_TOKEN: '',
      NAPI_RS_NATIVE_LIBRARY_PATH: '/nonexistent/keyring.node',
    });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /No API token\. Set USEAPI_TOKEN/);
    assert.ok(
      r.stderr.includes(
        `the keychain module @napi-rs/keyring could not be loaded: no native binding for ${process.platform}-${process.arch}`,
      ),
      r.stderr,
    );
    assert.doesNotMatch(r.stderr, /npm has a bug/, "not napi-rs's advice for developers");
  });

  test('exit 4 when the API cannot be reached', async () => {
    const closed = await serve(() => {});
    await closed.close();
    const r = await runCli(['list', '--api-base', closed.base], { USEAPI_TOKEN: 'user:1-good' });
    assert.equal(r.code, 4, r.stderr);
  });

  test('exit 5 on an HTML page instead of JSON, 6 on a server error, 2 on usage errors', async () => {
    const html = await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>oops</html>'),
    );
    const busy = await serve((_req, res) => res.writeHead(500).end('{"error":"boom","code":500}'));
    try {
      assert.equal(
        (await runCli(['list', '--api-base', html.base], { USEAPI_TOKEN: 'user:1-good' })).code,
        5,
      );
      assert.equal(
        (await runCli(['list', '--api-base', busy.base], { USEAPI_TOKEN: 'user:1-good' })).code,
        6,
      );
      assert.equal((await runCli(['list', '--nope'])).code, 2);
      const badAccount = await runCli(['list', '--account', '12ab']);
      assert.equal(badAccount.code, 2);
      assert.match(badAccount.stderr, /--account takes a MiniMax account id.*"12ab"/);
      assert.equal(
        (await runCli(['list', '--api-base', 'http://example.com/v1/minimax'], { USEAPI_TOKEN: 'x' })).code,
        2,
      );
    } finally {
      await html.close();
      await busy.close();
    }
  });

  test('--version and --help exit 0', async () => {
    const v = await runCli(['--version']);
    assert.equal(v.code, 0);
    assert.equal(v.stdout.trim(), JSON.parse(readFileSync('package.json', 'utf8')).version);
    const h = await runCli(['--help']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /Exit codes/);
  });

  test(
    '--help names the default state folder, never a relative XDG_STATE_HOME',
    { skip: process.platform !== 'linux' && 'XDG is Linux only' },
    async () => {
      const h = await runCli(['--help'], { XDG_STATE_HOME: 'relative/path' });
      assert.equal(h.code, 0);
      assert.ok(
        h.stdout.includes(`(default: ${path.join(os.tmpdir(), '.local', 'state', 'minimax-jobs')})`),
        h.stdout,
      );
    },
  );
});

describe('minimax-jobs watch', { timeout: 180_000 }, () => {
  let sim: Simulator;
  let base: string;
  let stateDir: string;
  before(async () => {
    sim = new Simulator();
    base = (await sim.start()).baseUrl;
    stateDir = mkdtempSync(path.join(os.tmpdir(), 'cli-watch-'));
  });
  after(async () => {
    await sim.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  test('--demo reports jobs starting and finishing, then exits 0 on SIGINT with complete JSON lines', async () => {
    const demoDir = mkdtempSync(path.join(os.tmpdir(), 'cli-demo-'));
    try {
      const r = await watchUntil(['--demo', '--speed', '60', '--state-dir', demoDir], {}, (events) =>
        events.some((e) => e.type === 'job-finished'),
      );
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.endsWith('\n'), 'last line complete');
      for (const e of r.events) {
        assert.equal(typeof e.type, 'string');
        assert.ok(!Number.isNaN(Date.parse(String(e.at))), `at is ISO-8601: ${String(e.at)}`);
      }
      assert.ok(r.events.some((e) => e.type === 'job-started'));
      const finished = r.events.find((e) => e.type === 'job-finished') as Record<string, unknown>;
      assert.ok(['succeeded', 'failed', 'moderated'].includes(String(finished.outcome)));
      assert.match(String(finished.id), /^user:\d+-minimax:.+-(video|image):.+$/);
    } finally {
      rmSync(demoDir, { recursive: true, force: true });
    }
  });

  test('--demo shows the same jobs starting and finishing every time it is run', async () => {
    const demoDir = mkdtempSync(path.join(os.tmpdir(), 'cli-demo-again-'));
    try {
      const untilFinished = (events: Record<string, unknown>[]) =>
        events.some((e) => e.type === 'job-finished');
      const first = await watchUntil(['--demo', '--speed', '60', '--state-dir', demoDir], {}, untilFinished);
      const second = await watchUntil(['--demo', '--speed', '60', '--state-dir', demoDir], {}, untilFinished);
      for (const run of [first, second]) {
        assert.equal(run.code, 0, run.stderr);
        assert.ok(
          run.events.some((e) => e.type === 'job-started'),
          'jobs are reported as started',
        );
      }
      // The scheduler lists the API jobs in the same order every time; a website job may be found
      // by the lists just before or just after that poll, so it is left out of the comparison.
      const firstApiJob = (run: typeof first) =>
        run.events.find((e) => e.type === 'job-started' && e.source === 'api')?.id;
      assert.ok(firstApiJob(first) !== undefined, 'an API job was reported as started');
      assert.equal(firstApiJob(second), firstApiJob(first));
    } finally {
      rmSync(demoDir, { recursive: true, force: true });
    }
  });

  test('across restarts a job-finished is neither lost nor repeated', async () => {
    const id = sim.submit({ kind: 'image', durationMs: 1_500, outcome: 'succeeded', prompt: 'a red fox' });
    const env = { USEAPI_TOKEN: sim.token };
    const args = ['--api-base', base, '--state-dir', stateDir];

    // 1st run: sees the job running (new ledger: reported as started), stops before it finishes.
    const first = await watchUntil(args, env, (events) =>
      events.some((e) => e.type === 'job-started' && e.id === id),
    );
    assert.equal(first.code, 0, `stderr: ${first.stderr} stdout: ${first.stdout}`);
    assert.ok(!first.events.some((e) => e.type === 'job-finished' && e.id === id));

    // The job finishes while nothing watches.
    await new Promise((r) => setTimeout(r, 1_800));

    // 2nd run: announces it once, and does not call it started again.
    const second = await watchUntil(args, env, (events) => events.some((e) => e.type === 'jobs'));
    assert.equal(second.code, 0, second.stderr);
    const finished = second.events.filter((e) => e.type === 'job-finished' && e.id === id);
    assert.equal(finished.length, 1, 'announced exactly once');
    assert.equal(finished[0]?.outcome, 'succeeded');
    assert.equal(finished[0]?.prompt, 'a red fox');
    assert.ok(!second.events.some((e) => e.type === 'job-started' && e.id === id));

    // 3rd run: nothing new to say about it.
    const third = await watchUntil(args, env, (events) => events.some((e) => e.type === 'jobs'));
    assert.equal(third.code, 0, third.stderr);
    assert.ok(!third.events.some((e) => e.id === id && e.type !== 'jobs'));
  });

  test('exits 3 after printing the error event when the token is rejected', async () => {
    const r = await watchUntil(
      ['--api-base', base, '--state-dir', stateDir],
      { USEAPI_TOKEN: 'user:9-wrong' },
      () => false,
    );
    assert.equal(r.code, 3);
    const last = r.events.at(-1);
    assert.equal(last?.type, 'error');
    assert.equal(last?.reason, 'unauthorized');
  });
});

describe('website jobs in the CLI (the simulator over HTTP)', { timeout: 180_000 }, () => {
  let sim: Simulator;
  let base: string;
  before(async () => {
    sim = new Simulator({ history: { perAccount: 20, days: 3 } });
    base = (await sim.start()).baseUrl;
  });
  after(() => sim.stop());

  test('list prints website jobs too, marked; --no-website-jobs sends no accounts or list request', async () => {
    const web = sim.submit({ kind: 'video', durationMs: 120_000, outcome: 'succeeded', source: 'website' });
    const api = sim.submit({ kind: 'image', durationMs: 120_000, outcome: 'succeeded' });
    const env = { USEAPI_TOKEN: sim.token };
    const human = await runCli(['list', '--api-base', base], env);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, new RegExp(`video\\s+${web.split(':').at(-1)}\\s+website\\s`));
    assert.match(human.stdout, new RegExp(`image\\s+${api.split(':').at(-1)}\\s+api\\s`));
    assert.match(human.stdout, /2 jobs running/, 'the 40 finished history items are not listed');

    const json = await runCli(['list', '--json', '--api-base', base], env);
    const event = JSON.parse(json.stdout.trim()) as { jobs: { id: string; source: string }[] };
    assert.deepEqual(
      event.jobs.map((j) => [j.id, j.source]),
      [
        [api, 'api'],
        [web, 'website'],
      ],
    );

    const before = sim.stats().byRoute;
    const only = await runCli(['list', '--json', '--no-website-jobs', '--api-base', base], env);
    assert.equal(only.code, 0, only.stderr);
    const after = sim.stats().byRoute;
    for (const route of ['GET /accounts', 'GET /videos/', 'GET /images/'])
      assert.equal(after[route] ?? 0, before[route] ?? 0, `no ${route}`);
    assert.deepEqual(
      (JSON.parse(only.stdout.trim()) as { jobs: { id: string }[] }).jobs.map((j) => j.id),
      [api],
    );
  });

  test('watch: a website job is started and finished once across a restart, with source and full id', async () => {
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'cli-website-'));
    try {
      // An API job past its warm-up keeps the poll at 5 s: the website job is confirmed quickly.
      sim.submit({
        kind: 'video',
        durationMs: 180_000,
        outcome: 'succeeded',
        startAtMs: Date.now() - 70_000,
      });
      const web = sim.submit({ kind: 'image', durationMs: 4_000, outcome: 'failed', source: 'website' });
      const env = { USEAPI_TOKEN: sim.token };
      const args = ['--api-base', base, '--state-dir', stateDir];
      const first = await watchUntil(args, env, (events) =>
        events.some((e) => e.type === 'job-started' && e.id === web),
      );
      assert.equal(first.code, 0, first.stderr);
      const started = first.events.find((e) => e.type === 'job-started' && e.id === web);
      assert.equal(started?.source, 'website');
      assert.ok(!first.events.some((e) => e.type === 'job-finished'), 'no history announced');
      await new Promise((r) => setTimeout(r, 4_500));
      const second = await watchUntil(args, env, (events) => events.some((e) => e.type === 'job-finished'));
      assert.equal(second.code, 0, second.stderr);
      const finished = second.events.filter((e) => e.type === 'job-finished');
      assert.deepEqual(
        finished.map((e) => [e.id, e.source, e.outcome]),
        [[web, 'website', 'failed']],
      );
      assert.ok(!second.events.some((e) => e.type === 'job-started' && e.id === web));
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe('--account in the CLI (the simulator over HTTP)', { timeout: 180_000 }, () => {
  let sim: Simulator;
  let base: string;
  before(async () => {
    sim = new Simulator();
    base = (await sim.start()).baseUrl;
  });
  after(() => sim.stop());
  const listRequests = (from: number) =>
    sim
      .requestLog()
      .slice(from)
      .filter((q) => q.route === 'GET /videos/' || q.route === 'GET /images/');

  test("list --account: that account's jobs only, only its lists read; an unknown id warns once", async () => {
    const job = (account: string, source: 'api' | 'website') =>
      sim.submit({ kind: 'video', durationMs: 120_000, outcome: 'succeeded', account, source });
    const [mine, myWeb] = [job('100001', 'api'), job('100001', 'website')];
    const [theirs, theirWeb] = [job('100002', 'api'), job('100002', 'website')];
    const env = { USEAPI_TOKEN: sim.token };
    const from = sim.requestLog().length;
    const json = await runCli(['list', '--json', '--account', '100001', '--api-base', base], env);
    assert.equal(json.code, 0, json.stderr);
    const { jobs } = JSON.parse(json.stdout.trim()) as { jobs: { id: string }[] };
    assert.deepEqual(
      jobs.map((j) => j.id),
      [mine, myWeb],
    );
    assert.ok(!json.stdout.includes(theirs) && !json.stdout.includes(theirWeb));
    assert.equal(json.stderr, '', 'a known account: no warning');
    assert.deepEqual(
      listRequests(from).map((q) => new URL(q.url, base).searchParams.get('account')),
      ['100001', '100001'],
      'its videos and its images, nothing of 100002',
    );

    const human = await runCli(
      ['list', '--account', '100001', '--account', '999999', '--api-base', base],
      env,
    );
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^2 jobs running in accounts 100001, 999999$/m);
    const warnings = human.stderr.trim().split('\n');
    assert.equal(warnings.length, 1, human.stderr);
    assert.match(
      warnings[0] ?? '',
      /MiniMax account 999999 is not among this token's accounts \(GET \/accounts lists 100001, 100002\): no jobs will show up for it\.$/,
    );
  });

  test("watch --account: the other account's jobs never show; its own start and finish once", async () => {
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'cli-account-'));
    try {
      const image = (account: string) =>
        sim.submit({ kind: 'image', durationMs: 2_000, outcome: 'succeeded', account });
      const [theirs, mine] = [image('100001'), image('100002')];
      const r = await watchUntil(
        ['--account', '100002', '--api-base', base, '--state-dir', stateDir],
        { USEAPI_TOKEN: sim.token },
        (events) => events.some((e) => e.type === 'job-finished' && e.id === mine),
      );
      assert.equal(r.code, 0, r.stderr);
      const of = (type: string) => r.events.filter((e) => e.type === type).map((e) => String(e.id));
      assert.deepEqual(of('job-finished'), [mine]);
      // The videos the test above left running are announced too, but only those of 100002.
      assert.ok(of('job-started').includes(mine));
      assert.deepEqual(
        of('job-started').filter((id) => !id.includes('-minimax:100002-')),
        [],
        'nothing of 100001 is started',
      );
      assert.ok(!r.stdout.includes('-minimax:100001-'), `no event names a job of 100001 (${theirs})`);
      assert.doesNotMatch(r.stderr, /warning/);
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
