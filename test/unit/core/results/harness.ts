/**
 * Helpers for the result-saver tests: a simulator serving result files on a FakeClock, finished
 * jobs taken from its own GET /videos|images/{id} answers, a ResultSaver writing into a temp
 * folder, and waits on real time for what happens over HTTP.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeClock } from '../../../../main/core/clock.ts';
import { ResultSaver, type ResultSaverOptions } from '../../../../main/core/results/result-saver.ts';
import type { SaveEvent, SaverConfig } from '../../../../main/core/results/save-types.ts';
import { Simulator, type SimJobSpec, type SimulatorOptions } from '../../../../main/core/simulator/index.ts';
import type { FinishedJob } from '../../../../main/core/types.ts';

/** A simulator with a file host, its clock and a folder to save into. */
export interface SaveHarness {
  sim: Simulator;
  clock: FakeClock;
  baseUrl: string;
  /** The saving folder (empty at start). */
  folder: string;
  /** A folder for the saver's state file. */
  stateDir: string;
  /** Submits `spec`, lets it finish, and returns the job as the monitor would announce it. */
  finish(spec: Partial<SimJobSpec>): Promise<FinishedJob>;
  /** A saver on the harness clock, state in stateDir, with its events collected. */
  saver(opts?: Partial<ResultSaverOptions>, config?: SaverConfig | null): Promise<SaverRun>;
  close(): Promise<void>;
}

/** A started saver and what it said. */
export interface SaverRun {
  saver: ResultSaver;
  events: SaveEvent[];
}

/** Starts the harness. Call `close()` in a finally or after(). */
export async function startSaveHarness(
  simOptions: Omit<SimulatorOptions, 'clock'> = {},
): Promise<SaveHarness> {
  const clock = new FakeClock();
  const sim = new Simulator({ resultFiles: { serve: true }, ...simOptions, clock });
  const { baseUrl } = await sim.start();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'mt-save-folder-'));
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'mt-save-state-'));
  const savers: ResultSaver[] = [];
  return {
    sim,
    clock,
    baseUrl,
    folder,
    stateDir,
    async finish(spec) {
      const full: SimJobSpec = { kind: 'video', durationMs: 60_000, outcome: 'succeeded', ...spec };
      const id = sim.submit(full);
      await clock.advance(full.durationMs + (full.finalLagMs ?? 0) + 1);
      const collection = full.kind === 'video' ? 'videos' : 'images';
      const res = await fetch(`${baseUrl}/${collection}/${encodeURIComponent(id)}`, {
        headers: { Authorization: `Bearer ${sim.token}` },
      });
      const body = (await res.json()) as Record<string, string | undefined>;
      const parsed = /-minimax:(\d+)-/.exec(id);
      return {
        id,
        kind: full.kind,
        account: parsed?.[1] ?? '',
        source: 'api',
        outcome: 'succeeded',
        resultUrl: body.downloadURL ?? body.videoURL ?? null,
        coverUrl: body.coverURL ?? null,
        prompt: body.desc ?? null,
        durationMs: full.durationMs,
        finishedAtMs: clock.now(),
        startedMs: clock.now() - full.durationMs,
        replyRef: null,
        status: 2,
        statusLabel: 'completed',
        message: null,
      };
    },
    async saver(opts = {}, config: SaverConfig | null = { folder, kinds: 'all' }) {
      const saver = new ResultSaver({ statePath: path.join(stateDir, 'saves.json'), clock, ...opts });
      const events: SaveEvent[] = [];
      saver.subscribe((e) => events.push(e));
      savers.push(saver);
      await saver.start();
      saver.setConfig(config);
      return { saver, events };
    },
    async close() {
      for (const s of savers) await s.stop();
      await sim.stop();
      rmSync(folder, { recursive: true, force: true });
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Waits (real time, polling every 10 ms) until `check()` is true. @throws after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Names in `folder`, sorted. */
export function filesIn(folder: string): string[] {
  return readdirSync(folder).sort();
}

/** Size of the saver's temp file in `folder` (0 when there is none). */
export function tempBytes(folder: string): number {
  const temp = readdirSync(folder).find((n) => n.endsWith('.part'));
  return temp === undefined ? 0 : statSync(path.join(folder, temp)).size;
}

/** The events of one type. */
export function ofType<T extends SaveEvent['type']>(
  events: SaveEvent[],
  type: T,
): Extract<SaveEvent, { type: T }>[] {
  return events.filter((e): e is Extract<SaveEvent, { type: T }> => e.type === type);
}
