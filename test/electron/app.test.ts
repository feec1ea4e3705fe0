// Real-Electron end-to-end suite: the built app in an Electron binary (run by
// scripts/electron-e2e.mjs, which skips with one line when no binary is installed). The same
// scenarios as the browser suite (test/support/e2e/scenarios.ts), through test/electron/harness.ts;
// tray and notifications come from main's test hooks (the Tray calls that returned, what the OS
// answered to each notification), and every test fails if they are missing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  firstRun,
  hostileStrings,
  keyboardOnly,
  outcomes,
  serverDownAndBack,
  unauthorized,
} from '../support/e2e/scenarios.ts';
import { waitFor } from '../support/e2e/driver.ts';
import { websiteJobs } from '../support/e2e/website-jobs.ts';
import { BRIDGE_ID, launchElectron, RENDERER_URL } from './harness.ts';

describe('real Electron: the built app', () => {
  test('the window runs the built renderer and preload on app://renderer, under the CSP, with the tray in the hooks', async () => {
    const app = await launchElectron();
    try {
      const { page } = app;
      assert.equal(page.url(), RENDERER_URL);
      const seen = await page.evaluate(() => ({
        bridgeId: window.minimaxTray?.bridgeId ?? null,
        keys: window.minimaxTray ? Object.keys(window.minimaxTray).sort() : [],
        node: typeof (globalThis as { process?: unknown }).process,
        require: typeof (globalThis as { require?: unknown }).require,
      }));
      assert.equal(seen.bridgeId, BRIDGE_ID);
      assert.deepEqual(seen.keys, ['bridgeId', 'invoke', 'onNavigate', 'onView']);
      assert.equal(seen.node, 'undefined', 'no Node in the page');
      assert.equal(seen.require, 'undefined', 'no require in the page');
      const inline = await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'document.body.dataset.inline = "ran"';
        document.head.append(s);
        return document.body.dataset.inline ?? null;
      });
      assert.equal(inline, null, 'an inline script ran despite the CSP');
      await waitFor(
        () =>
          app.problems().some((p) => p.includes('Content Security Policy') || p.includes('CSP violation')),
        'the CSP violation reported',
      );
      const tray = await app.trayRecord();
      assert.equal(tray.menuLabels[0], 'No API token: open Settings');
      // electron-menubar set its own tooltip when it became ready; the app's came after it.
      assert.match(tray.tooltip, /^MiniMax Tray — .*API token/);
      if (process.platform === 'linux') {
        assert.ok(tray.nativeMenuCalls > 0, 'Linux: the StatusNotifierItem host got the menu');
      } else {
        // macOS: a native menu would take the left click; Windows: it would go stale.
        assert.equal(tray.nativeMenuCalls, 0, 'no native context menu on macOS/Windows');
      }
      assert.equal(tray.iconFile, process.platform === 'darwin' ? 'idleTemplate.png' : 'idle.png');
    } finally {
      await app.close();
    }
  });

  test('first run: Settings asks for a token; saving it shows the running jobs in the list and on the tray', () =>
    firstRun(launchElectron));

  test('a succeeded video, a failed image and a moderated video each notify, move to history and lower the count', () =>
    outcomes(launchElectron));

  test('401: the window offers "Replace token", the tray shows the error; a new token recovers', () =>
    unauthorized(launchElectron));

  test('server down, then back: offline state with a stale-list banner, then recovery with no duplicate notification', () =>
    serverDownAndBack(launchElectron));

  test('hostile API strings are shown as text and never executed', () => hostileStrings(launchElectron));

  test('keyboard only: every action of the window', () => keyboardOnly(launchElectron));

  test('a website job is marked, can be cancelled but not stopped tracking, counts on the tray, notifies once', () =>
    websiteJobs(launchElectron));
});
