/**
 * The simulated account lists: GET /videos/?account=&limit=&lastVideoId= (doc get-minimax-videos:
 * a bare array) and GET /images/?account=&limit=&lastImageId= (doc get-minimax-images:
 * `{"images": [...]}`). Every job of the account that has started, from every source (API and
 * website) and the finished history of the last days, newest first; each item is the job's status
 * object (videos without `percent`, as in the docs' examples).
 *
 * Where the docs are silent: `account` is required only with more than one account (400
 * otherwise, like the live API's documented rule); `limit` defaults to 30 and must be a whole
 * number from 1 to 100 (400 otherwise); `lastVideoId` / `lastImageId` may be the full id or the
 * MiniMax-side id, and an id the list does not hold gives an empty page.
 */
import { statusBody } from './model.ts';
import type { SimReply } from './routes.ts';
import type { SimState } from './state.ts';

/** Items per page when `limit` is not given (the documented default). */
export const DEFAULT_LIST_LIMIT = 30;
/** Largest `limit` the simulator accepts. */
export const MAX_LIST_LIMIT = 100;

/**
 * The answer to GET /videos/ (`kind` video) or GET /images/ (image) with `query`; result links
 * start with `resultBase` (model.ts `SIM_CDN`, or the simulator's own `/files`).
 */
export function listReply(
  state: SimState,
  kind: 'video' | 'image',
  query: URLSearchParams,
  resultBase?: string,
): SimReply {
  const accounts = state.accounts;
  const account = query.get('account') ?? (accounts.length === 1 ? accounts[0] : undefined);
  if (account === undefined || account === '') {
    return {
      status: 400,
      json: { error: 'Parameter account is required when more than one account is configured', code: 400 },
    };
  }
  if (!accounts.includes(account)) {
    return { status: 404, json: { error: `Configuration for account ${account} not found`, code: 404 } };
  }
  const rawLimit = query.get('limit');
  const limit = rawLimit === null ? DEFAULT_LIST_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    return { status: 400, json: { error: `Parameter limit must be 1 to ${MAX_LIST_LIMIT}`, code: 400 } };
  }
  let jobs = state.listed(account, kind);
  const last = query.get(kind === 'video' ? 'lastVideoId' : 'lastImageId');
  if (last !== null && last !== '') {
    const at = jobs.findIndex((j) => j.id === last || j.localId === last);
    jobs = at === -1 ? [] : jobs.slice(at + 1);
  }
  const now = state.now();
  const items = jobs.slice(0, limit).map((job) => {
    const body = statusBody(job, now, resultBase);
    if (kind === 'video') delete body.percent;
    return body;
  });
  return { status: 200, json: kind === 'video' ? items : { images: items } };
}
