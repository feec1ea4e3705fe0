/**
 * The tray icon: applies what the controller's {@link TrayRender} says (main/app/tray-presenter.ts
 * decides it) to an Electron Tray, and builds the tray context menu.
 *
 * - {@link createTray} makes the Electron Tray (idle icon); the job window's electron-menubar
 *   anchors to it; then one {@link TrayIcon} is created with everything it needs: the tray, the
 *   menu actions and the {@link TrayMenuHost} (electron-menubar), which takes every menu from the
 *   first render on. No native menu is ever attached by this module: on macOS a menu set with
 *   `tray.setContextMenu` takes the left click (electron#4796) and on Windows it would keep
 *   showing on right-click, so there electron-menubar pops the current menu up on right-click,
 *   and on Linux it hands it to the StatusNotifierItem host.
 * - electron-menubar sets the tooltip to its own option when it is ready, so the last render is
 *   applied again then: the count stays in the tooltip.
 * - Icons come from `<resources>/tray/` in a packaged app (electron-builder `extraResources`) or
 *   `assets/generated/tray/` in development (`npm run icons`), at 1x and 2x. macOS gets template
 *   images and the count as the title (`setTitle(n, {fontType: 'monospacedDigit'})`).
 * - The tooltip and the first (disabled) menu item always carry the count: some Linux panels
 *   repaint icons late (electron#54152), and the icon alone must never be the only place.
 * - There is ALWAYS a context menu (Ubuntu's indicator never delivers clicks, electron#6773);
 *   it is rebuilt and handed over after every change (Linux panels cache the menu they were given).
 * - `app.setBadgeCount` where a badge exists: Linux docks implementing LauncherEntry, and macOS
 *   only while the Dock icon is visible (it is hidden for this tray app). Windows has none.
 * - A Tray referenced only by a local is garbage collected and vanishes (electron#5941): the
 *   TrayIcon and electron-menubar hold it for the life of the app (the controller holds the
 *   TrayIcon, the IPC handlers hold the controller).
 */
import { app, Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TrayPort, TrayRender } from '../app/ports.ts';
import { silentLogger, type Logger } from '../core/types.ts';

/** What the menu items do (wired to the controller and the window by main.ts). */
export interface TrayActions {
  showJobs(): void;
  showSettings(): void;
  checkNow(): void;
  setPaused(paused: boolean): void;
  /** Mute for `minutes`, or unmute with null. */
  mute(minutes: number | null): void;
  openLogs(): void;
  copyDebugInfo(): void;
  about(): void;
  quit(): void;
}

/** Where the tray's context menu goes: electron-menubar (see the module docs). */
export interface TrayMenuHost {
  /** Takes the current menu (Linux: the tray's native menu; macOS/Windows: the right-click pop-up). */
  setContextMenu(menu: Menu): void;
  /** Resolves once electron-menubar is ready (it has just set the tray's tooltip to its own). */
  readonly ready: Promise<void>;
}

/** Options of {@link TrayIcon}. */
export interface TrayIconOptions {
  /** The Electron Tray, from {@link createTray}. */
  tray: Tray;
  /** Folder holding the tray PNGs (see {@link trayIconDir}). */
  iconDir: string;
  platform: NodeJS.Platform | string;
  actions: TrayActions;
  menuHost: TrayMenuHost;
  logger?: Logger;
}

/**
 * The tray icon folder: `<resources>/tray` when packaged, else `<app>/assets/generated/tray`.
 */
export function trayIconDir(isPackaged = app.isPackaged, resourcesPath = process.resourcesPath): string {
  return isPackaged && resourcesPath
    ? path.join(resourcesPath, 'tray')
    : path.join(app.getAppPath(), 'assets', 'generated', 'tray');
}

/** Loads a tray image: the 1x file plus its 2x representation; template on macOS. */
export function loadTrayImage(dir: string, file1x: string, file2x: string, template: boolean): NativeImage {
  const image = nativeImage.createFromPath(path.join(dir, file1x));
  const p2 = path.join(dir, file2x);
  if (!image.isEmpty() && existsSync(p2)) {
    try {
      image.addRepresentation({ scaleFactor: 2, buffer: readFileSync(p2) });
    } catch {
      // The 1x image still works; Electron scales it.
    }
  }
  if (template) image.setTemplateImage(true);
  return image;
}

