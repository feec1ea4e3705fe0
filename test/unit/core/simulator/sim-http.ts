/**
 * Test helpers for the simulator tests: start a Simulator on a FakeClock and call it with plain
 * global fetch (deliberately not the app's API client).
 */
import { FakeClock } from '../../../../main/core/clock.ts';
import { Simulator } from '../../../../main/core/simulator/index.ts';
import type { SimulatorOptions } from '../../../../main/core/simulator/index.ts';

/** A parsed HTTP answer. `json` is undefined when the body is empty or not JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** A running simulator plus a tiny fetch wrapper bound to its base URL and token. */
export interface SimHarness {
  sim: Simulator;
  clock: FakeClock;
  baseUrl: string;
  /** GET/DELETE/POST `path` (relative to the base URL) with the accepted token unless `headers` says otherwise. */
  call(
    method: string,
    path: string,
    init?: { body?: string; headers?: Record<string, string> },
  ): Promise<Answer>;
  stop(): Promise<void>;
}

/** Starts a simulator on a FakeClock (default start 2026-01-01T00:00:00Z). */
export async function startSim(
  opts: Omit<SimulatorOptions, 'clock'> = {},
  clock = new FakeClock(),
): Promise<SimHarness> {
  const sim = new Simulator({ ...opts, clock });
  const { baseUrl } = await sim.start();
  return {
    sim,
    clock,
    baseUrl,
    async call(method, path, init = {}) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${sim.token}`, ...init.headers },
        body: init.body,
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, text, json };
    },
    stop: () => sim.stop(),
  };
}

/** The ids listed by a GET /scheduler/ answer, whichever key (`videoId` / `imageId`) holds them. */
export function schedulerIds(answer: Answer): string[] {
  const list = answer.json as Array<Record<string, unknown>>;
  return list.map((item) => String(item.videoId ?? item.imageId));
}
