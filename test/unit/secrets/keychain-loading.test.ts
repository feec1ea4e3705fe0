// The keychain's native module is loaded on first use and guarded: creating the store never
// touches it, and a module that cannot load gives every call the same clear error instead of
// failing start-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  KEYCHAIN_ACCOUNT,
  KEYCHAIN_SERVICE,
  KeychainStore,
  KeychainUnavailableError,
  type KeyringEntry,
} from '../../../main/secrets/keychain.ts';

test('nothing is loaded until the first call; then once, for the shared entry', async () => {
  const made: string[] = [];
  const store = new KeychainStore((service, account) => {
    made.push(`${service}/${account}`);
    const entry: KeyringEntry = {
      getPassword: async () => 'user:1-abc',
      setPassword: async () => {},
      deletePassword: async () => true,
    };
    return entry;
  });
  assert.deepEqual(made, []);
  assert.equal(await store.get(), 'user:1-abc');
  await store.set('user:1-def');
  assert.deepEqual(made, [`${KEYCHAIN_SERVICE}/${KEYCHAIN_ACCOUNT}`]);
});

test('a module that cannot load: every call rejects with KeychainUnavailableError, nothing throws before', async () => {
  let attempts = 0;
  const store = new KeychainStore(() => {
    attempts += 1;
    throw new Error('Cannot find module @napi-rs/keyring-darwin-x64');
  });
  for (const call of [() => store.get(), () => store.set('user:1-abc'), () => store.delete()]) {
    await assert.rejects(call(), (e: unknown) => {
      assert.ok(e instanceof KeychainUnavailableError);
      assert.match(e.message, /cannot be used: Cannot find module @napi-rs\/keyring-darwin-x64/);
      return true;
    });
  }
  assert.equal(attempts, 1, 'a failed load is not retried on every call');
});
