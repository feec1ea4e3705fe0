// Runs scripts/electronegativity.mjs (Electronegativity 1.10.3 over the shipped code) as CI does:
// the shipped build must have no finding of severity MEDIUM or higher outside the reasoned
// allow-list, the preload bundle (a .cjs file the tool would skip) must really be scanned, and a
// build with known-bad settings must fail the check.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';

const SCRIPT = path.resolve('scripts/electronegativity.mjs');

interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  shippedAs: string;
  location: string;
  sample: string;
}

interface ScanSummary {
  electronegativity: string;
  inputs: string[];
  preloadScanned: boolean;
  findings: Finding[];
  blocking: Finding[];
  allowed: (Finding & { reason: string })[];
  unusedAllowances: { check: string; file: string }[];
}

function runScan(args: string[]): { code: number | null; summary: ScanSummary; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, '--json', ...args], { encoding: 'utf8', timeout: 240_000 });
  assert.ok(r.stdout.trim().startsWith('{'), `JSON summary expected; stderr: ${r.stderr}`);
  return { code: r.status, summary: JSON.parse(r.stdout) as ScanSummary, stderr: r.stderr };
}

describe('electronegativity over the shipped code', { timeout: 300_000 }, () => {
  test('no finding of severity MEDIUM or higher outside the reasoned allow-list; the preload is scanned', () => {
    const { code, summary, stderr } = runScan([]);
    assert.equal(summary.electronegativity, '1.10.3');
    assert.deepEqual(
      summary.blocking.map((f) => `${f.severity} ${f.check} ${f.shippedAs}:${f.location} ${f.sample}`),
      [],
    );
    assert.equal(code, 0, stderr);

    assert.ok(existsSync('dist/preload/preload.cjs'), 'the preload bundle was built');
    assert.ok(summary.inputs.includes('preload/preload.js'), 'the preload bundle is among the scanned files');
    assert.equal(summary.preloadScanned, true);
    for (const f of [
      'renderer/index.html',
      'renderer/renderer.js',
      'main/electron/main.js',
      'package.json',
    ]) {
      assert.ok(summary.inputs.includes(f), `${f} scanned`);
    }
    assert.ok(!summary.inputs.some((f) => f.endsWith('.map')), 'source maps are not code');

    for (const a of summary.allowed) assert.ok(a.reason.length >= 40, `${a.check} in ${a.file} has a reason`);
    assert.deepEqual(summary.unusedAllowances, [], 'every allow-list entry still matches a finding');
  });

  test('a build without isolation or web security, and with eval in the preload, fails the check', () => {
    const dist = mkdtempSync(path.join(os.tmpdir(), 'bad-dist-'));
    try {
      mkdirSync(path.join(dist, 'main/electron'), { recursive: true });
      mkdirSync(path.join(dist, 'preload'), { recursive: true });
      mkdirSync(path.join(dist, 'renderer'), { recursive: true });
      writeFileSync(
        path.join(dist, 'main/electron/main.js'),
        "import { BrowserWindow } from 'electron';\n" +
          'export const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false } });\n',
      );
      writeFileSync(
        path.join(dist, 'preload/preload.cjs'),
        "'use strict';\nwindow.addEventListener('hashchange', () => eval('run(' + location.hash.slice(1) + ')'));\n",
      );
      writeFileSync(path.join(dist, 'renderer/index.html'), '<!doctype html><html><body></body></html>\n');

      const { code, summary } = runScan(['--dist', dist]);
      assert.equal(code, 1, 'the check fails');
      const blocking = summary.blocking.map((f) => `${f.check} ${f.shippedAs}`);
      for (const expected of [
        'CONTEXT_ISOLATION_JS_CHECK main/electron/main.js',
        'WEB_SECURITY_JS_CHECK main/electron/main.js',
        'LIMIT_NAVIGATION_GLOBAL_CHECK N/A',
      ]) {
        assert.ok(blocking.includes(expected), `${expected} in:\n${blocking.join('\n')}`);
      }
      assert.ok(
        blocking.includes('DANGEROUS_FUNCTIONS_JS_CHECK preload/preload.cjs'),
        'a finding inside the .cjs preload is reported against it',
      );
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
