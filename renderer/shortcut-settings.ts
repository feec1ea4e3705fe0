/**
 * Settings' "Keyboard shortcut" section: the off switch, a key recorder showing the shortcut
 * (click it, press the new keys; Esc cancels, Tab leaves), "Reset", and one line saying whether
 * the shortcut works or why not (main's {@link ShortcutView.problem}: taken by another app, or a
 * desktop that allows no global shortcuts). The recorder sends what was pressed; main checks it
 * (main/app/accelerator.ts), registers it, and answers with a message when it refuses.
 */
import type { ViewModel } from '../main/ipc.ts';
import type { UiContext } from './context.ts';
import { button, el, setButtonText, setShown, setText, uid } from './dom.ts';
import { icon } from './icons.ts';
import { onlyModifiers, recordedAccelerator } from './key-recorder.ts';
import { shortcutWorks, strings } from './strings.ts';

/** The section's content; create once, call {@link ShortcutSettings.update} on every view. */
export class ShortcutSettings {
  /** The nodes to put in the section, in order. */
  readonly nodes: readonly HTMLElement[];
  private readonly ctx: UiContext;
  private readonly enabled: HTMLInputElement;
  private readonly recorder: HTMLButtonElement;
  private readonly resetBtn: HTMLButtonElement;
  private readonly status: HTMLParagraphElement;
  private readonly result: HTMLParagraphElement;
  private view: ViewModel | null = null;
  private recording = false;

  constructor(ctx: UiContext) {
    this.ctx = ctx;
    const enabledId = uid('shortcut-on');
    const fieldId = uid('shortcut-field');
    const labelId = uid('shortcut-label');
    const helpId = uid('shortcut-help');
    const statusId = uid('shortcut-status');
    const resultId = uid('shortcut-result');
    this.enabled = el('input', { attrs: { type: 'checkbox', id: enabledId } });
    this.enabled.addEventListener(
      'change',
      () => void this.save({ globalShortcutEnabled: this.enabled.checked }),
    );
    this.recorder = button('…', {
      className: 'btn shortcut-recorder',
      icon: icon('key'),
      onClick: () => this.setRecording(!this.recording),
    });
    this.recorder.id = fieldId;
    // Named "Shortcut Ctrl+Shift+M": the label and the shortcut it shows.
    this.recorder.setAttribute('aria-labelledby', `${labelId} ${fieldId}`);
    this.recorder.setAttribute('aria-describedby', `${helpId} ${statusId} ${resultId}`);
    this.recorder.addEventListener('keydown', (ev) => this.onKey(ev));
    this.recorder.addEventListener('blur', () => this.setRecording(false));
    this.resetBtn = button(strings.shortcut.reset, {
      className: 'btn btn-quiet',
      onClick: () => {
        const accelerator = this.view?.shortcut.defaultAccelerator;
        if (accelerator) void this.save({ globalShortcut: accelerator });
      },
    });
    this.status = el('p', { className: 'field-help', attrs: { id: statusId, role: 'status' } });
    this.result = el('p', { className: 'field-result', attrs: { id: resultId, 'aria-live': 'polite' } });
    this.nodes = [
      el('div', {
        className: 'check',
        children: [this.enabled, el('label', { text: strings.shortcut.enabled, attrs: { for: enabledId } })],
      }),
      el('div', {
        className: 'field',
        children: [
          el('span', { className: 'field-label', text: strings.shortcut.label, attrs: { id: labelId } }),
          el('div', { className: 'button-row', children: [this.recorder, this.resetBtn] }),
          el('p', { className: 'field-help', text: strings.shortcut.help, attrs: { id: helpId } }),
          this.status,
          this.result,
        ],
      }),
    ];
  }

  /** Shows the settings and main's view of the shortcut (not while the user is recording). */
  update(view: ViewModel): void {
    const { settings, shortcut } = view;
    if (!shortcut) return; // a malformed push: keep what is shown
    this.view = view;
    this.enabled.checked = settings.globalShortcutEnabled;
    this.recorder.disabled = !settings.globalShortcutEnabled;
    if (!this.recording) setButtonText(this.recorder, shortcut.label);
    setShown(this.resetBtn, settings.globalShortcut !== shortcut.defaultAccelerator);
    this.status.classList.toggle('error', shortcut.problem !== null);
    this.status.classList.toggle('field-result', shortcut.problem !== null);
    if (shortcut.problem !== null && this.result.textContent === shortcut.problem) setText(this.result, '');
    setText(
      this.status,
      shortcut.problem ??
        (!settings.globalShortcutEnabled
          ? strings.shortcut.off
          : shortcut.activeLabel !== null
            ? shortcutWorks(shortcut.activeLabel)
            : ''),
    );
  }

  private setRecording(on: boolean): void {
    if (this.recording === on) return;
    this.recording = on;
    this.recorder.setAttribute('aria-pressed', String(on));
    this.recorder.classList.toggle('recording', on);
    setButtonText(this.recorder, on ? strings.shortcut.recording : (this.view?.shortcut.label ?? ''));
    if (on) setText(this.result, '');
  }

  private onKey(ev: KeyboardEvent): void {
    if (!this.recording) return;
    const plain = !ev.ctrlKey && !ev.altKey && !ev.metaKey && !ev.shiftKey;
    if (plain && ev.key === 'Tab') {
      this.setRecording(false);
      return; // focus moves on as usual
    }
    // Every other key belongs to the recorder: not a click, not "hide the window".
    ev.preventDefault();
    ev.stopPropagation();
    if (plain && ev.key === 'Escape') {
      this.setRecording(false);
      return;
    }
    if (onlyModifiers(ev)) return;
    const accelerator = recordedAccelerator(ev);
    this.setRecording(false);
    if (accelerator) void this.save({ globalShortcut: accelerator });
  }

  private async save(patch: { globalShortcut?: string; globalShortcutEnabled?: boolean }): Promise<void> {
    const result = await this.ctx.run('settings:update', patch, { quiet: true });
    // A refusal by the OS is also main's standing problem line: say it once.
    const message = result.ok || result.message === this.view?.shortcut.problem ? '' : result.message;
    this.result.classList.toggle('error', message !== '');
    setText(this.result, message);
    // A refused change shows the stored values again.
    if (!result.ok && this.view) this.update(this.view);
  }
}
