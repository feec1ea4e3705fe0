// Shared set-up for the Electron-adapter tests (run on the electron double).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALL_TRAY_ICON_FILES } from '../../../main/app/icon-names.ts';
import { doubleConfig, resetElectronDouble } from '../../support/electron-double.ts';

/** A 1×1 transparent PNG (the double never decodes images; the files only have to exist). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A temp folder. */
export function tempDir(prefix = 'mt-electron-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A fake app folder: every tray icon under assets/generated/tray, a renderer under dist/renderer
 * and a preload bundle, like a built checkout. Returns its path.
 */
export function makeAppDir(): string {
  const dir = tempDir('mt-app-');
  const tray = path.join(dir, 'assets', 'generated', 'tray');
  mkdirSync(tray, { recursive: true });
  // Each file its own bytes (the name after IEND), as real icons differ: the test hooks name an
  // icon by comparing pixels.
  for (const f of ALL_TRAY_ICON_FILES)
    writeFileSync(path.join(tray, f), Buffer.concat([PNG, Buffer.from(f)]));
  const renderer = path.join(dir, 'dist', 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(
    path.join(renderer, 'index.html'),
    '<!doctype html><title>MiniMax Tray</title><div id="app"></div>',
  );
  writeFileSync(path.join(renderer, 'renderer.js'), 'console.log("renderer");');
  writeFileSync(path.join(renderer, 'styles.css'), 'body{margin:0}');
  mkdirSync(path.join(dir, 'dist', 'preload'), { recursive: true });
  writeFileSync(path.join(dir, 'dist', 'preload', 'preload.cjs'), '/* preload */');
  return dir;
}

/** Resets the double and points its app paths at fresh temp folders. Returns the app folder. */
export function freshDouble(): string {
  resetElectronDouble();
  const appDir = makeAppDir();
  doubleConfig.appPath = appDir;
  doubleConfig.pathsRoot = tempDir('mt-paths-');
  return appDir;
}

/** Waits (bounded) until `cond()` holds, yielding to the event loop in between. */
export async function until(cond: () => boolean, what: string, maxTurns = 2000): Promise<void> {
  for (let i = 0; i < maxTurns; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Runs `body` with `process.platform` reporting `platform`, the way electron-menubar and the
 * double read it (our code takes the platform as an option too). Restored afterwards.
 */
export async function withPlatform<T>(platform: NodeJS.Platform, body: () => Promise<T> | T): Promise<T> {
  const original = Object.getOwnPropertyDescriptor(process, 'platform');
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
  try {
    return await body();
  } finally {
    if (original) Object.defineProperty(process, 'platform', original);
  }
}
