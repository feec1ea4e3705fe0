/**
 * The global shortcut's state for Settings, as pure functions: which accelerator the settings
 * want, and what to say when the OS refused one. Registering is the Electron adapter's
 * (main/electron/global-shortcut.ts, through {@link import('./ports.ts').ShortcutPort}); the
 * controller remembers the last refusal until a registration succeeds or the shortcut is
 * switched off.
 */
import type { ShortcutView } from '../ipc.ts';
import { acceleratorLabel, DEFAULT_SHORTCUT } from './accelerator.ts';
import type { AppSettings } from './settings.ts';

/** The accelerator the settings want registered, or null when the shortcut is switched off. */
export function wantedShortcut(
  s: Pick<AppSettings, 'globalShortcut' | 'globalShortcutEnabled'>,
): string | null {
  return s.globalShortcutEnabled ? s.globalShortcut : null;
}

/**
 * The sentence for a refused registration (Settings, the action's message and the log), naming
 * what stays active.
 * @param attempted the accelerator the OS refused
 * @param active the accelerator still registered, or null
 */
export function shortcutRefusedText(attempted: string, active: string | null, platform: string): string {
  const label = acceleratorLabel(attempted, platform);
  const why =
    platform === 'linux'
      ? 'another app may use it, or this desktop does not let apps take global shortcuts (Wayland sessions do not)'
      : 'another app or the system already uses it';
  const stays = active
    ? `${acceleratorLabel(active, platform)} still works.`
    : 'No shortcut is active; the tray icon still opens the window.';
  return `${label} could not be set as the global shortcut: ${why}. ${stays}`;
}

/** What Settings shows about the global shortcut. */
export function shortcutView(input: {
  settings: Pick<AppSettings, 'globalShortcut' | 'globalShortcutEnabled'>;
  /** The accelerator registered now, or null. */
  active: string | null;
  /** The last accelerator the OS refused (still unresolved), or null. */
  refused: string | null;
  platform: string;
}): ShortcutView {
  const { settings, active, refused, platform } = input;
  return {
    label: acceleratorLabel(settings.globalShortcut, platform),
    activeLabel: active === null ? null : acceleratorLabel(active, platform),
    defaultAccelerator: DEFAULT_SHORTCUT,
    problem: refused === null ? null : shortcutRefusedText(refused, active, platform),
  };
}
