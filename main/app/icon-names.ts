/**
 * File names of the pre-rendered tray icons that `scripts/icons.mjs` writes to
 * `assets/generated/tray/` (shipped as `extraResources` into `<resources>/tray/`). Pure: no
 * `electron` import.
 *
 * - Windows/Linux get coloured icons, `<state>.png` (16 px) and `<state>@2x.png` (32 px); while jobs
 *   run the count is drawn into the icon: `running-<n>.png` for n = 1..9, `running-9plus.png` above.
 * - macOS gets template images (black + alpha, names ending in `Template`) that the menu bar
 *   recolours; the count goes next to the icon with `tray.setTitle`, so no count variants exist.
 *
 * Electron's `nativeImage.createFromPath('…/idle.png')` picks up `idle@2x.png` by itself on high-DPI
 * screens; ask for scale 2 only when building the image representation yourself.
 */
import type { TrayState } from '../ipc.ts';

/** Every tray state, in the order icons are drawn on the contact sheet. */
export const TRAY_STATES: readonly TrayState[] = ['idle', 'running', 'error', 'offline', 'paused'];

/** Highest count drawn as its own digit; larger counts use the `running-9plus` icon. */
export const MAX_DRAWN_COUNT = 9;

/**
 * The tray icon file for a state, relative to the `tray/` folder.
 *
 * @param state tray state to show.
 * @param count number of running jobs; only used for state `'running'` off macOS. Values that are
 *   not finite, or below 1, mean "no count" (plain running icon); fractions are rounded down;
 *   counts above 9 give `running-9plus`.
 * @param platform `process.platform`; `'darwin'` selects template images.
 * @param scale display scale factor; 1.5 and above selects the `@2x` (32 px) file, below it the
 *   16 px file.
 * @returns e.g. `('running', 3, 'linux', 2)` → `'running-3@2x.png'`,
 *   `('idle', 0, 'darwin', 1)` → `'idleTemplate.png'`. Never throws.
 */
export function trayIconFile(
  state: TrayState,
  count: number,
  platform: NodeJS.Platform | string,
  scale: number,
): string {
  const suffix = scale >= 1.5 ? '@2x' : '';
  if (platform === 'darwin') return `${state}Template${suffix}.png`;
  const n = Number.isFinite(count) ? Math.floor(count) : 0;
  if (state === 'running' && n >= 1) {
    return `running-${n > MAX_DRAWN_COUNT ? '9plus' : String(n)}${suffix}.png`;
  }
  return `${state}${suffix}.png`;
}

function allTrayIconFiles(): string[] {
  const files: string[] = [];
  const counts = [...Array.from({ length: MAX_DRAWN_COUNT }, (_, i) => i + 1), MAX_DRAWN_COUNT + 1];
  for (const scale of [1, 2]) {
    for (const state of TRAY_STATES) {
      files.push(trayIconFile(state, 0, 'linux', scale), trayIconFile(state, 0, 'darwin', scale));
    }
    for (const count of counts) files.push(trayIconFile('running', count, 'linux', scale));
  }
  return files;
}

/**
 * Every file name {@link trayIconFile} can return (40 names: 5 states × {coloured, Template} ×
 * {1x, 2x}, plus 10 running counts × {1x, 2x}). The packaging tests check each exists.
 */
export const ALL_TRAY_ICON_FILES: string[] = allTrayIconFiles();
