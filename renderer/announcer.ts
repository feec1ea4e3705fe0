/**
 * The screen-reader announcer: a visually hidden polite, atomic live region for news the eye sees
 * elsewhere (a job finished, a new error).
 */
import { el } from './dom.ts';

/** One live region per window. */
export class Announcer {
  readonly element: HTMLElement;

  constructor() {
    this.element = el('div', {
      className: 'visually-hidden',
      attrs: { 'aria-live': 'polite', 'aria-atomic': 'true' },
    });
  }

  /** Has `message` read out (also when it is the same text as last time). */
  say(message: string): void {
    // The same text twice in a row would not be read again; clear first.
    this.element.textContent = '';
    this.element.textContent = message;
  }
}
