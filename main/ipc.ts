/**
 * The one typed IPC contract between main, preload and renderer. Types only plus the channel
 * list: the renderer imports nothing else from main/.
 *
 * Invoke channels (renderer → main, request/response) are listed in {@link InvokeChannels};
 * the single push channel (main → renderer) carries a {@link ViewModel}. Every handler in
 * main/electron/ipc-handlers.ts validates the sender and the payload before acting.
 */
import type { CapacityProblem } from './core/api/capacity-problem.ts';
import type { AccountCapacity, ErrorReason, JobKind, JobSource, Outcome } from './core/types.ts';
import type { SaveResultsPatch, SaveResultsSettings } from './app/save-settings.ts';
import type { SavePauseReason } from './core/results/save-types.ts';

/** A finished job's result as its row shows it (Settings, "Save results to a folder"). */
export interface SavedInfo {
  /** `queued`/`saving`: "Saving…"; `saved`: "Saved" with Show in folder; `failed`: why not. */
  status: 'queued' | 'saving' | 'saved' | 'failed';
  /** Saved: the file's name (the path stays in main: Show in folder asks by job id). */
  fileName: string | null;
  /** Failed: why. */
  message: string | null;
}

/** Saving results is paused, and why (the window's alert). */
export interface SavingPaused {
  reason: SavePauseReason;
  message: string;
}

/** Tray/app state shown by icon shape and colour. See README "Tray states". */
export type TrayState = 'idle' | 'running' | 'error' | 'offline' | 'paused';

/** A running job as the window shows it. Times are epoch ms; the renderer formats them. */
export interface JobRow {
  id: string;
  /** Last 8 characters of the MiniMax-side id, for display. */
  shortId: string;
  kind: JobKind;
  account: string;
  /** Account name from GET /accounts, when known. */
  accountName: string | null;
  startedMs: number | null;
  /** Server-reported elapsed ms at the last poll, used when startedMs is unknown. */
  reportedElapsedMs: number | null;
  /** When `reportedElapsedMs` was observed (epoch ms). */
  observedAtMs: number;
  /** 0–100 while the window is visible and MiniMax reports it; null otherwise. */
  percent: number | null;
  replyRef: string | null;
  /** `website`: started on the hailuoai website (shown with a marker; stop tracking cannot act on it). */
  source: JobSource;
}

/** A finished job as the window shows it. */
export interface HistoryRow {
  id: string;
  shortId: string;
  kind: JobKind;
  account: string;
  /** Account name from GET /accounts, when known. */
  accountName: string | null;
  outcome: Outcome;
  prompt: string | null;
  durationMs: number | null;
  finishedAtMs: number;
  /** https URLs only; anything else is dropped to null before it reaches the renderer. */
  resultUrl: string | null;
  coverUrl: string | null;
  message: string | null;
  /** The result saved to the folder (Settings, "Save results"), or null when it was not offered. */
  saved: SavedInfo | null;
  /** `website`: found in the account's lists, never in the API's scheduler (shown with a marker). */
  source: JobSource;
}

/** Per-account capacity (GET /scheduler/available; counts videos only) with the account's name. */
export interface CapacityRow extends AccountCapacity {
  /** Account name from GET /accounts, when known. */
  accountName: string | null;
  /** Why these numbers cannot be right (the window shows them as sent, with a note), or null. */
  problem: CapacityProblem | null;
}

/** Where the token lives, never the token itself. */
export type TokenStorage = 'keychain' | 'safe-storage' | 'memory' | 'environment' | 'none';

