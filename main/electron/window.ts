/**
 * The job window.
 *
 * With a tray: an electron-menubar 11 popup anchored to the tray icon (it handles positioning per
 * OS and taskbar side, the Windows post-show blur, macOS Spaces and the Linux menu cache). It hides
 * on blur and on close (close never destroys it); Esc is handled by the page, which asks main to
 * hide (`window:hide`, handled here by {@link JobWindow.handle}) unless a dialog is open — so
 * menubar's own `escapeToHide` is off. The window is created hidden when electron-menubar is ready
 * (`preloadWindow`), so the first click is instant and the page is ready to receive views.
 * electron-menubar also takes the tray's context menu ({@link JobWindow.menuHost}, see tray.ts).
 * Pinned ({@link JobWindow.setKeepOpen}, the header's "Keep open"), electron-menubar's
 * `hideOnBlur` option is off: the popup stays when it loses focus and stays above other windows
 * (electron-menubar sets always-on-top while it does not hide on blur); Esc, the tray and the
 * global shortcut still hide it.
 *
 * Without a tray (Linux desktop with no StatusNotifierItem host, see tray-host.ts): a normal,
 * framed window with a taskbar entry; the page shows a hint about the missing tray. Closing it
 * quits the app, since nothing else could bring it back. Started hidden (login item) it opens
 * minimised instead, for the same reason.
 *
 * Lifecycle: created once, with everything it needs, before the controller starts (the page then
 * loads while the monitor reads its ledger); {@link JobWindow.open} shows it as the start-up mode
 * says once the controller has started. The window's own `show`/`hide` (and, without a tray,
 * `minimize`/`restore`) events are the only visibility signal: they go to `onVisibility`.
 *
 * Both load {@link RENDERER_URL} (this module, not electron-menubar, loads it, so a page that
 * fails to load is logged and never stops electron-menubar from becoming ready) with:
 * contextIsolation, sandbox, no nodeIntegration, webSecurity, no spellcheck, and the preload
 * bundle `dist/preload/preload.cjs`.
 */
import {
  app,
  BrowserWindow,
  nativeImage,
  type BrowserWindowConstructorOptions,
  type Menu,
  type Tray,
} from 'electron';
import { menubar, type Menubar } from 'electron-menubar';
import path from 'node:path';
import type { WindowPort } from '../app/ports.ts';
import { silentLogger, type Logger } from '../core/types.ts';
import {
  NAVIGATE_CHANNEL,
  type ActionResult,
  type NavigateTarget,
  type ViewModel,
  type WindowChannel,
} from '../ipc.ts';
import { pushView, type WindowCommands } from './ipc-handlers.ts';
import { RENDERER_URL } from './protocol.ts';
import type { TrayMenuHost } from './tray.ts';

/** Popup size (px). */
export const POPUP_SIZE = { width: 400, height: 560 } as const;
/** Normal-window size when there is no tray (px). */
export const TRAYLESS_SIZE = { width: 460, height: 640 } as const;

/** `dist/preload/preload.cjs` under the app folder. */
export function preloadPath(appPath = app.getAppPath()): string {
  return path.join(appPath, 'dist', 'preload', 'preload.cjs');
}

/** `dist/renderer` under the app folder (served on app://renderer/). */
export function rendererRoot(appPath = app.getAppPath()): string {
  return path.join(appPath, 'dist', 'renderer');
}

/** The BrowserWindow options for the popup or the normal window (security settings included). */
export function browserWindowOptions(preload: string, trayless: boolean): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    show: false,
    title: 'MiniMax Tray',
    fullscreenable: false,
    maximizable: false,
    backgroundColor: '#00000000',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      preload,
    },
  };
  if (trayless) {
    return { ...common, ...TRAYLESS_SIZE, minWidth: 360, minHeight: 420, autoHideMenuBar: true };
  }
  return { ...common, ...POPUP_SIZE, frame: false, resizable: false, minimizable: false, skipTaskbar: true };
}

/** Options of {@link JobWindow}. */
export interface JobWindowOptions {
  /** The tray to anchor to, or null for a normal window. */
  tray: Tray | null;
  preload: string;
  /** Started at login or with --hidden: {@link JobWindow.open} does not show the window. */
  startHidden: boolean;
  /** Shown/hidden, from the window's own events (the controller fetches progress, capacity and names only while shown). */
  onVisibility(visible: boolean): void;
  logger?: Logger;
}

/** The job window, in popup or normal-window mode. See the module docs. */
export class JobWindow implements WindowPort, WindowCommands {
  /** Where the tray's context menu goes (electron-menubar); null without a tray. */
  readonly menuHost: TrayMenuHost | null;
  private readonly opts: JobWindowOptions;
  private readonly logger: Logger;
  private readonly mb: Menubar | null;
  private readonly win: BrowserWindow | null;

