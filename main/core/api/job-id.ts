/**
 * Job id parsing. useapi.net MiniMax ids carry the user, the MiniMax account and the kind:
 * `user:<user>-minimax:<account>-<kind>:<localId>`
 * (docs: https://useapi.net/docs/api-minimax-v1/get-minimax-videos-videoId and
 * get-minimax-images-imageId; see useapi-api.md §1).
 *
 * The kind and account always come from the id string, never from the JSON key that held it: the
 * scheduler documentation's own example carries an image id under `videoId`.
 */
import type { JobKind, ParsedJobId } from '../types.ts';

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
const VIDEO = 'video';
const IMAGE = 'image';
/** Length of `-video:` and of `-image:`. */
const KIND_INFIX_LENGTH = 7;
const C_DASH = 45; // '-'
const C_COLON = 58; // ':'
const C_0 = 48; // '0'
const C_9 = 57; // '9'
const C_v = 118; // 'v'

/** True when `s` holds `lit` at index `at` (char by char: cheaper than a startsWith call here). */
function hasAt(s: string, at: number, lit: string): boolean {
  if (at + lit.length > s.length) return false;
  for (let i = 0; i < lit.length; i++) if (s.charCodeAt(at + i) !== lit.charCodeAt(i)) return false;
  return true;
}

/** Where the account of the id last accepted by {@link scanJobId} starts. */
let scannedAccountStart = 0;

/**
 * Follows {@link JOB_ID_PATTERN} without running it: `user:`, a run of ASCII digits, `-minimax:`,
 * then the LAST `-video:` / `-image:` that leaves at least one character on both sides (what the
 * greedy `(.+)` picks; a backward scan); no line terminator anywhere. Linear time whatever the input.
 * @returns the index of the kind segment's `-` (the account's start is left in
 *   {@link scannedAccountStart}), or -1 when the id does not match.
 */
function scanJobId(id: string): number {
  if (typeof id !== 'string' || !hasAt(id, 0, USER_PREFIX)) return -1;
  const len = id.length;
  let userEnd = USER_PREFIX.length;
  while (userEnd < len) {
    const c = id.charCodeAt(userEnd);
    if (c < C_0 || c > C_9) break;
    userEnd++;
  }
  if (userEnd === USER_PREFIX.length || !hasAt(id, userEnd, MINIMAX_INFIX)) return -1;
  const accountStart = userEnd + MINIMAX_INFIX.length;
  for (let k = len - KIND_INFIX_LENGTH - 1; k > accountStart; k--) {
    if (
      id.charCodeAt(k) === C_DASH &&
      id.charCodeAt(k + KIND_INFIX_LENGTH - 1) === C_COLON &&
      (hasAt(id, k + 1, VIDEO) || hasAt(id, k + 1, IMAGE))
    ) {
      if (LINE_TERMINATOR.test(id)) return -1;
      scannedAccountStart = accountStart;
      return k;
    }
  }
  return -1;
}

/**
 * Splits a job id into user, account, kind and MiniMax-side id.
 * @param id the id exactly as the API gave it (not trimmed).
 * Accepts exactly the ids {@link JOB_ID_PATTERN} matches once line terminators are excluded, and
 * gives the same parts, without running the regex (this runs for every scheduler item of every
 * poll). Runs in linear time whatever the input.
 * @returns the parts, or null for `file` ids, non-strings, ids holding a line break and anything
 *   else unrecognisable.
 */
export function parseJobId(id: string): ParsedJobId | null {
  const kindAt = scanJobId(id);
  if (kindAt < 0) return null;
  const accountStart = scannedAccountStart;
  return {
    id,
    user: id.slice(USER_PREFIX.length, accountStart - MINIMAX_INFIX.length),
    account: id.slice(accountStart, kindAt),
    kind: id.charCodeAt(kindAt + 1) === C_v ? VIDEO : IMAGE,
    localId: id.slice(kindAt + KIND_INFIX_LENGTH),
  };
}

/** The kind and account of a job id: the parts of {@link ParsedJobId} a scheduler item needs. */
export interface JobKindAndAccount {
  kind: JobKind;
  /** MiniMax (Hailuo) account id. */
  account: string;
}

/**
 * {@link parseJobId} for the scheduler's hot path: the same ids are accepted, but only the kind
 * and the account are cut out.
 * @returns kind and account, or null where {@link parseJobId} gives null.
 */
export function parseJobKindAndAccount(id: string): JobKindAndAccount | null {
  const kindAt = scanJobId(id);
  if (kindAt < 0) return null;
  return {
    kind: id.charCodeAt(kindAt + 1) === C_v ? VIDEO : IMAGE,
    account: id.slice(scannedAccountStart, kindAt),
  };
}

/**
 * The short id every surface shows (window rows, notifications, CLI lines): the last 8 characters
 * of the MiniMax-side id (after `video:`/`image:`), or of the whole string when it is not a job
 * id. Counted in code points, so a surrogate pair (emoji) is never cut into a broken character.
 */
export function shortJobId(id: string): string {
  const local = parseJobId(id)?.localId ?? id;
  const chars = Array.from(local);
  return chars.length <= 8 ? local : chars.slice(-8).join('');
}
