/**
 * The one place that draws: from ONE monitor snapshot per refresh it moves the tray state on
 * (view-model.ts `nextTrayState`), renders the tray, builds the window's view and pushes it to the
 * window and to every view listener. A failing port is logged and never stops the others.
 */
import type { MonitorSnapshot } from '../core/monitor/job-monitor.ts';
import type { Logger } from '../core/types.ts';
import type { TrayState, ViewModel } from '../ipc.ts';
import type { TrayPort, TrayRender, WindowPort } from './ports.ts';
import { buildTrayRender, buildViewModel, nextTrayState, type ViewInput } from './view-model.ts';

/** What a refresh is drawn from, besides the snapshot (the tray state is the presenter's own). */
export type PresentInput = Omit<ViewInput, 'snapshot' | 'trayState'> & {
  /** `process.platform` (how the tray draws the count). */
  platform: NodeJS.Platform | string;
  /** A token is stored (the tray menu's Check now). */
  hasToken: boolean;
};

/** Draws the tray and the window's view; see the module docs. */
export class Presenter {
  private trayState: TrayState = 'idle';
  private readonly listeners = new Set<(view: ViewModel) => void>();
  private readonly logger: Logger;

  /** @param logger where failures of the tray, the window or a listener are reported. */
  constructor(logger: Logger) {
    this.logger = logger;
  }

  /** The tray state after the last refresh (debug info, test hooks). */
  state(): TrayState {
    return this.trayState;
  }

  /** Subscribe to every view pushed. Returns unsubscribe. */
  onView(listener: (view: ViewModel) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The view of `snapshot` with the current tray state (pulled by the window at load). */
  view(snapshot: MonitorSnapshot, input: PresentInput): ViewModel {
    return buildViewModel({ ...input, snapshot, trayState: this.trayState });
  }

  /** What the tray shows for `snapshot` with the current tray state. */
  tray(snapshot: MonitorSnapshot, input: PresentInput): TrayRender {
    return buildTrayRender({
      snapshot,
      trayState: this.trayState,
      settings: input.settings,
      platform: input.platform,
      hasToken: input.hasToken,
      nowMs: input.nowMs,
    });
  }

  /** Moves the tray state on with `snapshot`, then renders the tray and pushes the view. */
  refresh(
    snapshot: MonitorSnapshot,
    input: PresentInput,
    ports: { tray?: TrayPort | undefined; window?: WindowPort | undefined },
  ): void {
    this.trayState = nextTrayState(snapshot, this.trayState, input.settings.accountModes);
    this.guard('tray update failed', () => ports.tray?.render(this.tray(snapshot, input)));
    const view = this.view(snapshot, input);
    this.guard('view push failed', () => ports.window?.push(view));
    for (const l of [...this.listeners]) this.guard('view listener threw', () => l(view));
  }

  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.logger.warn(`controller: ${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
