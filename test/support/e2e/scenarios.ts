/**
 * End-to-end scenarios shared by the browser suite (test/e2e/) and the real-Electron suite
 * (test/electron/): each takes a {@link Launch} and asserts what a user would notice — the job
 * window (through Playwright, with user-facing roles, labels and text), the tray and the native
 * notifications (through the {@link AppDriver}).
 *
 * Time is the simulator's real clock with short job durations; every wait is for a condition
 * (a job leaving the simulator's scheduler, a row appearing, the tray changing) with a timeout,
 * never a sleep. Polls are started the way a user would: the window's "Check now".
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DEFAULT_SIM_TOKEN, type SimJobSpec } from '../../../main/core/simulator/index.ts';
import { HOSTILE } from '../view-fixtures.ts';
import { judgeDelivery } from './delivery.ts';
import { waitFor, type AppDriver, type Launch, type TrayView } from './driver.ts';

/** A token the simulator refuses after {@link AppDriver.replaceSimulator} (same user, new secret). */
export const ROTATED_TOKEN = 'user:1000-rotatedtoken2';

/** Jobs that run far longer than any scenario. */
const LONG_MS = 600_000;

// ---- page helpers --------------------------------------------------------------------------------

/** The Jobs tab (its name carries the running count: "Jobs 3 running"). */
export function jobsTab(page: Page): Locator {
  return page.getByRole('tab', { name: /^Jobs/ });
}

/** The Settings tab. */
export function settingsTab(page: Page): Locator {
  return page.getByRole('tab', { name: 'Settings' });
}

/** The Jobs section (alerts, running list, history). */
export function jobsPanel(page: Page): Locator {
  return page.getByRole('tabpanel', { name: /^Jobs/ });
}

/** The screen-reader announcer (the polite, atomic live region). */
export function announcer(page: Page): Locator {
  return page.locator('[aria-live="polite"][aria-atomic="true"]');
}

/** Rows of the running list. */
export function runningRows(page: Page): Locator {
  return page.getByRole('list', { name: 'Running jobs' }).getByRole('listitem');
}

/** Rows of the recently-finished list. */
export function historyRows(page: Page): Locator {
  return page.getByRole('list', { name: 'Finished jobs' }).getByRole('listitem');
}

/** The header's "Check now" (the first one; error banners carry their own). */
export function checkNowButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Check now' }).first();
}

/** The running count the Jobs tab shows (0 when it shows none). */
export async function tabCount(page: Page): Promise<number> {
  const name = (await jobsTab(page).textContent()) ?? '';
  const m = /(\d+)/.exec(name);
  return m ? Number(m[1]) : 0;
}

/** Waits until the running list has `n` rows. */
export async function waitForRows(page: Page, n: number): Promise<void> {
  await waitFor(async () => (await runningRows(page).count()) === n, `${n} running job row(s)`);
}

/** Accessible name of the focused element (aria-label, else its label, else its text). */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!(a instanceof HTMLElement) || a === document.body) return '(body)';
    const aria = a.getAttribute('aria-label');
    if (aria) return aria;
    const labels = (a as HTMLInputElement).labels;
    if (labels && labels.length > 0) return (labels[0]?.textContent ?? '').trim();
    return (a.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element's accessible name matches `name`.
 * @throws Error listing the names it passed when `maxPresses` were not enough.
 */
export async function tabTo(
  page: Page,
  name: RegExp,
  opts: { back?: boolean; maxPresses?: number } = {},
): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < (opts.maxPresses ?? 60); i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const current = await focusedName(page);
    if (name.test(current)) return;
    seen.push(current);
  }
  throw new Error(
    `keyboard: ${name} not reachable with ${opts.back ? 'Shift+Tab' : 'Tab'}; passed ${JSON.stringify(seen)}`,
  );
}

