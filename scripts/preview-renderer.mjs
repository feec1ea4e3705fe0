#!/usr/bin/env node
// Renderer preview: builds the job window (esbuild only, so it works while tsc on main/ is red),
// serves dist/renderer on 127.0.0.1 (port 0), injects a fake `window.minimaxTray` with each
// fixture from test/support/view-fixtures.ts, and saves screenshots in light and dark to
// test-results/preview/*.png (plus settings, accounts, shortcut recorder, dialog, forced-colors and
// more-contrast shots; `pinned` is the header with "Keep open" pressed).
//
// It also checks what a screenshot cannot show and exits 1 when any check fails:
//   - no console errors, page errors or CSP violations; hostile strings never execute;
//   - @axe-core/playwright finds no serious or critical violations (jobs and settings, both themes);
//   - timing: first render of 1,000 rows, one tick of 100 rows; 5,000 rows render;
//   - hidden page with no jobs schedules and fires no timers;
//   - reduced motion (prefers-reduced-motion: reduce) starts no animation or transition.
//
// Usage: npm run preview -- [--no-build] [--only=jobs,offline,forced,contrast,motion,behaviour,perf]
//        [--no-axe] [--docs]   (--docs also writes the README's docs/window-light.png and -dark.png)
// Needs /usr/bin/chromium (override with CHROMIUM_PATH).
/* global window, document */ // functions passed to page.evaluate/addInitScript run in the page
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist/renderer');
const shotDir = path.join(root, 'test-results/preview');
// The README's screenshots of the window (written with --docs).
const docsDir = path.join(root, 'docs');
const args = new Set(process.argv.slice(2));
const only = [...args]
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');

const { fixtureViews, makeView, FIXTURE_NOW_MS } = await import('../test/support/view-fixtures.ts');
const { installFakeBridge } = await import('../test/support/fake-bridge.ts');

// ---- Build -------------------------------------------------------------------------------------
if (!args.has('--no-build')) {
  const { bundleRenderer } = await import('./bundle-renderer.mjs');
  await bundleRenderer(outDir);
}

// ---- Static server -----------------------------------------------------------------------------
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const name =
    decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
  const file = path.join(outDir, name);
  if (!file.startsWith(outDir + path.sep) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}/index.html`;

// A cover image for https://cdn.example.com/... (no network here).
const coverSvg = (hue) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,60%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360},70%,35%)"/></linearGradient></defs><rect width="80" height="80" fill="url(#g)"/><circle cx="56" cy="24" r="9" fill="hsl(${hue},90%,85%)"/><path d="M0 62 L26 40 L44 56 L58 46 L80 64 V80 H0Z" fill="hsl(${(hue + 90) % 360},40%,22%)"/></svg>`;

// ---- Browser -----------------------------------------------------------------------------------
const { chromium } = await import('playwright-core');
const { default: AxeBuilder } = await import('@axe-core/playwright');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

const failures = [];
const fail = (msg) => {
  failures.push(msg);
  console.error(`FAIL ${msg}`);
};

/** Runs in the page before anything else: records CSP violations. */
function pageProbes() {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
  });
}

