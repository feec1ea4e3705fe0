// Browser end-to-end: the global shortcut (recorded in Settings, registered by main with the OS
// the double plays, refused keys keep the previous shortcut and Settings says so) and the
// "Keep open" pin in the header (the window stays when it loses focus; Esc still hides it).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { DEFAULT_SIM_TOKEN } from '../../main/core/simulator/index.ts';
import { doubleConfig, globalShortcut, recorder } from '../support/electron-double.ts';
import { waitFor } from '../support/e2e/driver.ts';
import { expectNoPageProblems, settingsTab, waitForPoll } from '../support/e2e/scenarios.ts';
import { closeBrowser, launchApp, type BrowserAppDriver } from './harness.ts';

after(() => closeBrowser());

const recorderButton = (app: BrowserAppDriver, shows: string) =>
  app.page.getByRole('button', { name: `Shortcut ${shows}`, exact: true });

async function hiddenFor(app: BrowserAppDriver, ms: number): Promise<boolean> {
  await new Promise((r) => setTimeout(r, ms));
  return !(await app.windowVisible());
}

describe('browser end-to-end: global shortcut', () => {
  test('works from the start, is recorded anew, a refused one keeps the previous, bad keys are explained, off switch', async () => {
    const app = await launchApp({ storedToken: DEFAULT_SIM_TOKEN });
    try {
      const { page } = app;
      await waitForPoll(app, 0);
      await settingsTab(page).click();
      await recorderButton(app, 'Ctrl+Shift+M').waitFor();
      await page.getByText('Works in every app: press Ctrl+Shift+M to show or hide this window.').waitFor();
      assert.deepEqual(globalShortcut.registered(), ['CommandOrControl+Shift+M']);

      // The user presses it in another app: the window hides, then shows again.
      assert.equal(await app.windowVisible(), true);
      assert.equal(globalShortcut.press('CommandOrControl+Shift+M'), true);
      await waitFor(async () => !(await app.windowVisible()), 'hidden by the shortcut');
      globalShortcut.press('CommandOrControl+Shift+M');
      await waitFor(() => app.windowVisible(), 'shown by the shortcut');

      // Recorded: click the field, press the keys.
      await recorderButton(app, 'Ctrl+Shift+M').click();
      await recorderButton(app, 'Press the new keys…').waitFor();
      await page.keyboard.press('Control+Alt+KeyK');
      await recorderButton(app, 'Ctrl+Alt+K').waitFor();
      assert.deepEqual(globalShortcut.registered(), ['CommandOrControl+Alt+K']);
      assert.equal((await app.view()).settings.globalShortcut, 'CommandOrControl+Alt+K');

      // Another app holds Ctrl+Alt+J: refused, Ctrl+Alt+K stays, and Settings says so once.
      doubleConfig.globalShortcutRefused = (a) => a.endsWith('+J');
      await recorderButton(app, 'Ctrl+Alt+K').click();
      await page.keyboard.press('Control+Alt+KeyJ');
      const refusal = page.getByText(
        /^Ctrl\+Alt\+J could not be set as the global shortcut: .*\. Ctrl\+Alt\+K still works\.$/,
      );
      await refusal.waitFor();
      assert.equal(await refusal.count(), 1, 'said once, not as a message and again as the status');
      await recorderButton(app, 'Ctrl+Alt+K').waitFor();
      assert.deepEqual(globalShortcut.registered(), ['CommandOrControl+Alt+K']);
      assert.equal((await app.view()).settings.globalShortcut, 'CommandOrControl+Alt+K', 'not saved');
      await page.screenshot({ path: path.join(app.artifactsDir, 'shortcut-refused.png') });

      // Keys a global shortcut must not take: main explains.
      await recorderButton(app, 'Ctrl+Alt+K').click();
      await page.keyboard.press('Shift+KeyK');
      await page
        .getByText(/^Add Ctrl, Alt or Super: a shortcut of Shift\+K alone would take that key/)
        .waitFor();
      assert.deepEqual(globalShortcut.registered(), ['CommandOrControl+Alt+K']);

      // Esc while recording cancels the recording, and does not hide the window.
      await recorderButton(app, 'Ctrl+Alt+K').click();
      await page.keyboard.press('Escape');
      await recorderButton(app, 'Ctrl+Alt+K').waitFor();
      assert.equal(await app.windowVisible(), true);

      // Reset, then the off switch.
      await page.getByRole('button', { name: 'Reset' }).click();
      await recorderButton(app, 'Ctrl+Shift+M').waitFor();
      assert.deepEqual(globalShortcut.registered(), ['CommandOrControl+Shift+M']);
      await page.getByText(/could not be set/).waitFor({ state: 'detached' });
      await page.getByLabel('Show or hide this window with a keyboard shortcut').uncheck();
      await page.getByText('Off. The tray icon still opens the window.').waitFor();
      assert.deepEqual(globalShortcut.registered(), []);
      assert.equal((await app.view()).settings.globalShortcutEnabled, false);
      expectNoPageProblems(app);
    } finally {
      await app.close();
    }
    assert.deepEqual(globalShortcut.registered(), [], 'nothing left registered after quit');
  });

  test('a desktop that refuses every global shortcut (Wayland): Settings says so at once', async () => {
    const app = await launchApp({
      storedToken: DEFAULT_SIM_TOKEN,
      configureDouble: (config) => {
        config.globalShortcutRefused = () => true;
      },
    });
    try {
      await settingsTab(app.page).click();
      await app.page
        .getByText(
          /^Ctrl\+Shift\+M could not be set as the global shortcut: .*Wayland.*No shortcut is active; the tray icon still opens the window\.$/,
        )
        .waitFor();
      assert.deepEqual(globalShortcut.registered(), []);
      await app.page
        .getByRole('heading', { name: 'Keyboard shortcut' })
        .evaluate((h) => h.scrollIntoView({ block: 'start' }));
      await app.page.screenshot({ path: path.join(app.artifactsDir, 'shortcut-wayland.png') });
      expectNoPageProblems(app);
    } finally {
      await app.close();
    }
  });
});

