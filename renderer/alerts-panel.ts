/**
 * Draws the alerts of alerts.ts above the job lists, wires their buttons, and has a new problem
 * read out once (not the same one on every failed poll). The alerts are rebuilt only when what
 * they say changed, so focus on an alert button survives view pushes.
 */
import type { ViewModel } from '../main/ipc.ts';
import { alertsFor, problemKey, type Alert, type AlertAction } from './alerts.ts';
import type { Announcer } from './announcer.ts';
import type { UiContext } from './context.ts';
import { button, el, replaceChildren, setShown } from './dom.ts';
import { icon, type IconName } from './icons.ts';
import { TOKEN_HELP_URL } from './settings-panel.ts';

/** Leading icons of some alert buttons. */
const ACTION_ICONS: Partial<Record<AlertAction['id'], IconName>> = {
  'token-help': 'external',
};

/** The alerts area of the Jobs section. */
export class AlertsPanel {
  readonly element: HTMLElement;
  private readonly ctx: UiContext;
  private readonly announcer: Announcer;
  private readonly onFocusLost: () => void;
  private shownKey = '';
  private lastProblem = '';

  /**
   * @param ctx shared services (navigation and action channels for the buttons)
   * @param announcer where a new problem is read out
   * @param onFocusLost called when a rebuild removed the focused alert button
   */
  constructor(ctx: UiContext, announcer: Announcer, onFocusLost: () => void) {
    this.ctx = ctx;
    this.announcer = announcer;
    this.onFocusLost = onFocusLost;
    this.element = el('div', { className: 'alerts' });
  }

  /**
   * Shows the alerts for `view`.
   * @param first true for the first view of the page (a problem it shows is not announced)
   */
  render(view: ViewModel, nowMs: number, first: boolean): void {
    const alerts = alertsFor(view, nowMs, this.ctx.clockOptions);
    const key = alerts.map((a) => [a.tone, a.title, a.body, a.detail ?? ''].join('\u0000')).join('\u0001');
    if (key !== this.shownKey) {
      const hadFocus = this.element.contains(document.activeElement);
      this.shownKey = key;
      replaceChildren(
        this.element,
        alerts.map((a) => this.alertElement(a)),
      );
      if (hadFocus) this.onFocusLost();
    }
    setShown(this.element, alerts.length > 0);

    const problem = problemKey(view);
    if (problem !== this.lastProblem) {
      const firstAlert = alerts[0];
      if (!first && problem !== '' && firstAlert) this.announcer.say(firstAlert.title);
      this.lastProblem = problem;
    }
  }

  /** Shows that the first view could not be loaded; the next {@link render} replaces it. */
  showLoadError(message: string): void {
    this.shownKey = '';
    replaceChildren(this.element, [
      el('div', {
        className: 'alert alert-error',
        attrs: { role: 'alert' },
        children: [
          el('span', { className: 'alert-icon', children: [icon('warning')] }),
          el('div', {
            className: 'alert-main',
            children: [el('p', { className: 'alert-title', text: message })],
          }),
        ],
      }),
    ]);
    setShown(this.element, true);
  }

  private alertElement(a: Alert): HTMLElement {
    return el('div', {
      className: `alert alert-${a.tone}${a.body || a.detail ? '' : ' alert-compact'}`,
      children: [
        el('span', { className: 'alert-icon', children: [icon(a.iconName)] }),
        el('div', {
          className: 'alert-main',
          children: [
            el('p', { className: 'alert-title', text: a.title, attrs: { dir: 'auto' } }),
            a.body ? el('p', { className: 'alert-body', text: a.body }) : null,
            a.detail ? el('p', { className: 'alert-detail', text: a.detail, attrs: { dir: 'auto' } }) : null,
            a.actions.length > 0
              ? el('div', {
                  className: 'alert-actions',
                  children: a.actions.map((x) => this.actionButton(x)),
                })
              : null,
          ],
        }),
      ],
    });
  }

  private actionButton(action: AlertAction): HTMLButtonElement {
    const iconName = ACTION_ICONS[action.id];
    return button(action.label, {
      className: action.primary ? 'btn btn-primary btn-small' : 'btn btn-small',
      icon: iconName ? icon(iconName) : undefined,
      onClick: (ev) => this.perform(action.id, ev.currentTarget as HTMLButtonElement),
    });
  }

  private perform(id: AlertAction['id'], btn: HTMLButtonElement): void {
    switch (id) {
      case 'add-token':
      case 'replace-token':
        this.ctx.navigate('settings', 'token');
        break;
      case 'token-help':
        void this.ctx.run('link:open', { url: TOKEN_HELP_URL });
        break;
      case 'resume':
        void this.ctx.run('polling:set-paused', { paused: false }, { busy: btn });
        break;
      case 'unmute':
        void this.ctx.run('notifications:mute', { minutes: null }, { busy: btn });
        break;
      case 'retry-saving':
        void this.ctx.run('saving:retry', undefined, { busy: btn });
        break;
      case 'choose-save-folder':
        void this.ctx.run('saving:choose-folder', undefined, { busy: btn });
        break;
    }
  }
}
