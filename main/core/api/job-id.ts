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
 * {@link parseJobId} follows this grammar without running the regex (see there), after rejecting
 * line terminators. The `s` flag matters for speed, not for what matches, because of that
 * rejection: without `s`, an id holding many `-video:` segments and a newline at the end made the
 * engine re-scan the tail from every segment: quadratic time, so one 450 KB id in a scheduler
 * answer froze the process for 15 s (found by the hostile-input corpus).
 */
export const JOB_ID_PATTERN = /^user:(\d+)-minimax:(.+)-(video|image):(.+)$/s;

/** Line terminators, which no job id may hold (`.` without the `s` flag never matched them). */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

const USER_PREFIX = 'user:';
const MINIMAX_INFIX = '-minimax:';
const VIDEO_INFIX = '-video:';
const IMAGE_INFIX = '-image:';
/** Length of `-video:` and of `-image:`. */
const KIND_INFIX_LENGTH = 7;

/**
 * Splits a job id into user, account, kind and MiniMax-side id.
 * @param id the id exactly as the API gave it (not trimmed).
 * Accepts exactly the ids {@link JOB_ID_PATTERN} matches once line terminators are excluded, and
 * gives the same parts; it splits with `indexOf`-style scans instead of running the regex (this
 * runs for every scheduler item of every poll): the user is the digit run after `user:`, which
 * must be followed by `-minimax:`; the kind is the LAST `-video:` / `-image:` that leaves at least
 * one character on both sides (what the greedy `(.+)` picks). Runs in linear time whatever the input.
 * @returns the parts, or null for `file` ids, non-strings, ids holding a line break and anything
 *   else unrecognisable.
 */
export function parseJobId(id: string): ParsedJobId | null {
  if (typeof id !== 'string' || !id.startsWith(USER_PREFIX) || LINE_TERMINATOR.test(id)) return null;
  const len = id.length;
  let userEnd = USER_PREFIX.length;
  while (userEnd < len) {
    const c = id.charCodeAt(userEnd);
    if (c < 48 || c > 57) break;
    userEnd++;
  }
  if (userEnd === USER_PREFIX.length || !id.startsWith(MINIMAX_INFIX, userEnd)) return null;
  const accountStart = userEnd + MINIMAX_INFIX.length;
  // The last kind segment with at least one character after it (a negative start finds nothing
  // useful: position 0 holds `u`).
  const lastStart = len - KIND_INFIX_LENGTH - 1;
  const video = id.lastIndexOf(VIDEO_INFIX, lastStart);
  const image = id.lastIndexOf(IMAGE_INFIX, lastStart);
  const kindAt = video > image ? video : image;
  if (kindAt <= accountStart) return null;
  return {
    id,
    user: id.slice(USER_PREFIX.length, userEnd),
    account: id.slice(accountStart, kindAt),
    kind: video > image ? 'video' : 'image',
    localId: id.slice(kindAt + KIND_INFIX_LENGTH),
  };
}
