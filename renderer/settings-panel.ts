/**
 * The Settings section: API token (set / replace / remove; the token itself is never shown or
 * kept), polling mode, pause, notification toggles and mute, the accounts (account-settings.ts),
 * hide prompts, the keyboard shortcut (shortcut-settings.ts), start at login, and the API base
 * URL under "Advanced".
 *
 * Changes go to main with 'settings:update' (a SettingsPatch) and the other action
 * channels; main validates and answers with an ActionResult whose message is shown here. Fields the
 * user is editing are never overwritten by a view push.
 */
import { OUTCOMES, type Outcome } from '../main/core/types.ts';
import type { SettingsPatch, ViewModel } from '../main/ipc.ts';
import { AccountSettings } from './account-settings.ts';
import type { UiContext } from './context.ts';
import { button, el, setButtonText, setShown, setText, uid } from './dom.ts';
import {
  FIXED_INTERVAL_MAX_S,
  FIXED_INTERVAL_MIN_S,
  formatClockTime,
  intervalMsToSeconds,
  parseIntervalSeconds,
} from './format.ts';
import { icon } from './icons.ts';
import { ShortcutSettings } from './shortcut-settings.ts';
import { SaveSettings } from './save-settings.ts';
import { mutedUntil, strings, tokenStoredIn, versionLabel } from './strings.ts';

/** Where the token docs live (opened in the browser through 'link:open'). */
export const TOKEN_HELP_URL = 'https://useapi.net/docs/start-here/setup-useapi';

interface Checkbox {
  input: HTMLInputElement;
  wrap: HTMLElement;
}

function checkbox(labelText: string): Checkbox {
  const id = uid('cb');
  const input = el('input', { attrs: { type: 'checkbox', id } });
  const wrap = el('div', {
    className: 'check',
    children: [input, el('label', { text: labelText, attrs: { for: id } })],
  });
  return { input, wrap };
}

function section(heading: string, children: ReadonlyArray<Node | null | false>): HTMLElement {
  const id = uid('sec');
  return el('section', {
    className: 'settings-section',
    attrs: { 'aria-labelledby': id },
    children: [el('h2', { className: 'section-title', text: heading, attrs: { id } }), ...children],
  });
}

/** The settings section; create once, call {@link SettingsPanel.update} on every view. */
export class SettingsPanel {
  readonly element: HTMLElement;
  private readonly ctx: UiContext;
  private view: ViewModel | null = null;

  private readonly tokenStatus: HTMLParagraphElement;
  private readonly tokenNote: HTMLParagraphElement;
  private readonly tokenInput: HTMLInputElement;
  private readonly tokenSaveBtn: HTMLButtonElement;
  private readonly tokenRemoveBtn: HTMLButtonElement;
  private readonly tokenResult: HTMLParagraphElement;

  private readonly adaptiveRadio: HTMLInputElement;
  private readonly fixedRadio: HTMLInputElement;
  private readonly secondsInput: HTMLInputElement;
  private readonly secondsError: HTMLParagraphElement;
  private readonly pauseBtn: HTMLButtonElement;

  private readonly notify = new Map<Outcome, Checkbox>();
  private readonly muteBtn: HTMLButtonElement;
  private readonly muteStatus: HTMLParagraphElement;

  private readonly accounts: AccountSettings;
  private readonly hidePrompts: Checkbox;
  private readonly shortcut: ShortcutSettings;
  private readonly startAtLogin: Checkbox;
  private readonly websiteJobs: Checkbox;

  private readonly saving: SaveSettings;
  private readonly baseUrlInput: HTMLInputElement;
  private readonly baseUrlResult: HTMLParagraphElement;
  private readonly version: HTMLParagraphElement;

