/**
 * The tray app's logic, with no Electron: it owns the {@link JobMonitor}, the settings and the
 * token, turns each monitor change into the tray look, notifications and the window's view, and
 * carries out the user's actions ({@link AppActions}, reached through commands.ts and the tray
 * menu). main/electron/ supplies the ports (ports.ts).
 *
 * Every API request goes through the monitor's scheduler (one in flight at a time, Retry-After
 * respected on every route): polls and status checks, the accounts' lists (website jobs, unless
 * Settings turns them off), account names and capacity (names also for the lists; capacity only
 * while the window is visible), and the user's stop tracking, cancel and token test. The monitor is the one
 * place that knows why polling is held: the user paused it, the computer sleeps, no token is
 * stored, or the token was rejected.
 *
 * Each refresh takes ONE monitor snapshot and draws the tray and the view from it (presenter.ts);
 * what finished is announced by announce.ts, links and the clipboard go through links.ts.
 */
import { parseJobId } from '../core/api/job-id.ts';
import type { MinimaxApi } from '../core/api/api.ts';
import { systemClock } from '../core/clock.ts';
import {
  JobMonitor,
  type MonitorOptions,
  type MonitorSnapshot,
  type PollingSettings,
} from '../core/monitor/job-monitor.ts';
import { isLocalStateError } from '../core/state/local-state-error.ts';
import { silentLogger, type Clock, type Logger, type MonitorEvent } from '../core/types.ts';
import type { AccountMode, ActionResult, SettingsPatch, TrayState, ViewModel } from '../ipc.ts';
import { withAccountMode } from './account-modes.ts';
import { announce } from './announce.ts';
import type { AppActions } from './commands.ts';
import { debugText } from './debug-info.ts';
import { copyToClipboard, openHttpsLink } from './links.ts';
import type { ControllerPorts, TrayRender } from './ports.ts';
import { Presenter, type PresentInput } from './presenter.ts';
import { applySettingsPatch, MAX_MUTE_MS, type AppSettings } from './settings.ts';
import { ShortcutState, wantedShortcut } from './shortcut.ts';
import type { TokenManager } from './token-manager.ts';
import { snapshotBeforeStart } from './view-model.ts';
import { ResultSaver, type ResultSaverOptions } from '../core/results/result-saver.ts';
import type { ControllerOptions, MonitorLike } from './controller-options.ts';
import { SavedResults } from './saved-results.ts';

/** See the module docs. Create, {@link AppController.attach} the ports, then {@link AppController.start}. */
export class AppController implements AppActions {
  private readonly opts: ControllerOptions;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly tokens: TokenManager;
  private settings: AppSettings;
  /** Set once by start(). */
  private monitor: MonitorLike | null = null;
  /** Saving results to a folder (saved-results.ts); set once by start(). */
  private saved: SavedResults | null = null;
  private ports: Partial<ControllerPorts> = {};
  private readonly presenter: Presenter;
  /** The ledger file could not be used at start (shown in the window). */
  private ledgerProblem: string | null = null;
  private windowVisible = false;
  private started = false;
  private stopped = false;
  private readonly shortcut: ShortcutState;

  constructor(opts: ControllerOptions) {
    this.opts = opts;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.tokens = opts.tokens;
    this.settings = opts.settings.load();
    this.shortcut = new ShortcutState(String(opts.platform), this.logger);
    this.presenter = new Presenter(this.logger);
  }

  /** Connects (or replaces) Electron-side ports and redraws. */
  attach(ports: Partial<ControllerPorts>): void {
    this.ports = { ...this.ports, ...ports };
    this.refresh();
  }

