#!/usr/bin/env node
/**
 * Entry point of the `minimax-jobs` command (package.json "bin"). Wires process signals and
 * streams into {@link runCli} and exits with its code.
 */
import { runCli } from './main.ts';

const stopSignal = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, stopSignal }).then(
  (code) => {
    process.exitCode = code;
    // Timers are unref'd; nothing else should keep the process alive after the run.
    setImmediate(() => process.exit(code));
  },
  (e: unknown) => {
    process.stderr.write(`minimax-jobs: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
