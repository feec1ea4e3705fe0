/**
 * Renders every icon with scripts/icons.mjs into a temporary folder and checks what a user would
 * see: sizes, transparency, monochrome macOS templates, tray states told apart by shape, readable
 * counts, and Windows/macOS icon containers. Also writes test-results/icons/tray-contact-sheet.png
 * for a human to look at.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { ALL_TRAY_ICON_FILES, TRAY_STATES, trayIconFile } from '../../../main/app/icon-names.ts';
import {
  COUNT_LABELS,
  DEFAULT_SVG_DIR,
  ICO_SIZES,
  LINUX_ICON_SIZES,
  generateIcons,
} from '../../../scripts/icons.mjs';
import { alphaMask, decodePng, pixelAt, pngSize } from './png.ts';
import type { DecodedPng } from './png.ts';

const root = path.resolve(import.meta.dirname, '../../..');
let outDir = '';
const cache = new Map<string, DecodedPng>();

async function tray(file: string): Promise<DecodedPng> {
  let img = cache.get(file);
  if (!img) {
    img = decodePng(await readFile(path.join(outDir, 'tray', file)));
    cache.set(file, img);
  }
  return img;
}

function corners(img: DecodedPng): number[] {
  const w = img.width - 1;
  const h = img.height - 1;
  return [pixelAt(img, 0, 0)[3], pixelAt(img, w, 0)[3], pixelAt(img, 0, h)[3], pixelAt(img, w, h)[3]];
}

function countPixels(img: DecodedPng, pred: (p: [number, number, number, number]) => boolean): number {
  let n = 0;
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) if (pred(pixelAt(img, x, y))) n++;
  return n;
}

/** Share of the union of two shapes that only one of them covers (0 = same shape, 1 = disjoint). */
function shapeDistance(a: boolean[], b: boolean[]): number {
  let differ = 0;
  let union = 0;
  a.forEach((v, i) => {
    if (v !== b[i]) differ++;
    if (v || b[i]) union++;
  });
  return union === 0 ? 0 : differ / union;
}

/** WCAG relative luminance of an sRGB colour. */
function luminance([r, g, b]: [number, number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

before(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'minimax-icons-'));
  await generateIcons({ outDir });
});

