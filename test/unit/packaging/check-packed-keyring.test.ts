/**
 * scripts/check-packed-keyring.mjs, the release workflow's check that every packed app carries the
 * @napi-rs/keyring binding for its own OS and architecture, run on fake release/ trees laid out as
 * electron-builder lays out its unpacked apps.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SCRIPT = path.join(ROOT, 'scripts', 'check-packed-keyring.mjs');
const run = promisify(execFile);
const keyringPackages = Object.keys(
  JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@napi-rs/keyring/package.json'), 'utf8'))
    .optionalDependencies,
);

async function check(releaseDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRIPT, releaseDir], { timeout: 20_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('check-packed-keyring', () => {
  let release: string;
  beforeEach(() => {
    release = mkdtempSync(path.join(tmpdir(), 'minimax-release-'));
  });
  afterEach(() => rmSync(release, { recursive: true, force: true }));

  /** Puts binding package `pkg` (e.g. keyring-darwin-x64) with its .node file into `resources`. */
  function addBinding(resources: string, pkg: string): void {
    assert.ok(keyringPackages.includes(`@napi-rs/${pkg}`), `@napi-rs/keyring has no ${pkg}`);
    const dir = path.join(resources, 'app.asar.unpacked', 'node_modules', '@napi-rs', pkg);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${pkg.replace('keyring-', 'keyring.')}.node`), 'native code');
  }
  const macResources = (folder: string) =>
    path.join(release, folder, 'MiniMax Tray.app', 'Contents', 'Resources');

  test('passes a Linux app packed with the binding npm installed (the real package, copied)', async () => {
    const resources = path.join(release, 'linux-unpacked', 'resources');
    mkdirSync(path.join(resources, 'app.asar.unpacked', 'node_modules', '@napi-rs'), { recursive: true });
    cpSync(
      path.join(ROOT, 'node_modules/@napi-rs/keyring-linux-x64-gnu'),
      path.join(resources, 'app.asar.unpacked/node_modules/@napi-rs/keyring-linux-x64-gnu'),
      { recursive: true },
    );
    writeFileSync(path.join(resources, 'app.asar'), 'archive');
    const result = await check(release);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^ok: linux-unpacked \(linux-x64\)/m);
  });

  test('fails an x64 Mac app that carries only the arm64 binding (packed on an Apple silicon runner)', async () => {
    addBinding(macResources('mac-arm64'), 'keyring-darwin-arm64');
    addBinding(macResources('mac'), 'keyring-darwin-arm64');
    const result = await check(release);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^ok: mac-arm64\/MiniMax Tray\.app \(darwin-arm64\)/m);
    assert.match(
      result.stdout,
      /^MISSING: mac\/MiniMax Tray\.app \(darwin-x64\) lacks .*keyring-darwin-x64/m,
    );
    assert.match(result.stderr, /1 packed app\(s\) lack the keychain binding/);
  });

  test('passes x64 and arm64 Mac apps that each carry their own binding', async () => {
    addBinding(macResources('mac-arm64'), 'keyring-darwin-arm64');
    addBinding(macResources('mac'), 'keyring-darwin-x64');
    const result = await check(release);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(result.stdout.match(/^ok: /gm)?.length, 2);
  });

  test('a universal Mac app needs both bindings', async () => {
    addBinding(macResources('mac-universal'), 'keyring-darwin-arm64');
    const result = await check(release);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^MISSING: mac-universal\/MiniMax Tray\.app \(darwin-x64\)/m);
  });

  test('fails a Windows app whose binding is for another architecture, or is not unpacked from the asar', async () => {
    addBinding(path.join(release, 'win-unpacked', 'resources'), 'keyring-win32-arm64-msvc');
    const packedOnly = path.join(release, 'win-arm64-unpacked', 'resources');
    mkdirSync(packedOnly, { recursive: true });
    writeFileSync(path.join(packedOnly, 'app.asar'), 'node_modules/@napi-rs/keyring-win32-arm64-msvc/…');
    const result = await check(release);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^MISSING: win-unpacked \(win32-x64\) lacks .*keyring-win32-x64-msvc/m);
    assert.match(result.stdout, /^MISSING: win-arm64-unpacked \(win32-arm64\)/m);
  });

  test('fails when there is no packed app at all (a check that cannot pass vacuously)', async () => {
    writeFileSync(path.join(release, 'minimax-tray-0.1.0-linux-x86_64.AppImage'), 'image');
    const result = await check(release);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no packed app/);
  });
});
