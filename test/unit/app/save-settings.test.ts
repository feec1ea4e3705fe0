// Settings, "Save results to a folder": stored values checked, the window never names the folder.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normalizeSaveResults, saverConfig } from '../../../main/app/save-settings.ts';
import { applySettingsPatch, defaultSettings, normalizeSettings } from '../../../main/app/settings.ts';
import { REQUEST_SCHEMAS } from '../../../main/electron/ipc-handlers.ts';

describe('save-results settings', () => {
  test('off by default, videos only, no folder; settings from before the feature get the same', () => {
    assert.deepEqual(defaultSettings().saveResults, { enabled: false, folder: null, kinds: 'videos' });
    const { settings, problems } = normalizeSettings({ ...defaultSettings(), saveResults: undefined });
    assert.deepEqual(settings.saveResults, { enabled: false, folder: null, kinds: 'videos' });
    assert.deepEqual(problems, []);
  });

  test('damaged stored values fall back one by one, and "on" without a folder is off', () => {
    const problems: string[] = [];
    assert.deepEqual(normalizeSaveResults({ enabled: 'yes', folder: 42, kinds: 'movies' }, problems), {
      enabled: false,
      folder: null,
      kinds: 'videos',
    });
    assert.equal(problems.length, 3);
    assert.deepEqual(normalizeSaveResults({ enabled: true, folder: null, kinds: 'all' }, []), {
      enabled: false,
      folder: null,
      kinds: 'all',
    });
  });

  test('turning saving on before a folder was chosen is refused with a message', () => {
    const result = applySettingsPatch(defaultSettings(), { saveResults: { enabled: true } }, 'linux');
    assert.deepEqual(result, { ok: false, message: 'Choose a folder to save results to first.' });
    const withFolder = {
      ...defaultSettings(),
      saveResults: { enabled: false, folder: '/x', kinds: 'videos' as const },
    };
    const on = applySettingsPatch(withFolder, { saveResults: { enabled: true, kinds: 'all' } }, 'linux');
    assert.ok(on.ok);
    assert.deepEqual(on.settings.saveResults, { enabled: true, folder: '/x', kinds: 'all' });
    assert.deepEqual(saverConfig(on.settings.saveResults), { folder: '/x', kinds: 'all' });
    assert.equal(saverConfig(withFolder.saveResults), null);
  });

  test('IPC: the window may switch saving and the kinds, never set the folder', () => {
    const schema = REQUEST_SCHEMAS['settings:update'];
    assert.ok(schema.safeParse({ saveResults: { enabled: true, kinds: 'all' } }).success);
    assert.equal(schema.safeParse({ saveResults: { folder: '/etc' } }).success, false);
    assert.equal(schema.safeParse({ saveResults: { kinds: 'everything' } }).success, false);
    assert.equal(REQUEST_SCHEMAS['saving:show-in-folder'].safeParse({ path: '/etc/passwd' }).success, false);
    assert.ok(REQUEST_SCHEMAS['saving:show-in-folder'].safeParse({ id: 'user:1-minimax:2-video:3' }).success);
  });
});
