/**
 * What `watch --save-to DIR` prints about saved results: the NDJSON events of the CLI contract
 * (README "Events": `saved`, `save-failed`, `save-paused`, `save-resumed`) and their lines for
 * people. Pure.
 */
import { formatSize } from '../core/results/fetch-file.ts';
import type { SaveEvent, SavePauseReason } from '../core/results/save-types.ts';
import { eventLine, jobSubject, type LineWord, type Paint } from './human.ts';
import { safeText } from './output.ts';
import type { Target } from './terminal.ts';

/** The result-saving events of the CLI contract. */
export type CliSaveEvent =
  | { type: 'saved'; at: string; id: string; kind: 'video' | 'image'; path: string; bytes: number }
  | { type: 'save-failed'; at: string; id: string; kind: 'video' | 'image'; message: string }
  | { type: 'save-paused'; at: string; reason: SavePauseReason; message: string; folder: string }
  | { type: 'save-resumed'; at: string; folder: string };

/** The CLI event for a saver event, or null for those not in the contract (`save-started`). */
export function toCliSaveEvent(event: SaveEvent): CliSaveEvent | null {
  return event.type === 'save-started' ? null : { ...event };
}

/** The parts of an event's line: its word, subject, detail and stream. */
function lineParts(event: CliSaveEvent): [LineWord, string, string, Target] {
  switch (event.type) {
    case 'saved':
      return [
        'saved',
        jobSubject(event.kind, event.id),
        `${safeText(event.path, 1000)} (${formatSize(event.bytes)})`,
        'out',
      ];
    case 'save-failed':
      return ['notSaved', jobSubject(event.kind, event.id), safeText(event.message, 400), 'err'];
    case 'save-paused':
      return ['savePaused', '', `paused: ${safeText(event.message, 600)}`, 'err'];
    case 'save-resumed':
      return ['saveResumed', '', `resumed into ${safeText(event.folder, 600)}`, 'err'];
  }
}

/** One human line for `event` and the stream it goes to: saved on stdout, problems on stderr. */
export function saveLine(event: CliSaveEvent, paint: (to: Target) => Paint): { text: string; to: Target } {
  const [word, subject, detail, to] = lineParts(event);
  return { text: eventLine(event.at, word, subject, detail, paint(to)), to };
}
