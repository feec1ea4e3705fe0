/**
 * Bounds on the texts and URLs kept from API answers, so a hostile server cannot grow the ledger
 * or the window without limit.
 */
/** Longest prompt (`desc`) kept: what is recorded in the ledger stays small whatever a server sends. */
export const MAX_PROMPT_CHARS = 4_000;
/** Longest `message` kept. */
export const MAX_MESSAGE_CHARS = 1_000;
/** Longest `statusLabel` kept. */
export const MAX_LABEL_CHARS = 100;
/** URLs longer than this are dropped (a cut URL would point somewhere else). */
export const MAX_URL_CHARS = 8_192;

export function capText(s: string | null, max: number): string | null {
  return s !== null && s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function capUrl(s: string | null): string | null {
  return s !== null && s.length > MAX_URL_CHARS ? null : s;
}

export function nonEmpty(s: string | undefined): string | null {
  return s === undefined || s === '' ? null : s;
}