  /**
   * Reads the token, builds the monitor and starts polling (held while no token is stored).
   * A ledger written by a newer version is left untouched and this run keeps its memory only.
   * Resolves once the monitor has started its first poll.
   * @throws Error when called twice.
   */
  async start(): Promise<void> {
    if (this.started) throw new Error('AppController.start() may only be called once');
    this.started = true;
    this.ports.window?.setKeepOpen(this.settings.keepWindowOpen);
    this.shortcut.register(this.ports.shortcut, wantedShortcut(this.settings));
    const token = await this.tokens.load();
    // The saver first: the monitor's first events may already carry finished jobs to save.
    const saverOptions: ResultSaverOptions = {
      statePath: this.opts.savesPath ?? null,
      clock: this.clock,
      logger: this.logger,
    };
    this.saved = new SavedResults({
      saver: this.opts.createSaver ? this.opts.createSaver(saverOptions) : new ResultSaver(saverOptions),
      onChange: () => this.refresh(),
    });
    await this.saved.start(this.settings.saveResults);
    const options: MonitorOptions = {
      api: this.buildApi(token),
      clock: this.clock,
      logger: this.logger,
      ledgerPath: this.opts.ledgerPath,
      polling: this.pollingSettings(),
      reconcile: this.opts.baseReconcile,
      websiteJobs: this.settings.websiteJobs,
    };
    try {
      this.monitor = await this.startMonitor(options);
    } catch (e) {
      if (!isLocalStateError(e)) throw e;
      this.logger.error(`controller: ${e.message}`);
      this.ledgerProblem = `${e.message} Until then, finished jobs are remembered only while the app runs.`;
      this.monitor = await this.startMonitor({ ...options, ledgerPath: null });
    }
    this.refresh();
  }

  /** Stops polling and saves the ledger (app quit). Idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    try {
      await this.monitor?.stop();
    } finally {
      await this.saved?.stop();
    }
  }

  /** Subscribe to view changes (the IPC layer pushes them on VIEW_CHANNEL). Returns unsubscribe. */
  onView(listener: (view: ViewModel) => void): () => void {
    return this.presenter.onView(listener);
  }

  // ---- actions (the window's commands and the tray menu) ---------------------------------------

  /** "Check now": one poll at once, then the accounts' lists (ignored without a token). */
  checkNow(): ActionResult {
    if (!this.tokens.token())
      return { ok: false, message: 'Add your useapi.net API token in Settings first.' };
    this.monitor?.pollNow();
    this.monitor?.reconcileNow();
    return { ok: true };
  }

  /** Pause or resume polling (user choice, kept until changed; not persisted across restarts). */
  setPaused(paused: boolean): ActionResult {
    if (paused) this.monitor?.pause('user');
    else this.monitor?.resume('user');
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
    this.monitor?.setDetailsWanted(visible);
    this.refresh();
  }

  /** The computer is going to sleep: hold polling. */
  suspend(): void {
    this.monitor?.pause('sleep');
  }

  /** Back from sleep (the monitor polls at once) or screen unlocked (poll now, unless paused). */
  wake(): void {
    const monitor = this.monitor;
    if (!monitor) return;
    const pausedBy = monitor.snapshot().pausedBy;
    monitor.resume('sleep');
    if (!pausedBy.includes('sleep') && !pausedBy.includes('user')) monitor.pollNow();
  }

  /** Notifications became unavailable (or available): redraw the window. */
  notificationsChanged(): void {
    this.refresh();
  }

  /**
   * "Stop tracking" (DELETE /scheduler/{id}): the job keeps generating, but is not announced.
   * Only for API jobs: the scheduler does not hold a job started on the website.
   */
  async stopTracking(id: string): Promise<ActionResult> {
    const monitor = this.requireMonitor();
    if (monitor.snapshot().running.some((j) => j.id === id && j.source === 'website'))
      return { ok: false, message: 'Only jobs started through the API can be stopped tracking.' };
    if (!(await monitor.stopTracking(id))) return { ok: false, message: 'That job is no longer running.' };
    this.refresh();
    return { ok: true };
  }

  /** "Cancel video" (POST /videos/cancel): the job is then reported as cancelled. */
  async cancelVideo(id: string): Promise<ActionResult> {
    if (parseJobId(id)?.kind === 'image')
      return { ok: false, message: 'Only videos can be cancelled; images finish on their own.' };
    if (!(await this.requireMonitor().cancelVideo(id)))
      return { ok: false, message: 'That job is no longer running.' };
    this.refresh();
    return { ok: true };
  }

  /** Empty "recently finished" (already-announced jobs stay remembered). */
  async clearHistory(): Promise<ActionResult> {
    await this.requireMonitor().clearHistory();
    this.refresh();
    return { ok: true };
  }

  /** Opens a result link in the browser (https only). */
  openLink(url: string): Promise<ActionResult> {
    return openHttpsLink(this.ports.system, url);
  }

