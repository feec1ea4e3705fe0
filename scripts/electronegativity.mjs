#!/usr/bin/env node
// Electronegativity (@doyensec/electronegativity 1.10.3) over the code that ships: dist/main/**/*.js,
// the preload bundle and dist/renderer (HTML + JS), plus package.json. Fails (exit 1) on any finding
// of severity MEDIUM or higher that the allow-list below does not explain; exit 2 when the scan
// itself could not run. Builds first (scripts/build.mjs) when dist/ lacks a shipped artifact.
//
//   node scripts/electronegativity.mjs [--dist <dir>] [--out <dir>] [--json]
//
//   --dist <dir>  the build output to scan (default: dist/ of this repository; never built then)
//   --out <dir>   also keep the raw results there (electronegativity.csv, electronegativity.sarif)
//   --json        print a JSON summary (inputs, findings, blocking, allowed) instead of text
//
// How the tool is run, and why:
// - Electronegativity scans only .js/.jsx/.ts/.tsx/.html/.htm (and package files): the preload is a
//   .cjs bundle, so the shipped files are staged in a temp folder with every .cjs/.mjs copied to a
//   .js name, and the summary lists the files the tool's own loader picked up (`inputs`).
// - It is run offline: a `-r` hook refuses outbound HTTP at once. 1.10.3 otherwise fetches
//   translations and Electron's release list on every run; without network, got's retry then
//   crashes the process (p-cancelable "onCancel handler was attached after the promise settled"),
//   and with network the findings would depend on the day (release list, cached in the temp dir,
//   which is therefore a fresh one per run). Offline, the version checks use nothing but the
//   Electron version given with `-e` (from package.json).
// - Its CSV writer races with itself (header written with flag 'w' and rows with 'a', concurrently:
//   seen here, the header overwrote the first row). So the scan also writes SARIF, the CSV is
//   checked against it (same findings by check and file) and re-run if it came out damaged. The
//   CSV is still needed: only it carries severity and confidence.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Severities at or above this fail the check. */
export const FAIL_AT = 'MEDIUM';
const SEVERITY_RANK = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

/**
 * Findings of severity MEDIUM or higher that are reviewed and accepted. Each matches one check in
 * one file, and the exact code line (`sample`), so the same check anywhere else still fails.
 */
export const ALLOW_LIST = [
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/electron/security.js',
    sample: 'await shell.openExternal(safe);',
    reason:
      'openExternalSafely() passes only the result of safeHttpsUrl() (main/core/urls.ts): an absolute https: ' +
      'URL without credentials, at most 4096 characters; anything else returns false before the call.',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/app/links.js',
    sample: 'await system.openExternal(safe);',
    reason:
      'openHttpsLink() (Open result) calls the system port only with safeHttpsUrl(url) (main/core/urls.ts); other ' +
      'URLs are refused with a message. The port is implemented by openExternalSafely(), which checks again.',
  },
  // The normal window (no tray host). The tool looks for the settings in an object literal inside
  // `new BrowserWindow(...)`; here they come from browserWindowOptions(), which it does not follow.
  {
    check: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'main/electron/window.js',
    sample: 'const win = new BrowserWindow(browserWindowOptions(opts.preload, true));',
    reason:
      'False positive: browserWindowOptions() (main/electron/window.ts) sets webPreferences.contextIsolation: ' +
      'true for both window modes; test/unit/electron/window.test.ts "isolated, sandboxed, no Node" asserts it.',
  },
  {
    check: 'SANDBOX_JS_CHECK',
    file: 'main/electron/window.js',
    sample: 'const win = new BrowserWindow(browserWindowOptions(opts.preload, true));',
    reason:
      'False positive: browserWindowOptions() sets webPreferences.sandbox: true and nodeIntegration: false ' +
      '(asserted by test/unit/electron/window.test.ts).',
  },
  {
    check: 'AUXCLICK_JS_CHECK',
    file: 'main/electron/window.js',
    sample: 'const win = new BrowserWindow(browserWindowOptions(opts.preload, true));',
    reason:
      'Auxclick is not disabled, but what a middle click can do is: hardenWebContents() (security.ts) denies ' +
      'every new window (setWindowOpenHandler → deny, https links handed to the browser) and prevents ' +
      'navigation away from app://renderer/index.html (test/unit/electron/security.test.ts).',
  },
];

