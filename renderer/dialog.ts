/**
 * In-page confirmation dialog on a native `<dialog>` (modal: focus is trapped, Esc cancels,
 * focus returns to the opener), never the browser's blocking confirm box.
 */
import { el, uid } from './dom.ts';

/** What the confirmation says and what its buttons are called. */
export interface ConfirmOptions {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  /** Styles the confirm button as destructive. */
  danger?: boolean;
}

/**
 * One reusable modal confirmation dialog, appended to `document.body` on construction.
 * Only one confirmation is open at a time; asking again while open resolves the previous one as false.
 */
export class ConfirmDialog {
  readonly element: HTMLDialogElement;
  private readonly titleEl: HTMLHeadingElement;
  private readonly bodyEl: HTMLParagraphElement;
  private readonly confirmBtn: HTMLButtonElement;
  private readonly cancelBtn: HTMLButtonElement;
  private pending: ((ok: boolean) => void) | null = null;

  constructor() {
    const titleId = uid('dlg-title');
    const bodyId = uid('dlg-body');
    this.titleEl = el('h2', { className: 'dialog-title', attrs: { id: titleId } });
    this.bodyEl = el('p', { className: 'dialog-body', attrs: { id: bodyId } });
    this.cancelBtn = el('button', { className: 'btn', attrs: { type: 'button' } });
    this.confirmBtn = el('button', { className: 'btn btn-primary', attrs: { type: 'button' } });
    this.cancelBtn.addEventListener('click', () => this.finish(false));
    this.confirmBtn.addEventListener('click', () => this.finish(true));
    this.element = el('dialog', {
      className: 'dialog',
      attrs: { 'aria-labelledby': titleId, 'aria-describedby': bodyId },
      children: [
        this.titleEl,
        this.bodyEl,
        el('div', { className: 'dialog-actions', children: [this.cancelBtn, this.confirmBtn] }),
      ],
    });
    // Esc (the dialog's cancel event) and any other close count as "no". `close` is delivered
    // in a later task: when the dialog was opened again meanwhile (Esc, then Space on the same
    // row), that late event belongs to the earlier question and must not answer the new one.
    this.element.addEventListener('close', () => {
      if (!this.element.open) this.settle(false);
    });
    document.body.appendChild(this.element);
  }

  /** True while the dialog is showing. */
  get isOpen(): boolean {
    return this.element.open;
  }

  /** Shows the dialog; resolves true when the user confirms, false on cancel, Esc or close. */
  ask(opts: ConfirmOptions): Promise<boolean> {
    this.settle(false);
    if (this.element.open) this.element.close();
    this.titleEl.textContent = opts.title;
    this.bodyEl.textContent = opts.body;
    this.confirmBtn.textContent = opts.confirmLabel;
    this.cancelBtn.textContent = opts.cancelLabel;
    this.confirmBtn.className = opts.danger ? 'btn btn-danger' : 'btn btn-primary';
    return new Promise<boolean>((resolve) => {
      this.pending = resolve;
      this.element.showModal();
      // The safe choice gets the initial focus.
      this.cancelBtn.focus();
    });
  }

  private finish(ok: boolean): void {
    this.settle(ok);
    if (this.element.open) this.element.close();
  }

  private settle(ok: boolean): void {
    const p = this.pending;
    this.pending = null;
    if (p) p(ok);
  }
}
