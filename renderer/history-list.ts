/**
 * The recently-finished list: outcome (icon and word, never colour alone), prompt (unless hidden
 * by the settings), duration, an https-only lazy cover image, and open / copy-link / copy-id
 * actions. Rows are keyed by job id like the running list, so focus survives view pushes.
 */
import type { HistoryRow } from '../main/ipc.ts';
import type { UiContext } from './context.ts';
import { el } from './dom.ts';
import { KeyedList, type KeyedRecord, type RowAction } from './keyed-list.ts';
import { websiteMark } from './source-mark.ts';
import { formatDuration } from '../main/core/format/duration.ts';
import { formatClockTime, isHttpsUrl, truncateText } from './format.ts';
import { icon } from './icons.ts';
import { savedLine, savedSignature } from './saved-line.ts';
import { finishedAt, kindWord, outcomeWord, rowActionLabel, strings, tookDuration } from './strings.ts';

/** Longest prompt put in a tooltip, in characters. */
const PROMPT_TITLE_MAX = 600;

/** Row skeletons per kind and outcome, cloned per row (see jobs.ts for why). */
const templates = new Map<string, HTMLLIElement>();

function template(kind: HistoryRow['kind'], outcome: HistoryRow['outcome']): HTMLLIElement {
  const key = `${kind}|${outcome}`;
  let t = templates.get(key);
  if (t) return t;
  const action = (name: string, text: string, iconName: 'external' | 'link' | 'copy'): HTMLButtonElement =>
    el('button', {
      className: 'btn btn-small',
      attrs: { type: 'button', 'data-action': name },
      children: [icon(iconName), el('span', { className: 'btn-text', text })],
    });
  t = el('li', {
    className: `row hist outcome-row-${outcome}`,
    children: [
      el('span', {
        className: 'thumb',
        children: [
          el('span', { className: `kind-icon kind-icon-${kind}`, attrs: { 'aria-hidden': 'true' } }),
        ],
      }),
      el('div', {
        className: 'row-main',
        children: [
          el('div', {
            className: 'row-line1',
            children: [
              el('span', {
                className: `outcome outcome-${outcome}`,
                children: [icon(outcome), el('span', { text: outcomeWord(outcome) })],
              }),
              el('span', { className: 'kind-word', text: kindWord(kind) }),
              el('span', { className: 'id mono' }),
            ],
          }),
          el('div', {
            className: 'row-meta',
            children: [
              el('span', {}),
              el('span', {}),
              el('span', { className: 'account', attrs: { dir: 'auto' } }),
            ],
          }),
          el('div', {
            className: 'row-actions',
            children: [
              action('open', strings.history.open, 'external'),
              action('copy-link', strings.history.copyLink, 'link'),
              action('copy-id', strings.history.copyId, 'copy'),
            ],
          }),
        ],
      }),
    ],
  });
  templates.set(key, t);
  return t;
}

function signatureOf(row: HistoryRow, hidePrompts: boolean, finished: string): string {
  return [
    row.shortId,
    row.kind,
    row.account,
    row.accountName ?? '',
    row.outcome,
    hidePrompts ? '' : (row.prompt ?? ''),
    row.durationMs ?? '',
    finished,
    row.resultUrl ?? '',
    row.coverUrl ?? '',
    row.message ?? '',
    savedSignature(row.saved),
    row.source,
  ].join('\u0000');
}

function textBlock(className: string, text: string): HTMLParagraphElement {
  return el('p', { className, text, attrs: { dir: 'auto', title: truncateText(text, PROMPT_TITLE_MAX) } });
}

/** The finished jobs with their per-row actions (rows keyed by job id, see keyed-list.ts). */
export class HistoryList {
  /** The `<ul>`; the caller shows an empty state instead when it has no rows. */
  readonly element: HTMLUListElement;
  private readonly ctx: UiContext;
  private readonly list: KeyedList<HistoryRow, KeyedRecord<HistoryRow>>;

  /**
   * @param ctx shared services
   * @param onFocusLost called when the focused row disappears (e.g. history cleared)
   */
  constructor(ctx: UiContext, onFocusLost: () => void) {
    this.ctx = ctx;
    this.list = new KeyedList({
      className: 'list history-list',
      label: strings.history.listLabel,
      onFocusLost,
      onAction: (hit) => this.onAction(hit),
    });
    this.element = this.list.element;
  }

