/**
 * Native notifications from the main process (Electron `Notification`), showing what
 * main/app/notification-planner.ts planned.
 *
 * - Every Notification object is kept in a Set until it is clicked, closed or fails: a collected
 *   object never delivers its `click` (electron#16922). On Windows `close` also fires when a toast
 *   moves to the Action Center, where it can still be clicked, so there objects are kept until
 *   clicked (the oldest are dropped beyond {@link MAX_KEPT}).
 * - Click: an https result URL opens in the browser (only https, via openExternalSafely);
 *   a summary, or a job without a URL, shows the job window.
 * - Windows: `Notification.handleActivation` (Electron 42+) also receives clicks on toasts whose
 *   object is gone (Action Center after a restart, cold start from a toast); those show the window.
 * - `Notification.isSupported()` false, or a `failed` event (e.g. unsigned macOS builds since
 *   Electron 42), marks notifications unavailable; the window then says finished jobs are only
 *   listed there.
 * - What the OS then does with a notification (`show`, `failed`, nothing) is for whoever watches
 *   it: {@link NotifierOptions.watch} gets each one before `show()` (the test hooks do).
 */
import { Notification } from 'electron';
import type { NotifierPort } from '../app/ports.ts';
import type { PlannedNotification } from '../app/notification-planner.ts';
import { silentLogger, type Logger } from '../core/types.ts';
import { openExternalSafely } from './security.ts';

/** Most notification objects kept alive at once. */
export const MAX_KEPT = 50;
/** A Windows activation this soon after an instance click is the same click. */
const ACTIVATION_DEDUP_MS = 2_000;

/** Options of {@link ElectronNotifier}. */
export interface NotifierOptions {
  /** Shows the job window (summary clicks, jobs without a URL, Windows activations). */
  showWindow(): void;
  /** Called when notifications turn out to be unavailable. */
  onUnavailable(reason: string): void;
  platform?: NodeJS.Platform | string;
  logger?: Logger;
  now?: () => number;
  /** Gets each native notification, with what was planned, just before its `show()`. */
  watch?(notification: Notification, planned: PlannedNotification): void;
}

/** See the module docs. Create after the app is ready. */
export class ElectronNotifier implements NotifierPort {
  /** Objects kept alive until click/close/failed. */
  readonly live = new Set<Notification>();
  private readonly opts: NotifierOptions;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly platform: string;
  private unavailableReason: string | null = null;
  private lastClickMs = Number.NEGATIVE_INFINITY;

  constructor(opts: NotifierOptions) {
    this.opts = opts;
    this.logger = opts.logger ?? silentLogger;
    this.now = opts.now ?? Date.now;
    this.platform = opts.platform ?? process.platform;
    if (!Notification.isSupported()) {
      this.markUnavailable('this system does not support desktop notifications');
    }
    const handleActivation = (Notification as { handleActivation?: typeof Notification.handleActivation })
      .handleActivation;
    if (this.platform === 'win32' && typeof handleActivation === 'function') {
      handleActivation.call(Notification, (details) => {
        if (details.type !== 'click' && details.type !== 'action') return;
        if (this.now() - this.lastClickMs < ACTIVATION_DEDUP_MS) return;
        this.opts.showWindow();
      });
    }
  }

  unavailable(): boolean {
    return this.unavailableReason !== null;
  }

  /** Why notifications are unavailable, or null. */
  reason(): string | null {
    return this.unavailableReason;
  }

  show(planned: PlannedNotification): void {
    if (!Notification.isSupported()) {
      this.markUnavailable('this system does not support desktop notifications');
      return;
    }
    const n = new Notification({
      title: planned.title,
      body: planned.body,
      urgency: planned.outcome === 'failed' || planned.outcome === 'moderated' ? 'normal' : 'low',
    });
    this.keep(n);
    const release = (): void => {
      this.live.delete(n);
    };
    n.on('click', () => {
      release();
      this.lastClickMs = this.now();
      if (planned.url) {
        void openExternalSafely(planned.url).then((opened) => {
          if (!opened) this.opts.showWindow();
        });
      } else {
        this.opts.showWindow();
      }
    });
    n.on('close', () => {
      if (this.platform !== 'win32') release();
    });
    n.on('failed', (_event, error) => {
      release();
      this.markUnavailable(typeof error === 'string' && error ? error : 'the system refused to show it');
    });
    this.opts.watch?.(n, planned);
    try {
      n.show();
    } catch (e) {
      release();
      this.markUnavailable(e instanceof Error ? e.message : String(e));
    }
  }

  private keep(n: Notification): void {
    this.live.add(n);
    while (this.live.size > MAX_KEPT) {
      const oldest = this.live.values().next().value;
      if (oldest === undefined) break;
      this.live.delete(oldest);
    }
  }

  private markUnavailable(reason: string): void {
    if (this.unavailableReason !== null) return;
    this.unavailableReason = reason;
    this.logger.warn(`notifications unavailable: ${reason}`);
    this.opts.onUnavailable(reason);
  }
}
