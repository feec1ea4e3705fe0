/**
 * The tray app's persisted settings: schema type, defaults, bounds, validation of changes from
 * the window, and migrations — all pure data and functions, no Electron. The Electron adapter
 * (main/electron/settings-store.ts) stores them with electron-store using {@link SETTINGS_JSON_SCHEMA}
 * and runs {@link SETTINGS_MIGRATIONS} through electron-store's `migrations` option.
 *
 * The API token is NOT a setting: it lives in the keychain (see token-manager.ts).
 */
import { DEFAULT_API_BASE, validateApiBase } from '../core/api/base-url.ts';
import type { SettingsView } from '../ipc.ts';

/** Outcomes with a notification toggle (same keys as {@link SettingsView.notifyOn}). */
export const NOTIFY_OUTCOMES = ['succeeded', 'failed', 'moderated', 'cancelled', 'unknown'] as const;
/** One of {@link NOTIFY_OUTCOMES}. */
export type NotifyOutcome = (typeof NOTIFY_OUTCOMES)[number];

/** Everything stored in `<userData>/settings.json`. Durations in ms, instants in epoch ms. */
export interface AppSettings {
  /** useapi.net MiniMax v1 root, validated with validateApiBase (https, or http to localhost). */
  apiBaseUrl: string;
  /** 'adaptive' (the core's poll policy) or 'fixed' ({@link AppSettings.fixedIntervalMs}). */
  pollingMode: 'adaptive' | 'fixed';
  /** Poll interval in fixed mode, {@link MIN_FIXED_INTERVAL_MS}–{@link MAX_FIXED_INTERVAL_MS}. */
  fixedIntervalMs: number;
  /** Per-outcome notification toggles. */
  notifyOn: Record<NotifyOutcome, boolean>;
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
}

/** Shortest fixed poll interval the settings accept: 10 s (the window's field says 10–3600 s). */
export const MIN_FIXED_INTERVAL_MS = 10_000;
/** Longest fixed poll interval the settings accept: 1 h. */
export const MAX_FIXED_INTERVAL_MS = 3_600_000;
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
}) as Readonly<AppSettings>;

/** A fresh, mutable copy of {@link DEFAULT_SETTINGS}. */
export function defaultSettings(): AppSettings {
  return { ...DEFAULT_SETTINGS, notifyOn: { ...DEFAULT_SETTINGS.notifyOn } };
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
    properties: Object.fromEntries(NOTIFY_OUTCOMES.map((k) => [k, { type: 'boolean' }])),
  },
  hidePrompts: { type: 'boolean' },
  startAtLogin: { type: 'boolean' },
  websiteJobs: { type: 'boolean' },
  mutedUntilMs: { type: ['number', 'null'] },
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
    for (const k of NOTIFY_OUTCOMES) {
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
  return { settings, problems };
}

function validInterval(v: unknown): v is number {
  return (
    typeof v === 'number' && Number.isFinite(v) && v >= MIN_FIXED_INTERVAL_MS && v <= MAX_FIXED_INTERVAL_MS
  );
}

/**
 * Applies a change the window asked for (`settings:update`, already shape-checked by the IPC
 * layer). Values are checked against the same rules as stored settings.
 * @returns the new settings, or a message for the window when a value is refused (nothing is
 *   applied then). The API address is normalised (trailing slash removed).
 */
export function applySettingsPatch(
  current: AppSettings,
  patch: Partial<SettingsView>,
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
    for (const k of NOTIFY_OUTCOMES) {
      const v = patch.notifyOn[k];
      if (typeof v === 'boolean') next.notifyOn[k] = v;
    }
  }
  if (patch.hidePrompts !== undefined) next.hidePrompts = patch.hidePrompts;
  if (patch.startAtLogin !== undefined) next.startAtLogin = patch.startAtLogin;
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
        if (out.notifications === false)
          out.notifyOn = Object.fromEntries(NOTIFY_OUTCOMES.map((k) => [k, false]));
        delete out.notifications;
      }
      return out;
    },
  },
];

/**
 * Runs the migrations whose version is newer than `fromVersion` (all of them when null) on a copy
 * of `data`, oldest first. Used by tests and by the store adapter's fallback path.
 */
export function runSettingsMigrations(
  data: Record<string, unknown>,
  fromVersion: string | null,
): Record<string, unknown> {
  let out = { ...data };
  for (const m of SETTINGS_MIGRATIONS) {
    if (fromVersion === null || compareVersions(m.version, fromVersion) > 0) out = m.migrate(out);
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
