/**
 * The API token in the OS keychain, shared by the tray app and the `minimax-jobs` CLI.
 *
 * Entry: service `minimax-tray`, account `useapi-token` (macOS Keychain, Windows Credential
 * Manager, Linux Secret Service through GNOME Keyring/KWallet/KeePassXC). On Linux the entry is
 * pinned to the Secret Service: the kernel keyring fallback is in-memory and lost on reboot, so
 * it is never used. Backed by @napi-rs/keyring (maintained, prebuilt, N-API) instead of the
 * archived keytar.
 *
 * The native module is loaded lazily, on the first keychain call, and guarded: a build whose
 * binding for this OS and CPU is missing (an x64 macOS app packed on an arm64 machine, a
 * hand-copied node_modules) gets a {@link KeychainUnavailableError} from that call, which the app
 * answers by using safeStorage and the CLI by asking for USEAPI_TOKEN; nothing fails at start-up.
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

/**
 * Creates a keyring entry; may throw when the keychain cannot be used at all. The default loads
 * @napi-rs/keyring (a native module) on its first call.
 */
export type KeyringEntryFactory = (service: string, account: string) => KeyringEntry;

/** The OS keychain cannot be used in this process: its native module did not load. */
export class KeychainUnavailableError extends Error {
  override name = 'KeychainUnavailableError';
}

const defaultFactory: KeyringEntryFactory = (service, account) => {
  let keyring: {
    AsyncEntry: new (
      s: string,
      a: string,
      o?: { linux?: { store?: 'secret-service' | 'keyutils' } },
    ) => KeyringEntry;
  };
  try {
    keyring = createRequire(import.meta.url)('@napi-rs/keyring') as typeof keyring;
  } catch (e) {
    // napi-rs says "Cannot find native binding. npm has a bug…", which misleads an app's user.
    const why = /native binding/i.test(errorText(e))
      ? `no native binding for ${process.platform}-${process.arch}`
      : errorText(e);
    throw new KeychainUnavailableError(`the keychain module @napi-rs/keyring could not be loaded: ${why}`, {
      cause: e,
    });
  }
  return new keyring.AsyncEntry(service, account, { linux: { store: 'secret-service' } });
};

/** Human name of the platform keychain. */
export function keychainName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'the macOS Keychain';
  if (platform === 'win32') return 'the Windows Credential Manager';
  return 'the Secret Service keyring (GNOME Keyring, KWallet or KeePassXC)';
}

/**
 * The OS keychain as a {@link SecretStore}. Constructing it loads nothing; each method rejects
 * with a {@link KeychainUnavailableError} when the native module cannot be loaded. Errors from the
 * native store (locked, no D-Bus session, no Secret Service) are rethrown as Errors whose message
 * says which keychain failed; they never contain the token.
 */
export class KeychainStore implements SecretStore {
  readonly kind = 'keychain' as const;
  private readonly factory: KeyringEntryFactory;
  private entry: KeyringEntry | KeychainUnavailableError | null = null;

  constructor(factory: KeyringEntryFactory = defaultFactory) {
    this.factory = factory;
  }

  describe(): string {
    return keychainName();
  }

  async get(): Promise<string | null> {
    const entry = this.open();
    try {
      const value = await entry.getPassword();
      return value === null || value === '' ? null : value;
    } catch (e) {
      throw new Error(`Could not read ${keychainName()}: ${errorText(e)}`, { cause: e });
    }
  }

  async set(token: string): Promise<void> {
    const entry = this.open();
    try {
      await entry.setPassword(token);
    } catch (e) {
      throw new Error(`Could not save to ${keychainName()}: ${errorText(e)}`, { cause: e });
    }
  }

  async delete(): Promise<boolean> {
    const entry = this.open();
    try {
      return await entry.deletePassword();
    } catch (e) {
      throw new Error(`Could not delete from ${keychainName()}: ${errorText(e)}`, { cause: e });
    }
  }

  /** The entry, made on first use; a failure to make it is kept and thrown every time. */
  private open(): KeyringEntry {
    if (this.entry === null) {
      try {
        this.entry = this.factory(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT);
      } catch (e) {
        this.entry =
          e instanceof KeychainUnavailableError
            ? e
            : new KeychainUnavailableError(`${keychainName()} cannot be used: ${errorText(e)}`, { cause: e });
      }
    }
    if (this.entry instanceof KeychainUnavailableError) throw this.entry;
    return this.entry;
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
