/**
 * Real-Electron end-to-end harness: the BUILT app (dist/) in a real Electron binary, launched with
 * Playwright's `_electron` (playwright-core), against a {@link Simulator} in the test process.
 * It implements the same {@link AppDriver} as the browser harness (test/e2e/harness.ts), so the
 * scenarios in test/support/e2e/scenarios.ts run unchanged.
 *
 * Run by scripts/electron-e2e.mjs (`npm run test:electron`), which sets `ELECTRON_BINARY` and
 * loads test/support/register-none.mjs: here `electron` is never the double, and nothing imports
 * it (types only).
 *
 * - Launch ({@link electronLaunchOptions}): `_electron.launch({ executablePath: ELECTRON_BINARY,
 *   args: [<checkout>], chromiumSandbox: true })` with `MINIMAX_TRAY_TEST_HOOKS=1`,
 *   `MINIMAX_TRAY_USER_DATA=<temp>`, `MINIMAX_TRAY_API_BASE=<sim>`, `MINIMAX_TRAY_NO_KEYCHAIN=1`
 *   (never the user's keyring) and `MINIMAX_TRAY_FORCE_TRAY=1` (a virtual display has no
 *   StatusNotifierItem host). `chromiumSandbox: true` because Playwright otherwise adds
 *   `--no-sandbox` on Linux, which would hide the sandbox failure AppImage users on Ubuntu
 *   24.04+ hit (AppArmor restricts unprivileged user namespaces). The argument is the checkout, whose
 *   package.json `main` is the built entry dist/main/electron/app.js: given the entry FILE
 *   instead, Electron's default app would take dist/main/electron as the app path (electron's
 *   default_app: `app.setAppPath(appPath || path.dirname(filePath))`), and main would look for
 *   dist/renderer, dist/preload and the tray icons under it, with no app name or version.
 * - Tray and notifications are OS UI Playwright cannot see: they are read from
 *   `globalThis.__minimaxTray` (main/electron/test-hooks.ts) through `electronApp.evaluate`:
 *   the Tray calls that returned (and `getTitle()` on macOS), and what the OS answered to each
 *   notification. Every read fails loudly when the hooks are missing. What an OS refuses is
 *   printed (`# real-Electron (<os>): …`), never passed over silently.
 * - `shell.openExternal` is replaced in main by a recorder (a test must not open a browser).
 * - A stored token (`storedToken`) is saved through the controller's own `token:save` once the
 *   app runs (no keychain to seed): the app starts as a first run and then has the token.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { Simulator, type SimJobSpec, type SimulatorOptions } from '../../main/core/simulator/index.ts';
import type { TestHooks, TrayRecord } from '../../main/electron/test-hooks.ts';
import type { ActionResult, ViewModel } from '../../main/ipc.ts';
import {
  waitFor,
  type AppDriver,
  type LaunchOptions,
  type NotificationView,
  type TrayView,
} from '../support/e2e/driver.ts';

/** The checkout: Electron's app path (package.json "main" → dist/main/electron/app.js). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Screenshots written by the scenarios. */
export const ARTIFACTS_DIR = path.join(ROOT, 'test-results/electron');
/** The page main loads (RENDERER_URL in main/electron/protocol.ts, which imports electron). */
export const RENDERER_URL = 'app://renderer/index.html';
/** `bridgeId` of the built preload (BRIDGE_ID in main/preload/index.ts). */
export const BRIDGE_ID = 'minimax-tray-preload/1';

/**
 * Message when `globalThis.__minimaxTray` is absent in main. The callbacks given to
 * `electronApp.evaluate` run in main from their source text, so they repeat its first words.
 */
const NO_HOOKS =
  'test hooks missing: main did not publish globalThis.__minimaxTray (MINIMAX_TRAY_TEST_HOOKS=1 was set; is dist/ built from the current main/electron/test-hooks.ts?)';

/** The real-Electron driver: {@link AppDriver} plus the Playwright Electron handle. */
export interface ElectronAppDriver extends AppDriver {
  readonly kind: 'electron';
  readonly electronApp: ElectronApplication;
  /** Everything the hooks recorded about the tray (native menu calls included). */
  trayRecord(): Promise<TrayRecord>;
}

