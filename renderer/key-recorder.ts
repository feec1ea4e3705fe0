/**
 * The Settings key recorder's one pure part: a key press as Electron accelerator text
 * ("Control+Shift+M"). It only writes down what was pressed, modifiers as the event reports them
 * (Control, Alt, Shift, Meta: Electron maps Meta to Cmd on macOS and to the Windows/Super key
 * elsewhere) and the key by its physical position (`KeyboardEvent.code`, as Electron's key codes
 * are). Main checks the result (main/app/accelerator.ts) and says what is wrong with it.
 */

/** The parts of a KeyboardEvent the recorder reads. */
export type KeyPress = Pick<KeyboardEvent, 'code' | 'key' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>;

const MODIFIER_KEYS: ReadonlySet<string> = new Set(['Control', 'Alt', 'AltGraph', 'Shift', 'Meta', 'OS']);

const CODE_KEYS: Readonly<Record<string, string>> = {
  Space: 'Space',
  Tab: 'Tab',
  Enter: 'Return',
  NumpadEnter: 'Return',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Escape: 'Escape',
  PrintScreen: 'PrintScreen',
  CapsLock: 'Capslock',
  NumLock: 'Numlock',
  ScrollLock: 'Scrolllock',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
  NumpadDecimal: 'numdec',
  AudioVolumeUp: 'VolumeUp',
  AudioVolumeDown: 'VolumeDown',
  AudioVolumeMute: 'VolumeMute',
  MediaTrackNext: 'MediaNextTrack',
  MediaTrackPrevious: 'MediaPreviousTrack',
  MediaStop: 'MediaStop',
  MediaPlayPause: 'MediaPlayPause',
};

/** True while only modifier keys are down (the recorder waits for the key). */
export function onlyModifiers(press: KeyPress): boolean {
  return MODIFIER_KEYS.has(press.key);
}

/** The key of a press as Electron names it; an unknown key is passed on as it is, for main to refuse. */
function keyName(press: KeyPress): string {
  const letter = /^Key([A-Z])$/.exec(press.code);
  if (letter) return letter[1]!;
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(press.code);
  if (digit) return press.code.startsWith('Numpad') ? `num${digit[1]}` : digit[1]!;
  if (/^F\d{1,2}$/.test(press.code)) return press.code;
  return CODE_KEYS[press.code] ?? (press.key.length === 1 ? press.key : press.code || press.key);
}

/** The accelerator text for a key press, or null while only modifiers are down. */
export function recordedAccelerator(press: KeyPress): string | null {
  if (onlyModifiers(press)) return null;
  const parts: string[] = [];
  if (press.ctrlKey) parts.push('Control');
  if (press.altKey) parts.push('Alt');
  if (press.shiftKey) parts.push('Shift');
  if (press.metaKey) parts.push('Meta');
  parts.push(keyName(press));
  return parts.join('+');
}
