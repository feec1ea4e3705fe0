// Browser end-to-end: the window follows the OS's display settings, emulated with Playwright's
// page.emulateMedia: more contrast (prefers-contrast: more) darkens muted text and borders in
// both themes, high contrast (forced-colors: active) keeps every separator and control outline in
// the system palette, and reduced motion (prefers-reduced-motion: reduce) stops every transition.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SIM_TOKEN } from '../../main/core/simulator/index.ts';
import { checkNowButton, runningRows, submitAndSee, waitForPoll } from '../support/e2e/scenarios.ts';
import { closeBrowser, launchApp, type BrowserAppDriver } from './harness.ts';

let app: BrowserAppDriver;

before(async () => {
  app = await launchApp({ storedToken: DEFAULT_SIM_TOKEN });
  await waitForPoll(app, 0);
  await submitAndSee(app, [{ kind: 'video', durationMs: 600_000, outcome: 'succeeded', prompt: 'a fox' }], 1);
});
after(async () => {
  await app?.page.emulateMedia({
    colorScheme: null,
    contrast: null,
    forcedColors: null,
    reducedMotion: null,
  });
  await app?.close();
  await closeBrowser();
});

/** WCAG contrast ratio of two computed `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (css: string): number => {
    const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number) as [number, number, number];
    const lin = (c: number): number => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Colours a user sees on the first running row: its muted line, the list's border and backgrounds. */
function rowColours(): Promise<{ muted: string; rowBg: string; border: string; pageBg: string }> {
  return runningRows(app.page)
    .first()
    .evaluate((li) => {
      const list = li.closest('ul')!;
      const meta = li.querySelector('.row-meta')!;
      return {
        muted: getComputedStyle(meta).color,
        rowBg: getComputedStyle(list).backgroundColor,
        border: getComputedStyle(list).borderTopColor,
        pageBg: getComputedStyle(document.body).backgroundColor,
      };
    });
}

describe('browser end-to-end: the window follows the OS display settings', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`more contrast (${colorScheme}): muted text reaches 7:1, list borders 3:1`, async () => {
      await app.page.emulateMedia({ colorScheme, contrast: 'more', forcedColors: 'none' });
      const c = await rowColours();
      assert.ok(
        contrast(c.muted, c.rowBg) >= 7,
        `muted text ${c.muted} on ${c.rowBg}: ${contrast(c.muted, c.rowBg).toFixed(2)}:1`,
      );
      assert.ok(
        contrast(c.border, c.pageBg) >= 3,
        `border ${c.border} on ${c.pageBg}: ${contrast(c.border, c.pageBg).toFixed(2)}:1`,
      );
      // Without the setting the quieter palette stays (the setting is what changes it).
      await app.page.emulateMedia({ contrast: 'no-preference' });
      const quiet = await rowColours();
      assert.ok(contrast(quiet.border, quiet.pageBg) < 3, 'the default borders are quieter');
    });
  }

  test("high contrast (forced colors): the separators between a row's details and every button outline are drawn in the system colours", async () => {
    await app.page.emulateMedia({ colorScheme: 'light', contrast: null, forcedColors: 'active' });
    const seen = await runningRows(app.page)
      .first()
      .evaluate((li) => {
        const second = li.querySelector('.row-meta > span + span')!;
        const dot = getComputedStyle(second, '::before');
        return {
          text: getComputedStyle(second).color,
          dotContent: dot.content,
          dotStyle: dot.borderTopStyle,
          dotColour: dot.borderTopColor,
          dotWidth: dot.borderTopWidth,
          buttons: [...li.querySelectorAll('button')].map((b) => {
            const s = getComputedStyle(b);
            return { style: s.borderTopStyle, colour: s.borderTopColor, text: s.color };
          }),
        };
      });
    assert.notEqual(seen.dotContent, 'none', 'a separator is drawn between the account and the start time');
    assert.equal(seen.dotStyle, 'solid');
    assert.equal(seen.dotColour, seen.text, 'the separator has the colour of the text beside it');
    assert.notEqual(seen.dotWidth, '0px');
    assert.equal(seen.buttons.length, 2);
    for (const b of seen.buttons) {
      assert.equal(b.style, 'solid');
      assert.equal(b.colour, b.text, 'button outline in the button text colour (ButtonText)');
    }
    await app.page.emulateMedia({ forcedColors: 'none' });
  });

  test('reduced motion: hovering a control starts no transition; without the setting it does', async () => {
    const { page } = app;
    const running = async (): Promise<number> => {
      await page.mouse.move(0, 0);
      await checkNowButton(page).hover();
      return page.evaluate(() => document.getAnimations().length);
    };
    await page.emulateMedia({
      colorScheme: 'light',
      contrast: null,
      forcedColors: 'none',
      reducedMotion: 'reduce',
    });
    assert.equal(await running(), 0, 'nothing animates with reduced motion');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    assert.ok((await running()) > 0, 'the hover fades in without the setting');
  });
});
