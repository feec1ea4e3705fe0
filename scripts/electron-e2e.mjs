#!/usr/bin/env node
// `npm run test:electron`: the end-to-end scenarios on a real Electron binary, through
// Playwright's _electron launcher, against the built app (dist/).
// Electron >= 42 downloads its binary from GitHub on first use; this script never triggers that.
// With no binary present it prints ONE line saying the suite was skipped and why, and exits 0.
import { spawnSync } from 'node:child_process';
import { NO_ELECTRON_REASON, findElectronBinary, root } from './electron-binary.mjs';

const binary = findElectronBinary();
if (!binary) {
  console.log(`real-Electron suite skipped: ${NO_ELECTRON_REASON}.`);
  process.exit(0);
}

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
