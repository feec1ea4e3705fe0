/**
 * The composition root of the tray app: builds the pieces and wires them, nothing else.
 * Called by app.ts (the Electron entry point, which sets the AppUserModelID first); an end-to-end
 * harness running under Node with the electron double can call {@link startApp} too.
 *
 * Wiring runs one way: each piece is created once, with everything it needs (no setters called
 * later, no closure over a variable assigned later), in this order:
 * 1. before `ready`: userData override, single-instance lock, the `app://` scheme, security guards,
 *    logging, `window-all-closed` (stay alive in the tray);
 * 2. after `ready`: session hardening and the renderer protocol; the updater; settings and token
 *    stores; the controller; the test-hook recorder (only with MINIMAX_TRAY_TEST_HOOKS=1); the
 *    Electron Tray; the job window (electron-menubar anchored to that tray; its own show/hide
 *    events tell the controller); the IPC handlers, in the same synchronous step, before the page
 *    can ask anything; the notifier; the tray icon (with electron-menubar as its menu host from
 *    the first render on); the global shortcut (a press shows or hides the window); then the
 *    ports go to the controller BEFORE the monitor starts, which registers the shortcut (a
 *    catch-up after a restart must not lose its notifications); power events and the quit
 *    handler (a quit during start-up still saves); then the controller starts, the window opens
 *    as the start-up mode says, and the test hooks are published.
 *
 * Environment overrides (tests, demos):
 * - `MINIMAX_TRAY_USER_DATA=<dir>`: userData folder (set before ready; also gives each parallel
 *   test its own single-instance lock);
 * - `MINIMAX_TRAY_API_BASE=<url>`: API root for this session (not saved);
 * - `MINIMAX_TRAY_DEMO=1`: start the embedded simulator (`MINIMAX_TRAY_DEMO_SPEED`, default 20)
 *   and use its token, held in memory only, never in the keychain;
 * - `MINIMAX_TRAY_NO_KEYCHAIN=1`: skip the OS keychain (CI without a Secret Service);
 * - `MINIMAX_TRAY_NO_TRAY=1` / `MINIMAX_TRAY_FORCE_TRAY=1`: see tray-host.ts;
 * - `MINIMAX_TRAY_TEST_HOOKS=1`: publish `globalThis.__minimaxTray` (test-hooks.ts).
 */
import { app, clipboard, session } from 'electron';
import path from 'node:path';
import { commandTable } from '../app/commands.ts';
import { AppController } from '../app/controller.ts';
import { TokenManager } from '../app/token-manager.ts';
import { UseapiClient, validateApiBase } from '../core/api/client.ts';
import type { DemoSimulator } from '../core/simulator/demo.ts';
import { claimDemoDir } from '../core/state/demo-dir.ts';
import type { Clock, Logger } from '../core/types.ts';
import { KeychainStore, type SecretStore } from '../secrets/keychain.ts';
import { showAbout } from './about.ts';
import { setStartAtLogin, startedHidden } from './autostart.ts';
import { GlobalShortcut } from './global-shortcut.ts';
import { electronFiles } from './files.ts';
import { registerIpcHandlers } from './ipc-handlers.ts';
import { initLogging, logFilePath, openLogs, scopedLogger } from './logging.ts';
import { createNetAdapter } from './net-adapter.ts';
import { ElectronNotifier } from './notifications.ts';
import { watchPower } from './power.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { SafeStorageStore } from './safe-storage.ts';
import { hardenSession, installSecurityGuards, openExternalSafely } from './security.ts';
import { openSettingsStore } from './settings-store.ts';
import { publishTestHooks, TestHookRecorder, type TestHooks } from './test-hooks.ts';
import { createTray, TrayIcon, trayIconDir, type TrayActions } from './tray.ts';
import { detectTrayHost, type TrayHost } from './tray-host.ts';
import { startUpdater, type Updater } from './updater.ts';
import { JobWindow, preloadPath, rendererRoot } from './window.ts';

