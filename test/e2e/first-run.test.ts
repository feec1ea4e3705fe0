// Browser end-to-end: the bridge the page uses is the built preload bundle's, the renderer is
// served through main's own app: protocol handler with its CSP, and a first run without a token
// (see test/support/e2e/scenarios.ts).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RENDERER_CSP } from '../../main/electron/protocol.ts';
import { firstRun } from '../support/e2e/scenarios.ts';
import { waitFor } from '../support/e2e/driver.ts';
import { closeBrowser, launchApp, PRELOAD_BUNDLE } from './harness.ts';

// main/preload/index.ts exports BRIDGE_ID, but importing it would run the preload here.
const BRIDGE_ID = 'minimax-tray-preload/1';

after(() => closeBrowser());

describe('browser end-to-end: the real app in Chromium', () => {
  test('the page talks to main only through the bridge defined by the built preload bundle', async () => {
    const app = await launchApp();
    try {
      const { page } = app;
      const onDisk = readFileSync(PRELOAD_BUNDLE, 'utf8');
      assert.equal(app.injectedPreloadSha256, createHash('sha256').update(onDisk).digest('hex'));
      const seen = await page.evaluate(() => {
        const bridge = window.minimaxTray;
        return {
          bridgeId: bridge?.bridgeId ?? null,
          functions: bridge ? [bridge.invoke, bridge.onView, bridge.onNavigate].map(String) : [],
          keys: bridge ? Object.keys(bridge).sort() : [],
          frozen: Object.isFrozen(bridge),
          fakeBridge: '__fakeBridge' in window,
          url: location.href,
        };
      });
      assert.equal(seen.bridgeId, BRIDGE_ID);
      for (const fn of seen.functions)
        assert.ok(onDisk.includes(fn), `bridge function not from the bundle: ${fn.slice(0, 80)}`);
      assert.deepEqual(seen.keys, ['bridgeId', 'invoke', 'onNavigate', 'onView']);
      assert.equal(seen.frozen, true);
      assert.equal(seen.fakeBridge, false);
      assert.match(seen.url, /^http:\/\/127\.0\.0\.1:\d+\/index\.html$/);

      // The bundle refuses channels outside the contract before anything reaches main.
      const refused = await page.evaluate(() =>
        window.minimaxTray!.invoke('app:quit' as 'app:get-view', undefined).then(
          () => 'resolved',
          (e: Error) => e.message,
        ),
      );
      assert.match(refused, /Unknown channel/);

      // Every response is main's protocol handler's, CSP header included, and Chromium enforces it.
      const res = await fetch(app.pageUrl);
      assert.equal(res.headers.get('content-security-policy'), RENDERER_CSP);
      const inline = await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'document.body.dataset.inline = "ran"';
        document.head.append(s);
        return document.body.dataset.inline ?? null;
      });
      assert.equal(inline, null, 'an inline script ran despite the CSP');
      await waitFor(
        () => app.problems().some((p) => p.includes('CSP violation')),
        'the CSP violation reported',
      );

      // The tray the double recorded is what main's test hooks (used by the real-Electron suite) report.
      const hooks = app.handle.hooks;
      assert.ok(hooks, 'test hooks installed');
      const fromHooks = hooks.tray();
      const fromDouble = await app.tray();
      assert.deepEqual(
        {
          tooltip: fromHooks?.tooltip,
          title: fromHooks?.title,
          iconFile: fromHooks?.iconFile,
          menuLabel: fromHooks?.menuLabels[0],
        },
        fromDouble,
      );
    } finally {
      await app.close();
    }
  });

  test('first run: Settings asks for a token; saving the token shows the running jobs in the list and on the tray', () =>
    firstRun(launchApp));
});
