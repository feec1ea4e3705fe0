/**
 * A recording double of the `electron` module for Node-side tests.
 *
 * test/support/register.mjs maps `electron` (and `electron/main`, `electron/renderer`) to this file
 * for every Node test, so our code and the libraries that import electron (electron-store 12,
 * electron-log/main, electron-menubar 11) run on top of it. It offers the default export AND the
 * named exports of the real module, keeps state the way Electron would (tray title, window
 * visibility, registered IPC handlers, shown notifications) and records every call in
 * {@link recorder} so tests can assert on what the app did, in order.
 *
 * Test-only helpers (not part of Electron): {@link recorder}, {@link doubleConfig},
 * {@link resetElectronDouble}, {@link invokeIpc}, {@link callProtocol}, {@link emitReady}.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// ---------------------------------------------------------------------------------------------
// Recorder and configuration
// ---------------------------------------------------------------------------------------------

/** One recorded call: `api` is `module.method` (e.g. `app.setAppUserModelId`, `tray.setTitle`). */
export interface RecordedCall {
  api: string;
  args: unknown[];
}

/** Knobs a test can turn before exercising the code under test. {@link resetElectronDouble} restores them. */
export interface DoubleConfig {
  /** Returned by `app.requestSingleInstanceLock()`. */
  singleInstanceLock: boolean;
  /** Returned by `Notification.isSupported()`. */
  notificationsSupported: boolean;
  /** When true, `notification.show()` emits `failed` instead of `show` (unsigned macOS builds do this). */
  notificationShowFails: boolean;
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
  /** `app.isPackaged`. */
  isPackaged: boolean;
  /** `app.getAppPath()`. */
  appPath: string;
  /** `app.getVersion()`. */
  version: string;
  /** `app.setBadgeCount()` return value (false where the platform has no badge). */
  badgeSupported: boolean;
  /** Root directory for `app.getPath(name)` (each name is a subfolder). */
  pathsRoot: string;
}