/** The `_electron.launch` options for one app (see the module docs). */
export function electronLaunchOptions(opts: {
  executablePath: string;
  userData: string;
  apiBase: string;
  env?: NodeJS.ProcessEnv;
}): Parameters<typeof _electron.launch>[0] & object {
  return {
    executablePath: opts.executablePath,
    args: [ROOT],
    cwd: ROOT,
    chromiumSandbox: true,
    env: {
      ...(opts.env ?? process.env),
      MINIMAX_TRAY_TEST_HOOKS: '1',
      MINIMAX_TRAY_USER_DATA: opts.userData,
      MINIMAX_TRAY_API_BASE: opts.apiBase,
      MINIMAX_TRAY_NO_KEYCHAIN: '1',
      MINIMAX_TRAY_FORCE_TRAY: '1',
    },
    timeout: 30_000,
  };
}

/** Prints a line about what the OS did into the suite's output. */
function note(line: string): void {
  console.log(`# real-Electron (${process.platform}): ${line}`);
}

/**
 * The Electron executable from `ELECTRON_BINARY`.
 * @throws Error when it is unset or missing (run the suite through scripts/electron-e2e.mjs).
 */
export function electronBinary(): string {
  const binary = process.env.ELECTRON_BINARY;
  if (!binary || !existsSync(binary)) {
    throw new Error(
      'ELECTRON_BINARY does not name an Electron executable: run this suite with `npm run test:electron` (scripts/electron-e2e.mjs finds the binary or says why there is none).',
    );
  }
  return binary;
}

/** @throws Error naming the build command when the built app is missing. */
function requireBuilt(): void {
  const needed = [
    'dist/main/electron/app.js',
    'dist/preload/preload.cjs',
    'dist/renderer/index.html',
    'assets/generated/tray/idle.png',
  ];
  const missing = needed.filter((f) => !existsSync(path.join(ROOT, f)));
  if (missing.length > 0) {
    throw new Error(
      `The real-Electron suite runs the built app; missing: ${missing.join(', ')}. Run \`node scripts/build.mjs\`.`,
    );
  }
}

/** The hooks in main, typed; the callbacks below run in main, where this is `globalThis`. */
type HooksGlobal = { __minimaxTray?: TestHooks; __e2eOpened?: string[] };

/**
 * Launches the built app in Electron for one scenario and waits until its window has rendered.
 * @throws Error when ELECTRON_BINARY or the build is missing, the hooks never appear, the window
 *   does not run the built preload, or a stored token is refused.
 */
