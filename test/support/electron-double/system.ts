/**
 * The small modules: shell, clipboard (asynchronous in Electron 45), dialog, safeStorage,
 * powerMonitor, screen, net, globalShortcut, autoUpdater, nativeTheme, webFrame, crashReporter.
 * Test helpers (not Electron's) are named in each `OnlyElectron` check.
 */
import { EventEmitter } from 'node:events';
import { doubleConfig, onReset, recorder, type DoubleConfig, type OnlyElectron } from './recorder.ts';

export const shell = {
  openExternal(url: string, options?: Electron.OpenExternalOptions): Promise<void> {
    recorder.record('shell.openExternal', url, options);
    return Promise.resolve();
  },
  openPath(p: string): Promise<string> {
    recorder.record('shell.openPath', p);
    return Promise.resolve('');
  },
  showItemInFolder(p: string): void {
    recorder.record('shell.showItemInFolder', p);
  },
  beep(): void {},
} satisfies Pick<Electron.Shell, 'openExternal' | 'openPath' | 'showItemInFolder' | 'beep'>;

/** The text is in `recorder.clipboardText` as soon as `writeText` is called. */
export const clipboard = {
  writeText(text: string): Promise<void> {
    recorder.record('clipboard.writeText', text);
    recorder.clipboardText = text;
    return Promise.resolve();
  },
  readText(): Promise<string> {
    return Promise.resolve(recorder.clipboardText);
  },
} satisfies Pick<Electron.Clipboard, 'writeText' | 'readText'>;

export const dialog = {
  showMessageBox(...args: unknown[]): Promise<Electron.MessageBoxReturnValue> {
    recorder.record('dialog.showMessageBox', ...args);
    return Promise.resolve({ response: doubleConfig.dialogResponse, checkboxChecked: false });
  },
  showMessageBoxSync(...args: unknown[]): number {
    recorder.record('dialog.showMessageBoxSync', ...args);
    return doubleConfig.dialogResponse;
  },
  showErrorBox(title: string, content: string): void {
    recorder.record('dialog.showErrorBox', title, content);
  },
  /** Answers with {@link DoubleConfig.openDialogPaths} (cancelled when null). */
  showOpenDialog(...args: unknown[]): Promise<Electron.OpenDialogReturnValue> {
    recorder.record('dialog.showOpenDialog', ...args);
    const paths = doubleConfig.openDialogPaths;
    return Promise.resolve({ canceled: paths === null, filePaths: paths ?? [] });
  },
} satisfies Pick<
  Electron.Dialog,
  'showMessageBox' | 'showMessageBoxSync' | 'showErrorBox' | 'showOpenDialog'
>;

// Reversible scrambling so the "ciphertext" never contains the plaintext.
const MAGIC = Buffer.from('DBLENC1:');
function scramble(text: string): Buffer {
  const body = Buffer.from(text, 'utf8').map((b) => b ^ 0x5a);
  return Buffer.concat([MAGIC, body]);
}
function unscramble(buf: Buffer): string {
  if (doubleConfig.decryptFails || !buf.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  }
  return Buffer.from(buf.subarray(MAGIC.length).map((b) => b ^ 0x5a)).toString('utf8');
}

export const safeStorage = {
  isEncryptionAvailable(): boolean {
    return doubleConfig.encryptionAvailable;
  },
  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(doubleConfig.encryptionAvailable);
  },
  getSelectedStorageBackend(): DoubleConfig['safeStorageBackend'] {
    return doubleConfig.safeStorageBackend;
  },
  encryptString(text: string): Buffer {
    recorder.record('safeStorage.encryptString');
    if (!doubleConfig.encryptionAvailable) throw new Error('Encryption is not available.');
    return scramble(text);
  },
  decryptString(buf: Buffer): string {
    recorder.record('safeStorage.decryptString');
    return unscramble(buf);
  },
  async encryptStringAsync(text: string): Promise<Buffer> {
    recorder.record('safeStorage.encryptStringAsync');
    if (!doubleConfig.encryptionAvailable) throw new Error('Encryption is not available.');
    return scramble(text);
  },
  async decryptStringAsync(buf: Buffer): Promise<Electron.DecryptStringAsyncReturnValue> {
    recorder.record('safeStorage.decryptStringAsync');
    return { result: unscramble(buf), shouldReEncrypt: false };
  },
  setUsePlainTextEncryption(value: boolean): void {
    recorder.record('safeStorage.setUsePlainTextEncryption', value);
  },
} satisfies Pick<
  Electron.SafeStorage,
  | 'isEncryptionAvailable'
  | 'isAsyncEncryptionAvailable'
  | 'getSelectedStorageBackend'
  | 'encryptString'
  | 'decryptString'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'setUsePlainTextEncryption'
>;

class PowerMonitorDouble
  extends EventEmitter
  implements Pick<Electron.PowerMonitor, 'isOnBatteryPower' | 'getSystemIdleState' | 'getSystemIdleTime'>
{
  isOnBatteryPower(): boolean {
    return false;
  }
  getSystemIdleState(_thresholdS: number): 'active' {
    return 'active';
  }
  getSystemIdleTime(): number {
    return 0;
  }
}
const _powerOnlyElectron: OnlyElectron<PowerMonitorDouble, Electron.PowerMonitor> = true;
export const powerMonitor = new PowerMonitorDouble();

