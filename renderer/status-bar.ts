/**
 * The status bar at the bottom of the window: when the last successful check was, the current
 * error in a word or two (the alert above the lists says more), and when the next check is due,
 * counted down by the window's 1 s tick. Messages after an action are laid over it, so they
 * never cover the lists.
 */
import type { StatusInfo } from '../main/ipc.ts';
import type { ClockFormatOptions } from './format.ts';
import { formatClockTime, formatUntil } from './format.ts';
import { el, setShown, setText } from './dom.ts';
import { lastCheck, nextCheckIn, strings } from './strings.ts';

/** The `<footer>` status line. */
export class StatusBar {
  readonly element: HTMLElement;
  private readonly clock: ClockFormatOptions;
  private status: StatusInfo | null = null;
  private readonly last: Text;
  private readonly error: HTMLSpanElement;
  private readonly next: Text;
  private readonly nextEl: HTMLSpanElement;

  /**
   * @param clock locale and time zone for the last-check time
   * @param notice the message area, laid over the status line while it shows a message
   */
  constructor(clock: ClockFormatOptions, notice: HTMLElement) {
    this.clock = clock;
    this.last = document.createTextNode('');
    this.next = document.createTextNode('');
    this.error = el('span', { className: 'status-error' });
    this.nextEl = el('span', { className: 'status-next', children: [this.next] });
    this.element = el('footer', {
      className: 'status-bar',
      attrs: { 'aria-label': strings.status.label },
      children: [
        el('p', {
          className: 'status-line',
          children: [el('span', { children: [this.last] }), this.error, this.nextEl],
        }),
        notice,
      ],
    });
  }

  /** Shows `status` as of `nowMs`. */
  render(status: StatusInfo, nowMs: number): void {
    this.status = status;
    const last =
      status.lastPollMs === null
        ? strings.status.notChecked
        : lastCheck(formatClockTime(status.lastPollMs, nowMs, { ...this.clock, seconds: true }));
    if (this.last.data !== last) this.last.data = last;
    const err = status.error;
    setText(this.error, err ? strings.status.errors[err.reason] : '');
    setShown(this.error, err !== null);
    this.tick(nowMs);
  }

  /** True while the next-check countdown is on screen (the window keeps its tick running for it). */
  get countingDown(): boolean {
    return this.status !== null && this.status.nextPollMs !== null && !this.status.paused;
  }

  /** Updates the next-check countdown for `nowMs`; touches the DOM only when the text changed. */
  tick(nowMs: number): void {
    const status = this.status;
    if (!status) return;
    let next = '';
    if (status.paused) next = strings.status.paused;
    else if (status.nextPollMs !== null) {
      const rel = formatUntil(status.nextPollMs, nowMs);
      next = rel === null ? strings.status.nextSoon : nextCheckIn(rel);
    }
    if (this.next.data !== next) this.next.data = next;
    setShown(this.nextEl, next !== '');
  }
}