/** The tray icon file for a state on this platform (`running-3.png`, `errorTemplate.png`…). */
export function expectedIcon(
  app: AppDriver,
  state: 'idle' | 'running' | 'error' | 'offline',
  count = 0,
): string {
  const platform = app.kind === 'browser' ? 'linux' : process.platform;
  if (platform === 'darwin') return `${state}Template.png`;
  return state === 'running' && count > 0 ? `running-${count > 9 ? '9plus' : count}.png` : `${state}.png`;
}

/** The macOS menu-bar title for a count ('' on other platforms and at 0). */
function expectedTitle(app: AppDriver, count: number): string {
  const platform = app.kind === 'browser' ? 'linux' : process.platform;
  return platform === 'darwin' && count > 0 ? String(count) : '';
}

/** Waits until the tray satisfies `ok` and returns what it shows. */
export async function waitForTray(
  app: AppDriver,
  ok: (t: TrayView) => boolean,
  what: string,
): Promise<TrayView> {
  return waitFor(async () => {
    const t = await app.tray();
    return ok(t) ? t : null;
  }, `tray: ${what}`);
}

/** Asserts the tray shows `count` running jobs in every place the user can read it. */
export async function expectTrayCount(app: AppDriver, count: number): Promise<void> {
  const label = count === 0 ? 'No jobs running' : `${count} ${count === 1 ? 'job' : 'jobs'} running`;
  const t = await waitForTray(app, (x) => x.menuLabel === label, `menu label "${label}"`);
  assert.equal(t.iconFile, expectedIcon(app, count > 0 ? 'running' : 'idle', count));
  assert.equal(t.tooltip, `MiniMax Tray — ${label}`);
  assert.equal(t.title, expectedTitle(app, count));
}

/** Waits until the app finished a successful poll after `afterMs` (epoch ms); returns its time. */
export async function waitForPoll(app: AppDriver, afterMs: number): Promise<number> {
  return waitFor(async () => {
    const last = (await app.view()).status.lastPollMs;
    return last !== null && last > afterMs ? last : null;
  }, 'a successful poll');
}

/** Clicks the header's "Check now" and waits for the poll it starts to succeed. */
export async function checkNow(app: AppDriver): Promise<void> {
  const before = (await app.view()).status.lastPollMs ?? 0;
  await checkNowButton(app.page).click();
  await waitForPoll(app, before);
}

/** Waits until the simulator no longer lists `id` in GET /scheduler/ (it finished upstream). */
export async function waitUntilFinishedUpstream(app: AppDriver, id: string): Promise<void> {
  await waitFor(
    () => !app.sim.runningIds().includes(id),
    `job ${id} to leave the simulator's scheduler`,
    15_000,
  );
}

/** Schedules jobs now, asks for a check, and waits until the list shows `expectRows` rows. */
export async function submitAndSee(
  app: AppDriver,
  jobs: readonly SimJobSpec[],
  expectRows: number,
): Promise<string[]> {
  const ids = jobs.map((j) => app.sim.submit(j));
  await checkNow(app);
  await waitForRows(app.page, expectRows);
  return ids;
}

/**
 * Waits until the OS answered every notification the app showed (at most the hooks' 5 s plus a
 * margin), then judges the answers for this platform (delivery.ts): what the OS refused where
 * that is expected is said in the suite's output, and then the app must have said so too (its
 * window: "notifications unavailable"); anything else not shown fails.
 */
export async function expectShownByOs(app: AppDriver): Promise<void> {
  const answered = await waitFor(
    async () => {
      const all = await app.notifications();
      return all.every((n) => n.os !== 'pending') ? all : null;
    },
    "the OS's answer to every notification",
    8_000,
  );
  const verdict = judgeDelivery(app.platform, answered);
  for (const line of verdict.notes) app.note(line);
  assert.deepEqual(verdict.failures, [], 'notifications the OS did not show');
  if (answered.some((n) => n.os === 'refused')) {
    await waitFor(
      async () => (await app.view()).status.notificationsUnavailable,
      'the window to say notifications are unavailable',
    );
  }
}

