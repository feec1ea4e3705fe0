/**
 * Sample ViewModels for the job window: the renderer preview (scripts/preview-renderer.mjs), the
 * end-to-end browser suite and the renderer benchmark all start from these.
 *
 * Every fixture is built relative to a "now" (epoch ms; default {@link FIXTURE_NOW_MS}) so
 * elapsed times and "next check in" read the same on every run when the page clock is pinned
 * to that instant.
 */
import type {
  AccountRow,
  HistoryRow,
  JobRow,
  SettingsView,
  ShortcutView,
  StatusInfo,
  TokenInfo,
  ViewModel,
} from '../../main/ipc.ts';

/** 2026-03-14T14:07:30Z: the instant fixtures are built around. */
export const FIXTURE_NOW_MS = Date.UTC(2026, 2, 14, 14, 7, 30);

/** Names of the fixtures in {@link fixtureViews}. */
export type FixtureName =
  | 'jobs'
  | 'empty'
  | 'no-token'
  | 'unauthorized'
  | 'offline'
  | 'account-on-hold'
  | 'paused-muted'
  | 'hostile'
  | 'pinned'
  | 'accounts-shortcut'
  | 'many';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Default settings as the app ships them. */
export function defaultSettings(): SettingsView {
  return {
    apiBaseUrl: 'https://api.useapi.net/v1/minimax',
    pollingMode: 'adaptive',
    fixedIntervalMs: 30 * SECOND,
    notifyOn: { succeeded: true, failed: true, moderated: true, cancelled: false, unknown: true },
    hidePrompts: false,
    startAtLogin: false,
    globalShortcut: 'CommandOrControl+Shift+M',
    globalShortcutEnabled: true,
    keepWindowOpen: false,
    saveResults: { enabled: false, folder: null, kinds: 'videos' },
    websiteJobs: true,
  };
}

/** The default global shortcut, registered (Linux labels). */
export function activeShortcut(): ShortcutView {
  return {
    label: 'Ctrl+Shift+M',
    activeLabel: 'Ctrl+Shift+M',
    defaultAccelerator: 'CommandOrControl+Shift+M',
    problem: null,
  };
}

/** The accounts of {@link jobsView}: one named, one known by id only. */
export function jobsAccounts(): AccountRow[] {
  return [
    { account: '335571234', name: 'Studio account', mode: 'notify', seen: true },
    { account: '335579999', name: null, mode: 'notify', seen: true },
  ];
}

/** A healthy status: last poll 4 s ago, next in 11 s. */
export function okStatus(nowMs = FIXTURE_NOW_MS): StatusInfo {
  return {
    state: 'idle',
    lastPollMs: nowMs - 4 * SECOND,
    nextPollMs: nowMs + 11 * SECOND,
    error: null,
    staleSinceMs: null,
    paused: false,
    mutedUntilMs: null,
    notificationsUnavailable: false,
    trayUnavailable: false,
    ledgerProblem: null,
    savingPaused: null,
  };
}

/** A token stored in the keychain. */
export function storedToken(): TokenInfo {
  return { stored: true, storage: 'keychain', note: 'Saved in the GNOME Keyring' };
}

/** Full job id in the API's format: `user:<user>-minimax:<account>-<kind>:<localId>`. */
export function jobId(account: string, kind: 'video' | 'image', localId: string): string {
  return `user:1234-minimax:${account}-${kind}:${localId}`;
}

/** A running job row; `overrides` replace any field. */
export function jobRow(
  kind: 'video' | 'image',
  localId: string,
  startedAgoMs: number,
  nowMs = FIXTURE_NOW_MS,
  overrides: Partial<JobRow> = {},
): JobRow {
  const account = overrides.account ?? '335571234';
  return {
    id: jobId(account, kind, localId),
    shortId: localId.slice(-8),
    kind,
    account,
    accountName: 'Studio account',
    startedMs: nowMs - startedAgoMs,
    reportedElapsedMs: startedAgoMs,
    observedAtMs: nowMs - 4 * SECOND,
    percent: null,
    replyRef: null,
    source: 'api',
    ...overrides,
  };
}

