// Browser end-to-end: every action of the job window with the keyboard only
// (see test/support/e2e/scenarios.ts), and a confirmation reopened right after Esc.
import { after, describe, test } from 'node:test';
import { DEFAULT_SIM_TOKEN } from '../../main/core/simulator/index.ts';
import { waitFor } from '../support/e2e/driver.ts';
import { keyboardOnly, submitAndSee, waitForPoll } from '../support/e2e/scenarios.ts';
import { closeBrowser, launchApp } from './harness.ts';

after(() => closeBrowser());

describe('browser end-to-end: keyboard only', () => {
  test('check now, stop tracking, cancel, copy link, open result, clear history, settings and token, Esc', () =>
    keyboardOnly(launchApp));

  test('a confirmation opened again right after Esc closed it still confirms', async () => {
    const app = await launchApp({ storedToken: DEFAULT_SIM_TOKEN });
    try {
      const { page, sim } = app;
      await waitForPoll(app, 0);
      const [id] = await submitAndSee(app, [{ kind: 'video', durationMs: 600_000, outcome: 'succeeded' }], 1);
      // Dismissed (what Esc does: the dialog's `close` event is queued), then opened again
      // before that event was delivered — a quick Esc, Space on the same row.
      await page.evaluate(() => {
        const row = document.querySelector<HTMLButtonElement>('button[aria-label="Stop tracking (video 1)"]');
        const dialog = document.querySelector('dialog');
        if (!row || !dialog) throw new Error('row button or dialog missing');
        row.click();
        dialog.close();
        row.click();
      });
      const dialog = page.getByRole('dialog', { name: 'Stop tracking this job?' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Stop tracking' }).click();
      await waitFor(() => sim.stopTrackedIds().has(id!), 'DELETE /scheduler/{id} sent');
      await page.getByText('No longer tracking video 1.').waitFor();
    } finally {
      await app.close();
    }
  });
});
