/**
 * The app's own types: what every shell (tray app, CLI, tests, benchmarks) sees of a job.
 *
 * These are normalised forms of the useapi.net MiniMax v1 responses; the raw response schemas
 * live in `api/schemas.ts`. Durations are milliseconds, instants are epoch milliseconds in code
 * (`…Ms`) and ISO-8601 strings only at the edges (events, ledger file, UI).
 */

/** What a job produces, taken from the id string (`…-video:…` / `…-image:…`), never from the JSON key. */
export type JobKind = 'video' | 'image';

/**
 * Where a job comes from, as far as the monitor can tell: `api` when GET /scheduler/ ever listed
 * its id (the ledger remembers), else `website`: started on the hailuoai website, or an API job
 * that started and ended while the monitor was away (closed, or the API unreachable), found only
 * in the per-account lists (GET /videos/, GET /images/). A `website` job that later shows up in the
 * scheduler becomes `api`.
 */
export type JobSource = 'api' | 'website';

/**
 * A job id split into its parts. Format (docs, get-minimax-videos-videoId):
 * `user:<user>-minimax:<account>-<kind>:<localId>`.
 */
export interface ParsedJobId {
  /** The full id exactly as the API gave it. */
  id: string;
  /** useapi.net user number. */
  user: string;
  /** MiniMax (Hailuo) account id. */
  account: string;
  kind: JobKind;
  /** The MiniMax-side id after `video:` / `image:`. */
  localId: string;
}

/**
 * A job the scheduler says is running (GET /scheduler/ item, normalised).
 * Doc: https://useapi.net/docs/api-minimax-v1/get-minimax-scheduler
 */
export interface RunningJob {
  /** Full id as the API gave it. */
  id: string;
  kind: JobKind;
  account: string;
  /** Start time as epoch ms, or null when `started` was missing or unparsable. */
  startedMs: number | null;
  /** Elapsed time in ms as the API reported it (`elapsed`, "MM:SS" or longer), or null. */
  reportedElapsedMs: number | null;
  replyRef: string | null;
  replyUrl: string | null;
  /** `api` for every scheduler item; `website` for a job found only in the per-account lists. */
  source: JobSource;
}

/**
 * One item of GET /videos/?account=… or GET /images/?account=… (docs get-minimax-videos,
 * get-minimax-images), normalised: the account's jobs, newest first, running and finished, from
 * every source (the API's and the hailuoai website's).
 */
export interface ListedJob {
  /** The full `videoId` / `imageId` (`user:…-minimax:<account>-video:<n>`), never the bare `id`. */
  id: string;
  kind: JobKind;
  /** MiniMax account id, from the id string. */
  account: string;
  /** The MiniMax-side id after `video:` / `image:` (for videos, newness relies on it growing). */
  localId: string;
  /** `createTime` (images only, epoch ms); null for videos, which carry no documented timestamp. */
  createdMs: number | null;
  /** The item's status, normalised exactly as GET /videos/{id} and GET /images/{id} answers are. */
  status: JobStatus;
}

/** Every way a job can end, in the order they are listed everywhere (settings, summaries). */
export const OUTCOMES = ['succeeded', 'failed', 'moderated', 'cancelled', 'unknown'] as const;

/** How a job ended. `cancelled` only when the user cancelled it from this app. */
export type Outcome = (typeof OUTCOMES)[number];

/** A job that has finished, with what the monitor learned about it. */
export interface FinishedJob {
  id: string;
  kind: JobKind;
  account: string;
  outcome: Outcome;
  /** downloadURL, else videoURL (for images both hold the .png). Null when unknown. */
  resultUrl: string | null;
  coverUrl: string | null;
  /** The prompt (`desc`). */
  prompt: string | null;
  /** From `started` to when the monitor saw it leave the scheduler; null when the start is unknown. */
  durationMs: number | null;
  /** When the job-finished event was produced (epoch ms). */
  finishedAtMs: number;
  startedMs: number | null;
  replyRef: string | null;
  /** MiniMax status code and label when known, e.g. 3 / "failed". */
  status: number | null;
  statusLabel: string | null;
  /** Text MiniMax attached (`message`), if any. */
  message: string | null;
  /** `api` when GET /scheduler/ ever listed it, else `website` (see {@link JobSource}). */
  source: JobSource;
}

