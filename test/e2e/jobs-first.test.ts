// Browser end-to-end: the window puts jobs first. Running jobs on top with their actions as
// visible text, account capacity as one line under them (impossible numbers shown as sent, with a
// note), one duration format, one "Check now", and at the window's size the first finished job's
// buttons are not hidden behind the status bar, nor covered by a message.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { DEFAULT_SIM_ACCOUNTS, DEFAULT_SIM_TOKEN } from '../../main/core/simulator/index.ts';
import { waitFor } from '../support/e2e/driver.ts';
import {
  checkNow,
  checkNowButton,
  expectNoPageProblems,
  historyRows,
  jobsPanel,
  runningRows,
  submitAndSee,
  waitForPoll,
  waitUntilFinishedUpstream,
} from '../support/e2e/scenarios.ts';
import { closeBrowser, launchApp, type BrowserAppDriver } from './harness.ts';

const LONG_MS = 600_000;
let app: BrowserAppDriver;

before(async () => {
  app = await launchApp({ storedToken: DEFAULT_SIM_TOKEN });
  await waitForPoll(app, 0);
  const ids = await submitAndSee(
    app,
    [
      { kind: 'video', durationMs: LONG_MS, outcome: 'succeeded', prompt: 'a lighthouse', replyRef: 'c-42' },
      { kind: 'image', durationMs: LONG_MS, outcome: 'succeeded', prompt: 'a red fox' },
      { kind: 'video', durationMs: LONG_MS, outcome: 'succeeded', prompt: 'a paper boat' },
      { kind: 'video', durationMs: 3000, outcome: 'succeeded', prompt: 'a heron at dawn, golden light' },
      { kind: 'image', durationMs: 1500, outcome: 'failed', prompt: 'a city at night' },
    ],
    5,
  );
  // The failed image first, then the video: the newest finished job (first row) has a result.
  await waitUntilFinishedUpstream(app, ids[4]!);
  await checkNow(app);
  await waitFor(async () => (await historyRows(app.page).count()) === 1, 'one finished row');
  await waitUntilFinishedUpstream(app, ids[3]!);
  await checkNow(app);
  await waitFor(async () => (await historyRows(app.page).count()) === 2, 'two finished rows');
  await app.page.locator('.capacity').waitFor(); // capacity comes after the first poll
});
after(async () => {
  await app?.close();
  await closeBrowser();
});

/** The visible text of every button in `scope`, in order. */
async function buttonTexts(scope: Locator): Promise<string[]> {
  return scope.getByRole('button').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).innerText.trim()));
}