  /** Copies a link or id to the clipboard. */
  copyText(text: string): Promise<ActionResult> {
    return copyToClipboard(this.ports.system, text);
  }

  /**
   * "Choose folder…": the folder chooser; a folder chosen turns saving on (cancel changes
   * nothing). The popup hid when the dialog took the focus, so the window comes back on Settings.
   */
  async chooseSaveFolder(): Promise<ActionResult> {
    const files = this.ports.files;
    if (!files) return { ok: false, message: 'The folder chooser is not available right now.' };
    const folder = await files.chooseFolder(this.settings.saveResults.folder);
    this.ports.window?.show('settings');
    if (folder === null) return { ok: true };
    const saved = this.saveSettings({
      ...this.settings,
      saveResults: { ...this.settings.saveResults, folder, enabled: true },
    });
    if (saved.ok) this.saved?.configure(this.settings.saveResults);
    this.refresh();
    return saved;
  }

  /** "Show in folder" for job `id`'s saved result (looked up here: the window names no path). */
  async showSavedResult(id: string): Promise<ActionResult> {
    const file = await this.saved?.existingFile(id);
    if (!file) return { ok: false, message: 'That result is no longer in the folder (moved or deleted).' };
    if (!this.ports.files) return { ok: false, message: 'The file manager cannot be opened right now.' };
    this.ports.files.showItemInFolder(file);
    return { ok: true };
  }

  /** "Try again" on a paused saver. */
  retrySaving(): ActionResult {
    this.saved?.retry();
    return { ok: true };
  }

  /** Checks (one queued GET /scheduler/ with it) and stores a new token, then polls with it. */
  async saveToken(token: string): Promise<ActionResult> {
    const monitor = this.requireMonitor();
    const result = await this.tokens.save(token, (candidate) =>
      monitor.testToken(this.opts.createApi({ apiBase: this.apiBase(), token: candidate })),
    );
    if (result.ok) this.replaceApi();
    return result;
  }

  /** Removes the token from every store; polling is held until a new one is saved. */
  async removeToken(): Promise<ActionResult> {
    const result = await this.tokens.remove();
    this.replaceApi();
    return result;
  }

  /**
   * Applies a settings change from the window (validated, persisted, then put into effect). A
   * global shortcut the OS refuses is not saved: the previous one stays, and Settings says so.
   */
  async updateSettings(patch: SettingsPatch): Promise<ActionResult> {
    const applied = applySettingsPatch(this.settings, patch, String(this.opts.platform));
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
    const shortcutTouched = patch.globalShortcut !== undefined || patch.globalShortcutEnabled !== undefined;
    const wanted = wantedShortcut(next);
    if (shortcutTouched && this.shortcut.unresolved(this.ports.shortcut, wanted)) {
      const registered = this.shortcut.register(this.ports.shortcut, wanted);
      if (!registered.ok) {
        this.refresh();
        return registered;
      }
    }
    const saved = this.saveSettings(next);
    if (!saved.ok) {
      if (shortcutTouched) this.shortcut.register(this.ports.shortcut, wantedShortcut(before));
      return saved;
    }
    if (next.keepWindowOpen !== before.keepWindowOpen) this.ports.window?.setKeepOpen(next.keepWindowOpen);
    if (next.apiBaseUrl !== before.apiBaseUrl && !this.opts.apiBaseOverride) this.replaceApi();
    if (next.pollingMode !== before.pollingMode || next.fixedIntervalMs !== before.fixedIntervalMs) {
      this.monitor?.setPolling(this.pollingSettings());
    }
    if (next.saveResults !== before.saveResults) this.saved?.configure(next.saveResults);
    if (next.websiteJobs !== before.websiteJobs) this.monitor?.setWebsiteJobs(next.websiteJobs);
    this.refresh();
    return { ok: true };
  }

  /** Per-account control: `notify`, `muted` (no notifications) or `hidden` (not listed or counted). Persisted. */
  setAccountMode(account: string, mode: AccountMode): ActionResult {
    const changed = withAccountMode(this.settings.accountModes, account, mode);
    if (!changed.ok) return changed;
    const saved = this.saveSettings({ ...this.settings, accountModes: changed.modes });
    this.refresh();
    return saved;
  }

