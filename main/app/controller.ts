/**
 * The tray app's presentation logic, with no Electron: it owns the {@link JobMonitor}, the
 * settings and the token, turns monitor events into the tray look, notifications and the window's
 * {@link ViewModel}, and handles every IPC command. main/electron/ supplies the ports (tray,
 * window, notifier, system) and forwards user actions here.
 *
 * Requests it makes besides the monitor's polling, and only while the job window is visible:
 * - GET /accounts (account names), at most once an hour (a failure waits 5 min);
 * - GET /scheduler/available (per-account capacity), after each successful poll and when the
 *   window opens, never while the monitor is backing off.
 *
 * Polling is paused while any of these holds: the user paused it, the computer is asleep
 * ({@link AppController.suspend}), or no token is stored.
 */
import type { MinimaxApi } from '../core/api/api.ts';
import { capacityProblem } from '../core/api/capacity-problem.ts';
import { ApiError, isApiError } from '../core/api/errors.ts';
import { parseJobId, shortJobId } from '../core/api/job-id.ts';
import { systemClock } from '../core/clock.ts';
import { isLocalStateError } from '../core/state/local-state-error.ts';
import {
  JobMonitor,
  type MonitorOptions,
  type MonitorSnapshot,
  type PollingSettings,
} from '../core/monitor.ts';
import {
  silentLogger,
  type AccountCapacity,
  type Clock,
  type FinishedJob,
  type Logger,
  type MonitorEvent,
  type RunningJob,
} from '../core/types.ts';
import type {
  ActionResult,
  HistoryRow,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  JobRow,
  NavigateTarget,
  SettingsView,
  TrayState,
  ViewModel,
} from '../ipc.ts';
import { isMuted, planNotifications, type PlannedNotification } from './notification-planner.ts';
import { applySettingsPatch, MAX_MUTE_MS, settingsView, type AppSettings } from './settings.ts';
import type { TokenManager } from './token-manager.ts';
import { presentTray, problemText, trayStateFor, type TrayPresentation } from './tray-presenter.ts';
import { safeHttpsUrl } from './urls.ts';

/** How long account names from GET /accounts are reused: 1 h. */
export const ACCOUNTS_TTL_MS = 3_600_000;
/** Wait after a failed GET /accounts before trying again: 5 min. */
export const ACCOUNTS_RETRY_MS = 300_000;
/** Longest text `link:copy` accepts. */
export const MAX_COPY_CHARS = 4096;

/** The subset of {@link JobMonitor} the controller uses (tests may pass the real one). */
export type MonitorLike = Pick<
  JobMonitor,
  | 'subscribe'
  | 'start'
  | 'stop'
  | 'pollNow'
  | 'pause'
  | 'resume'
  | 'snapshot'
  | 'markCancelled'
  | 'forget'
  | 'clearHistory'
  | 'setPolling'
  | 'setApi'
  | 'setProgressWanted'
>;

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
  copyText(text: string): void;
  /** Registers or removes the login item; rejects with a message when the OS refuses. */
  setStartAtLogin(enabled: boolean): Promise<void>;
}

/** Ports the Electron layer attaches once they exist. */
export interface ControllerPorts {
  tray: TrayPort;
  window: WindowPort;
  notifier: NotifierPort;
  system: SystemPort;
}

/** Options of {@link AppController}. */
export interface ControllerOptions {
  settings: SettingsPort;
  tokens: TokenManager;
  /** Builds an API client for a base URL and token (UseapiClient over net.fetch in the app). */
  createApi(opts: { apiBase: string; token: string }): MinimaxApi;
  /** Builds the monitor; default `new JobMonitor(opts)`. */
  createMonitor?(opts: MonitorOptions): MonitorLike;
  /** Ledger file (`<userData>/ledger.json`), or null for memory only. */
  ledgerPath: string | null;
  /** Poll-policy overrides below the user's settings (the demo's time-scaled intervals). */
  basePolling?: Partial<PollingSettings>;
  /** `process.platform`. */
  platform: NodeJS.Platform | string;
  /** App version (About, debug info, view). */
  version: string;
  /** No tray icon can be shown here; the window is a normal window. */
  trayUnavailable?: boolean;
  clock?: Clock;
  logger?: Logger;
}

