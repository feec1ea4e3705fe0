/**
 * The global shortcut as the app sees it: which accelerator the settings want, what to say when
 * the OS refused one (pure functions), and {@link ShortcutState}, which asks the
 * {@link ShortcutPort} to register and remembers the last refusal until a registration succeeds
 * or the shortcut is switched off. Registering itself is the Electron adapter's
 * (main/electron/global-shortcut.ts).
 */
import type { Logger } from '../core/types.ts';
import type { ActionResult, ShortcutView } from '../ipc.ts';
import { acceleratorLabel, DEFAULT_SHORTCUT } from './accelerator.ts';
import type { ShortcutPort } from './ports.ts';
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
function shortcutRefusedText(attempted: string, active: string | null, platform: string): string {
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

/** The controller's part of the global shortcut: registration through the port, and the last refusal. */
export class ShortcutState {
  private readonly platform: string;
  private readonly logger: Logger;
  /** The last accelerator the OS refused, until one is registered or the shortcut is switched off. */
  private refused: string | null = null;

  constructor(platform: string, logger: Logger) {
    this.platform = platform;
    this.logger = logger;
  }

  /**
   * Registers `accelerator` through `port` (null removes the shortcut; no port: nothing to do).
   * A refusal is remembered for Settings and logged; the port keeps the previous one registered.
   * @returns ok, or the message for the window
   */
  register(port: ShortcutPort | undefined, accelerator: string | null): ActionResult {
    if (!port || port.set(accelerator)) {
      this.refused = null;
      return { ok: true };
    }
    this.refused = accelerator;
    const message = shortcutRefusedText(accelerator ?? '', port.active(), this.platform);
    this.logger.warn(`shortcut: ${message}`);
    return { ok: false, message };
  }

  /** `wanted` must be registered again: it is not what is active, or the last one was refused. */
  unresolved(port: ShortcutPort | undefined, wanted: string | null): boolean {
    return wanted !== (port?.active() ?? null) || this.refused !== null;
  }

  /** What Settings shows. */
  view(
    settings: Pick<AppSettings, 'globalShortcut' | 'globalShortcutEnabled'>,
    port: ShortcutPort | undefined,
  ): ShortcutView {
    return shortcutView({
      settings,
      active: port?.active() ?? null,
      refused: this.refused,
      platform: this.platform,
    });
  }
}