/** Asserts the page saw no console error, page error, CSP violation or dialog. */
export function expectNoPageProblems(app: AppDriver): void {
  assert.deepEqual(app.problems(), [], 'page problems');
}

/** Runs `body` with a launched app and always closes it. */
async function withApp(
  launch: Launch,
  options: Parameters<Launch>[0],
  body: (app: AppDriver) => Promise<void>,
): Promise<void> {
  const app = await launch(options);
  try {
    await body(app);
  } finally {
    await app.close();
  }
}

// ---- scenarios -----------------------------------------------------------------------------------

/**
 * First run without a token: the window opens on Settings asking for a token, the tray says so,
 * nothing is sent to the API; saving the simulator's token makes the running jobs appear, with
 * the same count in the list, on the Jobs tab and on the tray.
 */
export async function firstRun(launch: Launch): Promise<void> {
  const jobs: SimJobSpec[] = [
    { kind: 'video', durationMs: LONG_MS, outcome: 'succeeded', prompt: 'a lighthouse in fog' },
    { kind: 'video', durationMs: LONG_MS, outcome: 'succeeded', prompt: 'a heron at dawn' },
    { kind: 'image', durationMs: LONG_MS, outcome: 'succeeded', prompt: 'a red fox' },
  ];
  await withApp(launch, { jobs }, async (app) => {
    const { page, sim } = app;
    // The settings prompt: Settings is open, no token is stored, the token field is there.
    await waitFor(
      async () => (await settingsTab(page).getAttribute('aria-selected')) === 'true',
      'Settings open',
    );
    await page.getByText('No token is stored.').waitFor();
    const field = page.getByLabel('New API token');
    assert.equal(await field.isVisible(), true);
    const tray = await app.tray();
    assert.equal(tray.menuLabel, 'No API token: open Settings');
    assert.match(tray.tooltip, /add your useapi\.net API token in Settings/);
    assert.equal(tray.iconFile, expectedIcon(app, 'idle'));
    // The Jobs section says the same and leads back to the token field.
    await jobsTab(page).click();
    await page.getByText('Add your useapi.net API token').waitFor();
    await page.getByRole('button', { name: 'Add token' }).click();
    assert.equal(await focusedName(page), 'New API token');
    // Nothing was asked of useapi.net without a token.
    assert.equal(sim.stats().requests, 0);

    await field.fill(sim.token);
    await page.getByRole('button', { name: 'Save token' }).click();
    await page.getByText('Token saved.').waitFor();
    assert.equal(await field.inputValue(), '', 'the token is not kept in the page');

    await jobsTab(page).click();
    await waitForRows(page, 3);
    assert.equal(await tabCount(page), 3);
    await expectTrayCount(app, 3);
    await waitFor(
      async () => !(await page.getByText('Add your useapi.net API token').isVisible()),
      'token banner gone',
    );
    assert.ok(!(await page.content()).includes(sim.token), 'the token never reaches the page');
    expectNoPageProblems(app);
  });
}

/**
 * Outcomes: a video that succeeds, an image that fails and a video that is moderated each give a
 * notification saying so (title and body), a history row with the outcome, and a lower count in
 * the list and on the tray; a job still running stays.
 */
