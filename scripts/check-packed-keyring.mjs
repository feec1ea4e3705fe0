#!/usr/bin/env node
// Release check: every app electron-builder packed under release/ carries the @napi-rs/keyring
// native binding for its own OS and architecture, outside app.asar (a .node file cannot be loaded
// from inside the archive; electron-builder unpacks each package holding one into
// app.asar.unpacked/). npm installs only the binding of the machine it runs on, so an app packed for
// another architecture (an x64 Mac app built on an Apple silicon runner) would ship without one and
// lose the OS keychain.
//
// Usage: node scripts/check-packed-keyring.mjs [release-dir]   (default: release)
// Prints one line per packed app; exits 1 when a binding is missing or no packed app is found.
//
// Packed apps, as electron-builder names their folders (platformPackager.computeAppOutDir; the x64
// folder has no arch suffix):
//   mac/<name>.app, mac-arm64/<name>.app, mac-universal/<name>.app   → Contents/Resources
//   win-unpacked, win-<arch>-unpacked, linux-unpacked, linux-<arch>-unpacked → resources
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** @napi-rs/keyring's binding package and file for an electron-builder platform and arch. */
function binding(platform, arch) {
  const napiArch = platform === 'linux' && arch === 'armv7l' ? 'arm' : arch;
  const abi = { linux: napiArch === 'arm' ? '-gnueabihf' : '-gnu', win32: '-msvc', darwin: '' }[platform];
  const triple = `${platform}-${napiArch}${abi}`;
  return path.join('@napi-rs', `keyring-${triple}`, `keyring.${triple}.node`);
}

/**
 * The packed apps under `releaseDir`.
 * @returns {{ name: string, platform: 'darwin' | 'win32' | 'linux', archs: string[], resources: string }[]}
 *   `name` is the folder (and app) relative to `releaseDir`
 */
function packedApps(releaseDir) {
  const apps = [];
  for (const entry of readdirSync(releaseDir)) {
    const dir = path.join(releaseDir, entry);
    if (!statSync(dir).isDirectory()) continue;
    const mac = /^mac(?:-(\w+))?$/.exec(entry);
    const other = /^(win|linux)(?:-(\w+))?-unpacked$/.exec(entry);
    if (mac) {
      const archs = mac[1] === 'universal' ? ['x64', 'arm64'] : [mac[1] ?? 'x64'];
      for (const app of readdirSync(dir).filter((f) => f.endsWith('.app'))) {
        const resources = path.join(dir, app, 'Contents', 'Resources');
        apps.push({ name: path.join(entry, app), platform: 'darwin', archs, resources });
      }
    } else if (other) {
      const platform = other[1] === 'win' ? 'win32' : 'linux';
      apps.push({
        name: entry,
        platform,
        archs: [other[2] ?? 'x64'],
        resources: path.join(dir, 'resources'),
      });
    }
  }
  return apps;
}

const releaseDir = path.resolve(process.argv[2] ?? 'release');
if (!existsSync(releaseDir)) {
  console.error(`check-packed-keyring: ${releaseDir} does not exist (run npm run dist first)`);
  process.exit(1);
}
const apps = packedApps(releaseDir);
if (apps.length === 0) {
  console.error(
    `check-packed-keyring: no packed app in ${releaseDir} (no mac*/, win*-unpacked/ or linux*-unpacked/)`,
  );
  process.exit(1);
}
let missing = 0;
for (const app of apps) {
  for (const arch of app.archs) {
    const file = path.join(app.resources, 'app.asar.unpacked', 'node_modules', binding(app.platform, arch));
    const found = existsSync(file) && statSync(file).size > 0;
    if (!found) missing += 1;
    console.log(
      `${found ? 'ok' : 'MISSING'}: ${app.name} (${app.platform}-${arch}) ${found ? 'has' : 'lacks'} ${path.relative(releaseDir, file)}`,
    );
  }
}
if (missing > 0) {
  console.error(
    `check-packed-keyring: ${missing} packed app(s) lack the keychain binding for their own OS and architecture; pack each architecture on a runner of that architecture`,
  );
  process.exit(1);
}
