/**
 * Start at login, hidden in the tray.
 *
 * - macOS and Windows: `app.setLoginItemSettings({ openAtLogin, args: ['--hidden'] })` (the args
 *   are used on Windows; on macOS the app detects a login start with `wasOpenedAtLogin`).
 * - Linux: Electron's login items are a no-op there (electron#15198), so an XDG autostart entry
 *   `$XDG_CONFIG_HOME/autostart/minimax-tray.desktop` (default `~/.config/autostart`) is written or
 *   removed. `Exec` is `$APPIMAGE` for AppImage builds (the mounted path changes every run),
 *   otherwise the executable (plus the app folder in development), then `--hidden`.
 */
import { app } from 'electron';
import { rm, writeFile } from 'node:fs/promises';
import { makeDirs } from '../core/make-dirs.ts';
import os from 'node:os';
import path from 'node:path';

/** The flag that makes the app start without showing its window. */
export const HIDDEN_FLAG = '--hidden';
/** File name of the Linux autostart entry. */
export const AUTOSTART_FILE = 'minimax-tray.desktop';

/** Where things are (defaults: the running process). */
export interface AutostartEnv {
  platform?: NodeJS.Platform | string;
  env?: NodeJS.ProcessEnv;
  execPath?: string;
  homeDir?: string;
  /** The app folder passed to the Electron binary in development (null when packaged). */
  appPath?: string | null;
}

/** Path of the Linux autostart entry. */
export function autostartFile(e: AutostartEnv = {}): string {
  const env = e.env ?? process.env;
  const base =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : path.join(e.homeDir ?? os.homedir(), '.config');
  return path.join(base, 'autostart', AUTOSTART_FILE);
}

/** Quotes one Exec argument per the Desktop Entry spec (then escapes backslashes for the file). */
export function quoteExecArg(arg: string): string {
  const inner = arg.replace(/(["`$\\])/g, '\\$1');
  return `"${inner}"`.replace(/\\/g, '\\\\');
}

/** The text of the Linux autostart entry. */
export function desktopEntry(e: AutostartEnv = {}): string {
  const env = e.env ?? process.env;
  const exe = env.APPIMAGE && path.isAbsolute(env.APPIMAGE) ? env.APPIMAGE : (e.execPath ?? process.execPath);
  const appPath = e.appPath === undefined ? (app.isPackaged ? null : app.getAppPath()) : e.appPath;
  const args = [exe, ...(appPath && !env.APPIMAGE ? [appPath] : []), HIDDEN_FLAG];
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=MiniMax Tray',
    'Comment=Watch MiniMax (Hailuo AI) jobs from the system tray',
    `Exec=${args.map(quoteExecArg).join(' ')}`,
    'Icon=minimax-tray',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Turns start-at-login on or off.
 * @throws Error with a message for the window when the entry cannot be written or removed.
 */
export async function setStartAtLogin(enabled: boolean, e: AutostartEnv = {}): Promise<void> {
  const platform = e.platform ?? process.platform;
  if (platform === 'darwin' || platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
    return;
  }
  const file = autostartFile(e);
  try {
    if (enabled) {
      await makeDirs(path.dirname(file));
      await writeFile(file, desktopEntry(e), { mode: 0o644 });
    } else {
      await rm(file, { force: true });
    }
  } catch (err) {
    throw new Error(
      `The autostart entry ${file} could not be ${enabled ? 'written' : 'removed'}: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

/** True when the app was started at login or with {@link HIDDEN_FLAG}: no window at start. */
export function startedHidden(
  argv: readonly string[],
  platform: NodeJS.Platform | string = process.platform,
): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  if (platform === 'darwin') {
    try {
      return app.getLoginItemSettings().wasOpenedAtLogin === true;
    } catch {
      return false;
    }
  }
  return false;
}
