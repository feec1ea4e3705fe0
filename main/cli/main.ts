/**
 * `minimax-jobs`: the headless shell over the job-monitor core. `list` makes one scheduler
 * request; `watch` runs the JobMonitor until SIGINT/SIGTERM. Contract: README "CLI".
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { UseapiClient, DEFAULT_API_BASE, validateApiBase } from '../core/api/client.ts';
import { isApiError } from '../core/api/errors.ts';
import { JobMonitor } from '../core/monitor/job-monitor.ts';
import { demoPolling } from '../core/scheduler/poll-policy.ts';
import { DEMO_SEED, Simulator } from '../core/simulator/index.ts';
import type { ErrorReason, Logger, MonitorEvent } from '../core/types.ts';
import { claimDemoDir, type DemoDir } from '../core/state/demo-dir.ts';
import { isLocalStateError, LocalStateError } from '../core/state/local-state-error.ts';
import { acquireStateLock } from '../core/state/state-lock.ts';
import { KeychainStore, KeychainUnavailableError, type SecretStore } from '../secrets/keychain.ts';
import { HELP_TEXT, UsageError, parseCliArgs, type CliArgs } from './args.ts';
import { formatJobsTable, formatWatchLine, toCliEvent, toCliJob, type CliEvent } from './output.ts';

/** Exit codes of the CLI contract (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  usage: 2,
  unauthorized: 3,
  network: 4,
  badResponse: 5,
  apiError: 6,
  /** The state directory or ledger cannot be used: locked, newer ledger, not writable, save failed. */
  localState: 7,
} as const;

/** Exit code for an API failure reason. */
export function exitCodeFor(reason: ErrorReason): number {
  if (reason === 'unauthorized') return EXIT.unauthorized;
  if (reason === 'network' || reason === 'timeout') return EXIT.network;
  if (reason === 'bad-response') return EXIT.badResponse;
  return EXIT.apiError;
}

/** Where the CLI writes and what it reads; injectable for tests. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal: Promise<void>;
  /** The keychain; tests pass a fake. */
  keychain?: () => SecretStore;
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.write(text)) stream.once('drain', resolve);
    else resolve();
  });
}

