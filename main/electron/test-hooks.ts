/**
 * Test hooks for the real-Electron Playwright suite: tray and native notifications are OS UI that
 * Playwright cannot see, so with `MINIMAX_TRAY_TEST_HOOKS=1` (and only then) main records what the
 * OS did with them and publishes `globalThis.__minimaxTray`, reachable from
 * `electronApp.evaluate(() => globalThis.__minimaxTray)`. All test-only state lives here, not in
 * the adapters.
 *
 * They report what the OS did, not what the app asked for:
 * - a notification counts as `shown` when Electron emits `show`, `refused` on `failed` (macOS and
 *   Windows only), and `no-answer` when neither came within {@link OS_ANSWER_MS}; `pending` before
 *   that. Calling `show()` proves nothing.
 * - Electron 45's Tray has no getters for its image, tooltip or menu (only `getTitle()` on macOS),
 *   so every Tray call is recorded after it returns, whoever made it (this app or
 *   electron-menubar, which sets the tooltip at its `ready`), plus `getTitle()` on macOS. The icon
 *   is named by comparing the image's pixels with the files in the icon folder.
 *
 * Lifecycle: {@link TestHookRecorder} is created first and watches the Tray and each
 * notification as they are created; {@link publishTestHooks} publishes it with the controller and
 * the window once those exist.
 */
import { app, nativeImage, type Menu, type NativeImage, type Notification, type Tray } from 'electron';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { CommandTable } from '../app/commands.ts';
import type { AppController } from '../app/controller.ts';
import type { PlannedNotification } from '../app/notification-planner.ts';
import type { NavigateTarget } from '../ipc.ts';
import type { JobWindow } from './window.ts';

/** How long the OS has to answer a notification before it counts as `no-answer`: 5 s. */
export const OS_ANSWER_MS = 5_000;
/** Most notification records kept. */
const NOTIFICATION_RECORDS = 200;

/** What the OS did with a notification (see the module docs). */
export type OsAnswer = 'pending' | 'shown' | 'refused' | 'no-answer';

/** One notification the app showed, with the OS's answer. */
export interface NotificationRecord {
  kind: PlannedNotification['kind'];
  title: string;
  body: string;
  url: string | null;
  jobIds: string[];
  /** Epoch ms when `show()` was called. */
  atMs: number;
  os: OsAnswer;
  /** The error text `failed` gave, or null. */
  error: string | null;
  /** ms from `show()` to the OS's `show`/`failed`, or null when none came. */
  answerMs: number | null;
}

/** What the tray was last told, from the Tray calls that returned. */
export interface TrayRecord {
  /** Icon file of the last image set (by its pixels), or null when none was set or none matches. */
  iconFile: string | null;
  /** The last tooltip set ('' before any). */
  tooltip: string;
  /** macOS: `getTitle()`; elsewhere ''. */
  title: string;
  /** The menu a user opens: Linux, the native menu last set; macOS/Windows, electron-menubar's right-click menu. */
  menuLabels: string[];
  /** How many times `tray.setContextMenu` was called (0 on macOS/Windows: the menu is a pop-up). */
  nativeMenuCalls: number;
  /** `app.getBadgeCount()` where a badge exists (Linux, macOS), else null. */
  badgeCount: number | null;
}

type Answer = { type: 'shown' | 'refused'; atMs: number; error: string | null };
type Entry = Omit<NotificationRecord, 'os' | 'error' | 'answerMs'> & { answer: Answer | null };

/** Records what the OS did with the tray and notifications. See the module docs. */
export class TestHookRecorder {
  private readonly platform: string;
  private readonly iconDir: string;
  private readonly now: () => number;
  private readonly entries: Entry[] = [];
  private tray: Tray | null = null;
  private image: NativeImage | null = null;
  private tooltip = '';
  private nativeMenu: Menu | null = null;
  private nativeMenuCalls = 0;
  private iconsByPixels: Map<string, string> | null = null;

  constructor(opts: { platform: string; iconDir: string; now?: () => number }) {
    this.platform = opts.platform;
    this.iconDir = opts.iconDir;
    this.now = opts.now ?? Date.now;
  }

  /** Records every later call on `tray` after it returns. Call right after creating it. */
  watchTray(tray: Tray): void {
    this.tray = tray;
    const { setImage, setToolTip, setContextMenu } = tray;
    tray.setImage = (image) => {
      setImage.call(tray, image);
      this.image = typeof image === 'string' ? nativeImage.createFromPath(image) : image;
    };
    tray.setToolTip = (text) => {
      setToolTip.call(tray, text);
      this.tooltip = text;
    };
    tray.setContextMenu = (menu) => {
      setContextMenu.call(tray, menu);
      this.nativeMenu = menu;
      this.nativeMenuCalls += 1;
    };
  }

