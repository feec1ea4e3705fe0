/**
 * File names for saved results: the date, the prompt's first words and the job's id, safe on
 * Windows, macOS and Linux alike (a folder may be shared between them, or synced). Pure.
 *
 * `2026-03-14 09-30 Close-up of a hummingbird drinking from 1000000.mp4`
 *
 * The characters come through filenamify (a maintained library), which applies most rules; this
 * module adds what it does not do (lengths in bytes, the word budget, the extension from the URL,
 * the never-overwrite suffix):
 *
 * | rule | why | where |
 * |---|---|---|
 * | `< > : " / \ \| ? *` and C0 controls become a space | reserved on Windows; `/` everywhere, `:` on macOS (Finder shows it as `/`) | filenamify |
 * | other control and format characters (C1, bidi overrides U+202A–E / U+2066–9, zero-width) removed | a right-to-left override makes `gpj.exe` read as `exe.jpg`; invisible characters make two names look alike | filenamify |
 * | leading `./`, `../` and names made only of dots replaced | path traversal, `.` and `..` are not files | filenamify |
 * | trailing dots and spaces removed | Windows drops them silently, so two names would collide | filenamify |
 * | `CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9` (any case, with any extension) get a `!` | reserved device names on Windows | filenamify |
 * | Unicode NFC | macOS and Linux would otherwise store the same prompt in different bytes | filenamify |
 * | runs of whitespace become one space; leading dots and dashes removed | hidden files on Unix; a leading `-` reads as an option in a shell | here |
 * | at most {@link MAX_NAME_BYTES} UTF-8 bytes, cut between graphemes | ext4 and APFS allow 255 bytes per name, NTFS 255 UTF-16 units: room is left for the ` (12)` suffix and the temp file's prefix | here |
 */
import filenamify from 'filenamify';
import type { JobKind } from '../types.ts';

/** Longest file name written, in UTF-8 bytes (suffix included): well under every OS's 255. */
export const MAX_NAME_BYTES = 160;
/** Budget of the prompt's words, in UTF-8 bytes. */
const PROMPT_BYTES = 64;
/** How many words of the prompt at most. */
const PROMPT_WORDS = 8;
/** Budget of the job's id, in UTF-8 bytes. */
const ID_BYTES = 40;

/** Extensions taken from the result URL; anything else gets the kind's default. */
const KNOWN_EXTENSIONS: ReadonlySet<string> = new Set([
  'mp4',
  'm4v',
  'mov',
  'webm',
  'png',
  'jpg',
  'jpeg',
  'webp',
  'gif',
]);

/** What a result's file name is made from. */
export interface ResultNameInput {
  /** When the job finished (epoch ms); written in the computer's local time. */
  finishedAtMs: number;
  /** The prompt (`desc`), or null. */
  prompt: string | null;
  /** The MiniMax-side id (`…-video:<localId>`), as the API gave it: it is cleaned here too. */
  localId: string;
  kind: JobKind;
  /** The result URL, for its extension. */
  url: string;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text` cut to at most `maxBytes` UTF-8 bytes, between graphemes (an emoji stays whole). */
export function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const size = Buffer.byteLength(segment, 'utf8');
    if (used + size > maxBytes) break;
    out += segment;
    used += size;
  }
  return out;
}

/**
 * One part of a name made safe (see the module's table), at most `maxBytes` UTF-8 bytes; may
 * return '' when nothing usable is left.
 */
export function safeNamePart(text: string, maxBytes: number): string {
  const cleaned = filenamify(text, { replacement: ' ', maxLength: 4096 })
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.-]+/u, '')
    .trim();
  if (cleaned === '!') return ''; // filenamify's stand-in for "nothing left"
  return truncateBytes(cleaned, maxBytes).replace(/[\s.]+$/u, '');
}

/** The extension (lower case, no dot) of the URL's last path segment when known, else the kind's. */
export function resultExtension(url: string, kind: JobKind): string {
  let last = '';
  try {
    last = new URL(url).pathname.split('/').pop() ?? '';
  } catch {
    // not a URL: the kind decides
  }
  const dot = last.lastIndexOf('.');
  const ext = dot === -1 ? '' : last.slice(dot + 1).toLowerCase();
  if (KNOWN_EXTENSIONS.has(ext)) return ext;
  return kind === 'video' ? 'mp4' : 'png';
}

/** `2026-03-14 09-30` in local time (no `:`, which Windows and macOS refuse). */
function localStamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}-${two(d.getMinutes())}`;
}

/** The prompt's first {@link PROMPT_WORDS} words, safe, within {@link PROMPT_BYTES}. */
function promptWords(prompt: string | null): string {
  if (prompt === null) return '';
  const words = safeNamePart(prompt, 4096).split(' ').slice(0, PROMPT_WORDS).join(' ');
  return truncateBytes(words, PROMPT_BYTES).replace(/[\s.]+$/u, '');
}

/**
 * The file name of a result: `<local date> <HH-MM> <first words of the prompt> <id>.<ext>`, safe
 * on every OS and at most {@link MAX_NAME_BYTES} bytes once {@link numberedName} adds a suffix.
 */
export function resultFileName(input: ResultNameInput): string {
  const parts = [
    localStamp(input.finishedAtMs),
    promptWords(input.prompt),
    safeNamePart(input.localId, ID_BYTES) || input.kind,
  ].filter((p) => p !== '');
  const ext = resultExtension(input.url, input.kind);
  // The stamp leads, so the name can never be a reserved device name or start with a dot.
  return `${parts.join(' ')}.${ext}`;
}

/**
 * The `n`-th candidate for a name that is taken: `name.mp4`, then `name (2).mp4`, `name (3).mp4`…
 * @param n 1 for the name itself.
 */
export function numberedName(name: string, n: number): string {
  if (n <= 1) return name;
  const dot = name.lastIndexOf('.');
  const base = dot <= 0 ? name : name.slice(0, dot);
  const ext = dot <= 0 ? '' : name.slice(dot);
  return `${base} (${n})${ext}`;
}
