#!/usr/bin/env node
// `npm run test:e2e`: the browser end-to-end suite (test/e2e/): the real main process on the
// electron double, the built renderer and preload in headless Chromium. The suite runs the BUILT
// app, so this builds first when dist/ (or the generated tray icons) is missing or older than the
// sources; `--no-build` skips that. Other arguments are passed to `node --test` (e.g. a file).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const passThrough = args.filter((a) => a !== '--no-build');

const BUILT = [
  'dist/main/electron/main.js',
  'dist/preload/preload.cjs',
  'dist/renderer/index.html',
  'dist/renderer/renderer.js',
  'dist/renderer/styles.css',
  'assets/generated/tray/idle.png',
];
const SOURCES = ['main', 'renderer', 'assets/svg', 'scripts/build.mjs', 'scripts/icons.mjs'];

/** Newest modification time (ms) under `p` (a file or a folder), 0 when missing. */
function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

function needsBuild() {
  const built = BUILT.map((f) => path.join(root, f));
  if (built.some((f) => !existsSync(f))) return 'the build is missing';
  const oldestBuilt = Math.min(...built.map((f) => statSync(f).mtimeMs));
  const newestSource = Math.max(...SOURCES.map((s) => newest(path.join(root, s))));
  return newestSource > oldestBuilt ? 'sources changed since the last build' : null;
}

const why = noBuild ? null : needsBuild();
if (why) {
  console.log(`e2e: building first (${why})`);
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const result = spawnSync(
  process.execPath,
  [
    '--import',
    './test/support/register.mjs',
    '--test',
    '--test-reporter=spec',
    '--test-concurrency=2',
    ...(passThrough.length > 0 ? passThrough : ['test/e2e/**/*.test.ts']),
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