/** The status line and error/empty states. */
export interface StatusInfo {
  state: TrayState;
  lastPollMs: number | null;
  nextPollMs: number | null;
  /** Current error, if the last poll failed. */
  error: { reason: ErrorReason; message: string; status: number | null; account: string | null } | null;
  /** Set while offline/failing: the list shown is the last known one, from this time. */
  staleSinceMs: number | null;
  paused: boolean;
  /** Notifications muted until this epoch ms, or null. */
  mutedUntilMs: number | null;
  /** Notifications cannot be shown on this system (unsupported or failed): the window is the only news. */
  notificationsUnavailable: boolean;
  /** No tray icon can be shown (e.g. GNOME without AppIndicator): the window is a normal window. */
  trayUnavailable: boolean;
  /**
   * The job ledger cannot be used or saved (written by a newer version, disk full…): what to
   * tell the user, naming the file; null when all is well.
   */
  ledgerProblem: string | null;
  /** Saving results is paused (a full disk, a folder that went away): what to tell the user. */
  savingPaused: SavingPaused | null;
}

/** Shortest fixed poll interval the settings accept: 10 s (main validates, the window's field says so). */
export const MIN_FIXED_INTERVAL_MS = 10_000;
/** Longest fixed poll interval the settings accept: 1 h. */
export const MAX_FIXED_INTERVAL_MS = 3_600_000;

/** User settings as the renderer may see and change them (stored in electron-store by main). */
export interface SettingsView {
  apiBaseUrl: string;
  pollingMode: 'adaptive' | 'fixed';
  /** Used when pollingMode is 'fixed'. Seconds in the UI, ms here. */
  fixedIntervalMs: number;
  notifyOn: Record<'succeeded' | 'failed' | 'moderated' | 'cancelled' | 'unknown', boolean>;
  hidePrompts: boolean;
  startAtLogin: boolean;
  /** The global shortcut that shows or hides the window, canonical (main/app/accelerator.ts). */
  globalShortcut: string;
  /** The global shortcut is wanted (Settings' off switch). */
  globalShortcutEnabled: boolean;
  /** Pinned: the window stays open when it loses focus (Esc and the tray still hide it). */
  keepWindowOpen: boolean;
  /** Save results to a folder; the window may change `enabled` and `kinds`, never `folder`. */
  saveResults: SaveResultsSettings;
  /** Find jobs started on the hailuoai website and jobs that finished while away (the lists). */
  websiteJobs: boolean;
}

/** The global shortcut as main knows it (the settings are in {@link SettingsView}). */
export interface ShortcutView {
  /** `settings.globalShortcut` with the OS's key names, e.g. "Ctrl+Shift+M" or "Cmd+Shift+M". */
  label: string;
  /** The shortcut registered with the OS now, as a label; null when none is. */
  activeLabel: string | null;
  /** The default accelerator (canonical), for "Reset". */
  defaultAccelerator: string;
  /** Why the wanted shortcut is not active, or why the last change was refused; null when all is well. */
  problem: string | null;
}

/**
 * Per-account control: `notify` (listed, notifies), `muted` (listed, no notifications) or
 * `hidden` (not listed, not counted in the tray or badge, no notifications).
 */
export type AccountMode = 'notify' | 'muted' | 'hidden';

/** One account in Settings: every account seen in jobs, capacity or GET /accounts, and every one with a mode. */
export interface AccountRow {
  account: string;
  /** Account name from GET /accounts, when known. */
  name: string | null;
  mode: AccountMode;
  /** Seen now (in the jobs, the capacity or GET /accounts); false for one only remembered by its mode. */
  seen: boolean;
}

/** What `settings:update` may change: everything shown, but the folder only through the chooser. */
export type SettingsPatch = Partial<Omit<SettingsView, 'saveResults'>> & { saveResults?: SaveResultsPatch };

/** What the renderer knows about the token: whether one is stored and where. */
export interface TokenInfo {
  stored: boolean;
  storage: TokenStorage;
  /** Human note, e.g. "Saved in the GNOME Keyring" or why the keychain could not be used. */
  note: string | null;
}

/** Everything the window renders, pushed on every change. */
export interface ViewModel {
  version: string;
  running: JobRow[];
  history: HistoryRow[];
  capacity: CapacityRow[];
  status: StatusInfo;
  token: TokenInfo;
  settings: SettingsView;
  shortcut: ShortcutView;
  /** For Settings' account list, sorted by name then id; hidden accounts included. */
  accounts: AccountRow[];
}