/** A finished job row; `overrides` replace any field. */
export function historyRow(
  kind: 'video' | 'image',
  localId: string,
  outcome: HistoryRow['outcome'],
  finishedAgoMs: number,
  nowMs = FIXTURE_NOW_MS,
  overrides: Partial<HistoryRow> = {},
): HistoryRow {
  const account = overrides.account ?? '335571234';
  return {
    id: jobId(account, kind, localId),
    shortId: localId.slice(-8),
    kind,
    account,
    accountName: account === '335571234' ? 'Studio account' : null,
    outcome,
    prompt: 'A red fox running through fresh snow at dawn, slow motion, cinematic light',
    durationMs: 3 * MINUTE + 12 * SECOND,
    finishedAtMs: nowMs - finishedAgoMs,
    resultUrl: `https://cdn.example.com/minimax/${localId}.mp4`,
    coverUrl: null,
    message: null,
    saved: null,
    source: 'api',
    ...overrides,
  };
}

/** Builds a ViewModel from parts, filling the rest with healthy defaults. */
export function view(parts: Partial<ViewModel> = {}, nowMs = FIXTURE_NOW_MS): ViewModel {
  return {
    version: '0.1.0',
    running: [],
    history: [],
    capacity: [],
    status: okStatus(nowMs),
    token: storedToken(),
    settings: defaultSettings(),
    shortcut: activeShortcut(),
    accounts: [],
    ...parts,
  };
}

/**
 * Three running jobs (one with progress, one started on the website with a replyRef), capacity,
 * and four finished jobs (one from the website).
 */
export function jobsView(nowMs = FIXTURE_NOW_MS): ViewModel {
  return view(
    {
      running: [
        jobRow('video', '382749120551', 3 * MINUTE + 5 * SECOND, nowMs, { percent: 64 }),
        jobRow('video', '382749188702', 47 * SECOND, nowMs, {
          replyRef: 'batch-7/shot-12',
          source: 'website',
        }),
        jobRow('image', '382750013377', 12 * SECOND, nowMs, {
          account: '335579999',
          accountName: null,
          id: jobId('335579999', 'image', '382750013377'),
        }),
      ],
      capacity: [
        {
          account: '335571234',
          accountName: 'Studio account',
          maxJobs: 3,
          executing: 2,
          available: 1,
          problem: null,
        },
        { account: '335579999', accountName: null, maxJobs: 1, executing: 0, available: 1, problem: null },
      ],
      accounts: jobsAccounts(),
      history: [
        historyRow('video', '382748001122', 'succeeded', 2 * MINUTE, nowMs, {
          coverUrl: 'https://cdn.example.com/minimax/382748001122-cover.jpg',
        }),
        historyRow('image', '382747900021', 'succeeded', 9 * MINUTE, nowMs, {
          prompt: 'Isometric cozy reading nook, warm lamp, rain on the window',
          durationMs: 41 * SECOND,
          resultUrl: 'https://cdn.example.com/minimax/382747900021.png',
          coverUrl: 'https://cdn.example.com/minimax/382747900021-cover.webp',
          source: 'website',
        }),
        historyRow('video', '382747500999', 'moderated', 25 * MINUTE, nowMs, {
          resultUrl: null,
          message: 'The content did not pass moderation.',
        }),
        historyRow('video', '382747100444', 'failed', 62 * MINUTE, nowMs, {
          resultUrl: null,
          durationMs: 11 * MINUTE + 2 * SECOND,
          message: 'Generation failed. Please try again.',
        }),
      ],
    },
    nowMs,
  );
}

/** Nothing running, no history, token stored: the "No jobs running" state. */
export function emptyView(nowMs = FIXTURE_NOW_MS): ViewModel {
  return view({}, nowMs);
}

/** First start: no token stored. */
export function noTokenView(nowMs = FIXTURE_NOW_MS): ViewModel {
  return view(
    {
      token: { stored: false, storage: 'none', note: null },
      status: { ...okStatus(nowMs), lastPollMs: null, nextPollMs: null },
    },
    nowMs,
  );
}

/** The token was rejected (HTTP 401); the last known list is kept. */
export function unauthorizedView(nowMs = FIXTURE_NOW_MS): ViewModel {
  const base = jobsView(nowMs);
  return {
    ...base,
    running: base.running.slice(0, 1),
    status: {
      ...okStatus(nowMs),
      state: 'error',
      nextPollMs: null,
      error: { reason: 'unauthorized', message: 'Unauthorized', status: 401, account: null },
      staleSinceMs: nowMs - 5 * MINUTE,
    },
  };
}

