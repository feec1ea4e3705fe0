// Test doubles for the app-layer tests: a scriptable MinimaxApi, recording ports and builders.
import type { ListPageQuery, MinimaxApi } from '../../../main/core/api/api.ts';
import { ApiError } from '../../../main/core/api/errors.ts';
import type { MonitorSnapshot } from '../../../main/core/monitor/job-monitor.ts';
import type {
  AccountCapacity,
  AccountInfo,
  FinishedJob,
  JobKind,
  JobStatus,
  ListedJob,
  RunningJob,
} from '../../../main/core/types.ts';
import type {
  NotifierPort,
  SettingsPort,
  ShortcutPort,
  SystemPort,
  TrayPort,
  TrayRender,
  WindowPort,
} from '../../../main/app/ports.ts';
import type { PlannedNotification } from '../../../main/app/notification-planner.ts';
import { defaultSettings, type AppSettings } from '../../../main/app/settings.ts';
import type { NavigateTarget, ViewModel } from '../../../main/ipc.ts';

export const T0 = Date.UTC(2026, 0, 1, 9);
export const TOKEN = 'user:7777-TestToken0123456789';

/** A scheduler item for account 333333. */
export function runningJob(
  localId: string,
  kind: JobKind = 'video',
  startedMs: number | null = T0,
): RunningJob {
  return {
    id: `user:7777-minimax:333333-${kind}:${localId}`,
    kind,
    account: '333333',
    startedMs,
    reportedElapsedMs: null,
    replyRef: null,
    replyUrl: null,
    source: 'api',
  };
}

/** A final "completed" status answer. */
export function completed(id: string, prompt = 'a fox in the snow'): JobStatus {
  return {
    id,
    final: true,
    outcome: 'succeeded',
    status: 2,
    statusLabel: 'completed',
    percent: 100,
    message: null,
    resultUrl: `https://cdn.example/${encodeURIComponent(id)}.mp4`,
    coverUrl: null,
    prompt,
  };
}

/** Scriptable MinimaxApi that counts every call. */
export class ScriptedApi implements MinimaxApi {
  list: RunningJob[] = [];
  /** Thrown by the next listScheduler calls, in order. */
  schedulerErrors: ApiError[] = [];
  statuses = new Map<string, JobStatus | ApiError>();
  accounts: AccountInfo[] = [
    { account: '333333', name: 'Studio A', maxJobs: 3, sessionExpiresMs: null, error: null },
  ];
  capacity: AccountCapacity[] = [{ account: '333333', maxJobs: 3, executing: 1, available: 2 }];
  calls: string[] = [];
  stopTrackingError: ApiError | null = null;
  readonly token: string;
  readonly apiBase: string;

  constructor(token = TOKEN, apiBase = 'https://api.useapi.net/v1/minimax') {
    this.token = token;
    this.apiBase = apiBase;
  }

  count(name: string): number {
    return this.calls.filter((c) => c === name || c.startsWith(`${name} `)).length;
  }

  async listScheduler(): Promise<RunningJob[]> {
    this.calls.push('listScheduler');
    const err = this.schedulerErrors.shift();
    if (err) throw err;
    return this.list.map((j) => ({ ...j }));
  }
  async schedulerAvailable(): Promise<{ executing: RunningJob[]; available: AccountCapacity[] }> {
    this.calls.push('schedulerAvailable');
    return { executing: this.list, available: this.capacity };
  }
  async stopTracking(id: string): Promise<void> {
    this.calls.push(`stopTracking ${id}`);
    if (this.stopTrackingError) throw this.stopTrackingError;
    this.list = this.list.filter((j) => j.id !== id);
  }
  async getJobStatus(id: string): Promise<JobStatus> {
    this.calls.push(`getJobStatus ${id}`);
    const answer = this.statuses.get(id);
    if (answer instanceof ApiError) throw answer;
    return (
      answer ?? {
        id,
        final: false,
        outcome: null,
        status: 1,
        statusLabel: 'processing',
        percent: 50,
        message: null,
        resultUrl: null,
        coverUrl: null,
        prompt: null,
      }
    );
  }
  async cancelVideo(id: string): Promise<void> {
    this.calls.push(`cancelVideo ${id}`);
  }
  async listAccounts(): Promise<AccountInfo[]> {
    this.calls.push('listAccounts');
    return this.accounts;
  }
  /** Each account's list, newest first, by `<account> <kind>` (one page holds it all). */
  lists = new Map<string, ListedJob[]>();
  async listVideos(page: ListPageQuery): Promise<ListedJob[]> {
    this.calls.push(`listVideos ${page.account}`);
    return this.lists.get(`${page.account} video`) ?? [];
  }
  async listImages(page: ListPageQuery): Promise<ListedJob[]> {
    this.calls.push(`listImages ${page.account}`);
    return this.lists.get(`${page.account} image`) ?? [];
  }
}

