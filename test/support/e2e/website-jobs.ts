/**
 * End-to-end scenario for jobs started on the hailuoai website (found in the account's lists,
 * never in the API's scheduler), shared by the browser suite and the real-Electron suite like
 * scenarios.ts: the window marks them, offers cancel but not stop tracking, the tray counts them,
 * and one notification says when one finished.
 */
import assert from 'node:assert/strict';
import { DEFAULT_SIM_TOKEN, type SimJobSpec } from '../../../main/core/simulator/index.ts';
import { waitFor, type Launch } from './driver.ts';
import {
  checkNowButton,
  expectNoPageProblems,
  expectTrayCount,
  historyRows,
  runningRows,
} from './scenarios.ts';

/** A website video that finishes during the scenario, next to an API video that does not. */
export async function websiteJobs(launch: Launch): Promise<void> {
  const api: SimJobSpec = {
    kind: 'video',
    durationMs: 600_000,
    outcome: 'succeeded',
    prompt: 'a slow glacier',
  };
  const web: SimJobSpec = {
    kind: 'video',
    durationMs: 6_000,
    outcome: 'succeeded',
    prompt: 'a paper boat on a rainy street',
    source: 'website',
  };
  const app = await launch({ jobs: [api, web], storedToken: DEFAULT_SIM_TOKEN });
  try {
    const { page } = app;
    const webRow = runningRows(page).filter({ hasText: 'website' });
    await webRow.waitFor();
    assert.equal(await runningRows(page).count(), 2, 'both jobs are listed');
    assert.equal(await webRow.getByRole('button', { name: /^Stop tracking/ }).count(), 0, 'no stop tracking');
    assert.equal(await webRow.getByRole('button', { name: /^Cancel video/ }).count(), 1, 'cancel is offered');
    const apiRow = runningRows(page).filter({ hasNotText: 'website' });
    assert.equal(await apiRow.getByRole('button', { name: /^Stop tracking/ }).count(), 1);
    await expectTrayCount(app, 2);

    await waitFor(
      () => app.sim.groundTruth().some((t) => t.source === 'website'),
      'the website job to end upstream',
      15_000,
    );
    await checkNowButton(page).click();
    const shown = await waitFor(
      async () => (await app.notifications()).find((n) => n.title === 'Video ready'),
      '"Video ready" notification',
    );
    assert.match(shown.body, /“a paper boat on a rainy street”/);
    const finished = historyRows(page).filter({ hasText: 'a paper boat' });
    await finished.waitFor();
    assert.match((await finished.textContent()) ?? '', /website/, 'the finished row is marked too');
    await expectTrayCount(app, 1);
    assert.equal((await app.notifications()).length, 1, 'one notification, nothing from the history');
    expectNoPageProblems(app);
  } finally {
    await app.close();
  }
}
