/**
 * Every user-visible string of the job window, in one place so it can be localised later.
 *
 * Plain strings are constants; strings with values are small functions that take already
 * formatted pieces (times, durations, ids) and return the sentence. Nothing here touches the DOM.
 */
import type { ErrorReason, JobKind, Outcome } from '../main/core/types.ts';
import type { TokenStorage } from '../main/ipc.ts';

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
    heading: 'Account capacity',
    note: 'Counts videos only.',
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

  confirm: {
    stopTitle: 'Stop tracking this job?',
    stopConfirm: 'Stop tracking',
    stopKeep: 'Keep tracking',
    cancelTitle: 'Cancel this video?',
    cancelConfirm: 'Cancel video',
    cancelKeep: 'Keep generating',
    clearTitle: 'Clear the finished jobs list?',
    clearBody: 'This removes the list from this app only. Your results on MiniMax are not touched.',
    clearConfirm: 'Clear history',
    clearKeep: 'Keep',
    removeTokenTitle: 'Remove the API token?',
    removeTokenBody: 'MiniMax Tray stops checking for jobs until you add a token again.',
    removeTokenConfirm: 'Remove token',
    removeTokenKeep: 'Keep token',
  },

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

/** Explains that stopping tracking does not cancel the generation. */
export function stopTrackingBody(kind: JobKind, shortId: string): string {
  return `MiniMax Tray and useapi.net stop following ${kindWord(kind).toLowerCase()} ${shortId}. This does NOT cancel the generation: MiniMax keeps working on it, and you get no notification when it finishes.`;
}

/** Message after stopping tracking succeeded. */
export function stoppedTracking(kind: JobKind, shortId: string): string {
  return `No longer tracking ${kindWord(kind).toLowerCase()} ${shortId}.`;
}

/** Message after a cancel request succeeded. */
export function cancelRequested(shortId: string): string {
  return `Cancel requested for video ${shortId}.`;
}

/** Explains what cancelling a video does. */
export function cancelVideoBody(shortId: string): string {
  return `MiniMax stops generating video ${shortId}. This cannot be undone.`;
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

/** "2 of 3 video slots in use". */
export function capacityUse(executing: number, maxJobs: number): string {
  return `${executing} of ${maxJobs} video slots in use`;
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
