/**
 * `BrowserWindow` and its `webContents` (session and protocol: session.ts). Loading a URL
 * behaves as in Electron: `loadURL` resolves only when the page finished loading
 * (`did-finish-load`) and rejects when it failed (`did-fail-load`), with `isLoading()` true in
 * between; how the load ends is {@link doubleConfig.pageLoad} (a turn later by default; the
 * browser suite ties it to Chromium's `load`). Window `show`/`hide` events are emitted from
 * `show()`/`hide()`.
 */
import { EventEmitter } from 'node:events';
import { app } from './app.ts';
import { ipcRendererDouble } from './ipc.ts';
import {
  doubleConfig,
  makeEvent,
  onReset,
  recorder,
  type ElectronPick,
  type OnlyElectron,
} from './recorder.ts';
import { defaultSession } from './session.ts';

let nextContentsId = 1;
const allContents = new Set<WebContents>();

/** A window's webContents: records `send`, keeps the window-open handler, loads like Electron. */
export class WebContents
  extends EventEmitter
  implements
    Pick<
      Electron.WebContents,
      | 'id'
      | 'send'
      | 'setWindowOpenHandler'
      | 'getURL'
      | 'isDevToolsOpened'
      | 'openDevTools'
      | 'isDestroyed'
      | 'isLoading'
      | 'loadURL'
      | 'close'
    >
{
  readonly id = nextContentsId++;
  readonly session = defaultSession;
  /** Test helper: the URL loaded (what `getURL()` returns). */
  url = '';
  /** Test helper: the handler given to `setWindowOpenHandler`. */
  windowOpenHandler: ((details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse) | null = null;
  /** Test helper: everything sent to the page. */
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  private destroyed = false;
  private loading = false;
  private loadSeq = 0;
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
  setWindowOpenHandler(
    handler: (details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse,
  ): void {
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
  isLoading(): boolean {
    return this.loading;
  }
  /** Pending until {@link doubleConfig.pageLoad} settles (see the module docs). */
  async loadURL(url: string, options?: Electron.LoadURLOptions): Promise<void> {
    recorder.record('webContents.loadURL', url, options);
    this.url = url;
    this.loading = true;
    const seq = ++this.loadSeq;
    this.emit('did-start-loading');
    const result = await doubleConfig.pageLoad(url);
    if (this.destroyed || seq !== this.loadSeq) throw new Error(`ERR_ABORTED (-3) loading '${url}'`);
    this.loading = false;
    if (result.ok) {
      this.emit('dom-ready', makeEvent());
      this.emit('did-finish-load', makeEvent());
      return;
    }
    this.emit('did-fail-load', makeEvent(), result.errorCode, result.errorDescription, url, true, 0, 0);
    throw new Error(`${result.errorDescription} (${result.errorCode}) loading '${url}'`);
  }
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    allContents.delete(this);
    this.emit('destroyed');
  }
  /** Test helper: simulate a navigation attempt; returns true when the app prevented it. */
  simulateNavigation(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    const e = makeEvent({ url });
    this.emit(event, e, url);
    return e.defaultPrevented;
  }
}

const _contentsOnlyElectron: OnlyElectron<
  WebContents,
  Electron.WebContents,
  'url' | 'windowOpenHandler' | 'sent' | 'simulateNavigation'
> = true;

export const webContents = {
  getAllWebContents: (): WebContents[] => [...allContents],
  fromId: (id: number): WebContents | undefined => [...allContents].find((c) => c.id === id),
  getFocusedWebContents: (): WebContents | null => null,
} satisfies ElectronPick<
  typeof Electron.WebContents,
  'getAllWebContents' | 'fromId' | 'getFocusedWebContents',
  'getAllWebContents' | 'fromId' | 'getFocusedWebContents'
>;

type WindowMembers =
  | 'loadURL'
  | 'loadFile'
  | 'show'
  | 'showInactive'
  | 'hide'
  | 'isVisible'
  | 'focus'
  | 'blur'
  | 'isFocused'
  | 'minimize'
  | 'restore'
  | 'isMinimized'
  | 'close'
  | 'destroy'
  | 'isDestroyed'
  | 'getSize'
  | 'setSize'
  | 'getPosition'
  | 'setPosition'
  | 'getBounds'
  | 'setBounds'
  | 'center'
  | 'setAlwaysOnTop'
  | 'isAlwaysOnTop'
  | 'setVisibleOnAllWorkspaces'
  | 'setSkipTaskbar'
  | 'setMenuBarVisibility'
  | 'removeMenu'
  | 'setTitle'
  | 'setOverlayIcon'
  | 'flashFrame';

/** A window; `webContents` is the double's (checked above). */
export class BrowserWindow extends EventEmitter implements Pick<Electron.BrowserWindow, WindowMembers> {
  /** Test helper: the constructor options. */
  readonly options: Electron.BrowserWindowConstructorOptions;
  readonly webContents = new WebContents();
  /** Test helper: the URL given to `loadURL`. */
  loadedUrl: string | null = null;
  /** Test helper: the file given to `loadFile`. */
  loadedFile: string | null = null;
  private visible = false;
  private focused = false;
  private minimized = false;
  private alwaysOnTop = false;
  private destroyed = false;
  private size: [number, number];
  private position: [number, number] = [0, 0];

  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
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
  static fromWebContents(contents: WebContents | Electron.WebContents): BrowserWindow | null {
    return recorder.windows.find((w) => w.webContents === contents) ?? null;
  }
  static getFocusedWindow(): BrowserWindow | null {
    return null;
  }
  /** Test helper: the webPreferences the window was created with. */
  get webPreferences(): Electron.WebPreferences {
    return this.options.webPreferences ?? {};
  }
  loadURL(url: string, options?: Electron.LoadURLOptions): Promise<void> {
    recorder.record('BrowserWindow.loadURL', url, options);
    this.loadedUrl = url;
    return this.webContents.loadURL(url, options);
  }
  loadFile(file: string, options?: Electron.LoadFileOptions): Promise<void> {
    recorder.record('BrowserWindow.loadFile', file, options);
    this.loadedFile = file;
    return this.webContents.loadURL(`file://${file}`);
  }
  show(): void {
    recorder.record('BrowserWindow.show');
    this.visible = true;
    this.focused = true;
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
    this.focused = false;
    this.emit('hide');
  }
  isVisible(): boolean {
    return this.visible && !this.destroyed;
  }
  focus(): void {
    recorder.record('BrowserWindow.focus');
    this.focused = true;
    this.emit('focus', makeEvent());
  }
  /** Focus leaves the window (also what a test calls to play the user clicking elsewhere). */
  blur(): void {
    this.focused = false;
    this.emit('blur', makeEvent());
  }
  isFocused(): boolean {
    return this.visible && this.focused && !this.destroyed;
  }
  minimize(): void {
    recorder.record('BrowserWindow.minimize');
    this.minimized = true;
    this.focused = false;
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
    this.webContents.close();
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
  getBounds(): Electron.Rectangle {
    return { x: this.position[0], y: this.position[1], width: this.size[0], height: this.size[1] };
  }
  setBounds(b: Partial<Electron.Rectangle>): void {
    this.position = [b.x ?? this.position[0], b.y ?? this.position[1]];
    this.size = [b.width ?? this.size[0], b.height ?? this.size[1]];
  }
  center(): void {}
  setAlwaysOnTop(flag: boolean, level?: Parameters<Electron.BrowserWindow['setAlwaysOnTop']>[1]): void {
    recorder.record('BrowserWindow.setAlwaysOnTop', flag, level);
    this.alwaysOnTop = flag;
  }
  isAlwaysOnTop(): boolean {
    return this.alwaysOnTop;
  }
  setVisibleOnAllWorkspaces(flag: boolean, options?: Electron.VisibleOnAllWorkspacesOptions): void {
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

const _windowOnlyElectron: OnlyElectron<
  BrowserWindow,
  Electron.BrowserWindow,
  'options' | 'loadedUrl' | 'loadedFile' | 'webPreferences'
> = true;

/** The statics Electron's `BrowserWindow` has, as the double provides them. */
export type BrowserWindowStatics = ElectronPick<
  typeof Electron.BrowserWindow,
  'getAllWindows' | 'fromWebContents' | 'getFocusedWindow',
  'getAllWindows' | 'fromWebContents' | 'getFocusedWindow'
>;

onReset(() => {
  allContents.clear();
});
