/**
 * The composition root of the tray app: builds the pieces and wires them, nothing else.
 * Called by app.ts (the Electron entry point, which sets the AppUserModelID first); an end-to-end
 * harness running under Node with the electron double can call {@link startApp} too.
 *
 * Start-up order (why it matters):
 * 1. before `ready`: userData override, single-instance lock, the `app://` scheme, security guards,
 *    logging, `window-all-closed` (stay alive in the tray);
 * 2. after `ready`: session hardening and the renderer protocol; settings and token stores; the
 *    controller with the notifier and the tray attached BEFORE the monitor starts (a catch-up
 *    after a restart must not lose its notifications); IPC handlers BEFORE the window loads
 *    (its first request is `app:get-view`); then the window, power events and the updater.
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
import { demoPolling } from '../core/scheduler/poll-policy.ts';
import { claimDemoDir } from '../core/state/demo-dir.ts';
import type { Clock, Logger } from '../core/types.ts';
import { KeychainStore, type SecretStore } from '../secrets/keychain.ts';
import { showAbout } from './about.ts';
import { setStartAtLogin, startedHidden } from './autostart.ts';
import { registerIpcHandlers } from './ipc-handlers.ts';
import { initLogging, logFilePath, openLogs, scopedLogger } from './logging.ts';
import { createNetAdapter } from './net-adapter.ts';
import { ElectronNotifier } from './notifications.ts';
import { watchPower } from './power.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { SafeStorageStore } from './safe-storage.ts';
import { hardenSession, installSecurityGuards, openExternalSafely } from './security.ts';
import { openSettingsStore } from './settings-store.ts';
import { installTestHooks, type TestHooks } from './test-hooks.ts';
import {
  createTray,
  currentTray,
  destroyTray,
  renderTray,
  setMenuSink,
  trayIconDir,
  type TrayActions,
} from './tray.ts';
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

  // ---- demo simulator and API overrides ----------------------------------------------------------
  let simulator: { stop(): Promise<void> } | null = null;
  let simulatorUrl: string | null = null;
  let simulatorToken: string | null = null;
  let demoSpeed: number | null = null;
  if (env.MINIMAX_TRAY_DEMO === '1') {
    const { DEMO_SEED, Simulator } = await import('../core/simulator/index.ts');
    const speed = Number(env.MINIMAX_TRAY_DEMO_SPEED) > 0 ? Number(env.MINIMAX_TRAY_DEMO_SPEED) : 20;
    const sim = new Simulator({ seed: DEMO_SEED, speed, random: { enabled: true } });
    simulatorUrl = (await sim.start()).baseUrl;
    simulatorToken = sim.token;
    simulator = sim;
    demoSpeed = speed;
    log.info(`demo mode: simulator at ${simulatorUrl} (speed ${speed})`);
  }
  let apiBaseOverride: string | null = simulatorUrl;
  if (!apiBaseOverride && env.MINIMAX_TRAY_API_BASE) {
    try {
      apiBaseOverride = validateApiBase(env.MINIMAX_TRAY_API_BASE);
    } catch (e) {
      log.error(`MINIMAX_TRAY_API_BASE ignored: ${(e as Error).message}`);
    }
  }

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
  const demo = simulatorToken !== null;
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
    initialToken: simulatorToken,
    initialNote: demo ? 'Demo mode: the simulator token is kept in memory only.' : undefined,
    logger: scopedLogger('token'),
  });
  const controller = new AppController({
    settings: settingsStore,
    tokens,
    createApi: ({ apiBase, token }) => makeClient(apiBase, token),
    apiBaseOverride: apiBaseOverride
      ? { url: apiBaseOverride, source: demo ? 'the demo simulator' : 'MINIMAX_TRAY_API_BASE' }
      : null,
    // The demo never touches the real ledger, and starts its own afresh (the simulator reuses ids).
    ledgerPath:
      demoSpeed === null ? path.join(userData, 'ledger.json') : await freshDemoLedger(userData, log),
    basePolling: demoSpeed === null ? undefined : demoPolling(demoSpeed),
    platform,
    version: app.getVersion(),
    clock: options.clock,
    logger: scopedLogger('monitor'),
    trayUnavailable: !trayHost.available,
  });

  // ---- notifier, tray, system -------------------------------------------------------------------
  let window: JobWindow | null = null;
  let updater: Updater | null = null;
  const notifier = new ElectronNotifier({
    showWindow: () => window?.show('jobs'),
    onUnavailable: () => controller.notificationsChanged(),
    platform,
    logger: scopedLogger('notifications'),
  });

  const debugExtras = (): Record<string, string> => ({
    electron: process.versions.electron ?? 'none (not running in Electron)',
    'tray host': `${trayHost.available ? 'yes' : 'no'} (${trayHost.reason})`,
    notifications: notifier.reason() ?? 'available',
    updates: updater?.status().text ?? 'not started',
    'log file': logFilePath(),
  });
  const actions: TrayActions = {
    showJobs: () => window?.show('jobs'),
    showSettings: () => window?.show('settings'),
    checkNow: () => void controller.checkNow(),
    setPaused: (paused) => void controller.setPaused(paused),
    mute: (minutes) => void controller.mute(minutes),
    openLogs: () => void openLogs(),
    copyDebugInfo: () => clipboard.writeText(controller.debugInfo(debugExtras())),
    about: () =>
      void showAbout({
        version: app.getVersion(),
        platform,
        versions: process.versions,
        updates: updater?.status().text ?? 'Updates: not checked yet.',
        notificationsUnavailable: notifier.unavailable(),
        isPackaged: app.isPackaged,
      }),
    quit: () => app.quit(),
  };
  if (trayHost.available)
    createTray({ iconDir: trayIconDir(), platform, actions, logger: scopedLogger('tray') });
  controller.attach({
    notifier,
    tray: { render: renderTray },
    system: {
      openExternal: async (url) => {
        if (!(await openExternalSafely(url))) throw new Error('Only https:// links can be opened.');
      },
      copyText: (text) => clipboard.writeText(text),
      setStartAtLogin: (enabled) => setStartAtLogin(enabled, { platform, env }),
    },
  });
  const commands = commandTable(controller, scopedLogger('ipc'));
  registerIpcHandlers({ target: commands, logger: scopedLogger('ipc') });

  // ---- start polling, then the window ------------------------------------------------------------
  await controller.start();
  const hidden = startedHidden(argv, platform);
  window = await JobWindow.create({
    tray: currentTray(),
    preload: preloadPath(),
    startHidden: hidden,
    onVisibility: (visible) => controller.setWindowVisible(visible),
    logger: scopedLogger('window'),
  });
  const jobWindow = window;
  if (trayHost.available) setMenuSink((menu) => jobWindow.setContextMenu(menu));
  controller.attach({ window: jobWindow });
  const stopPower = watchPower(controller, scopedLogger('power'));
  app.on('second-instance', () => jobWindow.show('jobs'));
  if (!hidden && trayHost.available) jobWindow.show(tokens.token() ? 'jobs' : 'settings');

  // ---- quit: stop polling and save before the process ends --------------------------------------
  let quitting: Promise<void> | null = null;
  let readyToQuit = false;
  const shutdown = (): Promise<void> => {
    quitting ??= (async () => {
      stopPower();
      updater?.stop();
      try {
        await controller.stop();
      } catch (e) {
        log.error(`stopping the monitor failed: ${(e as Error).message}`);
      }
      await simulator?.stop().catch(() => {});
      jobWindow.destroy();
      destroyTray();
      readyToQuit = true;
    })();
    return quitting;
  };
  app.on('before-quit', (event) => {
    if (readyToQuit) return;
    event.preventDefault();
    void shutdown().then(() => app.quit());
  });

  updater = await startUpdater({ logger: scopedLogger('updater') });
  const hooks = installTestHooks(env, { controller, commands, notifier, window: jobWindow, simulatorUrl });
  log.info('started');
  return {
    controller,
    window: jobWindow,
    notifier,
    trayHost,
    simulatorUrl,
    hooks,
    quit: async () => {
      await shutdown();
      app.quit();
    },
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