export async function outcomes(launch: Launch): Promise<void> {
  const long: SimJobSpec = {
    kind: 'video',
    durationMs: LONG_MS,
    outcome: 'succeeded',
    prompt: 'a slow glacier',
  };
  await withApp(launch, { jobs: [long], storedToken: DEFAULT_SIM_TOKEN }, async (app) => {
    const { page } = app;
    await waitForRows(page, 1);
    const cases = [
      {
        spec: { kind: 'video', durationMs: 2000, outcome: 'succeeded', prompt: 'a heron at dawn' },
        title: 'Video ready',
        word: 'Succeeded',
      },
      {
        spec: { kind: 'image', durationMs: 3000, outcome: 'failed', prompt: 'a red fox in snow' },
        title: 'Image failed',
        word: 'Failed',
      },
      {
        spec: { kind: 'video', durationMs: 4000, outcome: 'moderated', prompt: 'a stormy sea' },
        title: 'Video blocked by moderation',
        word: 'Moderated',
      },
    ] as const;
    const ids = await submitAndSee(
      app,
      cases.map((c) => c.spec),
      4,
    );
    assert.equal(await tabCount(page), 4);
    await expectTrayCount(app, 4);

    for (const [i, c] of cases.entries()) {
      await waitUntilFinishedUpstream(app, ids[i]!);
      await checkNowButton(page).click();
      const shown = await waitFor(
        async () => (await app.notifications()).find((n) => n.title === c.title),
        `"${c.title}" notification`,
      );
      assert.match(shown.body, new RegExp(`“${c.spec.prompt}”`), 'the body quotes the prompt');
      const row = historyRows(page).filter({ hasText: c.spec.prompt });
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', new RegExp(c.word));
      const left = 3 - i;
      await waitForRows(page, left);
      assert.equal(await tabCount(page), left);
      await expectTrayCount(app, left);
    }
    const titles = (await app.notifications()).map((n) => n.title);
    assert.deepEqual(
      titles,
      cases.map((c) => c.title),
      'one notification per finished job, in order',
    );
    assert.equal(await runningRows(page).count(), 1, 'the long job is still listed');
    await expectShownByOs(app);
    expectNoPageProblems(app);
  });
}

/**
 * 401: the token is revoked (the API now answers 401): the window shows the error with "Replace
 * token" and the tray its error icon; replacing the token in Settings recovers, and the jobs the
 * new token sees appear.
 */