/** An API stand-in used while no token is stored: every call is `unauthorized`, nothing is sent. */
export const NO_TOKEN_API: MinimaxApi = {
  listScheduler: () => Promise.reject(noToken()),
  schedulerAvailable: () => Promise.reject(noToken()),
  stopTracking: () => Promise.reject(noToken()),
  getJobStatus: () => Promise.reject(noToken()),
  cancelVideo: () => Promise.reject(noToken()),
  listAccounts: () => Promise.reject(noToken()),
};

function noToken(): ApiError {
  return new ApiError('unauthorized', 'No API token is stored.');
}

type Handlers = { [C in InvokeChannel]: (request: InvokeRequest<C>) => Promise<InvokeResponse<C>> };

/** See the module docs. Create, {@link AppController.attach} the ports, then {@link AppController.start}. */
export class AppController {
  private readonly opts: ControllerOptions;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly tokens: TokenManager;
  private settings: AppSettings;
  private api: MinimaxApi = NO_TOKEN_API;
  private monitor: MonitorLike | null = null;
  private ports: Partial<ControllerPorts> = {};
  private readonly viewListeners = new Set<(view: ViewModel) => void>();
  private readonly handlers: Handlers;

  /** The ledger file could not be used at start (the view's `status.ledgerProblem`). */
  private ledgerProblem: string | null = null;
  private userPaused = false;
  private suspended = false;
  private windowVisible = false;
  private started = false;
  private stopped = false;
  private trayState: TrayState = 'idle';
  private consecutiveFailures = 0;
  private capacity: AccountCapacity[] = [];
  private capacityInFlight = false;
  private readonly accountNames = new Map<string, string>();
  private accountsFetchedMs: number | null = null;
  private accountsAttemptMs: number | null = null;
  private accountsInFlight = false;

  constructor(opts: ControllerOptions) {
    this.opts = opts;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.tokens = opts.tokens;
    this.settings = opts.settings.load();
    this.handlers = this.buildHandlers();
  }

  /** Connects (or replaces) Electron-side ports and redraws. */
  attach(ports: Partial<ControllerPorts>): void {
    this.ports = { ...this.ports, ...ports };
    this.refresh();
  }

  /**
   * Reads the token, builds the client and the monitor, and starts polling (paused when no token
   * is stored). Resolves once the monitor has started its first poll.
   * @throws Error when called twice.
   */
  async start(): Promise<void> {
    if (this.started) throw new Error('AppController.start() may only be called once');
    this.started = true;
    const token = await this.tokens.load();
    this.api = this.buildApi(token);
    const options: MonitorOptions = {
      api: this.api,
      clock: this.clock,
      logger: this.logger,
      ledgerPath: this.opts.ledgerPath,
      polling: this.pollingSettings(),
    };
    try {
      await this.startMonitor(options);
    } catch (e) {
      if (!isLocalStateError(e)) throw e;
      // A ledger from a newer version stays untouched; this run remembers jobs in memory only.
      this.logger.error(`controller: ${e.message}`);
      this.ledgerProblem = `${e.message} Until then, finished jobs are remembered only while the app runs.`;
      await this.startMonitor({ ...options, ledgerPath: null });
    }
    this.refresh();
  }

  private async startMonitor(options: MonitorOptions): Promise<void> {
    const monitor = this.opts.createMonitor ? this.opts.createMonitor(options) : new JobMonitor(options);
    this.monitor = monitor;
    const unsubscribe = monitor.subscribe((events) => this.onEvents(events));
    this.syncPause();
    try {
      await monitor.start();
    } catch (e) {
      unsubscribe();
      this.monitor = null;
      throw e;
    }
  }

  /** Stops polling and saves the ledger (app quit). Idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.monitor?.stop();
  }

  /** Runs one IPC command (the payload is already validated by the IPC layer). */
  handle<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> {
    const handler = this.handlers[channel] as (r: InvokeRequest<C>) => Promise<InvokeResponse<C>>;
    return handler(request);
  }

  /** Subscribe to view changes (the IPC layer pushes them on VIEW_CHANNEL). Returns unsubscribe. */
  onView(listener: (view: ViewModel) => void): () => void {
    this.viewListeners.add(listener);
    return () => {
      this.viewListeners.delete(listener);
    };
  }

  // ---- actions shared by the tray menu and IPC ------------------------------------------------

  /** "Check now": one poll at once (ignored without a token). */
  checkNow(): ActionResult {
    if (!this.tokens.token())
      return { ok: false, message: 'Add your useapi.net API token in Settings first.' };
    this.monitor?.pollNow();
    return { ok: true };
  }

