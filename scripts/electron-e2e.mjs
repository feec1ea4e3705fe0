#!/usr/bin/env node
// `npm run test:electron`: the end-to-end scenarios on a real Electron binary, through
// Playwright's _electron launcher, against the built app (dist/).
// With no Electron binary installed it runs Electron's installer first (scripts/electron-binary.mjs).
// When no binary can be had it prints ONE line starting `real-Electron suite skipped:` (counted by
// scripts/test-all.mjs) with the reason, and exits 0; with REQUIRE_ELECTRON set (CI sets
// REQUIRE_ELECTRON=1) it says so and exits 1 instead, so CI cannot pass by skipping.
import { spawnSync } from 'node:child_process';
import { ensureElectron, root } from './electron-binary.mjs';

const required = !['', '0', 'false'].includes(process.env.REQUIRE_ELECTRON ?? '');
const electron = ensureElectron({ say: (line) => console.error(`test:electron: ${line}`) });
if (!electron.binary) {
  if (required) {
    console.error(
      `real-Electron suite cannot run, and REQUIRE_ELECTRON=${process.env.REQUIRE_ELECTRON} requires it: ${electron.reason}.`,
    );
    process.exit(1);
  }
  console.log(`real-Electron suite skipped: ${electron.reason} (REQUIRE_ELECTRON=1 makes this a failure).`);
  process.exit(0);
}
const binary = electron.binary;

const args = [
  '--import',
  './test/support/register-none.mjs',
  '--test',
  '--test-reporter=spec',
  '--test-concurrency=1',
  'test/electron/**/*.test.ts',
];
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const cmd = needsDisplay ? 'xvfb-run' : process.execPath;
const cmdArgs = needsDisplay ? ['-a', process.execPath, ...args] : args;
const result = spawnSync(cmd, cmdArgs, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_BINARY: binary },
});
process.exit(result.status ?? 1);
