/**
 * The useapi.net MiniMax v1 HTTP client: {@link MinimaxApi} over axios.
 * Doc root: https://useapi.net/docs/api-minimax-v1/ (facts and quirks: useapi-api.md).
 *
 * Transport rules:
 * - `Authorization: Bearer <token>` on every call, and ONLY to the configured API origin:
 *   axios redirects are off (`maxRedirects: 0`); a same-origin redirect is followed here (at most
 *   {@link MAX_REDIRECTS} hops), a redirect to any other origin is refused (`bad-response`).
 * - One overall deadline per call (`timeoutMs`, redirects included), enforced with an
 *   AbortController timer, so a body that trickles in or stalls mid-way still ends as `timeout`;
 *   axios's own `timeout` (a socket idle timer in the Node adapter) is set too.
 * - Bodies are read as text (`responseType: 'text'`) and parsed here with JSON.parse, then
 *   validated with zod per item (schemas.ts, normalise.ts). Bodies over `maxBodyBytes` are refused.
 * - Every method rejects with {@link ApiError} only, classified as in classify.ts; messages and
 *   `cause`s never contain the token.
 */
import axios from 'axios';
import type { AxiosAdapter, AxiosInstance, AxiosResponse, Method } from 'axios';
import type {
  AccountCapacity,
  AccountInfo,
  JobKind,
  JobStatus,
  ListedJob,
  Logger,
  ParsedJobId,
  RunningJob,
} from '../types.ts';
import { silentLogger } from '../types.ts';
import type { ListPageQuery, MinimaxApi } from './api.ts';
import { validateApiBase } from './base-url.ts';
import { classifyHttpFailure, classifyTransportFailure, cleanText, formatBytes } from './classify.ts';
import type { FailureContext } from './classify.ts';
import { ApiError } from './errors.ts';
import { bodyText, looksLikeHtml, lowerCaseHeaders } from './http-body.ts';
import { parseJobId } from './job-id.ts';
import { normaliseAccounts } from './normalise/accounts.ts';
import { normaliseJobList } from './normalise/lists.ts';
import { normaliseAvailable, normaliseSchedulerList } from './normalise/scheduler.ts';
import { normaliseJobStatus } from './normalise/status.ts';

export { DEFAULT_API_BASE, validateApiBase } from './base-url.ts';

/** Default overall deadline of one API call: 20 s. */
export const DEFAULT_TIMEOUT_MS = 20_000;
/** Default cap on a response body: 4 MiB (a scheduler list of ~20,000 jobs). */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Most same-origin redirects followed in one call. */
export const MAX_REDIRECTS = 3;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Options of {@link UseapiClient}. */
export interface UseapiClientOptions {
  /** API root, e.g. {@link DEFAULT_API_BASE}; checked with {@link validateApiBase}. */
  apiBase: string;
  /** The useapi.net API token (`user:<number>-…`), sent whole, never logged. */
  token: string;
  /** Overall deadline of one call, redirects included, in ms. Default {@link DEFAULT_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Largest accepted response body in bytes. Default {@link DEFAULT_MAX_BODY_BYTES} (4 MiB). */
  maxBodyBytes?: number;
  /**
   * axios adapter; the Electron layer passes one built on Electron's `net.fetch` so requests
   * follow the system proxy (e.g. axios's `fetch` adapter with `env.fetch` set to `net.fetch`).
   * It must honour `maxRedirects: 0` (never follow a redirect itself: the client decides, so the
   * token cannot leak to another origin), `signal` and `responseType: 'text'`; axios's `http` and
   * `fetch` adapters do. Default: axios's Node `http` adapter.
   */
  adapter?: AxiosAdapter;
  /** Where debug lines and skipped-entry warnings go. Default: silent. */
  logger?: Logger;
  /** Wall clock in epoch ms (Retry-After is relative to it). Default `Date.now`. */
  now?: () => number;
}

/** An HTTP answer that passed status classification (2xx). */
interface OkResponse {
  status: number;
  text: string;
  contentType: string;
}

/** How to read a 2xx body. */
interface ReadOptions {
  /** Endpoint label for messages, e.g. "GET /scheduler/". */
  what: string;
  /** Account of the job concerned, for 596 answers. */
  account?: string | null;
  /** Request body (sent as JSON). */
  data?: unknown;
}

/**
 * {@link MinimaxApi} over HTTP against useapi.net (or the simulator on localhost).
 *
 * Ids go into paths with `encodeURIComponent`. The docs show raw ids (`/videos/${videoId}`), and
 * `:` is legal in a path segment, but the MiniMax-side part of an id is opaque: a `/`, `?`, `#` or
 * `%` in it would change which path is requested. Encoding keeps the id exactly one path segment;
 * `%3A` is decoded back to `:` by the server (the LTX Studio sibling docs encode ids this way).
 */
