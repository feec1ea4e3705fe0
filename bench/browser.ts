/**
 * The job window in headless Chromium, for the renderer and idle benchmarks.
 *
 * Bundles renderer/index.ts with esbuild, with the same options as scripts/build.mjs (not minified,
 * as shipped), into a private temporary folder (not dist/, which `npm run build` owns), serves it on 127.0.0.1 (port 0), and opens pages whose
 * `window.minimaxTray` is the fake bridge of test/support/fake-bridge.ts, exactly as
 * scripts/preview-renderer.mjs does. Measurements happen from outside the renderer code: through
 * the fake bridge, `performance.now()` and wrapped timer functions injected with `addInitScript`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ViewModel } from '../main/ipc.ts';
import { installFakeBridge } from '../test/support/fake-bridge.ts';
import { bundleRenderer } from '../scripts/bundle-renderer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Chromium flags for a quiet, repeatable headless run (no GPU, no background traffic). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A served renderer bundle plus a running Chromium. Call {@link RendererHarness.close} when done. */
export interface RendererHarness {
  browser: Browser;
  context: BrowserContext;
  /** URL of index.html on the local server. */
  url: string;
  /** Chromium's version string. */
  chromiumVersion: string;
  /**
   * Opens the job window with the fake bridge answering `app:get-view` with `view`, runs
   * `initScripts` (functions, in order) before the renderer loads, and waits until the page has
   * rendered (`body[data-ready="true"]`).
   */
  open(view: ViewModel, initScripts?: ReadonlyArray<() => void>): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Builds the renderer, starts the server and Chromium.
 * @throws Error when renderer/index.ts is missing, the build fails, or Chromium cannot start
 *   (path: CHROMIUM_PATH, default /usr/bin/chromium).
 */
export async function startRenderer(): Promise<RendererHarness> {
  const entry = path.join(root, 'renderer/index.ts');
  if (!existsSync(entry)) throw new Error('renderer/index.ts is missing: nothing to benchmark');
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'minimax-bench-renderer-'));
  await bundleRenderer(outDir);

  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript',
    '.css': 'text/css',
  };
  const server: Server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/+/, '') || 'index.html';
    const file = path.join(outDir, path.basename(name));
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      // Cross-origin isolation: performance.now() then has 5 µs resolution instead of 100 µs.
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const url = `http://127.0.0.1:${port}/index.html`;

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
  });
  const context = await browser.newContext({
    viewport: { width: 400, height: 560 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  // Nothing leaves the machine: only the local server answers.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());

  return {
    browser,
    context,
    url,
    chromiumVersion: browser.version(),
    async open(view, initScripts = []) {
      const page = await context.newPage();
      for (const script of initScripts) await page.addInitScript(script);
      await page.addInitScript(installFakeBridge, { view, bridgeId: 'bench' });
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]');
      if (!(await page.evaluate(() => window.crossOriginIsolated))) {
        throw new Error('the page is not cross-origin isolated: performance.now() would be coarse');
      }
      return page;
    },
    async close() {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
