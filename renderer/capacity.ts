/**
 * Account capacity (GET /scheduler/available, through the ViewModel) as one compact line under
 * the running jobs: "Video slots in use: Studio account 2 of 3 · 335579999 0 of 1". The API
 * counts videos only, which the label says. Numbers that cannot be right (main flags them, e.g.
 * "5 of 2") are shown as the API sent them, marked, with a note saying so.
 *
 * {@link capacitySummary} is pure (unit-tested without a browser); {@link CapacityLine} draws it.
 */
import type { CapacityProblem } from '../main/core/api/capacity-problem.ts';
import type { CapacityRow, JobRow } from '../main/ipc.ts';
import { el, replaceChildren, setShown, uid } from './dom.ts';
import { icon } from './icons.ts';
import { capacityNote, capacityUse, strings } from './strings.ts';

/** One account on the line. */
export interface CapacityItem {
  /** The account id (tooltip). */
  account: string;
  /** The account's name when known, else its id. */
  name: string;
  /** "2 of 3": executing and maxJobs as the API sent them. */
  use: string;
  /** Every slot is taken (and the numbers are plausible). */
  full: boolean;
  problem: CapacityProblem | null;
}

/** What the capacity line shows. */
export interface CapacitySummary {
  items: CapacityItem[];
  /** One sentence per account whose numbers cannot be right. */
  notes: string[];
}

/**
 * The capacity line for `capacity`, naming accounts from the capacity rows or, failing that, from
 * the running jobs (both come from GET /accounts).
 */
export function capacitySummary(
  capacity: readonly CapacityRow[],
  running: readonly JobRow[],
): CapacitySummary {
  const names = new Map<string, string>();
  for (const r of running) if (r.accountName) names.set(r.account, r.accountName);
  for (const c of capacity) if (c.accountName) names.set(c.account, c.accountName);
  const items: CapacityItem[] = [];
  const notes: string[] = [];
  for (const c of capacity) {
    const name = names.get(c.account) ?? c.account;
    const problem = c.problem ?? null;
    items.push({
      account: c.account,
      name,
      use: capacityUse(c.executing, c.maxJobs),
      full: problem === null && c.maxJobs > 0 && c.executing >= c.maxJobs,
      problem,
    });
    if (problem !== null) notes.push(capacityNote(problem, name, c.executing, c.maxJobs));
  }
  return { items, notes };
}

/** The capacity line of the Running section; hidden while main has no capacity to show. */
export class CapacityLine {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly notes: HTMLElement;
  private shownKey: string | null = null;

  constructor() {
    const labelId = uid('cap-label');
    this.list = el('ul', { className: 'capacity-list', attrs: { 'aria-labelledby': labelId } });
    this.notes = el('div', { className: 'capacity-notes' });
    this.element = el('div', {
      className: 'capacity',
      children: [
        el('p', {
          className: 'capacity-line',
          children: [
            el('span', {
              className: 'capacity-label',
              text: strings.capacity.label,
              attrs: { id: labelId, title: strings.capacity.videosOnly },
            }),
            this.list,
          ],
        }),
        this.notes,
      ],
    });
  }

  /** Shows the line for `capacity` (rebuilt only when what it says changed). */
  render(capacity: readonly CapacityRow[], running: readonly JobRow[]): void {
    const summary = capacitySummary(capacity, running);
    const key = JSON.stringify(summary);
    if (this.shownKey === key) return;
    this.shownKey = key;
    replaceChildren(
      this.list,
      summary.items.map((item) =>
        el('li', {
          className: `cap${item.full ? ' cap-full' : ''}${item.problem ? ' cap-problem' : ''}`,
          children: [
            el('span', {
              className: 'cap-name',
              text: item.name,
              attrs: { dir: 'auto', title: item.account },
            }),
            ' ',
            el('span', { className: 'cap-use', text: item.use }),
            item.full ? el('span', { className: 'cap-flag', text: strings.capacity.full }) : null,
            item.problem ? icon('warning') : null,
          ],
        }),
      ),
    );
    replaceChildren(
      this.notes,
      summary.notes.map((text) => el('p', { className: 'note capacity-note', text, attrs: { dir: 'auto' } })),
    );
    setShown(this.element, summary.items.length > 0);
  }
}
