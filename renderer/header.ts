/**
 * The window's header: the section tabs (Jobs, with the running count, and Settings; arrow keys,
 * Home and End move between them) and "Check now".
 */
import type { NavigateTarget } from '../main/ipc.ts';
import type { UiContext } from './context.ts';
import { button, el, setButtonText, setShown, setText, uid } from './dom.ts';
import { icon } from './icons.ts';
import { countBadge, strings } from './strings.ts';

const ORDER: readonly NavigateTarget[] = ['jobs', 'settings'];

/** The `<header>` with its tab list; the panels it controls get their ids from {@link panelIds}. */
export class WindowHeader {
  readonly element: HTMLElement;
  /** Ids of the tab panels, for their `id` attribute (the tabs point at them). */
  readonly panelIds: Readonly<Record<NavigateTarget, string>>;
  /** Ids of the tabs, for the panels' `aria-labelledby`. */
  readonly tabIds: Readonly<Record<NavigateTarget, string>>;
  private readonly ctx: UiContext;
  private readonly tabs: Record<NavigateTarget, HTMLButtonElement>;
  private readonly count: HTMLSpanElement;
  private readonly countText: Text;
  private readonly checkBtn: HTMLButtonElement;
  private selected: NavigateTarget = 'jobs';

  /** @param ctx shared services: a tab click calls `ctx.navigate`, Check now `ctx.run` */
  constructor(ctx: UiContext) {
    this.ctx = ctx;
    this.tabIds = { jobs: uid('tab-jobs'), settings: uid('tab-settings') };
    this.panelIds = { jobs: uid('panel-jobs'), settings: uid('panel-settings') };
    this.countText = document.createTextNode('');
    this.count = el('span', {
      className: 'tab-count',
      children: [
        this.countText,
        el('span', { className: 'visually-hidden', text: ` ${strings.tabs.runningSuffix}` }),
      ],
    });
    const tab = (target: NavigateTarget, children: Array<Node | string>): HTMLButtonElement => {
      const t = el('button', {
        className: 'tab',
        attrs: {
          type: 'button',
          role: 'tab',
          id: this.tabIds[target],
          'aria-controls': this.panelIds[target],
        },
        children,
      });
      t.addEventListener('click', () => this.ctx.navigate(target));
      return t;
    };
    this.tabs = {
      jobs: tab('jobs', [el('span', { text: strings.tabs.jobs }), this.count]),
      settings: tab('settings', [strings.tabs.settings]),
    };
    const tablist = el('div', {
      className: 'tabs',
      attrs: { role: 'tablist', 'aria-label': strings.tabs.label },
      children: [this.tabs.jobs, this.tabs.settings],
    });
    tablist.addEventListener('keydown', (ev) => this.onTabKey(ev));
    this.checkBtn = button(strings.checkNow, {
      className: 'btn btn-small btn-check',
      icon: icon('refresh'),
      onClick: () => void this.checkNow(),
    });
    this.element = el('header', {
      className: 'app-header',
      children: [el('h1', { className: 'visually-hidden', text: strings.appName }), tablist, this.checkBtn],
    });
  }

  /**
   * Shows the running count on the Jobs tab, and Check now only while there is a token to check with.
   */
  render(runningCount: number, tokenStored: boolean): void {
    setText(this.countText, runningCount > 0 ? countBadge(runningCount) : '');
    setShown(this.count, runningCount > 0);
    setShown(this.checkBtn, tokenStored);
  }

  /** Marks `target`'s tab selected (focusing it when `focusTab`). */
  select(target: NavigateTarget, focusTab: boolean): void {
    this.selected = target;
    for (const key of ORDER) {
      const on = key === target;
      this.tabs[key].setAttribute('aria-selected', String(on));
      this.tabs[key].tabIndex = on ? 0 : -1;
    }
    if (focusTab) this.tabs[target].focus();
  }

  /** Asks main for a poll now; the button says "Checking…" until main answers. */
  private async checkNow(): Promise<void> {
    setButtonText(this.checkBtn, strings.checking);
    await this.ctx.run('jobs:check-now', undefined, { busy: this.checkBtn });
    setButtonText(this.checkBtn, strings.checkNow);
  }

  private onTabKey(ev: KeyboardEvent): void {
    const i = ORDER.indexOf(this.selected);
    let next: NavigateTarget | null = null;
    if (ev.key === 'ArrowRight') next = ORDER[(i + 1) % ORDER.length] ?? null;
    else if (ev.key === 'ArrowLeft') next = ORDER[(i + ORDER.length - 1) % ORDER.length] ?? null;
    else if (ev.key === 'Home') next = 'jobs';
    else if (ev.key === 'End') next = 'settings';
    if (next === null) return;
    ev.preventDefault();
    this.ctx.navigate(next);
    this.tabs[next].focus();
  }
}
