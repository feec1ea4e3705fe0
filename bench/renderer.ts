/**
 * Benchmark 3 — the job window in Chromium (playwright-core, /usr/bin/chromium, no GPU).
 *
 * - **First render** of 100, 1,000 and 5,000 running rows: a fresh page whose fake bridge answered
 *   `app:get-view` with an empty view; then, timed in the page, `performance.now()` around the
 *   first onView delivery of the N-row view (`__fakeBridge.push`) until layout (forced with
 *   `document.body.offsetHeight`). Several fresh pages per size; the median is reported.
 *   Each first render is also split into script (the renderer's code) and style + layout.
 * - **Update**: the same page, a second push with the same N jobs (new percents and observation
 *   time), as every poll does. Informational.
 * - **Warm first render**: then empty, 20 rows, empty, and the N rows again: the row code has
 *   run before (the JIT is warm), as scripts/preview-renderer.mjs measures. Informational.
 * - **Tick**: the once-a-second elapsed update with 100 rows. `setInterval` is wrapped before the
 *   renderer loads, so the renderer's own 1 s callback is captured; `Date.now` gets an offset the
 *   benchmark moves by 1 s before each call, so every call really changes every elapsed time.
 *   After 20 warm-up calls, timed: the callback plus the style and layout it causes (forced with
 *   offsetHeight); the callback alone is reported too, as are the real interval firings.
 * - **DOM size**: elements and all nodes (text nodes included) after each first render.
 */
import { emptyView, makeView } from '../test/support/view-fixtures.ts';
import { startRenderer } from './browser.ts';
import {
  fmtInt,
  fmtMs,
  median,
  percentile,
  round,
  type BenchOptions,
  type BenchRow,
  type ConcernResult,
} from './lib.ts';

/** Row counts of the first-render measurement. */
export const ROW_COUNTS: readonly number[] = [100, 1_000, 5_000];
/** Target: first render of 1,000 rows within this many ms. */
export const RENDER_1000_TARGET_MS = 50;
/** Target: one tick with 100 rows within this many ms. */
export const TICK_100_TARGET_MS = 1;

/** What the init script below adds to `window`. */
interface TickProbeWindow {
  __benchClock: { advance(ms: number): void };
  __intervals: Array<{ fn: () => void; ms: number; real: number[] }>;
}

/**
 * Runs in the page before the renderer: `Date.now` with a movable offset, and a `setInterval`
 * that records each callback (and how long each real firing took). Self-contained (serialised).
 */
function tickProbe(): void {
  const w = window as unknown as TickProbeWindow;
  const realNow = Date.now.bind(Date);
  let offsetMs = 0;
  Date.now = () => realNow() + offsetMs;
  w.__benchClock = {
    advance(ms: number) {
      offsetMs += ms;
    },
  };
  w.__intervals = [];
  const orig = window.setInterval.bind(window);
  window.setInterval = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
    const fn =
      typeof handler === 'function' ? () => (handler as (...a: unknown[]) => void)(...rest) : () => {};
    const entry = { fn, ms: ms ?? 0, real: [] as number[] };
    w.__intervals.push(entry);
    return orig(() => {
      const t0 = performance.now();
      fn();
      entry.real.push(performance.now() - t0);
    }, ms);
  }) as typeof window.setInterval;
}

/** A push timed in the page: total, the script part (renderer code) and the style + layout part. */
interface Split {
  totalMs: number;
  scriptMs: number;
  layoutMs: number;
}

/** One size's first-render numbers. */
interface RenderResult {
  rows: number;
  firstRenderMs: number[];
  /** The same first renders, split into script and style + layout. */
  first: Split[];
  /** First render of the view again after the row code has run (20 rows, then empty). */
  warmFirstRenderMs: number[];
  updateMs: number[];
  elements: number;
  nodes: number;
  /** Rows the page shows (must equal `rows`). */
  rowsShown: number;
}

