import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASIC_TEXT_REASON,
  TOKEN_REJECTED_MESSAGE,
  TokenManager,
  type EncryptedSecretStore,
  type EncryptionProbe,
  type TokenManagerOptions,
} from '../../../main/app/token-manager.ts';
import { ApiError } from '../../../main/core/api/errors.ts';
import type { SecretStore } from '../../../main/secrets/keychain.ts';
import type { ActionResult } from '../../../main/ipc.ts';

const TOKEN = 'user:4242-AbCdEf0123456789';
const OTHER = 'user:4242-Zyxw987654321';

/** An in-memory store that can be told to fail. */
class FakeStore implements SecretStore {
  readonly kind: 'keychain' | 'safe-storage' | 'memory';
  value: string | null = null;
  failGet: Error | null = null;
  failSet: Error | null = null;
  sets = 0;
  deletes = 0;
  constructor(kind: 'keychain' | 'safe-storage' | 'memory', value: string | null = null) {
    this.kind = kind;
    this.value = value;
  }
  describe(): string {
    return this.kind === 'keychain' ? 'the test keychain' : 'encrypted test file';
  }
  async get(): Promise<string | null> {
    if (this.failGet) throw this.failGet;
    return this.value;
  }
  async set(token: string): Promise<void> {
    this.sets++;
    if (this.failSet) throw this.failSet;
    this.value = token;
  }
  async delete(): Promise<boolean> {
    this.deletes++;
    const had = this.value !== null;
    this.value = null;
    return had;
  }
}

class FakeEncrypted extends FakeStore implements EncryptedSecretStore {
  declare readonly kind: 'safe-storage';
  probeResult: EncryptionProbe = { available: true, backend: 'gnome_libsecret' };
  constructor(value: string | null = null) {
    super('safe-storage', value);
  }
  async probe(): Promise<EncryptionProbe> {
    return this.probeResult;
  }
}

type TokenTest = (token: string) => Promise<void>;

/** A TokenManager whose save() uses a fixed test call (the controller passes its own per save). */
class TestTokenManager extends TokenManager {
  private readonly testFn: TokenTest;
  constructor(opts: TokenManagerOptions, testFn: TokenTest) {
    super(opts);
    this.testFn = testFn;
  }
  override save(raw: string, testToken: TokenTest = this.testFn): Promise<ActionResult> {
    return super.save(raw, testToken);
  }
}

function manager(
  o: Partial<TokenManagerOptions> & { tested?: string[]; testToken?: TokenTest } = {},
): TestTokenManager {
  const tested = o.tested ?? [];
  const { testToken, ...rest } = o;
  return new TestTokenManager(
    { keychain: null, safeStorage: null, platform: 'linux', ...rest },
    testToken ??
      (async (t) => {
        tested.push(t);
      }),
  );
}

