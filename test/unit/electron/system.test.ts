// Autostart, power events, tray-host detection, updater availability and the About text.
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { aboutDetail, MAC_UNSIGNED_NOTE } from '../../../main/electron/about.ts';
import { APP_ID, appUserModelId } from '../../../main/electron/app-id.ts';
import {
  autostartFile,
  desktopEntry,
  quoteExecArg,
  setStartAtLogin,
  startedHidden,
} from '../../../main/electron/autostart.ts';
import { watchPower } from '../../../main/electron/power.ts';
import { detectTrayHost, type CommandRunner } from '../../../main/electron/tray-host.ts';
import { startUpdater, updateSupport } from '../../../main/electron/updater.ts';
import { doubleConfig, powerMonitor, recorder } from '../../support/electron-double.ts';
import { freshDouble, tempDir } from './helpers.ts';

beforeEach(() => {
  freshDouble();
});

describe('start at login', () => {
  test('macOS and Windows use login items with --hidden', async () => {
    for (const platform of ['darwin', 'win32']) {
      recorder.clearCalls();
      await setStartAtLogin(true, { platform });
      await setStartAtLogin(false, { platform });
      assert.deepEqual(
        recorder.find('app.setLoginItemSettings').map((c) => c.args[0]),
        [
          { openAtLogin: true, args: ['--hidden'] },
          { openAtLogin: false, args: ['--hidden'] },
        ],
      );
    }
  });

  test('Linux writes and removes an XDG autostart entry that starts hidden', async () => {
    const home = tempDir('mt-home-');
    const e = {
      platform: 'linux',
      env: {},
      homeDir: home,
      execPath: '/opt/MiniMax Tray/minimax-tray',
      appPath: null,
    };
    await setStartAtLogin(true, e);
    const file = path.join(home, '.config', 'autostart', 'minimax-tray.desktop');
    assert.equal(autostartFile(e), file);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^\[Desktop Entry\]$/m);
    assert.match(text, /^Exec="\/opt\/MiniMax Tray\/minimax-tray" "--hidden"$/m);
    assert.match(text, /^Type=Application$/m);
    await setStartAtLogin(false, e);
    assert.equal(existsSync(file), false);
    await setStartAtLogin(false, e); // removing twice is fine
    assert.equal(
      recorder.find('app.setLoginItemSettings').length,
      0,
      'Electron login items are a no-op on Linux',
    );
  });

  test('an AppImage starts itself through $APPIMAGE; XDG_CONFIG_HOME is honoured', () => {
    const e = {
      platform: 'linux',
      env: { APPIMAGE: '/home/u/Apps/MiniMax-Tray.AppImage', XDG_CONFIG_HOME: '/home/u/.cfg' },
      execPath: '/tmp/.mount_xyz/minimax-tray',
      appPath: null,
    };
    assert.match(desktopEntry(e), /^Exec="\/home\/u\/Apps\/MiniMax-Tray\.AppImage" "--hidden"$/m);
    assert.equal(autostartFile(e), '/home/u/.cfg/autostart/minimax-tray.desktop');
  });

  test('development runs pass the app folder to the Electron binary', () => {
    const text = desktopEntry({ env: {}, execPath: '/x/electron', appPath: '/src/minimax-tray' });
    assert.match(text, /^Exec="\/x\/electron" "\/src\/minimax-tray" "--hidden"$/m);
  });

  test('Exec arguments are quoted per the Desktop Entry spec', () => {
    assert.equal(quoteExecArg('/a b/c'), '"/a b/c"');
    assert.equal(quoteExecArg('/a"b$c`d'), '"/a\\\\"b\\\\$c\\\\`d"');
    assert.equal(quoteExecArg('C:\\x'), '"C:\\\\\\\\x"');
  });

  test('an unwritable autostart folder gives a message, not a crash', async () => {
    const home = tempDir('mt-home-');
    mkdirSync(path.join(home, '.config'), { recursive: true });
    writeFileSync(path.join(home, '.config', 'autostart'), 'a file where the folder should be');
    await assert.rejects(
      setStartAtLogin(true, { platform: 'linux', env: {}, homeDir: home, appPath: null }),
      /could not be written/,
    );
  });

  test('--hidden or a macOS login start means no window at start', () => {
    assert.equal(startedHidden(['electron', '.', '--hidden'], 'linux'), true);
    assert.equal(startedHidden(['electron', '.'], 'linux'), false);
    doubleConfig.openedAtLogin = true; // the OS started it as a login item
    assert.equal(startedHidden(['MiniMax Tray'], 'darwin'), true);
    assert.equal(startedHidden(['MiniMax Tray'], 'win32'), false);
  });
});

