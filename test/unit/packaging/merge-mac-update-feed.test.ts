/**
 * scripts/merge-mac-update-feed.mjs: the release workflow packs each Mac architecture on its own
 * runner, and each run writes a latest-mac.yml listing only its own files; the merged feed must
 * offer both, or one architecture's users are updated to the other's build (or not at all).
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const SCRIPT = path.resolve(import.meta.dirname, '../../../scripts/merge-mac-update-feed.mjs');
const run = promisify(execFile);

/** A latest-mac.yml as electron-builder writes it for one architecture. */
function feed(
  arch: string,
  { version = '0.2.0', date = '2026-03-01T10:00:00.000Z', sha = arch } = {},
): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: minimax-tray-${version}-mac-${arch}.zip`,
    `    sha512: zip-${sha}`,
    '    size: 100',
    `  - url: minimax-tray-${version}-mac-${arch}.dmg`,
    `    sha512: dmg-${sha}`,
    '    size: 120',
    `path: minimax-tray-${version}-mac-${arch}.zip`,
    `sha512: zip-${sha}`,
    `releaseDate: '${date}'`,
    '',
  ].join('\n');
}

describe('merge-mac-update-feed', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'minimax-feed-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function merge(...feeds: string[]): Promise<{ code: number; stderr: string; out: string }> {
    const inputs = feeds.map((text, i) => {
      const file = path.join(dir, `in-${i}.yml`);
      writeFileSync(file, text);
      return file;
    });
    const out = path.join(dir, 'latest-mac.yml');
    try {
      await run(process.execPath, [SCRIPT, out, ...inputs], { timeout: 20_000 });
      return { code: 0, stderr: '', out };
    } catch (err) {
      const e = err as { code?: number; stderr?: string };
      return { code: e.code ?? -1, stderr: e.stderr ?? '', out };
    }
  }

  test('lists both architectures, legacy path from the x64 build, the later release date', async () => {
    const result = await merge(feed('arm64', { date: '2026-03-01T10:05:00.000Z' }), feed('x64'));
    assert.equal(result.code, 0, result.stderr);
    const merged = parse(readFileSync(result.out, 'utf8'));
    assert.deepEqual(merged.files.map((f: { url: string }) => f.url).sort(), [
      'minimax-tray-0.2.0-mac-arm64.dmg',
      'minimax-tray-0.2.0-mac-arm64.zip',
      'minimax-tray-0.2.0-mac-x64.dmg',
      'minimax-tray-0.2.0-mac-x64.zip',
    ]);
    assert.equal(merged.version, '0.2.0');
    assert.equal(merged.path, 'minimax-tray-0.2.0-mac-x64.zip');
    assert.equal(merged.sha512, 'zip-x64');
    assert.equal(merged.releaseDate, '2026-03-01T10:05:00.000Z');
  });

  test('refuses feeds of two versions', async () => {
    const result = await merge(feed('arm64', { version: '0.2.0' }), feed('x64', { version: '0.1.9' }));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /version 0\.1\.9/);
  });

  test('refuses one file listed with two checksums', async () => {
    const result = await merge(feed('x64'), feed('x64', { sha: 'other' }));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /two checksums/);
  });
});