function defaultConfig(): DoubleConfig {
  return {
    singleInstanceLock: true,
    notificationsSupported: true,
    notificationShowFails: false,
    notificationHandleActivation: true,
    safeStorageBackend: 'gnome_libsecret',
    encryptionAvailable: true,
    decryptFails: false,
    dialogResponse: 0,
    isPackaged: false,
    appPath: process.cwd(),
    version: '0.1.0',
    badgeSupported: true,
    pathsRoot: path.join(os.tmpdir(), `minimax-tray-electron-double-${process.pid}`),
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

// ---------------------------------------------------------------------------------------------
// app
// ---------------------------------------------------------------------------------------------

class AppDouble extends EventEmitter {
  private ready = false;
  private readonly paths = new Map<string, string>();
  private loginItem: Record<string, unknown> = { openAtLogin: false };
  private badge = 0;
  name = 'MiniMax Tray';
  /** Present only when a test simulates macOS: `app.dock = dockDouble`. */
  dock: typeof dockDouble | undefined = undefined;
  readonly commandLine = {
    appendSwitch: (name: string, value?: string) =>
      recorder.record('app.commandLine.appendSwitch', name, value),
    hasSwitch: (_name: string) => false,
    getSwitchValue: (_name: string) => '',
  };

  get isPackaged(): boolean {
    return doubleConfig.isPackaged;
  }

  resetState(): void {
    this.ready = false;
    this.paths.clear();
    this.loginItem = { openAtLogin: false };
    this.badge = 0;
    this.dock = undefined;
    this.removeAllListeners();
  }

  getPath(name: string): string {
    const set = this.paths.get(name);
    if (set) return set;
    const dir = path.join(doubleConfig.pathsRoot, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  setPath(name: string, value: string): void {
    recorder.record('app.setPath', name, value);
    this.paths.set(name, value);
  }
  getAppPath(): string {
    return doubleConfig.appPath;
  }
  getVersion(): string {
    return doubleConfig.version;
  }
  getName(): string {
    return this.name;
  }
  getLocale(): string {
    return 'en-US';
  }
  setAppUserModelId(id: string): void {
    recorder.record('app.setAppUserModelId', id);
  }
  setDesktopName(name: string): void {
    recorder.record('app.setDesktopName', name);
  }
  requestSingleInstanceLock(): boolean {
    recorder.record('app.requestSingleInstanceLock');
    return doubleConfig.singleInstanceLock;
  }
  releaseSingleInstanceLock(): void {
    recorder.record('app.releaseSingleInstanceLock');
  }
  isReady(): boolean {
    return this.ready;
  }
  /** Resolves on the next turn and marks the app ready (emitting `ready` once). */
  whenReady(): Promise<void> {
    return new Promise((resolve) => {
      setImmediate(() => {
        emitReady();
        resolve();
      });
    });
  }
  markReady(): void {
    if (this.ready) return;
    this.ready = true;
    this.emit('ready', { preventDefault: () => {} }, {});
  }
  quit(): void {
    recorder.record('app.quit');
    const event = makeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.emit('will-quit', makeEvent());
    this.emit('quit', makeEvent(), 0);
  }
  exit(code = 0): void {
    recorder.record('app.exit', code);
  }
  relaunch(options?: unknown): void {
    recorder.record('app.relaunch', options);
  }
  focus(): void {
    recorder.record('app.focus');
  }
  hide(): void {
    recorder.record('app.hide');
  }
  setBadgeCount(count?: number): boolean {
    recorder.record('app.setBadgeCount', count);
    if (!doubleConfig.badgeSupported) return false;
    this.badge = count ?? 0;
    return true;
  }
  getBadgeCount(): number {
    return this.badge;
  }
  setLoginItemSettings(settings: Record<string, unknown>): void {
    recorder.record('app.setLoginItemSettings', settings);
    this.loginItem = { ...settings };
  }
  getLoginItemSettings(): Record<string, unknown> {
    return { ...this.loginItem };
  }
  setAboutPanelOptions(options: unknown): void {
    recorder.record('app.setAboutPanelOptions', options);
  }
  showAboutPanel(): void {
    recorder.record('app.showAboutPanel');
  }
}

/** macOS Dock; assign to `app.dock` to simulate macOS. */
export const dockDouble = {
  visible: true,
  hide(): void {
    recorder.record('app.dock.hide');
    this.visible = false;
  },
  show(): Promise<void> {
    recorder.record('app.dock.show');
    this.visible = true;
    return Promise.resolve();
  },
  isVisible(): boolean {
    return this.visible;
  },
  setBadge(text: string): void {
    recorder.record('app.dock.setBadge', text);
  },
};

export const app = new AppDouble();

/** Marks the app ready and emits `ready` (what Electron does once at start-up). */
export function emitReady(): void {
  app.markReady();
}

function makeEvent(extra: Record<string, unknown> = {}): {
  preventDefault(): void;
  defaultPrevented: boolean;
} {
  const event = {
    defaultPrevented: false,
    preventDefault(): void {
      event.defaultPrevented = true;
    },
    ...extra,
  };
  return event;
}

// ---------------------------------------------------------------------------------------------
// nativeImage
// ---------------------------------------------------------------------------------------------

/** A NativeImage: remembers where it came from; "empty" when its file did not exist. */
export class NativeImage {
  readonly path: string | null;
  readonly representations: Array<{ scaleFactor: number; path?: string; buffer?: Buffer; dataURL?: string }> =
    [];
  private template = false;
  private readonly empty: boolean;

  constructor(from: { path?: string; empty?: boolean }) {
    this.path = from.path ?? null;
    this.empty = from.empty ?? (from.path ? !existsSync(from.path) : true);
    if (from.path && !this.empty) this.representations.push({ scaleFactor: 1, path: from.path });
  }
  isEmpty(): boolean {
    return this.empty && this.representations.length === 0;
  }
  setTemplateImage(value: boolean): void {
    recorder.record('nativeImage.setTemplateImage', this.path, value);
    this.template = value;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
  addRepresentation(options: {
    scaleFactor?: number;
    buffer?: Buffer;
    dataURL?: string;
    width?: number;
  }): void {
    recorder.record('nativeImage.addRepresentation', options);
    this.representations.push({
      scaleFactor: options.scaleFactor ?? 1,
      buffer: options.buffer,
      dataURL: options.dataURL,
    });
  }
  getSize(): { width: number; height: number } {
    return this.isEmpty() ? { width: 0, height: 0 } : { width: 16, height: 16 };
  }
  toPNG(): Buffer {
    return Buffer.alloc(0);
  }
  toDataURL(): string {
    return 'data:image/png;base64,';
  }
}

export const nativeImage = {
  createFromPath(p: string): NativeImage {
    recorder.record('nativeImage.createFromPath', p);
    return new NativeImage({ path: p });
  },
  createEmpty(): NativeImage {
    return new NativeImage({ empty: true });
  },
  createFromBuffer(buffer: Buffer, options?: unknown): NativeImage {
    recorder.record('nativeImage.createFromBuffer', buffer.length, options);
    return new NativeImage({ empty: buffer.length === 0 });
  },
  createFromDataURL(url: string): NativeImage {
    return new NativeImage({ empty: url.length === 0 });
  },
};

// ---------------------------------------------------------------------------------------------
// Menu
// ---------------------------------------------------------------------------------------------

type MenuItemTemplate = {
  id?: string;
  label?: string;
  sublabel?: string;
  type?: string;
  role?: string;
  enabled?: boolean;
  visible?: boolean;
  checked?: boolean;
  toolTip?: string;
  accelerator?: string;
  click?: (item: MenuItem, window: unknown, event: unknown) => void;
  submenu?: MenuItemTemplate[] | Menu;
};

/** A menu item; `click()` runs the template's handler like a user click. */
export class MenuItem {
  id: string | undefined;
  label: string;
  sublabel: string;
  type: string;
  role: string | undefined;
  enabled: boolean;
  visible: boolean;
  checked: boolean;
  toolTip: string;
  submenu: Menu | undefined;
  private readonly handler: MenuItemTemplate['click'];

  constructor(template: MenuItemTemplate) {
    this.id = template.id;
    this.label = template.label ?? '';
    this.sublabel = template.sublabel ?? '';
    this.type = template.type ?? (template.submenu ? 'submenu' : 'normal');
    this.role = template.role;
    this.enabled = template.enabled ?? true;
    this.visible = template.visible ?? true;
    this.checked = template.checked ?? false;
    this.toolTip = template.toolTip ?? '';
    this.handler = template.click;
    this.submenu =
      template.submenu instanceof Menu
        ? template.submenu
        : template.submenu
          ? Menu.buildFromTemplate(template.submenu)
          : undefined;
  }
  /** Simulates a user click (disabled items do nothing, as in Electron). */
  click(): void {
    if (!this.enabled) return;
    recorder.record('menuItem.click', this.label);
    this.handler?.(this, undefined, {});
  }
}

export class Menu extends EventEmitter {
  readonly items: MenuItem[] = [];
  static buildFromTemplate(template: Array<MenuItemTemplate | MenuItem>): Menu {
    const menu = new Menu();
    for (const t of template) menu.append(t instanceof MenuItem ? t : new MenuItem(t));
    return menu;
  }
  static setApplicationMenu(menu: Menu | null): void {
    recorder.record('Menu.setApplicationMenu', menu);
  }
  static getApplicationMenu(): Menu | null {
    return null;
  }
  append(item: MenuItem): void {
    this.items.push(item);
  }
  getMenuItemById(id: string): MenuItem | null {
    return this.items.find((i) => i.id === id) ?? null;
  }
  popup(options?: unknown): void {
    recorder.record('menu.popup', options);
  }
  closePopup(): void {}
}

// ---------------------------------------------------------------------------------------------
// Tray
// ---------------------------------------------------------------------------------------------

export class Tray extends EventEmitter {
  image: unknown;
  pressedImage: unknown = null;
  title = '';
  titleOptions: unknown = undefined;
  tooltip = '';
  contextMenu: Menu | null = null;
  private destroyed = false;

  constructor(image: unknown, guid?: string) {
    super();
    recorder.record('tray.new', image, guid);
    this.image = image;
    recorder.trays.push(this);
  }
  setImage(image: unknown): void {
    recorder.record('tray.setImage', image);
    this.image = image;
  }
  setPressedImage(image: unknown): void {
    this.pressedImage = image;
  }
  setToolTip(text: string): void {
    recorder.record('tray.setToolTip', text);
    this.tooltip = text;
  }
  setTitle(title: string, options?: unknown): void {
    recorder.record('tray.setTitle', title, options);
    this.title = title;
    this.titleOptions = options;
  }
  getTitle(): string {
    return this.title;
  }
  setContextMenu(menu: Menu | null): void {
    recorder.record('tray.setContextMenu', menu);
    this.contextMenu = menu;
  }
  popUpContextMenu(menu?: Menu, position?: unknown): void {
    recorder.record('tray.popUpContextMenu', menu, position);
  }
  setIgnoreDoubleClickEvents(value: boolean): void {
    recorder.record('tray.setIgnoreDoubleClickEvents', value);
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 1800, y: 0, width: 24, height: 24 };
  }
  displayBalloon(options: unknown): void {
    recorder.record('tray.displayBalloon', options);
  }
  destroy(): void {
    recorder.record('tray.destroy');
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

// ---------------------------------------------------------------------------------------------
// session, protocol, webContents, BrowserWindow
// ---------------------------------------------------------------------------------------------

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

class ProtocolDouble {
  readonly handlers = new Map<string, ProtocolHandler>();
  readonly privileged: unknown[] = [];
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    recorder.record('protocol.registerSchemesAsPrivileged', schemes);
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    recorder.record('protocol.handle', scheme);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
}

export const protocol = new ProtocolDouble();

/** Calls the handler registered with `protocol.handle` for the URL's scheme, as Chromium would. */
export async function callProtocol(url: string, init?: RequestInit): Promise<Response> {
  const scheme = new URL(url).protocol.replace(/:$/, '');
  const handler = protocol.handlers.get(scheme);
  if (!handler) throw new Error(`no protocol handler for ${scheme}:`);
  return handler(new Request(url, init));
}

class SessionDouble {
  readonly protocol = protocol;
  permissionRequestHandler: ((...args: unknown[]) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  headersReceivedListener: ((details: unknown, callback: (response: unknown) => void) => void) | null = null;
  readonly webRequest = {
    onHeadersReceived: (
      filterOrListener: unknown,
      maybeListener?: (details: unknown, callback: (response: unknown) => void) => void,
    ): void => {
      recorder.record('session.webRequest.onHeadersReceived');
      this.headersReceivedListener =
        typeof filterOrListener === 'function'
          ? (filterOrListener as (details: unknown, callback: (response: unknown) => void) => void)
          : (maybeListener ?? null);
    },
  };
  setPermissionRequestHandler(handler: ((...args: unknown[]) => void) | null): void {
    recorder.record('session.setPermissionRequestHandler');
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    recorder.record('session.setPermissionCheckHandler');
    this.permissionCheckHandler = handler;
  }
  resolveProxy(_url: string): Promise<string> {
    return Promise.resolve('DIRECT');
  }
  setPreloads(_p: string[]): void {}
  getPreloads(): string[] {
    return [];
  }
  registerPreloadScript(_s: unknown): string {
    return 'preload';
  }
  reset(): void {
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
    this.headersReceivedListener = null;
  }
}

const defaultSession = new SessionDouble();
export const session = {
  defaultSession,
  fromPartition: (_partition: string) => defaultSession,
};

let nextContentsId = 1;

/** A window's webContents: records `send`, keeps the window-open handler, emits navigation events. */
export class WebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly session = defaultSession;
  url = '';
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  private destroyed = false;
  constructor() {
    super();
    allContents.add(this);
  }
  /** The top frame; its `url` is the loaded URL. */
  get mainFrame(): { url: string } {
    return { url: this.url };
  }
  send(channel: string, ...args: unknown[]): void {
    recorder.record('webContents.send', channel, ...args);
    this.sent.push({ channel, args });
    // Deliver to the preload double when it listens on ipcRenderer.
    ipcRendererDouble.emit(channel, { sender: ipcRendererDouble }, ...args);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    recorder.record('webContents.setWindowOpenHandler');
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  isDevToolsOpened(): boolean {
    return false;
  }
  openDevTools(): void {
    recorder.record('webContents.openDevTools');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    allContents.delete(this);
  }
  isLoading(): boolean {
    return false;
  }
  /** Test helper: simulate a navigation attempt; returns true when the app prevented it. */
  simulateNavigation(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    const e = makeEvent({ url });
    this.emit(event, e, url);
    return e.defaultPrevented;
  }
}

const allContents = new Set<WebContents>();
export const webContents = {
  getAllWebContents: (): WebContents[] => [...allContents],
  fromId: (id: number): WebContents | undefined => [...allContents].find((c) => c.id === id),
  getFocusedWebContents: (): WebContents | null => null,
};

export class BrowserWindow extends EventEmitter {
  readonly options: Record<string, unknown>;
  readonly webContents = new WebContents();
  loadedUrl: string | null = null;
  loadedFile: string | null = null;
  private visible = false;
  private minimized = false;
  private destroyed = false;
  private size: [number, number];
  private position: [number, number] = [0, 0];

  constructor(options: Record<string, unknown> = {}) {
    super();
    recorder.record('BrowserWindow.new', options);
    this.options = options;
    this.size = [Number(options.width ?? 800), Number(options.height ?? 600)];
    recorder.windows.push(this);
    if (options.show !== false) this.visible = true;
    app.emit('web-contents-created', makeEvent(), this.webContents);
  }
  static getAllWindows(): BrowserWindow[] {
    return recorder.windows.filter((w) => !w.isDestroyed());
  }
  static fromWebContents(contents: WebContents): BrowserWindow | null {
    return recorder.windows.find((w) => w.webContents === contents) ?? null;
  }
  static getFocusedWindow(): BrowserWindow | null {
    return null;
  }
  /** The webPreferences the window was created with. */
  get webPreferences(): Record<string, unknown> {
    return (this.options.webPreferences ?? {}) as Record<string, unknown>;
  }
  loadURL(url: string, options?: unknown): Promise<void> {
    recorder.record('BrowserWindow.loadURL', url, options);
    this.loadedUrl = url;
    this.webContents.url = url;
    return Promise.resolve();
  }
  loadFile(file: string, options?: unknown): Promise<void> {
    recorder.record('BrowserWindow.loadFile', file, options);
    this.loadedFile = file;
    this.webContents.url = `file://${file}`;
    return Promise.resolve();
  }
  show(): void {
    recorder.record('BrowserWindow.show');
    this.visible = true;
    this.minimized = false;
    this.emit('show');
  }
  showInactive(): void {
    recorder.record('BrowserWindow.showInactive');
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    recorder.record('BrowserWindow.hide');
    this.visible = false;
    this.emit('hide');
  }
  isVisible(): boolean {
    return this.visible && !this.destroyed;
  }
  focus(): void {
    recorder.record('BrowserWindow.focus');
    this.emit('focus');
  }
  blur(): void {
    this.emit('blur');
  }
  isFocused(): boolean {
    return this.visible;
  }
  minimize(): void {
    recorder.record('BrowserWindow.minimize');
    this.minimized = true;
    this.emit('minimize');
  }
  restore(): void {
    recorder.record('BrowserWindow.restore');
    this.minimized = false;
    this.emit('restore');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  /** Emits `close` (preventable); when not prevented, destroys the window and emits `closed`. */
  close(): void {
    recorder.record('BrowserWindow.close');
    const e = makeEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return;
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroy();
    this.emit('closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getSize(): [number, number] {
    return [...this.size];
  }
  setSize(w: number, h: number): void {
    this.size = [w, h];
  }
  getPosition(): [number, number] {
    return [...this.position];
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y];
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return { x: this.position[0], y: this.position[1], width: this.size[0], height: this.size[1] };
  }
  setBounds(b: { x?: number; y?: number; width?: number; height?: number }): void {
    this.position = [b.x ?? this.position[0], b.y ?? this.position[1]];
    this.size = [b.width ?? this.size[0], b.height ?? this.size[1]];
  }
  center(): void {}
  setAlwaysOnTop(flag: boolean, level?: string): void {
    recorder.record('BrowserWindow.setAlwaysOnTop', flag, level);
  }
  setVisibleOnAllWorkspaces(flag: boolean, options?: unknown): void {
    recorder.record('BrowserWindow.setVisibleOnAllWorkspaces', flag, options);
  }
  setSkipTaskbar(flag: boolean): void {
    recorder.record('BrowserWindow.setSkipTaskbar', flag);
  }
  setMenuBarVisibility(flag: boolean): void {
    recorder.record('BrowserWindow.setMenuBarVisibility', flag);
  }
  removeMenu(): void {}
  setTitle(title: string): void {
    recorder.record('BrowserWindow.setTitle', title);
  }
  setOverlayIcon(image: unknown, description: string): void {
    recorder.record('BrowserWindow.setOverlayIcon', image, description);
  }
  flashFrame(flag: boolean): void {
    recorder.record('BrowserWindow.flashFrame', flag);
  }
}

// ---------------------------------------------------------------------------------------------
// IPC
// ---------------------------------------------------------------------------------------------

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

class IpcMainDouble extends EventEmitter {
  readonly handlers = new Map<string, IpcHandler>();
  handle(channel: string, handler: IpcHandler): void {
    recorder.record('ipcMain.handle', channel);
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, handler);
  }
  handleOnce(channel: string, handler: IpcHandler): void {
    this.handle(channel, (event, ...args) => {
      this.handlers.delete(channel);
      return handler(event, ...args);
    });
  }
  removeHandler(channel: string): void {
    recorder.record('ipcMain.removeHandler', channel);
    this.handlers.delete(channel);
  }
}

export const ipcMain = new IpcMainDouble();

/** URL the fake sender frame of {@link ipcRenderer.invoke} reports (set it to the app's renderer URL). */
export const ipcSender = { url: 'app://renderer/index.html', webContents: null as WebContents | null };

/**
 * Invokes the `ipcMain.handle` handler for `channel` the way a renderer would, with a fake event
 * whose `senderFrame.url` is `senderUrl` (null simulates a frame that was already destroyed).
 * Resolves with the handler's value; rejects when no handler exists or it throws.
 */
export async function invokeIpc(
  channel: string,
  payload: unknown,
  opts: { senderUrl: string | null; sender?: WebContents | null } = { senderUrl: ipcSender.url },
): Promise<unknown> {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`No handler registered for '${channel}'`);
  const sender = opts.sender ?? ipcSender.webContents ?? null;
  const event = {
    sender,
    processId: 1,
    frameId: 1,
    senderFrame: opts.senderUrl === null ? null : { url: opts.senderUrl, origin: safeOrigin(opts.senderUrl) },
  };
  return handler(event, ...(payload === undefined ? [] : [payload]));
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

class IpcRendererDouble extends EventEmitter {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    recorder.record('ipcRenderer.invoke', channel, ...args);
    return invokeIpc(channel, args[0], { senderUrl: ipcSender.url });
  }
  send(channel: string, ...args: unknown[]): void {
    recorder.record('ipcRenderer.send', channel, ...args);
    ipcMain.emit(channel, { senderFrame: { url: ipcSender.url } }, ...args);
  }
  sendSync(channel: string, ..._args: unknown[]): unknown {
    recorder.record('ipcRenderer.sendSync', channel);
    return undefined;
  }
}

const ipcRendererDouble = new IpcRendererDouble();
const contextBridgeDouble = {
  exposeInMainWorld(key: string, api: unknown): void {
    recorder.record('contextBridge.exposeInMainWorld', key);
    if (key in recorder.exposed) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
    recorder.exposed[key] = api;
  },
};

// In real Electron the renderer-only modules are undefined in the main process, and libraries
// rely on it (electron-log's bundled preload initialises itself when `ipcRenderer` exists). So
// they are live bindings, undefined until a test calls enterRendererProcess().
/** Renderer-side IPC; defined only after {@link enterRendererProcess}. */
export let ipcRenderer: IpcRendererDouble | undefined = undefined;
/** Renderer-side context bridge; defined only after {@link enterRendererProcess}. */
export let contextBridge: typeof contextBridgeDouble | undefined = undefined;

/** Makes `ipcRenderer` and `contextBridge` available, as in a preload script. */
export function enterRendererProcess(): {
  ipcRenderer: IpcRendererDouble;
  contextBridge: typeof contextBridgeDouble;
} {
  ipcRenderer = ipcRendererDouble;
  contextBridge = contextBridgeDouble;
  return { ipcRenderer: ipcRendererDouble, contextBridge: contextBridgeDouble };
}

// ---------------------------------------------------------------------------------------------
// Notification
// ---------------------------------------------------------------------------------------------

export class Notification extends EventEmitter {
  readonly options: Record<string, unknown>;
  shown = false;
  closed = false;
  static activationHandler: ((details: unknown) => void) | null = null;

  constructor(options: Record<string, unknown> = {}) {
    super();
    recorder.record('Notification.new', options);
    this.options = options;
    recorder.notifications.push(this);
  }
  static isSupported(): boolean {
    return doubleConfig.notificationsSupported;
  }
  get title(): string {
    return String(this.options.title ?? '');
  }
  get body(): string {
    return String(this.options.body ?? '');
  }
  show(): void {
    recorder.record('Notification.show', this.title);
    if (doubleConfig.notificationShowFails) {
      setImmediate(() => this.emit('failed', makeEvent(), 'Notifications need a code-signed app'));
      return;
    }
    this.shown = true;
    this.emit('show', makeEvent());
  }
  close(): void {
    recorder.record('Notification.close', this.title);
    this.closed = true;
    this.emit('close', makeEvent());
  }
}

// `handleActivation` is Windows-only in Electron; tests switch it off with doubleConfig.
Object.defineProperty(Notification, 'handleActivation', {
  configurable: true,
  get: () =>
    doubleConfig.notificationHandleActivation
      ? (cb: (details: unknown) => void) => {
          recorder.record('Notification.handleActivation');
          Notification.activationHandler = cb;
        }
      : undefined,
});

// ---------------------------------------------------------------------------------------------
// shell, clipboard, dialog
// ---------------------------------------------------------------------------------------------

export const shell = {
  openExternal(url: string, options?: unknown): Promise<void> {
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
};

export const clipboard = {
  writeText(text: string): void {
    recorder.record('clipboard.writeText', text);
    recorder.clipboardText = text;
  },
  readText(): string {
    return recorder.clipboardText;
  },
};

export const dialog = {
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
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
};

// ---------------------------------------------------------------------------------------------
// safeStorage
// ---------------------------------------------------------------------------------------------

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
  async decryptStringAsync(buf: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    recorder.record('safeStorage.decryptStringAsync');
    return { result: unscramble(buf), shouldReEncrypt: false };
  },
  setUsePlainTextEncryption(value: boolean): void {
    recorder.record('safeStorage.setUsePlainTextEncryption', value);
  },
};

// ---------------------------------------------------------------------------------------------
// powerMonitor, screen, net, globalShortcut, autoUpdater, nativeTheme
// ---------------------------------------------------------------------------------------------

class PowerMonitorDouble extends EventEmitter {
  isOnBatteryPower(): boolean {
    return false;
  }
  getSystemIdleState(_thresholdS: number): string {
    return 'active';
  }
  getSystemIdleTime(): number {
    return 0;
  }
}
export const powerMonitor = new PowerMonitorDouble();

const display = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 24, width: 1920, height: 1056 },
  scaleFactor: 1,
  size: { width: 1920, height: 1080 },
  workAreaSize: { width: 1920, height: 1056 },
};

class ScreenDouble extends EventEmitter {
  /** Scale factor the primary display reports; tests set 2 to simulate a high-DPI screen. */
  scaleFactor = 1;
  getPrimaryDisplay(): typeof display {
    return { ...display, scaleFactor: this.scaleFactor };
  }
  getAllDisplays(): Array<typeof display> {
    return [this.getPrimaryDisplay()];
  }
  getDisplayMatching(_rect: unknown): typeof display {
    return this.getPrimaryDisplay();
  }
  getDisplayNearestPoint(_point: unknown): typeof display {
    return this.getPrimaryDisplay();
  }
  getCursorScreenPoint(): { x: number; y: number } {
    return { x: 1800, y: 10 };
  }
}
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
};

export const globalShortcut = {
  register(accelerator: string, _cb: () => void): boolean {
    recorder.record('globalShortcut.register', accelerator);
    return true;
  },
  unregister(accelerator: string): void {
    recorder.record('globalShortcut.unregister', accelerator);
  },
  unregisterAll(): void {},
  isRegistered(_a: string): boolean {
    return false;
  },
};

/** Electron's own (Squirrel) autoUpdater; electron-menubar listens to `before-quit-for-update` on it. */
export const autoUpdater = new EventEmitter();

class NativeThemeDouble extends EventEmitter {
  shouldUseDarkColors = false;
  themeSource = 'system';
}
export const nativeTheme = new NativeThemeDouble();

export const webFrame = { setZoomFactor: (_f: number): void => {} };
export const crashReporter = { start: (_o: unknown): void => {} };

// ---------------------------------------------------------------------------------------------
// Reset
// ---------------------------------------------------------------------------------------------

/**
 * Restores the double to a fresh state: configuration defaults, no calls, no handlers, no
 * windows/trays/notifications, no listeners on app/ipc/powerMonitor. Call in `beforeEach`.
 */
export function resetElectronDouble(): void {
  Object.assign(doubleConfig, defaultConfig());
  recorder.calls.length = 0;
  recorder.trays.length = 0;
  for (const w of recorder.windows) w.removeAllListeners();
  recorder.windows.length = 0;
  recorder.notifications.length = 0;
  recorder.clipboardText = '';
  for (const key of Object.keys(recorder.exposed)) delete recorder.exposed[key];
  app.resetState();
  dockDouble.visible = true;
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  ipcRendererDouble.removeAllListeners();
  ipcRenderer = undefined;
  contextBridge = undefined;
  ipcSender.url = 'app://renderer/index.html';
  ipcSender.webContents = null;
  protocol.handlers.clear();
  protocol.privileged.length = 0;
  defaultSession.reset();
  powerMonitor.removeAllListeners();
  autoUpdater.removeAllListeners();
  screen.scaleFactor = 1;
  Notification.activationHandler = null;
  allContents.clear();
}

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
};

export default electronDouble;