  constructor(ctx: UiContext) {
    this.ctx = ctx;

    // --- API token -------------------------------------------------------------------------
    const tokenId = uid('token');
    const tokenHintId = uid('token-status');
    const tokenResultId = uid('token-result');
    this.tokenStatus = el('p', { className: 'token-status', attrs: { id: tokenHintId } });
    const tokenNoteId = uid('token-note');
    this.tokenNote = el('p', { className: 'field-help', attrs: { id: tokenNoteId, dir: 'auto' } });
    this.tokenInput = el('input', {
      className: 'input mono',
      attrs: {
        id: tokenId,
        type: 'password',
        autocomplete: 'off',
        autocapitalize: 'off',
        spellcheck: 'false',
        placeholder: strings.settings.tokenPlaceholder,
        'aria-describedby': `${tokenHintId} ${tokenNoteId} ${tokenResultId}`,
      },
    });
    this.tokenResult = el('p', {
      className: 'field-result',
      attrs: { id: tokenResultId, role: 'status', 'aria-live': 'polite' },
    });
    this.tokenSaveBtn = button(strings.settings.tokenSave, {
      className: 'btn btn-primary',
      onClick: () => void this.saveToken(),
    });
    this.tokenRemoveBtn = button(strings.settings.tokenRemove, {
      className: 'btn btn-danger-text',
      onClick: () => void this.removeToken(),
    });
    const tokenForm = el('div', {
      className: 'field',
      children: [
        el('label', { className: 'field-label', text: strings.settings.tokenLabel, attrs: { for: tokenId } }),
        this.tokenInput,
      ],
    });
    this.tokenInput.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') {
        ev.preventDefault();
        void this.saveToken();
      }
    });
    const helpLink = button(strings.settings.tokenHelp, {
      className: 'btn-link',
      icon: icon('external'),
      onClick: () => void this.ctx.run('link:open', { url: TOKEN_HELP_URL }),
    });

    // --- Polling ---------------------------------------------------------------------------
    const pollName = uid('poll');
    const adaptiveId = uid('poll-adaptive');
    const fixedId = uid('poll-fixed');
    const secondsId = uid('poll-seconds');
    const secondsErrId = uid('poll-seconds-err');
    this.adaptiveRadio = el('input', {
      attrs: { type: 'radio', name: pollName, id: adaptiveId, value: 'adaptive' },
    });
    this.fixedRadio = el('input', { attrs: { type: 'radio', name: pollName, id: fixedId, value: 'fixed' } });
    this.secondsInput = el('input', {
      className: 'input input-number',
      attrs: {
        id: secondsId,
        type: 'number',
        inputmode: 'numeric',
        min: String(FIXED_INTERVAL_MIN_S),
        max: String(FIXED_INTERVAL_MAX_S),
        step: '1',
        'aria-describedby': secondsErrId,
      },
    });
    this.secondsError = el('p', {
      className: 'field-result error',
      attrs: { id: secondsErrId, 'aria-live': 'polite' },
    });
    this.adaptiveRadio.addEventListener('change', () => void this.savePolling());
    this.fixedRadio.addEventListener('change', () => void this.savePolling());
    this.secondsInput.addEventListener('change', () => void this.savePolling());
    this.pauseBtn = button(strings.settings.pause, {
      className: 'btn',
      onClick: (ev) => {
        const paused = !(this.view?.status.paused ?? false);
        void this.ctx.run('polling:set-paused', { paused }, { busy: ev.currentTarget as HTMLButtonElement });
      },
    });
    const pollFieldset = el('fieldset', {
      className: 'fieldset',
      children: [
        el('legend', { className: 'visually-hidden', text: strings.settings.pollingHeading }),
        el('div', {
          className: 'radio',
          children: [
            this.adaptiveRadio,
            el('label', { text: strings.settings.pollingAdaptive, attrs: { for: adaptiveId } }),
          ],
        }),
        el('div', {
          className: 'radio',
          children: [
            this.fixedRadio,
            el('label', { text: strings.settings.pollingFixed, attrs: { for: fixedId } }),
          ],
        }),
        el('div', {
          className: 'field field-inline field-indent',
          children: [
            el('label', {
              className: 'field-label',
              text: strings.settings.pollingSeconds,
              attrs: { for: secondsId },
            }),
            this.secondsInput,
          ],
        }),
        this.secondsError,
      ],
    });

    // --- Notifications ---------------------------------------------------------------------
    const notifyFieldset = el('fieldset', {
      className: 'fieldset',
      children: [el('legend', { className: 'legend', text: strings.settings.notifyLegend })],
    });
    for (const outcome of OUTCOMES) {
      const cb = checkbox(strings.notifyLabels[outcome]);
      cb.input.addEventListener('change', () => void this.saveNotify(outcome, cb.input));
      this.notify.set(outcome, cb);
      notifyFieldset.appendChild(cb.wrap);
    }
    this.muteStatus = el('p', { className: 'field-help' });
    this.muteBtn = button(strings.settings.mute, {
      className: 'btn',
      onClick: (ev) => {
        const muted = this.isMuted();
        void this.ctx.run(
          'notifications:mute',
          { minutes: muted ? null : 60 },
          { busy: ev.currentTarget as HTMLButtonElement },
        );
      },
    });

    this.accounts = new AccountSettings(ctx);

    // --- Privacy and system ----------------------------------------------------------------
    this.hidePrompts = checkbox(strings.settings.hidePrompts);
    this.hidePrompts.input.addEventListener(
      'change',
      () => void this.saveSetting({ hidePrompts: this.hidePrompts.input.checked }),
    );
    this.shortcut = new ShortcutSettings(ctx);
    this.websiteJobs = checkbox(strings.settings.websiteJobs);
    this.websiteJobs.input.addEventListener(
      'change',
      () => void this.saveSetting({ websiteJobs: this.websiteJobs.input.checked }),
    );
    this.startAtLogin = checkbox(strings.settings.startAtLogin);
    this.startAtLogin.input.addEventListener(
      'change',
      () => void this.saveSetting({ startAtLogin: this.startAtLogin.input.checked }),
    );

    // --- Advanced ----------------------------------------------------------------------------
    const baseUrlId = uid('base-url');
    const baseUrlHelpId = uid('base-url-help');
    const baseUrlResultId = uid('base-url-result');
    this.baseUrlInput = el('input', {
      className: 'input mono',
      attrs: {
        id: baseUrlId,
        type: 'url',
        autocomplete: 'off',
        spellcheck: 'false',
        'aria-describedby': `${baseUrlHelpId} ${baseUrlResultId}`,
      },
    });
    this.baseUrlResult = el('p', {
      className: 'field-result',
      attrs: { id: baseUrlResultId, role: 'status', 'aria-live': 'polite' },
    });
    // Once edited, view pushes no longer overwrite the field until it is saved.
    this.baseUrlInput.addEventListener('input', () => {
      this.baseUrlInput.dataset.dirty = '1';
    });
    const baseUrlSave = button(strings.settings.baseUrlSave, {
      className: 'btn',
      onClick: (ev) => void this.saveBaseUrl(ev.currentTarget as HTMLButtonElement),
    });
    const advanced = el('details', {
      className: 'advanced',
      children: [
        el('summary', { text: strings.settings.advanced }),
        el('div', {
          className: 'field',
          children: [
            el('label', {
              className: 'field-label',
              text: strings.settings.baseUrlLabel,
              attrs: { for: baseUrlId },
            }),
            el('div', { className: 'input-row', children: [this.baseUrlInput, baseUrlSave] }),
            el('p', {
              className: 'field-help',
              text: strings.settings.baseUrlHelp,
              attrs: { id: baseUrlHelpId },
            }),
            this.baseUrlResult,
          ],
        }),
      ],
    });

    this.saving = new SaveSettings(ctx);
    this.version = el('p', { className: 'version' });

    this.element = el('div', {
      className: 'settings',
      children: [
        section(strings.settings.tokenHeading, [
          this.tokenStatus,
          this.tokenNote,
          tokenForm,
          el('div', {
            className: 'button-row',
            children: [this.tokenSaveBtn, this.tokenRemoveBtn, helpLink],
          }),
          this.tokenResult,
        ]),
        section(strings.settings.pollingHeading, [
          pollFieldset,
          this.websiteJobs.wrap,
          el('div', { className: 'button-row', children: [this.pauseBtn] }),
        ]),
        section(strings.settings.notificationsHeading, [
          notifyFieldset,
          el('div', { className: 'button-row', children: [this.muteBtn, this.muteStatus] }),
        ]),
        section(strings.accounts.heading, this.accounts.nodes),
        section(strings.saving.heading, this.saving.children),
        section(strings.settings.privacyHeading, [this.hidePrompts.wrap]),
        section(strings.shortcut.heading, this.shortcut.nodes),
        section(strings.settings.systemHeading, [this.startAtLogin.wrap]),
        advanced,
        this.version,
      ],
    });
  }

  /** Moves keyboard focus to the token field (used by "Add token" / "Replace token"). */
  focusToken(): void {
    this.tokenInput.focus();
  }

  /** Shows the settings and state from `view`, leaving fields the user is editing alone. */
  update(view: ViewModel): void {
    this.view = view;
    const { token, settings, status } = view;

    // Token: whether one is stored and where, never the token.
    setText(this.tokenStatus, token.stored ? tokenStoredIn(token.storage) : strings.settings.tokenNone);
    setText(this.tokenNote, token.note ?? '');
    setShown(this.tokenNote, token.note !== null && token.note !== '');
    setButtonText(
      this.tokenSaveBtn,
      token.stored ? strings.settings.tokenReplace : strings.settings.tokenSave,
    );
    setShown(this.tokenRemoveBtn, token.stored && token.storage !== 'environment');

    // Polling.
    this.adaptiveRadio.checked = settings.pollingMode === 'adaptive';
    this.fixedRadio.checked = settings.pollingMode === 'fixed';
    if (document.activeElement !== this.secondsInput) {
      this.secondsInput.value = String(intervalMsToSeconds(settings.fixedIntervalMs));
    }
    this.secondsInput.disabled = settings.pollingMode !== 'fixed';
    setButtonText(this.pauseBtn, status.paused ? strings.settings.resume : strings.settings.pause);

    // Notifications.
    for (const outcome of OUTCOMES) {
      const cb = this.notify.get(outcome);
      if (cb) cb.input.checked = settings.notifyOn[outcome] === true;
    }
    const muted = this.isMuted();
    setButtonText(this.muteBtn, muted ? strings.settings.unmute : strings.settings.mute);
    setText(
      this.muteStatus,
      muted && status.mutedUntilMs !== null
        ? mutedUntil(formatClockTime(status.mutedUntilMs, this.ctx.now(), this.ctx.clockOptions))
        : '',
    );

    this.accounts.update(view);
    this.hidePrompts.input.checked = settings.hidePrompts;
    this.shortcut.update(view);
    this.startAtLogin.input.checked = settings.startAtLogin;
    this.websiteJobs.input.checked = settings.websiteJobs;

    if (document.activeElement !== this.baseUrlInput && !this.baseUrlInput.dataset.dirty) {
      this.baseUrlInput.value = settings.apiBaseUrl;
    }
    this.saving.update(view);
    setText(this.version, versionLabel(view.version));
  }

  private isMuted(): boolean {
    const until = this.view?.status.mutedUntilMs ?? null;
    return until !== null && until > this.ctx.now();
  }

  private async saveToken(): Promise<void> {
    const token = this.tokenInput.value.trim();
    if (token === '') {
      this.showResult(this.tokenResult, strings.settings.tokenEmpty, false);
      this.tokenInput.focus();
      return;
    }
    setText(this.tokenResult, '');
    const result = await this.ctx.run('token:save', { token }, { busy: this.tokenSaveBtn, quiet: true });
    // Never keep the token in the page longer than needed.
    this.tokenInput.value = '';
    this.showResult(this.tokenResult, result.ok ? strings.settings.tokenSaved : result.message, result.ok);
  }

  private async removeToken(): Promise<void> {
    const ok = await this.ctx.confirm(strings.confirm.removeToken);
    if (!ok) return;
    const result = await this.ctx.run('token:remove', undefined, { busy: this.tokenRemoveBtn, quiet: true });
    this.showResult(this.tokenResult, result.ok ? strings.settings.tokenRemoved : result.message, result.ok);
  }

  private async savePolling(): Promise<void> {
    const mode = this.fixedRadio.checked ? 'fixed' : 'adaptive';
    this.secondsInput.disabled = mode !== 'fixed';
    const patch: SettingsPatch = { pollingMode: mode };
    if (mode === 'fixed') {
      const ms = parseIntervalSeconds(this.secondsInput.value);
      if (ms === null) {
        this.secondsInput.setAttribute('aria-invalid', 'true');
        setText(this.secondsError, strings.settings.pollingSecondsInvalid);
        return;
      }
      patch.fixedIntervalMs = ms;
    }
    this.secondsInput.removeAttribute('aria-invalid');
    setText(this.secondsError, '');
    const result = await this.ctx.run('settings:update', patch);
    if (!result.ok) this.revert();
  }

  private async saveNotify(outcome: Outcome, input: HTMLInputElement): Promise<void> {
    const current = this.view?.settings.notifyOn;
    if (!current) return;
    await this.saveSetting({ notifyOn: { ...current, [outcome]: input.checked } });
  }

  private async saveSetting(patch: SettingsPatch): Promise<void> {
    const result = await this.ctx.run('settings:update', patch);
    // A refused change shows the stored value again (the message is already shown).
    if (!result.ok) this.revert();
  }

  private async saveBaseUrl(btn: HTMLButtonElement): Promise<void> {
    const apiBaseUrl = this.baseUrlInput.value.trim();
    const result = await this.ctx.run('settings:update', { apiBaseUrl }, { busy: btn, quiet: true });
    if (result.ok) delete this.baseUrlInput.dataset.dirty;
    this.showResult(this.baseUrlResult, result.ok ? strings.settings.saved : result.message, result.ok);
  }

  /** After a refused change, show the stored values again. */
  private revert(): void {
    if (this.view) this.update(this.view);
  }

  private showResult(node: HTMLElement, message: string, ok: boolean): void {
    node.classList.toggle('error', !ok);
    node.textContent = message;
  }
}
