// File names of saved results: safe on Windows, macOS and Linux, bounded in bytes, never reused.
process.env.TZ = 'UTC';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  MAX_NAME_BYTES,
  numberedName,
  resultExtension,
  resultFileName,
  safeNamePart,
  truncateBytes,
} from '../../../../main/core/results/file-name.ts';
import { downloadableUrl } from '../../../../main/core/results/result-url.ts';

const AT = Date.UTC(2026, 2, 14, 9, 30, 12);
const base = {
  finishedAtMs: AT,
  localId: '1000000',
  kind: 'video' as const,
  url: 'https://cdn.example/v/1.mp4',
};

describe('result file names', () => {
  test('date, time, the first eight words and the id, with the URL’s extension', () => {
    assert.equal(
      resultFileName({ ...base, prompt: 'Close-up of a hummingbird drinking from a flower, slow motion' }),
      '2026-03-14 09-30 Close-up of a hummingbird drinking from a flower, 1000000.mp4',
    );
    assert.equal(resultFileName({ ...base, prompt: null }), '2026-03-14 09-30 1000000.mp4');
    assert.equal(
      resultFileName({ ...base, kind: 'image', prompt: 'Lake', url: 'https://cdn.example/i/1.PNG?sig=1' }),
      '2026-03-14 09-30 Lake 1000000.png',
    );
  });

  test('Windows device names are never a name on their own', () => {
    for (const reserved of ['CON', 'con', 'PRN', 'AUX', 'NUL', 'COM1', 'LPT9', 'nul.mp4', 'CON .txt']) {
      const part = safeNamePart(reserved, 64);
      assert.doesNotMatch(part, /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i, `${reserved} → ${part}`);
    }
  });

  test('path separators, "..", reserved characters, controls and bidi overrides are removed', () => {
    assert.equal(safeNamePart('../../etc/passwd', 64), 'etc passwd');
    assert.equal(safeNamePart('..', 64), '');
    assert.equal(safeNamePart('a\\b/c:d*e?f"g<h>i|j', 64), 'a b c d e f g h i j');
    assert.equal(safeNamePart('bell\u0007 tab\t nl\n', 64), 'bell tab nl');
    assert.equal(safeNamePart('photo\u202Egnp.exe', 64), 'photo gnp.exe');
    assert.equal(safeNamePart('zero\u200Bwidth', 64), 'zero width');
    assert.equal(safeNamePart('-rf --no-preserve-root', 64), 'rf --no-preserve-root');
    assert.equal(safeNamePart('trailing dots...   ', 64), 'trailing dots');
    assert.equal(safeNamePart('.hidden', 64), 'hidden');
  });

  test('lengths are counted in UTF-8 bytes and cut between graphemes', () => {
    assert.equal(truncateBytes('aé', 2), 'a'); // é is 2 bytes
    assert.equal(truncateBytes('ab👍🏽', 6), 'ab'); // the emoji with its skin tone is 8 bytes
    const long = resultFileName({
      ...base,
      prompt: '日本語のプロンプト'.repeat(40),
      localId: '9'.repeat(300),
    });
    assert.ok(Buffer.byteLength(long) <= MAX_NAME_BYTES - 10, `${Buffer.byteLength(long)} bytes`);
    assert.ok(Buffer.byteLength(numberedName(long, 999)) <= MAX_NAME_BYTES);
    assert.ok(long.endsWith('.mp4'));
  });

  test('NFC: the same prompt typed decomposed or composed gives the same name', () => {
    assert.equal(safeNamePart('Cafe\u0301', 64), safeNamePart('Caf\u00e9', 64));
  });

  test('suffixes go before the extension', () => {
    assert.equal(numberedName('a b.mp4', 1), 'a b.mp4');
    assert.equal(numberedName('a b.mp4', 2), 'a b (2).mp4');
    assert.equal(numberedName('noext', 3), 'noext (3)');
  });

  test('an unknown or missing extension falls back to the kind', () => {
    assert.equal(resultExtension('https://x/y.exe', 'video'), 'mp4');
    assert.equal(resultExtension('https://x/y', 'image'), 'png');
    assert.equal(resultExtension('not a url', 'image'), 'png');
    assert.equal(resultExtension('https://x/y.webm', 'video'), 'webm');
  });
});

describe('downloadable result URLs', () => {
  test('https anywhere, http only to this machine, never credentials', () => {
    assert.equal(downloadableUrl('https://cdn.example/a.mp4'), 'https://cdn.example/a.mp4');
    assert.equal(downloadableUrl('http://127.0.0.1:8080/a.mp4'), 'http://127.0.0.1:8080/a.mp4');
    assert.equal(downloadableUrl('http://localhost/a.mp4'), 'http://localhost/a.mp4');
    assert.equal(downloadableUrl('http://cdn.example/a.mp4'), null);
    assert.equal(downloadableUrl('https://user:pw@cdn.example/a.mp4'), null);
    assert.equal(downloadableUrl('file:///etc/passwd'), null);
    assert.equal(downloadableUrl('ftp://cdn.example/a.mp4'), null);
    assert.equal(downloadableUrl(`https://cdn.example/${'a'.repeat(5000)}`), null);
  });
});