/** Runs benchmark 3 (see the module docs). */
export async function runRenderer(opts: BenchOptions): Promise<ConcernResult> {
  const pagesPerSize = opts.quick ? 3 : 9;
  const tickCalls = opts.quick ? 60 : 300;
  const realTickWaitMs = opts.quick ? 2_500 : 5_500;
  const harness = await startRenderer();
  const results: RenderResult[] = [];
  let tick: { withLayoutMs: number[]; callbackMs: number[]; realMs: number[]; intervalMs: number };
  try {
    for (const n of ROW_COUNTS) {
      const r: RenderResult = {
        rows: n,
        firstRenderMs: [],
        first: [],
        warmFirstRenderMs: [],
        updateMs: [],
        elements: 0,
        nodes: 0,
        rowsShown: 0,
      };
      for (let i = 0; i < pagesPerSize; i++) {
        const now = Date.now();
        const page = await harness.open(emptyView(now));
        const view = makeView(n, now);
        const next = structuredClone(view);
        next.running.forEach((row, k) => {
          row.percent = (k * 13 + 7) % 100;
          row.observedAtMs = now + 5_000;
        });
        const m = await page.evaluate(
          ({ view, next, small, empty }) => {
            const bridge = (window as unknown as { __fakeBridge: { push(v: unknown): void } }).__fakeBridge;
            const push = (v: unknown): Split => {
              const t0 = performance.now();
              bridge.push(v);
              const t1 = performance.now();
              void document.body.offsetHeight;
              const t2 = performance.now();
              return { totalMs: t2 - t0, scriptMs: t1 - t0, layoutMs: t2 - t1 };
            };
            const first = push(view);
            let nodes = 0;
            const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
            while (walker.nextNode()) nodes++;
            const dom = {
              elements: document.getElementsByTagName('*').length,
              nodes,
              rowsShown: document.querySelectorAll('.job-list > li').length,
            };
            const update = push(next);
            // Warm: the row code has run before (as in scripts/preview-renderer.mjs).
            push(empty);
            push(small);
            push(empty);
            const warm = push(view);
            return { first, update, warm, dom };
          },
          { view, next, small: makeView(20, now), empty: emptyView(now) },
        );
        r.first.push(m.first);
        r.firstRenderMs.push(m.first.totalMs);
        r.updateMs.push(m.update.totalMs);
        r.warmFirstRenderMs.push(m.warm.totalMs);
        if (i === 0) Object.assign(r, m.dom);
        await page.close();
      }
      results.push(r);
      opts.log(
        `renderer: ${fmtInt(n)} rows: first render median ${fmtMs(median(r.firstRenderMs))} ` +
          `(${r.firstRenderMs.map((x) => x.toFixed(1)).join(', ')}), update ${fmtMs(median(r.updateMs))}, ` +
          `${fmtInt(r.nodes)} DOM nodes, ${r.rowsShown} rows shown`,
      );
    }

    // The tick with 100 rows.
    const now = Date.now();
    const page = await harness.open(emptyView(now), [tickProbe]);
    await page.evaluate(
      (v) => (window as unknown as { __fakeBridge: { push(v: unknown): void } }).__fakeBridge.push(v),
      makeView(100, now),
    );
    tick = await page.evaluate(
      async ({ calls, waitMs }) => {
        const w = window as unknown as TickProbeWindow;
        const ticker = w.__intervals.find((e) => e.ms === 1000) ?? w.__intervals.at(-1);
        if (!ticker) throw new Error('the renderer set no interval: no tick to measure');
        const withLayoutMs: number[] = [];
        const callbackMs: number[] = [];
        // Warm-up: the app's ticker has run many times before any given tick.
        for (let i = 0; i < 20; i++) {
          w.__benchClock.advance(1000);
          ticker.fn();
          void document.body.offsetHeight;
        }
        for (let i = 0; i < calls; i++) {
          w.__benchClock.advance(1000);
          const t0 = performance.now();
          ticker.fn();
          const t1 = performance.now();
          void document.body.offsetHeight;
          const t2 = performance.now();
          callbackMs.push(t1 - t0);
          withLayoutMs.push(t2 - t0);
        }
        const before = ticker.real.length;
        await new Promise((r) => setTimeout(r, waitMs));
        return { withLayoutMs, callbackMs, realMs: ticker.real.slice(before), intervalMs: ticker.ms };
      },
      { calls: tickCalls, waitMs: realTickWaitMs },
    );
    await page.close();
  } finally {
    await harness.close();
  }

  const r1000 = results.find((r) => r.rows === 1_000);
  const render1000 = r1000 ? median(r1000.firstRenderMs) : Number.NaN;
  const tickMedian = median(tick.withLayoutMs);
  const rows: BenchRow[] = results.map((r) => ({
    concern: 'renderer',
    metric: `first render of ${fmtInt(r.rows)} rows (median of ${r.firstRenderMs.length} pages)`,
    value: `${fmtMs(median(r.firstRenderMs))} (max ${fmtMs(Math.max(...r.firstRenderMs))})`,
    target: r.rows === 1_000 ? `≤ ${RENDER_1000_TARGET_MS} ms` : null,
    met: r.rows === 1_000 ? render1000 <= RENDER_1000_TARGET_MS : null,
  }));
  rows.push(
    ...results.map((r) => ({
      concern: 'renderer',
      metric: `  ${fmtInt(r.rows)} rows: script / style+layout; warm first render`,
      value:
        `${fmtMs(median(r.first.map((x) => x.scriptMs)))} / ${fmtMs(median(r.first.map((x) => x.layoutMs)))}; ` +
        fmtMs(median(r.warmFirstRenderMs)),
      target: null,
      met: null,
    })),
    ...results.map((r) => ({
      concern: 'renderer',
      metric: `  update push, same ${fmtInt(r.rows)} jobs / DOM nodes (elements)`,
      value: `${fmtMs(median(r.updateMs))} / ${fmtInt(r.nodes)} (${fmtInt(r.elements)})`,
      target: null,
      met: null,
    })),
    {
      concern: 'renderer',
      metric: `tick with 100 rows incl. layout: median (p95, max) of ${tick.withLayoutMs.length}`,
      value: `${fmtMs(tickMedian)} (${fmtMs(percentile(tick.withLayoutMs, 0.95))}, ${fmtMs(Math.max(...tick.withLayoutMs))})`,
      target: `≤ ${TICK_100_TARGET_MS} ms`,
      met: tickMedian <= TICK_100_TARGET_MS,
    },
    {
      concern: 'renderer',
      metric: '  tick callback alone: median / real 1 s firings median',
      value: `${fmtMs(median(tick.callbackMs))} / ${tick.realMs.length > 0 ? fmtMs(median(tick.realMs)) : 'none seen'}`,
      target: null,
      met: null,
    },
  );

  return {
    rows,
    summary: {
      render1000Ms: round(render1000, 2),
      tick100Ms: round(tickMedian, 4),
    },
    details: {
      method:
        'Fresh page per sample, fake bridge (test/support/fake-bridge.ts), views from makeView(n) ' +
        '(test/support/view-fixtures.ts); timed in the page with performance.now() around ' +
        '__fakeBridge.push(view) + document.body.offsetHeight.',
      chromium: harness.chromiumVersion,
      viewport: '400×560, deviceScaleFactor 1',
      targets: { render1000Ms: RENDER_1000_TARGET_MS, tick100Ms: TICK_100_TARGET_MS },
      sizes: results.map((r) => ({
        rows: r.rows,
        rowsShown: r.rowsShown,
        firstRenderMedianMs: round(median(r.firstRenderMs), 2),
        firstRenderMaxMs: round(Math.max(...r.firstRenderMs), 2),
        firstRenderMs: r.firstRenderMs.map((x) => round(x, 2)),
        firstScriptMedianMs: round(median(r.first.map((x) => x.scriptMs)), 2),
        firstStyleLayoutMedianMs: round(median(r.first.map((x) => x.layoutMs)), 2),
        warmFirstRenderMedianMs: round(median(r.warmFirstRenderMs), 2),
        warmFirstRenderMs: r.warmFirstRenderMs.map((x) => round(x, 2)),
        updateMedianMs: round(median(r.updateMs), 2),
        updateMs: r.updateMs.map((x) => round(x, 2)),
        domElements: r.elements,
        domNodes: r.nodes,
      })),
      tick: {
        rows: 100,
        intervalMs: tick.intervalMs,
        calls: tick.withLayoutMs.length,
        withLayoutMedianMs: round(tickMedian, 4),
        withLayoutP95Ms: round(percentile(tick.withLayoutMs, 0.95), 4),
        withLayoutMaxMs: round(Math.max(...tick.withLayoutMs), 4),
        callbackMedianMs: round(median(tick.callbackMs), 4),
        callbackMaxMs: round(Math.max(...tick.callbackMs), 4),
        realFiringsMs: tick.realMs.map((x) => round(x, 4)),
      },
    },
  };
}
