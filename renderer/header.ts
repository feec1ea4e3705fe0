/**
 * The window's header: the section tabs (Jobs, with the running count, and Settings; arrow keys,
 * Home and End move between them), "Check now", and the "Keep open" pin (a toggle button: the
 * window stays open when it loses focus; main persists it as `keepWindowOpen`). The pin is not
 * shown for the normal window used when there is no tray, which never hides on blur.
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
  private readonly pinBtn: HTMLButtonElement;
  private pinned = false;
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
    this.pinBtn = button('', {
      className: 'btn btn-small btn-pin',
      icon: icon('pin'),
      label: strings.pin.label,
      title: strings.pin.title,
      onClick: () => void this.togglePin(),
    });
    this.pinBtn.setAttribute('aria-pressed', 'false');
    this.element = el('header', {
      className: 'app-header',
      children: [
        el('h1', { className: 'visually-hidden', text: strings.appName }),
        tablist,
        this.checkBtn,
        this.pinBtn,
      ],
    });
  }

  /**
   * Shows the running count on the Jobs tab, Check now only while there is a token to check with,
   * and the pin (pressed while the window is kept open) only for the tray popup.
   */
  render(runningCount: number, tokenStored: boolean, pin: { shown: boolean; pinned: boolean }): void {
    setText(this.countText, runningCount > 0 ? countBadge(runningCount) : '');
    setShown(this.count, runningCount > 0);
    setShown(this.checkBtn, tokenStored);
    this.pinned = pin.pinned;
    this.pinBtn.setAttribute('aria-pressed', String(pin.pinned));
    setShown(this.pinBtn, pin.shown);
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

  /** Asks main to pin or unpin the window; the pushed view then shows the new state. */
  private async togglePin(): Promise<void> {
    await this.ctx.run('settings:update', { keepWindowOpen: !this.pinned }, { busy: this.pinBtn });
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
