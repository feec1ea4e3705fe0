/**
 * The tray app's persisted settings: schema type, defaults, bounds, validation of changes from
 * the window, and migrations — all pure data and functions, no Electron. The Electron adapter
 * (main/electron/settings-store.ts) stores them with electron-store using {@link SETTINGS_JSON_SCHEMA}
 * and runs {@link SETTINGS_MIGRATIONS} through electron-store's `migrations` option.
 *
 * The API token is NOT a setting: it lives in the keychain (see token-manager.ts).
 */
import { DEFAULT_API_BASE, validateApiBase } from '../core/api/base-url.ts';
import { OUTCOMES, type Outcome } from '../core/types.ts';
import {
  MAX_FIXED_INTERVAL_MS,
  MIN_FIXED_INTERVAL_MS,
  type SettingsPatch,
  type SettingsView,
} from '../ipc.ts';
import { DEFAULT_SHORTCUT, MAX_ACCELERATOR_CHARS, parseAccelerator } from './accelerator.ts';
import {
  MAX_ACCOUNT_ID_CHARS,
  MAX_ACCOUNT_MODES,
  normalizeAccountModes,
  type AccountModes,
} from './account-modes.ts';
import {
  applySaveResultsPatch,
  DEFAULT_SAVE_RESULTS,
  normalizeSaveResults,
  SAVE_RESULTS_JSON_SCHEMA,
  type SaveResultsSettings,
} from './save-settings.ts';

/** Everything stored in `<userData>/settings.json`. Durations in ms, instants in epoch ms. */
export interface AppSettings {
  /** useapi.net MiniMax v1 root, validated with validateApiBase (https, or http to localhost). */
  apiBaseUrl: string;
  /** 'adaptive' (the core's poll policy) or 'fixed' ({@link AppSettings.fixedIntervalMs}). */
  pollingMode: 'adaptive' | 'fixed';
  /** Poll interval in fixed mode, {@link MIN_FIXED_INTERVAL_MS}–{@link MAX_FIXED_INTERVAL_MS}. */
  fixedIntervalMs: number;
  /** Per-outcome notification toggles. */
  notifyOn: Record<Outcome, boolean>;
  /** Leave prompts out of notifications (the window still shows them). */
  hidePrompts: boolean;
  /** Start hidden in the tray when the user logs in. */
  startAtLogin: boolean;
  /**
   * Also read each account's lists (GET /accounts, GET /videos/, GET /images/) to find jobs
   * started on the hailuoai website and jobs that finished while the app was closed or offline.
   * Off: no list and no accounts request for them (account names are still fetched while the
   * window is open, as before).
   */
  websiteJobs: boolean;
  /** Notifications muted until this epoch ms; null = not muted. Survives a restart. */
  mutedUntilMs: number | null;
  /** Global shortcut that shows or hides the window (an Electron accelerator, see accelerator.ts). */
  globalShortcut: string;
  /** The global shortcut is wanted (the off switch). */
  globalShortcutEnabled: boolean;
  /**
   * Pinned window: it stays open when it loses focus. Persisted, as Gitify persists keep-on-blur:
   * it says how the user works (the window beside the browser while jobs run), the header's pin
   * shows it at all times, and a start at login opens no window either way.
   */
  keepWindowOpen: boolean;
  /** Muted and hidden accounts (account-modes.ts); accounts not listed notify. */
  accountModes: AccountModes;
  /** Save results to a folder (save-settings.ts); off by default. */
  saveResults: SaveResultsSettings;
}

/** Longest mute the app accepts: 7 days. */
export const MAX_MUTE_MS = 7 * 24 * 3_600_000;

/**
 * Defaults: the public API, adaptive polling (fixed 30 s when chosen), notifications for every
 * outcome except `cancelled` (the user did that themselves), prompts shown, no login item, website
 * jobs found, not muted.
 */
export const DEFAULT_SETTINGS: Readonly<AppSettings> = Object.freeze({
  apiBaseUrl: DEFAULT_API_BASE,
  pollingMode: 'adaptive',
  fixedIntervalMs: 30_000,
  notifyOn: Object.freeze({
    succeeded: true,
    failed: true,
    moderated: true,
    cancelled: false,
    unknown: true,
  }),
  hidePrompts: false,
  startAtLogin: false,
  websiteJobs: true,
  mutedUntilMs: null,
  globalShortcut: DEFAULT_SHORTCUT,
  globalShortcutEnabled: true,
  keepWindowOpen: false,
  accountModes: Object.freeze({}),
  saveResults: DEFAULT_SAVE_RESULTS,
}) as Readonly<AppSettings>;

