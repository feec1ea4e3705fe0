/**
 * A recording double of the `electron` module for Node-side tests, split by Electron module in
 * test/support/electron-double/.
 *
 * test/support/register.mjs maps `electron` (and `electron/main`, `electron/renderer`) to this file
 * for every Node test, so our code and the libraries that import electron (electron-store 12,
 * electron-log/main, electron-menubar 11) run on top of it. It offers the default export AND the
 * named exports of the real module, keeps state the way Electron would (tray title, window
 * visibility, registered IPC handlers, shown notifications) and records every call in
 * {@link recorder} so tests can assert on what the app did, in order.
 *
 * Checked against Electron's own types (node_modules/electron/electron.d.ts): each class
 * `implements` and each object `satisfies` a `Pick<>` of its Electron 45 type for the members it
 * provides, and `OnlyElectron` checks that nothing else is public except named test helpers, so
 * `npm run typecheck` fails when the double and Electron differ. Members whose type is another
 * Electron object the double replaces (a NativeImage, a Menu, a WebContents…) are compared by
 * their parameters, and the returned double is checked in its own file. It behaves like Electron
 * where our code could depend on it: `ready` comes on its own ({@link emitReady}), never from
 * `whenReady()`; a notification's `show`/`failed` comes a turn after `show()`; `loadURL` settles
 * when the page has loaded or failed; tray bounds are zero on Linux.
 *
 * Test-only helpers (not part of Electron): {@link recorder}, {@link doubleConfig},
 * {@link resetElectronDouble}, {@link invokeIpc}, {@link callProtocol}, {@link emitReady},
 * {@link enterRendererProcess}, `Tray.simulateClick`.
 */
import type * as RealElectron from 'electron';
import { app } from './electron-double/app.ts';
import { BrowserWindow, webContents, type BrowserWindowStatics } from './electron-double/browser-window.ts';
import { contextBridge, ipcMain, ipcRenderer } from './electron-double/ipc.ts';
import { Menu, MenuItem, type MenuStatics } from './electron-double/menu.ts';
import { nativeImage } from './electron-double/native-image.ts';
import { Notification, type NotificationStatics } from './electron-double/notification.ts';
import { doubleConfig, recorder, resetAll } from './electron-double/recorder.ts';
import {
  autoUpdater,
  clipboard,
  crashReporter,
  dialog,
  globalShortcut,
  nativeTheme,
  net,
  powerMonitor,
  safeStorage,
  screen,
  shell,
  webFrame,
} from './electron-double/system.ts';
import { protocol, session } from './electron-double/session.ts';
import { Tray } from './electron-double/tray.ts';

export type { DoubleConfig, PageLoadResult, RecordedCall } from './electron-double/recorder.ts';
export { doubleConfig, recorder };
export * from './electron-double/app.ts';
export * from './electron-double/browser-window.ts';
export * from './electron-double/ipc.ts';
export * from './electron-double/menu.ts';
export * from './electron-double/native-image.ts';
export * from './electron-double/notification.ts';
export * from './electron-double/session.ts';
export * from './electron-double/system.ts';
export * from './electron-double/tray.ts';

/**
 * Restores the double to a fresh state: configuration defaults, no calls, no handlers, no
 * windows/trays/notifications, no listeners on app/ipc/powerMonitor, the app not ready. Call in
 * `beforeEach`.
 */
export function resetElectronDouble(): void {
  resetAll();
}

/**
 * The module as the double provides it: only names Electron exports (an excess name fails to
 * compile), with the class statics checked (instances are checked in their own files).
 */
type ElectronModule = Partial<Record<keyof typeof RealElectron, unknown>> & {
  Menu: MenuStatics;
  BrowserWindow: BrowserWindowStatics;
  Notification: NotificationStatics;
};

const electronDouble = {
  app,
  autoUpdater,
  BrowserWindow,
  clipboard,
  get contextBridge() {
    return contextBridge;
  },
  crashReporter,
  dialog,
  globalShortcut,
  ipcMain,
  get ipcRenderer() {
    return ipcRenderer;
  },
  Menu,
  MenuItem,
  nativeImage,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
  webContents,
  webFrame,
} satisfies ElectronModule;

export default electronDouble;
