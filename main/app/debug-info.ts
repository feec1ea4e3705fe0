/**
 * The text "Copy debug info" puts on the clipboard: versions, settings, poll state, last error,
 * where the token is stored. Never the token, the prompts or job ids.
 */
import type { MonitorSnapshot } from '../core/monitor/job-monitor.ts';
import type { TokenInfo, TrayState } from '../ipc.ts';
import type { AppSettings } from './settings.ts';

/** What the debug text is made of. */
export interface DebugInput {
  version: string;
  platform: string;
  /** Extra `name: value` lines from the Electron layer (Electron version, tray host, log file…). */
  extra: Record<string, string>;
  /** The API base in use, and where it comes from when not from Settings. */
  apiBase: string;
  apiBaseSource: string;
  settings: AppSettings;
  token: TokenInfo;
  trayState: TrayState;
  trayUnavailable: boolean;
  notificationsUnavailable: boolean;
  snapshot: MonitorSnapshot;
}

/**
 * The debug text, one `name: value` per line.
 * @param secret the token, replaced by `[token]` wherever it would appear.
 */
export function debugText(input: DebugInput, secret: string | null): string {
  const { snapshot: snap, settings } = input;
  const iso = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString());
  const error = snap.lastError;
  const lines = [
    `MiniMax Tray ${input.version}`,
    `platform: ${input.platform}`,
    ...Object.entries(input.extra).map(([k, v]) => `${k}: ${v}`),
    `api base: ${input.apiBase} (${input.apiBaseSource})`,
    `polling: ${settings.pollingMode}${settings.pollingMode === 'fixed' ? ` every ${settings.fixedIntervalMs} ms` : ''}`,
    `token: ${input.token.stored ? `stored (${input.token.storage})` : 'none'}`,
    `tray state: ${input.trayState}${input.trayUnavailable ? ' (no tray host: window mode)' : ''}`,
    `paused by: ${snap.pausedBy.length > 0 ? snap.pausedBy.join(', ') : 'nothing'}`,
    `notifications: ${input.notificationsUnavailable ? 'unavailable' : 'available'}; muted until ${iso(settings.mutedUntilMs)}`,
    `global shortcut: ${settings.globalShortcut} (${settings.globalShortcutEnabled ? 'on' : 'off'}); window pinned: ${settings.keepWindowOpen ? 'yes' : 'no'}`,
    `accounts muted: ${modeCount(settings, 'muted')}; hidden: ${modeCount(settings, 'hidden')}`,
    `running jobs: ${snap.running.length}; history: ${snap.history.length}`,
    `last poll: ${iso(snap.lastPollMs)}; next poll: ${iso(snap.nextPollMs)}; stale since: ${iso(snap.staleSinceMs)}`,
    `last error: ${error ? `${error.reason}${error.status !== null ? ` (HTTP ${error.status})` : ''}` : 'none'}; failures in a row: ${snap.consecutiveFailures}`,
    `requests: ${snap.requestCount}; polls: ${snap.pollCount}`,
    `ledger: ${snap.saveError ?? 'saved'}`,
  ];
  const text = lines.join('\n');
  return secret ? text.split(secret).join('[token]') : text;
}

function modeCount(settings: AppSettings, mode: 'muted' | 'hidden'): number {
  return Object.values(settings.accountModes).filter((m) => m === mode).length;
}