/** Creates the Electron Tray with the idle icon. Call after the app is ready. */
export function createTray(opts: { iconDir: string; platform: NodeJS.Platform | string }): Tray {
  const mac = opts.platform === 'darwin';
  return new Tray(
    loadTrayImage(
      opts.iconDir,
      mac ? 'idleTemplate.png' : 'idle.png',
      mac ? 'idleTemplate@2x.png' : 'idle@2x.png',
      mac,
    ),
  );
}

/** The tray icon adapter. See the module docs. */
export class TrayIcon implements TrayPort {
  private readonly opts: TrayIconOptions;
  private readonly logger: Logger;
  private readonly warnedMissing = new Set<string>();
  private last: TrayRender | null = null;
  private imageKey = '';
  private menuKey = '';

  constructor(opts: TrayIconOptions) {
    this.opts = opts;
    this.logger = opts.logger ?? silentLogger;
    opts.menuHost.ready.then(
      () => {
        if (this.last) this.apply(this.last);
      },
      () => {},
    );
  }

  /** Applies a render from the controller: icon, title, tooltip, badge and menu. */
  render(render: TrayRender): void {
    this.last = render;
    this.apply(render);
  }

  /** Removes the tray icon (quit). */
  destroy(): void {
    if (!this.opts.tray.isDestroyed()) this.opts.tray.destroy();
  }

  private apply(render: TrayRender): void {
    const { tray, platform, iconDir } = this.opts;
    if (tray.isDestroyed()) return;
    const mac = platform === 'darwin';

    const imageKey = `${render.icon.file1x}|${render.template}`;
    if (imageKey !== this.imageKey) {
      const image = loadTrayImage(iconDir, render.icon.file1x, render.icon.file2x, render.template);
      if (image.isEmpty()) {
        if (!this.warnedMissing.has(render.icon.file1x)) {
          this.warnedMissing.add(render.icon.file1x);
          this.logger.warn(
            `tray: icon ${path.join(iconDir, render.icon.file1x)} is missing (run npm run icons)`,
          );
        }
      } else {
        tray.setImage(image);
        this.imageKey = imageKey;
      }
    }
    if (mac) tray.setTitle(render.title, { fontType: 'monospacedDigit' });
    tray.setToolTip(render.tooltip);
    if (platform === 'linux' || (mac && app.dock?.isVisible() === true)) app.setBadgeCount(render.count);

    const template = menuTemplate(render, this.opts.actions);
    const menuKey = JSON.stringify(
      template.map((i) => [i.label ?? '', i.enabled ?? true, i.type ?? 'normal']),
    );
    if (menuKey !== this.menuKey) {
      this.menuKey = menuKey;
      this.opts.menuHost.setContextMenu(Menu.buildFromTemplate(template));
    }
  }
}

/** The tray context menu for a render (pure apart from the click handlers). */
export function menuTemplate(render: TrayRender, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: render.menuLabel, enabled: false },
    { type: 'separator' },
    { label: 'Show jobs', click: () => actions.showJobs() },
    { label: 'Check now', enabled: render.hasToken, click: () => actions.checkNow() },
    render.paused
      ? { label: 'Resume polling', click: () => actions.setPaused(false) }
      : { label: 'Pause polling', click: () => actions.setPaused(true) },
    render.muted
      ? { label: 'Unmute notifications', click: () => actions.mute(null) }
      : { label: 'Mute notifications for 1 hour', click: () => actions.mute(60) },
    { type: 'separator' },
    { label: 'Settings…', click: () => actions.showSettings() },
    { label: 'Open logs', click: () => actions.openLogs() },
    { label: 'Copy debug info', click: () => actions.copyDebugInfo() },
    { label: 'About MiniMax Tray', click: () => actions.about() },
    { type: 'separator' },
    { label: 'Quit MiniMax Tray', click: () => actions.quit() },
  ];
}
