/**
 * GET /videos/?account=… (doc get-minimax-videos: a bare array) and GET /images/?account=… (doc
 * get-minimax-images: `{"images": [...]}`) into {@link ListedJob}s. Each item is a status object
 * like GET /videos/{id}'s, normalised the same way (statusFinal and the status code decide
 * finality and outcome). Single bad items are skipped (one warning per list); a body of the wrong
 * overall shape throws ApiError `bad-response`.
 */
import type { JobKind, ListedJob, Logger } from '../../types.ts';
import { ApiError } from '../errors.ts';
import { parseJobId } from '../job-id.ts';
import { ListItemSchema } from '../schemas.ts';
import { statusFromRaw } from './status.ts';
import { parseStartedMs } from './timestamps.ts';

/**
 * Most items read from one list answer (1,000): the monitor asks for 30 at a time, so a longer
 * list is a server ignoring `limit`, and reading it whole would only cost time.
 */
export const MAX_LIST_ITEMS = 1_000;

/** The array of items in a list body: `/videos/` answers an array, `/images/` an object. */
function itemsOf(body: unknown, kind: JobKind): unknown[] | null {
  if (Array.isArray(body)) return body;
  if (typeof body !== 'object' || body === null) return null;
  // The docs wrap images in `images`; accept the other key too, leniently.
  const wrapped = (body as Record<string, unknown>)[kind === 'image' ? 'images' : 'videos'];
  return Array.isArray(wrapped) ? wrapped : null;
}

/**
 * Normalises one list item, or returns null when it is not an object, carries no full
 * `videoId` / `imageId` of the listed kind (the bare `id` is not a job id), or has neither
 * `status` nor `statusFinal`.
 */
export function normaliseListItem(raw: unknown, kind: JobKind): ListedJob | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const parsed = ListItemSchema.safeParse(raw);
  if (!parsed.success) return null;
  const item = parsed.data;
  const id = kind === 'video' ? item.videoId : item.imageId;
  const job = id === undefined ? null : parseJobId(id);
  if (job === null || job.kind !== kind) return null;
  if (item.status === undefined && item.statusFinal === undefined) return null;
  return {
    id: job.id,
    kind,
    account: job.account,
    localId: job.localId,
    createdMs: kind === 'image' ? parseStartedMs(item.createTime) : null,
    status: statusFromRaw(item, job.id),
  };
}

/**
 * Normalises a GET /videos/ or GET /images/ body: items in the API's order (newest first), a
 * repeated id counted once, at most {@link MAX_LIST_ITEMS}.
 * @param what endpoint label for messages, e.g. `"GET /videos/"`.
 * @throws ApiError `bad-response` when the body holds no list.
 */
export function normaliseJobList(body: unknown, kind: JobKind, logger: Logger, what: string): ListedJob[] {
  const items = itemsOf(body, kind);
  if (items === null) {
    const shape = kind === 'image' ? '{"images": [...]}' : 'a list';
    throw new ApiError('bad-response', `Unexpected answer to ${what}: expected ${shape}.`, { status: 200 });
  }
  const out: ListedJob[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  const n = Math.min(items.length, MAX_LIST_ITEMS);
  for (let i = 0; i < n; i++) {
    const job = normaliseListItem(items[i], kind);
    if (job === null) skipped++;
    else if (!seen.has(job.id)) {
      seen.add(job.id);
      out.push(job);
    }
  }
  if (skipped > 0) logger.warn(`${what}: skipped ${skipped} of ${n} items without a ${kind} id or status`);
  if (items.length > n) logger.warn(`${what}: read the first ${n} of ${items.length} items`);
  return out;
}