export async function unauthorized(launch: Launch): Promise<void> {
  await withApp(launch, { storedToken: DEFAULT_SIM_TOKEN }, async (app) => {
    const { page } = app;
    await waitForPoll(app, 0);
    await page.getByText('No jobs running', { exact: true }).waitFor();
    await expectTrayCount(app, 0);

    // The token is revoked on useapi.net; the account has two jobs running by now.
    await app.replaceSimulator({ token: ROTATED_TOKEN }, [
      { kind: 'video', durationMs: LONG_MS, outcome: 'succeeded' },
      { kind: 'image', durationMs: LONG_MS, outcome: 'succeeded' },
    ]);
    await checkNowButton(page).click();
    await jobsPanel(page).getByText('Your API token was rejected').waitFor();
    assert.equal(
      await announcer(page).textContent(),
      'Your API token was rejected',
      'announced to screen readers',
    );
    await page.getByText('Token rejected', { exact: true }).waitFor();
    const t = await waitForTray(app, (x) => x.iconFile === expectedIcon(app, 'error'), 'error icon');
    assert.match(t.tooltip, /the API token was rejected/);
    assert.match(t.menuLabel, /error/);
    assert.equal(await runningRows(page).count(), 0);
    assert.equal((await app.notifications()).length, 0);

    await page.getByRole('button', { name: 'Replace token' }).click();
    assert.equal(
      await focusedName(page),
      'New API token',
      '"Replace token" puts the cursor in the token field',
    );
    await page.keyboard.type(ROTATED_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByText('Token saved.').waitFor();
    await jobsTab(page).click();
    await waitForRows(page, 2);
    assert.equal(await jobsPanel(page).getByText('Your API token was rejected').count(), 0);
    await expectTrayCount(app, 2);
    expectNoPageProblems(app);
  });
}

/**
 * Server down, then back: the window shows the offline state and that the list is stale, the
 * tray its offline icon; once the server answers again the app recovers, and a job that finished
 * during the outage is announced exactly once (also after more checks).
 */
export async function serverDownAndBack(launch: Launch): Promise<void> {
  const long: SimJobSpec = {
    kind: 'video',
    durationMs: LONG_MS,
    outcome: 'succeeded',
    prompt: 'a slow glacier',
  };
  await withApp(launch, { jobs: [long], storedToken: DEFAULT_SIM_TOKEN }, async (app) => {
    const { page, sim } = app;
    await waitForRows(page, 1);
    const [boat] = await submitAndSee(
      app,
      [{ kind: 'video', durationMs: 3500, outcome: 'succeeded', prompt: 'a paper boat' }],
      2,
    );

    // Down: every connection is dropped.
    sim.fault({ type: 'reset' });
    await checkNowButton(page).click();
    await jobsPanel(page)
      .getByText(/^Offline — showing jobs as of /)
      .waitFor();
    await page.getByText('Offline', { exact: true }).waitFor();
    const t = await waitForTray(app, (x) => x.iconFile === expectedIcon(app, 'offline'), 'offline icon');
    assert.match(t.tooltip, /no connection to useapi\.net/);
    assert.equal(t.menuLabel, '2 jobs running (last known) · offline');
    assert.equal(await runningRows(page).count(), 2, 'the last known list stays on screen');

    // The short job ends while the app cannot see it.
    await waitUntilFinishedUpstream(app, boat!);
    assert.equal((await app.notifications()).length, 0);

    // Back: "Check now" recovers.
    sim.fault(null);
    const before = (await app.view()).status.lastPollMs ?? 0;
    await checkNowButton(page).click();
    await waitForPoll(app, before);
    await waitForRows(page, 1);
    await waitFor(
      async () =>
        (await jobsPanel(page)
          .getByText(/^Offline/)
          .count()) === 0,
      'offline banner gone',
    );
    await expectTrayCount(app, 1);
    await waitFor(async () => (await app.notifications()).length === 1, 'the finished job announced');
    await historyRows(page).filter({ hasText: 'a paper boat' }).waitFor();

    // More checks never announce it again.
    await checkNow(app);
    await checkNow(app);
    const shown = await app.notifications();
    assert.equal(shown.length, 1, `one notification, got ${JSON.stringify(shown)}`);
    assert.equal(shown[0]?.title, 'Video ready');
    assert.match(shown[0]?.body ?? '', /a paper boat/);
    assert.equal(await historyRows(page).count(), 1);
    await expectShownByOs(app);
    expectNoPageProblems(app);
  });
}

/** Ids a hostile scheduler answer carries (they parse as job ids, so the app lists them). */
export const HOSTILE_IDS = {
  /** Markup as the account, a script as the MiniMax-side id. */
  markup: `user:1000-minimax:${HOSTILE.html}-video:${HOSTILE.script}`,
  /** 400 digits. */
  long: HOSTILE.longId.replace('user:1234', 'user:1000'),
  /** Emoji; its last eight UTF-16 units start inside a surrogate pair. */
  emoji: 'user:1000-minimax:100002-image:🦊🎬🦊🎬x',
} as const;

/**
 * Hostile strings from the API (markup and <script> in replyRef, ids and prompts, very long ids,
 * right-to-left and emoji text) are shown as text and never run: no dialog, no
 * `document.body.dataset.pwned`, no CSP violation, no extra script or image element.
 */
export async function hostileStrings(launch: Launch): Promise<void> {
  await withApp(launch, { storedToken: DEFAULT_SIM_TOKEN }, async (app) => {
    const { page, sim } = app;
    await waitForPoll(app, 0);
    const prompt = `${HOSTILE.html} ${HOSTILE.script} ${HOSTILE.rtl} ${HOSTILE.emoji}`;
    const [hostileJob] = await submitAndSee(
      app,
      [
        {
          kind: 'video',
          durationMs: 2000,
          outcome: 'succeeded',
          prompt,
          replyRef: HOSTILE.script,
          replyUrl: 'javascript:alert(1)',
        },
      ],
      1,
    );
    await page.getByText(HOSTILE.script, { exact: true }).waitFor();
    await waitUntilFinishedUpstream(app, hostileJob!);
    await checkNowButton(page).click();
    const n = await waitFor(async () => (await app.notifications())[0], 'notification for the hostile job');
    assert.ok(n.body.includes(HOSTILE.html), 'the notification body carries the markup as plain text');
    await expectShownByOs(app);
    await historyRows(page).first().waitFor();
    assert.ok(((await historyRows(page).first().textContent()) ?? '').includes(HOSTILE.script));

    // Now the scheduler answers with hostile ids and references.
    const started = new Date().toISOString();
    sim.fault({
      type: 'body',
      routes: ['GET /scheduler/'],
      body: JSON.stringify([
        { videoId: HOSTILE_IDS.markup, started, elapsed: '00:05', replyRef: HOSTILE.script },
        { videoId: HOSTILE_IDS.long, started, elapsed: '00:04', replyRef: HOSTILE.rtl },
        { imageId: HOSTILE_IDS.emoji, started, elapsed: '00:03', replyRef: HOSTILE.emoji },
      ]),
    });
    await checkNow(app);
    await waitForRows(page, 3);

    // Shown as text.
    await page.getByText(HOSTILE.html, { exact: true }).waitFor(); // the account part of the id
    await page.getByText(HOSTILE.script, { exact: true }).waitFor(); // its replyRef
    const rtl = page.getByText(HOSTILE.rtl, { exact: true });
    await rtl.waitFor();
    assert.equal(
      await rtl.evaluate((e) => getComputedStyle(e).direction),
      'rtl',
      'right-to-left text runs right to left',
    );
    await page.getByText(HOSTILE.emoji, { exact: true }).first().waitFor();
    assert.equal(
      await page.locator(`[title="${HOSTILE_IDS.long}"]`).count(),
      1,
      'the long id is kept whole in the tooltip',
    );

    // Never executed, never parsed.
    const dom = await page.evaluate(() => ({
      pwned: document.body.dataset.pwned ?? null,
      scripts: [...document.scripts].map((s) => s.src.replace(location.origin, '')),
      images: [...document.images].filter((i) => !i.classList.contains('cover')).length,
      bold: document.querySelectorAll('b').length,
      text: document.body.innerText,
      overflowPx: document.documentElement.scrollWidth - window.innerWidth,
    }));
    assert.equal(dom.pwned, null, 'hostile markup ran');
    assert.deepEqual(dom.scripts, ['/renderer.js']);
    assert.equal(dom.images, 0);
    assert.equal(dom.bold, 0);
    assert.ok(dom.overflowPx <= 0, `the page scrolls sideways by ${dom.overflowPx}px`);
    assert.doesNotMatch(
      dom.text,
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/,
      'no broken characters',
    );
    // For review: every hostile row (the browser suite makes the window tall enough to show all).
    const size = page.viewportSize();
    if (app.kind === 'browser' && size) await page.setViewportSize({ width: size.width, height: 1400 });
    await page.screenshot({ path: path.join(app.artifactsDir, 'hostile-long.png'), animations: 'disabled' });
    if (app.kind === 'browser' && size) await page.setViewportSize(size);
    expectNoPageProblems(app);
  });
}

/**
 * Keyboard only (Tab, Shift+Tab, Enter, Space, Esc; arrows inside the tab list): check now,
 * stop tracking with its confirmation (Esc keeps the job), cancel a video, copy a result link,
 * open a result, clear the history, open Settings and save a token, and Esc hides the window.
 */
export async function keyboardOnly(launch: Launch): Promise<void> {
  await withApp(launch, { storedToken: DEFAULT_SIM_TOKEN }, async (app) => {
    const { page, sim } = app;
    await waitForPoll(app, 0);
    const [toStop, toCancel, finished] = await submitAndSee(
      app,
      [
        { kind: 'video', durationMs: LONG_MS, outcome: 'succeeded', prompt: 'to stop tracking' },
        { kind: 'video', durationMs: LONG_MS, outcome: 'succeeded', prompt: 'to cancel' },
        { kind: 'video', durationMs: 2000, outcome: 'succeeded', prompt: 'a result to open' },
      ],
      3,
    );
    await waitUntilFinishedUpstream(app, finished!);

    // Check now: Tab from the top reaches it; Enter runs it.
    await tabTo(page, /^Check now$/);
    const before = (await app.view()).status.lastPollMs ?? 0;
    await page.keyboard.press('Enter');
    await waitForPoll(app, before);
    await historyRows(page).filter({ hasText: 'a result to open' }).waitFor();

    // Stop tracking: Enter opens the confirmation, Esc keeps the job, Space + Enter confirm.
    await tabTo(page, /^Stop tracking \(video 1\)$/);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Stop tracking this job?' }).waitFor();
    assert.equal(await focusedName(page), 'Keep tracking', 'the safe choice has the focus');
    await page.keyboard.press('Escape');
    await waitFor(async () => (await page.getByRole('dialog').count()) === 0, 'dialog closed');
    assert.equal(await app.windowVisible(), true, 'Esc in a dialog does not hide the window');
    assert.equal(sim.stopTrackedIds().size, 0, 'Esc stops nothing');
    assert.equal(await focusedName(page), 'Stop tracking (video 1)', 'focus returns to the row');
    await page.keyboard.press('Space');
    await page.getByRole('dialog', { name: 'Stop tracking this job?' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), 'Stop tracking');
    await page.keyboard.press('Enter');
    await waitFor(() => sim.stopTrackedIds().has(toStop!), 'DELETE /scheduler/{id} sent');
    await waitForRows(page, 1);

    // Cancel the other video (Tab cycles through the page).
    await tabTo(page, /^Cancel video \(video 2\)$/);
    await page.keyboard.press('Space');
    await page.getByRole('dialog', { name: 'Cancel this video?' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), 'Cancel video');
    await page.keyboard.press('Space');
    await waitFor(() => sim.cancelledIds().has(toCancel!), 'POST /videos/cancel sent');
    await waitForRows(page, 0);

    // Copy the result link, then open the result.
    const resultUrl = (await app.view()).history.find((h) => h.id === finished)?.resultUrl ?? '';
    assert.ok(resultUrl.startsWith('https://'), `result link ${resultUrl}`);
    await tabTo(page, /^Copy link \(video 3\)$/);
    await page.keyboard.press('Enter');
    await waitFor(async () => (await app.clipboardText()) === resultUrl, 'link on the clipboard');
    await tabTo(page, /^Open result \(video 3\)$/, { back: true });
    await page.keyboard.press('Enter');
    await waitFor(async () => (await app.openedUrls()).includes(resultUrl), 'result opened in the browser');

    // Clear the history (its button heads the list; Enter on the dialog's confirm button).
    await tabTo(page, /^Clear history$/, { back: true });
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Clear the finished jobs list?' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), 'Clear history');
    await page.keyboard.press('Enter');
    await page.getByText('Finished jobs will be listed here.').waitFor();
    assert.equal(await historyRows(page).count(), 0);

    // Settings: back to the tab list, arrow to Settings, Tab to the token field, type, Enter.
    await tabTo(page, /^Jobs/, { back: true });
    await page.keyboard.press('ArrowRight');
    assert.equal(await settingsTab(page).getAttribute('aria-selected'), 'true');
    await tabTo(page, /^New API token$/);
    await page.keyboard.type(sim.token);
    await page.keyboard.press('Enter');
    await page.getByText('Token saved.').waitFor();

    // Esc with no dialog open hides the window.
    await page.keyboard.press('Escape');
    await waitFor(async () => !(await app.windowVisible()), 'window hidden');
    expectNoPageProblems(app);
  });
}
