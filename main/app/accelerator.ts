/**
 * Global-shortcut accelerators, as pure functions: checking what the user recorded or typed,
 * bringing it to one canonical spelling, and the label the window shows. Main decides; the
 * renderer only sends what the user pressed. Grammar from Electron's Accelerator doc
 * (https://www.electronjs.org/docs/latest/api/accelerator): modifiers and one key code joined by
 * `+`, case-insensitive.
 *
 * Our own code rather than electron-is-accelerator 0.2.0 (2017): that package misses `Meta`, the
 * numpad keys, Capslock/Numlock/Scrolllock and case-insensitivity, accepts `F1111` and bare keys,
 * and cannot say why an accelerator is refused, which the Settings field must.
 *
 * Rules beyond the grammar (a GLOBAL shortcut takes the keys from every other app):
 * - a key that types something needs Ctrl/Cmd, Alt or Super (Shift alone is not enough); only
 *   F1–F24 may stand alone;
 * - each modifier once; `Command` only on macOS (Electron ignores it elsewhere).
 *
 * Canonical form: modifiers in the order Super, CommandOrControl, Control, Alt, AltGr, Shift (as
 * GNOME and Windows write them: Super+Shift+M), then the key as the doc spells it. The key that is Cmd on macOS and Ctrl elsewhere is stored as
 * `CommandOrControl` (so a shortcut recorded on one OS means the same on another); on macOS
 * Command, Super and Meta are all Cmd and become CommandOrControl too.
 */

/** The shortcut a fresh install gets: Cmd+Shift+M on macOS, Ctrl+Shift+M elsewhere. */
export const DEFAULT_SHORTCUT = 'CommandOrControl+Shift+M';

/** Longest accelerator text accepted, in characters. */
export const MAX_ACCELERATOR_CHARS = 100;

type Modifier = 'CommandOrControl' | 'Control' | 'Alt' | 'AltGr' | 'Shift' | 'Super';
const MODIFIER_ORDER: readonly Modifier[] = ['Super', 'CommandOrControl', 'Control', 'Alt', 'AltGr', 'Shift'];

/** Lower-case spelling → modifier, per platform (see the module docs). */
function modifierFor(token: string, mac: boolean): Modifier | 'command-off-mac' | null {
  switch (token) {
    case 'commandorcontrol':
    case 'cmdorctrl':
      return 'CommandOrControl';
    case 'command':
    case 'cmd':
      return mac ? 'CommandOrControl' : 'command-off-mac';
    case 'control':
    case 'ctrl':
      return mac ? 'Control' : 'CommandOrControl';
    case 'alt':
    case 'option':
      return 'Alt';
    case 'altgr':
      return 'AltGr';
    case 'shift':
      return 'Shift';
    case 'super':
    case 'meta':
      return mac ? 'CommandOrControl' : 'Super';
    default:
      return null;
  }
}

const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaNextTrack',
  'MediaPreviousTrack',
  'MediaStop',
  'MediaPlayPause',
  'PrintScreen',
  'num0',
  'num1',
  'num2',
  'num3',
  'num4',
  'num5',
  'num6',
  'num7',
  'num8',
  'num9',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
] as const;
const PUNCTUATION = ')!@#$%^&*(:;=<,_->.?/~`{][|\\}"\'';
const KEY_ALIASES: Readonly<Record<string, string>> = { enter: 'Return', esc: 'Escape' };
const KEYS_BY_LOWER: ReadonlyMap<string, string> = new Map(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));

/** The canonical key for a token, or null when it is not a key code. */
function keyFor(token: string): string | null {
  if (token.length === 1) {
    const c = token.toUpperCase();
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || PUNCTUATION.includes(c)) return c;
    return null;
  }
  const lower = token.toLowerCase();
  const f = /^f([1-9]|1[0-9]|2[0-4])$/.exec(lower);
  if (f) return `F${f[1]}`;
  return KEY_ALIASES[lower] ?? KEYS_BY_LOWER.get(lower) ?? null;
}