describe('browser end-to-end: keep open (pin)', () => {
  test('unpinned the window hides on blur; pinned it stays (on top); Esc still hides it', async () => {
    const app = await launchApp({ storedToken: DEFAULT_SIM_TOKEN });
    try {
      const { page } = app;
      await waitForPoll(app, 0);
      const win = recorder.windows[0]!;
      const pin = page.getByRole('button', { name: 'Keep open' });
      assert.equal(await pin.getAttribute('aria-pressed'), 'false');
      // Focus goes to another app: the popup hides (electron-menubar's hide-on-blur).
      win.blur();
      assert.equal(await hiddenFor(app, 300), true);
      app.handle.hooks!.showWindow();
      await waitFor(() => app.windowVisible(), 'shown again');

      await pin.click();
      await waitFor(async () => (await pin.getAttribute('aria-pressed')) === 'true', 'pin pressed');
      assert.equal((await app.view()).settings.keepWindowOpen, true, 'saved');
      assert.equal(win.isAlwaysOnTop(), true);
      win.blur();
      assert.equal(await hiddenFor(app, 300), false, 'pinned: still shown after losing focus');
      await page.screenshot({
        path: path.join(app.artifactsDir, 'pinned-header.png'),
        clip: { x: 0, y: 0, width: 400, height: 60 },
      });

      await page.keyboard.press('Escape');
      await waitFor(async () => !(await app.windowVisible()), 'Esc hides the pinned window');

      // Unpinned again: blur hides once more.
      app.handle.hooks!.showWindow();
      await waitFor(() => app.windowVisible(), 'shown again');
      await pin.click();
      await waitFor(async () => (await pin.getAttribute('aria-pressed')) === 'false', 'pin released');
      win.blur();
      assert.equal(await hiddenFor(app, 300), true);
      expectNoPageProblems(app);
    } finally {
      await app.close();
    }
  });
});
