/**
 * The running-jobs list. Rows are keyed by job id and rebuilt only when what they show changes,
 * so a view push every few seconds does not steal keyboard focus or redo layout for 1,000 rows.
 *
 * The once-a-second tick touches only the elapsed-time Text nodes kept per row
 * ({@link RunningList.tick}); nothing else is recomputed.
 */
import type { JobRow } from '../main/ipc.ts';
import type { UiContext } from './context.ts';
import { el, isBusy } from './dom.ts';
import { websiteMark } from './source-mark.ts';
import { clampPercent, formatClockTime, formatElapsed, jobElapsedMs, UNKNOWN } from './format.ts';
import {
  cancelRequested,
  cancelVideoBody,
  stoppedTracking,
  kindWord,
  progressLabel,
  rowActionLabel,
  startedAt,
  stopTrackingBody,
  strings,
} from './strings.ts';

interface RowRecord {
  id: string;
  /** Everything the row shows except elapsed time; a change rebuilds the row. */
  signature: string;
  li: HTMLLIElement;
  /** The elapsed-time text, updated in place by the tick. */
  elapsed: Text;
  row: JobRow;
}

/**
 * Row skeletons, one per kind, built once and deep-cloned per row: cloning a dozen plain elements
 * is far cheaper than building them, which keeps a first render of 1,000 rows well under 50 ms.
 * The kind icon is a CSS mask (no SVG per row); progress and replyRef lines are added only when
 * a row has them.
 */
const templates = new Map<JobRow['kind'], HTMLLIElement>();

function template(kind: JobRow['kind']): HTMLLIElement {
  let t = templates.get(kind);
  if (t) return t;
  // Icon-only buttons (glyphs are CSS masks); the accessible name is set per row, the tooltip here.
  const action = (name: string, text: string, className: string): HTMLButtonElement =>
    el('button', { className, attrs: { type: 'button', 'data-action': name, title: text } });
  t = el('li', {
    className: `row job job-${kind}`,
    children: [
      el('span', { className: `row-icon kind-icon kind-icon-${kind}`, attrs: { 'aria-hidden': 'true' } }),
      el('div', {
        className: 'row-line1',
        children: [
          el('span', { className: 'kind-word', text: kindWord(kind) }),
          el('span', { className: 'id mono' }),
          el('span', { className: 'elapsed', attrs: { title: strings.running.elapsed } }),
        ],
      }),
      el('div', {
        className: 'row-line2 row-meta',
        children: [
          el('span', { className: 'account', attrs: { dir: 'auto' } }),
          el('span', { className: 'started' }),
          action('stop', strings.running.stopTracking, 'icon-btn glyph-untrack'),
          kind === 'video'
            ? action('cancel', strings.running.cancelVideo, 'icon-btn icon-btn-danger glyph-cancel')
            : null,
        ],
      }),
    ],
  });
  templates.set(kind, t);
  return t;
}

/**
 * Local start time per minute, cached for one update: rows started in the same minute share one
 * Intl call (1,000 rows would otherwise spend most of their time in Intl).
 */
class StartedCache {
  private readonly cache = new Map<number, string>();
  private readonly nowMs: number;
  private readonly ctx: UiContext;

  constructor(nowMs: number, ctx: UiContext) {
    this.nowMs = nowMs;
    this.ctx = ctx;
  }

  get(startedMs: number | null): string {
    if (startedMs === null || !Number.isFinite(startedMs)) return '';
    const minute = Math.floor(startedMs / 60000);
    let text = this.cache.get(minute);
    if (text === undefined) {
      text = startedAt(formatClockTime(startedMs, this.nowMs, this.ctx.clockOptions));
      this.cache.set(minute, text);
    }
    return text;
  }
}

function signatureOf(row: JobRow, started: string): string {
  return [
    row.shortId,
    row.kind,
    row.account,
    row.accountName ?? '',
    started,
    row.percent ?? '',
    row.replyRef ?? '',
    row.source,
  ].join('\u0000');
}

