/**
 * Where the useapi.net API token lives, and the rules for saving it. No Electron: the stores are
 * passed in (main/electron/ builds them).
 *
 * Storage, in order of preference:
 * 1. the OS keychain (main/secrets/keychain.ts; shared with the `minimax-jobs` CLI);
 * 2. Electron safeStorage (an encrypted file in userData) — refused on Linux when its backend is
 *    `basic_text` (a hard-coded key: effectively plain text) or not known yet;
 * 3. memory only, forgotten when the app quits (the window says so).
 * A store that fails while saving hands over to the next one, with a note the window shows.
 *
 * Saving a token: the format is checked ({@link checkTokenFormat}), then one test call
 * (GET /scheduler/) is made with it. A 401 refuses the token with a clear message; any other
 * failure (offline, busy) still saves it, with a note that it could not be checked.
 *
 * The token never appears in a message, a log line or a returned object other than
 * {@link TokenManager.token}.
 */
import { isApiError } from '../core/api/errors.ts';
import { silentLogger, type Logger } from '../core/types.ts';
import type { ActionResult, TokenInfo, TokenStorage } from '../ipc.ts';
import { checkTokenFormat } from '../core/api/token-format.ts';
import { MemoryStore, type SecretStore } from '../secrets/keychain.ts';

/** What an encrypted-file store reports about its encryption backend. */
export interface EncryptionProbe {
  /** Encryption works at all (safeStorage.isAsyncEncryptionAvailable()). */
  available: boolean;
  /** Linux only: safeStorage.getSelectedStorageBackend(); null elsewhere. */
  backend: string | null;
}

/** A {@link SecretStore} backed by Electron safeStorage (main/electron/safe-storage.ts). */
export interface EncryptedSecretStore extends SecretStore {
  readonly kind: 'safe-storage';
  probe(): Promise<EncryptionProbe>;
}

/** Options of {@link TokenManager}. */
export interface TokenManagerOptions {
  /** The OS keychain, or null to skip it (demo mode, tests, `MINIMAX_TRAY_NO_KEYCHAIN=1`). */
  keychain: SecretStore | null;
  /** safeStorage-encrypted file, or null to skip it. */
  safeStorage: EncryptedSecretStore | null;
  /** `process.platform` (decides whether the `basic_text` rule applies). */
  platform: NodeJS.Platform | string;
  /** A token to start with, held in memory only (demo mode: the simulator's token). */
  initialToken?: string | null;
  /** Note shown with {@link TokenManagerOptions.initialToken}. */
  initialNote?: string;
  logger?: Logger;
}

/** Message when useapi.net answers 401 to the test call. */
export const TOKEN_REJECTED_MESSAGE =
  'useapi.net rejected this token (401 Unauthorized). Copy the whole token from your useapi.net account page, including the "user:" part, and try again.';

/** Why safeStorage is refused on Linux with the basic_text backend. */
export const BASIC_TEXT_REASON =
  'no system keyring was found, and Electron would store the token with a built-in key (basic_text), which is as good as plain text';

type Candidate = { kind: 'keychain' | 'safe-storage' | 'memory'; store: SecretStore };

/**
 * Holds the token in memory for the session and knows where it is stored. Methods never throw
 * for store failures: they fall back and explain in {@link TokenManager.info}.
 */
export class TokenManager {
  private readonly opts: TokenManagerOptions;
  private readonly logger: Logger;
  private readonly memory = new MemoryStore();
  /** Stores usable for writing, best first; decided by {@link TokenManager.load}. */
  private writable: Candidate[] = [];
  /** Every store in scope (deletes go to all of them); demo mode keeps only memory. */
  private scope: Candidate[] = [];
  /** Why the better stores were skipped (for the note). */
  private skipped: string[] = [];
  private current: string | null = null;
  private storage: TokenStorage = 'none';
  private note: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private loaded = false;

  constructor(opts: TokenManagerOptions) {
    this.opts = opts;
    this.logger = opts.logger ?? silentLogger;
  }

  /** The token for API calls, or null. */
  token(): string | null {
    return this.current;
  }

  /** Where the token is, for the window. Never contains the token. */
  info(): TokenInfo {
    return {
      stored: this.current !== null,
      storage: this.current !== null ? this.storage : 'none',
      note: this.note,
    };
  }

  /**
   * Finds the usable stores and reads the token from the best one that holds it.
   * @returns the token, or null when none is stored (or it could not be read).
   */
  load(): Promise<string | null> {
    return this.serial(() => this.doLoad());
  }

