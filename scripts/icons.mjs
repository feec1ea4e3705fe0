#!/usr/bin/env node
// Rasterises the SVG sources in assets/svg/ into assets/generated/ (git-ignored):
//
//   tray/<state>.png, <state>@2x.png                16/32 px, coloured (Windows, Linux)
//   tray/<state>Template.png, <state>Template@2x.png  16/32 px, black + alpha (macOS menu bar)
//   tray/running-<n>.png, running-<n>@2x.png         n = 1..9 and 9plus: the job count drawn in
//   build/icons/<size>x<size>.png                    Linux app icons, 16..512 px
//   build/icon.ico                                   Windows: 16, 20, 24, 32, 40, 48, 64, 256 px
//   build/icon.icns                                  macOS (png2icons, from a 1024 px render)
//
// build/ is electron-builder's `directories.buildResources`; tray/ ships as `extraResources`.
// The file names must match main/app/icon-names.ts (the unit tests check every name).
// Run by `npm run icons` and by scripts/build.mjs (`generateIcons({ outDir })`).
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Default output folder: assets/generated/ in the repository. */
export const DEFAULT_OUT_DIR = path.join(root, 'assets/generated');
/** Default folder holding the SVG sources. */
export const DEFAULT_SVG_DIR = path.join(root, 'assets/svg');

/** Tray states, one `tray-<state>.svg` each (same list as TRAY_STATES in icon-names.ts). */
export const TRAY_STATES = ['idle', 'running', 'error', 'offline', 'paused'];
/** Count labels drawn into `running-<label>` icons. */
export const COUNT_LABELS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9plus'];
/** Edge lengths (px) of the Linux app icons in build/icons/. */
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
/** Edge lengths (px) of the images inside build/icon.ico. */
export const ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 256];
/** App icons up to this size (px) use app-icon-small.svg, which has no sprocket holes. */
const SMALL_APP_ICON_MAX_PX = 40;

// Bold 6x10 digits with 2 px strokes on the 16 px grid of tray-running-count.svg ('#' = filled).
// Drawn as pixel runs so they stay crisp at 16 px and at exactly twice the size at 32 px.
const GLYPHS = {
  0: ['.####.', '######', '##..##', '##..##', '##..##', '##..##', '##..##', '##..##', '######', '.####.'],
  1: ['..##..', '.###..', '####..', '..##..', '..##..', '..##..', '..##..', '..##..', '######', '######'],
  2: ['.####.', '######', '##..##', '....##', '...###', '..###.', '.###..', '###...', '######', '######'],
  3: ['.####.', '######', '##..##', '....##', '..###.', '..####', '....##', '##..##', '######', '.####.'],
  4: ['##..##', '##..##', '##..##', '##..##', '######', '######', '....##', '....##', '....##', '....##'],
  5: ['######', '######', '##....', '##....', '#####.', '######', '....##', '##..##', '######', '.####.'],
  6: ['.####.', '######', '##....', '##....', '#####.', '######', '##..##', '##..##', '######', '.####.'],
  7: ['######', '######', '....##', '....##', '...##.', '...##.', '..##..', '..##..', '..##..', '..##..'],
  8: ['.####.', '######', '##..##', '##..##', '.####.', '.####.', '##..##', '##..##', '######', '.####.'],
  9: ['.####.', '######', '##..##', '##..##', '######', '.#####', '....##', '....##', '######', '.####.'],
  '+': ['..#..', '..#..', '#####', '..#..', '..#..'],
};

/** Where each count label's glyphs sit on the 16 px grid: [glyph, left, top][]. */
const COUNT_LAYOUTS = {
  single: (digit) => [[digit, 5, 3]],
  '9plus': [
    ['9', 2, 3],
    ['+', 9, 5],
  ],
};

function glyphPath(glyph, left, top) {
  const rows = GLYPHS[glyph];
  if (!rows) throw new Error(`icons: no glyph for "${glyph}"`);
  let d = '';
  rows.forEach((row, y) => {
    for (const m of row.matchAll(/#+/g))
      d += `M${left + m.index} ${top + y}h${m[0].length}v1h-${m[0].length}z`;
  });
  return d;
}

/**
 * The SVG of a `running-<label>` icon: the count template with the label's glyphs filled in.
 * @param {string} template contents of tray-running-count.svg
 * @param {string} label '1'..'9' or '9plus'
 * @returns {string} SVG source
 */
export function countSvg(template, label) {
  const layout = label === '9plus' ? COUNT_LAYOUTS['9plus'] : COUNT_LAYOUTS.single(label);
  const d = layout.map(([g, x, y]) => glyphPath(g, x, y)).join('');
  const placeholder = /<g id="COUNT"([^>]*)\/>/;
  if (!placeholder.test(template))
    throw new Error('icons: tray-running-count.svg has no <g id="COUNT" .../> group');
  return template.replace(placeholder, `<g id="COUNT"$1><path d="${d}"/></g>`);
}

/**
 * The same SVG with the root element's `color` (used through `currentColor`) replaced.
 * @param {string} svg SVG source whose root `<svg>` carries `color="…"`
 * @param {string} color CSS colour
 * @param {string} name file name for the error message
 * @returns {string}
 * @throws {Error} when the root element has no `color` attribute
 */
export function recolor(svg, color, name) {
  const rootColor = /(<svg\b[^>]*?\scolor=")[^"]*(")/;
  if (!rootColor.test(svg))
    throw new Error(`icons: ${name} needs a color="…" attribute on its <svg> element`);
  return svg.replace(rootColor, `$1${color}$2`);
}

/**
 * Renders an SVG to a square PNG.
 * @param {string} svg SVG source
 * @param {number} sizePx output width and height in pixels
 * @returns {Buffer} PNG (8-bit RGBA)
 */
export function renderPng(svg, sizePx) {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: sizePx },
    font: { loadSystemFonts: false },
    shapeRendering: 2,
  });
  const image = resvg.render();
  if (image.width !== sizePx || image.height !== sizePx) {
    throw new Error(`icons: expected a ${sizePx}x${sizePx} render, got ${image.width}x${image.height}`);
  }
  return image.asPng();
}

