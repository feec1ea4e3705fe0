/**
 * Browser end-to-end harness: the REAL main process, renderer and preload, with only Electron's
 * own binary replaced.
 *
 * - Main: `startApp()` from main/electron/main.ts runs in THIS test process on top of the electron
 *   double (test/support/register.mjs maps `electron` to test/support/electron-double.ts), with
 *   userData in a temp folder, the API base pointed at a {@link Simulator} on 127.0.0.1 with the
 *   scenario's scripted jobs, and a memory keychain ({@link MemoryKeychain} over main's
 *   MemoryStore) instead of the OS one.
 *   The double's app path is this checkout, so main serves the BUILT renderer (dist/renderer),
 *   loads the built tray icons (assets/generated/tray) and names the built preload.
 * - Renderer: headless Chromium (playwright-core; /usr/bin/chromium or PLAYWRIGHT_CHROMIUM_PATH)
 *   loads `http://127.0.0.1:<port>/index.html` from a loopback server that hands every request to
 *   the protocol handler main registered for `app:` (`callProtocol('app://renderer/<path>')`) and
 *   answers with its status, body and headers — the Content-Security-Policy header included.
 * - Preload: the built bundle dist/preload/preload.cjs is injected with `page.addInitScript`, its
 *   text wrapped in a function that supplies `require('electron')`: `contextBridge.
 *   exposeInMainWorld` defines the global, `ipcRenderer.invoke` goes through `page.exposeBinding`
 *   to the double's `ipcMain` handlers, and `ipcRenderer.on` receives what main sends with
 *   `webContents.send` on the double's BrowserWindow.
 *
 * URL mapping — the harness plays Chromium's protocol handler. The page's real URL is
 * `http://127.0.0.1:<port>/index.html`; main believes its window shows `app://renderer/index.html`
 * (the double's `loadURL` recorded it), so every invoke is delivered with
 * `senderFrame.url = 'app://renderer/index.html'` ({@link RENDERER_URL}), which is what Chromium
 * would report for the page main loaded. The IPC layer's sender check and payload validation run
 * unchanged. Not reproduced: context isolation (the preload runs in the page's world; the page
 * only uses what `exposeInMainWorld` defined) and OS window visibility (the page stays visible
 * when main hides the window; {@link AppDriver.windowVisible} reports main's view of it).
 *
 * Loading order is Electron's: the double's `loadURL` (doubleConfig.pageLoad) settles when the
 * Chromium page fired `load`, so `webContents.isLoading()` is true until then and
 * `did-finish-load` comes after it; navigation requests main made earlier (e.g. "open Settings"
 * on a first run) arrive once the page listens. `ready` is emitted after `startApp` has run its
 * part before `ready`, as Electron does.
 *
 * Only one app runs at a time per process (the double is process-wide); Chromium is shared by
 * every launch in the process: call {@link closeBrowser} in an `after` hook.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Simulator, type SimJobSpec, type SimulatorOptions } from '../../main/core/simulator/index.ts';
import { startApp, type AppHandle } from '../../main/electron/main.ts';
import { RENDERER_URL } from '../../main/electron/protocol.ts';
import type { ViewModel } from '../../main/ipc.ts';
import { MemoryStore, type SecretStore } from '../../main/secrets/keychain.ts';
import {
  app as electronApp,
  callProtocol,
  doubleConfig,
  emitReady,
  invokeIpc,
  recorder,
  resetElectronDouble,
  type DoubleConfig,
  type NativeImage,
  type WebContents,
} from '../support/electron-double.ts';
import type { AppDriver, LaunchOptions, NotificationView, TrayView } from '../support/e2e/driver.ts';

/** The checkout (the double's app path: dist/, assets/generated/ are read from here). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built preload bundle the harness injects. */
export const PRELOAD_BUNDLE = path.join(ROOT, 'dist/preload/preload.cjs');
/** Where the suite writes screenshots. */
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results/e2e');

/** Chromium flags: quiet, repeatable, no background traffic. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Name of the binding the preload shim's `ipcRenderer.invoke` calls. */
const INVOKE_BINDING = '__e2eIpcInvoke';
/** Name of the page function main's `webContents.send` is delivered through. */
const DELIVER_FN = '__e2eIpcDeliver';