/** Offline for 5 minutes: stale banner, last known jobs, next retry in 40 s. */
export function offlineView(nowMs = FIXTURE_NOW_MS): ViewModel {
  const base = jobsView(nowMs);
  return {
    ...base,
    status: {
      ...okStatus(nowMs),
      state: 'offline',
      lastPollMs: nowMs - 5 * MINUTE - 30 * SECOND,
      nextPollMs: nowMs + 40 * SECOND,
      error: {
        reason: 'network',
        message: 'getaddrinfo ENOTFOUND api.useapi.net',
        status: null,
        account: null,
      },
      staleSinceMs: nowMs - 5 * MINUTE - 30 * SECOND,
    },
  };
}

/** One account is on hold (HTTP 596). */
export function accountOnHoldView(nowMs = FIXTURE_NOW_MS): ViewModel {
  return view(
    {
      status: {
        ...okStatus(nowMs),
        state: 'error',
        error: {
          reason: 'account-on-hold',
          message: 'Account 335571234 is on hold',
          status: 596,
          account: '335571234',
        },
      },
    },
    nowMs,
  );
}

/** Polling paused, notifications muted, and both platform hints showing. */
export function pausedMutedView(nowMs = FIXTURE_NOW_MS): ViewModel {
  const base = jobsView(nowMs);
  return {
    ...base,
    running: base.running.slice(0, 1),
    history: base.history.slice(0, 1),
    status: {
      ...okStatus(nowMs),
      state: 'paused',
      paused: true,
      nextPollMs: null,
      mutedUntilMs: nowMs + 52 * MINUTE,
      notificationsUnavailable: true,
      trayUnavailable: true,
    },
    settings: { ...defaultSettings(), pollingMode: 'fixed', fixedIntervalMs: 45 * SECOND, hidePrompts: true },
  };
}

/** The jobs view with the window pinned ("Keep open" pressed in the header). */
export function pinnedView(nowMs = FIXTURE_NOW_MS): ViewModel {
  const base = jobsView(nowMs);
  return { ...base, settings: { ...base.settings, keepWindowOpen: true } };
}

/**
 * Settings with accounts in every mode (one hidden and not seen now, one known by id only) and a
 * global shortcut the OS refused: Ctrl+Alt+K was taken, Ctrl+Shift+M still works.
 */
export function accountsShortcutView(nowMs = FIXTURE_NOW_MS): ViewModel {
  const base = jobsView(nowMs);
  return {
    ...base,
    accounts: [
      { account: '335570001', name: 'Client work', mode: 'muted', seen: true },
      { account: '335571234', name: 'Studio account', mode: 'notify', seen: true },
      { account: '335572222', name: 'Tests', mode: 'hidden', seen: false },
      { account: '335579999', name: null, mode: 'notify', seen: true },
    ],
    shortcut: {
      ...activeShortcut(),
      problem:
        'Ctrl+Alt+K could not be set as the global shortcut: another app may use it, or this desktop does not let apps take global shortcuts (Wayland sessions do not). Ctrl+Shift+M still works.',
    },
  };
}

/** Markup-looking, script, very long, right-to-left and emoji strings from the API. */
export const HOSTILE = {
  html: '<img src=x onerror="document.body.dataset.pwned=1"><b>bold</b>',
  script: '<script>document.body.dataset.pwned = "1"</script>',
  longId: `user:1234-minimax:335571234-video:${'9'.repeat(400)}`,
  rtl: 'فيديو لقطة سينمائية لغروب الشمس فوق الصحراء',
  emoji: '🦊🎬✨ fox 👨‍👩‍👧‍👦 family 🏳️‍🌈',
  longWord: 'x'.repeat(2000),
} as const;

