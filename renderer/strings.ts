/**
 * Every user-visible string of the job window, in one place so it can be localised later.
 *
 * Plain strings are constants; strings with values are small functions that take already
 * formatted pieces (times, durations, ids) and return the sentence. Nothing here touches the DOM.
 */
import type { CapacityProblem } from '../main/core/api/capacity-problem.ts';
import type { ErrorReason, JobKind, Outcome } from '../main/core/types.ts';
import type { AccountMode, TokenStorage } from '../main/ipc.ts';
import type { ConfirmOptions } from './dialog.ts';

/** Word for a job kind, capitalised for the start of a sentence. */
export function kindWord(kind: JobKind): string {
  return kind === 'image' ? 'Image' : 'Video';
}

/** Word for a job outcome (shown next to its icon, so the outcome is never colour alone). */
export function outcomeWord(outcome: Outcome): string {
  switch (outcome) {
    case 'succeeded':
      return 'Succeeded';
    case 'failed':
      return 'Failed';
    case 'moderated':
      return 'Moderated';
    case 'cancelled':
      return 'Cancelled';
    default:
      return 'Unknown outcome';
  }
}

/** The user-visible strings, grouped by the part of the window that shows them. */
export const strings = {
  appName: 'MiniMax Tray',
  loading: 'Loading…',
  noBridge: 'This page only works inside MiniMax Tray.',
  loadFailed: 'Could not load the job list. Close and reopen the window.',

  tabs: {
    label: 'Sections',
    jobs: 'Jobs',
    runningSuffix: 'running',
    settings: 'Settings',
  },

  checkNow: 'Check now',
  checking: 'Checking…',

  pin: {
    label: 'Keep open',
    title: 'Keep this window open when it loses focus (Esc still hides it)',
  },

  running: {
    heading: 'Running',
    emptyTitle: 'No jobs running',
    empty:
      'Jobs you start through the useapi.net API appear here within seconds, jobs started on the hailuoai.video website within minutes (unless turned off in Settings).',
    checking: 'Checking for running jobs…',
    noneAtLastCheck: 'No jobs were running at the last successful check.',
    stopTracking: 'Stop tracking',
    cancelVideo: 'Cancel video',
    website: 'website',
    websiteTitle: 'Started on the hailuoai.video website, not through the API',
    elapsed: 'Elapsed',
    reference: 'Ref',
    listLabel: 'Running jobs',
  },

  capacity: {
    label: 'Video slots',
    videosOnly: 'useapi.net counts only videos against an account’s slots; images are not counted.',
    full: 'full',
  },

  history: {
    heading: 'Recently finished',
    empty: 'Finished jobs will be listed here.',
    clear: 'Clear history',
    linksExpire: 'Result links may expire.',
    open: 'Open result',
    copyLink: 'Copy link',
    copyId: 'Copy id',
    promptHidden: 'Prompt hidden',
    listLabel: 'Finished jobs',
  },

  /** Confirmations that take no values (see {@link stopTrackingConfirm}, {@link cancelVideoConfirm}). */
  confirm: {
    clearHistory: {
      title: 'Clear the finished jobs list?',
      body: 'This removes the list from this app only. Your results on MiniMax are not touched.',
      confirmLabel: 'Clear history',
      cancelLabel: 'Keep',
      danger: true,
    },
    removeToken: {
      title: 'Remove the API token?',
      body: 'MiniMax Tray stops checking for jobs until you add a token again.',
      confirmLabel: 'Remove token',
      cancelLabel: 'Keep token',
      danger: true,
    },
  } satisfies Record<string, ConfirmOptions>,

  status: {
    /** Short error words for the status line (the alert above the lists says more). */
    errors: {
      unauthorized: 'Token rejected',
      'rate-limited': 'Rate limited',
      'server-busy': 'Server busy',
      'account-on-hold': 'Account on hold',
      'not-found': 'Not found',
      'api-error': 'API error',
      network: 'Offline',
      timeout: 'Timed out',
      'bad-response': 'Bad response',
    } satisfies Record<ErrorReason, string>,
    notChecked: 'Not checked yet',
    paused: 'Checking paused',
    nextSoon: 'next check now',
    label: 'Status',
  },

  banner: {
    pausedText: 'Checking for jobs is paused.',
    resume: 'Resume',
    unmute: 'Unmute',
    noTokenTitle: 'Add your useapi.net API token',
    noTokenBody:
      'MiniMax Tray needs your useapi.net API token to see your MiniMax jobs. It is stored in your system keychain.',
    openSettings: 'Add token',
    howToGetToken: 'How to get a token',
    unauthorizedTitle: 'Your API token was rejected',
    unauthorizedBody: 'useapi.net answered "unauthorized". The token may have been revoked or mistyped.',
    replaceToken: 'Replace token',
    offlineTitle: "Can't reach useapi.net",
    offlineBody: 'Check your internet connection. MiniMax Tray keeps retrying on its own.',
    rateLimitedTitle: 'Too many requests',
    rateLimitedBody: 'useapi.net asked to slow down. The next check waits as long as it asked.',
    busyTitle: 'useapi.net is busy',
    busyBody: 'The service answered with a server error. MiniMax Tray retries with a growing delay.',
    genericTitle: 'The last check failed',
    genericBody: 'MiniMax Tray retries on its own. Use Check now to try again right away.',
    notificationsUnavailable:
      'Notifications cannot be shown on this system, so finished jobs are only listed in this window.',
    trayUnavailable:
      'No tray icon could be shown. On GNOME, install the "AppIndicator and KStatusNotifierItem Support" extension and restart MiniMax Tray.',
  },

  settings: {
    heading: 'Settings',
    tokenHeading: 'API token',
    tokenLabel: 'New API token',
    tokenPlaceholder: 'Paste your useapi.net token',
    tokenSave: 'Save token',
    tokenReplace: 'Replace token',
    tokenRemove: 'Remove token',
    tokenSaved: 'Token saved.',
    tokenRemoved: 'Token removed.',
    tokenEmpty: 'Paste a token first.',
    tokenNone: 'No token is stored.',
    tokenHelp: 'How to get a token',
    pollingHeading: 'Checking for jobs',
    pollingAdaptive: 'Adaptive (recommended): more often while jobs run',
    pollingFixed: 'Fixed interval',
    pollingSeconds: 'Seconds between checks',
    pollingSecondsInvalid: 'Enter a whole number of seconds from 10 to 3600.',
    websiteJobs:
      'Also find jobs started on the hailuoai.video website, and jobs that finished while the app was closed',
    pause: 'Pause checking',
    resume: 'Resume checking',
    notificationsHeading: 'Notifications',
    notifyLegend: 'Notify me when a job',
    mute: 'Mute for 1 hour',
    unmute: 'Unmute',
    privacyHeading: 'Privacy',
    hidePrompts: 'Hide prompts in this window',
    systemHeading: 'System',
    startAtLogin: 'Start at login',
    advanced: 'Advanced',
    baseUrlLabel: 'API base URL',
    baseUrlHelp: 'Only change this if useapi.net tells you to.',
    baseUrlSave: 'Save URL',
    saved: 'Saved.',
  },

  shortcut: {
    heading: 'Keyboard shortcut',
    enabled: 'Show or hide this window with a keyboard shortcut',
    label: 'Shortcut',
    help: 'Click the shortcut, then press the new keys (Esc cancels).',
    recording: 'Press the new keys…',
    reset: 'Reset',
    off: 'Off. The tray icon still opens the window.',
  },

  accounts: {
    heading: 'Accounts',
    help: 'Muted accounts stay listed but never notify. Hidden accounts are not listed or counted in the tray, and never notify.',
    empty: 'Your MiniMax accounts appear here once MiniMax Tray has seen them.',
    listLabel: 'MiniMax accounts',
    notSeen: 'not seen now',
    modes: { notify: 'Notify', muted: 'Muted', hidden: 'Hidden' } satisfies Record<AccountMode, string>,
  },

  saving: {
    heading: 'Save results',
    enable: 'Save results to a folder',
    help: 'Each succeeded job is downloaded to the folder when it finishes, before its link expires.',
    folderLabel: 'Folder',
    noFolder: 'No folder chosen',
    choose: 'Choose folder…',
    change: 'Change folder…',
    kindsLegend: 'What to save',
    videosOnly: 'Videos only',
    videosAndImages: 'Videos and images',
    saved: 'Saved',
    saving: 'Saving…',
    waiting: 'Waiting to save',
    showInFolder: 'Show in folder',
    pausedTitle: 'Saving results is paused',
    retry: 'Try again',
    chooseOther: 'Choose another folder',
  },

  notifyLabels: {
    succeeded: 'succeeds',
    failed: 'fails',
    moderated: 'is moderated',
    cancelled: 'is cancelled from this app',
    unknown: 'ends with an unknown outcome',
  } satisfies Record<Outcome, string>,

  copied: 'Copied.',
  done: 'Done.',
  actionFailed: 'That did not work. Try again.',
  close: 'Close',
} as const;

