// Locates a locally installed Electron executable without ever triggering Electron's
// download-on-first-use (Electron >= 42 fetches its binary from GitHub when the package's index
// module is required or its bin runs and no binary is present).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron executable if one is installed, else null. */
export function findElectronBinary() {
  if (process.env.ELECTRON_BINARY && existsSync(process.env.ELECTRON_BINARY))
    return process.env.ELECTRON_BINARY;
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron');
    return existsSync(p) ? p : null;
  }
  if (!rel) return null;
  const p = path.join(pkg, 'dist', rel);
  return existsSync(p) ? p : null;
}

/** Why no binary is there, in one sentence. */
export const NO_ELECTRON_REASON =
  'no Electron binary is installed (node_modules/electron/dist is missing and this machine cannot download it from GitHub); install it where GitHub is reachable (`npx install-electron`), or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron';
