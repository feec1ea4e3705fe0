/**
 * Job id parsing. useapi.net MiniMax ids carry the user, the MiniMax account and the kind:
 * `user:<user>-minimax:<account>-<kind>:<localId>`
 * (docs: https://useapi.net/docs/api-minimax-v1/get-minimax-videos-videoId and
 * get-minimax-images-imageId; see useapi-api.md §1).
 *
 * The kind and account always come from the id string, never from the JSON key that held it: the
 * scheduler documentation's own example carries an image id under `videoId`.
 */
import type { ParsedJobId } from '../types.ts';

/**
 * The id grammar. `account` is greedy, so the kind is taken from the LAST `-video:` / `-image:`
 * segment; MiniMax account ids are numeric in every documented example, so this is safe.
 * `file` ids (uploads, `…-file:…`) deliberately do not match: they are not jobs.
 *
 * The `s` flag matters for speed, not for what matches: {@link parseJobId} rejects line
 * terminators before using it. Without `s`, an id holding many `-video:` segments and a newline
 * at the end made the engine re-scan the tail from every segment: quadratic time, so one 450 KB
 * id in a scheduler answer froze the process for 15 s (found by the hostile-input corpus).
 */
export const JOB_ID_PATTERN = /^user:(\d+)-minimax:(.+)-(video|image):(.+)$/s;

/** Line terminators, which no job id may hold (`.` without the `s` flag never matched them). */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * Splits a job id into user, account, kind and MiniMax-side id.
 * @param id the id exactly as the API gave it (not trimmed).
 * Runs in linear time whatever the input (see {@link JOB_ID_PATTERN}).
 * @returns the parts, or null for `file` ids, non-strings, ids holding a line break and anything
 *   else unrecognisable.
 */
export function parseJobId(id: string): ParsedJobId | null {
  if (typeof id !== 'string' || LINE_TERMINATOR.test(id)) return null;
  const m = JOB_ID_PATTERN.exec(id);
  if (m === null) return null;
  const [, user, account, kind, localId] = m;
  if (user === undefined || account === undefined || localId === undefined) return null;
  if (kind !== 'video' && kind !== 'image') return null;
  return { id, user, account, kind, localId };
}