/** A fresh, mutable copy of {@link DEFAULT_SETTINGS}. */
export function defaultSettings(): AppSettings {
  return {
    ...DEFAULT_SETTINGS,
    notifyOn: { ...DEFAULT_SETTINGS.notifyOn },
    accountModes: {},
    saveResults: { ...DEFAULT_SETTINGS.saveResults },
  };
}

/**
 * JSON Schema (draft 2020-12 subset that electron-store/ajv accepts) of the stored object, one
 * property per key of {@link AppSettings}. A file that violates it is reset to the defaults
 * (electron-store's `clearInvalidConfig`).
 */
export const SETTINGS_JSON_SCHEMA = {
  apiBaseUrl: { type: 'string', minLength: 1, maxLength: 2048 },
  pollingMode: { type: 'string', enum: ['adaptive', 'fixed'] },
  fixedIntervalMs: { type: 'number', minimum: MIN_FIXED_INTERVAL_MS, maximum: MAX_FIXED_INTERVAL_MS },
  notifyOn: {
    type: 'object',
    properties: Object.fromEntries(OUTCOMES.map((k) => [k, { type: 'boolean' }])),
  },
  hidePrompts: { type: 'boolean' },
  startAtLogin: { type: 'boolean' },
  websiteJobs: { type: 'boolean' },
  mutedUntilMs: { type: ['number', 'null'] },
  globalShortcut: { type: 'string', minLength: 1, maxLength: MAX_ACCELERATOR_CHARS },
  globalShortcutEnabled: { type: 'boolean' },
  keepWindowOpen: { type: 'boolean' },
  accountModes: {
    type: 'object',
    maxProperties: MAX_ACCOUNT_MODES,
    propertyNames: { minLength: 1, maxLength: MAX_ACCOUNT_ID_CHARS },
    additionalProperties: { type: 'string', enum: ['muted', 'hidden'] },
  },
  saveResults: SAVE_RESULTS_JSON_SCHEMA,
} as const;

/**
 * Brings a stored object (any shape, from disk) to a complete, valid {@link AppSettings}: known
 * keys with valid values are kept, everything else falls back to its default. Never throws.
 * @returns the settings and, for each key that was replaced, a line for the log.
 */
export function normalizeSettings(raw: unknown): { settings: AppSettings; problems: string[] } {
  const settings = defaultSettings();
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    if (raw !== undefined) problems.push('settings were not an object; using the defaults');
    return { settings, problems };
  }
  const r = raw as Record<string, unknown>;
  const fail = (key: string): void => {
    if (r[key] !== undefined) problems.push(`setting "${key}" was invalid; using the default`);
  };
  if (typeof r.apiBaseUrl === 'string') {
    try {
      settings.apiBaseUrl = validateApiBase(r.apiBaseUrl);
    } catch {
      fail('apiBaseUrl');
    }
  } else fail('apiBaseUrl');
  if (r.pollingMode === 'adaptive' || r.pollingMode === 'fixed') settings.pollingMode = r.pollingMode;
  else fail('pollingMode');
  if (validInterval(r.fixedIntervalMs)) settings.fixedIntervalMs = r.fixedIntervalMs;
  else fail('fixedIntervalMs');
  if (typeof r.notifyOn === 'object' && r.notifyOn !== null) {
    const n = r.notifyOn as Record<string, unknown>;
    for (const k of OUTCOMES) {
      const v = n[k];
      if (typeof v === 'boolean') settings.notifyOn[k] = v;
      else if (v !== undefined) problems.push(`setting "notifyOn.${k}" was invalid; using the default`);
    }
  } else fail('notifyOn');
  if (typeof r.hidePrompts === 'boolean') settings.hidePrompts = r.hidePrompts;
  else fail('hidePrompts');
  if (typeof r.startAtLogin === 'boolean') settings.startAtLogin = r.startAtLogin;
  else fail('startAtLogin');
  if (typeof r.websiteJobs === 'boolean') settings.websiteJobs = r.websiteJobs;
  else fail('websiteJobs');
  if (r.mutedUntilMs === null || (typeof r.mutedUntilMs === 'number' && Number.isFinite(r.mutedUntilMs))) {
    settings.mutedUntilMs = r.mutedUntilMs;
  } else fail('mutedUntilMs');
  if (typeof r.globalShortcut === 'string' && storableAccelerator(r.globalShortcut)) {
    settings.globalShortcut = r.globalShortcut;
  } else fail('globalShortcut');
  if (typeof r.globalShortcutEnabled === 'boolean') settings.globalShortcutEnabled = r.globalShortcutEnabled;
  else fail('globalShortcutEnabled');
  if (typeof r.keepWindowOpen === 'boolean') settings.keepWindowOpen = r.keepWindowOpen;
  else fail('keepWindowOpen');
  const accounts = normalizeAccountModes(r.accountModes);
  settings.accountModes = accounts.modes;
  if (accounts.dropped > 0) {
    problems.push(
      `setting "accountModes": ${accounts.dropped} invalid entr${accounts.dropped === 1 ? 'y' : 'ies'} dropped`,
    );
  }
  settings.saveResults = normalizeSaveResults(r.saveResults, problems);
  return { settings, problems };
}