describe('token manager: where the token lives', () => {
  test('the keychain is preferred and read first', async () => {
    const keychain = new FakeStore('keychain', TOKEN);
    const safe = new FakeEncrypted(OTHER);
    const tm = manager({ keychain, safeStorage: safe });
    assert.equal(await tm.load(), TOKEN);
    assert.deepEqual(tm.info(), { stored: true, storage: 'keychain', note: 'Saved in the test keychain.' });
  });

  test('keychain unavailable (no D-Bus, locked) → safeStorage, with the reason in the note', async () => {
    const keychain = new FakeStore('keychain');
    keychain.failGet = new Error('Could not read the Secret Service keyring: no session bus');
    const safe = new FakeEncrypted();
    const tm = manager({ keychain, safeStorage: safe });
    assert.equal(await tm.load(), null);
    assert.match(
      tm.info().note ?? '',
      /will be kept encrypted in the app's data folder: .*no session bus/,
      'said before a token is saved',
    );
    assert.deepEqual(await tm.save(TOKEN), { ok: true });
    assert.equal(safe.value, TOKEN);
    const info = tm.info();
    assert.equal(info.storage, 'safe-storage');
    assert.match(info.note ?? '', /no session bus/);
  });

  test('Linux basic_text safeStorage is refused: the token stays in memory only, and the note says why', async () => {
    const keychain = new FakeStore('keychain');
    keychain.failGet = new Error('no keyring');
    const safe = new FakeEncrypted();
    safe.probeResult = { available: true, backend: 'basic_text' };
    const tm = manager({ keychain, safeStorage: safe, platform: 'linux' });
    await tm.load();
    assert.deepEqual(await tm.save(TOKEN), { ok: true });
    assert.equal(safe.sets, 0, 'nothing written with the built-in key');
    assert.equal(tm.token(), TOKEN);
    assert.equal(tm.info().storage, 'memory');
    assert.ok(tm.info().note?.includes(BASIC_TEXT_REASON));
    assert.match(tm.info().note ?? '', /enter it again after a restart/);
  });

  test('an unknown Linux backend is refused too; other platforms have no backend to check', async () => {
    const safe = new FakeEncrypted();
    safe.probeResult = { available: true, backend: 'unknown' };
    const linux = manager({ safeStorage: safe, platform: 'linux' });
    await linux.load();
    await linux.save(TOKEN);
    assert.equal(linux.info().storage, 'memory');

    const mac = new FakeEncrypted();
    mac.probeResult = { available: true, backend: null };
    const darwin = manager({ safeStorage: mac, platform: 'darwin' });
    await darwin.load();
    await darwin.save(TOKEN);
    assert.equal(darwin.info().storage, 'safe-storage');
  });

  test('encryption not available at all → memory', async () => {
    const safe = new FakeEncrypted();
    safe.probeResult = { available: false, backend: 'gnome_libsecret' };
    const tm = manager({ safeStorage: safe });
    await tm.load();
    await tm.save(TOKEN);
    assert.equal(tm.info().storage, 'memory');
    assert.match(tm.info().note ?? '', /encryption is not available/);
  });

  test('a keychain that fails while saving hands over to the next store', async () => {
    const keychain = new FakeStore('keychain');
    keychain.failSet = new Error('user denied access');
    const safe = new FakeEncrypted();
    const tm = manager({ keychain, safeStorage: safe });
    await tm.load();
    assert.deepEqual(await tm.save(TOKEN), { ok: true });
    assert.equal(keychain.value, null);
    assert.equal(safe.value, TOKEN);
    assert.match(tm.info().note ?? '', /user denied access/);
  });

  test('an undecryptable saved token counts as no token, with a note asking for it again', async () => {
    const safe = new FakeEncrypted(TOKEN);
    safe.failGet = new Error('Error while decrypting the ciphertext');
    const tm = manager({ safeStorage: safe, platform: 'darwin' });
    assert.equal(await tm.load(), null);
    assert.equal(tm.info().stored, false);
    assert.match(tm.info().note ?? '', /could not be decrypted.*Enter it again/);
  });

  test('saving to the keychain removes an older copy from the encrypted file', async () => {
    const keychain = new FakeStore('keychain');
    const safe = new FakeEncrypted(OTHER);
    const tm = manager({ keychain, safeStorage: safe });
    assert.equal(await tm.load(), OTHER);
    await tm.save(TOKEN);
    assert.equal(keychain.value, TOKEN);
    assert.equal(safe.value, null);
    assert.equal(tm.info().storage, 'keychain');
  });

  test('remove deletes the token everywhere', async () => {
    const keychain = new FakeStore('keychain', TOKEN);
    const safe = new FakeEncrypted(OTHER);
    const tm = manager({ keychain, safeStorage: safe });
    await tm.load();
    assert.deepEqual(await tm.remove(), { ok: true });
    assert.equal(keychain.value, null);
    assert.equal(safe.value, null);
    assert.equal(tm.token(), null);
    assert.deepEqual(tm.info(), { stored: false, storage: 'none', note: null });
  });

  test('an initial (demo) token is memory-only and never touches the keychain', async () => {
    const keychain = new FakeStore('keychain', OTHER);
    const tm = manager({ keychain, initialToken: TOKEN, initialNote: 'Demo token' });
    assert.equal(await tm.load(), TOKEN);
    assert.deepEqual(tm.info(), { stored: true, storage: 'memory', note: 'Demo token' });
    await tm.save(OTHER);
    assert.equal(keychain.sets, 0);
    assert.equal(keychain.deletes, 0);
    assert.equal(tm.token(), OTHER);
  });
});

describe('token manager: checking a new token', () => {
  test('a malformed token is refused without any request', async () => {
    const tested: string[] = [];
    const tm = manager({ tested });
    await tm.load();
    const r = await tm.save('not-a-token');
    assert.equal(r.ok, false);
    assert.match((r as { message: string }).message, /does not look like a useapi\.net token/);
    assert.deepEqual(tested, []);
  });

  test('the token is trimmed and tested with one call before saving', async () => {
    const tested: string[] = [];
    const keychain = new FakeStore('keychain');
    const tm = manager({ tested, keychain });
    await tm.load();
    assert.deepEqual(await tm.save(`  ${TOKEN}\n`), { ok: true });
    assert.deepEqual(tested, [TOKEN]);
    assert.equal(keychain.value, TOKEN);
  });

  test('401 on the test call refuses the token with a clear message and stores nothing', async () => {
    const keychain = new FakeStore('keychain', OTHER);
    const tm = manager({
      keychain,
      testToken: async () => {
        throw new ApiError('unauthorized', 'Unauthorized', { status: 401 });
      },
    });
    await tm.load();
    const r = await tm.save(TOKEN);
    assert.deepEqual(r, { ok: false, message: TOKEN_REJECTED_MESSAGE });
    assert.equal(keychain.value, OTHER, 'the previous token is kept');
    assert.equal(tm.token(), OTHER);
    assert.ok(!TOKEN_REJECTED_MESSAGE.includes(TOKEN));
  });

  test('offline during the test call: saved anyway, the note says it is not verified yet', async () => {
    const keychain = new FakeStore('keychain');
    const tm = manager({
      keychain,
      testToken: async () => {
        throw new ApiError('network', 'Could not reach api.useapi.net');
      },
    });
    await tm.load();
    assert.deepEqual(await tm.save(TOKEN), { ok: true });
    assert.equal(keychain.value, TOKEN);
    assert.match(tm.info().note ?? '', /Not verified yet: Could not reach api\.useapi\.net/);
  });

  test('no note or info ever contains the token', async () => {
    const keychain = new FakeStore('keychain');
    keychain.failSet = new Error('denied');
    const tm = manager({ keychain, safeStorage: new FakeEncrypted() });
    await tm.load();
    await tm.save(TOKEN);
    assert.ok(!JSON.stringify(tm.info()).includes(TOKEN));
  });
});
