/**
 * The shapes around {@link import('./job-monitor.ts').JobMonitor}: its options, why it is paused,
 * and the snapshot every shell reads.
 */
import type { AccountsView } from '../accounts/account-directory.ts';
import type { MinimaxApi } from '../api/api.ts';
import type { PollingSettings } from '../scheduler/poll-policy.ts';
import type { ReconcileSettings } from '../scheduler/reconcile-policy.ts';
import type { Clock, FinishedJob, Logger, MonitorErrorEvent, RunningJob } from '../types.ts';

/** Options for the job monitor. */
export interface MonitorOptions {
  /** The API client (or a fake); null while no token is stored. Replace it with `setApi`. */
  api: MinimaxApi | null;
  /** Time and timers; default the system clock. */
  clock?: Clock;
  /** Default: silent. */
  logger?: Logger;
  /** Ledger JSON file in a state directory (e.g. `<userData>/ledger.json`); null = memory only. */
  ledgerPath: string | null;
  /** Overrides of the default polling settings; invalid values fall back to the defaults. */
  polling?: Partial<PollingSettings>;
  /** Jitter source returning [0, 1); default Math.random. */
  random?: () => number;
  /**
   * Re-checks of a job that left the scheduler but is not final: every `intervalMs` (default
   * 5 000) during its first 30 s, then growing 1.5× per check up to 5 min; given up as `unknown`
   * after `maxChecks` checks (default 20) or `maxAgeMs` since it vanished (default 1 800 000).
   */
  recheck?: { intervalMs: number; maxChecks: number; maxAgeMs: number };
  /**
   * Also read the per-account lists (GET /accounts, GET /videos/, GET /images/) to find jobs
   * started on the hailuoai website and jobs that finished while the monitor was away. Default
   * true. False: no list request and no GET /accounts for them (names are still fetched while
   * details are wanted), and website jobs and list baselines are forgotten. Change it with
   * `setWebsiteJobs`.
   */
  websiteJobs?: boolean;
  /** Overrides of the reconcile cadence (scheduler/reconcile-policy.ts); invalid values fall back. */
  reconcile?: Partial<ReconcileSettings>;
  /**
   * Watch only these MiniMax account ids (the CLI's `--account`; repeats are ignored, an empty
   * list watches none); null or absent: every account. The scheduler's items of other accounts
   * are dropped (never announced, never in `jobs` events, never status-checked), only these
   * accounts' lists are read, and the ledger keeps the other accounts' records as they were
   * (accounts/account-scope.ts). A GET /accounts answer that lacks one of them logs one warning.
   */
  accounts?: readonly string[] | null;
}

/**
 * Why polling is held:
 * - `user`: the user paused it ({@link import('./job-monitor.ts').JobMonitor.pause});
 * - `sleep`: the computer is asleep;
 * - `no-token`: no API client (no token stored);
 * - `unauthorized`: the API answered 401; held until the token is replaced or "check now".
 */
export type PauseReason = 'user' | 'sleep' | 'no-token' | 'unauthorized';

/** Everything a shell shows, at one instant. Instants are epoch ms. */
export interface MonitorSnapshot {
  /** The running jobs: the last known scheduler list (kept while offline), then website jobs. */
  running: RunningJob[];
  /** Finished jobs, newest first, bounded (200 / 30 days; see ledger.ts). */
  history: FinishedJob[];
  /** Percent (0–100) by job id, only while details are wanted and MiniMax reported it. */
  progress: Record<string, number>;
  /** Account names (while details are wanted, or from the reconcile's GET /accounts) and capacity. */
  accounts: AccountsView;
  /** When the last successful GET /scheduler/ completed. */
  lastPollMs: number | null;
  /** When the next poll is due; null while paused, stopped or stopped by a 401. */
  nextPollMs: number | null;
  /** The current error (last poll failed, or a 401 anywhere); null after a success. */
  lastError: MonitorErrorEvent | null;
  /** Polls failed in a row (0 after a success, a new client or a 401). */
  consecutiveFailures: number;
  /** While failing: when the shown job list was fetched. Null when the last poll succeeded. */
  staleSinceMs: number | null;
  /** Polling is held by the user, sleep or a missing token (see {@link MonitorSnapshot.pausedBy}). */
  paused: boolean;
  /** Every reason polling is held now, in the order of {@link PauseReason}; empty while polling. */
  pausedBy: PauseReason[];
  /** API requests made so far, every route (polls, status checks, progress, lists, accounts, actions). */
  requestCount: number;
  /** GET /scheduler/ requests made so far (successful or not). */
  pollCount: number;
  /** Why the last ledger save failed (e.g. the disk is full), or null when it succeeded. */
  saveError: string | null;
}
