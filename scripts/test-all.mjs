#!/usr/bin/env node
// `npm test`: everything that can run on this machine, in order, and nothing skipped silently.
//  1. type check, lint and format check   2. build (tsc + bundles + icons)
//  3. unit and HTTP integration tests      4. browser end-to-end suite (Chromium)
//  5. real-Electron suite (says why it is skipped when no Electron binary exists)
//  6. OS keychain suite (inside a private D-Bus session with gnome-keyring, when installed)
// It ends with one summary line "tests: N passed, N failed, N skipped".
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The tests run TypeScript directly (Node's type stripping, on by default from Node 22.18 / 24).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `npm test needs Node.js 24 LTS (found ${process.version}); the built CLI alone runs on Node 20.19+.\n` +
      'Install it from the npm registry, for example: npm i -g --prefix ~/.node24 node@24 && export PATH=~/.node24/bin:$PATH',
  );
  process.exit(1);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const totals = { pass: 0, fail: 0, skipped: 0 };
const failures = [];

function run(name, cmd, args, { count = false, env = {} } = {}) {
  return new Promise((resolve) => {
    process.stdout.write(`\n=== ${name}\n`);
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('close', (code) => {
      if (count && /^real-Electron suite skipped:/m.test(tail)) totals.skipped += 1;
      if (count) {
        for (const key of ['pass', 'fail', 'skipped']) {
          const m = new RegExp(`^ℹ ${key} (\\d+)$`, 'm').exec(tail);
          if (m) totals[key] += Number(m[1]);
        }
      }
      if (code !== 0) failures.push(`${name} (exit ${code})`);
      resolve(code);
    });
  });
}

const node = process.execPath;
const nodeTest = (globs) => [
  '--import',
  './test/support/register.mjs',
  '--test',
  '--test-reporter=spec',
  '--test-concurrency=2',
  ...globs,
];
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

await run('type check', node, [
  path.join(root, 'node_modules/typescript/bin/tsc'),
  '--noEmit',
  '-p',
  'tsconfig.json',
]);
await run('lint (eslint)', bin('eslint'), ['.']);
await run('format (prettier --check)', bin('prettier'), ['--check', '.']);
await run('dead code (knip)', bin('knip'), []);
await run('build', node, ['scripts/build.mjs']);
await run('unit and integration tests', node, nodeTest(['test/unit/**/*.test.ts']), { count: true });
await run('browser end-to-end tests', node, nodeTest(['test/e2e/**/*.test.ts']), { count: true });
await run('real-Electron suite', node, ['scripts/electron-e2e.mjs'], { count: true });

const hasKeyring =
  spawnSync('sh', ['-c', 'command -v dbus-run-session && command -v gnome-keyring-daemon'], {
    stdio: 'ignore',
  }).status === 0;
if (hasKeyring) {
  await run(
    'OS keychain tests (gnome-keyring in a private D-Bus session)',
    'dbus-run-session',
    [
      '--',
      'sh',
      '-c',
      `echo -n test-unlock | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "${node}" ${nodeTest(
        ["'test/keychain/**/*.test.ts'"],
      ).join(' ')}`,
    ],
    // A fresh keyring directory each run, so a keyring left by an earlier run (other password) never prompts.
    { count: true, env: { XDG_DATA_HOME: mkdtempSync(path.join(os.tmpdir(), 'keyring-')) } },
  );
} else {
  process.stdout.write(
    '\n=== OS keychain tests: SKIPPED — dbus-run-session or gnome-keyring-daemon is not installed (apt-get install dbus gnome-keyring)\n',
  );
  totals.skipped += 1;
}

process.stdout.write(`\n${failures.length ? `FAILED: ${failures.join('; ')}\n` : ''}`);
process.stdout.write(`tests: ${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped\n`);
process.exit(failures.length ? 1 : 0);
