// The global shortcut adapter on the electron double: what is registered with the OS, what a
// press does, and that a refusal never leaves the user without the shortcut they had.
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GlobalShortcut } from '../../../main/electron/global-shortcut.ts';
import type { Logger } from '../../../main/core/types.ts';
import { doubleConfig, globalShortcut, recorder } from '../../support/electron-double.ts';
import { freshDouble } from './helpers.ts';

let presses = 0;
let logged: string[] = [];
const logger: Logger = {
  debug() {},
  info: (m) => void logged.push(m),
  warn: (m) => void logged.push(m),
  error: (m) => void logged.push(m),
};

function create(): GlobalShortcut {
  return new GlobalShortcut({ onPress: () => presses++, logger });
}

beforeEach(() => {
  freshDouble();
  presses = 0;
  logged = [];
});

describe('global shortcut (Electron globalShortcut)', () => {
  test('registers with the OS; a press runs the action; null releases it', () => {
    const s = create();
    assert.equal(s.set('CommandOrControl+Shift+M'), true);
    assert.deepEqual(globalShortcut.registered(), ['CommandOrControl+Shift+M']);
    assert.equal(s.active(), 'CommandOrControl+Shift+M');
    assert.equal(globalShortcut.press('CommandOrControl+Shift+M'), true);
    assert.equal(presses, 1);
    assert.equal(s.set(null), true);
    assert.deepEqual(globalShortcut.registered(), []);
    assert.equal(s.active(), null);
  });

  test('a new shortcut replaces the old one, registered before the old one is released', () => {
    const s = create();
    s.set('CommandOrControl+Shift+M');
    recorder.clearCalls();
    assert.equal(s.set('CommandOrControl+Alt+K'), true);
    assert.deepEqual(recorder.names(), ['globalShortcut.register', 'globalShortcut.unregister']);
    assert.deepEqual(globalShortcut.registered(), ['CommandOrControl+Alt+K']);
    assert.equal(globalShortcut.press('CommandOrControl+Shift+M'), false, 'the old keys are free again');
  });

  test('refused by the OS (taken, or Wayland): false, and the previous shortcut still works', () => {
    doubleConfig.globalShortcutRefused = (a) => a === 'CommandOrControl+Alt+K';
    const s = create();
    s.set('CommandOrControl+Shift+M');
    assert.equal(s.set('CommandOrControl+Alt+K'), false);
    assert.equal(s.active(), 'CommandOrControl+Shift+M');
    assert.deepEqual(globalShortcut.registered(), ['CommandOrControl+Shift+M']);
    assert.equal(globalShortcut.press('CommandOrControl+Shift+M'), true);
    assert.equal(presses, 1);
  });

  test('nothing registered when every grab is refused (a Wayland session)', () => {
    doubleConfig.globalShortcutRefused = () => true;
    const s = create();
    assert.equal(s.set('CommandOrControl+Shift+M'), false);
    assert.equal(s.active(), null);
    assert.deepEqual(globalShortcut.registered(), []);
  });

  test('the same keys spelled another way are swapped (Electron refuses keys the app already holds)', () => {
    // The double compares spellings; play Electron, which compares the keys.
    doubleConfig.globalShortcutRefused = (a) =>
      a === 'Control+Shift+M' && globalShortcut.isRegistered('CommandOrControl+Shift+M');
    const s = create();
    s.set('CommandOrControl+Shift+M');
    assert.equal(s.set('Control+Shift+M'), true);
    assert.deepEqual(globalShortcut.registered(), ['Control+Shift+M']);
  });

  test('an accelerator Electron cannot read (register throws) is refused and logged, never thrown', () => {
    const s = create();
    s.set('CommandOrControl+Shift+M');
    assert.equal(s.set('Ctrl++'), false);
    assert.equal(s.active(), 'CommandOrControl+Shift+M');
    assert.ok(logged.some((l) => /Electron refused Ctrl\+\+/.test(l)));
  });

  test('dispose (quit) releases it', () => {
    const s = create();
    s.set('CommandOrControl+Shift+M');
    s.dispose();
    assert.deepEqual(globalShortcut.registered(), []);
    assert.equal(recorder.find('globalShortcut.unregister').length, 1);
  });
});