  private async doLoad(): Promise<string | null> {
    this.writable = [];
    this.skipped = [];
    const initial = this.opts.initialToken?.trim();
    if (initial) {
      await this.memory.set(initial);
      this.writable.push({ kind: 'memory', store: this.memory });
      this.scope = [...this.writable];
      this.current = initial;
      this.storage = 'memory';
      this.note = this.opts.initialNote ?? 'Kept in memory only.';
      this.loaded = true;
      return initial;
    }

    let found: { token: string; kind: Candidate['kind'] } | null = null;
    const { keychain, safeStorage } = this.opts;
    this.scope = [];
    if (keychain) this.scope.push({ kind: 'keychain', store: keychain });
    if (safeStorage) this.scope.push({ kind: 'safe-storage', store: safeStorage });
    this.scope.push({ kind: 'memory', store: this.memory });
    if (keychain) {
      try {
        const t = await keychain.get();
        this.writable.push({ kind: 'keychain', store: keychain });
        if (t) found = { token: t, kind: 'keychain' };
      } catch (e) {
        this.skipped.push(`${keychain.describe()} could not be used (${firstLine(e)})`);
        this.logger.warn(`token: keychain unavailable: ${firstLine(e)}`);
      }
    }
    let unreadable: string | null = null;
    if (safeStorage) {
      const reason = await this.safeStorageRefusal(safeStorage);
      if (reason === null) {
        this.writable.push({ kind: 'safe-storage', store: safeStorage });
        if (!found) {
          try {
            const t = await safeStorage.get();
            if (t) found = { token: t, kind: 'safe-storage' };
          } catch (e) {
            unreadable =
              'The saved token could not be decrypted (the system keyring may have changed). Enter it again.';
            this.logger.warn(`token: encrypted token unreadable: ${firstLine(e)}`);
          }
        }
      } else {
        this.skipped.push(`encrypted app storage was not used: ${reason}`);
        this.logger.warn(`token: safeStorage refused: ${reason}`);
      }
    }
    this.writable.push({ kind: 'memory', store: this.memory });
    this.loaded = true;

    if (found) {
      this.current = found.token;
      this.storage = found.kind;
      this.note = this.noteFor(found.kind);
      return found.token;
    }
    this.current = null;
    this.storage = 'none';
    this.note =
      unreadable ??
      (this.writable[0]?.kind === 'memory'
        ? this.noteFor('memory')
        : this.skipped.length > 0
          ? `A token you save will be kept encrypted in the app's data folder: ${this.skipped.join('; ')}.`
          : null);
    return null;
  }

  /**
   * Checks, tests and stores a new token (see the module docs).
   * @param testToken one cheap authenticated call with the token (the controller queues
   *   GET /scheduler/ through the monitor); rejects with ApiError, `unauthorized` refuses it.
   * @returns ok, or a message for the window (bad format, rejected by useapi.net, nowhere to store).
   */
  save(raw: string, testToken: (token: string) => Promise<void>): Promise<ActionResult> {
    return this.serial(async () => {
      if (!this.loaded) await this.doLoad();
      const token = typeof raw === 'string' ? raw.trim() : '';
      const formatProblem = checkTokenFormat(token);
      if (formatProblem) return { ok: false, message: formatProblem };

      let unverified: string | null = null;
      try {
        await testToken(token);
      } catch (e) {
        if (isApiError(e) && e.reason === 'unauthorized')
          return { ok: false, message: TOKEN_REJECTED_MESSAGE };
        unverified = isApiError(e) ? e.message : 'the test call failed';
        this.logger.info(`token: saved without verification (${isApiError(e) ? e.reason : 'error'})`);
      }

      for (const candidate of this.writable) {
        try {
          await candidate.store.set(token);
        } catch (e) {
          this.skipped.push(`${candidate.store.describe()} refused the token (${firstLine(e)})`);
          this.logger.warn(`token: could not save to ${candidate.kind}: ${firstLine(e)}`);
          continue;
        }
        await this.deleteOthers(candidate.kind);
        this.current = token;
        this.storage = candidate.kind;
        const note = this.noteFor(candidate.kind);
        this.note = unverified ? `${note} Not verified yet: ${unverified}` : note;
        return { ok: true };
      }
      // Unreachable in practice: memory never fails.
      return { ok: false, message: 'The token could not be stored anywhere.' };
    });
  }

  /** Deletes the token from every store. */
  remove(): Promise<ActionResult> {
    return this.serial(async () => {
      if (!this.loaded) await this.doLoad();
      await this.deleteOthers(null);
      this.current = null;
      this.storage = 'none';
      this.note = null;
      return { ok: true } as const;
    });
  }

  /** Describes the preferred store for new tokens (for debug info). */
  preferredStorage(): TokenStorage {
    return this.writable[0]?.kind ?? 'none';
  }

  private async safeStorageRefusal(store: EncryptedSecretStore): Promise<string | null> {
    let probe: EncryptionProbe;
    try {
      probe = await store.probe();
    } catch (e) {
      return `encryption check failed (${firstLine(e)})`;
    }
    if (!probe.available) return 'encryption is not available on this system';
    if (this.opts.platform === 'linux') {
      if (probe.backend === 'basic_text') return BASIC_TEXT_REASON;
      if (probe.backend === null || probe.backend === 'unknown')
        return 'the system keyring backend is not known';
    }
    return null;
  }

  private async deleteOthers(keep: Candidate['kind'] | null): Promise<void> {
    for (const c of this.scope) {
      if (c.kind === keep) continue;
      try {
        await c.store.delete();
      } catch (e) {
        this.logger.debug(`token: could not delete from ${c.kind}: ${firstLine(e)}`);
      }
    }
  }

  private noteFor(kind: Candidate['kind']): string {
    const why = this.skipped.length > 0 ? ` (${this.skipped.join('; ')})` : '';
    switch (kind) {
      case 'keychain':
        return `Saved in ${this.opts.keychain?.describe() ?? 'the system keychain'}.`;
      case 'safe-storage':
        return `Saved encrypted in the app's data folder${why}.`;
      case 'memory':
        return `Kept in memory only: you will need to enter it again after a restart${why}.`;
    }
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0] ?? text;
}