/** The browser suite's driver: {@link AppDriver} plus what only the double can show. */
export interface BrowserAppDriver extends AppDriver {
  readonly kind: 'browser';
  /** The running main process. */
  readonly handle: AppHandle;
  readonly context: BrowserContext;
  /** sha256 (hex) of the exact preload text injected into the page. */
  readonly injectedPreloadSha256: string;
  /** The page's address (http://127.0.0.1:<port>/index.html). */
  readonly pageUrl: string;
}

/**
 * The OS keychain for the app under test: a {@link MemoryStore} behind the keychain's face (kind
 * 'keychain'), so the window says what it says for a real keychain, and nothing touches the
 * user's keyring.
 */
export class MemoryKeychain implements SecretStore {
  readonly kind = 'keychain' as const;
  private readonly store = new MemoryStore();
  describe(): string {
    return 'the end-to-end test keychain (in memory)';
  }
  get(): Promise<string | null> {
    return this.store.get();
  }
  set(token: string): Promise<void> {
    return this.store.set(token);
  }
  delete(): Promise<boolean> {
    return this.store.delete();
  }
}

let browserPromise: Promise<Browser> | null = null;
let active: BrowserAppDriver | null = null;

/**
 * The Chromium executable: PLAYWRIGHT_CHROMIUM_PATH, else /usr/bin/chromium.
 * @throws Error saying how to get one when neither exists (the suite never skips).
 */
export function chromiumPath(): string {
  const candidate = process.env.PLAYWRIGHT_CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(candidate)) {
    throw new Error(
      `The browser end-to-end suite needs Chromium, and ${candidate} does not exist. ` +
        'Install it (Debian/Ubuntu: apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium executable.',
    );
  }
  return candidate;
}

/** The shared Chromium (launched on first use). */
export function browser(): Promise<Browser> {
  browserPromise ??= chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
  return browserPromise;
}

/** Closes the shared Chromium (and any app still running). Call in `after`. */
export async function closeBrowser(): Promise<void> {
  if (active) await active.close();
  const b = browserPromise;
  browserPromise = null;
  if (b) await (await b).close();
}

/** @throws Error naming the build command when a built file the suite needs is missing. */
function requireBuilt(): void {
  const needed = [
    'dist/renderer/index.html',
    'dist/renderer/renderer.js',
    'dist/renderer/styles.css',
    'dist/preload/preload.cjs',
    'assets/generated/tray/idle.png',
  ];
  const missing = needed.filter((f) => !existsSync(path.join(ROOT, f)));
  if (missing.length > 0) {
    throw new Error(
      `The end-to-end suite runs the built app, and ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: run \`node scripts/build.mjs\` (or \`npm run test:e2e\`, which builds first).`,
    );
  }
}

/**
 * The init script that runs the preload bundle in the page: `preloadText` wrapped in a function
 * receiving a CommonJS `require`/`module`/`exports`, where `require('electron')` is a shim of
 * `contextBridge` and `ipcRenderer` (see the module docs). Anything else required throws, as in
 * a sandboxed preload.
 */
export function preloadInitScript(preloadText: string): string {
  return `(() => {
  'use strict';
  const listeners = new Map();
  const ipcRenderer = {
    invoke(channel, ...args) {
      const call = window[${JSON.stringify(INVOKE_BINDING)}];
      if (typeof call !== 'function') return Promise.reject(new Error('IPC is not connected'));
      return call(channel, args);
    },
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  Object.defineProperty(window, ${JSON.stringify(DELIVER_FN)}, {
    value(channel, args) {
      for (const listener of [...(listeners.get(channel) ?? [])]) listener({ sender: ipcRenderer }, ...args);
    },
  });
  const contextBridge = {
    exposeInMainWorld(key, api) {
      if (key in window) throw new Error('Cannot bind an API on top of an existing property on the window object');
      Object.defineProperty(window, key, { value: api, enumerable: true });
    },
  };
  const electron = { contextBridge, ipcRenderer };
  const require = (id) => {
    if (id === 'electron') return electron;
    throw new Error('module not found: ' + id + ' (a sandboxed preload can only require electron)');
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadText}
  }).call(module.exports, require, module, module.exports);
})();`;
}