/**
 * Why an API call failed. Mapping from HTTP (docs, useapi-api.md §11):
 * 401 unauthorized; 429 rate-limited; 502/504/other 5xx server-busy; 596 account-on-hold;
 * 404 not-found; other 4xx api-error; no response network; deadline timeout;
 * non-JSON, HTML, 200 with `{error}`, wrong shape or body over the size cap bad-response.
 */
export const ERROR_REASONS = [
  'unauthorized',
  'rate-limited',
  'server-busy',
  'account-on-hold',
  'not-found',
  'api-error',
  'network',
  'timeout',
  'bad-response',
] as const;

/** One of {@link ERROR_REASONS}. */
export type ErrorReason = (typeof ERROR_REASONS)[number];

/** Per-account capacity (GET /scheduler/available, `available[]`). Counts videos only. */
export interface AccountCapacity {
  account: string;
  maxJobs: number;
  executing: number;
  available: number;
}

/** A MiniMax account as shown in the UI (GET /accounts). Session tokens are dropped on receipt. */
export interface AccountInfo {
  account: string;
  /** `jwt.user.name`, when present. */
  name: string | null;
  maxJobs: number | null;
  /** `jwt.exp_Expire` as epoch ms: when the MiniMax session expires. */
  sessionExpiresMs: number | null;
  /** The account's `error` field, when the API marks it broken. */
  error: string | null;
}

/** GET /videos/{id} or /images/{id}, normalised to what the monitor needs. */
export interface JobStatus {
  id: string;
  /** True when the job will not change any more (`statusFinal`, or derived from the code). */
  final: boolean;
  /** Outcome when final; null while running. */
  outcome: Exclude<Outcome, 'cancelled' | 'unknown'> | null;
  status: number | null;
  statusLabel: string | null;
  percent: number | null;
  message: string | null;
  resultUrl: string | null;
  coverUrl: string | null;
  prompt: string | null;
}

/** Events the monitor emits; the CLI prints them as NDJSON, the tray app turns them into UI. */
export type MonitorEvent =
  JobsEvent | JobStartedEvent | JobFinishedEvent | MonitorErrorEvent | RecoveredEvent | AccountsEvent;

/**
 * Account names (GET /accounts) or capacity (GET /scheduler/available) were fetched: what the
 * monitor now knows of both. Only while details are wanted (the tray app's window is open).
 */
export interface AccountsEvent {
  type: 'accounts';
  /** ISO-8601. */
  at: string;
  /** Account id → `jwt.user.name`, for accounts that have one. */
  names: Record<string, string>;
  /** Per-account capacity (videos only), in the API's order. */
  capacity: AccountCapacity[];
}

/**
 * The whole running list (scheduler jobs, then website jobs): after every successful scheduler
 * poll, and after a list request that changed which website jobs run.
 */
export interface JobsEvent {
  type: 'jobs';
  /** ISO-8601. */
  at: string;
  jobs: RunningJob[];
}

/**
 * A job the ledger had not seen appeared: in the scheduler (`job.source` `api`), or running in an
 * account's list (`website`).
 */
export interface JobStartedEvent {
  type: 'job-started';
  at: string;
  job: RunningJob;
}

/**
 * A job's outcome is settled (or given up on: `unknown`): it left the scheduler, or an account's
 * list shows it final (a website job, or one that finished while the monitor was away).
 */
export interface JobFinishedEvent {
  type: 'job-finished';
  at: string;
  job: FinishedJob;
}

/** A poll failed. `retryAtMs` is when the next attempt is due. */
export interface MonitorErrorEvent {
  type: 'error';
  at: string;
  reason: ErrorReason;
  message: string;
  status: number | null;
  account: string | null;
  retryAtMs: number | null;
}

/** The first successful poll after one or more errors. */
export interface RecoveredEvent {
  type: 'recovered';
  at: string;
  after: ErrorReason;
}

/**
 * Time source and timers, injected so tests and benchmarks can run on a fake clock.
 * All values are milliseconds.
 */
export interface Clock {
  /** Wall-clock epoch ms. */
  now(): number;
  setTimeout(fn: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Opaque timer handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = { readonly __timer: unique symbol } | object;

/** Minimal logger the core writes to; the CLI sends it to stderr, the app to electron-log. */
export interface Logger {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
