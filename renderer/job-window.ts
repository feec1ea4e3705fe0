/**
 * The job window: the header (section tabs, Check now, the pin), the Jobs and Settings sections, the
 * message area and the status bar. One {@link JobWindow} per page; {@link JobWindow.render} takes
 * every pushed ViewModel and hands each part what it shows.
 *
 * Timers: one 1 s interval, running only while the page is visible AND something on screen
 * counts (a running job's elapsed time or the next-check countdown). Hidden → no timers at all.
 */
import type { NavigateTarget, TrayBridge, ViewModel } from '../main/ipc.ts';
import { ActionRunner } from './actions.ts';
import { Announcer } from './announcer.ts';
import type { UiContext } from './context.ts';
import { ConfirmDialog } from './dialog.ts';
import { el, replaceChildren, setShown } from './dom.ts';
import type { ClockFormatOptions } from './format.ts';
import { WindowHeader } from './header.ts';
import { icon } from './icons.ts';
import { JobsPanel } from './jobs-panel.ts';
import { Notice } from './notice.ts';
import { SettingsPanel } from './settings-panel.ts';
import { StatusBar } from './status-bar.ts';

/** Tick period of the elapsed-time and countdown updates, in ms. */
const TICK_MS = 1000;

/** Options for {@link JobWindow}. */
export interface JobWindowOptions {
  /** Clock source (epoch ms); default Date.now. */
  now?: () => number;
  /** Locale/time zone for clock times; default the user's. */
  clockOptions?: ClockFormatOptions;
}

/** The whole window (see the module docs). */
export class JobWindow {
  private readonly ctx: UiContext;
  private readonly dialog: ConfirmDialog;
  private readonly notice: Notice;
  private readonly header: WindowHeader;
  private readonly jobs: JobsPanel;
  private readonly settingsPanel: HTMLElement;
  private readonly settings: SettingsPanel;
  private readonly statusBar: StatusBar;
  private view: ViewModel | null = null;
  private visible: boolean;
  private timer: ReturnType<typeof setInterval> | null = null;

  /**
   * Builds the window into `root` (its children are replaced).
   * @param root container element (the page's #app)
   * @param bridge the preload API (`window.minimaxTray`)
   */
  constructor(root: HTMLElement, bridge: TrayBridge, opts: JobWindowOptions = {}) {
    this.visible = document.visibilityState === 'visible';
    const now = opts.now ?? (() => Date.now());
    const clockOptions = opts.clockOptions ?? {};
    this.dialog = new ConfirmDialog();
    this.notice = new Notice();
    const actions = new ActionRunner(bridge, this.notice);
    const announcer = new Announcer();
    this.ctx = {
      run: (channel, request, runOpts) => actions.run(channel, request, runOpts),
      confirm: (o) => this.dialog.ask(o),
      navigate: (target, focus) => this.navigate(target, focus),
      now,
      clockOptions,
    };

    this.header = new WindowHeader(this.ctx);
    this.jobs = new JobsPanel(this.ctx, announcer, {
      id: this.header.panelIds.jobs,
      labelledBy: this.header.tabIds.jobs,
    });
    this.settings = new SettingsPanel(this.ctx);
    this.settingsPanel = el('div', {
      className: 'panel',
      attrs: {
        id: this.header.panelIds.settings,
        role: 'tabpanel',
        'aria-labelledby': this.header.tabIds.settings,
        tabindex: '-1',
      },
      children: [this.settings.element],
    });
    this.statusBar = new StatusBar(clockOptions, this.notice.element);

    const content = el('main', { className: 'content', children: [this.jobs.element, this.settingsPanel] });
    replaceChildren(root, [this.header.element, content, this.statusBar.element, announcer.element]);
    this.showSection('jobs', false);
  }

  /** Renders a pushed ViewModel. */
  render(pushed: ViewModel): void {
    const nowMs = this.ctx.now();
    const first = this.view === null;
    const view = withLists(pushed);
    this.view = view;
    this.header.render(view.running.length, view.token.stored, {
      shown: !view.status.trayUnavailable,
      pinned: view.settings.keepWindowOpen === true,
    });
    this.jobs.render(view, nowMs, first);
    this.settings.update(view);
    this.statusBar.render(view.status, nowMs);
    this.syncTicker();
    document.body.dataset.ready = 'true';
  }

  /** Page visibility changed: start or stop the tick; hidden also clears transient messages. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) this.notice.clear();
    else this.tick();
    this.syncTicker();
  }

  /** Opens a section (the tray menu's "Settings…" arrives here through 'app:navigate'). */
  navigate(target: NavigateTarget, focus?: 'token'): void {
    this.showSection(target, false);
    if (target === 'settings' && focus === 'token') this.settings.focusToken();
  }

  /** True when Esc should close something inside the page rather than hide the window. */
  get hasOpenDialog(): boolean {
    return this.dialog.isOpen;
  }

  /** Shows a message saying the page could not get going (no bridge, load failure). */
  static fatal(root: HTMLElement, message: string): void {
    replaceChildren(root, [
      el('div', {
        className: 'fatal',
        attrs: { role: 'alert' },
        children: [icon('warning'), el('p', { text: message })],
      }),
    ]);
    document.body.dataset.ready = 'true';
  }

  /** Shows that the first view could not be loaded; the next view push replaces the message. */
  showLoadError(message: string): void {
    this.jobs.showLoadError(message);
    document.body.dataset.ready = 'true';
  }

  /** Once-a-second update: elapsed times and the next-check countdown. Cheap by design. */
  tick(): void {
    if (!this.view) return;
    const nowMs = this.ctx.now();
    this.jobs.tick(nowMs);
    this.statusBar.tick(nowMs);
  }

  private showSection(target: NavigateTarget, focusTab: boolean): void {
    this.header.select(target, focusTab);
    setShown(this.jobs.element, target === 'jobs');
    setShown(this.settingsPanel, target === 'settings');
  }

  private syncTicker(): void {
    const wanted =
      this.visible && this.view !== null && (this.jobs.runningSize > 0 || this.statusBar.countingDown);
    if (wanted && this.timer === null) {
      this.timer = setInterval(() => this.tick(), TICK_MS);
    } else if (!wanted && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}

/** `view` with its lists as arrays (a malformed push must not break every part that loops). */
function withLists(view: ViewModel): ViewModel {
  const list = <T>(v: readonly T[] | unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
  return {
    ...view,
    running: list(view.running),
    history: list(view.history),
    capacity: list(view.capacity),
    accounts: list(view.accounts),
  };
}
