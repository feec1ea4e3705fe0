import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultSettings } from '../../../main/app/settings.ts';
import { openSettingsStore } from '../../../main/electron/settings-store.ts';
import type { Logger } from '../../../main/core/types.ts';
import { freshDouble, tempDir } from './helpers.ts';

let dir = '';
let warnings: string[] = [];
const logger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (m) => warnings.push(m),
  error: (m) => warnings.push(m),
};

beforeEach(() => {
  freshDouble();
  dir = tempDir('mt-settings-');
  warnings = [];
});

const file = (): string => path.join(dir, 'settings.json');
const backups = (): string[] => readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'));

describe('settings store (electron-store)', () => {
  test('first run: the defaults, and a file once something is saved', () => {
    const { store } = openSettingsStore({ cwd: dir, logger });
    assert.deepEqual(store.load(), defaultSettings());
    store.save({ ...defaultSettings(), hidePrompts: true, fixedIntervalMs: 90_000 });
    const again = openSettingsStore({ cwd: dir, logger }).store.load();
    assert.equal(again.hidePrompts, true);
    assert.equal(again.fixedIntervalMs, 90_000);
    assert.ok(existsSync(file()));
    assert.deepEqual(warnings, []);
  });

  test('a file that is not JSON resets to the defaults with a warning and a backup, never a crash', () => {
    writeFileSync(file(), '{"hidePrompts": tru');
    const { store } = openSettingsStore({ cwd: dir, logger, now: () => 1234 });
    assert.deepEqual(store.load(), defaultSettings());
    assert.deepEqual(backups(), ['settings.json.corrupt-1234']);
    assert.equal(readFileSync(path.join(dir, 'settings.json.corrupt-1234'), 'utf8'), '{"hidePrompts": tru');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /damaged.*reset to defaults/);
  });

  test('invalid values fall back to their defaults; valid ones are kept', () => {
    writeFileSync(
      file(),
      JSON.stringify({
        hidePrompts: true,
        fixedIntervalMs: 5,
        pollingMode: 'turbo',
        apiBaseUrl: 'http://evil.example',
      }),
    );
    const { store } = openSettingsStore({ cwd: dir, logger, now: () => 99 });
    const s = store.load();
    assert.equal(s.hidePrompts, true, 'valid value kept');
    assert.equal(s.fixedIntervalMs, defaultSettings().fixedIntervalMs);
    assert.equal(s.pollingMode, 'adaptive');
    assert.equal(s.apiBaseUrl, defaultSettings().apiBaseUrl);
    assert.deepEqual(backups(), ['settings.json.corrupt-99']);
    assert.match(warnings.join('\n'), /fixedIntervalMs/);
  });

  test('an array or a string instead of an object is also survived', () => {
    writeFileSync(file(), '[1,2,3]');
    assert.deepEqual(openSettingsStore({ cwd: dir, logger }).store.load(), defaultSettings());
    writeFileSync(file(), '"hello"');
    assert.deepEqual(openSettingsStore({ cwd: dir, logger }).store.load(), defaultSettings());
  });

  test('settings from a development build (0.0.x) are migrated', () => {
    writeFileSync(
      file(),
      JSON.stringify({
        pollIntervalSeconds: 40,
        apiBase: 'https://proxy.example/v1/minimax',
        hidePrompts: true,
        __internal__: { migrations: { version: '0.0.3' } },
      }),
    );
    const { store } = openSettingsStore({ cwd: dir, logger, projectVersion: '0.1.0' });
    const s = store.load();
    assert.equal(s.fixedIntervalMs, 40_000);
    assert.equal(s.apiBaseUrl, 'https://proxy.example/v1/minimax');
    assert.equal(s.hidePrompts, true);
    const raw = JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;
    assert.ok(!('pollIntervalSeconds' in raw) && !('apiBase' in raw));
    assert.deepEqual(backups(), [], 'a migration is not damage');
  });

  test('0.2.0: a fresh install gets the global shortcut on; an update from 0.1.0 leaves it off', () => {
    const fresh = openSettingsStore({ cwd: dir, logger, projectVersion: '0.2.0' }).store.load();
    assert.equal(fresh.globalShortcutEnabled, true);
    const old = tempDir('mt-settings-old-');
    writeFileSync(
      path.join(old, 'settings.json'),
      JSON.stringify({
        ...defaultSettings010(),
        hidePrompts: true,
        __internal__: { migrations: { version: '0.1.0' } },
      }),
    );
    const updated = openSettingsStore({ cwd: old, logger, projectVersion: '0.2.0' }).store.load();
    assert.equal(updated.globalShortcutEnabled, false);
    assert.equal(updated.globalShortcut, 'CommandOrControl+Shift+M');
    assert.equal(updated.hidePrompts, true, 'the rest is kept');
    assert.deepEqual(updated.accountModes, {}, 'new keys come from the defaults');
    const raw = JSON.parse(readFileSync(path.join(old, 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(raw.globalShortcutEnabled, false, 'written to the file');
  });

  test('account modes and the pin survive a restart, hostile account ids included', () => {
    const { store } = openSettingsStore({ cwd: dir, logger });
    const accountModes = Object.fromEntries([
      ['111', 'muted'],
      ['__proto__', 'hidden'],
      ['a.b', 'hidden'],
    ]) as Record<string, 'muted' | 'hidden'>;
    store.save({ ...defaultSettings(), keepWindowOpen: true, accountModes });
    const again = openSettingsStore({ cwd: dir, logger }).store.load();
    assert.equal(again.keepWindowOpen, true);
    assert.deepEqual(Object.entries(again.accountModes), Object.entries(accountModes));
    assert.deepEqual(warnings, []);
  });

  test('an invalid account mode in the file is dropped, the other modes kept', () => {
    writeFileSync(
      file(),
      JSON.stringify({ ...defaultSettings(), accountModes: { '111': 'muted', '222': 'loud' } }),
    );
    const s = openSettingsStore({ cwd: dir, logger, now: () => 7 }).store.load();
    assert.deepEqual(s.accountModes, { '111': 'muted' });
    assert.deepEqual(backups(), ['settings.json.corrupt-7']);
    assert.match(warnings.join('\n'), /accountModes/);
  });

  test('a file written before websiteJobs existed opens with website jobs on, nothing reset', () => {
    const old = {
      ...defaultSettings(),
      hidePrompts: true,
      __internal__: { migrations: { version: '0.1.0' } },
    };
    delete (old as Partial<typeof old>).websiteJobs;
    writeFileSync(file(), JSON.stringify(old));
    const s = openSettingsStore({ cwd: dir, logger, projectVersion: '0.1.0' }).store.load();
    assert.equal(s.websiteJobs, true);
    assert.equal(s.hidePrompts, true);
    assert.deepEqual(backups(), []);
    assert.deepEqual(warnings, []);
  });

  test('an unusable folder runs on in-memory defaults and says so', () => {
    const notADir = path.join(dir, 'plain-file');
    writeFileSync(notADir, 'x');
    const { store, file: where } = openSettingsStore({ cwd: notADir, logger });
    assert.equal(where, null);
    assert.deepEqual(store.load(), defaultSettings());
    store.save({ ...defaultSettings(), hidePrompts: true });
    assert.equal(store.load().hidePrompts, true);
    assert.match(warnings.join('\n'), /using defaults for this session/);
  });
});

/** The settings keys a 0.1.0 store had (before the shortcut, the pin and account modes). */
function defaultSettings010(): Record<string, unknown> {
  const {
    globalShortcut: _s,
    globalShortcutEnabled: _e,
    keepWindowOpen: _k,
    accountModes: _a,
    ...rest
  } = defaultSettings();
  return rest;
}
