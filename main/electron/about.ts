/**
 * The About box (tray menu → About MiniMax Tray): version, runtime versions, the update status,
 * and on macOS a note when notifications cannot work because the build is not code-signed
 * (Electron 42+ shows notifications only for signed apps; unsigned builds get `failed`).
 */
import { dialog } from 'electron';

/** What the About box says. */
export interface AboutInfo {
  version: string;
  platform: NodeJS.Platform | string;
  /** `process.versions` (electron, chrome, node). */
  versions: Partial<Record<string, string>>;
  /** From updater.ts. */
  updates: string;
  /** Notifications failed or are unsupported here. */
  notificationsUnavailable: boolean;
  /** The app is packaged (false for `npm start`). */
  isPackaged: boolean;
}

/** Note shown on macOS when notifications cannot be delivered. */
export const MAC_UNSIGNED_NOTE =
  'macOS shows notifications only for code-signed apps. This build could not show them, probably because it is not signed; finished jobs are still listed in the window.';

/** The About box detail text. */
export function aboutDetail(info: AboutInfo): string {
  const lines = [
    `Electron ${info.versions.electron ?? '?'} · Chromium ${info.versions.chrome ?? '?'} · Node ${info.versions.node ?? '?'}`,
    info.updates,
    'Watches MiniMax (Hailuo AI) jobs run through the useapi.net API.',
  ];
  if (info.platform === 'darwin' && (info.notificationsUnavailable || !info.isPackaged))
    lines.push(MAC_UNSIGNED_NOTE);
  return lines.join('\n\n');
}

/** Shows the About box. */
export async function showAbout(info: AboutInfo): Promise<void> {
  await dialog.showMessageBox({
    type: 'info',
    title: 'About MiniMax Tray',
    message: `MiniMax Tray ${info.version}`,
    detail: aboutDetail(info),
    buttons: ['OK'],
  });
}
