/**
 * Account capacity (GET /scheduler/available, through the ViewModel): per account, how many of
 * its video slots are in use.
 */
import type { CapacityRow, JobRow } from '../main/ipc.ts';
import { el, replaceChildren, setShown } from './dom.ts';
import { capacityUse, strings } from './strings.ts';

/** The capacity block of the Running section. */
export class CapacityView {
  readonly element: HTMLElement;
  private shownKey: string | null = null;

  constructor() {
    this.element = el('div', { className: 'capacity' });
  }

  /** Shows `capacity`, naming accounts from the rows or the running jobs. */
  render(capacity: readonly CapacityRow[], running: readonly JobRow[]): void {
    const names = new Map<string, string>();
    for (const c of capacity) if (c.accountName) names.set(c.account, c.accountName);
    for (const r of running) if (r.accountName) names.set(r.account, r.accountName);
    const key = capacity
      .map((c) => `${c.account}|${names.get(c.account) ?? ''}|${c.executing}|${c.maxJobs}`)
      .join(';');
    if (this.shownKey === key) return;
    this.shownKey = key;
    if (capacity.length === 0) {
      this.element.replaceChildren();
      setShown(this.element, false);
      return;
    }
    const list = el('ul', { className: 'capacity-list', attrs: { 'aria-label': strings.capacity.heading } });
    for (const c of capacity) {
      const max = Number.isFinite(c.maxJobs) && c.maxJobs > 0 ? c.maxJobs : 0;
      const used = Number.isFinite(c.executing) ? Math.max(0, c.executing) : 0;
      const fill = el('span', { className: 'cap-fill' });
      fill.style.width = `${max === 0 ? 0 : Math.min(100, (used / max) * 100)}%`;
      if (max > 0 && used >= max) fill.classList.add('full');
      const name = names.get(c.account) ?? c.account;
      list.appendChild(
        el('li', {
          className: 'cap',
          children: [
            el('span', { className: 'cap-name', text: name, attrs: { dir: 'auto', title: c.account } }),
            el('span', { className: 'cap-bar', attrs: { 'aria-hidden': 'true' }, children: [fill] }),
            el('span', { className: 'cap-text', text: capacityUse(used, max) }),
          ],
        }),
      );
    }
    replaceChildren(this.element, [list, el('p', { className: 'note', text: strings.capacity.note })]);
    setShown(this.element, true);
  }
}