/**
 * A stored accelerator is kept when it is valid on some OS (the file may come from a Mac); the
 * controller registers it as it is.
 */
function storableAccelerator(v: string): boolean {
  return parseAccelerator(v, 'darwin').ok || parseAccelerator(v, 'linux').ok;
}

function validInterval(v: unknown): v is number {
  return (
    typeof v === 'number' && Number.isFinite(v) && v >= MIN_FIXED_INTERVAL_MS && v <= MAX_FIXED_INTERVAL_MS
  );
}

/**
 * Applies a change the window asked for (`settings:update`, already shape-checked by the IPC
 * layer). Values are checked against the same rules as stored settings.
 * @param platform `process.platform`, for the global shortcut's rules (accelerator.ts)
 * @returns the new settings, or a message for the window when a value is refused (nothing is
 *   applied then). The API address is normalised (trailing slash removed), the global shortcut
 *   brought to its canonical form.
 */
export function applySettingsPatch(
  current: AppSettings,
  patch: SettingsPatch,
  platform: string,
): { ok: true; settings: AppSettings } | { ok: false; message: string } {
  const next: AppSettings = { ...current, notifyOn: { ...current.notifyOn } };
  if (patch.apiBaseUrl !== undefined) {
    try {
      next.apiBaseUrl = validateApiBase(patch.apiBaseUrl);
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : 'The API address is not valid.' };
    }
  }
  if (patch.pollingMode !== undefined) next.pollingMode = patch.pollingMode;
  if (patch.fixedIntervalMs !== undefined) {
    if (!validInterval(patch.fixedIntervalMs)) {
      return {
        ok: false,
        message: `The poll interval must be between ${MIN_FIXED_INTERVAL_MS / 1000} and ${MAX_FIXED_INTERVAL_MS / 1000} seconds.`,
      };
    }
    next.fixedIntervalMs = Math.round(patch.fixedIntervalMs);
  }
  if (patch.notifyOn !== undefined) {
    for (const k of OUTCOMES) {
      const v = patch.notifyOn[k];
      if (typeof v === 'boolean') next.notifyOn[k] = v;
    }
  }
  if (patch.hidePrompts !== undefined) next.hidePrompts = patch.hidePrompts;
  if (patch.startAtLogin !== undefined) next.startAtLogin = patch.startAtLogin;
  if (patch.globalShortcut !== undefined) {
    const parsed = parseAccelerator(patch.globalShortcut, platform);
    if (!parsed.ok) return parsed;
    next.globalShortcut = parsed.accelerator;
  }
  if (patch.globalShortcutEnabled !== undefined) next.globalShortcutEnabled = patch.globalShortcutEnabled;
  if (patch.keepWindowOpen !== undefined) next.keepWindowOpen = patch.keepWindowOpen;
  if (patch.saveResults !== undefined) {
    const saved = applySaveResultsPatch(current.saveResults, patch.saveResults);
    if (!saved.ok) return saved;
    next.saveResults = saved.value;
  }
  if (patch.websiteJobs !== undefined) next.websiteJobs = patch.websiteJobs;
  return { ok: true, settings: next };
}