  /** Creates the window (after the app is ready); the page loads on its own. */
  constructor(opts: JobWindowOptions) {
    this.opts = opts;
    this.logger = opts.logger ?? silentLogger;
    if (!opts.tray) {
      this.mb = null;
      this.menuHost = null;
      const win = new BrowserWindow(browserWindowOptions(opts.preload, true));
      this.win = win;
      this.watch(win);
      win.on('restore', () => opts.onVisibility(true));
      win.on('minimize', () => opts.onVisibility(false));
      win.on('closed', () => app.quit());
      return;
    }
    this.win = null;
    const mb = menubar({
      tray: opts.tray,
      // Passing an image (not a path) also avoids electron-menubar's ESM `__dirname` fallback.
      icon: nativeImage.createEmpty(),
      index: false,
      preloadWindow: true,
      browserWindow: browserWindowOptions(opts.preload, false),
      hideOnClose: true,
      escapeToHide: false,
      showDockIcon: false,
      tooltip: 'MiniMax Tray',
    });
    this.mb = mb;
    // Every window electron-menubar creates (at ready, or again after one was closed).
    mb.on('after-create-window', () => {
      if (mb.window) this.watch(mb.window);
    });
    const ready = new Promise<void>((resolve) => mb.once('ready', () => resolve()));
    this.menuHost = { setContextMenu: (menu: Menu) => mb.setContextMenu(menu), ready };
  }

  /** The BrowserWindow, once created. */
  window(): BrowserWindow | null {
    const w = this.mb ? (this.mb.window ?? null) : this.win;
    return w && !w.isDestroyed() ? w : null;
  }

  /**
   * Start-up is done: shows the window on `target` unless it started hidden. Without a tray a
   * hidden start opens it minimised (nothing else could bring it back).
   */
  open(target: NavigateTarget): void {
    if (!this.opts.startHidden) {
      this.show(target);
      return;
    }
    if (this.win && !this.win.isDestroyed()) {
      this.win.showInactive();
      this.win.minimize();
    }
  }

  push(view: ViewModel): void {
    pushView(this.window()?.webContents, view);
  }

  show(target?: NavigateTarget): void {
    if (this.mb) {
      this.mb.showWindow().then(
        () => this.navigate(target),
        (e: unknown) => this.logger.error(`window: could not show: ${String(e)}`),
      );
      return;
    }
    const w = this.window();
    if (!w) return;
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
    this.navigate(target);
  }

  hide(): void {
    if (this.mb) this.mb.hideWindow();
    else this.window()?.minimize();
  }

  /** Pinned or not (see the module docs). The normal window (no tray) never hides on blur anyway. */
  setKeepOpen(keepOpen: boolean): void {
    // Before electron-menubar created its window the option is kept and applied at creation.
    this.mb?.setOption('hideOnBlur', !keepOpen);
  }

  /**
   * The global shortcut: hides the window when it is shown, else shows it. The normal window
   * (no tray) is brought to the front when it is open but not focused, and minimised when it is.
   */
  toggle(): void {
    if (this.mb) {
      this.mb.toggleWindow().catch((e: unknown) => this.logger.error(`window: could not show: ${String(e)}`));
      return;
    }
    const w = this.window();
    if (w && w.isVisible() && !w.isMinimized() && w.isFocused()) w.minimize();
    else this.show();
  }

  isVisible(): boolean {
    return this.window()?.isVisible() ?? false;
  }

  /** The renderer's window commands (`window:hide`: Esc with no dialog open). */
  async handle(channel: WindowChannel): Promise<ActionResult> {
    switch (channel) {
      case 'window:hide':
        this.hide();
        return { ok: true };
    }
  }

  /** The menu electron-menubar shows for the tray now (test hooks), or null. */
  trayMenu(): Menu | null {
    return this.mb?.getOption('contextMenu') ?? null;
  }

  /** Tears the window (and menubar's listeners) down before quitting. */
  destroy(): void {
    if (this.mb && !this.mb.isDestroyed()) this.mb.destroy();
    if (this.win && !this.win.isDestroyed()) this.win.destroy();
  }

  private navigate(target: NavigateTarget | undefined): void {
    if (!target) return;
    const w = this.window();
    if (!w) return;
    const send = (): void => {
      if (!w.isDestroyed()) w.webContents.send(NAVIGATE_CHANNEL, target);
    };
    if (w.webContents.isLoading()) w.webContents.once('did-finish-load', send);
    else send();
  }

  /**
   * A new BrowserWindow: reports its visibility, loads the page, logs load failures and
   * renderer crashes (a blank popup must leave a trace).
   */
  private watch(win: BrowserWindow): void {
    win.on('show', () => this.opts.onVisibility(true));
    win.on('hide', () => this.opts.onVisibility(false));
    win.on('closed', () => this.opts.onVisibility(false));
    win.webContents.on('did-fail-load', (_e, code, description, url) => {
      this.logger.error(`window: page failed to load (${code} ${description}) ${url}`);
    });
    win.webContents.on('render-process-gone', (_e, details) => {
      this.logger.error(`window: renderer gone (${details.reason}); reloading`);
      this.load(win);
    });
    this.load(win);
  }

  /** Loads the page; a failure is logged by the `did-fail-load` listener. */
  private load(win: BrowserWindow): void {
    if (win.isDestroyed()) return;
    win.loadURL(RENDERER_URL).catch(() => {});
  }
}
