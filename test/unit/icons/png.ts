/**
 * A small PNG decoder for the icon tests (no dependency beyond node:zlib): 8-bit greyscale, RGB,
 * palette, grey+alpha and RGBA images, not interlaced — what resvg and png2icons write.
 */
import { inflateSync } from 'node:zlib';

/** A decoded image: `rgba` holds width × height pixels, 4 bytes each (straight, not premultiplied, alpha). */
export interface DecodedPng {
  width: number;
  height: number;
  rgba: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk. @throws Error when `buf` is not a PNG. */
export function pngSize(buf: Buffer): { width: number; height: number } {
  if (buf.length < 24 || !buf.subarray(0, 8).equals(SIGNATURE) || buf.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/**
 * Decodes a PNG to RGBA.
 * @throws Error for anything but a non-interlaced 8-bit image, or a truncated file.
 */
export function decodePng(buf: Buffer): DecodedPng {
  const { width, height } = pngSize(buf);
  const bitDepth = buf[24];
  const colorType = buf[25];
  const interlace = buf[28];
  if (bitDepth !== 8 || interlace !== 0)
    throw new Error(`unsupported PNG: depth ${bitDepth}, interlace ${interlace}`);
  const channelsByType: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
  const channels = colorType === undefined ? undefined : channelsByType[colorType];
  if (channels === undefined) throw new Error(`unsupported PNG colour type ${colorType}`);

  const idat: Buffer[] = [];
  let palette: Buffer | null = null;
  let transparency: Buffer | null = null;
  for (let pos = 8; pos + 8 <= buf.length;) {
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + length);
    if (data.length !== length) throw new Error(`truncated PNG chunk ${type}`);
    if (type === 'IDAT') idat.push(data);
    else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') transparency = data;
    else if (type === 'IEND') break;
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('truncated PNG image data');

  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (pixels[out + x - channels] ?? 0) : 0;
      const b = y > 0 ? (pixels[out - stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (pixels[out - stride + x - channels] ?? 0) : 0;
      const v = line[x] ?? 0;
      let predicted: number;
      if (filter === 0) predicted = 0;
      else if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else throw new Error(`bad PNG filter ${filter}`);
      pixels[out + x] = (v + predicted) & 0xff;
    }
  }

  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = i * channels;
    const d = i * 4;
    const p0 = pixels[s] ?? 0;
    if (colorType === 6) rgba.set(pixels.subarray(s, s + 4), d);
    else if (colorType === 2) rgba.set([p0, pixels[s + 1] ?? 0, pixels[s + 2] ?? 0, 255], d);
    else if (colorType === 4) rgba.set([p0, p0, p0, pixels[s + 1] ?? 0], d);
    else if (colorType === 0) rgba.set([p0, p0, p0, 255], d);
    else {
      if (!palette || p0 * 3 + 2 >= palette.length) throw new Error('PNG palette index out of range');
      rgba.set(
        [palette[p0 * 3] ?? 0, palette[p0 * 3 + 1] ?? 0, palette[p0 * 3 + 2] ?? 0, transparency?.[p0] ?? 255],
        d,
      );
    }
  }
  return { width, height, rgba };
}

/** The RGBA of pixel (x, y). */
export function pixelAt(img: DecodedPng, x: number, y: number): [number, number, number, number] {
  const i = (y * img.width + x) * 4;
  return [img.rgba[i] ?? 0, img.rgba[i + 1] ?? 0, img.rgba[i + 2] ?? 0, img.rgba[i + 3] ?? 0];
}

/** One boolean per pixel: alpha at or above `threshold` (0–255). Used to compare shapes, not colours. */
export function alphaMask(img: DecodedPng, threshold = 128): boolean[] {
  const mask: boolean[] = [];
  for (let i = 3; i < img.rgba.length; i += 4) mask.push((img.rgba[i] ?? 0) >= threshold);
  return mask;
}