/**
 * Packs PNG images into a Windows .ico (PNG-compressed entries, read by Windows Vista and later;
 * Electron 45 needs Windows 10).
 * @param {{ sizePx: number, png: Buffer }[]} images square images, 1..256 px
 * @returns {Buffer}
 */
export function buildIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { sizePx, png } of images) {
    if (sizePx < 1 || sizePx > 256) throw new Error(`icons: .ico entries must be 1..256 px, got ${sizePx}`);
    const entry = Buffer.alloc(16);
    entry.writeUInt8(sizePx === 256 ? 0 : sizePx, 0); // width (0 means 256)
    entry.writeUInt8(sizePx === 256 ? 0 : sizePx, 1); // height
    entry.writeUInt8(0, 2); // palette size
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

async function readSvg(svgDir, name) {
  try {
    return await readFile(path.join(svgDir, name), 'utf8');
  } catch (err) {
    throw new Error(`icons: cannot read SVG source ${path.join(svgDir, name)}: ${err.message}`, {
      cause: err,
    });
  }
}

/**
 * Renders every tray and app icon.
 *
 * Clears and rewrites `<outDir>/tray/` and `<outDir>/build/`; nothing else in `outDir` is touched.
 * @param {{ outDir?: string, svgDir?: string }} [options] `outDir` defaults to assets/generated/,
 *   `svgDir` to assets/svg/
 * @returns {Promise<{ outDir: string, files: string[] }>} files written, relative to outDir with `/`
 * @throws {Error} with a message naming the file when a source is missing or malformed
 */
export async function generateIcons({ outDir = DEFAULT_OUT_DIR, svgDir = DEFAULT_SVG_DIR } = {}) {
  const trayDir = path.join(outDir, 'tray');
  const buildDir = path.join(outDir, 'build');
  await rm(trayDir, { recursive: true, force: true });
  await rm(buildDir, { recursive: true, force: true });
  await mkdir(trayDir, { recursive: true });
  await mkdir(path.join(buildDir, 'icons'), { recursive: true });
  const files = [];
  const write = async (rel, data) => {
    await writeFile(path.join(outDir, rel), data);
    files.push(rel);
  };
  const writePair = async (dir, base, svg) => {
    await write(`${dir}/${base}.png`, renderPng(svg, 16));
    await write(`${dir}/${base}@2x.png`, renderPng(svg, 32));
  };

  for (const state of TRAY_STATES) {
    const name = `tray-${state}.svg`;
    const svg = await readSvg(svgDir, name);
    const template = recolor(svg, '#000000', name); // also checks the colour is set on the root
    await writePair('tray', state, svg);
    await writePair('tray', `${state}Template`, template);
  }
  const countTemplate = await readSvg(svgDir, 'tray-running-count.svg');
  for (const label of COUNT_LABELS)
    await writePair('tray', `running-${label}`, countSvg(countTemplate, label));

  const large = await readSvg(svgDir, 'app-icon.svg');
  const small = await readSvg(svgDir, 'app-icon-small.svg');
  const appPng = (sizePx) => renderPng(sizePx <= SMALL_APP_ICON_MAX_PX ? small : large, sizePx);
  for (const sizePx of LINUX_ICON_SIZES) await write(`build/icons/${sizePx}x${sizePx}.png`, appPng(sizePx));
  await write('build/icon.ico', buildIco(ICO_SIZES.map((sizePx) => ({ sizePx, png: appPng(sizePx) }))));
  const icns = png2icons.createICNS(renderPng(large, 1024), png2icons.BICUBIC2, 0);
  if (!icns) throw new Error('icons: png2icons could not encode build/icon.icns');
  await write('build/icon.icns', icns);
  return { outDir, files };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const { outDir, files } = await generateIcons();
    console.log(`icons: ${files.length} files written to ${path.relative(process.cwd(), outDir) || '.'}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  }
}