function display(scaleFactor: number): Electron.Display {
  return {
    id: 1,
    label: 'double',
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    workArea: { x: 0, y: 24, width: 1920, height: 1056 },
    scaleFactor,
    size: { width: 1920, height: 1080 },
    workAreaSize: { width: 1920, height: 1056 },
    accelerometerSupport: 'unknown',
    colorDepth: 24,
    colorSpace: 'srgb',
    depthPerComponent: 8,
    detected: true,
    displayFrequency: 60,
    internal: false,
    maximumCursorSize: { width: 0, height: 0 },
    monochrome: false,
    nativeOrigin: { x: 0, y: 0 },
    rotation: 0,
    touchSupport: 'unknown',
  };
}

class ScreenDouble
  extends EventEmitter
  implements
    Pick<
      Electron.Screen,
      | 'getPrimaryDisplay'
      | 'getAllDisplays'
      | 'getDisplayMatching'
      | 'getDisplayNearestPoint'
      | 'getCursorScreenPoint'
    >
{
  /** Test helper: the scale factor the primary display reports (2 simulates a high-DPI screen). */
  scaleFactor = 1;
  getPrimaryDisplay(): Electron.Display {
    return display(this.scaleFactor);
  }
  getAllDisplays(): Electron.Display[] {
    return [this.getPrimaryDisplay()];
  }
  getDisplayMatching(_rect: Electron.Rectangle): Electron.Display {
    return this.getPrimaryDisplay();
  }
  getDisplayNearestPoint(_point: Electron.Point): Electron.Display {
    return this.getPrimaryDisplay();
  }
  getCursorScreenPoint(): Electron.Point {
    return { x: 1800, y: 10 };
  }
}
const _screenOnlyElectron: OnlyElectron<ScreenDouble, Electron.Screen, 'scaleFactor'> = true;
export const screen = new ScreenDouble();

export const net = {
  /** Delegates to Node's fetch (tests point it at 127.0.0.1 servers they start). */
  fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    recorder.record('net.fetch', typeof input === 'string' ? input : input.url);
    return fetch(input, init);
  },
  isOnline(): boolean {
    return true;
  },
  get online(): boolean {
    return true;
  },
} satisfies Pick<Electron.Net, 'fetch' | 'isOnline' | 'online'>;

const shortcuts = new Map<string, () => void>();

/**
 * Like Electron: `register` returns false when the OS refuses the keys
 * ({@link DoubleConfig.globalShortcutRefused}: another app holds them, a Wayland session) or this
 * app already holds that accelerator, and throws for text it cannot read as an accelerator.
 * Keys are compared as written (Electron compares the parsed keys; tests use one spelling).
 */
export const globalShortcut = {
  register(accelerator: string, callback: () => void): boolean {
    recorder.record('globalShortcut.register', accelerator);
    if (accelerator.trim() === '' || accelerator.split('+').some((p) => p.trim() === '')) {
      throw new TypeError(`Error processing argument at index 0, conversion failure from ${accelerator}`);
    }
    if (shortcuts.has(accelerator) || doubleConfig.globalShortcutRefused(accelerator)) return false;
    shortcuts.set(accelerator, callback);
    return true;
  },
  unregister(accelerator: string): void {
    recorder.record('globalShortcut.unregister', accelerator);
    shortcuts.delete(accelerator);
  },
  unregisterAll(): void {
    recorder.record('globalShortcut.unregisterAll');
    shortcuts.clear();
  },
  isRegistered(accelerator: string): boolean {
    return shortcuts.has(accelerator);
  },
  /** Test helper: the accelerators this app holds now, in registration order. */
  registered(): string[] {
    return [...shortcuts.keys()];
  },
  /** Test helper: the user presses `accelerator`; false when this app does not hold it. */
  press(accelerator: string): boolean {
    const callback = shortcuts.get(accelerator);
    callback?.();
    return callback !== undefined;
  },
} satisfies Pick<Electron.GlobalShortcut, 'register' | 'unregister' | 'unregisterAll' | 'isRegistered'> &
  Record<'registered' | 'press', unknown>;
const _shortcutOnlyElectron: OnlyElectron<
  typeof globalShortcut,
  Electron.GlobalShortcut,
  'registered' | 'press'
> = true;

/** Electron's own (Squirrel) autoUpdater; electron-menubar listens to `before-quit-for-update` on it. */
export const autoUpdater = new EventEmitter();

class NativeThemeDouble
  extends EventEmitter
  implements Pick<Electron.NativeTheme, 'shouldUseDarkColors' | 'themeSource'>
{
  shouldUseDarkColors = false;
  themeSource: Electron.NativeTheme['themeSource'] = 'system';
}
export const nativeTheme = new NativeThemeDouble();

export const webFrame = { setZoomFactor: (_f: number): void => {} } satisfies Pick<
  Electron.WebFrame,
  'setZoomFactor'
>;
export const crashReporter = {
  start: (_o: Electron.CrashReporterStartOptions): void => {},
} satisfies Pick<Electron.CrashReporter, 'start'>;

onReset(() => {
  powerMonitor.removeAllListeners();
  autoUpdater.removeAllListeners();
  shortcuts.clear();
  screen.scaleFactor = 1;
});