after(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('tray icons', () => {
  test('every name trayIconFile can return exists, and nothing else is shipped in tray/', async () => {
    const onDisk = (await readdir(path.join(outDir, 'tray'))).sort();
    assert.deepEqual(onDisk, [...ALL_TRAY_ICON_FILES].sort());
    for (const platform of ['darwin', 'win32', 'linux']) {
      for (const state of TRAY_STATES) {
        for (const count of [0, 1, 5, 9, 10, 250]) {
          for (const scale of [1, 1.25, 2]) {
            assert.ok(
              onDisk.includes(trayIconFile(state, count, platform, scale)),
              `${state} ${count} ${platform}`,
            );
          }
        }
      }
    }
  });

  test('1x icons are 16 px and @2x icons 32 px, both with transparent corners and a solid glyph', async () => {
    for (const file of ALL_TRAY_ICON_FILES) {
      const img = await tray(file);
      const size = file.includes('@2x') ? 32 : 16;
      assert.equal(img.width, size, file);
      assert.equal(img.height, size, file);
      assert.deepEqual(corners(img), [0, 0, 0, 0], `${file} corners`);
      const opaque = countPixels(img, (p) => p[3] === 255);
      assert.ok(opaque >= size * size * 0.15, `${file}: only ${opaque} opaque pixels`);
    }
  });

  test('macOS templates are black with alpha only, and the same shape as the coloured icon', async () => {
    for (const state of TRAY_STATES) {
      for (const scale of [1, 2]) {
        const template = await tray(trayIconFile(state, 0, 'darwin', scale));
        const coloured = await tray(trayIconFile(state, 0, 'linux', scale));
        const notBlack = countPixels(template, (p) => p[3] > 0 && (p[0] !== 0 || p[1] !== 0 || p[2] !== 0));
        assert.equal(notBlack, 0, `${state}@${scale}x template has non-black pixels`);
        assert.deepEqual(alphaMask(template, 1), alphaMask(coloured, 1), `${state}@${scale}x shape`);
      }
    }
  });

  test('coloured icons carry a colour (Windows/Linux trays do not recolour them)', async () => {
    for (const state of TRAY_STATES) {
      const img = await tray(trayIconFile(state, 0, 'linux', 1));
      const tinted = countPixels(
        img,
        (p) => p[3] === 255 && Math.max(p[0], p[1], p[2]) - Math.min(p[0], p[1], p[2]) > 20,
      );
      assert.ok(tinted > 0, `${state} has no coloured pixel`);
    }
  });

  test('states differ in shape, not only in colour, at both sizes', async () => {
    const labels = [...TRAY_STATES, 'running with a count'];
    for (const scale of [1, 2]) {
      const masks = await Promise.all([
        ...TRAY_STATES.map(async (s) => alphaMask(await tray(trayIconFile(s, 0, 'darwin', scale)))),
        tray(trayIconFile('running', 4, 'linux', scale)).then((img) => alphaMask(img)),
      ]);
      for (let i = 0; i < masks.length; i++) {
        for (let j = i + 1; j < masks.length; j++) {
          const d = shapeDistance(masks[i] ?? [], masks[j] ?? []);
          assert.ok(
            d >= 0.25,
            `${labels[i]} vs ${labels[j]} at ${scale}x: shapes differ by only ${d.toFixed(2)}`,
          );
        }
      }
    }
  });

  test('count icons: each count looks different, digits are crisp white on the disc with enough contrast', async () => {
    for (const scale of [1, 2]) {
      const size = 16 * scale;
      const seen = new Map<string, string>();
      for (const label of COUNT_LABELS) {
        const file = `running-${label}${scale === 2 ? '@2x' : ''}.png`;
        const img = await tray(file);
        const disc = pixelAt(img, size / 2, Math.round(size * 0.1));
        const white = (p: [number, number, number, number]) => p[0] === 255 && p[1] === 255 && p[2] === 255;
        // Inside the disc every pixel is either the disc colour or pure white: no blurred digit edges.
        const r = size * 0.4;
        let glyph = '';
        for (let y = 0; y < size; y++) {
          for (let x = 0; x < size; x++) {
            if ((x + 0.5 - size / 2) ** 2 + (y + 0.5 - size / 2) ** 2 > r * r) continue;
            const p = pixelAt(img, x, y);
            assert.equal(p[3], 255, `${file} (${x},${y}) is not opaque`);
            assert.ok(
              white(p) || p.every((v, k) => v === disc[k]),
              `${file} (${x},${y}) is blurred: ${p.join(',')}`,
            );
            glyph += white(p) ? '#' : '.';
          }
        }
        const whitePixels = glyph.split('#').length - 1;
        assert.ok(whitePixels >= 12 * scale * scale, `${file}: count glyph too small (${whitePixels} px)`);
        assert.ok(!seen.has(glyph), `${file} looks the same as ${seen.get(glyph)}`);
        seen.set(glyph, file);
        const contrast = 1.05 / (luminance(disc) + 0.05);
        assert.ok(contrast >= 3, `${file}: white on the disc has contrast ${contrast.toFixed(2)} < 3`);
      }
    }
  });
});

describe('app icons', () => {
  test('Linux icon set has every size, square, with transparent corners and an opaque centre', async () => {
    const files = (await readdir(path.join(outDir, 'build/icons'))).sort();
    assert.deepEqual(files, LINUX_ICON_SIZES.map((s) => `${s}x${s}.png`).sort());
    for (const size of LINUX_ICON_SIZES) {
      const img = decodePng(await readFile(path.join(outDir, `build/icons/${size}x${size}.png`)));
      assert.equal(img.width, size);
      assert.equal(img.height, size);
      assert.deepEqual(corners(img), [0, 0, 0, 0], `${size}px corners`);
      assert.equal(pixelAt(img, Math.floor(size / 2), Math.floor(size / 2))[3], 255, `${size}px centre`);
    }
  });

  test('Windows .ico holds PNG images of 16, 20, 24, 32, 40, 48, 64 and 256 px', async () => {
    const ico = await readFile(path.join(outDir, 'build/icon.ico'));
    assert.equal(ico.readUInt16LE(0), 0);
    assert.equal(ico.readUInt16LE(2), 1, 'type 1 = icon');
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + i * 16;
      const declared = ico.readUInt8(entry) || 256;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      assert.ok(offset + length <= ico.length, `entry ${i} runs past the end of the file`);
      const img = decodePng(ico.subarray(offset, offset + length));
      assert.equal(img.width, declared);
      assert.equal(img.height, declared);
      assert.deepEqual(corners(img), [0, 0, 0, 0], `${declared}px corners`);
      sizes.push(declared);
    }
    assert.deepEqual(sizes, [...ICO_SIZES]);
  });

  test('macOS .icns is well formed and carries the 16 to 1024 px images', async () => {
    const icns = await readFile(path.join(outDir, 'build/icon.icns'));
    assert.equal(icns.toString('latin1', 0, 4), 'icns');
    assert.equal(icns.readUInt32BE(4), icns.length);
    assert.ok(icns.length > 20_000, `only ${icns.length} bytes`);
    const pngChunks = new Map<string, number>();
    const types: string[] = [];
    for (let pos = 8; pos < icns.length;) {
      const type = icns.toString('latin1', pos, pos + 4);
      const length = icns.readUInt32BE(pos + 4);
      assert.ok(length >= 8 && pos + length <= icns.length, `chunk ${type} has a bad length`);
      types.push(type);
      const data = icns.subarray(pos + 8, pos + length);
      if (data.subarray(0, 4).toString('latin1') === '\x89PNG') pngChunks.set(type, pngSize(data).width);
      pos += length;
    }
    assert.deepEqual(
      Object.fromEntries(pngChunks),
      { ic11: 32, ic12: 64, ic07: 128, ic13: 256, ic08: 256, ic14: 512, ic09: 512, ic10: 1024 },
      `chunks: ${types.join(' ')}`,
    );
    for (const small of ['is32', 's8mk', 'il32', 'l8mk'])
      assert.ok(types.includes(small), `no ${small} chunk`);
  });
});

