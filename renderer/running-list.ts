/**
 * The running-jobs list: kind, short id, account, start time, elapsed time, progress and
 * replyRef per job, with Stop tracking and Cancel video (each confirmed first). Rows are keyed by
 * job id (keyed-list.ts), so a view push every few seconds does not steal focus or redo layout.
 *
 * The once-a-second tick touches only the elapsed-time Text nodes kept per row
 * ({@link RunningList.tick}); nothing else is recomputed.
 */
import type { JobRow } from '../main/ipc.ts';
import type { UiContext } from './context.ts';
import { el } from './dom.ts';
import { KeyedList, type KeyedRecord, type RowAction } from './keyed-list.ts';
import { formatDuration } from '../main/core/format/duration.ts';
import { websiteMark } from './source-mark.ts';
import { clampPercent, formatClockTime, jobElapsedMs, UNKNOWN } from './format.ts';
import {
  cancelRequested,
  cancelVideoConfirm,
  stoppedTracking,
  kindWord,
  progressLabel,
  rowActionLabel,
  startedAt,
  stopTrackingConfirm,
  strings,
} from './strings.ts';

/**
 * Row skeletons, one per kind, built once and deep-cloned per row: cloning a dozen plain elements
 * is far cheaper than building them, which keeps a first render of 1,000 rows near 50 ms.
 * The kind icon is a CSS mask (no SVG per row); the replyRef line and the progress bar are added
 * only when a row has them. The last line holds the progress bar (when known) and the row's
 * actions, as text buttons: an icon alone (an eye with a slash for "stop tracking") was read as
 * "hide".
 */
const templates = new Map<JobRow['kind'], HTMLLIElement>();

function template(kind: JobRow['kind']): HTMLLIElement {
  let t = templates.get(kind);
  if (t) return t;
  // The accessible name, which names the job, is set per row.
  const action = (name: string, text: string, className: string): HTMLButtonElement =>
    el('button', { className, text, attrs: { type: 'button', 'data-action': name } });
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
        ],
      }),
      el('div', {
        className: 'row-foot',
        children: [
          action('stop', strings.running.stopTracking, 'btn btn-small'),
          kind === 'video'
            ? action('cancel', strings.running.cancelVideo, 'btn btn-small btn-danger-text')
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
  return (ms === null ? null : formatDuration(ms)) ?? UNKNOWN;
}

function setElapsed(rec: RunningRecord, nowMs: number): void {
  const text = elapsedText(rec.row, nowMs);
  if (rec.elapsed.data !== text) rec.elapsed.data = text;
}

/** What the running list keeps per row: the elapsed-time Text node the tick updates in place. */
interface RunningRecord extends KeyedRecord<JobRow> {
  readonly elapsed: Text;
}

/** The running jobs with their per-row actions (rows keyed by job id, see keyed-list.ts). */
export class RunningList {
  /** The `<ul>`; an empty list is hidden by the caller, which shows the empty state instead. */
  readonly element: HTMLUListElement;
  private readonly ctx: UiContext;
  private readonly list: KeyedList<JobRow, RunningRecord>;

  /**
   * @param ctx shared services (actions, confirmation dialog, clock)
   * @param onFocusLost called when the focused row disappears, so focus can move somewhere sensible
   */
  constructor(ctx: UiContext, onFocusLost: () => void) {
    this.ctx = ctx;
    this.list = new KeyedList({
      className: 'list job-list',
      label: strings.running.listLabel,
      onFocusLost,
      onAction: (hit) => this.onAction(hit),
    });
    this.element = this.list.element;
  }

  /** Number of rows shown. */
  get size(): number {
    return this.list.rows.length;
  }

  /** Brings the list in line with `rows` (in that order), reusing unchanged rows. */
  update(rows: readonly JobRow[], nowMs: number): void {
    const started = new StartedCache(nowMs, this.ctx);
    this.list.update(rows, {
      key: (row) => row.id,
      signature: (row) => signatureOf(row, started.get(row.startedMs)),
      build: (row, signature) => this.buildRow(row, signature, started.get(row.startedMs), nowMs),
      keep: (rec) => setElapsed(rec, nowMs),
    });
  }

  /** Updates every row's elapsed time for `nowMs`. Touches only Text nodes whose text changed. */
  tick(nowMs: number): void {
    const rows = this.list.rows;
    for (let i = 0; i < rows.length; i++) setElapsed(rows[i]!, nowMs);
  }

  /** Fills a cloned skeleton; the node walk follows {@link template}'s structure exactly. */
  private buildRow(row: JobRow, signature: string, started: string, nowMs: number): RunningRecord {
    const li = template(row.kind).cloneNode(true) as HTMLLIElement;
    const line1 = li.children[1] as HTMLElement;
    const line2 = line1.nextElementSibling as HTMLElement;
    const foot = line2.nextElementSibling as HTMLElement;
    const account = line2.firstElementChild as HTMLElement;
    const startedEl = account.nextElementSibling as HTMLElement;
    const stop = foot.firstElementChild as HTMLElement;
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

    if (row.replyRef !== null && row.replyRef !== '') li.insertBefore(refLine(row.replyRef), foot);
    const percent = clampPercent(row.percent);
    if (percent !== null) foot.insertBefore(progressLine(percent), stop);

    // DELETE /scheduler/ cannot act on a job started on the website: no stop tracking for it.
    if (row.source === 'website') stop.remove();
    else stop.setAttribute('aria-label', rowActionLabel(strings.running.stopTracking, row.kind, row.shortId));
    if (cancel)
      cancel.setAttribute('aria-label', rowActionLabel(strings.running.cancelVideo, row.kind, row.shortId));
    return { row, signature, li, elapsed };
  }

  private onAction({ action, button, rec }: RowAction<RunningRecord>): void {
    // DELETE /scheduler cannot act on a website job: stop tracking is for API jobs only.
    if (action === 'stop' && rec.row.source === 'api') void this.stopTracking(rec.row, button);
    else if (action === 'cancel' && rec.row.kind === 'video') void this.cancelVideo(rec.row, button);
  }

  private async stopTracking(row: JobRow, btn: HTMLButtonElement): Promise<void> {
    const ok = await this.ctx.confirm(stopTrackingConfirm(row.kind, row.shortId));
    if (!ok) return;
    await this.ctx.run(
      'jobs:stop-tracking',
      { id: row.id },
      { busy: btn, success: stoppedTracking(row.kind, row.shortId) },
    );
  }

  private async cancelVideo(row: JobRow, btn: HTMLButtonElement): Promise<void> {
    const ok = await this.ctx.confirm(cancelVideoConfirm(row.shortId));
    if (!ok) return;
    await this.ctx.run(
      'jobs:cancel-video',
      { id: row.id },
      { busy: btn, success: cancelRequested(row.shortId) },
    );
  }
}