describe('browser end-to-end: the window puts jobs first', () => {
  test('running jobs come first, capacity is one line right under them, then the finished jobs', async () => {
    const { page } = app;
    const order = await jobsPanel(page).evaluate((panel) => {
      const top = (sel: string): number => panel.querySelector(sel)?.getBoundingClientRect().top ?? -1;
      return {
        running: top('[aria-label="Running jobs"]'),
        capacity: top('.capacity'),
        finished: top('[aria-label="Finished jobs"]'),
      };
    });
    assert.ok(order.running > 0 && order.running < order.capacity, JSON.stringify(order));
    assert.ok(order.capacity < order.finished, JSON.stringify(order));
    const capacity = page.locator('.capacity');
    const box = await capacity.boundingBox();
    assert.ok(box && box.height < 24, `the capacity takes one line (${box?.height}px)`);
    assert.match(
      (await capacity.innerText()).replace(/\s+/g, ' '),
      /^Video slots .+ \d+ of \d+ .+ \d+ of \d+$/,
    );
    assert.equal(await page.getByText('Counts videos only.').count(), 0, 'the cryptic note is gone');
  });

  test('Stop tracking and Cancel video are visible words on every running row (Cancel on videos only)', async () => {
    const rows = runningRows(app.page);
    const byKind: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) byKind.push(await buttonTexts(rows.nth(i)));
    assert.deepEqual(byKind, [
      ['Stop tracking', 'Cancel video'],
      ['Stop tracking'],
      ['Stop tracking', 'Cancel video'],
    ]);
    // The accessible names still say which job.
    assert.equal(
      await app.page.getByRole('button', { name: /^Stop tracking \((video|image) \w+\)$/ }).count(),
      3,
    );
  });

  test("a row's details line is plain text: no rule over the account name, which sits level with the rest", async () => {
    const { page } = app;
    for (const rows of [runningRows(page), historyRows(page)]) {
      const lines = await rows.locator('.row-meta').evaluateAll((metas) =>
        metas.map((meta) =>
          Array.from(meta.children).map((c) => {
            const st = getComputedStyle(c);
            return { border: st.borderTopWidth, top: Math.round(c.getBoundingClientRect().top) };
          }),
        ),
      );
      assert.ok(lines.length > 0);
      for (const parts of lines) {
        assert.deepEqual(new Set(parts.map((p) => p.border)), new Set(['0px']), JSON.stringify(parts));
        assert.equal(new Set(parts.map((p) => p.top)).size, 1, `one line: ${JSON.stringify(parts)}`);
      }
    }
  });

  test('durations read the same everywhere: running "47 s" / "1 min 5 s", finished "took 2 s"', async () => {
    const { page } = app;
    const elapsed = await runningRows(page).locator('.elapsed').allInnerTexts();
    assert.equal(elapsed.length, 3);
    for (const text of elapsed) assert.match(text, /^(\d+ s|\d+ min( \d+ s)?)$/, `elapsed "${text}"`);
    const took = await historyRows(page).first().innerText();
    assert.match(took, /took \d+ s/);
    const next = await page.locator('.status-bar').innerText();
    assert.match(next, /next check (in (\d+ s|\d+ min( \d+ s)?)|now)/);
  });

  test("the first finished job's buttons are fully visible above the status bar at the window's size", async () => {
    const { page } = app;
    assert.deepEqual(page.viewportSize(), { width: 400, height: 560 }, 'the tray window size');
    const footer = await page.locator('footer.status-bar').boundingBox();
    const content = await page.locator('main.content').boundingBox();
    assert.ok(footer && content);
    const buttons = historyRows(page).first().getByRole('button');
    assert.deepEqual(await buttonTexts(historyRows(page).first()), ['Open result', 'Copy link', 'Copy id']);
    for (let i = 0; i < (await buttons.count()); i++) {
      const b = await buttons.nth(i).boundingBox();
      assert.ok(b, 'button has a box');
      assert.ok(
        b.y >= content.y && b.y + b.height <= footer.y,
        `button ${i} at ${b.y}–${b.y + b.height}, footer at ${footer.y}`,
      );
    }
  });

  test('a message after an action sits on the status bar, not over the list', async () => {
    const { page } = app;
    await historyRows(page)
      .first()
      .getByRole('button', { name: /^Copy link/ })
      .click();
    const notice = page.getByRole('status').filter({ hasText: 'Copied.' });
    await notice.waitFor();
    const box = await notice.boundingBox();
    const footer = await page.locator('footer.status-bar').boundingBox();
    assert.ok(box && footer);
    assert.ok(box.y >= footer.y - 0.5, `message top ${box.y}, status bar top ${footer.y}`);
  });

  test('"Check now" is offered once, also when a check failed and an alert explains it', async () => {
    const { page, sim } = app;
    assert.equal(await page.getByRole('button', { name: 'Check now' }).count(), 1);
    sim.fault({ type: 'reset' });
    try {
      await checkNowButton(page).click();
      await jobsPanel(page)
        .getByText(/^Offline — showing jobs as of /)
        .waitFor();
      assert.equal(await page.getByRole('button', { name: /Check now/ }).count(), 1);
    } finally {
      sim.fault(null);
    }
    await checkNow(app);
  });

  test('capacity numbers that cannot be right ("5 of 2") are shown as sent, with a note, no bar', async () => {
    const { page, sim } = app;
    const account = DEFAULT_SIM_ACCOUNTS[0]!;
    sim.fault({
      type: 'body',
      routes: ['GET /scheduler/available'],
      body: JSON.stringify({
        executing: [],
        available: [{ account, maxJobs: 2, executing: 5, available: -3 }],
      }),
    });
    try {
      await checkNow(app);
      const note = page
        .locator('.capacity')
        .getByText(/useapi\.net reports 5 videos running on .+, which has 2 slots: shown as reported\./);
      await note.waitFor();
      assert.match(await page.locator('.capacity-list').innerText(), /5 of 2/);
      assert.equal(await page.locator('.capacity [role="progressbar"], .capacity .cap-bar').count(), 0);
    } finally {
      sim.fault(null);
    }
    expectNoPageProblems(app);
  });
});
