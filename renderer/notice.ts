/**
 * The message area: a short, polite status message after an action ("Copied.", a failure), shown
 * for {@link NOTICE_MS} and cleared when the window hides.
 */
import { el } from './dom.ts';

/** How long a message stays, in ms. */
const NOTICE_MS = 6000;

/** Info, or a failure (shown in the danger colour). */
type NoticeTone = 'info' | 'error';

/** The message area (`role="status"`, polite); one message at a time, the newest wins. */
export class Notice {
  readonly element: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    this.element = el('div', { className: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });
  }

  /** Shows `message` for {@link NOTICE_MS}, replacing any message shown now. */
  show(message: string, tone: NoticeTone): void {
    this.element.textContent = message;
    this.element.classList.toggle('notice-error', tone === 'error');
    this.element.classList.add('shown');
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.clear(), NOTICE_MS);
  }

  /** Removes the message (and its timer). */
  clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.element.classList.remove('shown');
    this.element.textContent = '';
  }
}
