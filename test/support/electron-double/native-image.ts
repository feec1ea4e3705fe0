/**
 * `nativeImage` and `NativeImage`. An image remembers the file it came from (a test helper; real
 * images do not), is empty when that file did not exist, and encodes to the 1x file's bytes, so
 * two images from the same file compare equal by `toPNG()` / `toDataURL()` as in Electron.
 */
import { existsSync, readFileSync } from 'node:fs';
import { recorder, type ElectronPick, type OnlyElectron } from './recorder.ts';

type Representation = { scaleFactor: number; path?: string; buffer?: Buffer; dataURL?: string };

export class NativeImage implements Pick<
  Electron.NativeImage,
  'isEmpty' | 'setTemplateImage' | 'isTemplateImage' | 'addRepresentation' | 'getSize' | 'toPNG' | 'toDataURL'
> {
  /** Test helper: the file it was created from, or null. */
  readonly path: string | null;
  /** Test helper: the representations added, 1x first. */
  readonly representations: Representation[] = [];
  private template = false;
  private readonly empty: boolean;

  constructor(from: { path?: string; empty?: boolean }) {
    this.path = from.path ?? null;
    this.empty = from.empty ?? (from.path ? !existsSync(from.path) : true);
    if (from.path && !this.empty) this.representations.push({ scaleFactor: 1, path: from.path });
  }
  isEmpty(): boolean {
    return this.empty && this.representations.length === 0;
  }
  setTemplateImage(value: boolean): void {
    recorder.record('nativeImage.setTemplateImage', this.path, value);
    this.template = value;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
  addRepresentation(options: Electron.AddRepresentationOptions): void {
    recorder.record('nativeImage.addRepresentation', options);
    this.representations.push({
      scaleFactor: options.scaleFactor ?? 1,
      buffer: options.buffer,
      dataURL: options.dataURL,
    });
  }
  getSize(): Electron.Size {
    return this.isEmpty() ? { width: 0, height: 0 } : { width: 16, height: 16 };
  }
  /** The 1x representation's bytes (its file's, for an image created from a path). */
  toPNG(): Buffer {
    const rep = this.representations.find((r) => r.scaleFactor === 1) ?? this.representations[0];
    if (!rep) return Buffer.alloc(0);
    if (rep.buffer) return rep.buffer;
    if (rep.path) return readFileSync(rep.path);
    return Buffer.alloc(0);
  }
  toDataURL(): string {
    return `data:image/png;base64,${this.toPNG().toString('base64')}`;
  }
}

const _imageOnlyElectron: OnlyElectron<NativeImage, Electron.NativeImage, 'path' | 'representations'> = true;

export const nativeImage = {
  createFromPath(p: string): NativeImage {
    recorder.record('nativeImage.createFromPath', p);
    return new NativeImage({ path: p });
  },
  createEmpty(): NativeImage {
    return new NativeImage({ empty: true });
  },
  createFromBuffer(buffer: Buffer, options?: Electron.CreateFromBufferOptions): NativeImage {
    recorder.record('nativeImage.createFromBuffer', buffer.length, options);
    const image = new NativeImage({ empty: buffer.length === 0 });
    if (buffer.length > 0) image.representations.push({ scaleFactor: 1, buffer });
    return image;
  },
  createFromDataURL(url: string): NativeImage {
    return new NativeImage({ empty: url.length === 0 });
  },
} satisfies ElectronPick<
  typeof Electron.NativeImage,
  'createFromPath' | 'createEmpty' | 'createFromBuffer' | 'createFromDataURL',
  'createFromPath' | 'createEmpty' | 'createFromBuffer' | 'createFromDataURL'
>;