  /** Brings the list in line with `rows` (newest first, as main sends them). */
  update(rows: readonly HistoryRow[], hidePrompts: boolean, nowMs: number): void {
    // "Finished 14:05" per row, formatted once per update (signature and build both need it).
    const texts = new Map<HistoryRow, string>();
    const finished = (row: HistoryRow): string => {
      let text = texts.get(row);
      if (text === undefined) {
        text = finishedAt(formatClockTime(row.finishedAtMs, nowMs, this.ctx.clockOptions));
        texts.set(row, text);
      }
      return text;
    };
    this.list.update(rows, {
      key: (row) => row.id,
      signature: (row) => signatureOf(row, hidePrompts, finished(row)),
      build: (row, signature) => ({ row, signature, li: this.buildRow(row, hidePrompts, finished(row)) }),
    });
  }

  private buildRow(row: HistoryRow, hidePrompts: boolean, finished: string): HTMLLIElement {
    const li = template(row.kind, row.outcome).cloneNode(true) as HTMLLIElement;
    const thumb = li.firstElementChild as HTMLElement;
    const main = li.lastElementChild as HTMLElement;
    const line1 = main.firstElementChild as HTMLElement;
    const meta = line1.nextElementSibling as HTMLElement;
    const actions = meta.nextElementSibling as HTMLElement;

    if (isHttpsUrl(row.coverUrl)) {
      const img = el('img', {
        className: 'cover',
        attrs: {
          alt: '',
          loading: 'lazy',
          decoding: 'async',
          referrerpolicy: 'no-referrer',
          width: '40',
          height: '40',
        },
      });
      // A cover that fails to load leaves the kind icon showing.
      img.addEventListener('error', () => img.remove(), { once: true });
      img.src = row.coverUrl;
      thumb.appendChild(img);
    }

    const idEl = line1.lastElementChild as HTMLElement;
    idEl.textContent = row.shortId;
    idEl.title = row.id;
    if (row.source === 'website') idEl.after(websiteMark());

    if (!hidePrompts && row.prompt !== null && row.prompt.trim() !== '') {
      main.insertBefore(textBlock('prompt', row.prompt), meta);
    }
    if (row.message !== null && row.message.trim() !== '') {
      main.insertBefore(textBlock('message', row.message), meta);
    }

    const saved = savedLine(row);
    if (saved !== null) {
      main.insertBefore(saved.line, actions);
      if (saved.button) actions.insertBefore(saved.button, actions.firstChild);
    }

    const [finishedEl, tookEl, accountEl] = Array.from(meta.children) as HTMLElement[];
    finishedEl!.textContent = finished;
    const took = formatDuration(row.durationMs);
    if (took !== null) tookEl!.textContent = tookDuration(took);
    else tookEl!.remove();
    accountEl!.textContent = row.accountName ?? row.account;
    accountEl!.title = row.accountName ? `${row.accountName} (${row.account})` : row.account;

    const [open, copyLink, copyId] = Array.from(
      actions.querySelectorAll<HTMLElement>(
        '[data-action="open"], [data-action="copy-link"], [data-action="copy-id"]',
      ),
    );
    if (isHttpsUrl(row.resultUrl)) {
      open!.setAttribute('aria-label', rowActionLabel(strings.history.open, row.kind, row.shortId));
      copyLink!.setAttribute('aria-label', rowActionLabel(strings.history.copyLink, row.kind, row.shortId));
    } else {
      open!.remove();
      copyLink!.remove();
    }
    copyId!.setAttribute('aria-label', rowActionLabel(strings.history.copyId, row.kind, row.shortId));
    return li;
  }

  private onAction({ action, button: target, rec }: RowAction<KeyedRecord<HistoryRow>>): void {
    const row = rec.row;
    const url = isHttpsUrl(row.resultUrl) ? row.resultUrl : null;
    switch (action) {
      case 'open':
        if (url !== null) void this.ctx.run('link:open', { url }, { busy: target });
        break;
      case 'copy-link':
        if (url !== null)
          void this.ctx.run('link:copy', { text: url }, { success: strings.copied, busy: target });
        break;
      case 'copy-id':
        void this.ctx.run('link:copy', { text: row.id }, { success: strings.copied, busy: target });
        break;
      case 'show-in-folder':
        void this.ctx.run('saving:show-in-folder', { id: row.id }, { busy: target });
        break;
    }
  }
}
