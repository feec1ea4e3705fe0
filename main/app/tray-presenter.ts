/**
 * What the tray shows, as pure functions: the tray state from the monitor's situation, and for a
 * state + count + platform the icon files, the macOS title, the tooltip and the first (disabled)
 * context-menu label. main/electron/tray.ts only applies the result.
 *
 * **Error reason → tray state** (one row per {@link ErrorReason}):
 *
 * | reason                                               | tray state                                          |
 * |------------------------------------------------------|-----------------------------------------------------|
 * | network, timeout                                     | offline (at once)                                   |
 * | unauthorized, account-on-hold                        | error (at once)                                     |
 * | rate-limited, server-busy, bad-response, api-error, not-found | error after {@link ERROR_AFTER_FAILURES} consecutive failures; before that the previous state is kept |
 *
 * Paused polling shows `paused` whatever the error. With no error: `running` when jobs run, else
 * `idle`. The count is always in the tooltip and the menu label, never only in the icon: some
 * Linux panels repaint the icon late (electron#54152) and macOS draws no count into the icon.
 */
import type { TrayState } from '../ipc.ts';
import type { ErrorReason } from '../core/types.ts';
import { trayIconFile } from './icon-names.ts';

/** Transient failures in a row after which the tray turns to `error`. */
export const ERROR_AFTER_FAILURES = 3;

/** How an error reason affects the tray: see the table in the module docs. */
export type ReasonEffect = 'offline' | 'error' | 'error-after-repeats';

/** The documented table, as data. */
export const REASON_EFFECT: Readonly<Record<ErrorReason, ReasonEffect>> = Object.freeze({
  network: 'offline',
  timeout: 'offline',
  unauthorized: 'error',
  'account-on-hold': 'error',
  'rate-limited': 'error-after-repeats',
  'server-busy': 'error-after-repeats',
  'bad-response': 'error-after-repeats',
  'api-error': 'error-after-repeats',
  'not-found': 'error-after-repeats',
});

/** What decides the tray state. */
export interface TrayStateInput {
  /** The state shown now (kept while a transient failure has not repeated enough). */
  previous: TrayState;
  /** The user paused polling. */
  paused: boolean;
  /** Reason of the current error (the last poll failed), or null after a success. */
  errorReason: ErrorReason | null;
  /** Failed polls in a row (0 after a success). */
  consecutiveFailures: number;
  /** Jobs in the (last known) running list. */
  runningCount: number;
}

/** The tray state for the situation, per the table in the module docs. */
export function trayStateFor(input: TrayStateInput): TrayState {
  if (input.paused) return 'paused';
  const healthy: TrayState = input.runningCount > 0 ? 'running' : 'idle';
  if (input.errorReason === null) return healthy;
  switch (REASON_EFFECT[input.errorReason]) {
    case 'offline':
      return 'offline';
    case 'error':
      return 'error';
    case 'error-after-repeats':
      if (input.consecutiveFailures >= ERROR_AFTER_FAILURES) return 'error';
      // Keep what was shown; a stale "paused" from before a resume becomes the healthy state.
      return input.previous === 'paused' ? healthy : input.previous;
  }
}

/** Everything that decides the tray's look. */
export interface TrayPresentInput {
  state: TrayState;
  /** Running jobs (last known while offline or failing). */
  count: number;
  /** `process.platform`. */
  platform: NodeJS.Platform | string;
  /** No token is stored yet: the label and tooltip say what to do. */
  needsToken?: boolean;
  /** Short human reason for `error`/`offline` (e.g. "the API token was rejected"). */
  problem?: string | null;
}

/** What tray.ts applies. */
export interface TrayPresentation {
  state: TrayState;
  count: number;
  /** Icon file names relative to the tray icon folder, for scale 1 and 2. */
  icon: { file1x: string; file2x: string };
  /** macOS only: template image (black + alpha, recoloured by the menu bar). */
  template: boolean;
  /** macOS menu-bar title next to the icon: the count, or '' (never null, so it can be cleared). */
  title: string;
  tooltip: string;
  /** First context-menu item (disabled): "N jobs running" plus the state when it matters. */
  menuLabel: string;
}

/** "No jobs running" / "1 job running" / "12 jobs running". */
export function jobsRunningLabel(count: number): string {
  const n = Math.max(0, Math.floor(count));
  if (n === 0) return 'No jobs running';
  return `${n} ${n === 1 ? 'job' : 'jobs'} running`;
}

const STATE_NOTE: Readonly<Record<TrayState, string | null>> = {
  idle: null,
  running: null,
  error: 'error',
  offline: 'offline',
  paused: 'polling paused',
};

/**
 * The tray's look for a state. The count appears in the tooltip and menu label on every
 * platform, in the macOS title, and in the Windows/Linux icon (1–9, then "9+").
 */
export function presentTray(input: TrayPresentInput): TrayPresentation {
  const count = Number.isFinite(input.count) ? Math.max(0, Math.floor(input.count)) : 0;
  const mac = input.platform === 'darwin';
  const label = jobsRunningLabel(count);
  let menuLabel: string;
  let detail: string | null;
  if (input.needsToken) {
    menuLabel = 'No API token: open Settings';
    detail = 'add your useapi.net API token in Settings';
  } else {
    const note = STATE_NOTE[input.state];
    const stale = input.state === 'offline' || input.state === 'error' ? ' (last known)' : '';
    menuLabel = note ? `${label}${count > 0 ? stale : ''} · ${note}` : label;
    detail = input.problem
      ? `${label}${count > 0 ? stale : ''}; ${input.problem}`
      : note
        ? `${label} · ${note}`
        : label;
  }
  return {
    state: input.state,
    count,
    icon: {
      file1x: trayIconFile(input.state, count, input.platform, 1),
      file2x: trayIconFile(input.state, count, input.platform, 2),
    },
    template: mac,
    title: mac && count > 0 && !input.needsToken ? String(count) : '',
    tooltip: `MiniMax Tray — ${detail}`,
    menuLabel,
  };
}

/** Short human reason for the tooltip, by error reason. */
export function problemText(reason: ErrorReason | null, account: string | null = null): string | null {
  switch (reason) {
    case null:
      return null;
    case 'network':
      return 'no connection to useapi.net';
    case 'timeout':
      return 'useapi.net is not answering';
    case 'unauthorized':
      return 'the API token was rejected';
    case 'account-on-hold':
      return account ? `MiniMax account ${account} is on hold` : 'a MiniMax account is on hold';
    case 'rate-limited':
      return 'useapi.net asked to slow down';
    case 'server-busy':
      return 'useapi.net or MiniMax is busy';
    case 'bad-response':
      return 'useapi.net sent an unreadable answer';
    case 'api-error':
    case 'not-found':
      return 'useapi.net refused the request';
  }
}
