/**
 * First run gets Electron: `npm run demo` (scripts/demo.mjs), `npm start` (scripts/start.mjs) and
 * `npm run test:electron` (scripts/electron-e2e.mjs) run Electron's own installer when no binary is
 * installed, over loopback: a local mirror (test/support/electron-mirror.ts) serves a stub
 * "Electron" zip and its SHASUMS256.txt. The scripts run as the user runs them, as child
 * processes, on a COPY of the electron package (MINIMAX_TRAY_ELECTRON_DIR), with every
 * `npm_config_electron_*` and ELECTRON_* variable of the test's own environment cleared.
 */
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ELECTRON_VERSION,
  STUB_EXECUTABLE,
  STUB_RECORD_ENV,
  copyElectronPackage,
  startElectronMirror,
  stubScript,
  type ElectronMirror,
} from '../../support/electron-mirror.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const REAL_PACKAGE = path.join(ROOT, 'node_modules', 'electron');
const HEADLESS_BANNER = /Watching the built-in simulator/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const running = new Set<number>();

/**
 * Runs `node scripts/<script>` in its own process group. With `stopWhen`, sends SIGTERM once the
 * output matches it (the headless demo runs until stopped). Kills the whole group after 30 s.
 */
function runScript(script: string, args: string[], env: NodeJS.ProcessEnv, stopWhen?: RegExp): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', script), ...args], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid!;
    running.add(pid);
    let stdout = '';
    let stderr = '';
    let stopped = false;
    const check = () => {
      if (stopWhen && !stopped && stopWhen.test(stdout + stderr)) {
        stopped = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', (d) => ((stdout += d), check()));
    child.stderr.on('data', (d) => ((stderr += d), check()));
    const timer = setTimeout(() => {
      killGroup(pid);
      reject(new Error(`${script} did not finish within 30 s\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(pid);
      resolve({ code, stdout, stderr });
    });
  });
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The test's environment without anything that steers Electron's installer elsewhere. */
function cleanEnv(): NodeJS.ProcessEnv {
  const steering = /^(electron_|npm_config_electron_|npm_package_config_electron_|minimax_tray_)/i;
  const others = new Set([
    'npm_config_platform',
    'npm_config_arch',
    'force_no_cache',
    'require_electron',
    'node_use_env_proxy',
  ]);
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !steering.test(key) && !others.has(key.toLowerCase())),
  );
}

/** Lists a directory tree (relative paths), to prove a run left it alone. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** Lines of `text` matching `pattern`. */
const linesMatching = (text: string, pattern: RegExp) => text.split('\n').filter((l) => pattern.test(l));

const skip =
  process.platform === 'win32'
    ? 'the stub Electron is a POSIX shell script (Linux and macOS run this)'
    : false;

describe('first run installs Electron with its own installer (loopback mirror)', { skip }, () => {
  const realBefore = listing(REAL_PACKAGE);
  let dir: string;
  let copy: string;
  let record: string;
  let mirror: ElectronMirror | undefined;

  /** The environment the scripts get: the copy, the mirror, a private cache and state dir. */
  const envFor = (m: ElectronMirror, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    ...cleanEnv(),
    ELECTRON_MIRROR: m.url,
    electron_use_remote_checksums: '1',
    electron_config_cache: path.join(dir, 'cache'),
    MINIMAX_TRAY_ELECTRON_DIR: copy,
    XDG_STATE_HOME: path.join(dir, 'state'),
    [STUB_RECORD_ENV]: record,
    ...extra,
  });
  const stubRun = () => ({
    args: readFileSync(`${record}.args`, 'utf8').split('\n').filter(Boolean),
    env: readFileSync(`${record}.env`, 'utf8').split('\n'),
  });

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'minimax-electron-install-'));
    copy = copyElectronPackage(dir);
    record = path.join(dir, 'stub-run');
  });
  afterEach(async () => {
    await mirror?.close();
    mirror = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  after(() => {
    for (const pid of running) killGroup(pid);
    assert.deepEqual(listing(REAL_PACKAGE), realBefore, 'the real node_modules/electron was changed');
  });

  test('the demo downloads Electron, starts it with the app and MINIMAX_TRAY_DEMO=1; a second run downloads nothing', async () => {
    mirror = await startElectronMirror();
    const first = await runScript('demo.mjs', [], envFor(mirror));
    assert.equal(first.code, 0, first.stderr);
    const announced = linesMatching(first.stderr, /^demo: installing Electron/);
    assert.equal(announced.length, 1, first.stderr);
    assert.match(
      announced[0]!,
      new RegExp(`Electron ${ELECTRON_VERSION} for ${process.platform}-(x64|arm64)`),
    );
    assert.ok(announced[0]!.includes(`from ${mirror.host}`), announced[0]);
    assert.doesNotMatch(first.stderr, /headless|failed/);
    assert.deepEqual(
      mirror.requests.map((r) => path.posix.basename(r)).sort(),
      ['SHASUMS256.txt', `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`].sort(),
    );
    assert.ok(existsSync(path.join(copy, 'dist', STUB_EXECUTABLE)), 'the copy has no dist/ executable');
    const started = stubRun();
    assert.deepEqual(started.args, [ROOT]);
    assert.ok(started.env.includes('MINIMAX_TRAY_DEMO=1'), 'MINIMAX_TRAY_DEMO=1 missing from the stub env');

    rmSync(`${record}.args`);
    mirror.requests.length = 0;
    const second = await runScript('demo.mjs', [], envFor(mirror));
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(mirror.requests, [], 'the second run asked the mirror');
    assert.doesNotMatch(second.stderr, /installing Electron/);
    assert.deepEqual(stubRun().args, [ROOT]);
  });

  test('a mirror answering 404: the demo says why in one line naming the host, then runs the headless demo', async () => {
    mirror = await startElectronMirror({ notFound: true });
    const run = await runScript(
      'demo.mjs',
      ['--state-dir', path.join(dir, 'cli')],
      envFor(mirror),
      HEADLESS_BANNER,
    );
    assert.equal(run.code, 0, run.stderr);
    const why = linesMatching(run.stderr, /^demo: .*failed/);
    assert.equal(why.length, 1, run.stderr);
    assert.ok(why[0]!.includes(`download from ${mirror.host} failed`), why[0]);
    assert.match(why[0]!, /404 \(Not Found\)/);
    assert.match(why[0]!, /headless demo/);
    assert.match(run.stderr, HEADLESS_BANNER);
    assert.ok(mirror.requests.length > 0, 'no download was tried');
    assert.equal(existsSync(`${record}.args`), false, 'the stub ran');
  });

  test('npm start: a failed download exits 1 with the reason and the CLI hint', async () => {
    mirror = await startElectronMirror({ notFound: true });
    const run = await runScript('start.mjs', [], envFor(mirror));
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      new RegExp(`start: cannot start the tray app: the Electron download from ${mirror.host} failed: .*404`),
    );
    assert.match(run.stderr, /npx minimax-jobs watch/);
  });

  test('a mirror without its trailing slash: the reason says so', async () => {
    mirror = await startElectronMirror();
    const run = await runScript(
      'start.mjs',
      [],
      envFor(mirror, { ELECTRON_MIRROR: mirror.url.slice(0, -1) }),
    );
    assert.equal(run.code, 1);
    assert.match(run.stderr, /a mirror URL must end with \//);
  });

  test('npm run test:electron skips in one line naming the host, and fails with REQUIRE_ELECTRON=1', async () => {
    mirror = await startElectronMirror({ notFound: true });
    const skipped = await runScript('electron-e2e.mjs', [], envFor(mirror));
    assert.equal(skipped.code, 0, skipped.stderr);
    const lines = skipped.stdout.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, skipped.stdout);
    assert.ok(
      lines[0]!.startsWith(`real-Electron suite skipped: the Electron download from ${mirror.host} failed`),
      lines[0],
    );

    const required = await runScript('electron-e2e.mjs', [], envFor(mirror, { REQUIRE_ELECTRON: '1' }));
    assert.equal(required.code, 1);
    assert.doesNotMatch(required.stdout, /real-Electron suite skipped:/);
    assert.match(required.stderr, /REQUIRE_ELECTRON=1/);
    assert.ok(required.stderr.includes(mirror.host), required.stderr);
  });

  test('ELECTRON_OVERRIDE_DIST_PATH: its executable starts, and the installer never runs', async () => {
    mirror = await startElectronMirror();
    const override = path.join(dir, 'unpacked');
    const executable = path.join(override, STUB_EXECUTABLE);
    mkdirSync(path.dirname(executable), { recursive: true });
    writeFileSync(executable, stubScript());
    chmodSync(executable, 0o755);
    const run = await runScript('demo.mjs', [], envFor(mirror, { ELECTRON_OVERRIDE_DIST_PATH: override }));
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(stubRun().args, [ROOT]);
    assert.deepEqual(mirror.requests, []);
    assert.equal(existsSync(path.join(copy, 'dist')), false);
  });

  test('ELECTRON_OVERRIDE_DIST_PATH naming an empty folder: the headless demo, saying so, with no download tried', async () => {
    mirror = await startElectronMirror();
    const override = path.join(dir, 'empty');
    mkdirSync(override);
    const run = await runScript(
      'demo.mjs',
      ['--state-dir', path.join(dir, 'cli')],
      envFor(mirror, { ELECTRON_OVERRIDE_DIST_PATH: override }),
      HEADLESS_BANNER,
    );
    assert.equal(run.code, 0, run.stderr);
    const why = linesMatching(run.stderr, /^demo: /);
    assert.equal(why.length, 1, run.stderr);
    assert.ok(why[0]!.includes(`ELECTRON_OVERRIDE_DIST_PATH is ${override}`), why[0]);
    assert.doesNotMatch(run.stderr, /download|installing/i);
    assert.deepEqual(mirror.requests, []);
    assert.equal(existsSync(path.join(copy, 'dist')), false);
  });
});
