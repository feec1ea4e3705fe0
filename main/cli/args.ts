/**
 * Command-line parsing for `minimax-jobs`, on Node's own util.parseArgs.
 * Options may stand before or after the subcommand, in `--name value` form.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { closest, distance } from 'fastest-levenshtein';

/** Parsed command line. */
export interface CliArgs {
  command: 'list' | 'watch' | 'help' | 'version';
  json: boolean;
  demo: boolean;
  /** Demo speed factor (job durations are divided by it). */
  speed: number;
  /** API base URL as given (validated later), or null for the default. */
  apiBase: string | null;
  /** State directory for the ledger. */
  stateDir: string;
  /** `watch --save-to DIR`: the folder results are saved to (absolute), or null. */
  saveTo: string | null;
  /** `--save-images`: save image results too (videos only without it). */
  saveImages: boolean;
  /**
   * Also read the per-account lists (GET /accounts, GET /videos/, GET /images/) for website jobs
   * and jobs that finished while away; false with `--no-website-jobs`.
   */
  websiteJobs: boolean;
  /**
   * `--account ID` (repeatable): the MiniMax account ids to watch or list, in the order given,
   * without repeats; null (no `--account`) for every account.
   */
  accounts: string[] | null;
}

/** A usage error: the CLI prints it with the help hint and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Default demo speed: videos (2–6 min) finish in 12–36 s, images in 2–6 s. */
export const DEFAULT_DEMO_SPEED = 10;

/**
 * The CLI's own state directory (never the tray app's, so the CLI never takes the app's news):
 * Linux `$XDG_STATE_HOME/minimax-jobs` (default ~/.local/state/minimax-jobs, also when
 * XDG_STATE_HOME is relative: the XDG Base Directory spec says to ignore it then), macOS
 * `~/Library/Application Support/minimax-jobs`, Windows `%LOCALAPPDATA%\minimax-jobs`.
 */
export function defaultStateDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'minimax-jobs');
  }
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'minimax-jobs');
  const xdg = env.XDG_STATE_HOME;
  const stateHome = xdg && path.posix.isAbsolute(xdg) ? xdg : path.join(home, '.local', 'state');
  return path.join(stateHome, 'minimax-jobs');
}

