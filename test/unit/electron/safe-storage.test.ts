import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TokenManager } from '../../../main/app/token-manager.ts';
import { SafeStorageStore, TOKEN_BLOB_FILE } from '../../../main/electron/safe-storage.ts';
import { doubleConfig } from '../../support/electron-double.ts';
import { freshDouble, tempDir } from './helpers.ts';

const TOKEN = 'user:5150-SafeStorageToken42';
let dir = '';

beforeEach(() => {
  freshDouble();
  dir = tempDir('mt-safe-');
});

describe('safeStorage token file', () => {
  test('stores the token encrypted (never in plain text), owner-only, with the backend name', async () => {
    const store = new SafeStorageStore({ dir, platform: 'linux' });
    await store.set(TOKEN);
    const file = path.join(dir, TOKEN_BLOB_FILE);
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes(TOKEN));
    assert.ok(!text.includes('SafeStorageToken42'));
    const blob = JSON.parse(text) as { version: number; backend: string; ciphertext: string };
    assert.equal(blob.version, 1);
    assert.equal(blob.backend, 'gnome_libsecret');
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(await store.get(), TOKEN);
  });

  test('no file means no token; delete removes it', async () => {
    const store = new SafeStorageStore({ dir, platform: 'darwin' });
    assert.equal(await store.get(), null);
    assert.equal(await store.delete(), false);
    await store.set(TOKEN);
    assert.equal(await store.delete(), true);
    assert.equal(existsSync(path.join(dir, TOKEN_BLOB_FILE)), false);
  });

  test('Linux basic_text is refused: nothing is written', async () => {
    doubleConfig.safeStorageBackend = 'basic_text';
    const store = new SafeStorageStore({ dir, platform: 'linux' });
    assert.deepEqual(await store.probe(), { available: true, backend: 'basic_text' });
    await assert.rejects(store.set(TOKEN), /basic_text/);
    assert.equal(existsSync(path.join(dir, TOKEN_BLOB_FILE)), false);
  });

  test('a token saved under another keyring cannot be decrypted: the error says so, without the token', async () => {
    const store = new SafeStorageStore({ dir, platform: 'linux' });
    await store.set(TOKEN);
    doubleConfig.safeStorageBackend = 'kwallet6';
    doubleConfig.decryptFails = true;
    await assert.rejects(store.get(), (e: Error) => {
      assert.match(e.message, /saved with gnome_libsecret, this session uses kwallet6/);
      assert.ok(!e.message.includes(TOKEN));
      return true;
    });
  });

  test('a damaged file is reported, not a crash', async () => {
    writeFileSync(path.join(dir, TOKEN_BLOB_FILE), '{"version":1,');
    await assert.rejects(new SafeStorageStore({ dir, platform: 'darwin' }).get(), /damaged/);
  });

  test('through the token manager an undecryptable token counts as none, with a note', async () => {
    const store = new SafeStorageStore({ dir, platform: 'darwin' });
    await store.set(TOKEN);
    doubleConfig.decryptFails = true;
    const tm = new TokenManager({
      keychain: null,
      safeStorage: store,
      platform: 'darwin',
    });
    assert.equal(await tm.load(), null);
    assert.equal(tm.info().stored, false);
    assert.match(tm.info().note ?? '', /could not be decrypted/);
  });
});
