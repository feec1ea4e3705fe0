/**
 * The simulated useapi.net MiniMax v1 endpoints: URL matching and the JSON each one answers.
 * Pure request → reply functions over {@link SimState}; HTTP, auth and faults live in server.ts.
 *
 * Shapes follow the docs at https://useapi.net/docs/api-minimax-v1/ (see useapi-api.md):
 * - GET  /scheduler/ (also without the trailing slash)  → array of scheduler items (§2)
 * - GET  /scheduler/available                            → {executing[], available[]} (§3); capacity
 *   counts videos only
 * - DELETE /scheduler/{id}  → 204 empty; 404 `{"error":"Unable to locate running <id>"}` (no `code`) (§4)
 * - GET  /videos/{videoId}, GET /images/{imageId}         → status object (§5, §6); 404
 *   `{"error":"Not found.","code":404}` for unknown ids, jobs not started yet and removed jobs;
 *   400 `{error, code:400}` for an id that does not parse or is of the other kind
 * - POST /videos/cancel {videoId} (JSON, form or multipart) → 200 `{"videoId": <id>}` (the real success
 *   body is undocumented); errors are 400 `{"error": …}` without `code`, as documented (§8)
 * - GET  /videos/?account=&limit=&lastVideoId=, GET /images/?account=&limit=&lastImageId= → the
 *   account's jobs of every source, newest first: an array, and `{"images": [...]}` (§7; lists.ts)
 * - GET  /accounts → object keyed by account (§9); GET /accounts/{account} → one entry or 404
 * Anything else answers 404 `{"error":"Not found","code":404}`.
 * Ids in paths may be raw (`user:1000-minimax:…`) or percent-encoded.
 */
import { listReply } from './lists.ts';
import { schedulerItem, statusReply } from './model.ts';
import type { SimState } from './state.ts';

/** Path prefix of every simulated endpoint. */
export const API_PREFIX = '/v1/minimax';

/** Names of the simulated routes, used by faults (`routes`) and by request statistics. */
export const ROUTE_NAMES = [
  'GET /scheduler/',
  'GET /scheduler/available',
  'DELETE /scheduler/{id}',
  'GET /videos/{id}',
  'GET /images/{id}',
  'GET /videos/',
  'GET /images/',
  'POST /videos/cancel',
  'GET /accounts',
  'GET /accounts/{account}',
  'GET /files/{path}',
] as const;

/** One of {@link ROUTE_NAMES}. */
export type RouteName = (typeof ROUTE_NAMES)[number];

/** A matched request: route plus the path parameter exactly as sent (still percent-encoded). */
export interface RouteMatch {
  route: RouteName;
  param: string | null;
}

/** An HTTP answer: status, optional JSON (`json`), raw text (`text` + `contentType`) or bytes, extra headers. */
export interface SimReply {
  status: number;
  json?: unknown;
  text?: string;
  /** A binary body (result files); its Content-Type goes in `headers`. */
  bytes?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Static facts the handlers need besides the job table. */
export interface RouteContext {
  state: SimState;
  /** `maxJobs` reported for every account. */
  maxJobsPerAccount: number;
  /** Accounts marked broken: account → `error` text on GET /accounts. */
  accountErrors: Readonly<Record<string, string>>;
  /** When the simulator was created (epoch ms); session times in GET /accounts derive from it. */
  createdMs: number;
  /** Base of result links (model.ts SIM_CDN, or the simulator's own `/files`, files.ts); set at start. */
  resultBase?: string;
}

/**
 * Finds the route for a method and URL path (without the query string). Returns null when no
 * simulated endpoint matches.
 */
export function matchRoute(method: string, pathname: string): RouteMatch | null {
  if (!pathname.startsWith(`${API_PREFIX}/`)) return null;
  const rest = pathname.slice(API_PREFIX.length + 1);
  const slash = rest.indexOf('/');
  const head = slash === -1 ? rest : rest.slice(0, slash);
  const tail = slash === -1 ? '' : rest.slice(slash + 1);
  const single = tail !== '' && !tail.includes('/') ? tail : null;
  switch (head) {
    case 'scheduler':
      if (method === 'GET' && tail === '') return { route: 'GET /scheduler/', param: null };
      if (method === 'GET' && (tail === 'available' || tail === 'available/'))
        return { route: 'GET /scheduler/available', param: null };
      if (method === 'DELETE' && single !== null) return { route: 'DELETE /scheduler/{id}', param: single };
      return null;
    case 'videos':
      if (method === 'POST' && tail === 'cancel') return { route: 'POST /videos/cancel', param: null };
      if (method === 'GET' && tail === '') return { route: 'GET /videos/', param: null };
      if (method === 'GET' && single !== null) return { route: 'GET /videos/{id}', param: single };
      return null;
    case 'images':
      if (method === 'GET' && tail === '') return { route: 'GET /images/', param: null };
      if (method === 'GET' && single !== null) return { route: 'GET /images/{id}', param: single };
      return null;
    case 'accounts':
      if (method === 'GET' && tail === '') return { route: 'GET /accounts', param: null };
      if (method === 'GET' && single !== null) return { route: 'GET /accounts/{account}', param: single };
      return null;
    default:
      return null;
  }
}

/** The reply for a request no route matched. */
export const NO_ROUTE: SimReply = { status: 404, json: { error: 'Not found', code: 404 } };

const JOB_ID = /^user:(\d+)-minimax:(.+)-(video|image|file):(.+)$/;

function decodeParam(param: string): string | null {
  try {
    return decodeURIComponent(param);
  } catch {
    return null;
  }
}

/** The fake MiniMax session token of an account (JWT-shaped, never a real secret). */
export function simSessionToken(account: string): string {
  const payload = Buffer.from(JSON.stringify({ sub: account, simulator: true })).toString('base64url');
  return `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${payload}.simulated-session-signature`;
}

function accountEntry(ctx: RouteContext, account: string, index: number): Record<string, unknown> {
  const iatSeconds = (ctx.createdMs - 24 * 3600_000) / 1000 + 0.25;
  const expSeconds = iatSeconds + 30 * 24 * 3600;
  const entry: Record<string, unknown> = {
    account,
    maxJobs: ctx.maxJobsPerAccount,
    supportVideo: true,
    supportMusic: true,
    supportChat: true,
    supportAudio: true,
    jwt: {
      token: simSessionToken(account),
      user: {
        deviceID: `sim-device-${account}`,
        id: account,
        isAnonymous: false,
        name: `Simulated user ${index + 1}`,
        avatar: '',
      },
      exp: expSeconds,
      iat: iatSeconds,
      host: 'hailuoai.video',
      searchParams: { device_platform: 'web', app_id: '3001', version_code: '22201' },
      iat_Issued: new Date(iatSeconds * 1000).toISOString(),
      exp_Expire: new Date(expSeconds * 1000).toISOString(),
    },
  };
  const error = ctx.accountErrors[account];
  if (error !== undefined) entry.error = error;
  return entry;
}

function jobStatus(ctx: RouteContext, param: string | null, kind: 'video' | 'image'): SimReply {
  const id = param === null ? null : decodeParam(param);
  const parsed = id === null ? null : JOB_ID.exec(id);
  if (id === null || parsed === null) {
    return { status: 400, json: { error: `Invalid ${kind}Id ${id ?? param ?? ''}`.trim(), code: 400 } };
  }
  if (parsed[3] !== kind) return { status: 400, json: { error: `${id} is not a ${kind} id`, code: 400 } };
  const job = ctx.state.get(id);
  if (job === undefined) return { status: 404, json: { error: 'Not found.', code: 404 } };
  const reply = statusReply(job, ctx.state.now(), ctx.resultBase);
  return { status: reply.status, json: reply.body };
}

/** Reads `videoId` from a cancel body sent as JSON, urlencoded form or multipart/form-data. */
function videoIdFromBody(body: string, contentType: string): string | null {
  const type = contentType.toLowerCase();
  if (type.includes('multipart/form-data')) {
    const m = /name="videoId"\r?\n(?:[^\r\n]+\r?\n)*\r?\n([^\r\n]*)/.exec(body);
    return m?.[1] ?? null;
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    return new URLSearchParams(body).get('videoId');
  }
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object') {
      const value = (parsed as Record<string, unknown>).videoId;
      return typeof value === 'string' ? value : null;
    }
  } catch {
    // fall through: not JSON
  }
  return null;
}

