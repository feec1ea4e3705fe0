/**
 * The window's {@link ViewModel} and the tray's {@link TrayRender}, as pure functions of one
 * monitor snapshot and the app's state: the controller takes one snapshot per refresh and builds
 * both from it. Hidden accounts (account-modes.ts) are left out of both: not listed, not counted
 * in the tray, the badge or the Jobs tab; only Settings' account list names them.
 */
import { capacityProblem } from '../core/api/capacity-problem.ts';
import { shortJobId } from '../core/api/job-id.ts';
import type { MonitorSnapshot } from '../core/monitor/job-monitor.ts';
import type { FinishedJob, RunningJob } from '../core/types.ts';
import type { HistoryRow, JobRow, ShortcutView, TokenInfo, TrayState, ViewModel } from '../ipc.ts';
import { accountRows, withoutHidden, type AccountModes } from './account-modes.ts';
import { isMuted } from './notification-planner.ts';
import type { TrayRender } from './ports.ts';
import { settingsView, type AppSettings } from './settings.ts';
import { presentTray, problemText, trayStateFor } from './tray-presenter.ts';
import { safeHttpsUrl } from '../core/urls.ts';
import type { SaverSnapshot } from '../core/results/save-types.ts';
import { savedInfo, savingPaused } from './save-view.ts';

/** Everything a view is built from, at one instant (`nowMs`, epoch ms). */
export interface ViewInput {
  snapshot: MonitorSnapshot;
  settings: AppSettings;
  token: TokenInfo;
  trayState: TrayState;
  /** The window is shown: progress percentages are meaningful. */
  windowVisible: boolean;
  notificationsUnavailable: boolean;
  trayUnavailable: boolean;
  /** A ledger file problem found at start (the snapshot's save error is used otherwise). */
  ledgerProblem: string | null;
  /** App version. */
  version: string;
  /** The global shortcut's state (shortcut.ts). */
  shortcut: ShortcutView;
  nowMs: number;
  /** The result saver's state (Saved rows, a pause), or null before it started. */
  saving: SaverSnapshot | null;
}

/** What the window and tray show before the monitor has started: nothing, held for a token. */
export function snapshotBeforeStart(): MonitorSnapshot {
  return {
    running: [],
    history: [],
    progress: {},
    accounts: { names: {}, capacity: [] },
    lastPollMs: null,
    nextPollMs: null,
    lastError: null,
    consecutiveFailures: 0,
    staleSinceMs: null,
    paused: true,
    pausedBy: ['no-token'],
    requestCount: 0,
    pollCount: 0,
    saveError: null,
  };
}

/** The user paused polling (as opposed to sleep, a missing token or a 401). */
export function userPaused(snapshot: MonitorSnapshot): boolean {
  return snapshot.pausedBy.includes('user');
}

/**
 * The tray state for a snapshot, given the state shown before (transient failures keep it for a
 * while; see tray-presenter.ts). A missing token is not an error. Jobs of hidden accounts do not
 * make it `running`.
 */
export function nextTrayState(
  snapshot: MonitorSnapshot,
  previous: TrayState,
  accountModes: AccountModes,
): TrayState {
  const noToken = snapshot.pausedBy.includes('no-token');
  return trayStateFor({
    previous,
    paused: userPaused(snapshot),
    errorReason: noToken ? null : (snapshot.lastError?.reason ?? null),
    consecutiveFailures: snapshot.consecutiveFailures,
    runningCount: withoutHidden(snapshot, accountModes).running.length,
  });
}

/** The window's view (without hidden accounts, except in {@link ViewModel.accounts}). */
export function buildViewModel(input: ViewInput): ViewModel {
  const { settings, nowMs } = input;
  const snap = withoutHidden(input.snapshot, settings.accountModes);
  const names = snap.accounts.names;
  return {
    version: input.version,
    running: snap.running.map((j) => jobRow(j, snap, input.windowVisible, nowMs)),
    history: snap.history.map((j) => historyRow(j, names, input.saving)),
    capacity: snap.accounts.capacity.map((c) => ({
      ...c,
      accountName: names[c.account] ?? null,
      problem: capacityProblem(c),
    })),
    status: {
      state: input.trayState,
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
      paused: userPaused(snap),
      mutedUntilMs: isMuted(settings.mutedUntilMs, nowMs) ? settings.mutedUntilMs : null,
      notificationsUnavailable: input.notificationsUnavailable,
      trayUnavailable: input.trayUnavailable,
      ledgerProblem: input.ledgerProblem ?? snap.saveError,
      savingPaused: savingPaused(input.saving),
    },
    token: input.token,
    settings: settingsView(settings),
    shortcut: input.shortcut,
    accounts: accountRows(input.snapshot, settings.accountModes),
  };
}

/** What the tray shows: the count leaves hidden accounts' jobs out. */
export function buildTrayRender(input: {
  snapshot: MonitorSnapshot;
  trayState: TrayState;
  settings: AppSettings;
  platform: NodeJS.Platform | string;
  hasToken: boolean;
  nowMs: number;
}): TrayRender {
  const snap = withoutHidden(input.snapshot, input.settings.accountModes);
  const presentation = presentTray({
    state: input.trayState,
    count: snap.running.length,
    platform: input.platform,
    needsToken: !input.hasToken,
    problem: snap.lastError ? problemText(snap.lastError.reason, snap.lastError.account) : null,
  });
  return {
    ...presentation,
    paused: userPaused(snap),
    muted: isMuted(input.settings.mutedUntilMs, input.nowMs),
    hasToken: input.hasToken,
  };
}

function jobRow(j: RunningJob, snap: MonitorSnapshot, windowVisible: boolean, nowMs: number): JobRow {
  const observed = snap.lastPollMs ?? snap.staleSinceMs ?? nowMs;
  const percent = windowVisible ? snap.progress[j.id] : undefined;
  return {
    id: j.id,
    shortId: shortJobId(j.id),
    kind: j.kind,
    account: j.account,
    accountName: snap.accounts.names[j.account] ?? null,
    startedMs: j.startedMs,
    reportedElapsedMs: j.reportedElapsedMs,
    observedAtMs: observed,
    percent: typeof percent === 'number' && Number.isFinite(percent) ? percent : null,
    replyRef: j.replyRef,
    source: j.source,
  };
}

function historyRow(j: FinishedJob, names: Record<string, string>, saving: SaverSnapshot | null): HistoryRow {
  return {
    id: j.id,
    shortId: shortJobId(j.id),
    kind: j.kind,
    account: j.account,
    accountName: names[j.account] ?? null,
    outcome: j.outcome,
    prompt: j.prompt,
    durationMs: j.durationMs,
    finishedAtMs: j.finishedAtMs,
    resultUrl: safeHttpsUrl(j.resultUrl),
    coverUrl: safeHttpsUrl(j.coverUrl),
    message: j.message,
    saved: savedInfo(saving, j.id),
    source: j.source,
  };
}