/** Settings kept in an object; `failSave` makes the next save throw. */
export class MemorySettings implements SettingsPort {
  value: AppSettings = defaultSettings();
  saves = 0;
  failSave = false;
  load(): AppSettings {
    return { ...this.value, notifyOn: { ...this.value.notifyOn } };
  }
  save(s: AppSettings): void {
    if (this.failSave) throw new Error('disk full');
    this.saves++;
    this.value = { ...s, notifyOn: { ...s.notifyOn } };
  }
}

/** Records everything the controller asks the Electron side to do. */
export class RecordingPorts {
  renders: TrayRender[] = [];
  views: ViewModel[] = [];
  shown: PlannedNotification[] = [];
  windowCalls: string[] = [];
  opened: string[] = [];
  copied: string[] = [];
  loginItem: boolean[] = [];
  loginItemError: Error | null = null;
  notificationsDown = false;
  /** Every `setKeepOpen` call, in order. */
  keepOpen: boolean[] = [];
  /** The shortcut "registered" now, every `set` call, and which accelerators the OS refuses. */
  shortcutActive: string | null = null;
  shortcutCalls: Array<string | null> = [];
  shortcutRefuses: (accelerator: string) => boolean = () => false;

  readonly tray: TrayPort = { render: (r) => void this.renders.push(r) };
  readonly window: WindowPort = {
    push: (v) => void this.views.push(v),
    show: (t?: NavigateTarget) => void this.windowCalls.push(`show ${t ?? ''}`.trim()),
    hide: () => void this.windowCalls.push('hide'),
    setKeepOpen: (keepOpen) => void this.keepOpen.push(keepOpen),
  };
  readonly shortcut: ShortcutPort = {
    set: (accelerator) => {
      this.shortcutCalls.push(accelerator);
      if (accelerator !== null && this.shortcutRefuses(accelerator)) return false;
      this.shortcutActive = accelerator;
      return true;
    },
    active: () => this.shortcutActive,
  };
  readonly notifier: NotifierPort = {
    show: (n) => void this.shown.push(n),
    unavailable: () => this.notificationsDown,
  };
  readonly system: SystemPort = {
    openExternal: async (url) => void this.opened.push(url),
    copyText: async (t) => void this.copied.push(t),
    setStartAtLogin: async (enabled) => {
      if (this.loginItemError) throw this.loginItemError;
      this.loginItem.push(enabled);
    },
  };

  get lastRender(): TrayRender {
    const r = this.renders[this.renders.length - 1];
    if (!r) throw new Error('no tray render yet');
    return r;
  }
  get lastView(): ViewModel {
    const v = this.views[this.views.length - 1];
    if (!v) throw new Error('no view yet');
    return v;
  }
}

export function accountsRunning(account: string, n: number): RunningJob {
  return {
    id: `user:1-minimax:${account}-video:${n}`,
    kind: 'video',
    account,
    source: 'api',
    startedMs: T0,
    reportedElapsedMs: null,
    replyRef: null,
    replyUrl: null,
  };
}

function finishedJob(account: string, n: number): FinishedJob {
  return {
    id: `user:1-minimax:${account}-image:${n}`,
    kind: 'image',
    account,
    source: 'api',
    outcome: 'succeeded',
    resultUrl: null,
    coverUrl: null,
    prompt: null,
    durationMs: 1000,
    finishedAtMs: T0,
    startedMs: T0 - 1000,
    replyRef: null,
    status: 2,
    statusLabel: 'completed',
    message: null,
  };
}

/** Accounts: 111 "Studio" (running + capacity), 222 "Archive" (finished), 333 without a name (running). */
export function accountsSnapshot(): MonitorSnapshot {
  return {
    running: [accountsRunning('111', 1), accountsRunning('333', 2), accountsRunning('111', 3)],
    history: [finishedJob('222', 4), finishedJob('111', 5)],
    progress: { [accountsRunning('111', 1).id]: 40, [accountsRunning('333', 2).id]: 70 },
    accounts: {
      names: { '111': 'Studio', '222': 'Archive' },
      capacity: [
        { account: '111', maxJobs: 3, executing: 2, available: 1 },
        { account: '333', maxJobs: 1, executing: 1, available: 0 },
      ],
    },
    lastPollMs: T0,
    nextPollMs: T0 + 5000,
    lastError: null,
    consecutiveFailures: 0,
    staleSinceMs: null,
    paused: false,
    pausedBy: [],
    requestCount: 3,
    pollCount: 1,
    saveError: null,
  };
}