export class UseapiClient implements MinimaxApi {
  private readonly apiBase: string;
  private readonly origin: string;
  /** `URL.host` of the API base, named in every error message. */
  private readonly host: string;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly http: AxiosInstance;

  /**
   * @throws Error (plain) when `apiBase` is not acceptable (see {@link validateApiBase}) or
   *   `timeoutMs` / `maxBodyBytes` are not positive numbers. An empty token does not throw: every
   *   call then rejects with ApiError `unauthorized` without sending anything.
   */
  constructor(opts: UseapiClientOptions) {
    this.apiBase = validateApiBase(opts.apiBase);
    const base = new URL(this.apiBase);
    this.origin = base.origin;
    this.host = base.host;
    this.token = typeof opts.token === 'string' ? opts.token.trim() : '';
    this.timeoutMs = positive(opts.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
    this.maxBodyBytes = positive(opts.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes');
    this.logger = opts.logger ?? silentLogger;
    this.now = opts.now ?? Date.now;
    this.http = axios.create({ adapter: opts.adapter ?? 'http' });
  }

  /** GET /scheduler/ (https://useapi.net/docs/api-minimax-v1/get-minimax-scheduler). */
  async listScheduler(): Promise<RunningJob[]> {
    const what = 'GET /scheduler/';
    const body = await this.getJson('GET', '/scheduler/', { what });
    return this.normalising(() => normaliseSchedulerList(body, this.logger, what));
  }

  /** GET /scheduler/available (https://useapi.net/docs/api-minimax-v1/get-minimax-scheduler-available). */
  async schedulerAvailable(): Promise<{ executing: RunningJob[]; available: AccountCapacity[] }> {
    const body = await this.getJson('GET', '/scheduler/available', { what: 'GET /scheduler/available' });
    return this.normalising(() => normaliseAvailable(body, this.logger));
  }

  /**
   * DELETE /scheduler/{id}: stop tracking (does not cancel the generation).
   * Success is 200 or 204 with an optional body. "Unable to locate running <id>" rejects with
   * `not-found`; the caller decides whether that counts as done.
   * Doc: https://useapi.net/docs/api-minimax-v1/del-minimax-scheduler-videoId
   */
  async stopTracking(id: string): Promise<void> {
    if (typeof id !== 'string' || id === '' || id === '.' || id === '..') {
      throw new ApiError('api-error', 'Cannot stop tracking: the job id is empty or invalid.');
    }
    const account = parseJobId(id)?.account ?? null;
    await this.send('DELETE', `/scheduler/${encodeURIComponent(id)}`, {
      what: 'DELETE /scheduler/{id}',
      account,
    });
  }

  /**
   * GET /videos/{id} or GET /images/{id}, chosen by the kind in the id string.
   * Docs: https://useapi.net/docs/api-minimax-v1/get-minimax-videos-videoId,
   * https://useapi.net/docs/api-minimax-v1/get-minimax-images-imageId.
   * A 404 (usually: moderated and removed) rejects with `not-found`.
   */
  async getJobStatus(id: string): Promise<JobStatus> {
    const parsed = requireJobId(id);
    const collection = parsed.kind === 'video' ? 'videos' : 'images';
    const body = await this.getJson('GET', `/${collection}/${encodeURIComponent(id)}`, {
      what: `GET /${collection}/{id}`,
      account: parsed.account,
    });
    return this.normalising(() => normaliseJobStatus(body, id));
  }

  /**
   * POST /videos/cancel `{videoId}`: ask MiniMax to cancel a video still generating. Images have
   * no cancel endpoint; an image id rejects with `api-error` without a request.
   * Doc: https://useapi.net/docs/api-minimax-v1/post-minimax-videos-cancel
   */
  async cancelVideo(videoId: string): Promise<void> {
    const parsed = requireJobId(videoId);
    if (parsed.kind !== 'video') {
      throw new ApiError('api-error', 'Only videos can be cancelled; MiniMax has no cancel for images.');
    }
    await this.send('POST', '/videos/cancel', {
      what: 'POST /videos/cancel',
      account: parsed.account,
      data: { videoId },
    });
  }

  /**
   * GET /accounts. The MiniMax session token (`jwt.token`) is dropped on receipt.
   * Doc: https://useapi.net/docs/api-minimax-v1/get-minimax-accounts
   */
  async listAccounts(): Promise<AccountInfo[]> {
    const body = await this.getJson('GET', '/accounts', { what: 'GET /accounts' });
    return this.normalising(() => normaliseAccounts(body, this.logger));
  }

  /**
   * GET /videos/?account=&limit=&lastVideoId=: one page of the account's videos (every source:
   * the API's and the hailuoai website's), newest first, running and finished.
   * Doc: https://useapi.net/docs/api-minimax-v1/get-minimax-videos
   */
  listVideos(page: ListPageQuery): Promise<ListedJob[]> {
    return this.listPage('video', page);
  }

  /**
   * GET /images/?account=&limit=&lastImageId=: one page of the account's images, newest first;
   * the body is `{"images": [...]}`. Doc: https://useapi.net/docs/api-minimax-v1/get-minimax-images
   */
  listImages(page: ListPageQuery): Promise<ListedJob[]> {
    return this.listPage('image', page);
  }

  // -------------------------------------------------------------------------------------------

  private async listPage(kind: JobKind, page: ListPageQuery): Promise<ListedJob[]> {
    const collection = kind === 'video' ? 'videos' : 'images';
    const what = `GET /${collection}/`;
    const query = new URLSearchParams({ account: page.account, limit: String(page.limit) });
    if (page.lastId !== null) query.set(kind === 'video' ? 'lastVideoId' : 'lastImageId', page.lastId);
    const body = await this.getJson('GET', `/${collection}/?${query.toString()}`, {
      what,
      account: page.account,
    });
    return this.normalising(() => normaliseJobList(body, kind, this.logger, what));
  }

  /** Runs a normaliser, turning anything but an ApiError into `bad-response`. */
  private normalising<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ApiError) throw e;
      this.logger.warn(
        `the answer from ${this.host} could not be normalised`,
        e instanceof Error ? e.message : String(e),
      );
      throw new ApiError('bad-response', `The answer from ${this.host} could not be read`);
    }
  }

  /** A call whose 2xx body must be JSON (not `{error}`); returns the parsed body. */
  private async getJson(method: Method, path: string, opts: ReadOptions): Promise<unknown> {
    const res = await this.request(method, path, opts);
    const text = res.text.trim();
    if (text === '') {
      throw new ApiError(
        'bad-response',
        `${this.host} sent an empty answer to ${opts.what} (${res.status})`,
        {
          status: res.status,
        },
      );
    }
    return this.parseJsonBody(res, text, opts.what);
  }

  /** A call whose 2xx body is optional (DELETE, cancel): only an HTML page or `{error}` fails it. */
  private async send(method: Method, path: string, opts: ReadOptions): Promise<void> {
    const res = await this.request(method, path, opts);
    const text = res.text.trim();
    if (text === '') return;
    if (looksLikeHtml(res.contentType, text) || text.startsWith('{') || text.startsWith('[')) {
      this.parseJsonBody(res, text, opts.what);
    }
  }

  /** JSON.parse plus the checks every 2xx body gets: HTML page, invalid JSON, `{error}`. */
  private parseJsonBody(res: OkResponse, text: string, what: string): unknown {
    const status = res.status;
    if (looksLikeHtml(res.contentType, text)) {
      throw new ApiError(
        'bad-response',
        `${this.host} answered ${what} with a web page instead of JSON (${status}); check the API address`,
        { status },
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError(
        'bad-response',
        `${this.host} answered ${what} with something that is not JSON (${status})`,
        {
          status,
        },
      );
    }
    if (typeof body === 'object' && body !== null && !Array.isArray(body) && 'error' in body) {
      const raw = (body as { error: unknown }).error;
      if (raw !== null && raw !== undefined && raw !== false && raw !== '') {
        const detail = typeof raw === 'string' ? cleanText(raw, this.token) : null;
        throw new ApiError(
          'bad-response',
          `${this.host} answered ${what} with an error (${status})${detail === null ? '' : `: ${detail}`}`,
          { status },
        );
      }
    }
    return body;
  }

  /**
   * Sends one call: follows same-origin redirects, enforces the deadline and the size cap,
   * classifies every non-2xx answer.
   * @throws ApiError for any failure.
   */
  private async request(method: Method, path: string, opts: ReadOptions): Promise<OkResponse> {
    const ctx: FailureContext = {
      host: this.host,
      token: this.token,
      nowMs: this.now(),
      account: opts.account ?? null,
      timeoutMs: this.timeoutMs,
      maxBodyBytes: this.maxBodyBytes,
    };
    if (this.token === '') {
      throw new ApiError('unauthorized', 'No useapi.net API token is set');
    }
    if (/[^\x21-\x7e]/.test(this.token)) {
      throw new ApiError('unauthorized', 'The useapi.net API token contains characters that cannot be sent');
    }

    const controller = new AbortController();
    let deadlineHit = false;
    const timer = setTimeout(() => {
      deadlineHit = true;
      controller.abort();
    }, this.timeoutMs);
    (timer as { unref?: () => void }).unref?.();

    const startedMs = this.now();
    let url = `${this.apiBase}${path}`;
    let currentMethod = method;
    let data = opts.data;
    try {
      for (let hop = 0; ; hop++) {
        let res: AxiosResponse<unknown>;
        try {
          res = await this.http.request<unknown>({
            url,
            method: currentMethod,
            data,
            headers: {
              Authorization: `Bearer ${this.token}`,
              Accept: 'application/json',
              ...(data === undefined ? {} : { 'Content-Type': 'application/json' }),
            },
            responseType: 'text',
            transformResponse: [(raw: unknown) => raw],
            maxRedirects: 0,
            validateStatus: () => true,
            timeout: this.timeoutMs,
            maxContentLength: this.maxBodyBytes,
            signal: controller.signal,
          });
        } catch (e) {
          ctx.nowMs = this.now();
          const err = classifyTransportFailure(e, deadlineHit, ctx);
          this.logger.debug(`${currentMethod} ${path} failed: ${err.reason} (${err.message})`);
          throw err;
        }
        const status = res.status;
        const headers = lowerCaseHeaders(res.headers);
        this.logger.debug(`${currentMethod} ${path} -> ${status} in ${this.now() - startedMs} ms`);

        if (REDIRECT_STATUSES.has(status)) {
          const next = this.redirectTarget(url, headers['location'], status);
          if (hop >= MAX_REDIRECTS) {
            throw new ApiError('bad-response', `${this.host} redirected more than ${MAX_REDIRECTS} times`, {
              status,
            });
          }
          url = next;
          if (status === 303) {
            currentMethod = 'GET';
            data = undefined;
          }
          continue;
        }

        if (status === 0) {
          // A fetch-based adapter hands back an opaque redirect it will not let us inspect.
          throw new ApiError(
            'bad-response',
            `${this.host} redirected to an address that cannot be checked; not following`,
            {
              status: null,
            },
          );
        }

        const text = bodyText(res.data);
        if (text.length * 3 > this.maxBodyBytes && Buffer.byteLength(text, 'utf8') > this.maxBodyBytes) {
          // Adapters enforce maxContentLength themselves; this catches one that does not.
          throw new ApiError(
            'bad-response',
            `The answer from ${this.host} is larger than the ${formatBytes(this.maxBodyBytes)} limit`,
            { status },
          );
        }
        if (status >= 200 && status <= 299) {
          return { status, text, contentType: String(headers['content-type'] ?? '') };
        }
        ctx.nowMs = this.now();
        throw classifyHttpFailure(status, headers, text, ctx);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Where a 3xx points, if it may be followed: same origin (scheme, host and port) as the API.
   * @throws ApiError `bad-response` when the Location is missing or invalid, or points elsewhere.
   */
  private redirectTarget(currentUrl: string, location: unknown, status: number): string {
    const raw = Array.isArray(location) ? location[0] : location;
    if (typeof raw !== 'string' || raw.trim() === '') {
      throw new ApiError('bad-response', `${this.host} sent a redirect (${status}) without a Location`, {
        status,
      });
    }
    let target: URL;
    try {
      target = new URL(raw.trim(), currentUrl);
    } catch {
      throw new ApiError('bad-response', `${this.host} sent a redirect (${status}) to an invalid address`, {
        status,
      });
    }
    if (target.origin !== this.origin || target.username !== '' || target.password !== '') {
      throw new ApiError('bad-response', 'API redirected to another origin; not sending the token there', {
        status,
      });
    }
    target.hash = '';
    return target.href;
  }
}

/** Parses an id for the endpoints that need its kind/account. @throws ApiError `api-error`. */
function requireJobId(id: string): ParsedJobId {
  const parsed = typeof id === 'string' ? parseJobId(id) : null;
  if (parsed === null) {
    const shown = typeof id === 'string' ? (cleanText(id, '', 80) ?? '') : String(id);
    throw new ApiError('api-error', `Not a MiniMax video or image id: "${shown}"`);
  }
  return parsed;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(
      `${name} must be a positive number of ${name.endsWith('Ms') ? 'milliseconds' : 'bytes'}.`,
    );
  }
  return value;
}
