/**
 * What an {@link import('./controller.ts').AppController} is built from: the stores, the factories
 * of the API client, the monitor and the result saver, the session's overrides (the demo), and the
 * subset of the job monitor it uses.
 */
import type { MinimaxApi } from '../core/api/api.ts';
import type { JobMonitor, MonitorOptions, PollingSettings } from '../core/monitor/job-monitor.ts';
import type { ResultSaverOptions } from '../core/results/result-saver.ts';
import type { ReconcileSettings } from '../core/scheduler/reconcile-policy.ts';
import type { Clock, Logger } from '../core/types.ts';
import type { SettingsPort } from './ports.ts';
import type { SaverLike } from './saved-results.ts';
import type { TokenManager } from './token-manager.ts';

/** The subset of {@link JobMonitor} the controller uses. */
export type MonitorLike = Pick<
  JobMonitor,
  | 'subscribe'
  | 'start'
  | 'stop'
  | 'pollNow'
  | 'pause'
  | 'resume'
  | 'snapshot'
  | 'stopTracking'
  | 'cancelVideo'
  | 'testToken'
  | 'clearHistory'
  | 'setPolling'
  | 'setApi'
  | 'setDetailsWanted'
  | 'setWebsiteJobs'
  | 'reconcileNow'
>;

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
  /** The result saver's state file (`<userData>/saves.json`), or null for memory only. */
  savesPath?: string | null;
  /** Builds the result saver; default `new ResultSaver(opts)`. */
  createSaver?(opts: ResultSaverOptions): SaverLike;
  /**
   * The API base for this session instead of Settings' (the demo's simulator, or
   * `MINIMAX_TRAY_API_BASE`), already validated; null to use Settings.
   */
  apiBaseOverride?: { url: string; source: string } | null;
  /** Poll-policy overrides below the user's settings (the demo's time-scaled intervals). */
  basePolling?: Partial<PollingSettings>;
  /** Reconcile-cadence overrides (the demo's time-scaled intervals). */
  baseReconcile?: Partial<ReconcileSettings>;
  /** `process.platform`. */
  platform: NodeJS.Platform | string;
  /** App version (About, debug info, view). */
  version: string;
  /** No tray icon can be shown here; the window is a normal window. */
  trayUnavailable?: boolean;
  clock?: Clock;
  logger?: Logger;
}