  /** Watches what the OS does with a notification about to be shown (the notifier's `watch`). */
  watchNotification = (n: Notification, planned: PlannedNotification): void => {
    const entry: Entry = {
      kind: planned.kind,
      title: planned.title,
      body: planned.body,
      url: planned.url,
      jobIds: [...planned.jobIds],
      atMs: this.now(),
      answer: null,
    };
    this.entries.push(entry);
    if (this.entries.length > NOTIFICATION_RECORDS)
      this.entries.splice(0, this.entries.length - NOTIFICATION_RECORDS);
    n.once('show', () => {
      entry.answer ??= { type: 'shown', atMs: this.now(), error: null };
    });
    n.once('failed', (_event, error) => {
      entry.answer ??= { type: 'refused', atMs: this.now(), error: String(error) };
    });
  };

  /** Every notification shown so far (oldest first), with the OS's answer. */
  notifications(): NotificationRecord[] {
    const now = this.now();
    return this.entries.map(({ answer, ...e }) => ({
      ...e,
      jobIds: [...e.jobIds],
      os: osAnswer(answer, e.atMs, now),
      error: answer?.error ?? null,
      answerMs: answer ? answer.atMs - e.atMs : null,
    }));
  }

  /** What the tray was last told; null without a tray. `window` gives electron-menubar's menu. */
  trayRecord(window: Pick<JobWindow, 'trayMenu'>): TrayRecord | null {
    const tray = this.tray;
    if (!tray || tray.isDestroyed()) return null;
    const menu = this.platform === 'linux' ? this.nativeMenu : window.trayMenu();
    return {
      iconFile: this.image ? this.iconFile(this.image) : null,
      tooltip: this.tooltip,
      title: this.platform === 'darwin' ? tray.getTitle() : '',
      menuLabels: menu ? menu.items.map((i) => (i.type === 'separator' ? '' : i.label)) : [],
      nativeMenuCalls: this.nativeMenuCalls,
      badgeCount: this.platform === 'win32' ? null : app.getBadgeCount(),
    };
  }

  /** The menu {@link trayRecord} reads its labels from. */
  trayMenu(window: Pick<JobWindow, 'trayMenu'>): Menu | null {
    return this.platform === 'linux' ? this.nativeMenu : window.trayMenu();
  }

  private iconFile(image: NativeImage): string | null {
    if (!this.iconsByPixels) {
      this.iconsByPixels = new Map();
      let files: string[] = [];
      try {
        files = readdirSync(this.iconDir).filter((f) => f.endsWith('.png') && !f.includes('@2x'));
      } catch {
        // No icon folder: no names.
      }
      for (const f of files.sort()) {
        const pixels = nativeImage.createFromPath(path.join(this.iconDir, f)).toDataURL();
        if (!this.iconsByPixels.has(pixels)) this.iconsByPixels.set(pixels, f);
      }
    }
    return this.iconsByPixels.get(image.toDataURL()) ?? null;
  }
}

/** The verdict for one notification (see the module docs). */
function osAnswer(answer: Answer | null, shownAtMs: number, nowMs: number): OsAnswer {
  if (answer && answer.atMs - shownAtMs <= OS_ANSWER_MS) return answer.type;
  return nowMs - shownAtMs > OS_ANSWER_MS ? 'no-answer' : 'pending';
}

/** What `globalThis.__minimaxTray` holds. */
export interface TestHooks {
  /** What the tray was last told (see {@link TrayRecord}). Null without a tray. */
  tray(): TrayRecord | null;
  /** Clicks the tray menu item with this label, as a user would; false when there is no such enabled item. */
  clickTrayMenuItem(label: string): boolean;
  /** Every notification shown so far (oldest first), with the OS's answer. */
  notifications(): NotificationRecord[];
  /** The controller (view(), debugInfo(), …). */
  controller: AppController;
  /** The IPC command table (what the window's invoke calls reach). */
  commands: CommandTable;
  /** Show/hide the window the way the tray would. */
  showWindow(target?: NavigateTarget): void;
  hideWindow(): void;
  /** The simulator's base URL in demo mode, else null. */
  simulatorUrl: string | null;
  /** `process.platform` as the app sees it. */
  platform: string;
}

/** Publishes the recorder's hooks on `globalThis.__minimaxTray`; returns them. */
export function publishTestHooks(
  recorder: TestHookRecorder,
  parts: {
    controller: AppController;
    commands: CommandTable;
    window: JobWindow;
    simulatorUrl: string | null;
    platform: string;
  },
): TestHooks {
  const hooks: TestHooks = {
    tray: () => recorder.trayRecord(parts.window),
    clickTrayMenuItem: (label) => {
      const item = recorder.trayMenu(parts.window)?.items.find((i) => i.label === label);
      if (!item || !item.enabled) return false;
      item.click();
      return true;
    },
    notifications: () => recorder.notifications(),
    controller: parts.controller,
    commands: parts.commands,
    showWindow: (target) => parts.window.show(target),
    hideWindow: () => parts.window.hide(),
    simulatorUrl: parts.simulatorUrl,
    platform: parts.platform,
  };
  (globalThis as { __minimaxTray?: TestHooks }).__minimaxTray = hooks;
  return hooks;
}