describe('generateIcons errors', () => {
  test('a missing SVG source fails with a message naming the file', async () => {
    const svgDir = await mkdtemp(path.join(tmpdir(), 'minimax-svg-'));
    const scratch = await mkdtemp(path.join(tmpdir(), 'minimax-icons-bad-'));
    try {
      for (const f of await readdir(DEFAULT_SVG_DIR)) {
        if (f !== 'tray-paused.svg') await copyFile(path.join(DEFAULT_SVG_DIR, f), path.join(svgDir, f));
      }
      await assert.rejects(generateIcons({ outDir: scratch, svgDir }), /tray-paused\.svg/);
    } finally {
      await rm(svgDir, { recursive: true, force: true });
      await rm(scratch, { recursive: true, force: true });
    }
  });

  test('a tray SVG without a root colour fails with a message naming the file', async () => {
    const svgDir = await mkdtemp(path.join(tmpdir(), 'minimax-svg-'));
    const scratch = await mkdtemp(path.join(tmpdir(), 'minimax-icons-bad-'));
    try {
      for (const f of await readdir(DEFAULT_SVG_DIR))
        await copyFile(path.join(DEFAULT_SVG_DIR, f), path.join(svgDir, f));
      const idle = await readFile(path.join(svgDir, 'tray-idle.svg'), 'utf8');
      await writeFile(path.join(svgDir, 'tray-idle.svg'), idle.replace(/ color="[^"]*"/, ''));
      await assert.rejects(generateIcons({ outDir: scratch, svgDir }), /tray-idle\.svg needs a color/);
    } finally {
      await rm(svgDir, { recursive: true, force: true });
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

describe('contact sheet', () => {
  test('writes test-results/icons/tray-contact-sheet.png with every tray icon, scaled up, on light and dark', async () => {
    const zoomPx = 96;
    const cellW = 2 * (3 * 8 + 2 * zoomPx) + 16;
    const cellH = 24 + zoomPx + 16 + 40;
    const bases = [
      ...TRAY_STATES.map((s) => trayIconFile(s, 0, 'linux', 1)),
      ...TRAY_STATES.map((s) => trayIconFile(s, 0, 'darwin', 1)),
      ...COUNT_LABELS.map((l) => `running-${l}.png`),
    ].map((f) => f.replace(/\.png$/, ''));
    const columns = 5;
    const rows = Math.ceil(bases.length / columns);
    const data = async (f: string) => (await readFile(path.join(outDir, 'tray', f))).toString('base64');
    // Templates are drawn white on the dark panel, as the macOS menu bar does.
    let body =
      '<defs><filter id="white"><feColorMatrix type="matrix" values="0 0 0 0 1  0 0 0 0 1  0 0 0 0 1  0 0 0 1 0"/></filter></defs>';
    for (const [i, base] of bases.entries()) {
      const x0 = (i % columns) * cellW + 8;
      const y0 = Math.floor(i / columns) * cellH + 8;
      const one = await data(`${base}.png`);
      const two = await data(`${base}@2x.png`);
      body += `<text x="${x0}" y="${y0 + 16}" font-size="14" font-family="sans-serif">${base}</text>`;
      for (const [p, bg] of ['#f2f2f2', '#1f1f1f'].entries()) {
        const px = x0 + p * (cellW / 2 - 4);
        const filter = p === 1 && base.endsWith('Template') ? ' filter="url(#white)"' : '';
        body += `<rect x="${px}" y="${y0 + 24}" width="${cellW / 2 - 12}" height="${zoomPx + 56}" fill="${bg}"/>`;
        body += `<g${filter}>`;
        body += `<image x="${px + 8}" y="${y0 + 32}" width="${zoomPx}" height="${zoomPx}" image-rendering="optimizeSpeed" href="data:image/png;base64,${one}"/>`;
        body += `<image x="${px + 16 + zoomPx}" y="${y0 + 32}" width="${zoomPx}" height="${zoomPx}" image-rendering="optimizeSpeed" href="data:image/png;base64,${two}"/>`;
        body += `<image x="${px + 8}" y="${y0 + 40 + zoomPx}" width="16" height="16" href="data:image/png;base64,${one}"/>`;
        body += `<image x="${px + 32}" y="${y0 + 40 + zoomPx}" width="16" height="16" href="data:image/png;base64,${two}"/>`;
        body += `<image x="${px + 56}" y="${y0 + 32 + zoomPx}" width="32" height="32" href="data:image/png;base64,${two}"/>`;
        body += '</g>';
      }
    }
    const width = columns * cellW + 16;
    const height = rows * cellH + 16;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>`;
    const png = new Resvg(svg).render().asPng();
    const sheetDir = path.join(root, 'test-results/icons');
    await mkdir(sheetDir, { recursive: true });
    await writeFile(path.join(sheetDir, 'tray-contact-sheet.png'), png);
    const sheet = decodePng(png);
    assert.equal(sheet.width, width);
    assert.equal(sheet.height, height);
    // The first cell's zoomed 1x icon shows the idle ring: opaque, non-background pixels at its left edge.
    const ringEdge = pixelAt(sheet, 8 + 8 + Math.round(zoomPx * (2.5 / 16)), 8 + 32 + zoomPx / 2);
    assert.notDeepEqual(ringEdge.slice(0, 3), [0xf2, 0xf2, 0xf2]);
  });
});