/** The part of the settings the window sees (everything but the mute instant, which is in status). */
export function settingsView(s: AppSettings): SettingsView {
  return {
    apiBaseUrl: s.apiBaseUrl,
    pollingMode: s.pollingMode,
    fixedIntervalMs: s.fixedIntervalMs,
    notifyOn: { ...s.notifyOn },
    hidePrompts: s.hidePrompts,
    startAtLogin: s.startAtLogin,
    globalShortcut: s.globalShortcut,
    globalShortcutEnabled: s.globalShortcutEnabled,
    keepWindowOpen: s.keepWindowOpen,
    saveResults: { ...s.saveResults },
    websiteJobs: s.websiteJobs,
  };
}

/**
 * One migration step of the stored object: a pure function from the object as an older app
 * version left it to the shape the named version expects. Runs once, when an app of `version` or
 * later first opens a store last written by an earlier version (electron-store tracks that).
 */
export interface SettingsMigration {
  /** App version (semver) that introduced the change. */
  version: string;
  /** What the step changes, for the log. */
  description: string;
  /** Returns the migrated object; must not throw on any input and must be idempotent. */
  migrate(data: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Every migration, oldest first.
 *
 * `websiteJobs` (added with website jobs) needs no step: a file from before has no such key, and
 * a missing key takes its default (true) both in electron-store (its `defaults`) and in
 * {@link normalizeSettings}, which reports only keys present with a wrong value.
 *
 * 0.1.0: development builds (0.0.x) stored `pollIntervalSeconds` (seconds) and `apiBase`; they
 * become `fixedIntervalMs` (ms, clamped to the allowed range) and `apiBaseUrl`. A boolean
 * `notifications: false` meant "no notifications at all" and becomes every `notifyOn` toggle off.
 *
 * 0.2.0 adds the global shortcut, the pinned window and per-account modes. electron-store fills
 * the new keys in from the defaults; this step only switches the global shortcut OFF for a store
 * written by 0.1.x, so an update never starts taking a system-wide key (Ctrl+Shift+M is also
 * Chrome's profile switcher and Firefox's responsive-design view) that the user did not choose.
 * Fresh installs start at the current version, skip the step, and get the shortcut on.
 */
export const SETTINGS_MIGRATIONS: readonly SettingsMigration[] = [
  {
    version: '0.1.0',
    description: 'rename pollIntervalSeconds/apiBase/notifications from development builds',
    migrate(data) {
      // A legacy key wins over the new one: electron-store writes the defaults before migrating.
      const out: Record<string, unknown> = { ...data };
      if ('pollIntervalSeconds' in out) {
        const s = out.pollIntervalSeconds;
        if (typeof s === 'number' && Number.isFinite(s)) {
          out.fixedIntervalMs = Math.min(
            MAX_FIXED_INTERVAL_MS,
            Math.max(MIN_FIXED_INTERVAL_MS, Math.round(s * 1000)),
          );
        }
        delete out.pollIntervalSeconds;
      }
      if ('apiBase' in out) {
        if (typeof out.apiBase === 'string') out.apiBaseUrl = out.apiBase;
        delete out.apiBase;
      }
      if ('notifications' in out) {
        if (out.notifications === false) out.notifyOn = Object.fromEntries(OUTCOMES.map((k) => [k, false]));
        delete out.notifications;
      }
      return out;
    },
  },
  {
    version: '0.2.0',
    description:
      'global shortcut off for installs updated from 0.1.x (a new system-wide key is the user’s choice)',
    migrate(data) {
      return { ...data, globalShortcutEnabled: false };
    },
  },
];

/**
 * Runs the migrations whose version is newer than `fromVersion` (all of them when null) and not
 * newer than `toVersion` (the running app's; no bound when null), on a copy of `data`, oldest
 * first: what electron-store runs. Used by tests and by the store adapter's repair path.
 */
export function runSettingsMigrations(
  data: Record<string, unknown>,
  fromVersion: string | null,
  toVersion: string | null = null,
): Record<string, unknown> {
  let out = { ...data };
  for (const m of SETTINGS_MIGRATIONS) {
    const after = fromVersion === null || compareVersions(m.version, fromVersion) > 0;
    const reached = toVersion === null || compareVersions(m.version, toVersion) <= 0;
    if (after && reached) out = m.migrate(out);
  }
  return out;
}

/** Compares dotted numeric versions ("0.10.2" > "0.9.9"); pre-release tags are ignored. */
export function compareVersions(a: string, b: string): number {
  const pa = a
    .split('-')[0]!
    .split('.')
    .map((x) => Number.parseInt(x, 10) || 0);
  const pb = b
    .split('-')[0]!
    .split('.')
    .map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
