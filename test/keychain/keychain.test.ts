// The token in a real OS keychain: gnome-keyring's Secret Service inside a private D-Bus session
// (`npm test` starts one with dbus-run-session; see scripts/test-all.mjs). Proves the tray app's
// store and the CLI share the same entry, and that Linux uses the Secret Service, not the kernel
// keyring.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Simulator } from '../../main/core/simulator/index.ts';
import { KEYCHAIN_ACCOUNT, KEYCHAIN_SERVICE, KeychainStore } from '../../main/secrets/keychain.ts';

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve('main/cli/bin.ts'), ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe(
  'OS keychain (Secret Service)',
  { skip: !process.env.DBUS_SESSION_BUS_ADDRESS && 'no D-Bus session' },
  () => {
    const store = new KeychainStore();
    let sim: Simulator;
    let base: string;
    before(async () => {
      await store.delete().catch(() => false);
      sim = new Simulator();
      base = (await sim.start()).baseUrl;
    });
    after(async () => {
      await store.delete().catch(() => false);
      await sim.stop();
    });

    test('save, read back, replace and remove the token', async () => {
      assert.equal(await store.get(), null);
      await store.set('user:1-first');
      assert.equal(await store.get(), 'user:1-first');
      await store.set('user:1-second');
      assert.equal(await store.get(), 'user:1-second');
      assert.equal(await store.delete(), true);
      assert.equal(await store.get(), null);
      assert.equal(await store.delete(), false);
    });

    test('the entry lives in the Secret Service under the documented service and account', async () => {
      await store.set('user:1-visible');
      const { findCredentialsAsync } = (await import('@napi-rs/keyring')) as unknown as {
        findCredentialsAsync: (service: string) => Promise<{ account: string; password: string }[]>;
      };
      const found = await findCredentialsAsync(KEYCHAIN_SERVICE);
      assert.deepEqual(
        found.map((c) => c.account),
        [KEYCHAIN_ACCOUNT],
      );
      // The kernel keyring would not survive a reboot; an entry pinned to it must not hold the token.
      const keyring = (await import('@napi-rs/keyring')) as unknown as {
        AsyncEntry: new (s: string, a: string, o: object) => { getPassword(): Promise<string | null> };
      };
      const kernel = new keyring.AsyncEntry(KEYCHAIN_SERVICE, KEYCHAIN_ACCOUNT, {
        linux: { store: 'keyutils' },
      });
      assert.equal(await kernel.getPassword().catch(() => null), null);
    });

    test('the CLI reads the token the app saved when USEAPI_TOKEN is unset', async () => {
      await store.set(sim.token);
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: os.tmpdir(),
        DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '',
        USEAPI_TOKEN: '',
      };
      const ok = await cli(['list', '--json', '--api-base', base], env);
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(JSON.parse(ok.stdout).type, 'jobs');

      await store.set('user:9-not-the-right-one');
      const rejected = await cli(['list', '--json', '--api-base', base], env);
      assert.equal(rejected.code, 3);
    });
  },
);