describe('power events', () => {
  test('suspend pauses; resume and screen unlock wake; unsubscribe stops it', () => {
    const calls: string[] = [];
    const off = watchPower({ suspend: () => calls.push('suspend'), wake: () => calls.push('wake') });
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('unlock-screen');
    off();
    powerMonitor.emit('resume');
    assert.deepEqual(calls, ['suspend', 'wake', 'wake']);
  });
});

describe('tray host detection', () => {
  const answer =
    (out: string | null): CommandRunner =>
    async () =>
      out;

  test('macOS and Windows always have a tray', async () => {
    assert.equal((await detectTrayHost({ platform: 'darwin', env: {}, run: answer(null) })).available, true);
    assert.equal((await detectTrayHost({ platform: 'win32', env: {}, run: answer(null) })).available, true);
  });

  test('Linux: no StatusNotifierWatcher on the bus → no tray', async () => {
    const r = await detectTrayHost({
      platform: 'linux',
      env: {},
      run: answer('method return\n   boolean false\n'),
    });
    assert.equal(r.available, false);
    assert.match(r.reason, /StatusNotifierWatcher/);
    const yes = await detectTrayHost({ platform: 'linux', env: {}, run: answer('   boolean true\n') });
    assert.equal(yes.available, true);
  });

  test('Linux: when D-Bus cannot be asked the tray is tried anyway', async () => {
    assert.equal((await detectTrayHost({ platform: 'linux', env: {}, run: answer(null) })).available, true);
  });

  test('environment overrides win', async () => {
    const no = await detectTrayHost({
      platform: 'darwin',
      env: { MINIMAX_TRAY_NO_TRAY: '1' },
      run: answer(null),
    });
    assert.equal(no.available, false);
    const yes = await detectTrayHost({
      platform: 'linux',
      env: { MINIMAX_TRAY_FORCE_TRAY: '1' },
      run: answer('boolean false'),
    });
    assert.equal(yes.available, true);
  });
});

describe('updates and About', () => {
  test('off in development and in builds without app-update.yml, and About says so', async () => {
    assert.equal(updateSupport(false, undefined).enabled, false);
    const res = tempDir('mt-res-');
    const noFeed = updateSupport(true, res);
    assert.equal(noFeed.enabled, false);
    assert.match(noFeed.text, /no update feed/);
    const updater = await startUpdater({ isPackaged: true, resourcesPath: res });
    assert.match(updater.status().text, /no update feed/);
    updater.stop();
    writeFileSync(path.join(res, 'app-update.yml'), 'provider: github\n');
    assert.equal(updateSupport(true, res).enabled, true);
  });

  test('About shows versions and update status; macOS notes that notifications need a signed app', () => {
    const base = {
      version: '0.1.0',
      versions: { electron: '45.5.0', chrome: '140', node: '24.9' },
      updates: 'Updates are off: this build has no update feed (app-update.yml).',
      notificationsUnavailable: false,
      isPackaged: true,
    };
    const linux = aboutDetail({ ...base, platform: 'linux', notificationsUnavailable: true });
    assert.match(linux, /Electron 45\.5\.0/);
    assert.match(linux, /no update feed/);
    assert.ok(!linux.includes(MAC_UNSIGNED_NOTE));
    assert.ok(
      aboutDetail({ ...base, platform: 'darwin', notificationsUnavailable: true }).includes(
        MAC_UNSIGNED_NOTE,
      ),
    );
    assert.ok(!aboutDetail({ ...base, platform: 'darwin' }).includes(MAC_UNSIGNED_NOTE));
  });
});

describe('AppUserModelID (Windows toasts)', () => {
  test("a packaged build uses the installer's appId, an unpackaged run the Electron executable", () => {
    const builder = readFileSync(path.resolve('electron-builder.yml'), 'utf8');
    assert.match(builder, new RegExp(`^appId: ${APP_ID.replace(/\./g, '\\.')}$`, 'm'));
    assert.equal(
      appUserModelId(true, 'C:\\Users\\me\\AppData\\Local\\Programs\\minimax-tray\\MiniMax Tray.exe'),
      APP_ID,
    );
    assert.equal(
      appUserModelId(false, 'C:\\src\\minimax-tray\\node_modules\\electron\\dist\\electron.exe'),
      'C:\\src\\minimax-tray\\node_modules\\electron\\dist\\electron.exe',
    );
  });
});
