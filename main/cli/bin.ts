#!/usr/bin/env node
/**
 * Entry point of the `minimax-jobs` command (package.json "bin"). Wires process signals and
 * streams into {@link runCli} and exits with its code.
 */
import { runCli } from './main.ts';

// The first SIGINT/SIGTERM/SIGHUP (Ctrl+C, a service manager's stop, the terminal closed) asks
// for a graceful stop (save the ledger, flush, exit 0); a second one forces the exit (128 + signal
// number, as the shell reports a death by that signal).
const FORCED_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
const stop = new AbortController();
const stopSignal = new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve()));
let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    signals++;
    if (signals > 1) process.exit(FORCED_EXIT[signal]);
    stop.abort();
  });
}

// Output cut off (`| head`, a closed pipe, a full disk): stop quietly instead of a stack trace.
// A closed terminal (EIO, with the SIGHUP) is a stop request instead: nothing more can be shown,
// but `watch` still saves its ledger and releases its lock.
let terminalGone = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (terminalGone) return;
    if (e.code === 'EIO') {
      terminalGone = true;
      stop.abort();
      return;
    }
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
