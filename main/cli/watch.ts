/**
 * `minimax-jobs watch`: the JobMonitor until SIGINT/SIGTERM/SIGHUP (or a rejected token), with its
 * state folder locked. Events go out as NDJSON (`--json`) or as lines for people with a live
 * status line (watch-human.ts).
 */
import { makeDirs } from '../core/make-dirs.ts';
import path from 'node:path';
import { JobMonitor } from '../core/monitor/job-monitor.ts';
import { claimDemoDir, type DemoDir } from '../core/state/demo-dir.ts';
import { isLocalStateError, LocalStateError } from '../core/state/local-state-error.ts';
import { acquireStateLock } from '../core/state/state-lock.ts';
import type { Logger, MonitorEvent } from '../core/types.ts';
import type { CliArgs } from './args.ts';
import { EXIT, type CliIO, type Connection } from './context.ts';
import { toCliEvent } from './output.ts';
import { accountsLabel } from './human.ts';
import type { Terminal } from './terminal.ts';
import { HumanWatch, stoppingMessage } from './watch-human.ts';
import { startSaving } from './watch-save.ts';

/** Redraw interval of the status line (elapsed times and countdowns move by the second). */
const STATUS_TICK_MS = 1_000;

/** What `watch` runs with. */
export interface WatchRun {
  args: CliArgs;
  io: CliIO;
  terminal: Terminal;
  conn: Connection;
  logger: Logger;
}

/**
 * `watch` with its state directory locked for the whole run. The demo's folder is claimed (never
 * a folder holding files it did not create) and its ledger emptied once the lock is held: the
 * simulator starts afresh with the same job ids, which an old ledger would take for jobs already
 * announced. Local-state failures print their message and exit 7.
 * @returns the exit code: 0 after a stop signal, 3 on a rejected token, 7 for local state.
 */
export async function runWatch(run: WatchRun): Promise<number> {
  const { args, conn, terminal } = run;
  try {
    let demoDir: DemoDir | null = null;
    if (args.demo) demoDir = await claimDemoDir(conn.stateDir);
    else await makeStateDir(conn.stateDir);
    const lock = await acquireStateLock(conn.stateDir, { logger: run.logger });
    try {
      await demoDir?.reset();
      return await watchLocked(run);
    } finally {
      await lock.release();
    }
  } catch (e) {
    if (!isLocalStateError(e)) throw e;
    terminal.line(`minimax-jobs: ${e.message}`, 'err');
    return EXIT.localState;
  }
}

async function makeStateDir(dir: string): Promise<void> {
  try {
    await makeDirs(dir);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new LocalStateError('unwritable', `Cannot create the state directory ${dir}: ${why}`, { cause: e });
  }
}

async function watchLocked({ args, io, terminal, conn, logger }: WatchRun): Promise<number> {
  const monitor = new JobMonitor({
    api: conn.client,
    logger,
    ledgerPath: path.join(conn.stateDir, 'ledger.json'),
    polling: conn.demo?.polling,
    reconcile: conn.demo?.reconcile,
    websiteJobs: args.websiteJobs,
    accounts: args.accounts,
  });
  const human = args.json ? null : new HumanWatch({ source: monitor, terminal, apiBase: conn.apiBase });
  // Resolves at the first 401: watch then exits 3, after printing the error event.
  const stopForAuth = new Promise<'unauthorized'>((resolve) => {
    monitor.subscribe((events: MonitorEvent[]) => {
      if (human) human.onEvents(events);
      else {
        // Account names and capacity are the app window's: not part of the CLI contract.
        for (const event of events)
          if (event.type !== 'accounts') terminal.line(JSON.stringify(toCliEvent(event)), 'out');
      }
      if (events.some((e) => e.type === 'error' && e.reason === 'unauthorized')) resolve('unauthorized');
    });
  });
  // Results are saved from the finished jobs the monitor announces (after they are printed).
  const saver = await startSaving(args, conn.stateDir, terminal, logger);
  if (saver) {
    monitor.subscribe((events) => {
      for (const event of events) if (event.type === 'job-finished') saver.offer(event.job);
    });
  }
  if (human) {
    const where = args.demo ? `the built-in simulator (speed ×${args.speed})` : new URL(conn.apiBase).host;
    const label = accountsLabel(args.accounts);
    const of = label === null ? '' : ` of ${label}`;
    terminal.line(`Watching ${where} for MiniMax jobs${of}. Press Ctrl+C to stop.`, 'err');
  }
  await monitor.start();
  human?.redraw();
  // Elapsed times and countdowns move every second, but only a terminal shows them.
  const tick = terminal.live && human ? setInterval(() => human.redraw(), STATUS_TICK_MS) : null;
  tick?.unref();
  const why = await Promise.race([io.stopSignal.then(() => 'signal' as const), stopForAuth]);
  if (tick) clearInterval(tick);
  if (why === 'signal') {
    if (human) human.stopping();
    else terminal.line(stoppingMessage(monitor.busy), 'err');
  }
  try {
    await monitor.stop();
  } finally {
    // A download in flight keeps its temp file: the next `watch --save-to` resumes it.
    await saver?.stop();
  }
  return why === 'unauthorized' ? EXIT.unauthorized : EXIT.ok;
}
