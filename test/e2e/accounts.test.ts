// Browser end-to-end: per-account control in Settings. Each account the app has seen is listed
// with its name (from GET /accounts); a muted one stays listed but never notifies; a hidden one
// leaves the job list, the Jobs tab count, the tray and the badge, and comes back when set to
// Notify again.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { DEFAULT_SIM_TOKEN } from '../../main/core/simulator/index.ts';
import { app as electronApp } from '../support/electron-double.ts';
import { waitFor } from '../support/e2e/driver.ts';
import {
  checkNow,
  expectNoPageProblems,
  historyRows,
  jobsTab,
  runningRows,
  settingsTab,
  submitAndSee,
  tabCount,
  waitForPoll,
  waitForTray,
  waitUntilFinishedUpstream,
} from '../support/e2e/scenarios.ts';
import { closeBrowser, launchApp } from './harness.ts';

after(() => closeBrowser());

const LONG_MS = 600_000;

describe('browser end-to-end: per-account control', () => {
  test('muted accounts stay listed without notifications; hidden ones are not listed or counted', async () => {
    const app = await launchApp({ storedToken: DEFAULT_SIM_TOKEN });
    try {
      const { page } = app;
      await waitForPoll(app, 0);
      await submitAndSee(
        app,
        [
          { kind: 'video', account: '100001', durationMs: LONG_MS, outcome: 'succeeded' },
          { kind: 'video', account: '100002', durationMs: LONG_MS, outcome: 'succeeded' },
          { kind: 'image', account: '100002', durationMs: LONG_MS, outcome: 'succeeded' },
        ],
        3,
      );
      await waitForTray(app, (t) => t.menuLabel === '3 jobs running', 'tray at 3');

      // Settings lists both accounts by the names GET /accounts gave.
      await settingsTab(page).click();
      const user1 = page.getByLabel('Simulated user 1', { exact: true });
      const user2 = page.getByLabel('Simulated user 2', { exact: true });
      await user1.waitFor();
      assert.equal(await user1.inputValue(), 'notify');

      // Hidden: not listed, not counted on the Jobs tab, the tray or the badge.
      await user2.selectOption('hidden');
      await waitForTray(app, (t) => t.menuLabel === '1 job running', 'tray at 1');
      assert.match((await app.tray()).tooltip, /1 job running/);
      assert.equal(electronApp.getBadgeCount(), 1);
      assert.deepEqual(
        (await app.view()).running.map((j) => j.account),
        ['100001'],
      );
      await page.getByRole('heading', { name: 'Accounts' }).evaluate((h) => h.scrollIntoView());
      await page.screenshot({ path: path.join(app.artifactsDir, 'accounts-settings.png') });
      await jobsTab(page).click();
      await waitFor(async () => (await runningRows(page).count()) === 1, 'one running row');
      assert.equal(await tabCount(page), 1);

      // Muted: a job of that account finishes, is listed, and no notification is shown.
      await settingsTab(page).click();
      await user1.selectOption('muted');
      await waitFor(async () => (await app.view()).accounts.some((a) => a.mode === 'muted'), 'muted saved');
      await jobsTab(page).click();
      const [quick] = await submitAndSee(
        app,
        [{ kind: 'image', account: '100001', durationMs: 1500, outcome: 'succeeded', prompt: 'a muted fox' }],
        2,
      );
      await waitUntilFinishedUpstream(app, quick!);
      await checkNow(app);
      await waitFor(async () => (await historyRows(page).count()) === 1, 'the muted job is listed');
      assert.deepEqual(await app.notifications(), [], 'no notification for a muted account');

      // Back to Notify: the hidden account's jobs are listed and counted again at once.
      await settingsTab(page).click();
      await user2.selectOption('notify');
      await waitForTray(app, (t) => t.menuLabel === '3 jobs running', 'tray back at 3');
      assert.deepEqual(
        (await app.view()).accounts.map((a) => [a.name, a.mode]),
        [
          ['Simulated user 1', 'muted'],
          ['Simulated user 2', 'notify'],
        ],
      );
      expectNoPageProblems(app);
    } finally {
      await app.close();
    }
  });
});
