/**
 * Automatic updates with electron-updater (GitHub Releases, configured in electron-builder.yml).
 *
 * - Off unless the build is packaged AND has `<resources>/app-update.yml` (electron-builder writes
 *   it only when a publish config exists); About then says updates are off and why.
 * - Checks at start and every 24 h. The daily check uses its own unref'd `setInterval` here, on
 *   purpose outside the core's scheduler: that scheduler owns the job-polling timers (one timer,
 *   one request at a time) and must not wait behind, or be woken by, an update download.
 * - A downloaded update asks "Restart now / Later"; Later installs it on the next quit.
 * - electron-updater is CommonJS with a getter Node's ESM loader cannot see: default import, then
 *   `.autoUpdater` (electron-builder#7976). It is loaded lazily, only when updates are on.
 */
import { app, dialog } from 'electron';
import type { AppUpdater } from 'electron-updater';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { silentLogger, type Logger } from '../core/types.ts';

/** Time between update checks: 24 h. */
export const UPDATE_CHECK_INTERVAL_MS = 24 * 3_600_000;

/** What About and the debug info say about updates. */
export interface UpdateStatus {
  enabled: boolean;
  /** Human text, e.g. "Updates are off: this build has no update feed." */
  text: string;
}

/** Options of {@link startUpdater}. */
export interface UpdaterOptions {
  logger?: Logger;
  /** Default `app.isPackaged`. */
  isPackaged?: boolean;
  /** Default `process.resourcesPath`. */
  resourcesPath?: string;
}

/** A running updater: its status and a stop function. */
export interface Updater {
  status(): UpdateStatus;
  stop(): void;
}

/** Whether this build can update itself, and why not. */
export function updateSupport(isPackaged: boolean, resourcesPath: string | undefined): UpdateStatus {
  if (!isPackaged) return { enabled: false, text: 'Updates are off in development builds.' };
  if (!resourcesPath || !existsSync(path.join(resourcesPath, 'app-update.yml'))) {
    return { enabled: false, text: 'Updates are off: this build has no update feed (app-update.yml).' };
  }
  return { enabled: true, text: 'Updates are checked at start and once a day.' };
}

/** Starts update checks when supported (see the module docs). Never throws. */
export async function startUpdater(opts: UpdaterOptions = {}): Promise<Updater> {
  const logger = opts.logger ?? silentLogger;
  let current = updateSupport(opts.isPackaged ?? app.isPackaged, opts.resourcesPath ?? process.resourcesPath);
  if (!current.enabled) {
    logger.info(`updater: ${current.text}`);
    return { status: () => current, stop: () => {} };
  }
  let autoUpdater: AppUpdater;
  try {
    autoUpdater = (await import('electron-updater')).default.autoUpdater;
  } catch (e) {
    current = {
      enabled: false,
      text: `Updates are off: the updater could not load (${(e as Error).message}).`,
    };
    logger.error(`updater: ${current.text}`);
    return { status: () => current, stop: () => {} };
  }
  autoUpdater.logger = {
    info: (m?: unknown) => logger.info(`updater: ${String(m)}`),
    warn: (m?: unknown) => logger.warn(`updater: ${String(m)}`),
    error: (m?: unknown) => logger.error(`updater: ${String(m)}`),
    debug: (m: string) => logger.debug(`updater: ${m}`),
  };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('update-downloaded', (info) => {
    current = { enabled: true, text: `Version ${info.version} is ready to install.` };
    void dialog
      .showMessageBox({
        type: 'info',
        title: 'Update ready',
        message: `MiniMax Tray ${info.version} has been downloaded.`,
        detail: 'Restart now to install it, or later: it is installed the next time MiniMax Tray quits.',
        buttons: ['Restart now', 'Later'],
        defaultId: 0,
        cancelId: 1,
      })
      .then(({ response }) => {
        if (response === 0) autoUpdater.quitAndInstall();
      });
  });
  autoUpdater.on('error', (e: Error) => logger.warn(`updater: ${e.message}`));
  const check = (): void => {
    autoUpdater.checkForUpdates().catch((e: unknown) => logger.warn(`updater: check failed: ${String(e)}`));
  };
  check();
  const timer = setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  timer.unref();
  return { status: () => current, stop: () => clearInterval(timer) };
}
