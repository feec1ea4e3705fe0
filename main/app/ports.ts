/**
 * What the tray app's logic needs from the outside world, as interfaces: main/electron/ implements
 * them over Electron, tests with recorders. Nothing here imports Electron.
 */
import type { NavigateTarget, ViewModel } from '../ipc.ts';
import type { PlannedNotification } from './notification-planner.ts';
import type { AppSettings } from './settings.ts';
import type { TrayPresentation } from './tray-presenter.ts';

/** Persisted settings (electron-store in the app, an object in tests). */
export interface SettingsPort {
  /** The stored settings, complete and valid. */
  load(): AppSettings;
  /** Stores the settings; may throw (disk full), which the controller reports. */
  save(settings: AppSettings): void;
}

/** What the tray shows, plus the state of its menu's toggles. */
export interface TrayRender extends TrayPresentation {
  paused: boolean;
  muted: boolean;
  /** A token is stored (enables "Check now"). */
  hasToken: boolean;
}

/** The tray icon (main/electron/tray.ts). */
export interface TrayPort {
  render(render: TrayRender): void;
}

/** The job window (main/electron/window.ts). */
export interface WindowPort {
  /** Push a fresh view to the renderer (no-op when the window is gone). */
  push(view: ViewModel): void;
  show(target?: NavigateTarget): void;
  hide(): void;
  /** Pinned (true): the window stays open when it loses focus; Esc and the tray still hide it. */
  setKeepOpen(keepOpen: boolean): void;
}

/** The global shortcut that shows or hides the window (main/electron/global-shortcut.ts). */
export interface ShortcutPort {
  /**
   * Makes `accelerator` (checked by accelerator.ts) the app's one global shortcut, or removes it
   * with null. When the OS refuses the new one (another app has it; Wayland allows no global
   * key grabs), the previous one stays registered.
   * @returns true when `accelerator` is registered now (always for null)
   */
  set(accelerator: string | null): boolean;
  /** The accelerator registered now, or null. */
  active(): string | null;
}

/** Native notifications (main/electron/notifications.ts). */
export interface NotifierPort {
  show(notification: PlannedNotification): void;
  /** True once notifications turned out unsupported or failing on this system. */
  unavailable(): boolean;
}

/** OS services (shell, clipboard, login items). */
export interface SystemPort {
  /** Opens an https URL in the default browser. */
  openExternal(url: string): Promise<void>;
  /** Writes the clipboard (asynchronous in Electron 45); rejects when the OS refuses. */
  copyText(text: string): Promise<void>;
  /** Registers or removes the login item; rejects with a message when the OS refuses. */
  setStartAtLogin(enabled: boolean): Promise<void>;
}

/** The file manager and the folder chooser, for saved results (main/electron/files.ts). */
export interface FilesPort {
  /**
   * Asks the user for a folder (Electron's dialog.showOpenDialog), starting at `defaultPath`.
   * @returns the chosen folder, or null when cancelled.
   */
  chooseFolder(defaultPath: string | null): Promise<string | null>;
  /** Shows `file` selected in the OS file manager (shell.showItemInFolder). */
  showItemInFolder(file: string): void;
}

/** Ports the Electron layer attaches once they exist. */
export interface ControllerPorts {
  tray: TrayPort;
  window: WindowPort;
  notifier: NotifierPort;
  system: SystemPort;
  shortcut: ShortcutPort;
  files: FilesPort;
}
