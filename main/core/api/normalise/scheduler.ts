/**
 * GET /scheduler/ (doc get-minimax-scheduler) and GET /scheduler/available (doc
 * get-minimax-scheduler-available) into {@link RunningJob} and {@link AccountCapacity}. Single bad
 * items are skipped (one warning per list); a body of the wrong overall shape throws ApiError
 * `bad-response`.
 */
import type { AccountCapacity, Logger, RunningJob } from '../../types.ts';
import { ApiError } from '../errors.ts';
import { parseJobKindAndAccount } from '../job-id.ts';
import {
  AccountCapacitySchema,
  SchedulerAvailableSchema,
  SchedulerItemSchema,
  SchedulerListSchema,
  type RawSchedulerItem,
} from '../schemas.ts';
import { parseElapsedMs, parseStartedMs } from './timestamps.ts';

/**
 * Normalises one scheduler item (GET /scheduler/ element, or `executing[]` element).
 * The id is read from `videoId`, else `imageId` (the docs' example holds an image id under
 * `videoId`); kind and account come from the id string.
 * @returns the running job, or null when the item is not an object, has an id field that is not
 *   a string, or has no recognisable video/image id (e.g. a `…-file:…` id).
 */
export function normaliseSchedulerItem(raw: unknown): RunningJob | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  return SchedulerItemSchema.validate(raw) ? jobFromValidItem(raw) : null;
}

/**
 * The running job of an item that passed {@link SchedulerItemSchema} (read as is: the schema
 * transforms nothing), or null when it has no recognisable video/image id.
 */
function jobFromValidItem(item: RawSchedulerItem): RunningJob | null {
  return jobFromId(item, item.videoId) ?? jobFromId(item, item.imageId);
}

/**
 * The job an item's `imageId` names when its `videoId` already named another one: an item
 * carrying two different ids keeps both jobs rather than dropping the second silently.
 * @returns that second job, or null (no `imageId`, the same id, or not a recognisable id).
 */
function secondJobOf(item: RawSchedulerItem, first: RunningJob): RunningJob | null {
  if (item.imageId === undefined || item.imageId === first.id) return null;
  return jobFromId(item, item.imageId);
}

/** The running job for `id` with the item's other fields, or null when `id` is not a job id. */
function jobFromId(item: RawSchedulerItem, id: string | undefined): RunningJob | null {
  const parsed = id === undefined ? null : parseJobKindAndAccount(id);
  if (parsed === null || id === undefined) return null;
  const replyRef = item.replyRef;
  const replyUrl = item.replyUrl;
  return {
    id,
    kind: parsed.kind,
    account: parsed.account,
    startedMs: parseStartedMs(item.started),
    reportedElapsedMs: parseElapsedMs(item.elapsed),
    replyRef: typeof replyRef === 'string' ? replyRef : null,
    replyUrl: typeof replyUrl === 'string' ? replyUrl : null,
    source: 'api',
  };
}

/**
 * Normalises a GET /scheduler/ body (or an `executing[]` array): items without a recognisable
 * id, or that are not objects or hold an id of another type than string, are skipped (one
 * `logger.warn` naming how many and the first few positions); a repeated id counts once (the
 * first occurrence wins); an item holding two different ids in `videoId` and `imageId` gives both
 * jobs; unknown fields are ignored.
 * The whole list is validated with one zod call ({@link SchedulerListSchema}); only when that
 * fails is each item validated on its own, so one malformed item never rejects the list.
 * Doc: https://useapi.net/docs/api-minimax-v1/get-minimax-scheduler
 * @param body the JSON-parsed body.
 * @param what endpoint label for messages, e.g. `"GET /scheduler/"`.
 * @throws ApiError `bad-response` when `body` is not an array.
 */
export function normaliseSchedulerList(
  body: unknown,
  logger: Logger,
  what = 'GET /scheduler/',
): RunningJob[] {
  if (!Array.isArray(body)) {
    throw new ApiError('bad-response', `Unexpected answer to ${what}: expected a list of jobs.`, {
      status: 200,
    });
  }
  const allValid = SchedulerListSchema.validate(body);
  const jobs: RunningJob[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  const skippedAt: number[] = [];
  const addNew = (job: RunningJob): void => {
    // One hash lookup instead of has + add: the size grows only for an id not seen before.
    const size = seen.size;
    seen.add(job.id);
    if (seen.size !== size) jobs.push(job);
  };
  for (let i = 0; i < body.length; i++) {
    const raw: unknown = body[i];
    const job = allValid ? jobFromValidItem(raw as RawSchedulerItem) : normaliseSchedulerItem(raw);
    if (job === null) {
      skipped++;
      if (skippedAt.length < 5) skippedAt.push(i);
      continue;
    }
    addNew(job);
    const second = secondJobOf(raw as RawSchedulerItem, job);
    if (second !== null) addNew(second);
  }
  if (skipped > 0) {
    logger.warn(
      `${what}: skipped ${skipped} of ${body.length} entries without a recognisable video/image id ` +
        `(at index ${skippedAt.join(', ')}${skipped > skippedAt.length ? ', ...' : ''})`,
    );
  }
  return jobs;
}

/**
 * Parses and normalises a GET /scheduler/ body text: `JSON.parse` then
 * {@link normaliseSchedulerList}. Exposed for the parsing benchmark.
 * @throws ApiError `bad-response` when the text is not JSON or not an array.
 */
export function parseSchedulerBody(text: string, logger: Logger): RunningJob[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError('bad-response', 'The scheduler answer is not valid JSON.', {
      status: 200,
    });
  }
  return normaliseSchedulerList(body, logger);
}

/**
 * Normalises one `available[]` entry. `available` defaults to `maxJobs - executing` when missing.
 * @returns the capacity, or null when the entry has no account or no numeric `maxJobs`/`executing`.
 */
export function normaliseCapacity(raw: unknown): AccountCapacity | null {
  const parsed = AccountCapacitySchema.safeParse(raw);
  if (!parsed.success) return null;
  const { account, maxJobs, executing, available } = parsed.data;
  if (maxJobs === undefined || executing === undefined) return null;
  return {
    account: String(account),
    maxJobs,
    executing,
    available: available ?? Math.max(0, maxJobs - executing),
  };
}

/**
 * Normalises a GET /scheduler/available body.
 * Doc: https://useapi.net/docs/api-minimax-v1/get-minimax-scheduler-available
 * A missing `executing` or `available` array reads as empty; bad entries are skipped with a warn.
 * @throws ApiError `bad-response` when the body is not an object, or either field is present but
 *   not an array.
 */
export function normaliseAvailable(
  body: unknown,
  logger: Logger,
): { executing: RunningJob[]; available: AccountCapacity[] } {
  const what = 'GET /scheduler/available';
  const parsed =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? SchedulerAvailableSchema.safeParse(body)
      : null;
  if (parsed === null || !parsed.success) {
    throw new ApiError(
      'bad-response',
      `Unexpected answer to ${what}: expected {executing: [...], available: [...]}.`,
      { status: 200 },
    );
  }
  const executing = normaliseSchedulerList(parsed.data.executing ?? [], logger, `${what} executing`);
  const available: AccountCapacity[] = [];
  let skipped = 0;
  for (const entry of parsed.data.available ?? []) {
    const cap = normaliseCapacity(entry);
    if (cap === null) skipped++;
    else available.push(cap);
  }
  if (skipped > 0)
    logger.warn(`${what}: skipped ${skipped} capacity entries without account/maxJobs/executing`);
  return { executing, available };
}
