#!/usr/bin/env node
// `npm run demo`: the tray app against the built-in simulator (no account, no token, no keychain).
// Where no Electron binary exists it says why and runs the headless demo instead:
// `minimax-jobs watch --demo`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { NO_ELECTRON_REASON, findElectronBinary, root } from './electron-binary.mjs';

const extra = process.argv.slice(2);
const binary = findElectronBinary();
let child;
if (binary) {
  child = spawn(binary, [root, ...extra], {
    stdio: 'inherit',
    env: { ...process.env, MINIMAX_TRAY_DEMO: '1' },
  });
} else {
  console.error(`demo: running the headless demo, because ${NO_ELECTRON_REASON}.`);
  child = spawn(process.execPath, [path.join(root, 'dist/main/cli/bin.js'), 'watch', '--demo', ...extra], {
    stdio: 'inherit',
  });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
