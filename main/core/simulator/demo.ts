/**
 * The demo: the built-in simulator with the seed whose first minute shows the usual mix of
 * outcomes (a third of the jobs started on the website, a finished history), time sped up, and the
 * polling and list reconciles that go with it. `npm run demo` (the tray app) and
 * `minimax-jobs watch --demo` both start it here.
 */
import { demoPolling, type PollingSettings } from '../scheduler/poll-policy.ts';
import { demoReconcile, type ReconcileSettings } from '../scheduler/reconcile-policy.ts';
import { demoSimulatorOptions, Simulator } from './index.ts';

/** A running demo simulator. */
export interface DemoSimulator {
  /** API base URL (`http://127.0.0.1:<port>/v1/minimax`). */
  url: string;
  /** The token it accepts (never a real one; kept in memory only). */
  token: string;
  /** Speed factor: job durations are divided by it. */
  speed: number;
  /** Polling settings scaled to the same speed. */
  polling: Partial<PollingSettings>;
  /** List reconcile cadence scaled to the same speed. */
  reconcile: Partial<ReconcileSettings>;
  stop(): Promise<void>;
}

/**
 * Starts the demo simulator on a free loopback port.
 * @param speed time runs this many times faster (> 0).
 * @param opts.serveResultFiles serve the result files on the simulator's own origin, so saving
 *   results works in the demo (`watch --demo --save-to DIR`); otherwise result links point at the
 *   unreachable `https://cdn.simulator.invalid/`.
 */
export async function startDemoSimulator(
  speed: number,
  opts: { serveResultFiles?: boolean } = {},
): Promise<DemoSimulator> {
  const sim = new Simulator({
    ...demoSimulatorOptions(speed),
    ...(opts.serveResultFiles ? { resultFiles: { serve: true, sizeBytes: 256 * 1024 } } : {}),
  });
  const { baseUrl } = await sim.start();
  return {
    url: baseUrl,
    token: sim.token,
    speed,
    polling: demoPolling(speed),
    reconcile: demoReconcile(speed),
    stop: () => sim.stop(),
  };
}
