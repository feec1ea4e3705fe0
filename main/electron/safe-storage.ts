/**
 * The token encrypted with Electron safeStorage, in `<userData>/token.safe.json` — the fallback
 * when the OS keychain cannot be used (see main/app/token-manager.ts for the order).
 *
 * File (mode 0600, written atomically): `{"version":1,"backend":"<backend>","ciphertext":"<base64>"}`.
 * The backend name (Linux: gnome_libsecret, kwallet…; elsewhere the platform's keychain/DPAPI) is
 * stored so a token saved under another desktop can be reported as such: ciphertext made under
 * KDE cannot be read under GNOME (Signal-Desktop#6970). Any read or decrypt failure rejects; the
 * token manager then treats it as "no token" and asks for it again.
 *
 * Refuses to store on Linux with the `basic_text` backend (a built-in key: effectively plain text).
 * Uses the async safeStorage API (Electron 42+) when present, the sync one otherwise.
 */
import { safeStorage as electronSafeStorage } from 'electron';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { EncryptedSecretStore, EncryptionProbe } from '../app/token-manager.ts';
import { BASIC_TEXT_REASON } from '../app/token-manager.ts';
import { writeFileAtomic } from '../core/ledger/atomic-write.ts';
import { silentLogger, type Logger } from '../core/types.ts';

/** File name of the encrypted token in userData. */
export const TOKEN_BLOB_FILE = 'token.safe.json';

/** The parts of Electron's safeStorage this store uses (tests pass the double's). */
export type SafeStorageApi = Pick<
  Electron.SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
> &
  Partial<
    Pick<Electron.SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'>
  >;

/** Options of {@link SafeStorageStore}. */
export interface SafeStorageStoreOptions {
  /** Folder for the blob file (userData). */
  dir: string;
  /** `process.platform`; default the current one. */
  platform?: NodeJS.Platform | string;
  /** Default: Electron's safeStorage. */
  safeStorage?: SafeStorageApi;
  logger?: Logger;
}

interface Blob {
  version: 1;
  backend: string;
  ciphertext: string;
}

/** See the module docs. Use only after the app is ready. */
export class SafeStorageStore implements EncryptedSecretStore {
  readonly kind = 'safe-storage' as const;
  readonly file: string;
  private readonly platform: string;
  private readonly api: SafeStorageApi;
  private readonly logger: Logger;

  constructor(opts: SafeStorageStoreOptions) {
    this.file = path.join(opts.dir, TOKEN_BLOB_FILE);
    this.platform = opts.platform ?? process.platform;
    this.api = opts.safeStorage ?? electronSafeStorage;
    this.logger = opts.logger ?? silentLogger;
  }

  describe(): string {
    return `encrypted app storage (${this.backendName()})`;
  }

  async probe(): Promise<EncryptionProbe> {
    const available = this.api.isAsyncEncryptionAvailable
      ? await this.api.isAsyncEncryptionAvailable()
      : this.api.isEncryptionAvailable();
    return { available, backend: this.platform === 'linux' ? this.api.getSelectedStorageBackend() : null };
  }

  async get(): Promise<string | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error(`The encrypted token file could not be read (${(e as Error).message}).`, { cause: e });
    }
    const blob = parseBlob(text);
    if (!blob) throw new Error('The encrypted token file is damaged.');
    const cipher = Buffer.from(blob.ciphertext, 'base64');
    let plain: string;
    let reEncrypt = false;
    try {
      if (this.api.decryptStringAsync) {
        const r = await this.api.decryptStringAsync(cipher);
        plain = r.result;
        reEncrypt = r.shouldReEncrypt;
      } else {
        plain = this.api.decryptString(cipher);
      }
    } catch {
      const now = this.backendName();
      const where =
        blob.backend !== now ? ` (it was saved with ${blob.backend}, this session uses ${now})` : '';
      throw new Error(`The saved token could not be decrypted${where}.`);
    }
    if (reEncrypt) {
      await this.set(plain).catch((e: unknown) =>
        this.logger.warn(`safe-storage: could not re-encrypt after a key rotation: ${(e as Error).message}`),
      );
    }
    return plain === '' ? null : plain;
  }

  async set(token: string): Promise<void> {
    const probe = await this.probe();
    if (!probe.available) throw new Error('Encryption is not available on this system.');
    if (this.platform === 'linux' && (probe.backend === 'basic_text' || probe.backend === 'unknown')) {
      throw new Error(`Refusing to store the token: ${BASIC_TEXT_REASON}.`);
    }
    const cipher = this.api.encryptStringAsync
      ? await this.api.encryptStringAsync(token)
      : this.api.encryptString(token);
    const blob: Blob = {
      version: 1,
      backend: this.backendName(),
      ciphertext: Buffer.from(cipher).toString('base64'),
    };
    await writeFileAtomic(this.file, `${JSON.stringify(blob)}\n`, 0o600);
  }

  async delete(): Promise<boolean> {
    try {
      await rm(this.file);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new Error(`The encrypted token file could not be deleted (${(e as Error).message}).`, {
        cause: e,
      });
    }
  }

  private backendName(): string {
    if (this.platform === 'linux') return this.api.getSelectedStorageBackend();
    if (this.platform === 'darwin') return 'macOS Keychain key';
    if (this.platform === 'win32') return 'Windows DPAPI';
    return this.platform;
  }
}

function parseBlob(text: string): Blob | null {
  try {
    const v = JSON.parse(text) as Partial<Blob> | null;
    if (v && v.version === 1 && typeof v.backend === 'string' && typeof v.ciphertext === 'string') {
      return v as Blob;
    }
  } catch {
    // fall through
  }
  return null;
}
