// Browser end-to-end: @axe-core/playwright finds no serious or critical violation, and
// screenshots for review (light and dark: empty, with jobs, settings, a dialog, an error) are
// written to test-results/e2e/. One app goes through the states in order.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DEFAULT_SIM_TOKEN } from '../../main/core/simulator/index.ts';
import {
  checkNowButton,
  historyRows,
  jobsPanel,
  jobsTab,
  ROTATED_TOKEN,
  settingsTab,
  submitAndSee,
  waitForPoll,
  waitForTray,
  waitUntilFinishedUpstream,
  checkNow,
  expectNoPageProblems,
} from '../support/e2e/scenarios.ts';
import { waitFor } from '../support/e2e/driver.ts';
import { closeBrowser, launchApp, SCREENSHOT_DIR, type BrowserAppDriver } from './harness.ts';

const SCHEMES = ['light', 'dark'] as const;
let app: BrowserAppDriver;

before(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  app = await launchApp({ storedToken: DEFAULT_SIM_TOKEN });
});
after(async () => {
  await app?.close();
  await closeBrowser();
});

/** Serious and critical axe violations on the page as it is now, one line each. */
async function seriousViolations(): Promise<string[]> {
  const result = await new AxeBuilder({ page: app.page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** For each colour scheme: screenshot `<name>-<scheme>.png`, then run axe. */
async function shootAndCheck(name: string): Promise<void> {
  for (const scheme of SCHEMES) {
    await app.page.emulateMedia({ colorScheme: scheme });
    await app.page.screenshot({
      path: path.join(SCREENSHOT_DIR, `${name}-${scheme}.png`),
      animations: 'disabled',
    });
    assert.deepEqual(await seriousViolations(), [], `axe on ${name} (${scheme})`);
  }
}

describe('browser end-to-end: accessibility and screenshots', () => {
  test('empty: nothing running, nothing finished', async () => {
    await waitForPoll(app, 0);
    await app.page.getByText('No jobs running', { exact: true }).waitFor();
    await shootAndCheck('empty');
  });

  test('with jobs: running rows with capacity, finished rows; the settings; a confirmation dialog', async () => {
    const { page } = app;
    const ids = await submitAndSee(
      app,
      [
        {
          kind: 'video',
          durationMs: 600_000,
          outcome: 'succeeded',
          prompt: 'a lighthouse in fog',
          replyRef: 'campaign-42',
        },
        { kind: 'image', durationMs: 600_000, outcome: 'succeeded', prompt: 'a red fox in snow' },
        { kind: 'video', durationMs: 600_000, outcome: 'succeeded', prompt: 'a paper boat' },
        {
          kind: 'video',
          durationMs: 2000,
          outcome: 'succeeded',
          prompt: 'a heron at dawn, golden light, slow pan',
        },
        { kind: 'image', durationMs: 2000, outcome: 'failed', prompt: 'a city at night' },
      ],
      5,
    );
    await waitUntilFinishedUpstream(app, ids[3]!);
    await waitUntilFinishedUpstream(app, ids[4]!);
    await checkNow(app);
    await waitFor(async () => (await historyRows(page).count()) === 2, 'two finished rows');
    await shootAndCheck('jobs');
    // For review: the whole list, finished rows included.
    await page.setViewportSize({ width: 400, height: 1200 });
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `jobs-long-${scheme}.png`),
        animations: 'disabled',
      });
    }
    await page.setViewportSize({ width: 400, height: 560 });

    await settingsTab(page).click();
    await shootAndCheck('settings');
    await jobsTab(page).click();

    await page
      .getByRole('button', { name: /^Stop tracking/ })
      .first()
      .click();
    await page.getByRole('dialog', { name: 'Stop tracking this job?' }).waitFor();
    await shootAndCheck('dialog');
    await page.keyboard.press('Escape');
    await waitFor(async () => (await page.getByRole('dialog').count()) === 0, 'dialog closed');
  });

  test('error: the token was rejected', async () => {
    const { page } = app;
    await app.replaceSimulator({ token: ROTATED_TOKEN });
    await checkNowButton(page).click();
    await jobsPanel(page).getByText('Your API token was rejected').waitFor();
    await waitForTray(app, (t) => t.iconFile === 'error.png', 'error icon');
    await shootAndCheck('error');
    expectNoPageProblems(app);
  });
});
