/**
 * Which MiniMax accounts a monitor watches (the CLI's `--account`): every account, or only some.
 *
 * Jobs of the other accounts are left alone: the scheduler's items of theirs are dropped before
 * the tracker sees them (never announced, never in a `jobs` event, never status-checked), and
 * their lists are not read. Their records in the ledger (jobs running, awaiting a result or found
 * in a list, and list baselines) are set aside at start ({@link AccountScope.split}) and written
 * back unchanged with every save ({@link AccountScope.merge}), so a later watch of every account
 * goes on from them; history and the announced ids stay whole (they only say what was already
 * announced).
 */
import type { LedgerState } from '../ledger/ledger.ts';

/** The ledger records of the accounts a scope does not watch (set aside, written back as they were). */
export type SetAside = Pick<LedgerState, 'running' | 'pending' | 'website' | 'baselines'>;

/** At most this many account ids are named in the unknown-account warning, each cut to 24 characters. */
const NAMED_MAX = 10;
const ID_MAX_CHARS = 24;

/** The accounts a monitor (or `minimax-jobs list`) watches; see the module docs. */
export class AccountScope {
  /** The watched account ids, in the order given, without repeats; null for every account. */
  readonly ids: readonly string[] | null;
  private readonly set: ReadonlySet<string> | null;
  /** What the last unknown-account warning was about, so that it is given once. */
  private warnedAbout: string | null = null;

  /** @param accounts the ids to watch (an empty list watches none); null or absent: every account. */
  constructor(accounts: readonly string[] | null | undefined) {
    this.ids = accounts == null ? null : [...new Set(accounts)];
    this.set = this.ids === null ? null : new Set(this.ids);
  }

  /** True when jobs of `account` are watched. */
  includes(account: string): boolean {
    return this.set === null || this.set.has(account);
  }

  /** The watched ones of `accounts`, in their order. */
  pick(accounts: readonly string[]): string[] {
    return accounts.filter((a) => this.includes(a));
  }

  /**
   * `state` split into what the tracker gets (the watched accounts' records, the whole history
   * and announced ids) and what is set aside (the other accounts' records). Copies of the arrays.
   */
  split(state: LedgerState): { watched: LedgerState; others: SetAside } {
    const mine = <T>(items: readonly T[], account: (item: T) => string): [T[], T[]] => [
      items.filter((i) => this.includes(account(i))),
      items.filter((i) => !this.includes(account(i))),
    ];
    const [running, otherRunning] = mine(state.running, (r) => r.job.account);
    const [pending, otherPending] = mine(state.pending, (p) => p.job.account);
    const [website, otherWebsite] = mine(state.website, (w) => w.job.account);
    const [baselines, otherBaselines] = mine(state.baselines, (b) => b.account);
    return {
      watched: { ...state, running, pending, website, baselines },
      others: {
        running: otherRunning,
        pending: otherPending,
        website: otherWebsite,
        baselines: otherBaselines,
      },
    };
  }

  /** The ledger to save: the tracker's `state` with the records set aside at start put back. */
  merge(state: LedgerState, others: SetAside): LedgerState {
    return {
      ...state,
      running: [...state.running, ...others.running],
      pending: [...state.pending, ...others.pending],
      website: [...state.website, ...others.website],
      baselines: [...state.baselines, ...others.baselines],
    };
  }

  /**
   * The warning to give when watched accounts are missing from `listed` (every account GET
   * /accounts lists, broken ones too), e.g. `MiniMax account 123 is not among this token's
   * accounts (GET /accounts lists 100001, 100002): no jobs will show up.` Null when none is
   * missing, or when the same was already said (each call with new facts says it once).
   */
  unknownAccountsWarning(listed: readonly string[]): string | null {
    if (this.ids === null) return null;
    const known = new Set(listed);
    const missing = this.ids.filter((a) => !known.has(a));
    const about = JSON.stringify([missing, [...known].sort()]);
    if (missing.length === 0 || about === this.warnedAbout) return null;
    this.warnedAbout = about;
    const one = missing.length === 1;
    const subject = `MiniMax account${one ? '' : 's'} ${named(missing)} ${one ? 'is' : 'are'}`;
    const lists = listed.length === 0 ? 'no account' : named(listed);
    const outcome =
      missing.length === this.ids.length
        ? 'no jobs will show up'
        : `no jobs will show up for ${one ? 'it' : 'them'}`;
    return `${subject} not among this token's accounts (GET /accounts lists ${lists}): ${outcome}.`;
  }
}

/**
 * `a, b, c` (at most {@link NAMED_MAX}, then `…`), each id printable ASCII (the API's ids are
 * digits, but an answer is not trusted to keep the warning on one line).
 */
function named(ids: readonly string[]): string {
  const printable = (id: string) => {
    const clean = id.replace(/[^\x20-\x7e]/g, '?');
    return clean.length > ID_MAX_CHARS ? `${clean.slice(0, ID_MAX_CHARS - 1)}…` : clean;
  };
  const shown = ids.slice(0, NAMED_MAX).map(printable).join(', ');
  return ids.length > NAMED_MAX ? `${shown}, …` : shown;
}
