/**
 * The Jobs section: alerts, the running jobs (with account capacity), the recently finished jobs,
 * and hints. It also has finished jobs read out as they arrive.
 */
import type { ViewModel } from '../main/ipc.ts';
import { AlertsPanel } from './alerts-panel.ts';
import type { Announcer } from './announcer.ts';
import { CapacityLine } from './capacity.ts';
import type { UiContext } from './context.ts';
import { button, el, setShown, setText, uid } from './dom.ts';
import { Hints } from './hints.ts';
import { HistoryList } from './history-list.ts';
import { RunningList } from './running-list.ts';
import { announceFinished, strings } from './strings.ts';

/** At most this many finished jobs are named in one announcement; the rest are counted. */
const ANNOUNCE_MAX = 3;

/** The Jobs tab panel's content. */
export class JobsPanel {
  /** The tab panel element (focusable, so focus has somewhere to go when its target vanished). */
  readonly element: HTMLElement;
  private readonly ctx: UiContext;
  private readonly announcer: Announcer;
  private readonly alerts: AlertsPanel;
  private readonly runningSection: HTMLElement;
  private readonly runningHeading: HTMLHeadingElement;
  private readonly runningCount: HTMLSpanElement;
  private readonly runningNote: HTMLParagraphElement;
  private readonly runningEmpty: HTMLElement;
  private readonly running: RunningList;
  private readonly capacity: CapacityLine;
  private readonly historySection: HTMLElement;
  private readonly historyHeading: HTMLHeadingElement;
  private readonly historyNote: HTMLElement;
  private readonly historyEmpty: HTMLElement;
  private readonly clearBtn: HTMLButtonElement;
  private readonly history: HistoryList;
  private readonly hints: Hints;
  private seenHistory: Set<string> | null = null;

  /**
   * @param ctx shared services
   * @param announcer the window's live region
   * @param attrs the tab panel's id and aria-labelledby (from the header)
   */
  constructor(ctx: UiContext, announcer: Announcer, attrs: { id: string; labelledBy: string }) {
    this.ctx = ctx;
    this.announcer = announcer;
    this.alerts = new AlertsPanel(ctx, announcer, () => this.element.focus());

    const runningHeadingId = uid('h-running');
    this.runningCount = el('span', { className: 'count' });
    this.runningHeading = el('h2', {
      className: 'section-title',
      attrs: { id: runningHeadingId, tabindex: '-1' },
      children: [strings.running.heading, ' ', this.runningCount],
    });
    this.capacity = new CapacityLine();
    this.runningNote = el('p', { className: 'empty-inline' });
    this.runningEmpty = el('div', {
      className: 'empty',
      children: [
        el('p', { className: 'empty-title', text: strings.running.emptyTitle }),
        el('p', { className: 'empty-body', text: strings.running.empty }),
      ],
    });
    this.running = new RunningList(ctx, () => this.runningHeading.focus());
    this.runningSection = el('section', {
      className: 'section',
      attrs: { 'aria-labelledby': runningHeadingId },
      children: [
        el('div', { className: 'section-head', children: [this.runningHeading] }),
        this.running.element,
        this.runningNote,
        this.runningEmpty,
        this.capacity.element,
      ],
    });

    const historyHeadingId = uid('h-history');
    this.historyHeading = el('h2', {
      className: 'section-title',
      text: strings.history.heading,
      attrs: { id: historyHeadingId, tabindex: '-1' },
    });
    this.clearBtn = button(strings.history.clear, {
      className: 'btn btn-small btn-quiet',
      onClick: () => void this.clearHistory(),
    });
    this.historyNote = el('p', { className: 'note note-after', text: strings.history.linksExpire });
    this.historyEmpty = el('p', { className: 'empty-inline', text: strings.history.empty });
    this.history = new HistoryList(ctx, () => this.historyHeading.focus());
    this.historySection = el('section', {
      className: 'section',
      attrs: { 'aria-labelledby': historyHeadingId },
      children: [
        el('div', { className: 'section-head', children: [this.historyHeading, this.clearBtn] }),
        this.history.element,
        this.historyEmpty,
        this.historyNote,
      ],
    });
    this.hints = new Hints();

    this.element = el('div', {
      className: 'panel',
      attrs: { id: attrs.id, role: 'tabpanel', 'aria-labelledby': attrs.labelledBy, tabindex: '-1' },
      children: [this.alerts.element, this.runningSection, this.historySection, this.hints.element],
    });
  }

  /** Number of running rows shown (the window ticks while there are any). */
  get runningSize(): number {
    return this.running.size;
  }

  /**
   * Shows `view` as of `nowMs` (its lists are arrays: the window checked).
   * @param first true for the page's first view (nothing in it is announced as news)
   */
  render(view: ViewModel, nowMs: number, first: boolean): void {
    const { running, history } = view;
    this.alerts.render(view, nowMs, first);

    const noToken = !view.token.stored;
    setShown(this.runningSection, !noToken || running.length > 0);
    setText(this.runningCount, running.length > 0 ? `(${running.length})` : '');
    this.running.update(running, nowMs);
    setShown(this.running.element, running.length > 0);
    // With nothing running, say what is known: still checking, nothing at the last good check
    // (stale or failing), or the full "nothing running" explanation.
    const { status } = view;
    const uncertain =
      status.staleSinceMs !== null || (status.error !== null && status.error.reason !== 'account-on-hold');
    let emptyNote = '';
    if (running.length === 0 && !noToken) {
      if (status.lastPollMs === null && status.error === null) emptyNote = strings.running.checking;
      else if (uncertain) emptyNote = strings.running.noneAtLastCheck;
    }
    setText(this.runningNote, emptyNote);
    setShown(this.runningNote, emptyNote !== '');
    setShown(this.runningEmpty, running.length === 0 && !noToken && emptyNote === '');
    this.capacity.render(view.capacity, running);

    setShown(this.historySection, true);
    this.history.update(history, view.settings.hidePrompts, nowMs);
    setShown(this.history.element, history.length > 0);
    setShown(this.historyEmpty, history.length === 0);
    setShown(this.clearBtn, history.length > 0);
    setShown(this.historyNote, history.length > 0);
    this.announceFinished(history, first);

    this.hints.render(view.status);
  }

  /** Once-a-second update of the running jobs' elapsed times. */
  tick(nowMs: number): void {
    this.running.tick(nowMs);
  }

  /** Shows that the first view could not be loaded; the next view replaces the message. */
  showLoadError(message: string): void {
    this.alerts.showLoadError(message);
    setShown(this.runningSection, false);
    setShown(this.historySection, false);
  }

  private announceFinished(history: ViewModel['history'], first: boolean): void {
    const seen = this.seenHistory;
    if (!first && seen !== null) {
      const fresh = history.filter((row) => !seen.has(row.id));
      if (fresh.length > 0) {
        const parts = fresh
          .slice(0, ANNOUNCE_MAX)
          .map((row) => announceFinished(row.kind, row.shortId, row.outcome));
        if (fresh.length > ANNOUNCE_MAX) parts.push(`+${fresh.length - ANNOUNCE_MAX}`);
        this.announcer.say(parts.join('. '));
      }
    }
    this.seenHistory = new Set(history.map((row) => row.id));
  }

  private async clearHistory(): Promise<void> {
    const ok = await this.ctx.confirm(strings.confirm.clearHistory);
    if (ok) await this.ctx.run('history:clear', undefined, { busy: this.clearBtn });
  }
}
