/**
 * Benchmark 4 — wake-ups while idle.
 *
 * **Main** (simulated hours on a {@link FakeClock}): a real {@link JobMonitor} + UseapiClient
 * polling the {@link Simulator} over loopback HTTP. Every fake-timer firing is a wake-up
 * (`FakeClock.firedCount`); a wake-up that made no request is a wasted one. Scenarios, one hour
 * each: no job ever (the steady state of a quiet day), the first hour after the last job finished
 * (the 20 s "recent idle" regime), and paused.
 * Target: main wakes only when the scheduler has work due (no wasted wake-ups).
 *
 * **Renderer** (real time, Chromium): `document.visibilityState`/`hidden` are overridden by an
 * init script and a `visibilitychange` is dispatched; `setTimeout`, `setInterval` and
 * `requestAnimationFrame` are wrapped to count callbacks fired. Pages watched side by side over
 * the same window: hidden with no jobs (the target), hidden with running jobs, and visible with no
 * jobs (the status-bar countdown ticks: a contrast, not a target). The full run watches 60 s of
 * real time; `--quick` watches 10 s and scales the count to a minute.
 * Target: the hidden renderer with no jobs fires no timers.
 */
import { UseapiClient } from '../main/core/api/client.ts';
import { FakeClock } from '../main/core/clock.ts';
import { JobMonitor } from '../main/core/monitor/job-monitor.ts';
import { Simulator } from '../main/core/simulator/index.ts';
import { emptyView, jobsView } from '../test/support/view-fixtures.ts';
import { startRenderer } from './browser.ts';
import { round, type BenchOptions, type BenchRow, type ConcernResult } from './lib.ts';

const HOUR_MS = 3_600_000;

/** One main-process scenario's numbers over one simulated hour. */
interface MainIdle {
  scenario: string;
  label: string;
  hours: number;
  timersFired: number;
  requests: number;
  /** Timer firings after which no request was made. */
  wastedWakeups: number;
  timersPerMin: number;
  requestsPerMin: number;
}

/** Runs one scenario: `setup` starts the monitor and brings it to the state to watch; the next simulated hour is measured. */
async function mainScenario(
  scenario: string,
  label: string,
  setup: (sim: Simulator, monitor: JobMonitor, clock: FakeClock) => Promise<void>,
): Promise<MainIdle> {
  const clock = new FakeClock(Date.UTC(2026, 0, 5, 20));
  const sim = new Simulator({ clock });
  const { baseUrl } = await sim.start();
  const api = new UseapiClient({ apiBase: baseUrl, token: sim.token, now: () => clock.now() });
  const monitor = new JobMonitor({ api, clock, ledgerPath: null, random: () => 0.5 });
  try {
    await setup(sim, monitor, clock);
    await monitor.whenIdle();
    const endMs = clock.now() + HOUR_MS;
    const fired0 = clock.firedCount;
    const requests0 = sim.stats().requests;
    let wasted = 0;
    for (;;) {
      const before = sim.stats().requests;
      if (!clock.runNext(endMs)) break;
      await monitor.whenIdle();
      if (sim.stats().requests === before) wasted++;
    }
    const timersFired = clock.firedCount - fired0;
    const requests = sim.stats().requests - requests0;
    await monitor.stop();
    return {
      scenario,
      label,
      hours: 1,
      timersFired,
      requests,
      wastedWakeups: wasted,
      timersPerMin: timersFired / 60,
      requestsPerMin: requests / 60,
    };
  } finally {
    await sim.stop();
  }
}

/** Drives the fake clock to `untilMs`, letting the monitor finish each cycle. */
async function runUntil(monitor: JobMonitor, clock: FakeClock, untilMs: number): Promise<void> {
  for (;;) {
    await monitor.whenIdle();
    if (!clock.runNext(untilMs)) return;
  }
}

/** What the renderer init script adds to `window`. */
interface IdleProbeWindow {
  __setHidden(hidden: boolean): void;
  __timers: { scheduled: number; fired: number };
}

/** Runs in the page before the renderer: a controllable visibility and counted timers. Self-contained. */
function idleProbe(): void {
  const w = window as unknown as IdleProbeWindow;
  let hidden = false;
  Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible') });
  Object.defineProperty(document, 'hidden', { get: () => hidden });
  w.__setHidden = (h: boolean) => {
    hidden = h;
    document.dispatchEvent(new Event('visibilitychange'));
  };
  w.__timers = { scheduled: 0, fired: 0 };
  const wrap = (name: 'setTimeout' | 'setInterval' | 'requestAnimationFrame'): void => {
    const orig = (window[name] as (...a: unknown[]) => number).bind(window);
    (window as unknown as Record<string, unknown>)[name] = (fn: unknown, ...rest: unknown[]) => {
      w.__timers.scheduled++;
      return orig(
        (...a: unknown[]) => {
          w.__timers.fired++;
          if (typeof fn === 'function') (fn as (...x: unknown[]) => void)(...a);
        },
        ...rest,
      );
    };
  };
  wrap('setTimeout');
  wrap('setInterval');
  wrap('requestAnimationFrame');
}

/** One renderer scenario's counts over the window. */
interface RendererIdle {
  scenario: string;
  label: string;
  windowMs: number;
  fired: number;
  scheduled: number;
  firedPerMin: number;
}