  /** Pause or resume polling (user choice, kept until changed; not persisted across restarts). */
  setPaused(paused: boolean): ActionResult {
    this.userPaused = paused;
    this.syncPause();
    this.refresh();
    return { ok: true };
  }

  /** Mute notifications for `minutes` (1 min – 7 days), or unmute with null. Persisted. */
  mute(minutes: number | null): ActionResult {
    let until: number | null = null;
    if (minutes !== null) {
      const ms = minutes * 60_000;
      if (!Number.isFinite(ms) || ms < 60_000 || ms > MAX_MUTE_MS) {
        return { ok: false, message: 'Mute for between 1 minute and 7 days.' };
      }
      until = this.clock.now() + Math.round(ms);
    }
    const saved = this.saveSettings({ ...this.settings, mutedUntilMs: until });
    this.refresh();
    return saved;
  }

  /** The window was shown or hidden: progress, capacity and account names are fetched only while shown. */
  setWindowVisible(visible: boolean): void {
    if (this.windowVisible === visible) return;
    this.windowVisible = visible;
    this.monitor?.setProgressWanted(visible);
    if (visible) {
      this.fetchAccountsIfStale();
      this.fetchCapacity();
    }
    this.refresh();
  }

  /** The computer is going to sleep: stop polling. */
  suspend(): void {
    this.suspended = true;
    this.syncPause();
  }

  /** Back from sleep or screen unlocked: resume and poll at once (unless the user paused). */
  wake(): void {
    const wasSuspended = this.suspended;
    this.suspended = false;
    this.syncPause();
    // resume() already polls when polling was paused for the sleep.
    if (!wasSuspended && !this.userPaused && this.tokens.token()) this.monitor?.pollNow();
  }

  /** Notifications became unavailable (or available): redraw the window. */
  notificationsChanged(): void {
    this.refresh();
  }

  /** The current view. */
  view(): ViewModel {
    const snap = this.snapshot();
    const now = this.clock.now();
    return {
      version: this.opts.version,
      running: snap.running.map((j) => this.jobRow(j, snap)),
      history: snap.history.map(historyRow),
      capacity: this.capacity.map((c) => ({
        ...c,
        accountName: this.accountNames.get(c.account) ?? null,
        problem: capacityProblem(c),
      })),
      status: {
        state: this.trayState,
        lastPollMs: snap.lastPollMs,
        nextPollMs: snap.nextPollMs,
        error: snap.lastError
          ? {
              reason: snap.lastError.reason,
              message: snap.lastError.message,
              status: snap.lastError.status,
              account: snap.lastError.account,
            }
          : null,
        staleSinceMs: snap.staleSinceMs,
        paused: this.userPaused,
        mutedUntilMs: isMuted(this.settings.mutedUntilMs, now) ? this.settings.mutedUntilMs : null,
        notificationsUnavailable: this.ports.notifier?.unavailable() ?? false,
        trayUnavailable: this.opts.trayUnavailable ?? false,
        ledgerProblem: this.ledgerProblem ?? snap.saveError,
      },
      token: this.tokens.info(),
      settings: settingsView(this.settings),
    };
  }

  /** What the tray shows now. */
  trayRender(): TrayRender {
    const snap = this.snapshot();
    const hasToken = this.tokens.token() !== null;
    const presentation = presentTray({
      state: this.trayState,
      count: snap.running.length,
      platform: this.opts.platform,
      needsToken: !hasToken,
      problem: snap.lastError ? problemText(snap.lastError.reason, snap.lastError.account) : null,
    });
    return {
      ...presentation,
      paused: this.userPaused,
      muted: isMuted(this.settings.mutedUntilMs, this.clock.now()),
      hasToken,
    };
  }

