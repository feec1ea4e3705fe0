/**
 * The one keyed-list update of the window, shared by the running list and the finished list.
 *
 * Rows are keyed by id and rebuilt only when their signature (everything the row shows that a
 * view push can change) changes; a row whose signature is the same keeps its element. So a push
 * every few seconds neither steals keyboard focus nor redoes layout for 1,000 rows. Rows are put
 * in order by moving only those out of place; a first render appends one fragment. When the
 * focused element was inside a row that went away, `onFocusLost` decides where focus goes.
 *
 * Per-row actions use one click listener on the list: buttons carry `data-action`, and the list
 * hands the button and its row to `onAction` (never while the button is busy).
 */
import { el, isBusy } from './dom.ts';

/** What the list keeps per row; lists extend it with the nodes they update in place. */
export interface KeyedRecord<Row> {
  /** The row as last pushed (updated on every push, also when the element is kept). */
  row: Row;
  /** Everything the element shows that a push can change; a change rebuilds the element. */
  signature: string;
  readonly li: HTMLLIElement;
}

/** How one update describes and builds rows (made per update, so it may close over `nowMs`). */
export interface RowSpec<Row, Rec extends KeyedRecord<Row>> {
  /** Stable identity of a row (the job id); a repeated key is shown once. */
  key(row: Row): string;
  /** See {@link KeyedRecord.signature}. */
  signature(row: Row): string;
  /** Builds the element and record of a new or changed row. */
  build(row: Row, signature: string): Rec;
  /** Called for a row whose element is kept, after `rec.row` was updated (e.g. to refresh a clock). */
  keep?(rec: Rec): void;
}

/** A button with `data-action` that was clicked, with the row it belongs to. */
export interface RowAction<Rec> {
  action: string;
  button: HTMLButtonElement;
  rec: Rec;
}

/** What a {@link KeyedList} is. */
export interface KeyedListOptions<Rec> {
  /** Class names of the `<ul>`. */
  className: string;
  /** Accessible name of the list. */
  label: string;
  /** Called when the focused row disappeared, so focus can move somewhere sensible. */
  onFocusLost(): void;
  /** A row's `data-action` button was clicked. */
  onAction(hit: RowAction<Rec>): void;
}

/** A `<ul>` whose rows follow the pushed list (see the module docs). */
export class KeyedList<Row, Rec extends KeyedRecord<Row>> {
  /** The `<ul>`; the caller shows an empty state instead when it has no rows. */
  readonly element: HTMLUListElement;
  private readonly onFocusLost: () => void;
  private records = new Map<string, Rec>();
  private readonly byLi = new WeakMap<Element, Rec>();
  private ordered: Rec[] = [];

  constructor(opts: KeyedListOptions<Rec>) {
    this.element = el('ul', { className: opts.className, attrs: { 'aria-label': opts.label } });
    this.onFocusLost = opts.onFocusLost;
    // One listener for every row's buttons.
    this.element.addEventListener('click', (ev) => {
      const hit = this.actionAt(ev);
      if (hit) opts.onAction(hit);
    });
  }

  /** The rows shown, in order. */
  get rows(): readonly Rec[] {
    return this.ordered;
  }

  /** Brings the list in line with `rows` (in that order), reusing the elements of unchanged rows. */
  update(rows: readonly Row[], spec: RowSpec<Row, Rec>): void {
    const active = document.activeElement;
    const hadFocus = active instanceof HTMLElement && this.element.contains(active) ? active : null;
    const next = new Map<string, Rec>();
    const ordered: Rec[] = [];
    for (const row of rows) {
      const key = spec.key(row);
      if (next.has(key)) continue; // duplicate id from a bad snapshot: show it once
      const signature = spec.signature(row);
      let rec = this.records.get(key);
      if (!rec || rec.signature !== signature) {
        const built = spec.build(row, signature);
        if (rec) rec.li.replaceWith(built.li);
        rec = built;
        this.byLi.set(rec.li, rec);
      } else {
        rec.row = row;
        spec.keep?.(rec);
      }
      next.set(key, rec);
      ordered.push(rec);
    }
    for (const [key, rec] of this.records) {
      if (next.get(key) !== rec) rec.li.remove();
    }
    if (this.element.firstChild === null) {
      const frag = document.createDocumentFragment();
      for (const rec of ordered) frag.appendChild(rec.li);
      this.element.appendChild(frag);
    } else {
      let cursor: ChildNode | null = this.element.firstChild;
      for (const rec of ordered) {
        if (rec.li === cursor) cursor = cursor.nextSibling;
        else this.element.insertBefore(rec.li, cursor);
      }
    }
    this.records = next;
    this.ordered = ordered;
    if (hadFocus && document.activeElement !== hadFocus) {
      if (hadFocus.isConnected) hadFocus.focus();
      else this.onFocusLost();
    }
  }

  /** The closest `button[data-action]` inside a row, unless it is busy (its action still runs). */
  private actionAt(ev: Event): RowAction<Rec> | null {
    const button = ev.target instanceof Element ? ev.target.closest('button[data-action]') : null;
    if (!(button instanceof HTMLButtonElement) || isBusy(button)) return null;
    const li = button.closest('li');
    const rec = li ? this.byLi.get(li) : undefined;
    if (!rec || !button.dataset.action) return null;
    return { action: button.dataset.action, button, rec };
  }
}