function parseArgs(argv) {
  const opts = { dist: null, out: null, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--dist') opts.dist = path.resolve(argv[++i] ?? '');
    else if (a === '--out') opts.out = path.resolve(argv[++i] ?? '');
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

/** Files under `dir`, relative, with forward slashes. */
function walk(dir, base = dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(full, base));
    else if (e.isFile()) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

/** True when the default dist/ lacks something that ships. */
function needsBuild(dist) {
  const expected = [['main/cli/bin.ts', 'main/cli/bin.js']];
  if (existsSync(path.join(root, 'main/electron/main.ts'))) expected.push(['', 'main/electron/main.js']);
  if (existsSync(path.join(root, 'main/preload/index.ts'))) expected.push(['', 'preload/preload.cjs']);
  if (existsSync(path.join(root, 'renderer/index.html'))) expected.push(['', 'renderer/index.html']);
  return expected.some(([, built]) => !existsSync(path.join(dist, built)));
}

/**
 * Copies what ships into `stage`: .js and .html/.htm files (source maps and styles are not code);
 * .cjs/.mjs get a .js name so the tool reads them. Returns staged name → dist name.
 */
function stageShippedFiles(dist, stage) {
  const staged = new Map();
  for (const rel of walk(dist)) {
    const ext = path.extname(rel).toLowerCase();
    if (!['.js', '.cjs', '.mjs', '.html', '.htm'].includes(ext)) continue;
    let name = ext === '.cjs' || ext === '.mjs' ? `${rel.slice(0, -ext.length)}.js` : rel;
    if (staged.has(name)) name = `${rel.slice(0, -ext.length)}${ext.replace('.', '-')}.js`;
    mkdirSync(path.dirname(path.join(stage, name)), { recursive: true });
    copyFileSync(path.join(dist, rel), path.join(stage, name));
    staged.set(name, rel);
  }
  copyFileSync(path.join(root, 'package.json'), path.join(stage, 'package.json'));
  staged.set('package.json', 'package.json (repository)');
  return staged;
}

/** Minimal RFC 4180 reader for electronegativity's CSV (quoted fields, `N/A` bare). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const CSV_HEADER = 'issue, severity, confidence, filename, location, sample, description, url';
const CHECK_ID = /^[A-Z0-9_]+_CHECK$/;

/** Findings from the CSV, or null when the file is damaged (see the header comment). */
function readCsvFindings(file) {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  if (!text.startsWith(`${CSV_HEADER}\n`) && !text.startsWith(`${CSV_HEADER}\r\n`)) return null;
  const rows = parseCsv(text.slice(text.indexOf('\n') + 1)).filter((r) => r.length > 1 || r[0] !== '');
  const findings = [];
  for (const r of rows) {
    if (r.length !== 8 || !CHECK_ID.test(r[0]) || !(r[1] in SEVERITY_RANK)) return null;
    const [check, severity, confidence, file, location, sample, description, url] = r;
    findings.push({ check, severity, confidence, file, location, sample, description, url });
  }
  return findings;
}

/** `check|file` of each SARIF result, sorted (the CSV must give the same list). */
function sarifKeys(file) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  return doc.runs[0].results
    .map((r) => {
      const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
      // Global findings have no file: "N/A" in the CSV, "file:///" in SARIF.
      return `${r.ruleId}|${uri === 'file:///' ? 'N/A' : uri}`;
    })
    .sort();
}

function runTool(bin, args, env) {
  const r = spawnSync(process.execPath, ['-r', env.OFFLINE_HOOK, bin, ...args], {
    cwd: root,
    env: { ...process.env, TMPDIR: env.TMPDIR, TEMP: env.TMPDIR, TMP: env.TMPDIR, FORCE_COLOR: '0' },
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    throw new Error(`electronegativity exited with ${r.status}: ${(r.stderr || r.stdout).slice(-2000)}`);
  }
}

/**
 * Runs the scan and classifies the findings.
 * @returns {{ electronegativity: string, electron: string, dist: string, csvAttempts: number, inputs: string[],
 *   preloadScanned: boolean, findings: object[], blocking: object[], allowed: object[],
 *   unusedAllowances: object[] }}
 * @throws Error when the tool cannot run or its output stays unreadable.
 */
export async function scan({ dist = path.join(root, 'dist'), out = null, build = true } = {}) {
  if (build && needsBuild(dist)) {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('the build failed');
  }
  if (!existsSync(dist)) throw new Error(`${dist} does not exist`);
  const pkgDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const bin = path.join(pkgDir, typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.electronegativity);
  const electron = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies.electron;

  const work = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  try {
    const stage = path.join(work, 'app');
    const tmp = path.join(work, 'tmp');
    mkdirSync(tmp);
    const staged = stageShippedFiles(dist, stage);
    const hook = path.join(work, 'offline.cjs');
    writeFileSync(
      hook,
      "'use strict';\n// Refuse outbound HTTP at once, with an error got does not retry.\n" +
        "for (const m of [require('node:http'), require('node:https')]) {\n" +
        "  for (const k of ['request', 'get']) {\n" +
        '    m[k] = () => {\n' +
        "      throw Object.assign(new Error('network disabled for the scan'), { code: 'ERR_SCAN_OFFLINE' });\n" +
        '    };\n  }\n}\n',
    );
    // The tool's own file list: exactly what its directory loader will parse.
    const { list_files: listFiles } = require(path.join(pkgDir, 'dist/util/file.js'));
    const inputs = ((await listFiles(stage)) ?? [])
      .map((f) => path.relative(stage, f).split(path.sep).join('/'))
      .sort();

    const env = { OFFLINE_HOOK: hook, TMPDIR: tmp };
    const common = ['-i', stage, '-r', '-e', electron];
    const sarif = path.join(work, 'electronegativity.sarif');
    runTool(bin, [...common, '-o', sarif], env);
    const expected = sarifKeys(sarif);
    const csv = path.join(work, 'electronegativity.csv');
    let findings = null;
    let csvAttempts = 0;
    for (let attempt = 1; attempt <= 5 && findings === null; attempt++) {
      csvAttempts = attempt;
      rmSync(csv, { force: true });
      runTool(bin, [...common, '-o', csv], env);
      const read = readCsvFindings(csv);
      const keys = read?.map((f) => `${f.check}|${f.file}`).sort();
      if (read !== null && JSON.stringify(keys) === JSON.stringify(expected)) findings = read;
    }
    if (findings === null) throw new Error('electronegativity wrote a damaged CSV five times in a row');
    if (out) {
      mkdirSync(out, { recursive: true });
      copyFileSync(csv, path.join(out, 'electronegativity.csv'));
      copyFileSync(sarif, path.join(out, 'electronegativity.sarif'));
    }
    for (const f of findings) f.shippedAs = staged.get(f.file) ?? f.file;
    const allowed = [];
    const blocking = [];
    const used = new Set();
    for (const f of findings) {
      if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[FAIL_AT]) continue;
      const entry = ALLOW_LIST.find((a) => a.check === f.check && a.file === f.file && a.sample === f.sample);
      if (entry) {
        used.add(entry);
        allowed.push({ ...f, reason: entry.reason });
      } else blocking.push(f);
    }
    return {
      electronegativity: pkg.version,
      electron,
      dist,
      csvAttempts,
      inputs,
      preloadScanned: [...staged].some(([name, from]) => from.endsWith('.cjs') && inputs.includes(name)),
      findings,
      blocking,
      allowed,
      unusedAllowances: ALLOW_LIST.filter((a) => !used.has(a)),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function printText(r) {
  const lines = [
    `electronegativity ${r.electronegativity} on ${r.dist} (Electron ${r.electron}), offline`,
    `scanned ${r.inputs.length} files${r.preloadScanned ? ' (preload bundle included as .js)' : ''}`,
    `findings: ${r.findings.length} (${r.findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[FAIL_AT]).length} at ${FAIL_AT} or above)`,
  ];
  for (const f of r.findings) {
    const mark = r.blocking.includes(f)
      ? 'FAIL '
      : r.allowed.some((a) => a.file === f.file && a.location === f.location)
        ? 'allow'
        : 'info ';
    lines.push(`  ${mark} ${f.severity}/${f.confidence} ${f.check} ${f.shippedAs}:${f.location} ${f.sample}`);
  }
  for (const a of r.allowed) lines.push(`  allowed ${a.check} in ${a.file}: ${a.reason}`);
  for (const u of r.unusedAllowances)
    lines.push(`  warning: allow-list entry no longer matches: ${u.check} ${u.file}`);
  lines.push(
    r.blocking.length
      ? `FAILED: ${r.blocking.length} finding(s) at ${FAIL_AT} or above`
      : 'electronegativity: OK',
  );
  console.log(lines.join('\n'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`electronegativity.mjs: ${e.message}`);
    process.exit(2);
  }
  try {
    const result = await scan({ dist: opts.dist ?? undefined, out: opts.out, build: opts.dist === null });
    if (opts.json) console.log(JSON.stringify(result, null, 2));
    else printText(result);
    process.exit(result.blocking.length > 0 ? 1 : 0);
  } catch (e) {
    console.error(`electronegativity.mjs: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  }
}