function flush(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

function stderrLogger(io: CliIO): Logger {
  const line = (level: string) => (message: string) => {
    void write(io.stderr, `minimax-jobs ${level}: ${message}\n`);
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

type TokenResult = { token: string; source: string } | { error: string };

/**
 * The token: USEAPI_TOKEN (empty means unset), else the keychain entry the tray app saves.
 * Never throws; a keychain failure becomes an explanation.
 */
export async function resolveToken(io: CliIO): Promise<TokenResult> {
  const fromEnv = io.env.USEAPI_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, source: 'USEAPI_TOKEN' };
  try {
    const store: SecretStore = io.keychain ? io.keychain() : new KeychainStore();
    const token = await store.get();
    if (token) return { token, source: store.describe() };
    return {
      error: `No token: set USEAPI_TOKEN, or save one in the MiniMax Tray app (stored in ${store.describe()}).`,
    };
  } catch (e) {
    if (e instanceof KeychainUnavailableError) {
      return {
        error: `No token: USEAPI_TOKEN is not set, and the OS keychain cannot be used here: ${e.message}. Set USEAPI_TOKEN.`,
      };
    }
    return {
      error: `No token: USEAPI_TOKEN is not set and ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

interface Connection {
  client: UseapiClient;
  simulator: Simulator | null;
  /** The watch ledger's folder: `--state-dir`, or its `demo` subfolder for the simulator. */
  stateDir: string;
}

async function connect(args: CliArgs, io: CliIO, logger: Logger): Promise<Connection | number> {
  if (args.demo) {
    const simulator = new Simulator({ seed: DEMO_SEED, speed: args.speed, random: { enabled: true } });
    const { baseUrl } = await simulator.start();
    const client = new UseapiClient({ apiBase: baseUrl, token: simulator.token, logger });
    // The demo keeps its own ledger so it never mixes with a real account's news.
    return { client, simulator, stateDir: path.join(args.stateDir, 'demo') };
  }
  let apiBase: string;
  try {
    apiBase = validateApiBase(args.apiBase ?? DEFAULT_API_BASE);
  } catch (e) {
    await write(io.stderr, `minimax-jobs: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.usage;
  }
  const token = await resolveToken(io);
  if ('error' in token) {
    await emitError(args, io, {
      type: 'error',
      at: new Date().toISOString(),
      reason: 'unauthorized',
      message: token.error,
      status: null,
      account: null,
      retryAt: null,
    });
    return EXIT.unauthorized;
  }
  return {
    client: new UseapiClient({ apiBase, token: token.token, logger }),
    simulator: null,
    stateDir: args.stateDir,
  };
}

async function emitError(args: CliArgs, io: CliIO, event: CliEvent): Promise<void> {
  if (args.json) await write(io.stdout, `${JSON.stringify(event)}\n`);
  else await write(io.stderr, `${formatWatchLine(event, null)}\n`);
}

async function runList(args: CliArgs, io: CliIO, conn: Connection): Promise<number> {
  try {
    const jobs = await conn.client.listScheduler();
    const now = Date.now();
    const event: CliEvent = {
      type: 'jobs',
      at: new Date(now).toISOString(),
      jobs: jobs.map((j) => toCliJob(j, now)),
    };
    await write(io.stdout, args.json ? `${JSON.stringify(event)}\n` : `${formatJobsTable(event.jobs)}\n`);
    return EXIT.ok;
  } catch (e) {
    if (!isApiError(e)) throw e;
    await emitError(args, io, {
      type: 'error',
      at: new Date().toISOString(),
      reason: e.reason,
      message: e.message,
      status: e.status,
      account: e.account,
      retryAt: e.retryAtMs === null ? null : new Date(e.retryAtMs).toISOString(),
    });
    return exitCodeFor(e.reason);
  }
}

/**
 * `watch` with its state directory locked for the whole run. The demo's folder is claimed (never
 * a folder holding files it did not create) and its ledger emptied once the lock is held: the
 * simulator starts afresh with the same job ids, which an old ledger would take for jobs already
 * announced. Local-state failures print their message and exit 7.
 */
async function runWatch(args: CliArgs, io: CliIO, conn: Connection, logger: Logger): Promise<number> {
  try {
    let demoDir: DemoDir | null = null;
    if (args.demo) demoDir = await claimDemoDir(conn.stateDir);
    else await makeStateDir(conn.stateDir);
    const lock = await acquireStateLock(conn.stateDir);
    try {
      await demoDir?.reset();
      return await watchLocked(args, io, conn, logger);
    } finally {
      await lock.release();
    }
  } catch (e) {
    if (!isLocalStateError(e)) throw e;
    await write(io.stderr, `minimax-jobs: ${e.message}\n`);
    return EXIT.localState;
  }
}

async function makeStateDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new LocalStateError('unwritable', `Cannot create the state directory ${dir}: ${why}`, { cause: e });
  }
}

async function watchLocked(args: CliArgs, io: CliIO, conn: Connection, logger: Logger): Promise<number> {
  const monitor = new JobMonitor({
    api: conn.client,
    logger,
    ledgerPath: path.join(conn.stateDir, 'ledger.json'),
    polling: args.demo ? demoPolling(args.speed) : undefined,
  });
  let previousCount: number | null = null;
  let unauthorized: (() => void) | null = null;
  const stopForAuth = new Promise<void>((resolve) => (unauthorized = resolve));
  let exitCode: number = EXIT.ok;
  let output = Promise.resolve();

  const onEvents = (events: MonitorEvent[]) => {
    for (const event of events) {
      if (event.type === 'accounts') continue; // account details are the app window's
      const cli = toCliEvent(event);
      let text: string | null;
      if (args.json) text = JSON.stringify(cli);
      else {
        text = formatWatchLine(cli, previousCount);
        if (cli.type === 'jobs') previousCount = cli.jobs.length;
      }
      if (text !== null) {
        const line = `${text}\n`;
        output = output.then(() => write(cli.type === 'error' && !args.json ? io.stderr : io.stdout, line));
      }
      if (event.type === 'error' && event.reason === 'unauthorized') {
        exitCode = EXIT.unauthorized;
        unauthorized?.();
      }
    }
  };
  monitor.subscribe(onEvents);
  if (!args.json) {
    await write(
      io.stderr,
      args.demo
        ? `Watching the built-in simulator (speed ×${args.speed}). Press Ctrl+C to stop.\n`
        : 'Watching useapi.net for MiniMax jobs. Press Ctrl+C to stop.\n',
    );
  }
  await monitor.start();
  await Promise.race([io.stopSignal, stopForAuth]);
  try {
    await monitor.stop();
  } finally {
    await output;
  }
  return exitCode;
}

/**
 * Runs the CLI and resolves to the process exit code. Never rejects for expected failures
 * (bad arguments, API errors, missing token); unexpected bugs reject.
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv, io.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    await write(io.stderr, `minimax-jobs: ${e.message}\nRun "minimax-jobs --help" for usage.\n`);
    return EXIT.usage;
  }
  if (args.command === 'help') {
    await write(io.stdout, `${HELP_TEXT}\n`);
    return EXIT.ok;
  }
  if (args.command === 'version') {
    await write(io.stdout, `${readVersion()}\n`);
    return EXIT.ok;
  }
  const logger = stderrLogger(io);
  const conn = await connect(args, io, logger);
  if (typeof conn === 'number') {
    await flush(io.stdout);
    return conn;
  }
  try {
    return args.command === 'list' ? await runList(args, io, conn) : await runWatch(args, io, conn, logger);
  } finally {
    await conn.simulator?.stop();
    await flush(io.stdout);
  }
}
