/**
 * A loopback stand-in for GitHub's Electron releases, for testing the scripts that run Electron's
 * installer (scripts/electron-binary.mjs) without the network and without touching a developer's
 * installed Electron:
 * - {@link copyElectronPackage}: a copy of node_modules/electron (no dist/, no path.txt) whose
 *   dependencies (@electron/get, @electron-internal/extract-zip) resolve to the real ones;
 * - {@link stubElectronZip}: a zip, built in Node with fflate, shaped like Electron's release zip
 *   for this platform, whose "Electron" is a shell script recording its arguments and environment;
 * - {@link startElectronMirror}: an HTTP server on 127.0.0.1 serving that zip and its
 *   SHASUMS256.txt the way @electron/get asks for them (`<mirror>v<version>/<file>`), or 404 for
 *   everything, and recording every request.
 * POSIX only (the stub is a shell script).
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REAL_PACKAGE = path.join(ROOT, 'node_modules', 'electron');

/** The Electron version of the installed package (node_modules/electron/package.json). */
export const ELECTRON_VERSION: string = JSON.parse(
  readFileSync(path.join(REAL_PACKAGE, 'package.json'), 'utf8'),
).version;

/** The executable's place in Electron's release zip for this platform (what path.txt records). */
export const STUB_EXECUTABLE =
  process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';

/** The env var naming the file prefix the stub writes `<prefix>.args` and `<prefix>.env` to. */
export const STUB_RECORD_ENV = 'STUB_ELECTRON_RECORD';

const STUB_SCRIPT = `#!/bin/sh
# Stub "Electron" (test/support/electron-mirror.ts): records how it was started, then exits 0.
printf '%s\\n' "$@" > "$${STUB_RECORD_ENV}.args"
env > "$${STUB_RECORD_ENV}.env"
`;

/** Unix file mode bits for a zip entry (external attributes, made by Unix). */
const EXECUTABLE = { os: 3, attrs: (0o100755 << 16) >>> 0 } as const;

/** The stub "Electron" script on its own (for ELECTRON_OVERRIDE_DIST_PATH folders). */
export const stubScript = (): string => STUB_SCRIPT;

/** A zip shaped like `electron-v<version>-<platform>-<arch>.zip`: the stub executable and `version`. */
export function stubElectronZip(): Uint8Array {
  return zipSync({
    [STUB_EXECUTABLE]: [strToU8(STUB_SCRIPT), EXECUTABLE],
    version: strToU8(ELECTRON_VERSION),
  });
}

/**
 * Copies the electron package (without dist/ and path.txt) to `<parent>/node_modules/electron`,
 * linking its dependencies to the real ones so its install.js runs as the real one would.
 * @returns the copy's directory (for MINIMAX_TRAY_ELECTRON_DIR)
 */
export function copyElectronPackage(parent: string): string {
  const copy = path.join(parent, 'node_modules', 'electron');
  cpSync(REAL_PACKAGE, copy, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(REAL_PACKAGE, src);
      return rel !== 'dist' && !rel.startsWith(`dist${path.sep}`) && rel !== 'path.txt';
    },
  });
  const deps = Object.keys(
    JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8')).dependencies ?? {},
  );
  for (const dep of deps) {
    const link = path.join(parent, 'node_modules', dep);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(realpathSync(path.join(ROOT, 'node_modules', dep)), link, 'dir');
  }
  return copy;
}

/** A running loopback mirror. */
export interface ElectronMirror {
  /** `http://127.0.0.1:<port>/`, with the trailing slash ELECTRON_MIRROR needs. */
  readonly url: string;
  /** `127.0.0.1:<port>`. */
  readonly host: string;
  /** Every request's path, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * Serves {@link stubElectronZip} as `/v<version>/electron-v<version>-<platform>-<arch>.zip` for any
 * arch of this platform, and `/v<version>/SHASUMS256.txt` listing its SHA-256 under those names; or,
 * with `notFound`, answers 404 to everything.
 */
export async function startElectronMirror({ notFound = false } = {}): Promise<ElectronMirror> {
  const zip = stubElectronZip();
  const sha256 = createHash('sha256').update(zip).digest('hex');
  const dir = `/v${ELECTRON_VERSION}/`;
  const names = ['x64', 'arm64'].map(
    (arch) => `electron-v${ELECTRON_VERSION}-${process.platform}-${arch}.zip`,
  );
  const shasums = names.map((name) => `${sha256} *${name}\n`).join('');
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    const file = url.startsWith(dir) ? url.slice(dir.length) : '';
    if (!notFound && names.includes(file)) {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length });
      res.end(zip);
    } else if (!notFound && file === 'SHASUMS256.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(shasums);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not Found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
