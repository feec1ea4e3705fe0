/**
 * What every part of the electron double shares: the call {@link recorder}, the knobs tests turn
 * ({@link doubleConfig}), Electron-style event objects and the reset registry.
 */
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindow } from './browser-window.ts';
import type { Notification } from './notification.ts';
import type { Tray } from './tray.ts';

/** One recorded call: `api` is `module.method` (e.g. `app.setAppUserModelId`, `tray.setTitle`). */
export interface RecordedCall {
  api: string;
  args: unknown[];
}

/** How a page load ends (see {@link DoubleConfig.pageLoad}). */
export type PageLoadResult = { ok: true } | { ok: false; errorCode: number; errorDescription: string };

/** Knobs a test can turn before exercising the code under test. Reset by `resetElectronDouble()`. */
export interface DoubleConfig {
  /** Returned by `app.requestSingleInstanceLock()`. */
  singleInstanceLock: boolean;
  /** Returned by `Notification.isSupported()`. */
  notificationsSupported: boolean;
  /**
   * What the OS does with `notification.show()`, a turn later (never synchronously, as on macOS
   * and Windows): `show` emits 'show'; `failed` emits 'failed' (unsigned macOS builds, Windows
   * errors); `silent` emits neither (a Windows toast for an AUMID without a Start-menu shortcut).
   */
  notificationAnswer: 'show' | 'failed' | 'silent';
  /** Whether `Notification.handleActivation` exists (Windows only in Electron 42+). */
  notificationHandleActivation: boolean;
  /** `safeStorage.getSelectedStorageBackend()`. */
  safeStorageBackend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';
  /** `safeStorage.isEncryptionAvailable()` / `isAsyncEncryptionAvailable()`. */
  encryptionAvailable: boolean;
  /** When true, decryption throws (key changed, profile copied to another machine). */
  decryptFails: boolean;
  /** Button index `dialog.showMessageBox` resolves with. */
  dialogResponse: number;
  /** What the user picks in `dialog.showOpenDialog` (null: cancels). */
  openDialogPaths: string[] | null;
  /** `app.isPackaged`. */
  isPackaged: boolean;
  /** `app.getAppPath()`. */
  appPath: string;
  /** `app.getVersion()`. */
  version: string;
  /** Whether the OS started the app as a login item (`app.getLoginItemSettings().wasOpenedAtLogin`, macOS). */
  openedAtLogin: boolean;
  /** `app.setBadgeCount()` return value (false where the platform has no badge). */
  badgeSupported: boolean;
  /** Root directory for `app.getPath(name)` (each name is a subfolder). */
  pathsRoot: string;
  /**
   * Whether the OS refuses `globalShortcut.register(accelerator)`: another app holds the keys, or
   * a Wayland session allows no global key grabs (`() => true`). Default: nothing refused.
   */
  globalShortcutRefused(accelerator: string): boolean;
  /**
   * How Chromium loads a URL into a window: `webContents.loadURL` stays pending (and
   * `isLoading()` true) until this settles, then emits `did-finish-load` or `did-fail-load` and
   * resolves or rejects, as Electron does. Default: succeeds a turn later.
   */
  pageLoad(url: string): Promise<PageLoadResult>;
}

function defaultConfig(): DoubleConfig {
  return {
    singleInstanceLock: true,
    notificationsSupported: true,
    notificationAnswer: 'show',
    notificationHandleActivation: true,
    safeStorageBackend: 'gnome_libsecret',
    encryptionAvailable: true,
    decryptFails: false,
    dialogResponse: 0,
    openDialogPaths: null,
    isPackaged: false,
    appPath: process.cwd(),
    version: '0.1.0',
    openedAtLogin: false,
    badgeSupported: true,
    pathsRoot: path.join(os.tmpdir(), `minimax-tray-electron-double-${process.pid}`),
    globalShortcutRefused: () => false,
    pageLoad: () => new Promise((resolve) => setImmediate(() => resolve({ ok: true }))),
  };
}

/** Current configuration of the double; mutate fields in a test. */
export const doubleConfig: DoubleConfig = defaultConfig();

/** Everything the double saw. */
export const recorder = {
  /** Every call in order. */
  calls: [] as RecordedCall[],
  /** Every Tray created (the live one is usually the last). */
  trays: [] as Tray[],
  /** Every BrowserWindow created. */
  windows: [] as BrowserWindow[],
  /** Every Notification constructed. */
  notifications: [] as Notification[],
  /** `contextBridge.exposeInMainWorld` key → value. */
  exposed: {} as Record<string, unknown>,
  /** Text last written by `clipboard.writeText`. */
  clipboardText: '',
  /** Records a call (used by the double itself). */
  record(api: string, ...args: unknown[]): void {
    this.calls.push({ api, args });
  },
  /** Calls whose `api` equals `name`. */
  find(name: string): RecordedCall[] {
    return this.calls.filter((c) => c.api === name);
  },
  /** The `api` names of all calls, in order. */
  names(): string[] {
    return this.calls.map((c) => c.api);
  },
  /** Clears the call log only (state such as handlers is kept). */
  clearCalls(): void {
    this.calls.length = 0;
  },
};

/** An Electron-style event object (`preventDefault`, `defaultPrevented`, plus `extra` fields). */
export function makeEvent<T extends Record<string, unknown>>(
  extra: T = {} as T,
): T & { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    ...extra,
    defaultPrevented: false,
    preventDefault(): void {
      event.defaultPrevented = true;
    },
  };
  return event;
}

const resets: Array<() => void> = [];

/** Registers how a part of the double returns to its fresh state (called by {@link resetAll}). */
export function onReset(reset: () => void): void {
  resets.push(reset);
}

/** Restores the configuration, the recorder and every registered part. */
export function resetAll(): void {
  Object.assign(doubleConfig, defaultConfig());
  recorder.calls.length = 0;
  recorder.trays.length = 0;
  for (const w of recorder.windows) w.removeAllListeners();
  recorder.windows.length = 0;
  recorder.notifications.length = 0;
  recorder.clipboardText = '';
  for (const key of Object.keys(recorder.exposed)) delete recorder.exposed[key];
  for (const reset of resets) reset();
}

/**
 * Compile-time check that a double has no public member Electron's type lacks, other than the
 * test helpers it names: `true` when so, else the offending member names (so assigning `true`
 * fails to compile and says which).
 */
export type OnlyElectron<Double, ElectronType, Helpers extends keyof Double = never> = [
  Exclude<keyof Double, keyof ElectronType | Helpers>,
] extends [never]
  ? true
  : Exclude<keyof Double, keyof ElectronType | Helpers>;

/**
 * `Pick<E, K>` where the members in `R` return Electron objects the double replaces by its own
 * (checked against Electron separately): their parameters are Electron's, their result is not
 * compared.
 */
export type ElectronPick<E, K extends keyof E, R extends K = never> = Pick<E, Exclude<K, R>> & {
  [P in R]: E[P] extends (...args: infer A) => unknown ? (...args: A) => unknown : never;
};