  /**
   * Plain-text diagnostics for "Copy debug info": versions, settings, poll state, last error,
   * where the token is stored. Never the token, the prompts or job ids.
   */
  debugInfo(extra: Record<string, string> = {}): string {
    const snap = this.snapshot();
    const iso = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString());
    const token = this.tokens.info();
    const lines = [
      `MiniMax Tray ${this.opts.version}`,
      `platform: ${this.opts.platform}`,
      ...Object.entries(extra).map(([k, v]) => `${k}: ${v}`),
      `api base: ${this.settings.apiBaseUrl}`,
      `polling: ${this.settings.pollingMode}${this.settings.pollingMode === 'fixed' ? ` every ${this.settings.fixedIntervalMs} ms` : ''}`,
      `token: ${token.stored ? `stored (${token.storage})` : 'none'}`,
      `tray state: ${this.trayState}${this.opts.trayUnavailable ? ' (no tray host: window mode)' : ''}`,
      `paused: ${this.userPaused}; suspended: ${this.suspended}`,
      `notifications: ${this.ports.notifier?.unavailable() ? 'unavailable' : 'available'}; muted until ${iso(this.settings.mutedUntilMs)}`,
      `running jobs: ${snap.running.length}; history: ${snap.history.length}`,
      `last poll: ${iso(snap.lastPollMs)}; next poll: ${iso(snap.nextPollMs)}; stale since: ${iso(snap.staleSinceMs)}`,
      `last error: ${snap.lastError ? `${snap.lastError.reason}${snap.lastError.status !== null ? ` (HTTP ${snap.lastError.status})` : ''}` : 'none'}`,
      `requests: ${snap.requestCount}; polls: ${snap.pollCount}`,
    ];
    return redactToken(lines.join('\n'), this.tokens.token());
  }

  /** The tray state now (tests, test hooks). */
  currentTrayState(): TrayState {
    return this.trayState;
  }

  // ---- internals --------------------------------------------------------------------------

  private buildHandlers(): Handlers {
    return {
      'app:get-view': async () => this.view(),
      'jobs:check-now': async () => this.checkNow(),
      'jobs:stop-tracking': (r) => this.guard(() => this.stopTracking(r.id)),
      'jobs:cancel-video': (r) => this.guard(() => this.cancelVideo(r.id)),
      'history:clear': (_r) =>
        this.guard(async () => {
          await this.monitor?.clearHistory();
          this.refresh();
          return { ok: true } as const;
        }),
      'link:open': (r) => this.guard(() => this.openLink(r.url)),
      'link:copy': (r) => this.guard(async () => this.copyText(r.text)),
      'token:save': (r) => this.guard(() => this.saveToken(r.token)),
      'token:remove': (_r) => this.guard(() => this.removeToken()),
      'settings:update': (r) => this.guard(() => this.updateSettings(r)),
      'polling:set-paused': async (r) => this.setPaused(r.paused),
      'notifications:mute': async (r) => this.mute(r.minutes),
      'window:visibility': async (r) => {
        this.setWindowVisible(r.visible);
        return { ok: true };
      },
      'window:hide': async () => {
        this.ports.window?.hide();
        return { ok: true };
      },
    };
  }

  private async guard(fn: () => Promise<ActionResult>): Promise<ActionResult> {
    try {
      return await fn();
    } catch (e) {
      this.logger.error(`controller: action failed: ${e instanceof Error ? e.message : String(e)}`);
      return {
        ok: false,
        message: isApiError(e) ? e.message : 'Something went wrong; see the log for details.',
      };
    }
  }

  private snapshot(): MonitorSnapshot {
    if (this.monitor) return this.monitor.snapshot();
    return {
      running: [],
      history: [],
      progress: {},
      lastPollMs: null,
      nextPollMs: null,
      lastError: null,
      staleSinceMs: null,
      paused: false,
      requestCount: 0,
      pollCount: 0,
      saveError: null,
    };
  }

  private buildApi(token: string | null): MinimaxApi {
    if (!token) return NO_TOKEN_API;
    return this.opts.createApi({ apiBase: this.settings.apiBaseUrl, token });
  }

  private pollingSettings(): Partial<PollingSettings> {
    return {
      ...this.opts.basePolling,
      mode: this.settings.pollingMode,
      fixedIntervalMs: this.settings.fixedIntervalMs,
    };
  }

  private syncPause(): void {
    const monitor = this.monitor;
    if (!monitor) return;
    const shouldPause = this.userPaused || this.suspended || this.tokens.token() === null;
    const isPaused = monitor.snapshot().paused;
    if (shouldPause && !isPaused) monitor.pause();
    else if (!shouldPause && isPaused) monitor.resume();
  }

  private onEvents(events: MonitorEvent[]): void {
    for (const e of events) {
      if (e.type === 'error') this.consecutiveFailures++;
      else if (e.type === 'jobs' || e.type === 'recovered') this.consecutiveFailures = 0;
    }
    const planned = planNotifications(events, {
      notifyOn: this.settings.notifyOn,
      hidePrompts: this.settings.hidePrompts,
      mutedUntilMs: this.settings.mutedUntilMs,
      nowMs: this.clock.now(),
      accountNames: this.accountNames,
    });
    for (const n of planned) {
      try {
        this.ports.notifier?.show(n);
      } catch (e) {
        this.logger.warn(`controller: notification failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (this.windowVisible && events.some((e) => e.type === 'jobs')) {
      this.fetchAccountsIfStale();
      this.fetchCapacity();
    }
    this.refresh();
  }

  /** Recomputes the tray state and pushes the tray look and the view (once started). */
  private refresh(): void {
    // Before start() the token is not read yet: drawing now would flash "No API token".
    if (!this.monitor) return;
    const snap = this.snapshot();
    this.trayState = trayStateFor({
      previous: this.trayState,
      paused: this.userPaused,
      errorReason: this.tokens.token() === null ? null : (snap.lastError?.reason ?? null),
      consecutiveFailures: this.consecutiveFailures,
      runningCount: snap.running.length,
    });
    try {
      this.ports.tray?.render(this.trayRender());
    } catch (e) {
      this.logger.warn(`controller: tray update failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const view = this.view();
    try {
      this.ports.window?.push(view);
    } catch (e) {
      this.logger.warn(`controller: view push failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    for (const l of [...this.viewListeners]) {
      try {
        l(view);
      } catch (e) {
        this.logger.warn(`controller: view listener threw: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  private jobRow(j: RunningJob, snap: MonitorSnapshot): JobRow {
    const observed = snap.lastPollMs ?? snap.staleSinceMs ?? this.clock.now();
    const percent = this.windowVisible ? snap.progress[j.id] : undefined;
    return {
      id: j.id,
      shortId: shortJobId(j.id),
      kind: j.kind,
      account: j.account,
      accountName: this.accountNames.get(j.account) ?? null,
      startedMs: j.startedMs,
      reportedElapsedMs: j.reportedElapsedMs,
      observedAtMs: observed,
      percent: typeof percent === 'number' && Number.isFinite(percent) ? percent : null,
      replyRef: j.replyRef,
    };
  }

  private isRunning(id: string): RunningJob | null {
    return this.snapshot().running.find((j) => j.id === id) ?? null;
  }

  private async stopTracking(id: string): Promise<ActionResult> {
    if (!this.isRunning(id)) return { ok: false, message: 'That job is no longer running.' };
    try {
      await this.api.stopTracking(id);
    } catch (e) {
      // 404 "Unable to locate running …": it is gone already, which is what the user wanted.
      if (!(isApiError(e) && e.reason === 'not-found')) throw e;
    }
    this.monitor?.forget(id);
    this.refresh();
    return { ok: true };
  }

  private async cancelVideo(id: string): Promise<ActionResult> {
    const job = this.isRunning(id);
    if (!job) return { ok: false, message: 'That job is no longer running.' };
    const kind = parseJobId(id)?.kind ?? job.kind;
    if (kind !== 'video')
      return { ok: false, message: 'Only videos can be cancelled; images finish on their own.' };
    await this.api.cancelVideo(id);
    this.monitor?.markCancelled(id);
    this.monitor?.pollNow();
    this.refresh();
    return { ok: true };
  }

  private async openLink(url: string): Promise<ActionResult> {
    const safe = safeHttpsUrl(url);
    if (!safe) return { ok: false, message: 'Only https:// links can be opened.' };
    if (!this.ports.system) return { ok: false, message: 'Links cannot be opened right now.' };
    await this.ports.system.openExternal(safe);
    return { ok: true };
  }

  private copyText(text: string): ActionResult {
    if (text.length === 0 || text.length > MAX_COPY_CHARS) return { ok: false, message: 'Nothing to copy.' };
    if (!this.ports.system) return { ok: false, message: 'The clipboard is not available.' };
    this.ports.system.copyText(text);
    return { ok: true };
  }

  private async saveToken(token: string): Promise<ActionResult> {
    const result = await this.tokens.save(token);
    if (!result.ok) return result;
    this.applyToken();
    return result;
  }

  private async removeToken(): Promise<ActionResult> {
    const result = await this.tokens.remove();
    this.applyToken();
    return result;
  }

  /** The token changed: new client, fresh account data, polling resumed or paused. */
  private applyToken(): void {
    this.api = this.buildApi(this.tokens.token());
    this.capacity = [];
    this.accountNames.clear();
    this.accountsFetchedMs = null;
    this.accountsAttemptMs = null;
    this.consecutiveFailures = 0;
    this.monitor?.setApi(this.api);
    this.syncPause();
    if (this.windowVisible) this.fetchAccountsIfStale();
    this.refresh();
  }

  private async updateSettings(patch: Partial<SettingsView>): Promise<ActionResult> {
    const applied = applySettingsPatch(this.settings, patch);
    if (!applied.ok) return applied;
    const before = this.settings;
    const next = applied.settings;
    if (next.startAtLogin !== before.startAtLogin) {
      if (!this.ports.system) return { ok: false, message: 'Start at login cannot be changed right now.' };
      try {
        await this.ports.system.setStartAtLogin(next.startAtLogin);
      } catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : 'The system refused the login item.' };
      }
    }
    const saved = this.saveSettings(next);
    if (!saved.ok) return saved;
    if (next.apiBaseUrl !== before.apiBaseUrl && this.tokens.token()) {
      this.api = this.buildApi(this.tokens.token());
      this.capacity = [];
      this.accountsFetchedMs = null;
      this.accountsAttemptMs = null;
      this.consecutiveFailures = 0;
      this.monitor?.setApi(this.api);
    }
    if (next.pollingMode !== before.pollingMode || next.fixedIntervalMs !== before.fixedIntervalMs) {
      this.monitor?.setPolling(this.pollingSettings());
    }
    this.refresh();
    return { ok: true };
  }

  private saveSettings(next: AppSettings): ActionResult {
    try {
      this.opts.settings.save(next);
    } catch (e) {
      this.logger.error(`controller: could not save settings: ${e instanceof Error ? e.message : String(e)}`);
      return { ok: false, message: 'The settings could not be saved (see the log).' };
    }
    this.settings = next;
    return { ok: true };
  }

  private fetchAccountsIfStale(): void {
    if (!this.windowVisible || this.accountsInFlight || !this.tokens.token()) return;
    const now = this.clock.now();
    if (this.accountsFetchedMs !== null && now - this.accountsFetchedMs < ACCOUNTS_TTL_MS) return;
    if (this.accountsAttemptMs !== null && now - this.accountsAttemptMs < ACCOUNTS_RETRY_MS) return;
    if (this.snapshot().lastError) return;
    this.accountsInFlight = true;
    this.accountsAttemptMs = now;
    const api = this.api;
    api
      .listAccounts()
      .then((accounts) => {
        if (api !== this.api) return;
        this.accountNames.clear();
        for (const a of accounts) if (a.name) this.accountNames.set(a.account, a.name);
        this.accountsFetchedMs = this.clock.now();
        this.refresh();
      })
      .catch((e: unknown) => {
        this.logger.info(`controller: GET /accounts failed (${isApiError(e) ? e.reason : 'error'})`);
      })
      .finally(() => {
        this.accountsInFlight = false;
      });
  }

  private fetchCapacity(): void {
    if (!this.windowVisible || this.capacityInFlight || !this.tokens.token()) return;
    const snap = this.snapshot();
    if (snap.lastError || snap.paused) return;
    this.capacityInFlight = true;
    const api = this.api;
    api
      .schedulerAvailable()
      .then((answer) => {
        if (api !== this.api) return;
        this.capacity = answer.available.map((c) => ({ ...c }));
        this.refresh();
      })
      .catch((e: unknown) => {
        this.logger.info(
          `controller: GET /scheduler/available failed (${isApiError(e) ? e.reason : 'error'})`,
        );
      })
      .finally(() => {
        this.capacityInFlight = false;
      });
  }
}

function historyRow(j: FinishedJob): HistoryRow {
  return {
    id: j.id,
    shortId: shortJobId(j.id),
    kind: j.kind,
    account: j.account,
    outcome: j.outcome,
    prompt: j.prompt,
    durationMs: j.durationMs,
    finishedAtMs: j.finishedAtMs,
    resultUrl: safeHttpsUrl(j.resultUrl),
    coverUrl: safeHttpsUrl(j.coverUrl),
    message: j.message,
  };
}

/** Replaces every occurrence of `token` (when set) by a placeholder. */
function redactToken(text: string, token: string | null): string {
  if (!token) return text;
  return text.split(token).join('[token]');
}