/** Options of {@link startApp}; every field defaults to the running process. */
export interface StartOptions {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform | string;
  /** The OS keychain store; null skips it. Default: KeychainStore (unless MINIMAX_TRAY_NO_KEYCHAIN=1). */
  keychain?: SecretStore | null;
  /** Skip tray-host detection with a fixed answer. */
  trayHost?: TrayHost;
  /** Clock for the monitor (tests). */
  clock?: Clock;
  /** Log to the console too (default: when not packaged). */
  consoleLog?: boolean;
}

/** What a running app exposes to its caller (app.ts ignores it; harnesses use it). */
export interface AppHandle {
  controller: AppController;
  window: JobWindow;
  notifier: ElectronNotifier;
  trayHost: TrayHost;
  /** The simulator's base URL in demo mode, else null. */
  simulatorUrl: string | null;
  hooks: TestHooks | null;
  /** Stops polling, saves, stops the simulator and quits. */
  quit(): Promise<void>;
}

/**
 * Boots the main process (see the module docs).
 * @returns the handle, or null when another instance already runs (this one quits).
 */
export async function startApp(options: StartOptions = {}): Promise<AppHandle | null> {
  const env = options.env ?? process.env;
  const argv = options.argv ?? process.argv;
  const platform = options.platform ?? process.platform;

  // ---- before ready: synchronous up to the first await (app.ts does not await startApp) --------
  if (env.MINIMAX_TRAY_USER_DATA) app.setPath('userData', path.resolve(env.MINIMAX_TRAY_USER_DATA));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  registerAppScheme();
  installSecurityGuards();
  initLogging({ console: options.consoleLog });
  const log = scopedLogger('main');
  // A tray app stays alive with no window open.
  app.on('window-all-closed', () => {});

  await app.whenReady();
  app.dock?.hide();
  hardenSession(session.defaultSession);
  serveRenderer(rendererRoot());
  const userData = app.getPath('userData');
  log.info(`MiniMax Tray ${app.getVersion()} starting (${platform}); data in ${userData}`);
  const trayHost = options.trayHost ?? (await detectTrayHost({ platform, env }));
  log.info(`tray: ${trayHost.available ? 'available' : 'not available'} (${trayHost.reason})`);
  const demo = env.MINIMAX_TRAY_DEMO === '1' ? await startDemo(env, log) : null;
  const apiBaseOverride = demo?.url ?? apiBaseFromEnv(env, log);
  const updater = await startUpdater({ logger: scopedLogger('updater') });

  // ---- stores, client factory, controller -------------------------------------------------------
  const adapter = createNetAdapter();
  const apiLogger = scopedLogger('api');
  const makeClient = (apiBase: string, token: string): UseapiClient =>
    new UseapiClient({
      apiBase,
      token,
      adapter,
      logger: apiLogger,
      // Retry-After dates are read against the same clock the monitor schedules with.
      now: options.clock ? () => options.clock!.now() : undefined,
    });
  const { store: settingsStore } = openSettingsStore({ cwd: userData, logger: scopedLogger('settings') });
  const keychain =
    demo || env.MINIMAX_TRAY_NO_KEYCHAIN === '1'
      ? null
      : options.keychain === undefined
        ? new KeychainStore()
        : options.keychain;
  const tokens = new TokenManager({
    keychain,
    safeStorage: demo
      ? null
      : new SafeStorageStore({ dir: userData, platform, logger: scopedLogger('token') }),
    platform,
    initialToken: demo?.token ?? null,
    initialNote: demo ? 'Demo mode: the simulator token is kept in memory only.' : undefined,
    logger: scopedLogger('token'),
  });
  // The demo never touches the real ledger, and starts its own afresh (the simulator reuses ids).
  const ledgerPath =
    demo === null ? path.join(userData, 'ledger.json') : await freshDemoLedger(userData, log);
  const controller = new AppController({
    settings: settingsStore,
    tokens,
    createApi: ({ apiBase, token }) => makeClient(apiBase, token),
    apiBaseOverride: apiBaseOverride
      ? { url: apiBaseOverride, source: demo ? 'the demo simulator' : 'MINIMAX_TRAY_API_BASE' }
      : null,
    ledgerPath,
    // The result saver's state lives beside the ledger (the demo's is emptied with it).
    savesPath: ledgerPath === null ? null : path.join(path.dirname(ledgerPath), 'saves.json'),
    basePolling: demo?.polling,
    baseReconcile: demo?.reconcile,
    platform,
    version: app.getVersion(),
    clock: options.clock,
    logger: scopedLogger('monitor'),
    trayUnavailable: !trayHost.available,
  });

  // ---- tray, window, IPC, notifier: each created once with what it needs ----------------------
  const iconDir = trayIconDir();
  const hookRecorder =
    env.MINIMAX_TRAY_TEST_HOOKS === '1' ? new TestHookRecorder({ platform, iconDir }) : null;
  const tray = trayHost.available ? createTray({ iconDir, platform }) : null;
  if (tray) hookRecorder?.watchTray(tray);
  const hidden = startedHidden(argv, platform);
  const window = new JobWindow({
    tray,
    preload: preloadPath(),
    startHidden: hidden,
    onVisibility: (visible) => controller.setWindowVisible(visible),
    logger: scopedLogger('window'),
  });
  const commands = commandTable(controller, scopedLogger('ipc'));
  registerIpcHandlers({ target: commands, window, logger: scopedLogger('ipc') });
  const notifier = new ElectronNotifier({
    showWindow: () => window.show('jobs'),
    onUnavailable: () => controller.notificationsChanged(),
    platform,
    logger: scopedLogger('notifications'),
    watch: hookRecorder?.watchNotification,
  });
  const actions = trayActions({
    controller,
    window,
    notifier,
    updater,
    trayHost,
    platform,
    log,
  });
  const trayIcon =
    tray && window.menuHost
      ? new TrayIcon({
          tray,
          iconDir,
          platform,
          actions,
          menuHost: window.menuHost,
          logger: scopedLogger('tray'),
        })
      : null;
  const shortcut = new GlobalShortcut({ onPress: () => window.toggle(), logger: scopedLogger('shortcut') });
  controller.attach({
    notifier,
    window,
    shortcut,
    ...(trayIcon ? { tray: trayIcon } : {}),
    system: {
      openExternal: async (url) => {
        if (!(await openExternalSafely(url))) throw new Error('Only https:// links can be opened.');
      },
      copyText: (text) => clipboard.writeText(text),
      setStartAtLogin: (enabled) => setStartAtLogin(enabled, { platform, env }),
    },
    files: electronFiles(scopedLogger('files')),
  });
  const stopPower = watchPower(controller, scopedLogger('power'));
  app.on('second-instance', () => window.show('jobs'));

  // ---- quit (from now on, also during start-up): stop polling and save before the process ends ---
  const shutdown = runOnce(async () => {
    stopPower();
    updater.stop();
    shortcut.dispose();
    try {
      await controller.stop();
    } catch (e) {
      log.error(`stopping the monitor failed: ${(e as Error).message}`);
    }
    await demo?.stop().catch(() => {});
    window.destroy();
    trayIcon?.destroy();
  });
  app.on('before-quit', (event) => {
    if (shutdown.done()) return;
    event.preventDefault();
    void shutdown.run().then(() => app.quit());
  });

  // ---- start polling, then open the window --------------------------------------------------------
  await controller.start();
  window.open(tokens.token() ? 'jobs' : 'settings');
  // Published once started: a test that sees the hooks sees a running app.
  const hooks = hookRecorder
    ? publishTestHooks(hookRecorder, {
        controller,
        commands,
        window,
        simulatorUrl: demo?.url ?? null,
        platform,
      })
    : null;
  log.info('started');
  return {
    controller,
    window,
    notifier,
    trayHost,
    simulatorUrl: demo?.url ?? null,
    hooks,
    quit: async () => {
      await shutdown.run();
      app.quit();
    },
  };
}

