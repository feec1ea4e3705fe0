#!/usr/bin/env node
// `npm start`: the tray app against the real useapi.net API; it asks for the token on first run.
import { spawn } from 'node:child_process';
import { NO_ELECTRON_REASON, findElectronBinary, root } from './electron-binary.mjs';

const binary = findElectronBinary();
if (!binary) {
  console.error(`start: cannot start the tray app: ${NO_ELECTRON_REASON}.`);
  console.error(
    'The headless CLI works anywhere: npx minimax-jobs watch (token from USEAPI_TOKEN or the keychain).',
  );
  process.exit(1);
}
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