/** Runs benchmark 4 (see the module docs). */
export async function runIdle(opts: BenchOptions): Promise<ConcernResult> {
  // ---- main -----------------------------------------------------------------------------------
  const main: MainIdle[] = [];
  main.push(
    await mainScenario('noJobs', 'main, idle, no job ever', async (_sim, monitor) => {
      await monitor.start();
    }),
  );
  main.push(
    await mainScenario('afterLastJob', 'main, first hour after the last job', async (sim, monitor, clock) => {
      sim.submit({ kind: 'video', durationMs: 120_000, outcome: 'succeeded' });
      await monitor.start();
      // Until the job has left and been announced (a minute of margin).
      await runUntil(monitor, clock, clock.now() + 180_000);
    }),
  );
  main.push(
    await mainScenario('paused', 'main, paused', async (_sim, monitor) => {
      await monitor.start();
      await monitor.whenIdle();
      monitor.pause();
    }),
  );
  for (const m of main) {
    opts.log(
      `idle: ${m.label}: ${m.timersFired} timers, ${m.requests} requests, ${m.wastedWakeups} wasted wake-ups in 1 h`,
    );
  }

  // ---- renderer -------------------------------------------------------------------------------
  const windowMs = opts.quick ? 10_000 : 60_000;
  const harness = await startRenderer();
  const renderer: RendererIdle[] = [];
  try {
    const now = Date.now();
    const specs = [
      { scenario: 'hiddenNoJobs', label: 'renderer, hidden, no jobs', hidden: true, view: emptyView(now) },
      {
        scenario: 'hiddenWithJobs',
        label: 'renderer, hidden, 3 running jobs',
        hidden: true,
        view: jobsView(now),
      },
      { scenario: 'visibleNoJobs', label: 'renderer, visible, no jobs', hidden: false, view: emptyView(now) },
    ];
    const pages = [];
    for (const spec of specs) {
      // Every page first shows running jobs while visible (its ticker starts), then goes to its state.
      const page = await harness.open(jobsView(now), [idleProbe]);
      await page.evaluate(
        ({ hidden, view }) => {
          const w = window as unknown as IdleProbeWindow & { __fakeBridge: { push(v: unknown): void } };
          if (hidden) w.__setHidden(true);
          w.__fakeBridge.push(view);
        },
        { hidden: spec.hidden, view: spec.view },
      );
      pages.push({ spec, page });
    }
    // Let anything the state change itself scheduled run out before counting.
    await new Promise((r) => setTimeout(r, 500));
    const before = await Promise.all(
      pages.map(({ page }) => page.evaluate(() => ({ ...(window as unknown as IdleProbeWindow).__timers }))),
    );
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, windowMs));
    const after = await Promise.all(
      pages.map(({ page }) => page.evaluate(() => ({ ...(window as unknown as IdleProbeWindow).__timers }))),
    );
    const elapsedMs = Date.now() - t0;
    pages.forEach(({ spec }, i) => {
      const fired = (after[i]?.fired ?? 0) - (before[i]?.fired ?? 0);
      renderer.push({
        scenario: spec.scenario,
        label: spec.label,
        windowMs: elapsedMs,
        fired,
        scheduled: (after[i]?.scheduled ?? 0) - (before[i]?.scheduled ?? 0),
        firedPerMin: (fired * 60_000) / elapsedMs,
      });
    });
    for (const { page } of pages) await page.close();
  } finally {
    await harness.close();
  }
  for (const r of renderer) {
    opts.log(`idle: ${r.label}: ${r.fired} timer callbacks in ${(r.windowMs / 1000).toFixed(1)} s`);
  }

  const noJobs = main.find((m) => m.scenario === 'noJobs')!;
  const hiddenNoJobs = renderer.find((r) => r.scenario === 'hiddenNoJobs')!;
  const scaled = windowMs < 60_000 ? ` (${(windowMs / 1000).toFixed(0)} s window, scaled)` : '';
  const rows: BenchRow[] = [
    ...main.map((m) => ({
      concern: 'idle',
      metric: `${m.label}: timers/min, requests/min, wasted wake-ups`,
      value: `${m.timersPerMin.toFixed(2)}, ${m.requestsPerMin.toFixed(2)}, ${m.wastedWakeups}`,
      target: 'no wasted wake-up',
      met: m.wastedWakeups === 0,
    })),
    ...renderer.map((r) => ({
      concern: 'idle',
      metric: `${r.label}: timer callbacks/min${scaled}`,
      value: r.firedPerMin.toFixed(1),
      target: r.scenario === 'hiddenNoJobs' ? '0' : null,
      met: r.scenario === 'hiddenNoJobs' ? r.fired === 0 : null,
    })),
  ];

  return {
    rows,
    summary: {
      idleMainTimersPerMin: round(noJobs.timersPerMin, 3),
      idleMainWastedWakeups: main.reduce((a, m) => a + m.wastedWakeups, 0),
      idleRendererTimersPerMin: round(hiddenNoJobs.firedPerMin, 3),
    },
    details: {
      method:
        'Main: FakeClock.firedCount over one simulated hour per scenario; a wake-up is wasted when no ' +
        'request followed it. Renderer: wrapped setTimeout/setInterval/requestAnimationFrame, visibility ' +
        `overridden by an init script; ${windowMs / 1000} s of real time, counts scaled to one minute.`,
      main: main.map((m) => ({
        ...m,
        timersPerMin: round(m.timersPerMin, 3),
        requestsPerMin: round(m.requestsPerMin, 3),
      })),
      renderer: renderer.map((r) => ({ ...r, firedPerMin: round(r.firedPerMin, 3) })),
    },
  };
}
