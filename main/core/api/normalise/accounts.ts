/**
 * GET /accounts (doc get-minimax-accounts) into {@link AccountInfo}: names, session expiry and
 * the account's own error. The MiniMax session token (`jwt.token`) is never read nor kept.
 */
import type { AccountInfo, Logger } from '../../types.ts';
import { ApiError } from '../errors.ts';
import { AccountEntrySchema } from '../schemas.ts';
import { nonEmpty } from './text-caps.ts';
import { MAX_PLAUSIBLE_MS, MIN_PLAUSIBLE_MS, parseStartedMs } from './timestamps.ts';

/**
 * Normalises one GET /accounts entry. The session token (`jwt.token`) is not read and not kept.
 * @param key the object key the entry was found under (used when `account` is missing).
 * @returns the account, or null when the entry is not an object or has no account id.
 */
export function normaliseAccount(key: string | null, raw: unknown): AccountInfo | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const parsed = AccountEntrySchema.safeParse(raw);
  if (!parsed.success) return null;
  const entry = parsed.data;
  const account = entry.account !== undefined && entry.account !== '' ? String(entry.account) : key;
  if (account === null || account === '') return null;
  const jwt = entry.jwt;
  let sessionExpiresMs: number | null = null;
  if (jwt?.exp_Expire !== undefined) sessionExpiresMs = parseStartedMs(jwt.exp_Expire);
  if (sessionExpiresMs === null && jwt?.exp !== undefined) {
    // `exp` is a JWT expiry: epoch seconds, possibly with a fraction.
    const ms = jwt.exp * 1000;
    sessionExpiresMs =
      Number.isFinite(ms) && ms >= MIN_PLAUSIBLE_MS && ms <= MAX_PLAUSIBLE_MS ? Math.round(ms) : null;
  }
  return {
    account,
    name: nonEmpty(jwt?.user?.name),
    maxJobs: entry.maxJobs ?? null,
    sessionExpiresMs,
    error: accountError(entry.error),
  };
}

function accountError(value: unknown): string | null {
  if (value === undefined || value === null || value === false || value === '') return null;
  if (typeof value === 'string') return value.length > 300 ? `${value.slice(0, 297)}...` : value;
  return 'The account is marked as broken.';
}

/**
 * Normalises a GET /accounts body: an object keyed by account id (an array of entries carrying
 * `account` is accepted too). Entries without an account id are skipped with a warn.
 * Doc: https://useapi.net/docs/api-minimax-v1/get-minimax-accounts
 * @throws ApiError `bad-response` when the body is neither an object nor an array.
 */
export function normaliseAccounts(body: unknown, logger: Logger): AccountInfo[] {
  if (typeof body !== 'object' || body === null) {
    throw new ApiError('bad-response', 'Unexpected answer to GET /accounts: expected an object.', {
      status: 200,
    });
  }
  const entries: Array<[string | null, unknown]> = Array.isArray(body)
    ? body.map((v): [string | null, unknown] => [null, v])
    : Object.entries(body);
  const accounts: AccountInfo[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const [key, value] of entries) {
    const info = normaliseAccount(key, value);
    if (info === null) {
      skipped++;
      continue;
    }
    if (seen.has(info.account)) continue;
    seen.add(info.account);
    accounts.push(info);
  }
  if (skipped > 0) logger.warn(`GET /accounts: skipped ${skipped} entries that are not account objects`);
  return accounts;
}
