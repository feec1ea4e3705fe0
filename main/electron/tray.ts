/**
 * The tray icon: applies what the controller's {@link TrayRender} says (main/app/tray-presenter.ts
 * decides it) and owns the tray context menu.
 *
 * - The Tray lives in a module-level variable: a Tray referenced only by a local is garbage
 *   collected and vanishes after about a minute (electron#5941).
 * - Icons come from `<resources>/tray/` in a packaged app (electron-builder `extraResources`) or
 *   `assets/generated/tray/` in development (`npm run icons`), at 1x and 2x. macOS gets template
 *   images and the count as the title (`setTitle(n, {fontType: 'monospacedDigit'})`).
 * - The tooltip and the first (disabled) menu item always carry the count: some Linux panels
 *   repaint icons late (electron#54152), and the icon alone must never be the only place.
 * - There is ALWAYS a context menu (Ubuntu's indicator never delivers clicks, electron#6773);
 *   it is rebuilt and re-set after every change (Linux panels cache the menu they were given).
 * - `app.setBadgeCount` where a badge exists: Linux docks implementing LauncherEntry, and macOS
 *   only while the Dock icon is visible (it is hidden for this tray app). Windows has none.
 */
import { app, Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TrayRender } from '../app/ports.ts';
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

/** Options of {@link createTray}. */
export interface TrayOptions {
  /** Folder holding the tray PNGs (see {@link trayIconDir}). */
  iconDir: string;
  platform?: NodeJS.Platform | string;
  actions: TrayActions;
  /**
   * Where the context menu goes: electron-menubar's `setContextMenu` (Linux: `tray.setContextMenu`;
   * macOS/Windows: pop-up on right-click, so a left click still toggles the window). Default
   * `tray.setContextMenu`.
   */
  setMenu?: (menu: Menu) => void;
  logger?: Logger;
}

/** What the tray shows now (test hooks, debug info). */
export interface TrayStateSnapshot {
  state: string;
  count: number;
  title: string;
  tooltip: string;
  iconFile: string | null;
  /** Labels of the context menu, in order ('' for separators). */
  menuLabels: string[];
  badgeCount: number | null;
}

// Module-level on purpose (see the module docs).
let tray: Tray | null = null;
let options: TrayOptions | null = null;
let lastMenuKey = '';
let lastImageKey = '';
let lastMenu: Menu | null = null;
let snapshot: TrayStateSnapshot | null = null;
const warnedMissing = new Set<string>();

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

/**
 * Creates the tray (once) with the idle icon and an initial menu. Call after the app is ready.
 * @returns the Tray (also kept in this module).
 */
export function createTray(opts: TrayOptions): Tray {
  if (tray && !tray.isDestroyed()) return tray;
  options = opts;
  const mac = (opts.platform ?? process.platform) === 'darwin';
  const image = loadTrayImage(
    opts.iconDir,
    mac ? 'idleTemplate.png' : 'idle.png',
    mac ? 'idleTemplate@2x.png' : 'idle@2x.png',
    mac,
  );
  tray = new Tray(image);
  lastImageKey = '';
  lastMenuKey = '';
  return tray;
}

/** Replaces where the menu is attached (electron-menubar, once it exists) and re-sets it. */
export function setMenuSink(setMenu: (menu: Menu) => void): void {
  if (!options) return;
  options = { ...options, setMenu };
  if (lastMenu) setMenu(lastMenu);
}

/** The live Tray, or null before {@link createTray} / after {@link destroyTray}. */
export function currentTray(): Tray | null {
  return tray;
}

/** Applies a render from the controller: icon, title, tooltip, badge and menu. */
export function renderTray(render: TrayRender): void {
  if (!tray || tray.isDestroyed() || !options) return;
  const platform = options.platform ?? process.platform;
  const logger = options.logger ?? silentLogger;
  const mac = platform === 'darwin';

  const imageKey = `${render.icon.file1x}|${render.template}`;
  if (imageKey !== lastImageKey) {
    const image = loadTrayImage(options.iconDir, render.icon.file1x, render.icon.file2x, render.template);
    if (image.isEmpty()) {
      if (!warnedMissing.has(render.icon.file1x)) {
        warnedMissing.add(render.icon.file1x);
        logger.warn(
          `tray: icon ${path.join(options.iconDir, render.icon.file1x)} is missing (run npm run icons)`,
        );
      }
    } else {
      tray.setImage(image);
      lastImageKey = imageKey;
    }
  }
  if (mac) tray.setTitle(render.title, { fontType: 'monospacedDigit' });
  tray.setToolTip(render.tooltip);

  let badge: number | null = null;
  if (platform === 'linux' || (mac && app.dock?.isVisible() === true)) {
    if (app.setBadgeCount(render.count)) badge = render.count;
  }

  const template = menuTemplate(render, options.actions);
  const menuKey = JSON.stringify(template.map((i) => [i.label ?? '', i.enabled ?? true, i.type ?? 'normal']));
  if (menuKey !== lastMenuKey || !lastMenu) {
    const menu = Menu.buildFromTemplate(template);
    lastMenu = menu;
    lastMenuKey = menuKey;
    (options.setMenu ?? ((m: Menu) => tray?.setContextMenu(m)))(menu);
  }
  snapshot = {
    state: render.state,
    count: render.count,
    title: mac ? render.title : '',
    tooltip: render.tooltip,
    iconFile: lastImageKey ? render.icon.file1x : null,
    menuLabels: template.map((i) => (i.type === 'separator' ? '' : (i.label ?? ''))),
    badgeCount: badge,
  };
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

/** What the tray shows now (null before the first render). */
export function trayStateSnapshot(): TrayStateSnapshot | null {
  return snapshot ? { ...snapshot, menuLabels: [...snapshot.menuLabels] } : null;
}

/** The menu last attached (test hooks click its items). */
export function currentTrayMenu(): Menu | null {
  return lastMenu;
}

/** Removes the tray icon (quit, tests). */
export function destroyTray(): void {
  if (tray && !tray.isDestroyed()) tray.destroy();
  tray = null;
  options = null;
  lastMenu = null;
  lastMenuKey = '';
  lastImageKey = '';
  snapshot = null;
}
