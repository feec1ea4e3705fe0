// Browser end-to-end: Settings, "Save results to a folder", on the electron double over the
// simulator's file host: the folder chooser, a finished row that says "Saved" with "Show in
// folder", and a folder that went away saying so in the window until it is back.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { parseJobId } from '../../main/core/api/job-id.ts';
import { DEFAULT_SIM_TOKEN } from '../../main/core/simulator/index.ts';
import { waitFor } from '../support/e2e/driver.ts';
import {
  checkNow,
  historyRows,
  settingsTab,
  jobsTab,
  submitAndSee,
  waitUntilFinishedUpstream,
} from '../support/e2e/scenarios.ts';
import { doubleConfig, recorder } from '../support/electron-double.ts';
import { closeBrowser, launchApp, type BrowserAppDriver } from './harness.ts';

after(() => closeBrowser());

describe('browser end-to-end: saving results to a folder', () => {
  test('choose a folder, a succeeded video is saved and shown as "Saved"; a folder that went away pauses saving', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'mt-e2e-saved-'));
    const app = await launchApp({
      storedToken: DEFAULT_SIM_TOKEN,
      simulator: { resultFiles: { serve: true } },
    });
    try {
      const { page } = app;
      // ---- Settings: on (the chooser opens), videos and images ----------------------------
      doubleConfig.openDialogPaths = [folder];
      await settingsTab(page).click();
      const enable = page.getByRole('checkbox', { name: 'Save results to a folder' });
      assert.equal(await enable.isChecked(), false, 'off by default');
      await enable.check();
      await waitFor(async () => (await app.view()).settings.saveResults.enabled, 'saving on');
      const dialogCall = recorder.find('dialog.showOpenDialog')[0];
      assert.ok(dialogCall, 'the folder chooser opened');
      assert.deepEqual((dialogCall.args[0] as { properties: string[] }).properties, [
        'openDirectory',
        'createDirectory',
        'dontAddToRecent',
      ]);
      await page.getByText(folder, { exact: true }).waitFor();
      await page.getByRole('radio', { name: 'Videos and images' }).check();
      await waitFor(async () => (await app.view()).settings.saveResults.kinds === 'all', 'kinds saved');
      const section = page.getByRole('region', { name: 'Save results' });
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({
        path: path.join(app.artifactsDir, 'save-results-settings.png'),
        animations: 'disabled',
      });

      // ---- a succeeded video: saved, "Saved" with Show in folder --------------------------
      await jobsTab(page).click();
      const id = await finishJob(app, 'video', 'a heron at dawn');
      const row = historyRows(page).filter({ hasText: 'a heron at dawn' });
      await row.getByText('Saved', { exact: true }).waitFor();
      await row.getByRole('button', { name: /^Show in folder/ }).click();
      const shown = await waitFor(() => recorder.find('shell.showItemInFolder')[0], 'shell.showItemInFolder');
      const file = String(shown.args[0]);
      assert.equal(path.dirname(file), folder);
      assert.match(path.basename(file), / a heron at dawn 1\.mp4$/);
      // What the file host serves for this job (paid account: downloadURL, the .mp4 without watermark).
      const job = parseJobId(id)!;
      const served = app.sim.resultFile(`http://127.0.0.1/files/video/${job.account}/${job.localId}.mp4`);
      assert.deepEqual(readFileSync(file), served);
      await row.screenshot({
        path: path.join(app.artifactsDir, 'save-results-row.png'),
        animations: 'disabled',
      });

      // ---- the folder goes away: the window says so and saving pauses ---------------------
      const moved = `${folder}-moved`;
      renameSync(folder, moved);
      await finishJob(app, 'image', 'a red kite');
      const alert = page.locator('.alert').filter({ hasText: 'Saving results is paused' });
      await alert.waitFor();
      assert.match((await alert.textContent()) ?? '', /is gone \(deleted, renamed, or its drive removed\)/);
      await page.screenshot({
        path: path.join(app.artifactsDir, 'save-results-paused.png'),
        animations: 'disabled',
      });
      assert.equal(existsSync(folder), false, 'the folder is not recreated');

      // ---- back: Try again saves it --------------------------------------------------------
      renameSync(moved, folder);
      await alert.getByRole('button', { name: 'Try again' }).click();
      const row2 = historyRows(page).filter({ hasText: 'a red kite' });
      await row2.getByText('Saved', { exact: true }).waitFor();
      await alert.waitFor({ state: 'detached' });
      assert.equal(readdirSync(folder).filter((n) => n.endsWith('.png')).length, 1);
      assert.deepEqual(app.problems(), []);
    } finally {
      await app.close();
      rmSync(folder, { recursive: true, force: true });
      rmSync(`${folder}-moved`, { recursive: true, force: true });
    }
  });
});

/** A job the app sees running, then finishing (a poll after it left the scheduler). Returns its id. */
async function finishJob(app: BrowserAppDriver, kind: 'video' | 'image', prompt: string): Promise<string> {
  const [id] = await submitAndSee(app, [{ kind, durationMs: 3000, outcome: 'succeeded', prompt }], 1);
  await waitUntilFinishedUpstream(app, id!);
  await checkNow(app);
  return id!;
}