/** Every free-text field filled with hostile text. Nothing may run, and the layout must hold. */
export function hostileView(nowMs = FIXTURE_NOW_MS): ViewModel {
  return view(
    {
      running: [
        jobRow('video', '1', 90 * SECOND, nowMs, {
          id: HOSTILE.longId,
          shortId: HOSTILE.longId.slice(-40),
          account: HOSTILE.html,
          accountName: HOSTILE.rtl,
          replyRef: HOSTILE.script,
          percent: 250,
        }),
        jobRow('image', '2', 5 * SECOND, nowMs, {
          id: `${HOSTILE.emoji}-image:${HOSTILE.html}`,
          shortId: HOSTILE.emoji,
          accountName: HOSTILE.longWord,
          replyRef: HOSTILE.rtl,
          percent: Number.NaN,
          startedMs: null,
        }),
      ],
      capacity: [
        {
          account: HOSTILE.html,
          accountName: HOSTILE.rtl,
          maxJobs: 2,
          executing: 5,
          available: -3,
          problem: 'over-limit',
        },
      ],
      history: [
        historyRow('video', '3', 'succeeded', MINUTE, nowMs, {
          id: HOSTILE.longId,
          shortId: HOSTILE.script,
          account: HOSTILE.rtl,
          prompt: `${HOSTILE.html} ${HOSTILE.script} ${HOSTILE.rtl} ${HOSTILE.emoji} ${HOSTILE.longWord}`,
          message: HOSTILE.html,
          resultUrl: 'javascript:alert(1)',
          coverUrl: 'http://insecure.example.com/cover.jpg',
        }),
        historyRow('image', '4', 'unknown', 2 * MINUTE, nowMs, {
          prompt: HOSTILE.rtl,
          account: HOSTILE.emoji,
          durationMs: null,
        }),
      ],
      status: {
        ...okStatus(nowMs),
        state: 'error',
        error: {
          reason: 'bad-response',
          message: HOSTILE.html + HOSTILE.longWord,
          status: 200,
          account: null,
        },
      },
      token: { stored: true, storage: 'safe-storage', note: HOSTILE.script },
      settings: { ...defaultSettings(), apiBaseUrl: HOSTILE.html },
      accounts: [
        { account: HOSTILE.html, name: HOSTILE.rtl, mode: 'muted', seen: true },
        { account: HOSTILE.longWord, name: null, mode: 'hidden', seen: false },
        { account: HOSTILE.emoji, name: HOSTILE.script, mode: 'notify', seen: true },
      ],
    },
    nowMs,
  );
}

/**
 * A view with `n` running jobs (alternating video and image, some with progress) and up to
 * 50 finished jobs, for the many-rows benchmark (100 / 1,000 / 5,000 rows).
 */
export function makeView(n: number, nowMs = FIXTURE_NOW_MS): ViewModel {
  const running: JobRow[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 3 === 2 ? 'image' : 'video';
    const localId = String(380000000000 + i);
    running.push(
      jobRow(kind, localId, (i % 600) * SECOND + 5 * SECOND, nowMs, {
        percent: i % 2 === 0 ? (i * 7) % 100 : null,
        replyRef: i % 5 === 0 ? `ref-${i}` : null,
        accountName: i % 4 === 0 ? null : 'Studio account',
      }),
    );
  }
  const history: HistoryRow[] = [];
  for (let i = 0; i < Math.min(n, 50); i++) {
    const outcomes = ['succeeded', 'failed', 'moderated', 'cancelled', 'unknown'] as const;
    history.push(
      historyRow(i % 2 ? 'image' : 'video', String(370000000000 + i), outcomes[i % 5]!, i * MINUTE, nowMs),
    );
  }
  return view(
    {
      running,
      history,
      capacity: [
        {
          account: '335571234',
          accountName: null,
          maxJobs: 5,
          executing: Math.min(5, n),
          available: Math.max(0, 5 - n),
          problem: null,
        },
      ],
    },
    nowMs,
  );
}

/** Every named fixture, built around `nowMs`. */
export function fixtureViews(nowMs = FIXTURE_NOW_MS): Record<FixtureName, ViewModel> {
  return {
    jobs: jobsView(nowMs),
    empty: emptyView(nowMs),
    'no-token': noTokenView(nowMs),
    unauthorized: unauthorizedView(nowMs),
    offline: offlineView(nowMs),
    'account-on-hold': accountOnHoldView(nowMs),
    'paused-muted': pausedMutedView(nowMs),
    hostile: hostileView(nowMs),
    pinned: pinnedView(nowMs),
    'accounts-shortcut': accountsShortcutView(nowMs),
    many: makeView(1000, nowMs),
  };
}
