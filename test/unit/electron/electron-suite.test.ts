// The parts of the real-Electron suite that can run without Electron: its launch options and how
// it judges what the OS did with notifications (test/support/e2e/delivery.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeDelivery, type DeliveredNotification } from '../../support/e2e/delivery.ts';
import { electronLaunchOptions } from '../../electron/harness.ts';

describe('real-Electron launch options', () => {
  test("Chromium's sandbox stays on (Playwright adds --no-sandbox on Linux unless told)", () => {
    const o = electronLaunchOptions({
      executablePath: '/x/electron',
      userData: '/tmp/u',
      apiBase: 'http://127.0.0.1:1/v1',
      env: {},
    });
    assert.equal(o.chromiumSandbox, true);
    assert.ok(!(o.args ?? []).includes('--no-sandbox'));
    assert.equal(o.env?.MINIMAX_TRAY_NO_KEYCHAIN, '1', "never the user's keyring");
    assert.equal(o.env?.MINIMAX_TRAY_TEST_HOOKS, '1');
  });
});

const n = (
  title: string,
  os: DeliveredNotification['os'],
  error: string | null = null,
): DeliveredNotification => ({
  title,
  os,
  error,
});

describe('judging what the OS did with notifications', () => {
  test('Linux and the double: all shown passes quietly; refused or unanswered fails', () => {
    for (const platform of ['linux', 'browser']) {
      assert.deepEqual(judgeDelivery(platform, [n('Video ready', 'shown')]), { failures: [], notes: [] });
      const v = judgeDelivery(platform, [n('Video ready', 'shown'), n('Image failed', 'no-answer')]);
      assert.equal(v.failures.length, 1);
      assert.match(
        v.failures[0]!,
        /"Image failed" got no answer within 5 s: the notification daemon did not show it/,
      );
    }
  });

  test('macOS: a refusal (unsigned build) is said in the output, not failed', () => {
    const v = judgeDelivery('darwin', [n('Video ready', 'refused', 'Notifications need a code-signed app')]);
    assert.deepEqual(v.failures, []);
    assert.equal(v.notes.length, 1);
    assert.match(
      v.notes[0]!,
      /macOS did not show 1 of 1 .*"Video ready" refused \(Notifications need a code-signed app\).*unsigned/,
    );
    assert.deepEqual(judgeDelivery('darwin', [n('Video ready', 'shown')]).notes, []);
  });

  test('Windows: no answer without a Start-menu shortcut is said; an accepted toast is said too', () => {
    const v = judgeDelivery('win32', [n('Video ready', 'no-answer'), n('Image failed', 'shown')]);
    assert.deepEqual(v.failures, []);
    assert.match(v.notes.join('\n'), /Windows did not show 1 of 2 toast\(s\): "Video ready" got no answer/);
    assert.match(v.notes.join('\n'), /Windows accepted 1 toast\(s\)/);
  });

  test('a notification the OS has not answered yet is a failure everywhere', () => {
    for (const platform of ['linux', 'darwin', 'win32'])
      assert.equal(judgeDelivery(platform, [n('Video ready', 'pending')]).failures.length, 1, platform);
  });
});