/** "Video abc12345 succeeded": the live-region announcement for a finished job. */
export function announceFinished(kind: JobKind, shortId: string, outcome: Outcome): string {
  return `${kindWord(kind)} ${shortId} ${outcomeWord(outcome).toLowerCase()}`;
}

/** The Stop tracking confirmation: says that stopping tracking does not cancel the generation. */
export function stopTrackingConfirm(kind: JobKind, shortId: string): ConfirmOptions {
  return {
    title: 'Stop tracking this job?',
    body: `MiniMax Tray and useapi.net stop following ${kindWord(kind).toLowerCase()} ${shortId}. This does NOT cancel the generation: MiniMax keeps working on it, and you get no notification when it finishes.`,
    confirmLabel: 'Stop tracking',
    cancelLabel: 'Keep tracking',
  };
}

/** Message after stopping tracking succeeded. */
export function stoppedTracking(kind: JobKind, shortId: string): string {
  return `No longer tracking ${kindWord(kind).toLowerCase()} ${shortId}.`;
}

/** Message after a cancel request succeeded. */
export function cancelRequested(shortId: string): string {
  return `Cancel requested for video ${shortId}.`;
}

/** The Cancel video confirmation: says what cancelling does. */
export function cancelVideoConfirm(shortId: string): ConfirmOptions {
  return {
    title: 'Cancel this video?',
    body: `MiniMax stops generating video ${shortId}. This cannot be undone.`,
    confirmLabel: 'Cancel video',
    cancelLabel: 'Keep generating',
    danger: true,
  };
}