/** Result of an action: ok, or a message for the UI. */
export type ActionResult = { ok: true } | { ok: false; message: string };

/**
 * Invoke channels: channel name → [request payload, response].
 * Payloads are validated in main; the renderer is untrusted.
 */
export interface InvokeChannels {
  'app:get-view': [void, ViewModel];
  'jobs:check-now': [void, ActionResult];
  'jobs:stop-tracking': [{ id: string }, ActionResult];
  'jobs:cancel-video': [{ id: string }, ActionResult];
  'history:clear': [void, ActionResult];
  'link:open': [{ url: string }, ActionResult];
  'link:copy': [{ text: string }, ActionResult];
  'token:save': [{ token: string }, ActionResult];
  'token:remove': [void, ActionResult];
  'settings:update': [SettingsPatch, ActionResult];
  'polling:set-paused': [{ paused: boolean }, ActionResult];
  'notifications:mute': [{ minutes: number | null }, ActionResult];
  'window:hide': [void, ActionResult];
  'accounts:set-mode': [{ account: string; mode: AccountMode }, ActionResult];
  /** Opens the folder chooser; a chosen folder turns saving results on. */
  'saving:choose-folder': [void, ActionResult];
  /** Shows a saved result in the file manager (by job id: the window never names a path). */
  'saving:show-in-folder': [{ id: string }, ActionResult];
  /** Ends a pause of saving (full disk, missing folder) and tries again now. */
  'saving:retry': [void, ActionResult];
}

export type InvokeChannel = keyof InvokeChannels;
export type InvokeRequest<C extends InvokeChannel> = InvokeChannels[C][0];
export type InvokeResponse<C extends InvokeChannel> = InvokeChannels[C][1];

/** Runtime list of invoke channels; a compile-time check keeps it equal to {@link InvokeChannels}. */
export const INVOKE_CHANNELS = [
  'app:get-view',
  'jobs:check-now',
  'jobs:stop-tracking',
  'jobs:cancel-video',
  'history:clear',
  'link:open',
  'link:copy',
  'token:save',
  'token:remove',
  'settings:update',
  'polling:set-paused',
  'notifications:mute',
  'window:hide',
  'accounts:set-mode',
  'saving:choose-folder',
  'saving:show-in-folder',
  'saving:retry',
] as const satisfies readonly InvokeChannel[];

/** Channels about the window itself, handled by the window (main/electron/window.ts). */
export const WINDOW_CHANNELS = ['window:hide'] as const satisfies readonly InvokeChannel[];
export type WindowChannel = (typeof WINDOW_CHANNELS)[number];
/** Channels the app's commands handle (the controller). */
export type CommandChannel = Exclude<InvokeChannel, WindowChannel>;

type Missing = Exclude<InvokeChannel, (typeof INVOKE_CHANNELS)[number]>;
/**
 * Fails to compile if a channel is declared but not listed (a compile-time check, read by nobody).
 * @public
 */
export const _allChannelsListed: Missing extends never ? true : never = true;

/** Main → renderer push channel carrying a {@link ViewModel}. */
export const VIEW_CHANNEL = 'app:view' as const;
/** Main → renderer: open a section ('settings' | 'jobs') when the tray menu asks for it. */
export const NAVIGATE_CHANNEL = 'app:navigate' as const;
export type NavigateTarget = 'jobs' | 'settings';

/**
 * The API the preload exposes on `window.minimaxTray`. The renderer uses nothing else.
 */
export interface TrayBridge {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>;
  /** Subscribe to view updates; returns an unsubscribe function. */
  onView(listener: (view: ViewModel) => void): () => void;
  onNavigate(listener: (target: NavigateTarget) => void): () => void;
  /** Identifies the bundle that created the bridge (checked by the end-to-end tests). */
  readonly bridgeId: string;
}

/** Name of the global the preload defines with contextBridge. */
export const BRIDGE_KEY = 'minimaxTray' as const;
