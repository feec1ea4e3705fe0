/**
 * The small driver interface the end-to-end scenarios (scenarios.ts) are written against, so the
 * same scenario runs in both suites:
 *
 * - test/e2e/harness.ts — the real main process (`startApp()`) on the electron double inside the
 *   test process, the real built renderer and preload in headless Chromium;
 * - test/electron/harness.ts — the built app in a real Electron binary through Playwright's
 *   `_electron` launcher, reading tray and notifications through `globalThis.__minimaxTray`.
 *
 * In both, the Simulator (the fake useapi.net) runs in the test process on 127.0.0.1 and the app
 * is pointed at it. Nothing here imports `electron` or the double (the real-Electron suite runs
 * without them), only types.
 */
import type { Page } from 'playwright-core';
import type { SimJobSpec, Simulator, SimulatorOptions } from '../../../main/core/simulator/index.ts';
import type { ViewModel } from '../../../main/ipc.ts';
import type { OsAnswer } from './delivery.ts';

/** What a launch sets up. */
export interface LaunchOptions {
  /** Jobs scripted on the simulator before the app starts (their clock starts at submit time). */
  jobs?: readonly SimJobSpec[];
  /**
   * A token the app already holds when the window opens (a returning user); null or absent is a
   * first run. It must be the simulator's token unless the scenario wants a 401.
   */
  storedToken?: string | null;
  /** Simulator settings (token, accounts, seed…); the port is always picked by the OS. */
  simulator?: Omit<SimulatorOptions, 'port' | 'clock'>;
  /** `prefers-color-scheme` of the page (browser suite; Electron follows the OS). */
  colorScheme?: 'light' | 'dark';
}

/** What the tray shows, as the user would read it. */
export interface TrayView {
  /** Tooltip text. */
  tooltip: string;
  /** macOS menu-bar title ('' elsewhere). */
  title: string;
  /** Icon file name (e.g. `running-3.png`), or null when none was set. */
  iconFile: string | null;
  /** First (disabled) context-menu label, e.g. "3 jobs running". */
  menuLabel: string;
}

/** One native notification the app showed, with what the OS did with it. */
export interface NotificationView {
  title: string;
  body: string;
  /** `shown` only when the OS said so (Electron's `show`); see main/electron/test-hooks.ts. */
  os: OsAnswer;
  /** The error the OS gave with `failed`, or null. */
  error: string | null;
}

/** A running app with its job window open in a Playwright page. */
export interface AppDriver {
  /** Which suite drives it ('browser': the double + Chromium; 'electron': a real Electron). */
  readonly kind: 'browser' | 'electron';
  /** The OS the app runs on as far as the tray and notifications go ('linux' for the double). */
  readonly platform: string;
  /** Says something in the suite's output (what an OS refused, so it never passes silently). */
  note(line: string): void;
  /** The job window's page, rendered (`body[data-ready="true"]`). */
  readonly page: Page;
  /** Folder for screenshots a scenario saves for review (created by the harness). */
  readonly artifactsDir: string;
  /** The simulator the app talks to now (see {@link AppDriver.replaceSimulator}). */
  readonly sim: Simulator;
  /** The tray as shown now. @throws Error when there is no tray. */
  tray(): Promise<TrayView>;
  /** Every notification the app showed so far, oldest first, with the OS's answer. */
  notifications(): Promise<NotificationView[]>;
  /** Text on the clipboard. */
  clipboardText(): Promise<string>;
  /** URLs handed to the OS browser (`shell.openExternal`), oldest first. */
  openedUrls(): Promise<string[]>;
  /** Whether main shows the job window. */
  windowVisible(): Promise<boolean>;
  /** What main would push to the window now (controller.view()). */
  view(): Promise<ViewModel>;
  /**
   * Stops the simulator and starts a new one on the SAME address with `options` (e.g. another
   * token: the old one was revoked on useapi.net), with `jobs` scripted. Returns the new one.
   */
  replaceSimulator(
    options: Omit<SimulatorOptions, 'port' | 'clock'>,
    jobs?: readonly SimJobSpec[],
  ): Promise<Simulator>;
  /**
   * Problems seen in the page so far: console errors, uncaught page errors, CSP violations and
   * JavaScript dialogs (`alert`/`confirm`/`prompt`, which the app never uses).
   */
  problems(): string[];
  /** Quits the app and stops the simulator. Idempotent. */
  close(): Promise<void>;
}

/** Starts an app for a scenario. */
export type Launch = (options?: LaunchOptions) => Promise<AppDriver>;

/**
 * Waits until `probe` returns a truthy value and returns it; polls every 25 ms.
 * @throws Error naming `what` (and the last value seen) after `timeoutMs` (default 10 000).
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = null;
      if (last) return last as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const seen = lastError
        ? `last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`
        : `last value: ${describeValue(last)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${seen})`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

function describeValue(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.slice(0, 300);
  } catch {
    return String(v);
  }
}