/** What {@link parseAccelerator} answers. */
export type AcceleratorCheck = { ok: true; accelerator: string } | { ok: false; message: string };

/**
 * Checks an accelerator the user recorded or typed and returns its canonical form (see the module
 * docs), or a sentence saying what is wrong, for the Settings field. Never throws.
 * @param platform `process.platform` (Cmd exists only on macOS; labels in messages follow it)
 */
export function parseAccelerator(text: string, platform: string): AcceleratorCheck {
  const mac = platform === 'darwin';
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Press the keys of the new shortcut.' };
  if (trimmed.length > MAX_ACCELERATOR_CHARS) return { ok: false, message: 'That shortcut is too long.' };
  const tokens = trimmed.split('+').map((t) => t.trim());
  if (tokens.some((t) => t === '')) {
    return { ok: false, message: 'Write the + key as "Plus" (for example Ctrl+Shift+Plus).' };
  }
  const modifiers = new Set<Modifier>();
  let key: string | null = null;
  for (const token of tokens) {
    const modifier = modifierFor(token.toLowerCase(), mac);
    if (modifier === 'command-off-mac') {
      return { ok: false, message: 'Cmd exists only on macOS; use Ctrl (CommandOrControl) instead.' };
    }
    if (modifier) {
      if (modifiers.has(modifier)) return { ok: false, message: `${token} is in the shortcut twice.` };
      modifiers.add(modifier);
      continue;
    }
    const k = keyFor(token);
    if (k === null) return { ok: false, message: `"${clip(token)}" is not a key a shortcut can use.` };
    if (key !== null) return { ok: false, message: 'A shortcut has one key besides the modifiers.' };
    key = k;
  }
  if (key === null) return { ok: false, message: 'Add a key to the modifiers, for example M.' };
  const strong = [...modifiers].some((m) => m !== 'Shift');
  if (!strong && !/^F\d+$/.test(key)) {
    const needed = mac ? 'Cmd, Control or Option' : 'Ctrl, Alt or Super';
    return {
      ok: false,
      message: `Add ${needed}: a shortcut of ${acceleratorLabel([...modifiers, key].join('+'), platform)} alone would take that key from every other app.`,
    };
  }
  const ordered = MODIFIER_ORDER.filter((m) => modifiers.has(m));
  return { ok: true, accelerator: [...ordered, key].join('+') };
}

/**
 * How the window shows an accelerator (canonical or not), e.g. "Ctrl+Shift+M" on Windows and
 * Linux, "Cmd+Shift+M" on macOS, "Super+Alt+F1" on Linux, "Win+Alt+F1" on Windows.
 */
export function acceleratorLabel(accelerator: string, platform: string): string {
  const mac = platform === 'darwin';
  return accelerator
    .split('+')
    .map((part) => {
      switch (modifierFor(part.trim().toLowerCase(), mac)) {
        case 'CommandOrControl':
          return mac ? 'Cmd' : 'Ctrl';
        case 'command-off-mac':
          return 'Cmd';
        case 'Control':
          return 'Control';
        case 'Alt':
          return mac ? 'Option' : 'Alt';
        case 'AltGr':
          return 'AltGr';
        case 'Shift':
          return 'Shift';
        case 'Super':
          return platform === 'win32' ? 'Win' : 'Super';
        default:
          return keyLabel(part.trim());
      }
    })
    .join('+');
}

function keyLabel(key: string): string {
  const k = keyFor(key) ?? key;
  if (k === 'Return') return 'Enter';
  if (k === 'Escape') return 'Esc';
  const num = /^num(\d|dec|add|sub|mult|div)$/.exec(k);
  if (!num) return k;
  const symbol: Record<string, string> = { dec: '.', add: '+', sub: '-', mult: '*', div: '/' };
  return `Num ${symbol[num[1]!] ?? num[1]}`;
}

function clip(token: string): string {
  return token.length > 20 ? `${token.slice(0, 19)}…` : token;
}
