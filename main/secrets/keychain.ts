/**
 * The API token in the OS keychain, shared by the tray app and the `minimax-jobs` CLI.
 *
 * Entry: service `minimax-tray`, account `useapi-token` (macOS Keychain, Windows Credential
 * Manager, Linux Secret Service through GNOME Keyring/KWallet/KeePassXC). On Linux the entry is
 * pinned to the Secret Service: the kernel keyring fallback is in-memory and lost on reboot, so
 * it is never used. Backed by @napi-rs/keyring (maintained, prebuilt, N-API) instead of the
 * archived keytar.
 */
import { createRequire } from 'node:module';

/** Keychain service name (shared with the CLI). */
export const KEYCHAIN_SERVICE = 'minimax-tray';
/** Keychain account name (shared with the CLI). */
export const KEYCHAIN_ACCOUNT = 'useapi-token';

/** A place that can hold the token. Every method rejects with a plain Error on failure. */
export interface SecretStore {
  /** Where the token lives, for the UI: never the token itself. */
  readonly kind: 'keychain' | 'safe-storage' | 'memory';
  /** Human description, e.g. "the OS keychain (Secret Service)". */
  describe(): string;
  get(): Promise<string | null>;
  set(token: string): Promise<void>;
  /** Resolves true when something was deleted. */
  delete(): Promise<boolean>;
}

/** The subset of @napi-rs/keyring's AsyncEntry used here (tests pass fakes). */
export interface KeyringEntry {
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  deletePassword(): Promise<boolean>;
}

/** Creates a keyring entry; default loads @napi-rs/keyring lazily (a native module). */
export type KeyringEntryFactory = (service: string, account: string) => KeyringEntry;

const defaultFactory: KeyringEntryFactory = (service, account) => {
  const require = createRequire(import.meta.url);
  const keyring = require('@napi-rs/keyring') as {
    AsyncEntry: new (
      s: string,
      a: string,
      o?: { linux?: { store?: 'secret-service' | 'keyutils' } },
    ) => KeyringEntry;
  };
  return new keyring.AsyncEntry(service, account, { linux: { store: 'secret-service' } });
};

/** Human name of the platform keychain. */
export function keychainName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'the macOS Keychain';
  if (platform === 'win32') return 'the Windows Credential Manager';
  return 'the Secret Service keyring (GNOME Keyring, KWallet or KeePassXC)';
}

/**
 * The OS keychain as a {@link SecretStore}. Errors from the native store (locked, no D-Bus
 * session, no Secret Service) are rethrown as Errors whose message says which keychain failed;
 * they never contain the token.
 */
export class KeychainStore implements SecretStore {
  readonly kind = 'keychain' as const;
  private readonly entry: KeyringEntry;

  constructor(factory: KeyringEntryFactory = defaultFactory) {
    this.entry = factory(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT);
  }

  describe(): string {
    return keychainName();
  }

  async get(): Promise<string | null> {
    try {
      const value = await this.entry.getPassword();
      return value === null || value === '' ? null : value;
    } catch (e) {
      throw new Error(`Could not read ${keychainName()}: ${errorText(e)}`, { cause: e });
    }
  }

  async set(token: string): Promise<void> {
    try {
      await this.entry.setPassword(token);
    } catch (e) {
      throw new Error(`Could not save to ${keychainName()}: ${errorText(e)}`, { cause: e });
    }
  }

  async delete(): Promise<boolean> {
    try {
      return await this.entry.deletePassword();
    } catch (e) {
      throw new Error(`Could not delete from ${keychainName()}: ${errorText(e)}`, { cause: e });
    }
  }
}

/** A store that keeps the token in memory until the process exits (the last resort). */
export class MemoryStore implements SecretStore {
  readonly kind = 'memory' as const;
  private value: string | null = null;
  describe(): string {
    return 'memory only (forgotten when the app quits)';
  }
  async get(): Promise<string | null> {
    return this.value;
  }
  async set(token: string): Promise<void> {
    this.value = token;
  }
  async delete(): Promise<boolean> {
    const had = this.value !== null;
    this.value = null;
    return had;
  }
}

/** First line of an error's message, or its string form. */
function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0] ?? text;
}
