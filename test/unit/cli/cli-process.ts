// Runs the real `minimax-jobs` CLI (main/cli/bin.ts) as a child process, for the contract tests.
// The env never reaches a real keychain (no D-Bus session) and HOME is the temp folder.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

export const BIN = path.resolve('main/cli/bin.ts');

/** A finished CLI run. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A CLI process that is still running, with its NDJSON events parsed as they arrive. */
export interface LiveRun {
  child: ChildProcess;
  /** Events parsed from stdout so far. */
  events: Record<string, unknown>[];
  /** Called after each event line. */
  onEvent: ((events: Record<string, unknown>[]) => void) | null;
  /** Resolves when the process has exited. */
  done: Promise<Run & { events: Record<string, unknown>[] }>;
}

const live = new Set<ChildProcess>();

/** Kills every CLI process still running (an `after` hook: a failed test must not leave one). */
export function killLeftovers(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.tmpdir(),
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
      ...env,
    },
  });
  live.add(child);
  child.on('exit', () => live.delete(child));
  return child;
}

/** Runs the CLI to completion. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawnCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `minimax-jobs watch --json ...args` and parses its events as they come. */
export function startWatch(args: string[], env: Record<string, string> = {}): LiveRun {
  const child = spawnCli(['watch', '--json', ...args], env);
  const live: LiveRun = { child, events: [], onEvent: null, done: Promise.resolve() as never };
  live.done = new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let buffered = '';
    child.stdout?.on('data', (d) => {
      stdout += d;
      buffered += d;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        live.events.push(JSON.parse(line) as Record<string, unknown>);
        live.onEvent?.(live.events);
      }
    });
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, events: live.events }));
  });
  return live;
}

/** Resolves once `live` has printed an event of `type`. */
export function untilEvent(live: LiveRun, type: string): Promise<void> {
  return new Promise((resolve) => {
    live.onEvent = (events) => {
      if (events.some((e) => e.type === type)) resolve();
    };
  });
}

/**
 * Starts `watch`, collects NDJSON events, and calls `until(events)` after each line; when it
 * returns true, sends SIGINT and resolves with everything once the process exits.
 */
export function watchUntil(
  args: string[],
  env: Record<string, string>,
  until: (events: Record<string, unknown>[]) => boolean,
): Promise<Run & { events: Record<string, unknown>[] }> {
  const live = startWatch(args, env);
  let signalled = false;
  live.onEvent = (events) => {
    if (!signalled && until(events)) {
      signalled = true;
      live.child.kill('SIGINT');
    }
  };
  return live.done;
}

/** A CLI process whose output is collected as it comes, in human or JSON mode. */
export interface Started {
  child: ChildProcess;
  /** Output so far. */
  output(): { stdout: string; stderr: string };
  /**
   * Resolves once `pred` holds (checked on every output and every 50 ms, so it may also look at
   * other state); rejects when the process exits first or after `timeoutMs`.
   */
  waitFor(pred: (out: { stdout: string; stderr: string }) => boolean, timeoutMs?: number): Promise<void>;
  done: Promise<Run>;
}

/** Starts the CLI with piped stdout/stderr (not a terminal). */
export function startCli(args: string[], env: Record<string, string> = {}): Started {
  return collect(spawnCli(args, env));
}

function collect(child: ChildProcess): Started {
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const w of [...waiters]) w();
  };
  child.stdout?.on('data', (d) => {
    stdout += d;
    changed();
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
    changed();
  });
  const done = new Promise<Run>((resolve) => {
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
      changed();
    });
  });
  const output = () => ({ stdout, stderr });
  const waitFor: Started['waitFor'] = (pred, timeoutMs = 15_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (pred(output())) {
          cleanup();
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          cleanup();
          reject(new Error(`the CLI exited first; stdout: ${stdout} stderr: ${stderr}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out; stdout: ${stdout} stderr: ${stderr}`));
      }, timeoutMs);
      const poll = setInterval(check, 50);
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(poll);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return { child, output, waitFor, done };
}

/** Terminal size of {@link startInPty}. */
export const PTY_SIZE = { cols: 100, rows: 30 } as const;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Starts the CLI in a pseudo-terminal of {@link PTY_SIZE} (util-linux `script`), so that its
 * stdout and stderr are a terminal as in a user's window; `stdout` carries what the terminal
 * received. Writing "\x03" to `child.stdin` is a Ctrl+C typed by the user.
 */
export function startInPty(args: string[], env: Record<string, string> = {}): Started {
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  const child = spawn(
    'script',
    ['-qfec', `stty cols ${PTY_SIZE.cols} rows ${PTY_SIZE.rows} && exec ${command}`, '/dev/null'],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: os.tmpdir(),
        TERM: 'xterm-256color',
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  live.add(child);
  child.on('exit', () => live.delete(child));
  return collect(child);
}
