import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applySettingsPatch,
  compareVersions,
  defaultSettings,
  DEFAULT_SETTINGS,
  normalizeSettings,
  runSettingsMigrations,
  settingsView,
  SETTINGS_MIGRATIONS,
} from '../../../main/app/settings.ts';
import { DEFAULT_API_BASE } from '../../../main/core/api/base-url.ts';
import { MAX_FIXED_INTERVAL_MS, MIN_FIXED_INTERVAL_MS } from '../../../main/ipc.ts';

describe('settings', () => {
  test('defaults: public API, adaptive polling, notifications on except cancelled', () => {
    const d = defaultSettings();
    assert.equal(d.apiBaseUrl, DEFAULT_API_BASE);
    assert.equal(d.pollingMode, 'adaptive');
    assert.deepEqual(d.notifyOn, {
      succeeded: true,
      failed: true,
      moderated: true,
      cancelled: false,
      unknown: true,
    });
    assert.equal(d.mutedUntilMs, null);
    d.notifyOn.failed = false;
    assert.equal(DEFAULT_SETTINGS.notifyOn.failed, true, 'defaultSettings() returns a copy');
  });

  test('normalizing keeps valid values and replaces each invalid one by its default, saying which', () => {
    const { settings, problems } = normalizeSettings({
      apiBaseUrl: 'http://evil.example/v1',
      pollingMode: 'fixed',
      fixedIntervalMs: 5,
      notifyOn: { succeeded: false, failed: 'yes' },
      hidePrompts: true,
      startAtLogin: 'sometimes',
      mutedUntilMs: 1234,
    });
    assert.equal(settings.apiBaseUrl, DEFAULT_API_BASE);
    assert.equal(settings.pollingMode, 'fixed');
    assert.equal(settings.fixedIntervalMs, DEFAULT_SETTINGS.fixedIntervalMs);
    assert.equal(settings.notifyOn.succeeded, false);
    assert.equal(settings.notifyOn.failed, true);
    assert.equal(settings.hidePrompts, true);
    assert.equal(settings.startAtLogin, false);
    assert.equal(settings.mutedUntilMs, 1234);
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('apiBaseUrl')));
  });

  test('websiteJobs: on by default; a settings file from before it keeps its values and gets it on', () => {
    assert.equal(defaultSettings().websiteJobs, true);
    const before = { pollingMode: 'fixed', fixedIntervalMs: 60_000, hidePrompts: true };
    const { settings, problems } = normalizeSettings(runSettingsMigrations(before, '0.1.0'));
    assert.deepEqual(problems, [], 'a missing key is not a problem');
    assert.equal(settings.websiteJobs, true);
    assert.equal(settings.pollingMode, 'fixed');
    assert.equal(normalizeSettings({ websiteJobs: false }).settings.websiteJobs, false);
    assert.equal(normalizeSettings({ websiteJobs: 'no' }).problems.length, 1);
    const off = applySettingsPatch(defaultSettings(), { websiteJobs: false }, 'linux');
    assert.ok(
      off.ok && off.settings.websiteJobs === false && settingsView(off.settings).websiteJobs === false,
    );
  });

  test('normalizing garbage gives the defaults', () => {
    assert.deepEqual(normalizeSettings('corrupt').settings, defaultSettings());
    assert.deepEqual(normalizeSettings(null).settings, defaultSettings());
    assert.deepEqual(normalizeSettings([1, 2]).settings, defaultSettings());
  });

  test('a change from the window is validated as a whole', () => {
    const cur = defaultSettings();
    const bad = applySettingsPatch(
      cur,
      { pollingMode: 'fixed', fixedIntervalMs: MIN_FIXED_INTERVAL_MS - 1 },
      'linux',
    );
    assert.equal(bad.ok, false);
    assert.match((bad as { message: string }).message, /between 10 and 3600 seconds/);

    const badUrl = applySettingsPatch(cur, { apiBaseUrl: 'ftp://x' }, 'linux');
    assert.equal(badUrl.ok, false);

    const ok = applySettingsPatch(
      cur,
      {
        pollingMode: 'fixed',
        fixedIntervalMs: MAX_FIXED_INTERVAL_MS,
        apiBaseUrl: 'https://proxy.example/v1/minimax/',
        notifyOn: { ...cur.notifyOn, failed: false },
      },
      'linux',
    );
    assert.ok(ok.ok);
    if (ok.ok) {
      assert.equal(ok.settings.apiBaseUrl, 'https://proxy.example/v1/minimax');
      assert.equal(ok.settings.fixedIntervalMs, MAX_FIXED_INTERVAL_MS);
      assert.equal(ok.settings.notifyOn.failed, false);
    }
    assert.equal(cur.pollingMode, 'adaptive', 'the current settings are not mutated');
  });

  test('global shortcut, pin and account modes: defaults, what is stored, what the window may change', () => {
    const d = defaultSettings();
    assert.equal(d.globalShortcut, 'CommandOrControl+Shift+M');
    assert.equal(d.globalShortcutEnabled, true);
    assert.equal(d.keepWindowOpen, false);
    assert.deepEqual(d.accountModes, {});
    const recorded = applySettingsPatch(d, { globalShortcut: 'Alt+Control+K' }, 'linux');
    assert.ok(recorded.ok);
    if (recorded.ok) assert.equal(recorded.settings.globalShortcut, 'CommandOrControl+Alt+K');
    const bare = applySettingsPatch(d, { globalShortcut: 'K', keepWindowOpen: true }, 'linux');
    assert.ok(!bare.ok, 'a refused shortcut refuses the whole change');
    if (!bare.ok) assert.match(bare.message, /Add Ctrl, Alt or Super/);
    const pin = applySettingsPatch(d, { keepWindowOpen: true, globalShortcutEnabled: false }, 'darwin');
    assert.ok(pin.ok);
    if (pin.ok) {
      assert.equal(pin.settings.keepWindowOpen, true);
      assert.equal(pin.settings.globalShortcutEnabled, false);
    }
    const v = settingsView(d);
    assert.equal(v.globalShortcut, 'CommandOrControl+Shift+M');
    assert.ok(!('accountModes' in v), 'modes reach the window as its account list, not as settings');
  });

  test('stored shortcut and account modes: valid ones are kept, invalid ones replaced, each said', () => {
    const good = normalizeSettings({
      ...defaultSettings(),
      globalShortcut: 'Command+Shift+J',
      keepWindowOpen: true,
      accountModes: { '111': 'muted', '222': 'hidden' },
    });
    assert.deepEqual(good.problems, []);
    assert.equal(good.settings.globalShortcut, 'Command+Shift+J', 'valid on macOS: kept');
    assert.equal(good.settings.keepWindowOpen, true);
    assert.deepEqual(good.settings.accountModes, { '111': 'muted', '222': 'hidden' });
    const bad = normalizeSettings({
      ...defaultSettings(),
      globalShortcut: 'M',
      globalShortcutEnabled: 'yes',
      keepWindowOpen: 1,
      accountModes: { '111': 'muted', '222': 'loud' },
    });
    assert.equal(bad.settings.globalShortcut, 'CommandOrControl+Shift+M');
    assert.equal(bad.settings.globalShortcutEnabled, true);
    assert.equal(bad.settings.keepWindowOpen, false);
    assert.deepEqual(bad.settings.accountModes, { '111': 'muted' });
    assert.deepEqual(bad.problems, [
      'setting "globalShortcut" was invalid; using the default',
      'setting "globalShortcutEnabled" was invalid; using the default',
      'setting "keepWindowOpen" was invalid; using the default',
      'setting "accountModes": 1 invalid entry dropped',
    ]);
  });

  test('the window sees everything but the mute instant', () => {
    const view = settingsView({ ...defaultSettings(), mutedUntilMs: 5 });
    assert.ok(!('mutedUntilMs' in view));
    assert.equal(view.apiBaseUrl, DEFAULT_API_BASE);
  });

  describe('migrations', () => {
    test('development-build keys are renamed and converted', () => {
      const out = runSettingsMigrations(
        {
          pollIntervalSeconds: 45,
          apiBase: 'https://proxy.example/v1/minimax',
          notifications: false,
          hidePrompts: true,
        },
        '0.0.3',
      );
      assert.equal(out.fixedIntervalMs, 45_000);
      assert.equal(out.apiBaseUrl, 'https://proxy.example/v1/minimax');
      assert.deepEqual(out.notifyOn, {
        succeeded: false,
        failed: false,
        moderated: false,
        cancelled: false,
        unknown: false,
      });
      assert.equal(out.hidePrompts, true);
      assert.ok(!('pollIntervalSeconds' in out) && !('apiBase' in out) && !('notifications' in out));
      const { settings, problems } = normalizeSettings(out);
      assert.deepEqual(problems, []);
      assert.equal(settings.fixedIntervalMs, 45_000);
    });

    test('a legacy value wins over a default written before the migration ran', () => {
      const out = runSettingsMigrations({ ...defaultSettings(), pollIntervalSeconds: 90 }, '0.0.1');
      assert.equal(out.fixedIntervalMs, 90_000);
    });

    test('out-of-range old intervals are clamped into the allowed range', () => {
      assert.equal(
        runSettingsMigrations({ pollIntervalSeconds: 1 }, null).fixedIntervalMs,
        MIN_FIXED_INTERVAL_MS,
      );
      assert.equal(
        runSettingsMigrations({ pollIntervalSeconds: 1e9 }, null).fixedIntervalMs,
        MAX_FIXED_INTERVAL_MS,
      );
    });

    test('steps are idempotent and leave current settings alone', () => {
      // (With the shortcut off: the 0.2.0 step switches it off for stores from 0.1.x, below.)
      const current = { ...defaultSettings(), globalShortcutEnabled: false } as unknown as Record<
        string,
        unknown
      >;
      assert.deepEqual(runSettingsMigrations(current, null), current);
      const once = runSettingsMigrations({ pollIntervalSeconds: 30 }, null);
      assert.deepEqual(runSettingsMigrations(once, null), once);
    });

    test('a store already at the newest version is not migrated', () => {
      const newest = SETTINGS_MIGRATIONS[SETTINGS_MIGRATIONS.length - 1]!.version;
      assert.deepEqual(runSettingsMigrations({ pollIntervalSeconds: 30 }, newest), {
        pollIntervalSeconds: 30,
      });
    });

    test('0.2.0: a store from 0.1.x gets the global shortcut switched off; everything else is kept', () => {
      const from010 = { ...defaultSettings(), hidePrompts: true, accountModes: { '1': 'muted' } };
      const out = runSettingsMigrations(from010 as unknown as Record<string, unknown>, '0.1.0');
      assert.equal(out.globalShortcutEnabled, false);
      assert.equal(out.hidePrompts, true);
      assert.deepEqual(out.accountModes, { '1': 'muted' });
      assert.equal(
        out.globalShortcut,
        'CommandOrControl+Shift+M',
        'the key itself stays, ready to switch on',
      );
      // Not before the app is 0.2.0 (electron-store runs a step only once the app reaches its version).
      const still010 = runSettingsMigrations(from010 as unknown as Record<string, unknown>, '0.1.0', '0.1.0');
      assert.equal(still010.globalShortcutEnabled, true);
      // A store at 0.2.0 is not touched again: a shortcut switched on stays on.
      const on020 = { ...defaultSettings() } as unknown as Record<string, unknown>;
      assert.equal(runSettingsMigrations(on020, '0.2.0', '0.2.0').globalShortcutEnabled, true);
    });

    test('versions compare numerically', () => {
      assert.equal(compareVersions('0.10.0', '0.9.9'), 1);
      assert.equal(compareVersions('1.0.0', '1.0'), 0);
      assert.equal(compareVersions('0.1.0-beta.1', '0.1.0'), 0);
      assert.equal(compareVersions('0.0.9', '0.1.0'), -1);
    });
  });
});
