#!/usr/bin/env node
/**
 * Entry point of the `minimax-jobs` command (package.json "bin"). Wires process signals and
 * streams into {@link runCli} and exits with its code.
 */
import { runCli } from './main.ts';

// The first SIGINT/SIGTERM asks for a graceful stop (save the ledger, flush, exit 0); a second one
// forces the exit.
let signals = 0;
const stopSignal = new Promise<void>((resolve) => {
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) process.exit(signal === 'SIGINT' ? 130 : 143);
    resolve();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
});

// Output cut off (`| head`, a closed pipe, a full disk): stop quietly instead of a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && stream === process.stdout) {
      process.stderr.write(`minimax-jobs: cannot write output: ${e.code ?? e.message}\n`);
    }
    process.exit(e.code === 'EPIPE' ? 0 : 1);
  });
}

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stopSignal,
}).then(
  (code) => {
    process.exitCode = code;
    // Exit at once: an idle keep-alive socket must not hold the process after the run.
    setImmediate(() => process.exit(code));
  },
  (e: unknown) => {
    process.stderr.write(
      `minimax-jobs: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