async function openPage(context, view, label, opts = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    // Chromium warns that frame-ancestors is ignored in <meta> CSP; the header form is main's job.
    if (text.includes("'frame-ancestors'")) return;
    // Covers that fail to load are expected in the hostile fixture (and handled by the page).
    if (text.startsWith('Failed to load resource')) return;
    problems.push(`console: ${text}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // The last route added wins: block the network, then serve covers.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.route('https://cdn.example.com/**', (route) => {
    const hue = [...route.request().url()].reduce((a, c) => (a + c.charCodeAt(0)) % 360, 0);
    return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: coverSvg(hue) });
  });
  // Pinned clock for stable screenshots; the perf pages keep the real clock (precise performance.now).
  if (!opts.realClock) await page.clock.setFixedTime(FIXTURE_NOW_MS);
  await page.addInitScript(pageProbes);
  if (opts.beforeBridge) await page.addInitScript(opts.beforeBridge);
  await page.addInitScript(installFakeBridge, { view, bridgeId: 'preview' });
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]');
  // Let lazy covers load or fail before shooting.
  await page.waitForLoadState('networkidle').catch(() => {});
  const check = async () => {
    const csp = await page.evaluate(() => window.__csp);
    for (const v of csp) problems.push(`csp: ${v}`);
    const pwned = await page.evaluate(() => document.body.dataset.pwned ?? null);
    if (pwned !== null) problems.push('hostile markup executed');
    for (const p of problems) fail(`${label}: ${p}`);
    problems.length = 0;
  };
  return { page, check };
}

async function axe(page, label) {
  if (args.has('--no-axe')) return;
  const result = await new AxeBuilder({ page }).analyze();
  for (const v of result.violations) {
    const line = `${label}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes
      .slice(0, 2)
      .map((n) => n.target.join(' '))
      .join(' | ')}`;
    if (v.impact === 'serious' || v.impact === 'critical') fail(line);
    else console.log(`note ${line}`);
  }
}

mkdirSync(shotDir, { recursive: true });
const fixtures = fixtureViews(FIXTURE_NOW_MS);
for (const scheme of ['light', 'dark']) {
  const context = await browser.newContext({
    viewport: { width: 400, height: 560 },
    deviceScaleFactor: 2,
    locale: 'en-GB',
    timezoneId: 'UTC',
    colorScheme: scheme,
  });
  for (const [name, view] of Object.entries(fixtures)) {
    if (only && !only.includes(name)) continue;
    const label = `${name}/${scheme}`;
    const { page, check } = await openPage(context, view, label);
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(shotDir, `${name}-${scheme}.png`), animations: 'disabled' });
    if (name === 'jobs' && args.has('--docs')) {
      mkdirSync(docsDir, { recursive: true });
      await page.screenshot({ path: path.join(docsDir, `window-${scheme}.png`), animations: 'disabled' });
    }
    if (['jobs', 'hostile'].includes(name)) {
      // The whole scrolling content, for review.
      await page.setViewportSize({ width: 400, height: 1500 });
      await page.screenshot({
        path: path.join(shotDir, `${name}-long-${scheme}.png`),
        animations: 'disabled',
      });
      await page.setViewportSize({ width: 400, height: 560 });
    }
    if (name !== 'many') await axe(page, label);
    if (['jobs', 'hostile', 'paused-muted', 'no-token', 'accounts-shortcut'].includes(name)) {
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.screenshot({
        path: path.join(shotDir, `${name}-settings-${scheme}.png`),
        animations: 'disabled',
      });
      if (name === 'accounts-shortcut' || name === 'hostile') {
        // The accounts list and the keyboard shortcut, scrolled into view.
        await page.getByRole('heading', { name: 'Accounts' }).evaluate((h) => h.scrollIntoView());
        await page.screenshot({
          path: path.join(shotDir, `${name}-settings-accounts-${scheme}.png`),
          animations: 'disabled',
        });
      }
      if (name === 'accounts-shortcut') {
        await page.getByRole('heading', { name: 'Keyboard shortcut' }).evaluate((h) => h.scrollIntoView());
        await page.getByRole('button', { name: 'Shortcut Ctrl+Shift+M' }).click();
        await page.screenshot({
          path: path.join(shotDir, `shortcut-recording-${scheme}.png`),
          animations: 'disabled',
        });
        await axe(page, `${label}/recording`);
        await page.keyboard.press('Escape');
      }
      if (name === 'jobs' || name === 'hostile') {
        await page.locator('details.advanced summary').click();
        await page.locator('.content').evaluate((e) => e.scrollTo(0, e.scrollHeight));
        await page.screenshot({
          path: path.join(shotDir, `${name}-settings-bottom-${scheme}.png`),
          animations: 'disabled',
        });
      }
      await axe(page, `${label}/settings`);
    }
    if (name === 'jobs') {
      // Keyboard focus ring on a row action: Jobs tab → Check now → Keep open → first row's "Stop tracking".
      await page.getByRole('tab', { name: /Jobs/ }).click();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const focusedName = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
      if (!focusedName?.startsWith('Stop tracking')) fail(`${label}: tab order reached "${focusedName}"`);
      await page.screenshot({ path: path.join(shotDir, `focus-${scheme}.png`), animations: 'disabled' });
      await page
        .getByRole('button', { name: /^Stop tracking/ })
        .first()
        .click();
      await page.waitForSelector('dialog[open]');
      await page.screenshot({ path: path.join(shotDir, `dialog-${scheme}.png`), animations: 'disabled' });
      await axe(page, `${label}/dialog`);
      await page.keyboard.press('Escape');
      const calls = await page.evaluate(() => window.__fakeBridge.calls.map((c) => c.channel));
      if (calls.includes('jobs:stop-tracking')) fail(`${label}: Esc on the dialog still stopped tracking`);
      if (calls.includes('window:hide')) fail(`${label}: Esc on the dialog also hid the window`);
      // A finished-job push is announced.
      await page.evaluate((v) => {
        const next = structuredClone(v);
        next.history.unshift({ ...next.history[0], id: next.history[0].id + '9', shortId: 'new12345' });
        window.__fakeBridge.push(next);
      }, view);
      const said = await page.locator('[aria-live="polite"][aria-atomic="true"]').textContent();
      if (!said?.includes('Video new12345 succeeded')) fail(`${label}: live region said "${said}"`);
    }
    await check();
    await page.close();
  }
  // The OS's display settings: high contrast (forced colors), more contrast, reduced motion.
  for (const [key, shot, media] of [
    ['forced', 'forced-colors', { forcedColors: 'active' }],
    ['contrast', 'contrast-more', { contrast: 'more' }],
  ]) {
    if (only && !only.includes(key)) continue;
    const { page, check } = await openPage(context, fixtures.pinned, `${key}/${scheme}`);
    await page.emulateMedia({ ...media, colorScheme: scheme });
    await page.screenshot({ path: path.join(shotDir, `${shot}-${scheme}.png`), animations: 'disabled' });
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Accounts' }).evaluate((h) => h.scrollIntoView());
    await page.screenshot({
      path: path.join(shotDir, `${shot}-settings-${scheme}.png`),
      animations: 'disabled',
    });
    await axe(page, `${key}/${scheme}`);
    await check();
    await page.close();
  }
  if (!only || only.includes('motion')) {
    // A screenshot cannot show motion: hover a control and count the animations it starts.
    const { page, check } = await openPage(context, fixtures.jobs, `motion/${scheme}`);
    const started = async () => {
      await page.mouse.move(0, 0);
      await page.getByRole('button', { name: 'Check now' }).hover();
      return page.evaluate(() => document.getAnimations().length);
    };
    await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: scheme });
    const reduced = await started();
    await page.emulateMedia({ reducedMotion: 'no-preference', colorScheme: scheme });
    const normal = await started();
    if (reduced !== 0) fail(`motion/${scheme}: ${reduced} animation(s) with reduced motion`);
    if (normal === 0) fail(`motion/${scheme}: no hover transition without reduced motion`);
    await check();
    await page.close();
  }
  await context.close();
}

// ---- Behaviour ---------------------------------------------------------------------------------
if (!only || only.includes('behaviour')) {
  const context = await browser.newContext({
    viewport: { width: 400, height: 560 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  const calls = (page) => page.evaluate(() => window.__fakeBridge.calls.map((c) => [c.channel, c.request]));
  const expect = (ok, msg) => {
    if (!ok) fail(`behaviour: ${msg}`);
  };

  // Confirmed stop tracking sends the full id; the dialog says it does not cancel.
  {
    const { page, check } = await openPage(context, fixtures.jobs, 'behaviour/stop');
    await page
      .getByRole('button', { name: /^Stop tracking/ })
      .first()
      .click();
    const body = await page.locator('dialog[open]').textContent();
    expect(/does NOT cancel/.test(body ?? ''), 'stop-tracking dialog must say it does not cancel');
    await page.locator('dialog[open]').getByRole('button', { name: 'Stop tracking' }).click();
    await page.waitForFunction(() =>
      window.__fakeBridge.calls.some((c) => c.channel === 'jobs:stop-tracking'),
    );
    const sent = (await calls(page)).find(([c]) => c === 'jobs:stop-tracking');
    expect(sent?.[1]?.id === fixtures.jobs.running[0].id, `stop-tracking sent ${JSON.stringify(sent)}`);
    // Images have no cancel button.
    const cancelButtons = await page.getByRole('button', { name: /^Cancel video/ }).count();
    expect(cancelButtons === 2, `expected 2 cancel buttons (videos only), got ${cancelButtons}`);
    // Esc with no dialog open hides the window.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => window.__fakeBridge.calls.some((c) => c.channel === 'window:hide'));
    // The tray menu can open Settings.
    await page.evaluate(() => window.__fakeBridge.navigate('settings'));
    expect(await page.getByLabel('New API token').isVisible(), 'navigate(settings) shows the settings');
    await check();
    await page.close();
  }

  // Unauthorized: "Replace token" opens settings with the token field focused; saving clears it.
  {
    const { page, check } = await openPage(context, fixtures.unauthorized, 'behaviour/token');
    await page.evaluate(() =>
      window.__fakeBridge.setResponse('token:save', { ok: false, message: 'Token format looks wrong.' }),
    );
    await page.getByRole('button', { name: 'Replace token' }).click();
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('type'));
    expect(focused === 'password', `token field focused after Replace token (got ${focused})`);
    await page.keyboard.type('user:123-secret');
    await page.keyboard.press('Enter');
    await page.getByText('Token format looks wrong.').waitFor();
    expect((await page.getByLabel('New API token').inputValue()) === '', 'token field cleared after saving');
    const sent = (await calls(page)).find(([c]) => c === 'token:save');
    expect(sent?.[1]?.token === 'user:123-secret', 'token:save carries the typed token');
    await check();
    await page.close();
  }

  // Settings changes go out as Partial<SettingsView>; a refusal is shown and reverted.
  {
    const { page, check } = await openPage(context, fixtures.jobs, 'behaviour/settings');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Hide prompts in this window').check();
    await page.getByLabel('Fixed interval').check();
    await page.getByLabel('Seconds between checks').fill('5');
    await page.getByLabel('Seconds between checks').press('Tab');
    await page.getByText('Enter a whole number of seconds').waitFor();
    await page.getByLabel('Seconds between checks').fill('45');
    await page.getByLabel('Seconds between checks').press('Tab');
    await page.evaluate(() =>
      window.__fakeBridge.setResponse('settings:update', { ok: false, message: 'Could not save.' }),
    );
    await page.getByLabel('Start at login').click(); // refused at once, so .check() would see it revert
    await page.getByText('Could not save.').waitFor();
    expect(!(await page.getByLabel('Start at login').isChecked()), 'refused change is reverted');
    await page.getByRole('button', { name: 'Mute for 1 hour' }).click();
    const updates = (await calls(page)).filter(
      ([c]) => c === 'settings:update' || c === 'notifications:mute',
    );
    const want = [
      ['settings:update', { hidePrompts: true }],
      ['settings:update', { pollingMode: 'fixed', fixedIntervalMs: 30000 }],
      ['settings:update', { pollingMode: 'fixed', fixedIntervalMs: 45000 }],
      ['settings:update', { startAtLogin: true }],
      ['notifications:mute', { minutes: 60 }],
    ];
    expect(JSON.stringify(updates) === JSON.stringify(want), `settings calls ${JSON.stringify(updates)}`);
    await check();
    await page.close();
  }
  await context.close();
}

// ---- Performance and timers --------------------------------------------------------------------
if (!only || only.includes('perf')) {
  const context = await browser.newContext({
    viewport: { width: 400, height: 560 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });

  // Wraps setInterval so each tick's duration is recorded.
  const timing = () => {
    window.__tickMs = [];
    const orig = window.setInterval.bind(window);
    window.setInterval = (fn, ms, ...rest) =>
      orig(() => {
        const t0 = performance.now();
        fn(...rest);
        window.__tickMs.push(performance.now() - t0);
      }, ms);
  };
  const measure = (page, n) =>
    page.evaluate(
      (v) => {
        const t0 = performance.now();
        window.__fakeBridge.push(v);
        void document.body.offsetHeight; // include style and layout
        return performance.now() - t0;
      },
      makeView(n, FIXTURE_NOW_MS),
    );
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  // First render of 1,000 rows, cold (a fresh page each time, no warm-up); median of 5, since a
  // shared machine makes single samples noisy.
  const firsts = [];
  for (let i = 0; i < 5; i++) {
    const { page, check } = await openPage(context, fixtures.empty, 'perf', { realClock: true });
    firsts.push(await measure(page, 1000));
    await check();
    await page.close();
  }

  const { page, check } = await openPage(context, fixtures.empty, 'perf', {
    beforeBridge: timing,
    realClock: true,
  });
  await measure(page, 100);
  await page.waitForFunction(() => window.__tickMs.length >= 6, null, { timeout: 15000 });
  const ticks = await page.evaluate(() => window.__tickMs.slice(1));
  const render5000 = await measure(page, 5000);
  const rows5000 = await page.locator('.job-list > li').count();
  const render1000 = median(firsts);
  const tick = median(ticks);
  console.log(
    `perf: first render of 1,000 rows median ${render1000.toFixed(1)} ms (${firsts.map((t) => t.toFixed(1)).join(', ')}); ` +
      `tick with 100 rows median ${tick.toFixed(2)} ms (${ticks.map((t) => t.toFixed(2)).join(', ')}); ` +
      `5,000 rows ${render5000.toFixed(1)} ms; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`,
  );
  // Timings are reported, not judged: the targets (≤ 50 ms, ≤ 1 ms) belong to `npm run bench`,
  // which measures them on a quiet page with its method; a busy machine must not fail a preview.
  if (render1000 >= 50 || tick >= 1) {
    console.log(
      'perf: above the benchmark targets here (50 ms, 1 ms); see `npm run bench` for the measured figures',
    );
  }
  if (rows5000 !== 5000) fail(`perf: 5,000-row view shows ${rows5000} rows`);
  await check();
  await page.close();

  // Hidden page, no jobs: no timers scheduled or fired at all.
  const hiddenProbe = () => {
    let hidden = false;
    Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { get: () => hidden });
    window.__setHidden = (h) => {
      hidden = h;
      document.dispatchEvent(new Event('visibilitychange'));
    };
    window.__timers = { scheduled: 0, fired: 0 };
    const wrap = (name) => {
      const orig = window[name].bind(window);
      window[name] = (fn, ...rest) => {
        window.__timers.scheduled++;
        return orig(
          (...a) => {
            window.__timers.fired++;
            if (typeof fn === 'function') fn(...a);
          },
          ...rest,
        );
      };
    };
    wrap('setTimeout');
    wrap('setInterval');
    wrap('requestAnimationFrame');
  };
  const hiddenPage = await openPage(context, fixtures.jobs, 'timers', { beforeBridge: hiddenProbe });
  const p = hiddenPage.page;
  await p.evaluate(() => window.__setHidden(true));
  await p.evaluate((v) => window.__fakeBridge.push(v), fixtures.empty);
  const before = await p.evaluate(() => ({ ...window.__timers }));
  await p.waitForTimeout(2500);
  const after = await p.evaluate(() => ({ ...window.__timers }));
  console.log(
    `timers while hidden with no jobs: scheduled +${after.scheduled - before.scheduled}, fired +${after.fired - before.fired}`,
  );
  if (after.fired !== before.fired || after.scheduled !== before.scheduled)
    fail('timers ran while hidden with no jobs');
  await hiddenPage.check();
  await p.close();
  await context.close();
}

await browser.close();
server.close();
console.log(`screenshots in ${path.relative(root, shotDir)}/`);
if (failures.length > 0) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('preview: all checks passed');