let progressTemplate: HTMLElement | null = null;
let refTemplate: HTMLElement | null = null;

/** A progress bar (role=progressbar; width from a CSS custom property, which CSP allows). */
function progressLine(percent: number): HTMLElement {
  progressTemplate ??= el('div', {
    className: 'progress-line',
    children: [
      el('div', {
        className: 'progress',
        attrs: { role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100' },
      }),
      el('span', { className: 'progress-text', attrs: { 'aria-hidden': 'true' } }),
    ],
  });
  const line = progressTemplate.cloneNode(true) as HTMLElement;
  const bar = line.firstElementChild as HTMLElement;
  bar.setAttribute('aria-valuenow', String(percent));
  bar.setAttribute('aria-label', progressLabel(percent));
  bar.style.setProperty('--percent', `${percent}%`);
  (line.lastElementChild as HTMLElement).textContent = `${percent}%`;
  return line;
}

/** The replyRef line. */
function refLine(replyRef: string): HTMLElement {
  refTemplate ??= el('div', {
    className: 'row-ref',
    children: [
      el('span', { className: 'ref-label', text: strings.running.reference }),
      el('span', { className: 'ref-value', attrs: { dir: 'auto' } }),
    ],
  });
  const line = refTemplate.cloneNode(true) as HTMLElement;
  const value = line.lastElementChild as HTMLElement;
  value.textContent = replyRef;
  value.title = replyRef;
  return line;
}

function elapsedText(row: JobRow, nowMs: number): string {
  const ms = jobElapsedMs(row, nowMs);
  return ms === null ? UNKNOWN : formatElapsed(ms);
}

/** Keyed, incrementally updated list of running jobs with per-row actions. */
export class RunningList {
  /** The `<ul>`; an empty list is hidden by the caller, which shows the empty state instead. */
  readonly element: HTMLUListElement;
  private readonly ctx: UiContext;
  private readonly onFocusLost: () => void;
  private records = new Map<string, RowRecord>();
  private readonly byLi = new WeakMap<Element, RowRecord>();
  private ordered: RowRecord[] = [];

  /**
   * @param ctx shared services (actions, confirmation dialog, clock)
   * @param onFocusLost called when the focused row disappears, so focus can move somewhere sensible
   */
  constructor(ctx: UiContext, onFocusLost: () => void) {
    this.ctx = ctx;
    this.onFocusLost = onFocusLost;
    this.element = el('ul', {
      className: 'list job-list',
      attrs: { 'aria-label': strings.running.listLabel },
    });
    // One listener for every row's buttons.
    this.element.addEventListener('click', (ev) => this.onClick(ev));
  }

  /** Number of rows shown. */
  get size(): number {
    return this.ordered.length;
  }

  /** Brings the list in line with `rows` (in that order), reusing unchanged rows. */
  update(rows: readonly JobRow[], nowMs: number): void {
    const active = document.activeElement;
    const hadFocus = active instanceof HTMLElement && this.element.contains(active) ? active : null;
    const started = new StartedCache(nowMs, this.ctx);
    const next = new Map<string, RowRecord>();
    const ordered: RowRecord[] = [];
    for (const row of rows) {
      if (next.has(row.id)) continue; // duplicate id from a bad snapshot: show it once
      const startedText = started.get(row.startedMs);
      const sig = signatureOf(row, startedText);
      let rec = this.records.get(row.id);
      if (!rec || rec.signature !== sig) {
        const built = this.buildRow(row, startedText, nowMs);
        if (rec) rec.li.replaceWith(built.li);
        rec = { id: row.id, signature: sig, li: built.li, elapsed: built.elapsed, row };
        this.byLi.set(rec.li, rec);
      } else {
        rec.row = row;
        const text = elapsedText(row, nowMs);
        if (rec.elapsed.data !== text) rec.elapsed.data = text;
      }
      next.set(row.id, rec);
      ordered.push(rec);
    }
    for (const [id, rec] of this.records) {
      if (next.get(id) !== rec) rec.li.remove();
    }
    // Put rows in order, moving only those out of place (a first render appends one fragment).
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

  /** Updates every row's elapsed time for `nowMs`. Touches only Text nodes whose text changed. */
  tick(nowMs: number): void {
    const list = this.ordered;
    for (let i = 0; i < list.length; i++) {
      const rec = list[i]!;
      const text = elapsedText(rec.row, nowMs);
      if (rec.elapsed.data !== text) rec.elapsed.data = text;
    }
  }

  /** Fills a cloned skeleton; the node walk follows {@link template}'s structure exactly. */
  private buildRow(row: JobRow, started: string, nowMs: number): { li: HTMLLIElement; elapsed: Text } {
    const li = template(row.kind).cloneNode(true) as HTMLLIElement;
    const line1 = li.children[1] as HTMLElement;
    const line2 = line1.nextElementSibling as HTMLElement;
    const account = line2.firstElementChild as HTMLElement;
    const startedEl = account.nextElementSibling as HTMLElement;
    const stop = startedEl.nextElementSibling as HTMLElement;
    const cancel = stop.nextElementSibling;

    const idEl = line1.children[1] as HTMLElement;
    idEl.textContent = row.shortId;
    idEl.title = row.id;
    if (row.source === 'website') idEl.after(websiteMark());
    const elapsed = document.createTextNode(elapsedText(row, nowMs));
    (line1.lastElementChild as HTMLElement).appendChild(elapsed);

    account.textContent = row.accountName ?? row.account;
    account.title = row.accountName ? `${row.accountName} (${row.account})` : row.account;
    if (started) startedEl.textContent = started;
    else startedEl.remove();

    const percent = clampPercent(row.percent);
    if (percent !== null) li.appendChild(progressLine(percent));
    if (row.replyRef !== null && row.replyRef !== '') li.appendChild(refLine(row.replyRef));

    // DELETE /scheduler/ cannot act on a job started on the website: no stop tracking for it.
    if (row.source === 'website') stop.remove();
    else stop.setAttribute('aria-label', rowActionLabel(strings.running.stopTracking, row.kind, row.shortId));
    if (cancel)
      cancel.setAttribute('aria-label', rowActionLabel(strings.running.cancelVideo, row.kind, row.shortId));
    return { li, elapsed };
  }

  private onClick(ev: MouseEvent): void {
    const target = ev.target instanceof Element ? ev.target.closest('button[data-action]') : null;
    if (!(target instanceof HTMLButtonElement) || isBusy(target)) return;
    const li = target.closest('li');
    const rec = li ? this.byLi.get(li) : undefined;
    if (!rec) return;
    const action = target.dataset.action;
    if (action === 'stop' && rec.row.source === 'api') void this.stopTracking(rec.row, target);
    else if (action === 'cancel' && rec.row.kind === 'video') void this.cancelVideo(rec.row, target);
  }

  private async stopTracking(row: JobRow, btn: HTMLButtonElement): Promise<void> {
    const ok = await this.ctx.confirm({
      title: strings.confirm.stopTitle,
      body: stopTrackingBody(row.kind, row.shortId),
      confirmLabel: strings.confirm.stopConfirm,
      cancelLabel: strings.confirm.stopKeep,
    });
    if (!ok) return;
    await this.ctx.run(
      'jobs:stop-tracking',
      { id: row.id },
      { busy: btn, success: stoppedTracking(row.kind, row.shortId) },
    );
  }

  private async cancelVideo(row: JobRow, btn: HTMLButtonElement): Promise<void> {
    const ok = await this.ctx.confirm({
      title: strings.confirm.cancelTitle,
      body: cancelVideoBody(row.shortId),
      confirmLabel: strings.confirm.cancelConfirm,
      cancelLabel: strings.confirm.cancelKeep,
      danger: true,
    });
    if (!ok) return;
    await this.ctx.run(
      'jobs:cancel-video',
      { id: row.id },
      { busy: btn, success: cancelRequested(row.shortId) },
    );
  }
}
