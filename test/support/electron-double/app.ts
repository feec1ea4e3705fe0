/**
 * `app` and the macOS `app.dock`. Like Electron, `app` becomes ready once, on its own: here when
 * a test calls {@link emitReady} (playing the runtime, which emits `ready` only after the entry
 * module has been evaluated). `whenReady()` only waits for it.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  doubleConfig,
  makeEvent,
  onReset,
  recorder,
  type ElectronPick,
  type OnlyElectron,
} from './recorder.ts';

/** macOS Dock; assign to `app.dock` to simulate macOS. */
export const dockDouble = {
  visible: true,
  hide(): void {
    recorder.record('app.dock.hide');
    this.visible = false;
  },
  show(): Promise<void> {
    recorder.record('app.dock.show');
    this.visible = true;
    return Promise.resolve();
  },
  isVisible(): boolean {
    return this.visible;
  },
  setBadge(text: string): void {
    recorder.record('app.dock.setBadge', text);
  },
} satisfies Pick<Electron.Dock, 'hide' | 'show' | 'isVisible' | 'setBadge'> & { visible: boolean };

const commandLine = {
  appendSwitch: (name: string, value?: string): void =>
    recorder.record('app.commandLine.appendSwitch', name, value),
  hasSwitch: (_name: string): boolean => false,
  getSwitchValue: (_name: string): string => '',
} satisfies Pick<Electron.CommandLine, 'appendSwitch' | 'hasSwitch' | 'getSwitchValue'>;

type AppMembers =
  | 'name'
  | 'isPackaged'
  | 'getPath'
  | 'setPath'
  | 'getAppPath'
  | 'getVersion'
  | 'getName'
  | 'getLocale'
  | 'setAppUserModelId'
  | 'setDesktopName'
  | 'requestSingleInstanceLock'
  | 'releaseSingleInstanceLock'
  | 'isReady'
  | 'whenReady'
  | 'quit'
  | 'exit'
  | 'relaunch'
  | 'focus'
  | 'hide'
  | 'setBadgeCount'
  | 'getBadgeCount'
  | 'setLoginItemSettings'
  | 'getLoginItemSettings'
  | 'setAboutPanelOptions'
  | 'showAboutPanel';

/** `dock` and `commandLine` are the partial doubles above, checked against Electron there. */
class AppDouble extends EventEmitter implements ElectronPick<Electron.App, AppMembers> {
  private ready = false;
  private readonly paths = new Map<string, string>();
  private openAtLogin = false;
  private badge = 0;
  name = 'MiniMax Tray';
  /** Present only when a test simulates macOS: `app.dock = dockDouble`. */
  dock: typeof dockDouble | undefined = undefined;
  readonly commandLine = commandLine;

  get isPackaged(): boolean {
    return doubleConfig.isPackaged;
  }

  /** Test helper: back to a fresh, not-ready app. */
  resetState(): void {
    this.ready = false;
    this.paths.clear();
    this.openAtLogin = false;
    this.badge = 0;
    this.dock = undefined;
    this.removeAllListeners();
  }

  getPath(name: string): string {
    const set = this.paths.get(name);
    if (set) return set;
    const dir = path.join(doubleConfig.pathsRoot, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  setPath(name: string, value: string): void {
    recorder.record('app.setPath', name, value);
    this.paths.set(name, value);
  }
  getAppPath(): string {
    return doubleConfig.appPath;
  }
  getVersion(): string {
    return doubleConfig.version;
  }
  getName(): string {
    return this.name;
  }
  getLocale(): string {
    return 'en-US';
  }
  setAppUserModelId(id: string): void {
    recorder.record('app.setAppUserModelId', id);
  }
  setDesktopName(name: string): void {
    recorder.record('app.setDesktopName', name);
  }
  requestSingleInstanceLock(): boolean {
    recorder.record('app.requestSingleInstanceLock');
    return doubleConfig.singleInstanceLock;
  }
  releaseSingleInstanceLock(): void {
    recorder.record('app.releaseSingleInstanceLock');
  }
  isReady(): boolean {
    return this.ready;
  }
  /** Resolves once the app is ready (at once when it already is). Never makes it ready. */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.once('ready', () => resolve()));
  }
  /** Test helper (see {@link emitReady}). */
  markReady(): void {
    if (this.ready) return;
    this.ready = true;
    this.emit('ready', makeEvent(), {});
  }
  quit(): void {
    recorder.record('app.quit');
    const event = makeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.emit('will-quit', makeEvent());
    this.emit('quit', makeEvent(), 0);
  }
  exit(code = 0): void {
    recorder.record('app.exit', code);
  }
  relaunch(options?: Electron.RelaunchOptions): void {
    recorder.record('app.relaunch', options);
  }
  focus(): void {
    recorder.record('app.focus');
  }
  hide(): void {
    recorder.record('app.hide');
  }
  setBadgeCount(count?: number): boolean {
    recorder.record('app.setBadgeCount', count);
    if (!doubleConfig.badgeSupported) return false;
    this.badge = count ?? 0;
    return true;
  }
  getBadgeCount(): number {
    return this.badge;
  }
  setLoginItemSettings(settings: Electron.Settings): void {
    recorder.record('app.setLoginItemSettings', settings);
    if (settings.openAtLogin !== undefined) this.openAtLogin = settings.openAtLogin;
  }
  getLoginItemSettings(): Electron.LoginItemSettings {
    return {
      openAtLogin: this.openAtLogin,
      wasOpenedAtLogin: doubleConfig.openedAtLogin,
      status: this.openAtLogin ? 'enabled' : 'not-registered',
      executableWillLaunchAtLogin: this.openAtLogin,
      launchItems: [],
    };
  }
  setAboutPanelOptions(options: Electron.AboutPanelOptionsOptions): void {
    recorder.record('app.setAboutPanelOptions', options);
  }
  showAboutPanel(): void {
    recorder.record('app.showAboutPanel');
  }
}

const _appOnlyElectron: OnlyElectron<AppDouble, Electron.App, 'resetState' | 'markReady'> = true;

export const app = new AppDouble();

/** Marks the app ready and emits `ready` (what Electron does once at start-up). */
export function emitReady(): void {
  app.markReady();
}

onReset(() => {
  app.resetState();
  dockDouble.visible = true;
});
