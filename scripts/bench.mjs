#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --only=polling,parse,renderer,idle,memory] [-- --markdown]`:
// performance benchmarks. Runs bench/run.ts with this same Node (TypeScript by type stripping)
// and --expose-gc; it prints a table of every measurement and target (met / MISSED) and writes
// bench/results.json (git-ignored). `--quick` finishes in under a minute; the full run takes a few
// minutes. Needs /usr/bin/chromium (override with CHROMIUM_PATH) for the renderer benchmarks.
// Exits 1 only when a benchmark crashed; a missed target is reported, not an error.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(
  process.execPath,
  ['--expose-gc', path.join(root, 'bench/run.ts'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
child.on('close', (code, signal) => {
  process.exit(signal ? 1 : (code ?? 1));
});
