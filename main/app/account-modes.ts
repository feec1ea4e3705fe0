/**
 * Per-account control (CCMenu and BuildNotify do it per pipeline or project), as pure functions:
 * each MiniMax account is `notify` (the default), `muted` (listed, no notifications) or `hidden`
 * (not listed, not counted in the tray or badge, no notifications). The settings keep only the
 * accounts that are not `notify` ({@link AccountModes}); the monitor keeps watching every account,
 * so un-hiding one shows its jobs at once and nothing it finished is lost.
 */
import type { MonitorSnapshot } from '../core/monitor/job-monitor.ts';
import type { AccountMode, AccountRow } from '../ipc.ts';

/** Account id → mode, for the accounts that are not `notify`. Own properties only (see {@link accountModeOf}). */
export type AccountModes = Readonly<Record<string, Exclude<AccountMode, 'notify'>>>;

/** Most accounts with a mode the settings keep. */
export const MAX_ACCOUNT_MODES = 500;
/** Longest account id kept, in characters. */
export const MAX_ACCOUNT_ID_CHARS = 256;

/** The mode of `account` (`notify` when it has none). Safe for ids such as `__proto__`. */
export function accountModeOf(modes: AccountModes, account: string): AccountMode {
  return Object.hasOwn(modes, account) ? modes[account]! : 'notify';
}

/** Accounts that get no notifications: the muted and the hidden ones. */
export function quietAccounts(modes: AccountModes): ReadonlySet<string> {
  return new Set(Object.keys(modes));
}

/**
 * `modes` with `account` set to `mode` (a new object; `notify` removes the entry).
 * @returns the new modes, or a message when the account id is unusable or too many accounts have one.
 */
export function withAccountMode(
  modes: AccountModes,
  account: string,
  mode: AccountMode,
): { ok: true; modes: AccountModes } | { ok: false; message: string } {
  if (account === '' || account.length > MAX_ACCOUNT_ID_CHARS) {
    return { ok: false, message: 'That is not a MiniMax account id.' };
  }
  const entries = Object.entries(modes).filter(([id]) => id !== account);
  if (mode !== 'notify') {
    if (entries.length >= MAX_ACCOUNT_MODES) {
      return { ok: false, message: `At most ${MAX_ACCOUNT_MODES} accounts can be muted or hidden.` };
    }
    entries.push([account, mode]);
  }
  // fromEntries defines own properties, so an id like "__proto__" is a key, not the prototype.
  return { ok: true, modes: Object.fromEntries(entries) };
}

/**
 * Reads stored modes (any shape, from disk): valid entries are kept, the rest dropped.
 * @returns the modes and how many entries were dropped (0 for a valid object or undefined; 1 for
 *   anything that is not an object).
 */
export function normalizeAccountModes(raw: unknown): { modes: AccountModes; dropped: number } {
  if (raw === undefined) return { modes: {}, dropped: 0 };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { modes: {}, dropped: 1 };
  const kept: Array<[string, Exclude<AccountMode, 'notify'>]> = [];
  let dropped = 0;
  for (const [id, mode] of Object.entries(raw)) {
    const valid =
      (mode === 'muted' || mode === 'hidden') &&
      id !== '' &&
      id.length <= MAX_ACCOUNT_ID_CHARS &&
      kept.length < MAX_ACCOUNT_MODES;
    if (valid) kept.push([id, mode]);
    else dropped++;
  }
  return { modes: Object.fromEntries(kept), dropped };
}

/**
 * The snapshot without the hidden accounts' running jobs, finished jobs, progress and capacity:
 * what the window lists and the tray counts. Names are kept (they are only looked up).
 */
export function withoutHidden(snapshot: MonitorSnapshot, modes: AccountModes): MonitorSnapshot {
  const hidden = new Set(Object.keys(modes).filter((id) => modes[id] === 'hidden'));
  if (hidden.size === 0) return snapshot;
  const running = snapshot.running.filter((j) => !hidden.has(j.account));
  const shownIds = new Set(running.map((j) => j.id));
  return {
    ...snapshot,
    running,
    history: snapshot.history.filter((j) => !hidden.has(j.account)),
    progress: Object.fromEntries(Object.entries(snapshot.progress).filter(([id]) => shownIds.has(id))),
    accounts: {
      names: snapshot.accounts.names,
      capacity: snapshot.accounts.capacity.filter((c) => !hidden.has(c.account)),
    },
  };
}

/**
 * Settings' account list: every account in GET /accounts' names, the running and finished jobs
 * and the capacity, plus every account that has a mode (so a hidden account can be shown again
 * when it is not seen now). Sorted by name (accounts without one by id, after the named ones).
 */
export function accountRows(snapshot: MonitorSnapshot, modes: AccountModes): AccountRow[] {
  const seen = new Set<string>([
    ...Object.keys(snapshot.accounts.names),
    ...snapshot.running.map((j) => j.account),
    ...snapshot.history.map((j) => j.account),
    ...snapshot.accounts.capacity.map((c) => c.account),
  ]);
  const ids = new Set([...seen, ...Object.keys(modes)]);
  const names = snapshot.accounts.names;
  const rows: AccountRow[] = [...ids].map((account) => ({
    account,
    name: Object.hasOwn(names, account) ? names[account]! : null,
    mode: accountModeOf(modes, account),
    seen: seen.has(account),
  }));
  return rows.sort((a, b) => {
    if ((a.name === null) !== (b.name === null)) return a.name === null ? 1 : -1;
    const byName = (a.name ?? '').localeCompare(b.name ?? '');
    return byName !== 0 ? byName : a.account < b.account ? -1 : a.account > b.account ? 1 : 0;
  });
}
