/**
 * The tray app's side of saving results: the result saver (main/core/results) kept in step with
 * the settings, fed with the monitor's `job-finished` events, and asked about a saved file.
 * A full disk or a folder that went away is logged here; the window shows it from the snapshot.
 */
import { stat } from 'node:fs/promises';
import type { ResultSaver } from '../core/results/result-saver.ts';
import type { SaverSnapshot } from '../core/results/save-types.ts';
import type { MonitorEvent } from '../core/types.ts';
import { saverConfig, type SaveResultsSettings } from './save-settings.ts';

/** The subset of {@link ResultSaver} the app uses. */
export type SaverLike = Pick<
  ResultSaver,
  'subscribe' | 'start' | 'stop' | 'setConfig' | 'offer' | 'retryNow' | 'snapshot'
>;

/** Options of {@link SavedResults}. */
export interface SavedResultsOptions {
  saver: SaverLike;
  /** Something the window shows changed (a result saved, saving paused…). */
  onChange(): void;
}

/** See the module docs. */
export class SavedResults {
  private readonly saver: SaverLike;

  constructor(opts: SavedResultsOptions) {
    this.saver = opts.saver;
    this.saver.subscribe(() => opts.onChange());
  }

  /** Loads the saver's state (resuming an interrupted download) with the stored settings. */
  async start(settings: SaveResultsSettings): Promise<void> {
    await this.saver.start();
    this.configure(settings);
  }

  /** The settings changed. */
  configure(settings: SaveResultsSettings): void {
    this.saver.setConfig(saverConfig(settings));
  }

  /** Offers every finished job of a monitor batch (the saver keeps those it should save). */
  offer(events: readonly MonitorEvent[]): void {
    for (const event of events) if (event.type === 'job-finished') this.saver.offer(event.job);
  }

  retry(): void {
    this.saver.retryNow();
  }

  snapshot(): SaverSnapshot {
    return this.saver.snapshot();
  }

  /** The saved file of job `id` when it is still there, else null. */
  async existingFile(id: string): Promise<string | null> {
    const file = this.saver.snapshot().records[id]?.path ?? null;
    if (file === null) return null;
    try {
      return (await stat(file)).isFile() ? file : null;
    } catch {
      return null;
    }
  }

  stop(): Promise<void> {
    return this.saver.stop();
  }
}