/** Starts the demo's embedded simulator (`MINIMAX_TRAY_DEMO_SPEED`, default 20). */
async function startDemo(env: NodeJS.ProcessEnv, log: Logger): Promise<DemoSimulator> {
  const speed = Number(env.MINIMAX_TRAY_DEMO_SPEED) > 0 ? Number(env.MINIMAX_TRAY_DEMO_SPEED) : 20;
  // Loaded only for the demo: the simulator is not part of a normal run.
  const { startDemoSimulator } = await import('../core/simulator/demo.ts');
  const demo = await startDemoSimulator(speed);
  log.info(`demo mode: simulator at ${demo.url} (speed ${speed})`);
  return demo;
}

/** `MINIMAX_TRAY_API_BASE`, validated; null when unset or invalid (logged). */
function apiBaseFromEnv(env: NodeJS.ProcessEnv, log: Logger): string | null {
  if (!env.MINIMAX_TRAY_API_BASE) return null;
  try {
    return validateApiBase(env.MINIMAX_TRAY_API_BASE);
  } catch (e) {
    log.error(`MINIMAX_TRAY_API_BASE ignored: ${(e as Error).message}`);
    return null;
  }
}

/** What the tray menu items do. */
function trayActions(parts: {
  controller: AppController;
  window: JobWindow;
  notifier: ElectronNotifier;
  updater: Updater;
  trayHost: TrayHost;
  platform: string;
  log: Logger;
}): TrayActions {
  const { controller, window, notifier, updater, trayHost, platform, log } = parts;
  const debugExtras = (): Record<string, string> => ({
    electron: process.versions.electron ?? 'none (not running in Electron)',
    'tray host': `${trayHost.available ? 'yes' : 'no'} (${trayHost.reason})`,
    notifications: notifier.reason() ?? 'available',
    updates: updater.status().text,
    'log file': logFilePath(),
  });
  return {
    showJobs: () => window.show('jobs'),
    showSettings: () => window.show('settings'),
    checkNow: () => void controller.checkNow(),
    setPaused: (paused) => void controller.setPaused(paused),
    mute: (minutes) => void controller.mute(minutes),
    openLogs: () => void openLogs(),
    copyDebugInfo: () =>
      void clipboard
        .writeText(controller.debugInfo(debugExtras()))
        .catch((e: unknown) => log.warn(`could not copy the debug info: ${String(e)}`)),
    about: () =>
      void showAbout({
        version: app.getVersion(),
        platform,
        versions: process.versions,
        updates: updater.status().text,
        notificationsUnavailable: notifier.unavailable(),
        isPackaged: app.isPackaged,
      }),
    quit: () => app.quit(),
  };
}

/** Runs `fn` at most once: every `run()` returns the same promise; `done()` once it settled. */
function runOnce(fn: () => Promise<void>): { run(): Promise<void>; done(): boolean } {
  const state: { running: Promise<void> | null; done: boolean } = { running: null, done: false };
  return {
    run: () => {
      state.running ??= fn().finally(() => {
        state.done = true;
      });
      return state.running;
    },
    done: () => state.done,
  };
}

/**
 * The demo's own ledger, `<userData>/demo/ledger.json`, emptied at every demo start (the simulator
 * starts afresh with the same job ids). The folder must be the demo's own (demo-dir.ts): when it
 * holds anything else, nothing is removed and the demo keeps its ledger in memory.
 */
async function freshDemoLedger(userData: string, log: Logger): Promise<string | null> {
  try {
    const dir = await claimDemoDir(path.join(userData, 'demo'));
    await dir.reset();
    return path.join(dir.path, 'ledger.json');
  } catch (e) {
    log.warn(`demo: ${(e as Error).message} The demo keeps its ledger in memory.`);
    return null;
  }
}