/** "Started 14:02". */
export function startedAt(time: string): string {
  return `Started ${time}`;
}

/** "Finished 14:05". */
export function finishedAt(time: string): string {
  return `Finished ${time}`;
}

/** "took 3 min 5 s". */
export function tookDuration(duration: string): string {
  return `took ${duration}`;
}

/** "Last check 14:02". */
export function lastCheck(time: string): string {
  return `Last check ${time}`;
}

/** "next check in 12 s". */
export function nextCheckIn(relative: string): string {
  return `next check in ${relative}`;
}

/** "Offline — showing jobs as of 14:02". */
export function staleOffline(time: string): string {
  return `Offline — showing jobs as of ${time}`;
}

/** "Out of date — showing jobs as of 14:02" (stale for a reason other than the network). */
export function staleOther(time: string): string {
  return `Out of date — showing jobs as of ${time}`;
}

/** "Notifications muted until 15:02". */
export function mutedUntil(time: string): string {
  return `Notifications muted until ${time}`;
}

/** Account on hold (HTTP 596): names the account and says what to do. */
export function accountOnHoldTitle(account: string): string {
  return `Account ${account} is on hold`;
}

/** What to do about an account on hold. */
export const accountOnHoldBody =
  'useapi.net paused this MiniMax account (HTTP 596). Open the account at useapi.net and fix or re-add it; other accounts keep working.';

/** "2 of 3": videos executing of the account's slots, as the API sent them. */
export function capacityUse(executing: number, maxJobs: number): string {
  return `${executing} of ${maxJobs}`;
}

/**
 * Why an account's slot numbers are shown with a warning (they are shown as sent). The name is
 * isolated (U+2068…U+2069), so a right-to-left name does not reorder the sentence around it.
 */
export function capacityNote(
  problem: CapacityProblem,
  name: string,
  executing: number,
  maxJobs: number,
): string {
  const account = `\u2068${name}\u2069`;
  if (problem === 'over-limit') {
    const videos = executing === 1 ? 'video' : 'videos';
    const slots = maxJobs === 1 ? 'slot' : 'slots';
    return `useapi.net reports ${executing} ${videos} running on ${account}, which has ${maxJobs} ${slots}: shown as reported.`;
  }
  return `useapi.net sent slot numbers for ${account} that cannot be right (${capacityUse(executing, maxJobs)}): shown as reported.`;
}

/** Accessible name of the progress bar: "Progress 45%". */
export function progressLabel(percent: number): string {
  return `Progress ${percent}%`;
}

/** Per-row action labels that name the job, e.g. "Stop tracking video abc12345". */
export function rowActionLabel(action: string, kind: JobKind, shortId: string): string {
  return `${action} (${kindWord(kind).toLowerCase()} ${shortId})`;
}

/** Where the stored token lives, as a sentence (never the token itself). */
export function tokenStoredIn(storage: TokenStorage): string {
  switch (storage) {
    case 'keychain':
      return 'A token is saved in the system keychain.';
    case 'safe-storage':
      return 'A token is saved, encrypted with the system key store.';
    case 'memory':
      return 'A token is kept in memory only, until MiniMax Tray quits.';
    case 'environment':
      return 'The token comes from the USEAPI_TOKEN environment variable.';
    default:
      return 'No token is stored.';
  }
}

/** "Version 0.1.0". */
export function versionLabel(version: string): string {
  return `Version ${version}`;
}

/** "Running, 3 jobs" count shown on the Jobs tab (digits only). */
export function countBadge(n: number): string {
  return n > 999 ? '999+' : String(n);
}

/** HTTP status suffix for error details, e.g. " (HTTP 502)". */
export function httpSuffix(status: number | null): string {
  return status === null ? '' : ` (HTTP ${status})`;
}

/** "Works in every app: press Ctrl+Shift+M to show or hide this window." */
export function shortcutWorks(label: string): string {
  return `Works in every app: press ${label} to show or hide this window.`;
}

/** An account's name, or "Account 335579999" when it has none. */
export function accountLabel(name: string | null, account: string): string {
  return name ?? `Account ${account}`;
}

/** "Not saved: <why>" on a finished row whose result could not be saved. */
export function notSaved(message: string): string {
  return `Not saved: ${message}`;
}

/** Tooltip of the "Saved" mark: the file's name. */
export function savedAs(fileName: string): string {
  return `Saved as ${fileName}`;
}
