/**
 * Raw response schemas (zod 4) for the useapi.net MiniMax v1 endpoints the monitor calls.
 *
 * They describe what arrives on the wire, leniently: every documented field is optional, unknown
 * fields are dropped (zod's default strip mode, which is also how the MiniMax session token in
 * GET /accounts is never copied), and a field of the wrong type reads as missing instead of
 * failing the whole object. Turning these into the app's types is normalise.ts's job.
 * See /work/shared/reference/useapi-api.md for the documentation facts and its inconsistencies.
 */
import { z } from 'zod';

/** A string field that reads as `undefined` when missing, null or of another type. */
const optString = z.string().optional().catch(undefined);
/** A finite-number field that reads as `undefined` when missing or of another type. */
const optNumber = z.number().optional().catch(undefined);
/** A field that may be a string or a number (timestamps, durations); anything else reads as missing. */
const optStringOrNumber = z.union([z.string(), z.number()]).optional().catch(undefined);

/**
 * One GET /scheduler/ item (also `executing[]` of /scheduler/available).
 * Doc: https://useapi.net/docs/api-minimax-v1/get-minimax-scheduler (Mar 17, 2025).
 * The doc model says `started: number` but its example has an ISO string; `elapsed` is "MM:SS";
 * the example puts an image id under `videoId`. The ids must be strings when present (an item
 * whose id is of another type is skipped); `started`, `elapsed`, `replyUrl` and `replyRef` are
 * read leniently by normalise.ts (a bad value becomes null, the item is kept). Kept deliberately
 * small, and compiled ahead of time (`z.compile`, zod ≥ 4.5): this schema runs for every item of
 * every poll. normalise.ts only asks it yes or no (`.validate()`, which builds no output) and then
 * reads the item itself, so a field declared here must not transform its value.
 */
export const SchedulerItemSchema = z.compile(
  z.object({
    videoId: z.string().optional(),
    imageId: z.string().optional(),
    started: z.unknown().optional(),
    elapsed: z.unknown().optional(),
    replyUrl: z.unknown().optional(),
    replyRef: z.unknown().optional(),
  }),
);
/** Parsed form of {@link SchedulerItemSchema}. */
export type RawSchedulerItem = z.infer<typeof SchedulerItemSchema>;

/**
 * A whole GET /scheduler/ body whose every item passes {@link SchedulerItemSchema}. normalise.ts
 * checks the list with this one call and only validates item by item when it fails (one bad item
 * must not reject the others). Compiled ahead of time like the item schema.
 * Doc: https://useapi.net/docs/api-minimax-v1/get-minimax-scheduler
 */
export const SchedulerListSchema = z.compile(z.array(SchedulerItemSchema));

/**
 * One `available[]` entry of GET /scheduler/available: per-account capacity, videos only.
 * Doc: https://useapi.net/docs/api-minimax-v1/get-minimax-scheduler-available (Mar 17, 2025).
 */
export const AccountCapacitySchema = z.object({
  account: z.union([z.string().min(1), z.number()]),
  maxJobs: optNumber,
  executing: optNumber,
  available: optNumber,
});

/**
 * GET /scheduler/available body: `{executing: SchedulerItem[], available: AccountCapacity[]}`.
 * The arrays' items are validated one by one by the normaliser, so here they are `unknown`.
 */
export const SchedulerAvailableSchema = z.object({
  executing: z.array(z.unknown()).optional(),
  available: z.array(z.unknown()).optional(),
});

/**
 * GET /videos/{videoId} and GET /images/{imageId} body (the fields the monitor reads).
 * Docs: https://useapi.net/docs/api-minimax-v1/get-minimax-videos-videoId and
 * https://useapi.net/docs/api-minimax-v1/get-minimax-images-imageId. For images, `videoURL` and
 * `downloadURL` hold the .png URL despite their names.
 */
export const JobStatusSchema = z.object({
  id: optStringOrNumber,
  videoId: optString,
  imageId: optString,
  desc: optString,
  coverURL: optString,
  videoURL: optString,
  downloadURL: optString,
  status: optNumber,
  statusLabel: optString,
  statusFinal: z.boolean().optional().catch(undefined),
  message: optString,
  percent: optNumber,
});
/** Parsed form of {@link JobStatusSchema}. */
export type RawJobStatus = z.infer<typeof JobStatusSchema>;

/**
 * One item of GET /videos/ (a bare array) or of GET /images/ (`{"images": [...]}`): the fields of
 * {@link JobStatusSchema} plus `createTime` (images: epoch ms; videos have no documented
 * timestamp). Docs: https://useapi.net/docs/api-minimax-v1/get-minimax-videos and
 * https://useapi.net/docs/api-minimax-v1/get-minimax-images (Mar 17, 2025).
 */
export const ListItemSchema = JobStatusSchema.extend({ createTime: optStringOrNumber });

/**
 * One value of the GET /accounts object (keyed by account id).
 * Doc: https://useapi.net/docs/api-minimax-v1/get-minimax-accounts (Mar 17, 2025).
 * `jwt.token` (the MiniMax session token) is deliberately NOT declared: zod strips it, so it never
 * reaches any object the client returns. `error` is not in the doc model but marks broken accounts.
 */
export const AccountEntrySchema = z.object({
  account: z.union([z.string(), z.number()]).optional().catch(undefined),
  maxJobs: optNumber,
  error: z.unknown().optional(),
  jwt: z
    .object({
      user: z.object({ name: optString }).optional().catch(undefined),
      exp: optNumber,
      exp_Expire: optString,
    })
    .optional()
    .catch(undefined),
});

/**
 * The useapi.net error envelope `{error, code}` (code sometimes missing, e.g. on DELETE scheduler
 * and POST videos/cancel errors). `retryAfter` (seconds) and `account` are read when present.
 */
export const ErrorEnvelopeSchema = z.object({
  error: z.string(),
  code: z.union([z.number(), z.string()]).optional().catch(undefined),
  retryAfter: optStringOrNumber,
  account: optStringOrNumber,
});
