/**
 * `Menu` and `MenuItem`. As in Electron, `item.click()` runs the item's handler whether or not it
 * is enabled (only the OS refuses clicks on disabled items), so a test clicking for a user checks
 * `enabled` first.
 */
import { EventEmitter } from 'node:events';
import { recorder, type ElectronPick, type OnlyElectron } from './recorder.ts';

type MenuItemTemplate = Electron.MenuItemConstructorOptions;

type ItemMembers =
  'id' | 'label' | 'sublabel' | 'type' | 'role' | 'enabled' | 'visible' | 'checked' | 'toolTip';

/** A menu item; `click()` runs the template's handler, as Electron's does. `submenu` is the double's Menu. */
export class MenuItem implements Pick<Electron.MenuItem, ItemMembers | 'click'> {
  id: string;
  label: string;
  sublabel: string;
  type: Electron.MenuItem['type'];
  role: Electron.MenuItem['role'];
  enabled: boolean;
  visible: boolean;
  checked: boolean;
  toolTip: string;
  submenu: Menu | undefined;
  private readonly handler: MenuItemTemplate['click'];

  constructor(template: MenuItemTemplate) {
    this.id = template.id ?? '';
    this.label = template.label ?? '';
    this.sublabel = template.sublabel ?? '';
    this.type = template.type ?? (template.submenu ? 'submenu' : 'normal');
    // The constructor takes more roles than a MenuItem reports (macOS-only ones).
    this.role = template.role as Electron.MenuItem['role'];
    this.enabled = template.enabled ?? true;
    this.visible = template.visible ?? true;
    this.checked = template.checked ?? false;
    this.toolTip = template.toolTip ?? '';
    this.handler = template.click;
    const submenu: unknown = template.submenu;
    this.submenu =
      submenu instanceof Menu
        ? submenu
        : Array.isArray(submenu)
          ? Menu.buildFromTemplate(submenu as MenuItemTemplate[])
          : undefined;
  }
  click = (event?: unknown, focusedWindow?: unknown): void => {
    recorder.record('menuItem.click', this.label);
    this.handler?.(
      this as unknown as Electron.MenuItem,
      focusedWindow as Electron.BaseWindow | undefined,
      (event ?? {}) as Electron.KeyboardEvent,
    );
  };
}

const _itemOnlyElectron: OnlyElectron<MenuItem, Electron.MenuItem> = true;

/** A menu; `items` holds the double's MenuItems. */
export class Menu
  extends EventEmitter
  implements
    ElectronPick<Electron.Menu, 'append' | 'getMenuItemById' | 'popup' | 'closePopup', 'getMenuItemById'>
{
  readonly items: MenuItem[] = [];
  static buildFromTemplate(template: Array<MenuItemTemplate | MenuItem | Electron.MenuItem>): Menu {
    const menu = new Menu();
    for (const t of template) menu.append(t instanceof MenuItem ? t : new MenuItem(t as MenuItemTemplate));
    return menu;
  }
  static setApplicationMenu(menu: Menu | Electron.Menu | null): void {
    recorder.record('Menu.setApplicationMenu', menu);
  }
  static getApplicationMenu(): Menu | null {
    return null;
  }
  append(item: MenuItem | Electron.MenuItem): void {
    this.items.push(item as MenuItem);
  }
  getMenuItemById(id: string): MenuItem | null {
    return this.items.find((i) => i.id === id) ?? null;
  }
  popup(options?: Electron.PopupOptions): void {
    recorder.record('menu.popup', options);
  }
  closePopup(): void {}
}

const _menuOnlyElectron: OnlyElectron<Menu, Electron.Menu> = true;

/** The statics Electron's `Menu` has, as the double provides them. */
export type MenuStatics = ElectronPick<
  typeof Electron.Menu,
  'buildFromTemplate' | 'setApplicationMenu' | 'getApplicationMenu',
  'buildFromTemplate' | 'getApplicationMenu'
>;
