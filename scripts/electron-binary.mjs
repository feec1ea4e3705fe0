// The Electron executable for `npm run demo`, `npm start` and `npm run test:electron`, installed
// with Electron's own installer when it is missing.
//
// Electron 45's npm package has no install script: `node_modules/electron/install.js` (also
// `npx install-electron`) downloads the binary through @electron/get, unpacks it into
// node_modules/electron/dist and writes path.txt; the package's index.js runs that installer the
// first time the package is required. Our scripts never require the package (a failed download
// there is a thrown error after a stack trace); they run install.js themselves, after one line
// saying what is downloaded from where, and turn its error into one line naming the host tried.
//
// Environment, read as Electron reads it:
//   ELECTRON_OVERRIDE_DIST_PATH  a folder holding the platform's executable (path.txt's entry, as
//                                index.js reads it); when set, the installer is never run
//   ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, ELECTRON_CUSTOM_FILENAME, ELECTRON_CUSTOM_VERSION and
//   their npm_config_electron_* / npm_package_config_electron_* forms, which take precedence
//                                (@electron/get's artifact-utils.js); only used here to say where
//                                the download goes, the installer reads them itself
//   ELECTRON_INSTALL_PLATFORM / ELECTRON_INSTALL_ARCH, npm_config_platform / npm_config_arch
//                                (install.js)
//   MINIMAX_TRAY_ELECTRON_DIR    the electron package to use instead of node_modules/electron;
//                                the tests point it at a copy, never at a developer's install
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout: Electron's app path (package.json `main` is the built entry). */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the installer downloads from when no mirror is set (@electron/get's BASE_URL). */
const GITHUB_RELEASES = 'https://github.com/electron/electron/releases/download/';
const GITHUB_NIGHTLIES = 'https://github.com/electron/nightlies/releases/download/';

/** The electron package directory: MINIMAX_TRAY_ELECTRON_DIR, else node_modules/electron. */
function electronPackageDir() {
  const dir = process.env.MINIMAX_TRAY_ELECTRON_DIR;
  return dir ? path.resolve(dir) : path.join(root, 'node_modules', 'electron');
}

/** The executable's path inside an unpacked Electron, as install.js writes it to path.txt. */
function platformExecutable(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** The platform and arch install.js downloads for (its own rules, Rosetta check included). */
function installTarget() {
  const env = process.env;
  const platform = env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || process.platform;
  let arch = env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || process.arch;
  if (platform === 'darwin' && process.platform === 'darwin' && arch === 'x64' && !env.npm_config_arch) {
    const translated = spawnSync('sysctl', ['-in', 'sysctl.proc_translated'], { encoding: 'utf8' });
    if (translated.stdout?.trim() === '1') arch = 'arm64';
  }
  return { platform, arch: arch === 'arm' ? 'armv7l' : arch };
}

/** @electron/get's `mirrorVar`: .npmrc and package.json config forms win over ELECTRON_*. */
function mirrorVar(name) {
  const env = process.env;
  const snake = name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return (
    env[`npm_config_electron_${name.toLowerCase()}`] ||
    env[`NPM_CONFIG_ELECTRON_${snake.toUpperCase()}`] ||
    env[`npm_config_electron_${snake}`] ||
    env[`npm_package_config_electron_${name}`] ||
    env[`npm_package_config_electron_${snake}`] ||
    env[`ELECTRON_${snake.toUpperCase()}`] ||
    undefined
  );
}

/**
 * What Electron's installer in `packageDir` would download, by @electron/get's rules.
 * @param {string} packageDir the electron package directory
 * @returns {{ version: string, platform: string, arch: string, host: string, mirrorBase: string }}
 *   `version` without the leading v; `host` is the download URL's host (or the base as given when
 *   that is no URL); `mirrorBase` is the base the version folder and file name are appended to
 * @throws Error when the package's package.json cannot be read
 */
function downloadPlan(packageDir) {
  const packageVersion = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
  const version = `v${(mirrorVar('customVersion') || packageVersion).replace(/^v/, '')}`;
  const { platform, arch } = installTarget();
  const mirrorBase = version.includes('nightly')
    ? mirrorVar('nightlyMirror') || GITHUB_NIGHTLIES
    : mirrorVar('mirror') || GITHUB_RELEASES;
  const dir = (mirrorVar('customDir') || version).replace('{{ version }}', version.slice(1));
  const file = mirrorVar('customFilename') || `electron-${version}-${platform}-${arch}.zip`;
  const url = `${mirrorBase}${dir}/${file}`;
  let host;
  try {
    host = new URL(url).host;
  } catch {
    host = mirrorBase;
  }
  return { version: version.slice(1), platform, arch, host, mirrorBase };
}

/**
 * Where the Electron executable is, or would be once installed.
 * @param {string} packageDir the electron package directory
 * @returns {{ binary: string, overrideDir: string | null }} `overrideDir` is
 *   ELECTRON_OVERRIDE_DIST_PATH when set. Like index.js, the executable's relative path comes from
 *   path.txt; without one it is the platform's (index.js would take `electron`, right on Linux only).
 */
function locateElectron(packageDir) {
  const pathFile = path.join(packageDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const relative = recorded || platformExecutable(installTarget().platform);
  const overrideDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || null;
  return { binary: path.join(overrideDir ?? path.join(packageDir, 'dist'), relative), overrideDir };
}

/** The one line of the installer's stderr that says what went wrong (its `err.stack` first line). */
function installerError(stderr, status, signal) {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at ') && !/^\(node:\d+\)|^\(Use `node --trace/.test(l));
  const line = lines.find((l) => /^[\w.]*Error\b/.test(l)) ?? lines.at(-1);
  const text =
    line ?? (signal ? `the installer was killed by ${signal}` : `the installer exited with ${status}`);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/**
 * The Electron executable, running Electron's installer (`<package>/install.js`) first when no
 * binary is installed and ELECTRON_OVERRIDE_DIST_PATH is unset.
 * @param {{ say: (line: string) => void }} options `say` prints the one line announcing a download
 * @returns {{ binary: string } | { binary: null, reason: string }} `reason`: one sentence without a
 *   final period, saying why there is no binary (for a failed download: the installer's error and
 *   the host it tried)
 */
export function ensureElectron({ say }) {
  const packageDir = electronPackageDir();
  const { binary, overrideDir } = locateElectron(packageDir);
  if (existsSync(binary)) return { binary };
  if (overrideDir) {
    return {
      binary: null,
      reason: `ELECTRON_OVERRIDE_DIST_PATH is ${overrideDir}, which holds no ${path.relative(overrideDir, binary)} (it must name a folder holding an unpacked Electron; the installer is not run while it is set)`,
    };
  }
  const plan = downloadPlan(packageDir);
  say(
    `installing Electron ${plan.version} for ${plan.platform}-${plan.arch} with Electron's installer: about 100 MB from ${plan.host}, once (unless Electron's download cache has it)`,
  );
  const result = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], {
    cwd: packageDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error || result.status !== 0) {
    const error = result.error
      ? String(result.error)
      : installerError(result.stderr, result.status, result.signal);
    const slashHint = plan.mirrorBase.endsWith('/') ? '' : ' (a mirror URL must end with /)';
    return { binary: null, reason: `the Electron download from ${plan.host} failed: ${error}${slashHint}` };
  }
  const installed = locateElectron(packageDir).binary;
  if (existsSync(installed)) return { binary: installed };
  return { binary: null, reason: `Electron's installer finished, but ${installed} does not exist` };
}