  // ---- what the shells read ----------------------------------------------------------------

  /** The current view. */
  view(): ViewModel {
    return this.presenter.view(this.snapshot(), this.presentInput());
  }

  /** What the tray shows now. */
  trayRender(): TrayRender {
    return this.presenter.tray(this.snapshot(), this.presentInput());
  }

  /**
   * Plain-text diagnostics for "Copy debug info" (debug-info.ts); never the token.
   * @param extra `name: value` lines from the Electron layer.
   */
  debugInfo(extra: Record<string, string> = {}): string {
    const override = this.opts.apiBaseOverride ?? null;
    return debugText(
      {
        version: this.opts.version,
        platform: String(this.opts.platform),
        extra,
        apiBase: this.apiBase(),
        apiBaseSource: override ? override.source : 'Settings',
        settings: this.settings,
        token: this.tokens.info(),
        trayState: this.presenter.state(),
        trayUnavailable: this.opts.trayUnavailable ?? false,
        notificationsUnavailable: this.ports.notifier?.unavailable() ?? false,
        snapshot: this.snapshot(),
      },
      this.tokens.token(),
    );
  }

  /** The tray state now (tests, test hooks). */
  currentTrayState(): TrayState {
    return this.presenter.state();
  }

  // ---- internals --------------------------------------------------------------------------

  private async startMonitor(options: MonitorOptions): Promise<MonitorLike> {
    const monitor = this.opts.createMonitor ? this.opts.createMonitor(options) : new JobMonitor(options);
    const unsubscribe = monitor.subscribe((events) => this.onEvents(events));
    try {
      await monitor.start();
    } catch (e) {
      unsubscribe();
      throw e;
    }
    if (this.windowVisible) monitor.setDetailsWanted(true);
    return monitor;
  }

  private requireMonitor(): MonitorLike {
    if (!this.monitor) throw new Error('The app is still starting.');
    return this.monitor;
  }

  private snapshot(): MonitorSnapshot {
    return this.monitor ? this.monitor.snapshot() : snapshotBeforeStart();
  }

  /** The API base in use: the session's override, else Settings'. */
  private apiBase(): string {
    return this.opts.apiBaseOverride?.url ?? this.settings.apiBaseUrl;
  }

  private buildApi(token: string | null): MinimaxApi | null {
    return token ? this.opts.createApi({ apiBase: this.apiBase(), token }) : null;
  }

  /** The token or the API base changed: one new client (or none); the monitor resets the rest. */
  private replaceApi(): void {
    this.monitor?.setApi(this.buildApi(this.tokens.token()));
    this.refresh();
  }

  private pollingSettings(): Partial<PollingSettings> {
    return {
      ...this.opts.basePolling,
      mode: this.settings.pollingMode,
      fixedIntervalMs: this.settings.fixedIntervalMs,
    };
  }

  private onEvents(events: MonitorEvent[]): void {
    this.saved?.offer(events);
    const snapshot = this.snapshot();
    announce(events, {
      settings: this.settings,
      snapshot,
      nowMs: this.clock.now(),
      notifier: this.ports.notifier,
      logger: this.logger,
    });
    this.refresh(snapshot);
  }

  /** Everything a view and the tray are drawn from besides the snapshot. */
  private presentInput(): PresentInput {
    return {
      settings: this.settings,
      token: this.tokens.info(),
      hasToken: this.tokens.token() !== null,
      platform: this.opts.platform,
      windowVisible: this.windowVisible,
      notificationsUnavailable: this.ports.notifier?.unavailable() ?? false,
      trayUnavailable: this.opts.trayUnavailable ?? false,
      ledgerProblem: this.ledgerProblem,
      version: this.opts.version,
      shortcut: this.shortcut.view(this.settings, this.ports.shortcut),
      nowMs: this.clock.now(),
      saving: this.saved?.snapshot() ?? null,
    };
  }

  /** Redraws the tray and the view from one snapshot (before start() the token is not read yet: drawing now would flash "No API token"). */
  private refresh(snap: MonitorSnapshot | null = null): void {
    if (!this.monitor) return;
    this.presenter.refresh(snap ?? this.monitor.snapshot(), this.presentInput(), this.ports);
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
}