/** The options `minimax-jobs` takes (util.parseArgs form). */
const OPTIONS = {
  json: { type: 'boolean' },
  demo: { type: 'boolean' },
  speed: { type: 'string' },
  'api-base': { type: 'string' },
  'state-dir': { type: 'string' },
  'save-to': { type: 'string' },
  'save-images': { type: 'boolean' },
  'no-website-jobs': { type: 'boolean' },
  account: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsOptionsConfig;

const COMMANDS = ['list', 'watch'] as const;

/**
 * The nearest of `candidates` to a mistyped `word`: one it starts, else the closest by edit
 * distance when at most 2 edits (or a third of the word) away; null when none is near.
 */
export function nearest(word: string, candidates: readonly string[]): string | null {
  if (word === '') return null;
  const prefixed = candidates.filter((c) => c.startsWith(word));
  if (prefixed.length === 1) return prefixed[0] ?? null;
  const best = closest(word, [...candidates]);
  return distance(word, best) <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

/** "Unknown option --jsn. Did you mean --json?" for the first option argv holds that is not ours. */
function unknownOptionMessage(argv: string[], fallback: string): string {
  const { tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: OPTIONS,
  });
  const unknown = tokens.find((t) => t.kind === 'option' && !Object.hasOwn(OPTIONS, t.name));
  if (unknown?.kind !== 'option') return fallback;
  const guess = unknown.rawName.startsWith('--') ? nearest(unknown.name, Object.keys(OPTIONS)) : null;
  return `Unknown option ${unknown.rawName}.${guess === null ? '' : ` Did you mean --${guess}?`}`;
}

/** A MiniMax account id as `--account` takes it: digits (as in every documented example). */
const ACCOUNT_ID = /^[0-9]{1,32}$/;

/**
 * The `--account` values checked, in the order given, repeats dropped; null without any.
 * @throws UsageError naming the first value that is not an account id.
 */
function accountIds(values: readonly string[] | undefined): string[] | null {
  if (values === undefined) return null;
  for (const value of values) {
    if (ACCOUNT_ID.test(value)) continue;
    const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
    // "100001,100002": several ids in one value; say how to give them.
    const several = /^[0-9]{1,32}([\s,;]+[0-9]{1,32})+$/.test(value.trim());
    const repeated = value
      .trim()
      .split(/[\s,;]+/)
      .slice(0, 3)
      .map((id) => `--account ${id}`);
    throw new UsageError(
      several
        ? `--account takes one MiniMax account id (got ${shown}): repeat it, as in ${repeated.join(' ')}.`
        : `--account takes a MiniMax account id, digits only, as GET /accounts lists them (got ${shown}).`,
    );
  }
  return [...new Set(values)];
}

/**
 * Parses argv (without node and the script path).
 * @throws UsageError on unknown options (naming the nearest known one), a missing or unknown
 *   subcommand, a bad --speed, or an --account that is not an account id.
 */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if ((e as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(unknownOptionMessage(argv, message));
    }
    throw new UsageError(message);
  }
  const { values, positionals } = parsed;
  let command: CliArgs['command'];
  if (values.help) command = 'help';
  else if (values.version) command = 'version';
  else {
    if (positionals.length === 0) throw new UsageError('Missing command: use "list" or "watch".');
    if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}".`);
    const c = positionals[0] ?? '';
    if (c !== 'list' && c !== 'watch') {
      const guess = nearest(c, COMMANDS);
      const hint = guess === null ? 'use "list" or "watch".' : `did you mean "${guess}"?`;
      throw new UsageError(`Unknown command "${c}": ${hint}`);
    }
    command = c;
  }
  let speed = DEFAULT_DEMO_SPEED;
  if (values.speed !== undefined) {
    speed = Number(values.speed);
    if (!Number.isFinite(speed) || speed <= 0 || speed > 10_000) {
      throw new UsageError(`--speed takes a number above 0, at most 10000 (got "${values.speed}").`);
    }
  }
  const accounts = accountIds(values.account);
  if (values['state-dir'] === '') throw new UsageError('--state-dir needs a directory.');
  if (values['save-to'] === '') throw new UsageError('--save-to needs a directory.');
  if (command === 'list' && (values['save-to'] !== undefined || values['save-images'])) {
    throw new UsageError('--save-to and --save-images go with watch, not list.');
  }
  if (values['save-images'] && values['save-to'] === undefined) {
    throw new UsageError('--save-images needs --save-to DIR.');
  }
  return {
    command,
    json: values.json ?? false,
    demo: values.demo ?? false,
    speed,
    apiBase: values['api-base'] ?? null,
    stateDir: values['state-dir']
      ? path.resolve(values['state-dir'])
      : defaultStateDir(process.platform, env),
    saveTo: values['save-to'] ? path.resolve(values['save-to']) : null,
    saveImages: values['save-images'] ?? false,
    websiteJobs: values['no-website-jobs'] !== true,
    accounts,
  };
}

/** The text `--help` prints. */
export const HELP_TEXT = `minimax-jobs — watch MiniMax (Hailuo AI) jobs running through the useapi.net API

Usage:
  minimax-jobs list  [options]   print the jobs running now, website jobs too, and exit
  minimax-jobs watch [options]   poll until Ctrl+C; report jobs starting and finishing
                                 (in a terminal, a status line at the bottom shows what runs
                                 and when the next check is; NO_COLOR=1 turns colour off)

Options (before or after the command):
  --json             newline-delimited JSON events on stdout (logs go to stderr)
  --demo             use the built-in simulator: no account, token or keychain needed
  --speed N          demo speed factor (default ${DEFAULT_DEMO_SPEED}: videos finish in 12–36 s)
  --api-base URL     API base (default https://api.useapi.net/v1/minimax)
  --state-dir DIR    where watch keeps its ledger (default: ${defaultStateDir()})
  --save-to DIR      watch: download each succeeded video into DIR (created if missing)
  --save-images      with --save-to: images too
  --no-website-jobs  only the API's scheduler: no GET /accounts, /videos/ or /images/, so jobs
                     started on the hailuoai website and jobs that finished while away are missed
  --account ID       only this MiniMax account's jobs (repeat for several; default: all). An ID
                     GET /accounts does not list is warned about (not with --no-website-jobs)
  --help, --version

Token: the USEAPI_TOKEN environment variable, else the OS keychain entry the MiniMax Tray app
saves (service "minimax-tray", account "useapi-token").

Exit codes: 0 ok, 1 output could not be written (stdout on a full disk), 2 usage error,
3 unauthorized or no usable token, 4 network or timeout, 5 bad response from the API, 6 any other
API error, 7 local state (state directory in use by another watch, ledger from a newer version,
folder not writable, --save-to folder not creatable, ledger not saved on stop).`;
