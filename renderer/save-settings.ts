/**
 * Settings, "Save results": on/off, the folder (chosen in the system's folder chooser, which main
 * opens: the window never names a path) and "videos only" / "videos and images". Turning saving
 * on before a folder was chosen opens the chooser; cancelling it leaves saving off.
 */
import type { ViewModel } from '../main/ipc.ts';
import type { UiContext } from './context.ts';
import { button, el, setButtonText, setText, uid } from './dom.ts';
import { icon } from './icons.ts';
import { strings } from './strings.ts';

/** The section; create once, call {@link SaveSettings.update} on every view. */
export class SaveSettings {
  /** Children for the section (settings-panel.ts wraps them with the heading). */
  readonly children: HTMLElement[];
  private readonly ctx: UiContext;
  private view: ViewModel | null = null;
  private readonly enable: HTMLInputElement;
  private readonly folder: HTMLParagraphElement;
  private readonly chooseBtn: HTMLButtonElement;
  private readonly videos: HTMLInputElement;
  private readonly all: HTMLInputElement;

  constructor(ctx: UiContext) {
    this.ctx = ctx;
    const enableId = uid('save-enable');
    const helpId = uid('save-help');
    this.enable = el('input', { attrs: { type: 'checkbox', id: enableId, 'aria-describedby': helpId } });
    this.enable.addEventListener('change', () => void this.toggle());
    const folderLabelId = uid('save-folder');
    this.folder = el('p', {
      className: 'folder-path mono',
      attrs: { 'aria-labelledby': folderLabelId, dir: 'auto' },
    });
    this.chooseBtn = button(strings.saving.choose, {
      className: 'btn',
      icon: icon('folder'),
      onClick: (ev) =>
        void this.ctx.run('saving:choose-folder', undefined, { busy: ev.currentTarget as HTMLButtonElement }),
    });
    const kindsName = uid('save-kinds');
    const radio = (value: 'videos' | 'all', text: string): [HTMLInputElement, HTMLElement] => {
      const id = uid('save-kind');
      const input = el('input', { attrs: { type: 'radio', name: kindsName, id, value } });
      input.addEventListener('change', () => void this.saveKinds(value));
      return [
        input,
        el('div', { className: 'radio', children: [input, el('label', { text, attrs: { for: id } })] }),
      ];
    };
    const [videos, videosWrap] = radio('videos', strings.saving.videosOnly);
    const [all, allWrap] = radio('all', strings.saving.videosAndImages);
    this.videos = videos;
    this.all = all;
    this.children = [
      el('div', {
        className: 'check',
        children: [this.enable, el('label', { text: strings.saving.enable, attrs: { for: enableId } })],
      }),
      el('p', { className: 'field-help', text: strings.saving.help, attrs: { id: helpId } }),
      el('div', {
        className: 'field',
        children: [
          el('span', {
            className: 'field-label',
            text: strings.saving.folderLabel,
            attrs: { id: folderLabelId },
          }),
          this.folder,
        ],
      }),
      el('div', { className: 'button-row', children: [this.chooseBtn] }),
      el('fieldset', {
        className: 'fieldset',
        children: [
          el('legend', { className: 'legend', text: strings.saving.kindsLegend }),
          videosWrap,
          allWrap,
        ],
      }),
    ];
  }

  /** Shows the stored settings. */
  update(view: ViewModel): void {
    this.view = view;
    const s = view.settings.saveResults;
    this.enable.checked = s.enabled;
    setText(this.folder, s.folder ?? strings.saving.noFolder);
    this.folder.classList.toggle('muted', s.folder === null);
    setButtonText(this.chooseBtn, s.folder === null ? strings.saving.choose : strings.saving.change);
    this.videos.checked = s.kinds === 'videos';
    this.all.checked = s.kinds === 'all';
  }

  private async toggle(): Promise<void> {
    const enabled = this.enable.checked;
    if (enabled && this.view?.settings.saveResults.folder === null) {
      // No folder yet: the chooser decides (main turns saving on when one is chosen).
      await this.ctx.run('saving:choose-folder', undefined);
    } else {
      await this.ctx.run('settings:update', { saveResults: { enabled } });
    }
    if (this.view) this.update(this.view);
  }

  private async saveKinds(kinds: 'videos' | 'all'): Promise<void> {
    const result = await this.ctx.run('settings:update', { saveResults: { kinds } });
    if (!result.ok && this.view) this.update(this.view);
  }
}
