/**
 * The ledger file's formats: the zod schema of every version this program reads, and the
 * migration from each older one to {@link LEDGER_VERSION}. Pure: no files, no clock.
 *
 * - **Version 2** (website jobs): every job carries `source` (`api` | `website`); `website` holds
 *   the jobs seen running only in the per-account lists; `baselines` holds, per account and kind,
 *   how far the lists are already covered.
 * - **Version 1** (before website jobs): no `source`, `website` or `baselines`. Everything in it
 *   came from GET /scheduler/, so every job becomes `source: "api"`; it has no baselines, so the
 *   first list reconcile after the upgrade is history (recorded, never announced).
 */
import { z } from 'zod';
import type { LedgerState } from './ledger.ts';

/** Version written to and required from the ledger file. */
export const LEDGER_VERSION = 2;

const nullableString = z.string().nullable();
const nullableNumber = z.number().nullable();
const kindSchema = z.enum(['video', 'image']);
const sourceSchema = z.enum(['api', 'website']);

const runningJobV1 = z.object({
  id: z.string().min(1),
  kind: kindSchema,
  account: z.string(),
  startedMs: nullableNumber,
  reportedElapsedMs: nullableNumber,
  replyRef: nullableString,
  replyUrl: nullableString,
});

const jobStatusSchema = z.object({
  id: z.string(),
  final: z.boolean(),
  outcome: z.enum(['succeeded', 'failed', 'moderated']).nullable(),
  status: nullableNumber,
  statusLabel: nullableString,
  percent: nullableNumber,
  message: nullableString,
  resultUrl: nullableString,
  coverUrl: nullableString,
  prompt: nullableString,
});

const finishedJobV1 = z.object({
  id: z.string().min(1),
  kind: kindSchema,
  account: z.string(),
  outcome: z.enum(['succeeded', 'failed', 'moderated', 'cancelled', 'unknown']),
  resultUrl: nullableString,
  coverUrl: nullableString,
  prompt: nullableString,
  durationMs: nullableNumber,
  finishedAtMs: z.number(),
  startedMs: nullableNumber,
  replyRef: nullableString,
  status: nullableNumber,
  statusLabel: nullableString,
  message: nullableString,
});

/** The shapes of one version, built around its running-job and finished-job schemas. */
function versionSchema<J extends z.ZodType, F extends z.ZodType>(job: J, finished: F) {
  const tracked = {
    job,
    firstSeenMs: z.number(),
    lastSeenMs: z.number(),
    estimatedStartMs: nullableNumber,
    cancelled: z.boolean(),
  };
  return {
    tracked,
    fields: {
      savedAt: z.string().optional(),
      running: z.array(z.object({ ...tracked, silent: z.boolean() })),
      pending: z.array(
        z.object({
          ...tracked,
          goneSinceMs: z.number(),
          checks: z.number().int().nonnegative(),
          nextCheckMs: z.number(),
          lastStatus: jobStatusSchema.nullable(),
        }),
      ),
      history: z.array(finished),
      announced: z.array(z.object({ id: z.string().min(1), atMs: z.number() })),
    },
  };
}

const v1 = versionSchema(runningJobV1, finishedJobV1);
const v2 = versionSchema(
  runningJobV1.extend({ source: sourceSchema }),
  finishedJobV1.extend({ source: sourceSchema }),
);

/** Version 1: what the ledger held before website jobs. */
const ledgerV1Schema = z.object({ version: z.literal(1), ...v1.fields });

/** Version 2 ({@link LEDGER_VERSION}). */
const ledgerV2Schema = z.object({
  version: z.literal(2),
  ...v2.fields,
  website: z.array(z.object({ ...v2.tracked, confirmed: z.boolean() })),
  baselines: z.array(
    z.object({
      account: z.string(),
      kind: kindSchema,
      highestId: nullableString,
      newestCreateMs: nullableNumber,
      updatedMs: z.number(),
    }),
  ),
});

/** What {@link readLedgerDocument} made of a parsed file. */
export type LedgerDocumentResult =
  { ok: true; state: LedgerState; migratedFrom: number | null } | { ok: false; why: string };

function problem(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
  return `unexpected content at ${where}`;
}

/**
 * Validates a parsed ledger file of version 1 or 2 and brings it to the current
 * {@link LedgerState} (bounds are not applied here).
 * @returns the state and the version it was migrated from (null when current), or why the file
 *   cannot be used. A version above {@link LEDGER_VERSION} is the caller's to refuse beforehand.
 */
export function readLedgerDocument(raw: unknown): LedgerDocumentResult {
  const version = (raw as { version?: unknown } | null)?.version;
  if (version === LEDGER_VERSION) {
    const parsed = ledgerV2Schema.safeParse(raw);
    if (!parsed.success) return { ok: false, why: problem(parsed.error) };
    const { running, pending, website, history, announced, baselines } = parsed.data;
    return {
      ok: true,
      state: { running, pending, website, history, announced, baselines },
      migratedFrom: null,
    };
  }
  if (version === 1) {
    const parsed = ledgerV1Schema.safeParse(raw);
    if (!parsed.success) return { ok: false, why: problem(parsed.error) };
    const d = parsed.data;
    const api = { source: 'api' as const };
    return {
      ok: true,
      state: {
        running: d.running.map((r) => ({ ...r, job: { ...r.job, ...api } })),
        pending: d.pending.map((p) => ({ ...p, job: { ...p.job, ...api } })),
        website: [],
        history: d.history.map((h) => ({ ...h, ...api })),
        announced: d.announced,
        baselines: [],
      },
      migratedFrom: 1,
    };
  }
  return { ok: false, why: `version ${JSON.stringify(version) ?? 'missing'}, expected ${LEDGER_VERSION}` };
}
