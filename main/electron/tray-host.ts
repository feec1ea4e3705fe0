/**
 * Can a tray icon be shown here? On Linux the tray needs a StatusNotifierItem host (KDE, Ubuntu's
 * AppIndicator extension, most panels); stock GNOME has none, and an app that relies on its tray
 * then "does nothing" after install (gitify#401). Without a host the app opens a normal window
 * instead, with a hint about the GNOME extension.
 *
 * Detection (Linux only; macOS and Windows always have a tray):
 * 1. `MINIMAX_TRAY_NO_TRAY=1` forces window mode; `MINIMAX_TRAY_FORCE_TRAY=1` forces the tray.
 * 2. Otherwise one D-Bus call, `NameHasOwner("org.kde.StatusNotifierWatcher")` on the session bus,
 *    through `dbus-send` (1.5 s limit). Only a definite "false" means no tray: when the question
 *    cannot be asked (no dbus-send, no session bus) the tray is tried, since X11 panels with the
 *    older XEmbed tray still show Electron's GtkStatusIcon fallback.
 */
import { execFile } from 'node:child_process';

/** The SNI watcher's well-known D-Bus name. */
export const SNI_WATCHER = 'org.kde.StatusNotifierWatcher';

/** Result of {@link detectTrayHost}. */
export interface TrayHost {
  available: boolean;
  /** How it was decided, for the log and debug info. */
  reason: string;
}

/** Runs a command and resolves with its stdout, or null on any failure. */
export type CommandRunner = (cmd: string, args: string[], timeoutMs: number) => Promise<string | null>;

const runCommand: CommandRunner = (cmd, args, timeoutMs) =>
  new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, windowsHide: true }, (error, stdout) => {
      resolve(error ? null : String(stdout));
    });
  });

/** Decides whether to use the tray (see the module docs). Never throws. */
export async function detectTrayHost(
  opts: { platform?: string; env?: NodeJS.ProcessEnv; run?: CommandRunner } = {},
): Promise<TrayHost> {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  if (env.MINIMAX_TRAY_NO_TRAY === '1') return { available: false, reason: 'MINIMAX_TRAY_NO_TRAY=1' };
  if (env.MINIMAX_TRAY_FORCE_TRAY === '1') return { available: true, reason: 'MINIMAX_TRAY_FORCE_TRAY=1' };
  if (platform !== 'linux') return { available: true, reason: `${platform} always has a tray` };
  const out = await (opts.run ?? runCommand)(
    'dbus-send',
    [
      '--session',
      '--print-reply',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner',
      `string:${SNI_WATCHER}`,
    ],
    1_500,
  );
  if (out === null) return { available: true, reason: 'could not ask D-Bus; trying the tray anyway' };
  if (/boolean\s+false/.test(out))
    return { available: false, reason: `no ${SNI_WATCHER} on the session bus` };
  if (/boolean\s+true/.test(out)) return { available: true, reason: `${SNI_WATCHER} found` };
  return { available: true, reason: 'unexpected D-Bus answer; trying the tray anyway' };
}
