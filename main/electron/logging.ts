/**
 * Logging for the main process: electron-log/main writing `<logs>/main.log` (Linux
 * `~/.config/MiniMax Tray/logs`, macOS `~/Library/Logs/MiniMax Tray`, Windows
 * `%APPDATA%\MiniMax Tray\logs`), one scope per concern (`controller`, `monitor`, `tray`, …).
 *
 * A hook redacts secrets from every message before any transport sees it: anything shaped like a
 * useapi.net token (`user:<digits>-<rest>`, except job ids, whose `user:<n>-minimax:` prefix is
 * not secret) and any `Bearer …` value. Code must still never log the token; this is the net.
 */
import { app, shell } from 'electron';
import log from 'electron-log/main';
import path from 'node:path';
import type { Logger } from '../core/types.ts';

/** useapi.net token shape; job ids (`user:1-minimax:…`) are left alone. */
const TOKEN_PATTERN = /user:\d+-(?!minimax:)[^\s"'`,;)\]}]+/g;
const BEARER_PATTERN = /(Bearer\s+)[^\s"'`,;)\]}]+/gi;
/** Placeholder written instead of a token. */
export const REDACTED = '[redacted]';

/** Replaces token-like and Bearer values in a string. */
export function redactText(text: string): string {
  return text.replace(BEARER_PATTERN, `$1${REDACTED}`).replace(TOKEN_PATTERN, REDACTED);
}

/**
 * Redacts secrets in any loggable value: strings, Errors (message and stack), arrays and plain
 * objects (up to 4 levels deep; deeper values become "[…]"). Returns a new value.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) {
    const copy = new Error(redactText(value.message));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redactText(value.stack);
    return copy;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 4) return '[…]';
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactSecrets(v, depth + 1);
  return out;
}

let initialised = false;

/** Options of {@link initLogging}. */
export interface LoggingOptions {
  /** Also print to stdout/stderr (default: only when the app is not packaged). */
  console?: boolean;
  /** Lowest level written to the file (default 'info'). */
  fileLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * Configures electron-log once: file under `app.getPath('logs')`, redaction hook, uncaught
 * errors logged (no dialog). Safe to call again (later calls change nothing).
 */
export function initLogging(opts: LoggingOptions = {}): void {
  if (initialised) return;
  initialised = true;
  log.transports.file.resolvePathFn = () => logFilePath();
  log.transports.file.level = opts.fileLevel ?? 'info';
  log.transports.console.level = (opts.console ?? !app.isPackaged) ? 'debug' : false;
  log.hooks.push((message) => {
    message.data = message.data.map((d) => redactSecrets(d));
    return message;
  });
  log.errorHandler.startCatching({ showDialog: false });
}

/** Path of the main log file. */
export function logFilePath(): string {
  return path.join(app.getPath('logs'), 'main.log');
}

/** A core {@link Logger} writing to electron-log under `scope`. */
export function scopedLogger(scope: string): Logger {
  const s = log.scope(scope);
  return {
    debug: (m, ...rest) => s.debug(m, ...rest),
    info: (m, ...rest) => s.info(m, ...rest),
    warn: (m, ...rest) => s.warn(m, ...rest),
    error: (m, ...rest) => s.error(m, ...rest),
  };
}

/** Opens the folder holding the log file in the file manager ("Open logs"). */
export async function openLogs(): Promise<void> {
  const error = await shell.openPath(path.dirname(logFilePath()));
  if (error) scopedLogger('logging').warn(`could not open the log folder: ${error}`);
}
