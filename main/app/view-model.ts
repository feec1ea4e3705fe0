/**
 * The window's {@link ViewModel} and the tray's {@link TrayRender}, as pure functions of one
 * monitor snapshot and the app's state: the controller takes one snapshot per refresh and builds
 * both from it.
 */
import { shortJobId } from '../core/api/job-id.ts';
import type { MonitorSnapshot } from '../core/monitor/job-monitor.ts';
import type { FinishedJob, RunningJob } from '../core/types.ts';
import type { HistoryRow, JobRow, TokenInfo, TrayState, ViewModel } from '../ipc.ts';
import { isMuted } from './notification-planner.ts';
import type { TrayRender } from './ports.ts';
import { settingsView, type AppSettings } from './settings.ts';
import { presentTray, problemText, trayStateFor } from './tray-presenter.ts';
import { safeHttpsUrl } from '../core/urls.ts';

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
  nowMs: number;
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
 * while; see tray-presenter.ts). A missing token is not an error.
 */
export function nextTrayState(snapshot: MonitorSnapshot, previous: TrayState): TrayState {
  const noToken = snapshot.pausedBy.includes('no-token');
  return trayStateFor({
    previous,
    paused: userPaused(snapshot),
    errorReason: noToken ? null : (snapshot.lastError?.reason ?? null),
    consecutiveFailures: snapshot.consecutiveFailures,
    runningCount: snapshot.running.length,
  });
}

/** The window's view. */
export function buildViewModel(input: ViewInput): ViewModel {
  const { snapshot: snap, settings, nowMs } = input;
  const names = snap.accounts.names;
  return {
    version: input.version,
    running: snap.running.map((j) => jobRow(j, snap, input.windowVisible, nowMs)),
    history: snap.history.map(historyRow),
    capacity: snap.accounts.capacity.map((c) => ({ ...c, accountName: names[c.account] ?? null })),
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
    },
    token: input.token,
    settings: settingsView(settings),
  };
}

/** What the tray shows. */
export function buildTrayRender(input: {
  snapshot: MonitorSnapshot;
  trayState: TrayState;
  settings: AppSettings;
  platform: NodeJS.Platform | string;
  hasToken: boolean;
  nowMs: number;
}): TrayRender {
  const { snapshot: snap } = input;
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
    source: j.source,
  };
}