/** Runs in the page before anything else: reports CSP violations on the console, where the driver collects them. */
function cspProbe(): void {
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
  });
}

/** A small cover image for result/cover links (the page may not reach the network). */
function coverSvg(url: string): string {
  const hue = [...url].reduce((a, c) => (a + c.charCodeAt(0)) % 360, 0);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80"><rect width="80" height="80" fill="hsl(${hue},60%,55%)"/><circle cx="56" cy="24" r="9" fill="hsl(${hue},90%,85%)"/><path d="M0 62 L26 40 L44 56 L58 46 L80 64 V80 H0Z" fill="hsl(${(hue + 90) % 360},40%,25%)"/></svg>`;
}

/** Serves `app://renderer/<path>` over HTTP on 127.0.0.1 through main's protocol handler. */
async function startRendererServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const target = `app://renderer${req.url ?? '/'}`;
    callProtocol(target, { method: req.method ?? 'GET' })
      .then(async (response) => {
        const body = Buffer.from(await response.arrayBuffer());
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(body);
      })
      .catch((e: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`harness: ${e instanceof Error ? e.message : String(e)}`);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no server address');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

function portOf(baseUrl: string): number {
  return Number(new URL(baseUrl).port);
}

/** What only the browser suite can set up: the double plays the OS. */
export interface BrowserLaunchOptions extends LaunchOptions {
  /** Turns the double's knobs before the app starts (e.g. a desktop that refuses global shortcuts). */
  configureDouble?(config: DoubleConfig): void;
}

/**
 * Boots the app for one scenario and opens its window in Chromium. See the module docs.
 * @throws Error when another app of this process is still running, the build is missing, or
 *   Chromium is missing.
 */
export async function launchApp(options: BrowserLaunchOptions = {}): Promise<BrowserAppDriver> {
  if (active) throw new Error('launchApp: close the previous app first (one app per process at a time)');
  requireBuilt();
  const b = await browser();

  // ---- the double, fresh ------------------------------------------------------------------
  resetElectronDouble();
  doubleConfig.appPath = ROOT;
  doubleConfig.pathsRoot = mkdtempSync(path.join(os.tmpdir(), 'mt-e2e-paths-'));
  options.configureDouble?.(doubleConfig);
  const userData = mkdtempSync(path.join(os.tmpdir(), 'mt-e2e-userdata-'));

  // Chromium's side of the window's web contents: when the page has loaded, and what main sends.
  let contents: WebContents | null = null;
  let pageLoaded: () => void = () => {};
  const loaded = new Promise<void>((resolve) => (pageLoaded = resolve));
  doubleConfig.pageLoad = async () => {
    await loaded;
    return { ok: true };
  };
  let page: Page | null = null;
  const forward = (channel: string, args: unknown[]): void => {
    if (!page || page.isClosed()) return;
    page
      .evaluate(
        ([fn, c, a]) => {
          const deliver = (window as unknown as Record<string, (c: string, a: unknown[]) => void>)[fn];
          deliver?.(c, a);
        },
        [DELIVER_FN, channel, args] as const,
      )
      .catch(() => {
        // The page is navigating or closed: Electron drops such messages too.
      });
  };
  electronApp.on('web-contents-created', (_event: unknown, wc: WebContents) => {
    if (contents) return;
    contents = wc;
    const send = wc.send.bind(wc);
    wc.send = (channel: string, ...args: unknown[]) => {
      send(channel, ...args);
      forward(channel, args);
    };
  });

  // ---- simulator, keychain, main ----------------------------------------------------------
  let sim = new Simulator({ ...options.simulator });
  const { baseUrl } = await sim.start();
  for (const job of options.jobs ?? []) sim.submit(job);
  const keychain = new MemoryKeychain();
  if (options.storedToken) await keychain.set(options.storedToken);

  let handle: AppHandle | null;
  try {
    const starting = startApp({
      env: {
        MINIMAX_TRAY_USER_DATA: userData,
        MINIMAX_TRAY_API_BASE: baseUrl,
        MINIMAX_TRAY_TEST_HOOKS: '1',
      },
      argv: ['electron', ROOT],
      platform: 'linux',
      trayHost: { available: true, reason: 'end-to-end harness' },
      keychain,
      consoleLog: false,
    });
    emitReady();
    handle = await starting;
  } catch (e) {
    await sim.stop();
    throw e;
  }
  if (!handle) {
    await sim.stop();
    throw new Error('startApp returned null: the single-instance lock was refused');
  }
  const appHandle = handle;

  // ---- the page -----------------------------------------------------------------------------
  const { server, origin } = await startRendererServer();
  const preloadText = readFileSync(PRELOAD_BUNDLE, 'utf8');
  const injectedPreloadSha256 = createHash('sha256').update(preloadText).digest('hex');
  const context = await b.newContext({
    viewport: { width: 400, height: 560 },
    deviceScaleFactor: 2,
    locale: 'en-GB',
    timezoneId: 'UTC',
    colorScheme: options.colorScheme ?? 'light',
  });
  const teardown = async (): Promise<void> => {
    await context.close().catch(() => {});
    await appHandle.quit();
    await sim.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const problems: string[] = [];
  const pageUrl = `${origin}/index.html`;
  try {
    // No network for the page: result covers get a local picture, everything else not on
    // 127.0.0.1 is refused.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    await context.route(/^https:\/\/cdn\.simulator\.invalid\//, (route) =>
      route.fulfill({ status: 200, contentType: 'image/svg+xml', body: coverSvg(route.request().url()) }),
    );
    await context.exposeBinding(INVOKE_BINDING, async (_source, channel: unknown, args: unknown) => {
      if (typeof channel !== 'string' || !Array.isArray(args)) throw new Error('bad IPC call');
      return invokeIpc(channel, args[0], { senderUrl: RENDERER_URL });
    });
    await context.addInitScript(cspProbe);
    await context.addInitScript({ content: preloadInitScript(preloadText) });

    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const text = m.text();
      problems.push(`console: ${text}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog (${d.type()}): ${d.message()}`);
      void d.dismiss().catch(() => {});
    });
    page.on('load', () => pageLoaded());
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.goto(pageUrl);
    await page.waitForSelector('body[data-ready="true"]');
  } catch (e) {
    await teardown();
    throw e;
  }
  const thePage = page;

  // ---- the driver ---------------------------------------------------------------------------
  let closed: Promise<void> | null = null;
  const driver: BrowserAppDriver = {
    kind: 'browser',
    platform: 'linux',
    note: (line) => console.log(`# browser suite: ${line}`),
    page: thePage,
    artifactsDir: SCREENSHOT_DIR,
    handle: appHandle,
    context,
    injectedPreloadSha256,
    pageUrl,
    get sim() {
      return sim;
    },
    async tray(): Promise<TrayView> {
      const tray = recorder.trays.at(-1);
      if (!tray || tray.isDestroyed()) throw new Error('no tray icon');
      const image = tray.image as NativeImage | null;
      return {
        tooltip: tray.tooltip,
        title: tray.title,
        iconFile: image?.path ? path.basename(image.path) : null,
        menuLabel: tray.contextMenu?.items[0]?.label ?? '',
      };
    },
    async notifications(): Promise<NotificationView[]> {
      const hooks = appHandle.hooks;
      if (!hooks) throw new Error('test hooks missing (MINIMAX_TRAY_TEST_HOOKS=1 was set)');
      return hooks.notifications().map((n) => ({ title: n.title, body: n.body, os: n.os, error: n.error }));
    },
    async clipboardText() {
      return recorder.clipboardText;
    },
    async openedUrls() {
      return recorder.find('shell.openExternal').map((c) => String(c.args[0]));
    },
    async windowVisible() {
      return appHandle.window.isVisible();
    },
    async view(): Promise<ViewModel> {
      return appHandle.controller.view();
    },
    async replaceSimulator(
      simOptions: Omit<SimulatorOptions, 'port' | 'clock'>,
      jobs: readonly SimJobSpec[] = [],
    ) {
      const port = portOf(baseUrl);
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
        await teardown();
        active = null;
      })();
      return closed;
    },
  };
  active = driver;
  return driver;
}
