/**
 * The "Saved" line of a finished row (Settings, "Save results to a folder"): `⤓ Saved` with the
 * file's name as its tooltip and a "Show in folder" button, `Saving…` while it downloads, or
 * `Not saved: <why>`. Nothing when the result was never offered (saving off, not succeeded).
 */
import type { HistoryRow, SavedInfo } from '../main/ipc.ts';
import { el } from './dom.ts';
import { icon } from './icons.ts';
import { notSaved, rowActionLabel, savedAs, strings } from './strings.ts';

/** What changes the line (part of the row's signature in history-list.ts). */
export function savedSignature(saved: SavedInfo | null): string {
  return saved === null ? '' : [saved.status, saved.fileName ?? '', saved.message ?? ''].join('\u0001');
}

/** The line and, once saved, its "Show in folder" button; null when there is nothing to say. */
export function savedLine(row: HistoryRow): { line: HTMLElement; button: HTMLButtonElement | null } | null {
  const saved = row.saved;
  if (saved === null) return null;
  if (saved.status === 'saved') {
    const line = el('p', {
      className: 'saved-state saved-ok',
      attrs: { title: saved.fileName ? savedAs(saved.fileName) : null },
      children: [icon('download'), el('span', { text: strings.saving.saved })],
    });
    const button = el('button', {
      className: 'btn btn-small',
      attrs: {
        type: 'button',
        'data-action': 'show-in-folder',
        'aria-label': rowActionLabel(strings.saving.showInFolder, row.kind, row.shortId),
      },
      children: [icon('folder'), el('span', { className: 'btn-text', text: strings.saving.showInFolder })],
    });
    return { line, button };
  }
  if (saved.status === 'failed') {
    const text = notSaved(saved.message ?? '');
    return {
      line: el('p', { className: 'saved-state saved-failed', text, attrs: { title: text } }),
      button: null,
    };
  }
  return {
    line: el('p', {
      className: 'saved-state',
      children: [
        icon('download'),
        el('span', { text: saved.status === 'saving' ? strings.saving.saving : strings.saving.waiting }),
      ],
    }),
    button: null,
  };
}
