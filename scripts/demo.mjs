#!/usr/bin/env node
// `npm run demo`: the tray app against the built-in simulator (no account, no token, no keychain).
// With no Electron binary installed it runs Electron's installer first (scripts/electron-binary.mjs);
// only when that fails does it say why, in one line, and run the headless demo instead:
// `minimax-jobs watch --demo`. Arguments are passed on to either.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureElectron, root } from './electron-binary.mjs';

const extra = process.argv.slice(2);
const electron = ensureElectron({ say: (line) => console.error(`demo: ${line}`) });
let child;
if (electron.binary) {
  child = spawn(electron.binary, [root, ...extra], {
    stdio: 'inherit',
    env: { ...process.env, MINIMAX_TRAY_DEMO: '1' },
  });
} else {
  console.error(`demo: ${electron.reason}; running the headless demo instead (minimax-jobs watch --demo).`);
  child = spawn(process.execPath, [path.join(root, 'dist/main/cli/bin.js'), 'watch', '--demo', ...extra], {
    stdio: 'inherit',
  });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
