/**
 * Hints under the job lists about what this system cannot do (notifications, a tray icon) and a
 * ledger problem main reported: quiet, one line each, shown while they hold.
 */
import type { StatusInfo } from '../main/ipc.ts';
import { el, replaceChildren, setShown } from './dom.ts';
import { icon } from './icons.ts';
import { strings } from './strings.ts';

/** The hints area of the Jobs section. */
export class Hints {
  readonly element: HTMLElement;
  private shownKey: string | null = null;

  constructor() {
    this.element = el('div', { className: 'hints' });
  }

  /** Shows the hints `status` calls for (rebuilt only when they change). */
  render(status: StatusInfo): void {
    const texts: string[] = [];
    if (status.notificationsUnavailable) texts.push(strings.banner.notificationsUnavailable);
    if (status.ledgerProblem !== null) texts.push(status.ledgerProblem);
    if (status.trayUnavailable) texts.push(strings.banner.trayUnavailable);
    const key = texts.join('\u0000');
    if (key === this.shownKey) return;
    this.shownKey = key;
    replaceChildren(
      this.element,
      texts.map((text) =>
        el('p', {
          className: 'hint',
          children: [icon('info'), el('span', { text, attrs: { dir: 'auto' } })],
        }),
      ),
    );
    setShown(this.element, texts.length > 0);
  }
}
