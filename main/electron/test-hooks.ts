/**
 * Test hooks for the real-Electron Playwright suite: tray and native notifications are OS UI that
 * Playwright cannot see, so with `MINIMAX_TRAY_TEST_HOOKS=1` (and only then) main publishes
 * `globalThis.__minimaxTray`, reachable from `electronApp.evaluate(() => globalThis.__minimaxTray)`.
 */
import type { CommandTable } from '../app/commands.ts';
import type { AppController } from '../app/controller.ts';
import type { ElectronNotifier, ShownNotification } from './notifications.ts';
import { currentTrayMenu, trayStateSnapshot, type TrayStateSnapshot } from './tray.ts';
import type { JobWindow } from './window.ts';

/** What `globalThis.__minimaxTray` holds. */
export interface TestHooks {
  /** Tray state: icon state, count, macOS title, tooltip, menu labels, badge. Null without a tray. */
  tray(): TrayStateSnapshot | null;
  /** Clicks the tray menu item with this label; false when there is no such enabled item. */
  clickTrayMenuItem(label: string): boolean;
  /** Every notification shown so far (newest last). */
  notifications(): ShownNotification[];
  /** Whether notifications are marked unavailable. */
  notificationsUnavailable(): boolean;
  /** The controller (view(), debugInfo(), …). */
  controller: AppController;
  /** The IPC command table (what the window's invoke calls reach). */
  commands: CommandTable;
  /** Show/hide the window the way the tray would. */
  showWindow(target?: 'jobs' | 'settings'): void;
  hideWindow(): void;
  /** The simulator's base URL in demo mode, else null. */
  simulatorUrl: string | null;
}

/** Publishes the hooks when `env.MINIMAX_TRAY_TEST_HOOKS === '1'`; returns them (or null). */
export function installTestHooks(
  env: NodeJS.ProcessEnv,
  parts: {
    controller: AppController;
    commands: CommandTable;
    notifier: ElectronNotifier;
    window: JobWindow;
    simulatorUrl: string | null;
  },
): TestHooks | null {
  if (env.MINIMAX_TRAY_TEST_HOOKS !== '1') return null;
  const hooks: TestHooks = {
    tray: () => trayStateSnapshot(),
    clickTrayMenuItem: (label) => {
      const item = currentTrayMenu()?.items.find((i) => i.label === label);
      if (!item || !item.enabled) return false;
      item.click();
      return true;
    },
    notifications: () => parts.notifier.history.map((n) => ({ ...n, jobIds: [...n.jobIds] })),
    notificationsUnavailable: () => parts.notifier.unavailable(),
    controller: parts.controller,
    commands: parts.commands,
    showWindow: (target) => parts.window.show(target),
    hideWindow: () => parts.window.hide(),
    simulatorUrl: parts.simulatorUrl,
  };
  (globalThis as { __minimaxTray?: TestHooks }).__minimaxTray = hooks;
  return hooks;
}
