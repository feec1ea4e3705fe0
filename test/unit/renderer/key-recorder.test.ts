import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { onlyModifiers, recordedAccelerator, type KeyPress } from '../../../renderer/key-recorder.ts';

const press = (code: string, key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  code,
  key,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('key recorder', () => {
  test('writes down modifiers as the event reports them and the key by its position', () => {
    assert.equal(
      recordedAccelerator(press('KeyM', 'M', { ctrlKey: true, shiftKey: true })),
      'Control+Shift+M',
    );
    assert.equal(recordedAccelerator(press('KeyM', 'µ', { metaKey: true, altKey: true })), 'Alt+Meta+M');
    // A French keyboard's A key sits where Q is: Electron's key codes are positions too.
    assert.equal(recordedAccelerator(press('KeyQ', 'a', { ctrlKey: true })), 'Control+Q');
    assert.equal(
      recordedAccelerator(press('Digit1', '!', { ctrlKey: true, shiftKey: true })),
      'Control+Shift+1',
    );
    assert.equal(recordedAccelerator(press('Numpad5', '5', { altKey: true })), 'Alt+num5');
    assert.equal(recordedAccelerator(press('NumpadAdd', '+', { altKey: true })), 'Alt+numadd');
    assert.equal(recordedAccelerator(press('F13', 'F13')), 'F13');
    assert.equal(recordedAccelerator(press('ArrowUp', 'ArrowUp', { ctrlKey: true })), 'Control+Up');
    assert.equal(recordedAccelerator(press('Enter', 'Enter', { ctrlKey: true })), 'Control+Return');
    assert.equal(recordedAccelerator(press('Slash', '/', { ctrlKey: true })), 'Control+/');
  });

  test('waits while only modifiers are down', () => {
    assert.equal(onlyModifiers(press('ShiftLeft', 'Shift', { shiftKey: true })), true);
    assert.equal(recordedAccelerator(press('ControlLeft', 'Control', { ctrlKey: true })), null);
    assert.equal(recordedAccelerator(press('MetaRight', 'Meta', { metaKey: true })), null);
  });

  test('an unknown key is passed on as it is, for main to refuse with a reason', () => {
    assert.equal(recordedAccelerator(press('IntlRo', 'ろ', { ctrlKey: true })), 'Control+ろ');
    assert.equal(recordedAccelerator(press('Lang1', 'HangulMode', { ctrlKey: true })), 'Control+Lang1');
  });
});
