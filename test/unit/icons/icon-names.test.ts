import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_TRAY_ICON_FILES, TRAY_STATES, trayIconFile } from '../../../main/app/icon-names.ts';

describe('trayIconFile', () => {
  test('Windows and Linux get coloured icons, @2x from scale 1.5', () => {
    assert.equal(trayIconFile('idle', 0, 'linux', 1), 'idle.png');
    assert.equal(trayIconFile('error', 0, 'win32', 2), 'error@2x.png');
    assert.equal(trayIconFile('paused', 0, 'win32', 1.25), 'paused.png');
    assert.equal(trayIconFile('offline', 0, 'linux', 1.5), 'offline@2x.png');
  });

  test('the running count is drawn into the icon off macOS, 9plus above nine', () => {
    assert.equal(trayIconFile('running', 3, 'linux', 2), 'running-3@2x.png');
    assert.equal(trayIconFile('running', 1, 'win32', 1), 'running-1.png');
    assert.equal(trayIconFile('running', 9, 'win32', 1), 'running-9.png');
    assert.equal(trayIconFile('running', 10, 'linux', 1), 'running-9plus.png');
    assert.equal(trayIconFile('running', 4000, 'linux', 2), 'running-9plus@2x.png');
  });

  test('no count, or a nonsensical one, gives the plain running icon', () => {
    for (const count of [0, -2, Number.NaN, Number.POSITIVE_INFINITY, 0.5]) {
      assert.equal(trayIconFile('running', count, 'linux', 1), 'running.png', String(count));
    }
    assert.equal(trayIconFile('running', 2.7, 'linux', 1), 'running-2.png');
  });

  test('other states ignore the count', () => {
    assert.equal(trayIconFile('paused', 5, 'linux', 1), 'paused.png');
    assert.equal(trayIconFile('error', 12, 'win32', 2), 'error@2x.png');
  });

  test('macOS always gets the template image; the count goes in the tray title instead', () => {
    assert.equal(trayIconFile('idle', 0, 'darwin', 1), 'idleTemplate.png');
    assert.equal(trayIconFile('running', 3, 'darwin', 1), 'runningTemplate.png');
    assert.equal(trayIconFile('running', 30, 'darwin', 2), 'runningTemplate@2x.png');
  });
});

describe('ALL_TRAY_ICON_FILES', () => {
  test('lists each possible file once: states × {coloured, template} × 2 scales plus 10 counts × 2 scales', () => {
    assert.equal(new Set(ALL_TRAY_ICON_FILES).size, ALL_TRAY_ICON_FILES.length);
    assert.equal(ALL_TRAY_ICON_FILES.length, TRAY_STATES.length * 4 + 20);
    for (const platform of ['darwin', 'linux', 'win32', 'freebsd']) {
      for (const state of TRAY_STATES) {
        for (const count of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 99]) {
          for (const scale of [1, 2, 3]) {
            const file = trayIconFile(state, count, platform, scale);
            assert.ok(ALL_TRAY_ICON_FILES.includes(file), `${file} missing from ALL_TRAY_ICON_FILES`);
          }
        }
      }
    }
  });
});
