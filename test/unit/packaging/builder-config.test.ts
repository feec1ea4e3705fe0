/**
 * electron-builder.yml: valid against app-builder-lib's own JSON schema (the released 26.17.0
 * scheme.json), and the invariants the app relies on at run time — app id, what gets packed, icons
 * and tray resources that exist, Linux dependencies, tray-only macOS app, update feed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { APP_ID } from '../../../main/electron/app-id.ts';
import { ALL_TRAY_ICON_FILES } from '../../../main/app/icon-names.ts';
import { DEFAULT_OUT_DIR, generateIcons } from '../../../scripts/icons.mjs';

const root = path.resolve(import.meta.dirname, '../../..');

interface FileSet {
  from?: string;
  to?: string;
  filter?: string | string[];
}
interface TargetConfig {
  target: string;
  arch?: string[];
}
/** The parts of the configuration these tests read. */
interface BuilderConfig {
  appId: string;
  productName: string;
  artifactName: string;
  directories: { buildResources: string; output: string };
  files: string[];
  extraResources: FileSet[];
  mac: {
    target: (string | TargetConfig)[];
    category: string;
    icon: string;
    hardenedRuntime: boolean;
    notarize?: boolean;
    extendInfo: Record<string, unknown>;
  };
  win: { target: (string | TargetConfig)[]; icon: string };
  nsis: { oneClick: boolean; perMachine: boolean; createStartMenuShortcut: boolean };
  linux: {
    target: (string | TargetConfig)[];
    category: string;
    icon: string;
    syncDesktopName: boolean;
    maintainer: string;
  };
  deb: { depends: string[] };
  publish: { provider: string; owner: string; repo: string };
}

const rawConfig: unknown = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
const config = rawConfig as BuilderConfig;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown> & {
  name: string;
  version: string;
  main: string;
  desktopName: string;
  productName: string;
  repository: { url: string };
};

/**
 * A validator for app-builder-lib's scheme.json. Quirks: the schema is draft-07 with union types
 * (`"type": ["null", "string"]`) and a non-standard `typeof` keyword on hook options (`"typeof":
 * "function"`); formats are not used.
 */
function schemaValidator(): ValidateFunction {
  const schema = JSON.parse(
    readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
  ) as object;
  const ajv = new Ajv({
    allErrors: true,
    allowUnionTypes: true,
    strictTuples: false,
    validateFormats: false,
  });
  ajv.addKeyword({
    keyword: 'typeof',
    schemaType: 'string',
    validate: (expected: string, data: unknown) => typeof data === expected,
  });
  return ajv.compile(schema);
}

/** electron-builder's reading of `files`: a path is packed when the last pattern that matches it is positive. */
function packed(file: string): boolean {
  let included = false;
  for (const pattern of config.files) {
    const negative = pattern.startsWith('!');
    if (path.posix.matchesGlob(file, negative ? pattern.slice(1) : pattern)) included = !negative;
  }
  return included;
}

function targetNames(targets: (string | TargetConfig)[]): string[] {
  return targets.map((t) => (typeof t === 'string' ? t : t.target));
}

describe('electron-builder.yml schema', () => {
  const validate = schemaValidator();

  test("passes app-builder-lib's own JSON schema", () => {
    const ok = validate(rawConfig);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  });

  test('the schema check catches misplaced keys and wrong types', () => {
    const misplaced = structuredClone(config) as unknown as Record<string, Record<string, unknown>>;
    misplaced.mac = { ...misplaced.mac, LSUIElement: true };
    assert.equal(validate(misplaced), false);
    const wrongType = structuredClone(config) as unknown as Record<string, Record<string, unknown>>;
    wrongType.nsis = { ...wrongType.nsis, oneClick: 'yes' };
    assert.equal(validate(wrongType), false);
  });

  test('is the configuration electron-builder loads: package.json has no `build` key and no other config file exists', () => {
    assert.equal('build' in pkg, false, 'package.json `build` would override electron-builder.yml');
    for (const ext of ['yaml', 'json', 'json5', 'toml', 'js', 'cjs', 'ts']) {
      assert.equal(existsSync(path.join(root, `electron-builder.${ext}`)), false, `electron-builder.${ext}`);
    }
  });
});

