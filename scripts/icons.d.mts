// Types for scripts/icons.mjs, so TypeScript tests and tools can import it.

/** Default output folder: assets/generated/ in the repository. */
export declare const DEFAULT_OUT_DIR: string;
/** Default folder holding the SVG sources (assets/svg/). */
export declare const DEFAULT_SVG_DIR: string;
/** Tray states, one `tray-<state>.svg` each. */
export declare const TRAY_STATES: readonly string[];
/** Count labels drawn into `running-<label>` icons: '1'..'9', '9plus'. */
export declare const COUNT_LABELS: readonly string[];
/** Edge lengths (px) of the Linux app icons in build/icons/. */
export declare const LINUX_ICON_SIZES: readonly number[];
/** Edge lengths (px) of the images inside build/icon.ico. */
export declare const ICO_SIZES: readonly number[];

/** The SVG of a `running-<label>` icon (label '1'..'9' or '9plus'). Throws on a malformed template. */
export declare function countSvg(template: string, label: string): string;
/** The SVG with its root `color` replaced. Throws when the root has no `color` attribute. */
export declare function recolor(svg: string, color: string, name: string): string;
/** Renders an SVG to a `sizePx` x `sizePx` 8-bit RGBA PNG. */
export declare function renderPng(svg: string, sizePx: number): Buffer;
/** Packs square PNGs (1..256 px) into a Windows .ico with PNG entries. */
export declare function buildIco(images: { sizePx: number; png: Buffer }[]): Buffer;

/**
 * Renders every tray and app icon into `<outDir>/tray/` and `<outDir>/build/` (both cleared first).
 * `outDir` defaults to assets/generated/, `svgDir` to assets/svg/. Resolves to the written files,
 * relative to outDir with `/` separators. Rejects with a message naming the file when a source is
 * missing or malformed.
 */
export declare function generateIcons(options?: {
  outDir?: string;
  svgDir?: string;
}): Promise<{ outDir: string; files: string[] }>;
