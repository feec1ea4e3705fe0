/**
 * `Tray`, with what the OS does with it (read `process.platform` at call time, as Electron and
 * electron-menubar do; a test simulating another OS overrides it):
 * - `getBounds()` is the icon's rectangle on macOS and Windows, all zeros on Linux (Electron has
 *   no bounds there);
 * - {@link Tray.simulateClick} plays a user's click: on macOS a context menu set with
 *   `setContextMenu` takes every click and no click event is emitted (electron#4796); on Windows a
 *   right-click shows that menu instead of emitting `right-click`; on Linux the StatusNotifierItem
 *   host shows it on right-click; otherwise `click` / `right-click` are emitted.
 * Electron has no getters for the image, tooltip or menu: the fields holding them here are test
 * helpers (what the OS shows), like {@link Tray.openedMenu}.
 */
import { EventEmitter } from 'node:events';
import type { Menu } from './menu.ts';
import { makeEvent, recorder, type OnlyElectron } from './recorder.ts';

type TrayMembers =
  | 'setImage'
  | 'setPressedImage'
  | 'setToolTip'
  | 'setTitle'
  | 'getTitle'
  | 'setContextMenu'
  | 'popUpContextMenu'
  | 'closeContextMenu'
  | 'setIgnoreDoubleClickEvents'
  | 'getBounds'
  | 'displayBalloon'
  | 'destroy'
  | 'isDestroyed';

const ICON_BOUNDS: Electron.Rectangle = { x: 1800, y: 0, width: 24, height: 24 };

export class Tray extends EventEmitter implements Pick<Electron.Tray, TrayMembers> {
  /** Test helper: the image shown. */
  image: unknown;
  /** Test helper: the macOS pressed image. */
  pressedImage: unknown = null;
  /** Test helper: the macOS title shown (also what `getTitle()` returns). */
  title = '';
  /** Test helper: the options of the last `setTitle`. */
  titleOptions: unknown = undefined;
  /** Test helper: the tooltip shown. */
  tooltip = '';
  /** Test helper: the native context menu attached with `setContextMenu`. */
  contextMenu: Menu | null = null;
  /** Test helper: the menu the OS last opened for this icon, or null. */
  openedMenu: Menu | null = null;
  private destroyed = false;

  constructor(image: unknown, guid?: string) {
    super();
    recorder.record('tray.new', image, guid);
    this.image = image;
    recorder.trays.push(this);
  }
  setImage(image: unknown): void {
    recorder.record('tray.setImage', image);
    this.image = image;
  }
  setPressedImage(image: unknown): void {
    this.pressedImage = image;
  }
  setToolTip(text: string): void {
    recorder.record('tray.setToolTip', text);
    this.tooltip = text;
  }
  setTitle(title: string, options?: Electron.TitleOptions): void {
    recorder.record('tray.setTitle', title, options);
    this.title = title;
    this.titleOptions = options;
  }
  getTitle(): string {
    return this.title;
  }
  setContextMenu(menu: Menu | Electron.Menu | null): void {
    recorder.record('tray.setContextMenu', menu);
    this.contextMenu = menu as Menu | null;
  }
  popUpContextMenu(menu?: Menu | Electron.Menu, position?: Electron.Point): void {
    recorder.record('tray.popUpContextMenu', menu, position);
    this.openedMenu = (menu as Menu | undefined) ?? this.contextMenu;
  }
  closeContextMenu(): void {
    this.openedMenu = null;
  }
  setIgnoreDoubleClickEvents(value: boolean): void {
    recorder.record('tray.setIgnoreDoubleClickEvents', value);
  }
  getBounds(): Electron.Rectangle {
    return process.platform === 'linux' ? { x: 0, y: 0, width: 0, height: 0 } : { ...ICON_BOUNDS };
  }
  displayBalloon(options: Electron.DisplayBalloonOptions): void {
    recorder.record('tray.displayBalloon', options);
  }
  destroy(): void {
    recorder.record('tray.destroy');
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Test helper: a user clicks the icon (see the module docs for what each OS does). */
  simulateClick(button: 'left' | 'right'): void {
    const platform = process.platform;
    const native = this.contextMenu && this.contextMenu.items.length > 0 ? this.contextMenu : null;
    const bounds = this.getBounds();
    if (platform === 'darwin' && native) {
      this.openedMenu = native;
      return;
    }
    if (button === 'right' && native && (platform === 'win32' || platform === 'linux')) {
      this.openedMenu = native;
      return;
    }
    if (button === 'right' && platform === 'linux') return; // no menu: the host shows nothing
    this.emit(button === 'left' ? 'click' : 'right-click', makeEvent(), bounds, { x: bounds.x, y: bounds.y });
  }
}

const _trayOnlyElectron: OnlyElectron<
  Tray,
  Electron.Tray,
  | 'image'
  | 'pressedImage'
  | 'title'
  | 'titleOptions'
  | 'tooltip'
  | 'contextMenu'
  | 'openedMenu'
  | 'simulateClick'
> = true;
