/**
 * The job window.
 *
 * With a tray: an electron-menubar 11 popup anchored to the tray icon (it handles positioning per
 * OS and taskbar side, the Windows post-show blur, macOS Spaces and the Linux menu cache). It hides
 * on blur and on close (close never destroys it); Esc is handled by the page, which asks main to
 * hide (`window:hide`) unless a dialog is open — so menubar's own `escapeToHide` is off. The
 * window is created hidden at start-up (`preloadWindow`), so the first click is instant and the
 * page is ready to receive views.
 *
 * Without a tray (Linux desktop with no StatusNotifierItem host, see tray-host.ts): a normal,
 * framed window with a taskbar entry; the page shows a hint about the missing tray. Closing it
 * quits the app, since nothing else could bring it back. Started hidden (login item) it opens
 * minimised instead, for the same reason.
 *
 * Both load {@link RENDERER_URL} with: contextIsolation, sandbox, no nodeIntegration, webSecurity,
 * no spellcheck, and the preload bundle `dist/preload/preload.cjs`.
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
import { NAVIGATE_CHANNEL, type NavigateTarget, type ViewModel } from '../ipc.ts';
import { pushView } from './ipc-handlers.ts';
import { RENDERER_URL } from './protocol.ts';

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

/** Options of {@link JobWindow.create}. */
export interface JobWindowOptions {
  /** The tray to anchor to, or null for a normal window. */
  tray: Tray | null;
  preload: string;
  /** Started at login or with --hidden: do not show the window now. */
  startHidden: boolean;
  /** Shown/hidden (the controller fetches progress, capacity and names only while shown). */
  onVisibility(visible: boolean): void;
  logger?: Logger;
}

/** The job window, in popup or normal-window mode. See the module docs. */
export class JobWindow implements WindowPort {
  private readonly mb: Menubar | null;
  private win: BrowserWindow | null;
  private readonly logger: Logger;

  private constructor(mb: Menubar | null, win: BrowserWindow | null, logger: Logger) {
    this.mb = mb;
    this.win = win;
    this.logger = logger;
  }

  /** Creates the window (after the app is ready). Resolves once the window exists and loads. */
  static async create(opts: JobWindowOptions): Promise<JobWindow> {
    const logger = opts.logger ?? silentLogger;
    if (!opts.tray) {
      const win = new BrowserWindow(browserWindowOptions(opts.preload, true));
      const jw = new JobWindow(null, win, logger);
      jw.watch(win, opts);
      win.on('show', () => opts.onVisibility(true));
      win.on('restore', () => opts.onVisibility(true));
      win.on('hide', () => opts.onVisibility(false));
      win.on('minimize', () => opts.onVisibility(false));
      win.on('closed', () => {
        jw.win = null;
        app.quit();
      });
      win
        .loadURL(RENDERER_URL)
        .catch((e: unknown) => logger.error(`window: could not load the page: ${String(e)}`));
      if (opts.startHidden) {
        win.showInactive();
        win.minimize();
      } else {
        win.show();
      }
      return jw;
    }

    const mb = menubar({
      tray: opts.tray,
      // Passing an image (not a path) also avoids electron-menubar's ESM `__dirname` fallback.
      icon: nativeImage.createEmpty(),
      index: RENDERER_URL,
      preloadWindow: true,
      browserWindow: browserWindowOptions(opts.preload, false),
      hideOnClose: true,
      escapeToHide: false,
      showDockIcon: false,
      tooltip: 'MiniMax Tray',
    });
    const jw = new JobWindow(mb, null, logger);
    mb.on('after-show', () => opts.onVisibility(true));
    mb.on('after-hide', () => opts.onVisibility(false));
    await new Promise<void>((resolve) => {
      mb.once('before-load', () => {
        if (mb.window) jw.watch(mb.window, opts);
        resolve();
      });
      mb.once('ready', () => resolve());
    });
    return jw;
  }

  /** The BrowserWindow, once created. */
  window(): BrowserWindow | null {
    const w = this.mb ? (this.mb.window ?? null) : this.win;
    return w && !w.isDestroyed() ? w : null;
  }

  /** True in the tray popup mode. */
  get isPopup(): boolean {
    return this.mb !== null;
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

  isVisible(): boolean {
    return this.window()?.isVisible() ?? false;
  }

  /** Attaches the tray context menu through electron-menubar (no-op without a tray). */
  setContextMenu(menu: Menu): void {
    this.mb?.setContextMenu(menu);
  }

  /** Tears the window (and menubar's listeners) down before quitting. */
  destroy(): void {
    if (this.mb && !this.mb.isDestroyed()) this.mb.destroy();
    const w = this.win;
    this.win = null;
    if (w && !w.isDestroyed()) w.destroy();
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

  /** Logs page load failures and renderer crashes (a blank popup must leave a trace). */
  private watch(win: BrowserWindow, opts: JobWindowOptions): void {
    const logger = opts.logger ?? silentLogger;
    win.webContents.on('did-fail-load', (_e, code, description, url) => {
      logger.error(`window: page failed to load (${code} ${description}) ${url}`);
    });
    win.webContents.on('render-process-gone', (_e, details) => {
      logger.error(`window: renderer gone (${details.reason}); reloading`);
      if (!win.isDestroyed()) win.loadURL(RENDERER_URL).catch(() => {});
    });
  }
}