describe('electron-builder.yml invariants', () => {
  let outDir = '';
  /** Where a configured path lives when icons are generated into the temporary outDir. */
  const generated = (p: string) => {
    const abs = path.resolve(root, p);
    const rel = path.relative(DEFAULT_OUT_DIR, abs);
    assert.ok(!rel.startsWith('..'), `${p} is expected under assets/generated/`);
    return path.join(outDir, rel);
  };

  before(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'minimax-builder-'));
    await generateIcons({ outDir });
  });
  after(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  test('appId is APP_ID, the id main passes to app.setAppUserModelId', () => {
    assert.equal(config.appId, APP_ID);
    assert.equal(config.productName, 'MiniMax Tray');
    assert.equal(config.productName, pkg.productName);
  });

  test('files packs the built main, preload and renderer and package.json, and no sources, tests or maps', () => {
    for (const file of [
      pkg.main,
      'dist/main/core/types.js',
      'dist/preload/preload.cjs',
      'dist/renderer/index.html',
      'dist/renderer/renderer.js',
      'dist/renderer/styles.css',
      'package.json',
    ]) {
      assert.ok(packed(file), `${file} is not packed`);
    }
    for (const file of [
      'main/electron/app.ts',
      'main/core/types.ts',
      'renderer/index.ts',
      'test/unit/packaging/builder-config.test.ts',
      'dist/main/electron/app.js.map',
      'dist/renderer/renderer.js.map',
      'scripts/build.mjs',
      'assets/svg/tray-idle.svg',
      'assets/generated/build/icon.icns',
      'electron-builder.yml',
      'tsconfig.json',
    ]) {
      assert.ok(!packed(file), `${file} would be packed`);
    }
  });

  test('every icon and resource path exists once icons are generated', () => {
    const buildResources = generated(config.directories.buildResources);
    assert.ok(statSync(buildResources).isDirectory());
    assert.ok(statSync(path.join(buildResources, config.mac.icon)).size > 20_000, 'mac icon');
    assert.ok(statSync(path.join(buildResources, config.win.icon)).size > 5_000, 'win icon');
    const linuxIcons = readdirSync(path.join(buildResources, config.linux.icon));
    assert.ok(linuxIcons.includes('512x512.png') && linuxIcons.includes('16x16.png'), linuxIcons.join(' '));
    assert.ok(
      linuxIcons.every((f) => /^\d+x\d+\.png$/.test(f)),
      'Linux icon names carry their size',
    );
    for (const set of config.extraResources) {
      assert.ok(set.from, 'extraResources entries name their source');
      assert.ok(statSync(generated(set.from)).isDirectory(), `${set.from} exists`);
    }
  });

  test('extraResources ships every tray icon to <resources>/tray/ with its name unchanged', () => {
    const trayResources = config.extraResources.filter((s) => s.to === 'tray');
    assert.equal(trayResources.length, 1);
    const [set] = trayResources;
    assert.ok(set?.from);
    const filters = set.filter === undefined ? ['**/*'] : [set.filter].flat();
    const onDisk = readdirSync(generated(set.from));
    for (const name of ALL_TRAY_ICON_FILES) {
      assert.ok(onDisk.includes(name), `${name} not generated`);
      assert.ok(
        filters.some((f) => path.posix.matchesGlob(name, f)),
        `${name} filtered out`,
      );
    }
    assert.ok(ALL_TRAY_ICON_FILES.some((n) => n.endsWith('Template@2x.png')));
  });

  test('Linux packages depend on libnotify (notifications) and libsecret (keyring) and keep the .desktop name', () => {
    for (const dep of [
      'libnotify4',
      'libsecret-1-0',
      'libgtk-3-0',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
    ]) {
      assert.ok(config.deb.depends.includes(dep), `deb depends lacks ${dep}`);
    }
    assert.deepEqual(targetNames(config.linux.target).sort(), ['AppImage', 'deb', 'rpm']);
    assert.equal(config.linux.category, 'Utility');
    assert.equal(config.linux.syncDesktopName, true);
    assert.match(pkg.desktopName, /^[a-z0-9.-]+\.desktop$/);
    assert.match(config.linux.maintainer, /<[^@>\s]+@[^>\s]+>/, 'deb/rpm need a maintainer with an email');
  });

  test('macOS: tray-only app (LSUIElement), dmg + zip for updates, hardened runtime, notarised only with credentials', () => {
    assert.equal(config.mac.extendInfo.LSUIElement, true);
    assert.deepEqual(targetNames(config.mac.target).sort(), ['dmg', 'zip']);
    assert.equal(config.mac.category, 'public.app-category.productivity');
    assert.equal(config.mac.hardenedRuntime, true);
    assert.notEqual(config.mac.notarize, true, 'notarize: true would fail builds without Apple credentials');
  });

  test('Windows: per-user one-click NSIS with a Start-menu shortcut (needed for toasts)', () => {
    assert.deepEqual(targetNames(config.win.target), ['nsis']);
    assert.equal(config.nsis.oneClick, true);
    assert.equal(config.nsis.perMachine, false);
    assert.equal(config.nsis.createStartMenuShortcut, true);
  });

  test('publishes to the GitHub repository named in package.json, for electron-updater', () => {
    assert.equal(config.publish.provider, 'github');
    const match = /github\.com\/([^/]+)\/([^/.]+)(\.git)?$/.exec(pkg.repository.url);
    assert.ok(match, pkg.repository.url);
    assert.equal(config.publish.owner, match[1]);
    assert.equal(config.publish.repo, match[2]);
  });

  test('artifact names are GitHub-safe and distinct for every target and architecture', () => {
    const builds: [string, string, string][] = [
      ['mac', 'x64', 'dmg'],
      ['mac', 'arm64', 'dmg'],
      ['mac', 'x64', 'zip'],
      ['mac', 'arm64', 'zip'],
      ['win', 'x64', 'exe'],
      ['linux', 'x86_64', 'AppImage'],
      ['linux', 'amd64', 'deb'],
      ['linux', 'x86_64', 'rpm'],
    ];
    const names = builds.map(([os, arch, ext]) =>
      config.artifactName.replace(/\$\{(\w+)\}/g, (_, macro: string) => {
        const values: Record<string, string> = { name: pkg.name, version: pkg.version, os, arch, ext };
        const value = values[macro];
        assert.ok(value !== undefined, `unknown macro \${${macro}} in artifactName`);
        return value;
      }),
    );
    for (const name of names) assert.match(name, /^[0-9A-Za-z._-]+$/);
    assert.equal(new Set(names).size, names.length, names.join(' '));
    assert.ok(names.every((n) => n.includes(pkg.version)));
  });
});
