/**
 * `minimax-jobs`: the headless shell over the job-monitor core. `list` (list.ts) prints the jobs
 * running now; `watch` (watch.ts) runs the JobMonitor until SIGINT/SIGTERM/SIGHUP. Contract: README "CLI".
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { UseapiClient, DEFAULT_API_BASE, validateApiBase } from '../core/api/client.ts';
import { startDemoSimulator } from '../core/simulator/demo.ts';
import type { Logger } from '../core/types.ts';
import { HELP_TEXT, UsageError, parseCliArgs, type CliArgs } from './args.ts';
import { eventLine } from './human.ts';
import { runList } from './list.ts';
import { safeText, type CliEvent } from './output.ts';
import { EXIT, type CliIO, type Connection } from './context.ts';
import { createTerminal, type Terminal } from './terminal.ts';
import { resolveToken } from './token.ts';
import { runWatch } from './watch.ts';

/**
 * Core log lines that restate what the screen already shows in human mode: the monitor's note of
 * a failed poll or a rejected token (the error line says it) and of a failed final save (the exit
 * message says it). `--json` keeps them all on stderr.
 */
const RESTATED = [
  'monitor: poll failed',
  'monitor: the API token was rejected',
  'monitor: could not save the ledger on stop',
  // The saver's own events (save-failed, save-paused) already say these on stderr.
  'saver: not saved ',
  'saver: paused: ',
];

/**
 * The core's logger: warnings and errors on stderr. For people, one aligned line in local time
 * (debug and info are dropped); with `--json`, `minimax-jobs warning: …` log lines.
 */
function cliLogger(args: CliArgs, terminal: Terminal): Logger {
  const line = (level: 'warning' | 'error') => (message: string) => {
    if (args.json) {
      terminal.line(`minimax-jobs ${level}: ${message}`, 'err');
      return;
    }
    if (RESTATED.some((prefix) => message.startsWith(prefix))) return;
    const at = new Date().toISOString();
    terminal.line(eventLine(at, 'warning', '', safeText(message, 400), terminal.paint('err')), 'err');
  };
  return { debug: () => {}, info: () => {}, warn: line('warning'), error: line('error') };
}

function readVersion(): string {
  const require = createRequire(import.meta.url);
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      return (require(rel) as { version: string }).version;
    } catch {
      // try the next layout (source vs dist)
    }
  }
  return 'unknown';
}

async function connect(
  args: CliArgs,
  io: CliIO,
  terminal: Terminal,
  logger: Logger,
): Promise<Connection | number> {
  if (args.demo) {
    const demo = await startDemoSimulator(args.speed, { serveResultFiles: args.saveTo !== null });
    const client = new UseapiClient({ apiBase: demo.url, token: demo.token, logger });
    // The demo keeps its own ledger so it never mixes with a real account's news.
    return { client, apiBase: demo.url, demo, stateDir: path.join(args.stateDir, 'demo') };
  }
  let apiBase: string;
  try {
    apiBase = validateApiBase(args.apiBase ?? DEFAULT_API_BASE);
  } catch (e) {
    terminal.line(`minimax-jobs: ${e instanceof Error ? e.message : String(e)}`, 'err');
    return EXIT.usage;
  }
  const token = await resolveToken(io.env, io.keychain);
  if ('error' in token) {
    printFailure(args, terminal, {
      reason: 'unauthorized',
      message: token.error,
      status: null,
      account: null,
    });
    return EXIT.unauthorized;
  }
  return {
    client: new UseapiClient({ apiBase, token: token.token, logger }),
    apiBase,
    demo: null,
    stateDir: args.stateDir,
  };
}

/**
 * A failure that ends the run before or instead of watching: an `error` event with `--json`
 * (`retryAt` null: nothing is retried), else the message whole on stderr, then `hint`.
 */
function printFailure(
  args: CliArgs,
  terminal: Terminal,
  failure: Pick<Extract<CliEvent, { type: 'error' }>, 'reason' | 'message' | 'status' | 'account'>,
  hint = '',
): void {
  if (args.json) {
    // Field by field: an ApiError's own properties (name, retryAtMs) are not the contract, and its
    // message is not an own enumerable property.
    const event: CliEvent = {
      type: 'error',
      at: new Date().toISOString(),
      reason: failure.reason,
      message: failure.message,
      status: failure.status,
      account: failure.account,
      retryAt: null,
    };
    terminal.line(JSON.stringify(event), 'out');
    return;
  }
  const text = failure.message
    .split('\n')
    .map((l) => safeText(l, 2000))
    .join('\n');
  terminal.line(`minimax-jobs: ${text}${hint}`, 'err');
}

/**
 * Runs the CLI and resolves to the process exit code. Never rejects for expected failures
 * (bad arguments, API errors, missing token); unexpected bugs reject.
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let args: CliArgs;
  const plain = createTerminal(io, false);
  try {
    args = parseCliArgs(argv, io.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    plain.line(`minimax-jobs: ${e.message}\nRun "minimax-jobs --help" for usage.`, 'err');
    await plain.close();
    return EXIT.usage;
  }
  if (args.command === 'help' || args.command === 'version') {
    plain.line(args.command === 'help' ? HELP_TEXT : readVersion(), 'out');
    await plain.close();
    return EXIT.ok;
  }
  const terminal = args.command === 'watch' && !args.json ? createTerminal(io, true) : plain;
  const logger = cliLogger(args, terminal);
  const conn = await connect(args, io, terminal, logger);
  if (typeof conn === 'number') {
    await terminal.close();
    return conn;
  }
  try {
    return args.command === 'list'
      ? await runList({
          args,
          io,
          terminal,
          conn,
          logger,
          printFailure: (e, hint) => printFailure(args, terminal, e, hint),
        })
      : await runWatch({ args, io, terminal, conn, logger });
  } finally {
    await conn.demo?.stop();
    await terminal.close();
  }
}
