import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { acceleratorLabel, DEFAULT_SHORTCUT, parseAccelerator } from '../../../main/app/accelerator.ts';

function ok(text: string, platform = 'linux'): string {
  const r = parseAccelerator(text, platform);
  assert.ok(r.ok, `${text} on ${platform}: ${r.ok ? '' : r.message}`);
  return r.accelerator;
}

function refused(text: string, platform = 'linux'): string {
  const r = parseAccelerator(text, platform);
  assert.ok(!r.ok, `${text} on ${platform} was accepted as ${r.ok ? r.accelerator : ''}`);
  return r.message;
}

describe('global shortcut accelerators', () => {
  test('the default is valid everywhere and reads Ctrl+Shift+M, or Cmd+Shift+M on a Mac', () => {
    for (const p of ['linux', 'win32', 'darwin']) assert.equal(ok(DEFAULT_SHORTCUT, p), DEFAULT_SHORTCUT);
    assert.equal(acceleratorLabel(DEFAULT_SHORTCUT, 'linux'), 'Ctrl+Shift+M');
    assert.equal(acceleratorLabel(DEFAULT_SHORTCUT, 'win32'), 'Ctrl+Shift+M');
    assert.equal(acceleratorLabel(DEFAULT_SHORTCUT, 'darwin'), 'Cmd+Shift+M');
  });

  test('what the key recorder sends becomes one spelling that means the same on every OS', () => {
    // Ctrl on Windows/Linux and Cmd (Meta) on macOS are the same shortcut: CommandOrControl.
    assert.equal(ok('Control+Shift+M', 'linux'), 'CommandOrControl+Shift+M');
    assert.equal(ok('Meta+Shift+M', 'darwin'), 'CommandOrControl+Shift+M');
    // The Mac's Control key stays itself; Super (the Windows key) stays itself elsewhere.
    assert.equal(ok('Control+Alt+K', 'darwin'), 'Control+Alt+K');
    assert.equal(ok('Shift+Meta+M', 'linux'), 'Super+Shift+M');
    // Case-insensitive, aliases, any order.
    assert.equal(ok('shift+ctrl+m'), 'CommandOrControl+Shift+M');
    assert.equal(ok('Option+CmdOrCtrl+enter'), 'CommandOrControl+Alt+Return');
    assert.equal(ok('Ctrl+Alt+esc'), 'CommandOrControl+Alt+Escape');
    assert.equal(ok('Ctrl+Alt+NUM5'), 'CommandOrControl+Alt+num5');
    assert.equal(ok('Ctrl+Shift+plus'), 'CommandOrControl+Shift+Plus');
    assert.equal(ok('Alt+/'), 'Alt+/');
    assert.equal(ok(' Ctrl + Shift + M '), 'CommandOrControl+Shift+M');
  });

  test('function keys may stand alone; any other key needs Ctrl/Cmd, Alt or Super', () => {
    assert.equal(ok('F13'), 'F13');
    assert.equal(ok('Shift+f24'), 'Shift+F24');
    assert.match(refused('M'), /Add Ctrl, Alt or Super: a shortcut of M alone would take that key/);
    assert.match(refused('Shift+M'), /Shift\+M alone/);
    assert.match(refused('Shift+M', 'darwin'), /Add Cmd, Control or Option/);
    assert.match(refused('Space'), /Add Ctrl/);
  });

  test('what Electron cannot read, or would ignore, is refused with a reason', () => {
    assert.match(refused(''), /Press the keys/);
    assert.match(refused('Ctrl++'), /"Plus"/);
    assert.match(refused('Ctrl+Shift'), /Add a key/);
    assert.match(refused('Ctrl+M+K'), /one key/);
    assert.match(refused('Ctrl+Control+M'), /twice/);
    assert.match(refused('Command+M', 'linux'), /only on macOS/);
    assert.equal(ok('Command+M', 'darwin'), 'CommandOrControl+M');
    assert.match(refused('Ctrl+Hyper+M'), /"Hyper" is not a key/);
    assert.match(refused('Ctrl+F25'), /"F25" is not a key/);
    assert.match(refused('Ctrl+F1111'), /not a key/);
    assert.match(refused('Ctrl+é'), /not a key/);
    assert.match(refused(`Ctrl+${'A'.repeat(200)}`), /too long/);
  });

  test('labels use each OS’s key names', () => {
    assert.equal(acceleratorLabel('Super+Alt+F1', 'win32'), 'Win+Alt+F1');
    assert.equal(acceleratorLabel('Super+Alt+F1', 'linux'), 'Super+Alt+F1');
    assert.equal(acceleratorLabel('Control+Alt+K', 'darwin'), 'Control+Option+K');
    assert.equal(acceleratorLabel('CommandOrControl+Return', 'linux'), 'Ctrl+Enter');
    assert.equal(acceleratorLabel('CommandOrControl+numadd', 'linux'), 'Ctrl+Num +');
  });
});