export async function launchElectron(options: LaunchOptions = {}): Promise<ElectronAppDriver> {
  const executablePath = electronBinary();
  requireBuilt();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  let sim = new Simulator({ ...options.simulator });
  const { baseUrl } = await sim.start();
  for (const job of options.jobs ?? []) sim.submit(job);
  const userData = mkdtempSync(path.join(os.tmpdir(), 'mt-electron-userdata-'));

  let electronApp: ElectronApplication;
  try {
    electronApp = await _electron.launch(
      electronLaunchOptions({ executablePath, userData, apiBase: baseUrl }),
    );
  } catch (e) {
    await sim.stop();
    throw e;
  }

  const trayRecord = async (): Promise<TrayRecord> => {
    const t = await electronApp.evaluate(() => {
      const h = (globalThis as HooksGlobal).__minimaxTray;
      if (!h) throw new Error('test hooks missing: globalThis.__minimaxTray is not defined in main');
      return h.tray();
    });
    if (!t) throw new Error('no tray icon (the hooks report none)');
    return t;
  };
  const driverView = (): Promise<ViewModel> =>
    electronApp.evaluate(() => {
      const h = (globalThis as HooksGlobal).__minimaxTray;
      if (!h) throw new Error('test hooks missing: globalThis.__minimaxTray is not defined in main');
      return h.controller.view();
    });

  const problems: string[] = [];
  let page: Page;
  try {
    await waitFor(
      () => electronApp.evaluate(() => Boolean((globalThis as { __minimaxTray?: unknown }).__minimaxTray)),
      'main to publish globalThis.__minimaxTray',
      20_000,
    ).catch((e: unknown) => {
      throw new Error(`${NO_HOOKS} (${e instanceof Error ? e.message : String(e)})`);
    });
    page = await electronApp.firstWindow();
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const text = m.text();
      if (text.includes("'frame-ancestors'") && text.includes('<meta>')) return;
      problems.push(`console: ${text}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog (${d.type()}): ${d.message()}`);
      void d.dismiss().catch(() => {});
    });
    await waitFor(() => page.url() === RENDERER_URL, `the window to load ${RENDERER_URL}`, 20_000);
    await page.waitForSelector('body[data-ready="true"]');
    const bridgeId = await page.evaluate(() => window.minimaxTray?.bridgeId ?? null);
    if (bridgeId !== BRIDGE_ID)
      throw new Error(`the window's bridge is ${String(bridgeId)}, not the built preload's ${BRIDGE_ID}`);
    await page.evaluate(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
      });
    });

    // A test never opens the real browser: record what main hands to the OS.
    const patched = await electronApp.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as HooksGlobal).__e2eOpened = opened;
      const record = async (url: string): Promise<void> => {
        opened.push(url);
      };
      shell.openExternal = record;
      return shell.openExternal === record;
    });
    if (!patched) throw new Error('could not intercept shell.openExternal in main');

    if (options.storedToken) {
      const saved: ActionResult = await electronApp.evaluate(async (_electron, token) => {
        const h = (globalThis as HooksGlobal).__minimaxTray;
        if (!h) throw new Error('test hooks missing: globalThis.__minimaxTray is not defined in main');
        return h.commands.handle('token:save', { token });
      }, options.storedToken);
      if (!saved.ok) throw new Error(`the stored token was refused: ${saved.message}`);
      await waitFor(
        async () => (await driverView()).status.lastPollMs !== null,
        'the first poll with the stored token',
      );
      await page.getByRole('tab', { name: /^Jobs/ }).click();
    }
  } catch (e) {
    await electronApp.close().catch(() => {});
    await sim.stop();
    throw e;
  }

  const port = Number(new URL(baseUrl).port);
  let closed: Promise<void> | null = null;
  const driver: ElectronAppDriver = {
    kind: 'electron',
    platform: process.platform,
    note,
    electronApp,
    trayRecord,
    page,
    artifactsDir: ARTIFACTS_DIR,
    get sim() {
      return sim;
    },
    async tray(): Promise<TrayView> {
      const t = await trayRecord();
      return { tooltip: t.tooltip, title: t.title, iconFile: t.iconFile, menuLabel: t.menuLabels[0] ?? '' };
    },
    async notifications(): Promise<NotificationView[]> {
      return electronApp.evaluate(() => {
        const h = (globalThis as HooksGlobal).__minimaxTray;
        if (!h) throw new Error('test hooks missing: globalThis.__minimaxTray is not defined in main');
        return h.notifications().map((n) => ({ title: n.title, body: n.body, os: n.os, error: n.error }));
      });
    },
    clipboardText() {
      return electronApp.evaluate(({ clipboard }) => clipboard.readText());
    },
    openedUrls() {
      return electronApp.evaluate(() => {
        const opened = (globalThis as HooksGlobal).__e2eOpened;
        if (!opened) throw new Error('shell.openExternal is not intercepted in main');
        return [...opened];
      });
    },
    windowVisible() {
      return electronApp.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().some((w) => w.isVisible()),
      );
    },
    view: driverView,
    async replaceSimulator(
      simOptions: Omit<SimulatorOptions, 'port' | 'clock'>,
      jobs: readonly SimJobSpec[] = [],
    ) {
      await sim.stop();
      sim = new Simulator({ ...simOptions, port });
      await sim.start();
      for (const job of jobs) sim.submit(job);
      return sim;
    },
    problems() {
      return [...problems];
    },
    close() {
      closed ??= (async () => {
        await electronApp.close().catch(() => {});
        await sim.stop();
      })();
      return closed;
    },
  };
  return driver;
}