/**
 * Answers one authorised request.
 * @param body the request body (POST only; '' otherwise).
 * @param contentType the request's Content-Type ('' when absent).
 * @param query the URL's query parameters.
 */
export function handleRoute(
  ctx: RouteContext,
  match: RouteMatch,
  body: string,
  contentType: string,
  query: URLSearchParams = new URLSearchParams(),
): SimReply {
  const { state } = ctx;
  switch (match.route) {
    case 'GET /scheduler/': {
      const now = state.now();
      return { status: 200, json: state.running().map((job) => schedulerItem(job, now)) };
    }
    case 'GET /scheduler/available': {
      const now = state.now();
      const running = state.running();
      const available = state.accounts.map((account) => {
        const executing = running.filter((j) => j.account === account && j.kind === 'video').length;
        const maxJobs = ctx.maxJobsPerAccount;
        return { account, maxJobs, executing, available: Math.max(0, maxJobs - executing) };
      });
      return { status: 200, json: { executing: running.map((job) => schedulerItem(job, now)), available } };
    }
    case 'DELETE /scheduler/{id}': {
      const id = decodeParam(match.param ?? '');
      if (id === null) return { status: 400, json: { error: `Invalid id ${match.param ?? ''}`, code: 400 } };
      if (state.stopTracking(id)) return { status: 204 };
      return { status: 404, json: { error: `Unable to locate running ${id}` } };
    }
    case 'GET /videos/{id}':
      return jobStatus(ctx, match.param, 'video');
    case 'GET /images/{id}':
      return jobStatus(ctx, match.param, 'image');
    case 'GET /videos/':
      return listReply(state, 'video', query, ctx.resultBase);
    case 'GET /images/':
      return listReply(state, 'image', query, ctx.resultBase);
    case 'POST /videos/cancel': {
      const videoId = videoIdFromBody(body, contentType);
      if (videoId === null || videoId === '')
        return { status: 400, json: { error: 'Parameter videoId is required' } };
      switch (state.cancel(videoId)) {
        case 'cancelled':
          return { status: 200, json: { videoId } };
        case 'unknown':
          return { status: 400, json: { error: `Unable to locate video ${videoId}` } };
        case 'not-video':
          return { status: 400, json: { error: `${videoId} is not a video` } };
        default:
          return { status: 400, json: { error: `Video ${videoId} is not generating` } };
      }
    }
    case 'GET /accounts': {
      const out: Record<string, unknown> = {};
      state.accounts.forEach((account, index) => {
        out[account] = accountEntry(ctx, account, index);
      });
      return { status: 200, json: out };
    }
    case 'GET /files/{path}':
      return NO_ROUTE; // result files are answered by server.ts (files.ts), without auth
    case 'GET /accounts/{account}': {
      const account = decodeParam(match.param ?? '') ?? '';
      const index = state.accounts.indexOf(account);
      if (index === -1)
        return { status: 404, json: { error: `Configuration for account ${account} not found`, code: 404 } };
      return { status: 200, json: accountEntry(ctx, account, index) };
    }
  }
}
