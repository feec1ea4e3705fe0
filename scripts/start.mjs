#!/usr/bin/env node
// `npm start`: the tray app against the real useapi.net API; it asks for the token on first run.
// With no Electron binary installed it runs Electron's installer first (scripts/electron-binary.mjs);
// when that fails it exits 1 with the reason and the CLI hint.
import { spawn } from 'node:child_process';
import { ensureElectron, root } from './electron-binary.mjs';

const electron = ensureElectron({ say: (line) => console.error(`start: ${line}`) });
if (!electron.binary) {
  console.error(`start: cannot start the tray app: ${electron.reason}.`);
  console.error(
    'The headless CLI works anywhere: npx minimax-jobs watch (token from USEAPI_TOKEN or the keychain).',
  );
  process.exit(1);
}
const child = spawn(electron.binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
