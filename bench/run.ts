/**
 * Benchmark runner: `npm run bench` (scripts/bench.mjs starts this file with `--expose-gc`).
 *
 * Usage: `node --expose-gc bench/run.ts [--quick] [--only=polling,parse,renderer,idle,memory] [--markdown]`
 * - `--quick`: fewer seeds and samples, shorter real-time windows; finishes in under a minute.
 * - `--only=…`: run some benchmarks (results.json then holds only those).
 * - `--markdown`: also print the table as Markdown (for bench/PERFORMANCE.md).
 *
 * Each benchmark runs in its own child process (`--child=<name> --out=<file>`), so the heap and
 * JIT state of one never colours another's numbers. The timing-sensitive ones (parse, renderer)
 * run alone, one after the other; then the others run side by side, because their results do
 * not depend on CPU time (polling and the main half of idle run on a fake clock, idle's renderer
 * half counts timers over real time, memory reads heap sizes). The parent prints one table (every
 * target with met / MISSED) and writes bench/results.json. The runner raises its priority
 * (nice −10, when allowed) so that other work on a shared machine disturbs the timings less. Benchmarks never fail the process on a missed
 * target: they report it; a benchmark that crashes makes the exit code 1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo, round, type BenchOptions, type BenchRow, type ConcernResult } from './lib.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Benchmark names, in table order. */
const CONCERNS = ['polling', 'parse', 'renderer', 'idle', 'memory'] as const;
type Concern = (typeof CONCERNS)[number];
/** Niceness the runner asks for (children inherit it): above normal, so other work disturbs less. */
const BENCH_NICENESS = -10;
/** Run alone, one at a time (CPU timings). */
const TIMED: readonly Concern[] = ['parse', 'renderer'];

/**
 * Extra Node/V8 flags per benchmark. memory: V8 flushes the bytecode of functions idle for a few
 * GCs, which shrinks the heap by megabytes between readings for reasons unrelated to our code.
 */
const NODE_FLAGS: Partial<Record<Concern, string[]>> = { memory: ['--no-flush-bytecode'] };

function isConcern(s: string): s is Concern {
  return (CONCERNS as readonly string[]).includes(s);
}

/** Loads and runs one benchmark module in this process. */
async function runConcern(name: Concern, opts: BenchOptions): Promise<ConcernResult> {
  switch (name) {
    case 'polling':
      return (await import('./polling.ts')).runPolling(opts);
    case 'parse':
      return (await import('./parse.ts')).runParse(opts);
    case 'renderer':
      return (await import('./renderer.ts')).runRenderer(opts);
    case 'idle':
      return (await import('./idle.ts')).runIdle(opts);
    case 'memory':
      return (await import('./memory.ts')).runMemory(opts);
  }
}

/** Runs `name` in a child Node process and reads its result file. */
function runChild(name: Concern, quick: boolean, dir: string): Promise<ConcernResult> {
  const out = path.join(dir, `${name}.json`);
  const args = [
    '--expose-gc',
    ...(NODE_FLAGS[name] ?? []),
    path.join(here, 'run.ts'),
    `--child=${name}`,
    `--out=${out}`,
    ...(quick ? ['--quick'] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`benchmark "${name}" exited with ${signal ?? `code ${code}`}`));
        return;
      }
      try {
        resolve(JSON.parse(readFileSync(out, 'utf8')) as ConcernResult);
      } catch (e) {
        reject(new Error(`benchmark "${name}" wrote no readable result: ${String(e)}`));
      }
    });
  });
}

function status(row: BenchRow): string {
  if (row.met === null) return '';
  return row.met ? 'met' : 'MISSED';
}

/** The plain-text table printed at the end of a run. */
function textTable(rows: readonly BenchRow[]): string {
  const head = ['benchmark', 'metric', 'value', 'target', 'status'];
  const cells = rows.map((r) => [r.concern, r.metric, r.value, r.target ?? '', status(r)]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]): string =>
    c
      .map((x, i) => x.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** The same table as Markdown. */
function markdownTable(rows: readonly BenchRow[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|').trim();
  // Indented (detail) rows keep their place under the row above with an arrow.
  const metric = (s: string): string => (s.startsWith('  ') ? `↳ ${esc(s)}` : esc(s));
  const out = ['| Benchmark | Metric | Result | Target | Status |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    out.push(
      `| ${esc(r.concern)} | ${metric(r.metric)} | ${esc(r.value)} | ${esc(r.target ?? '')} | ${status(r)} |`,
    );
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const childArg = argv.find((a) => a.startsWith('--child='))?.slice('--child='.length);
  if (childArg !== undefined) {
    const out = argv.find((a) => a.startsWith('--out='))?.slice('--out='.length);
    if (!isConcern(childArg) || out === undefined) throw new Error(`bad child arguments: ${argv.join(' ')}`);
    const result = await runConcern(childArg, { quick, log });
    writeFileSync(out, JSON.stringify(result));
    return;
  }

  const onlyArg = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const selected = onlyArg === undefined ? [...CONCERNS] : onlyArg.split(',').map((s) => s.trim());
  const unknown = selected.filter((s) => !isConcern(s));
  if (unknown.length > 0) {
    throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${CONCERNS.join(', ')}`);
  }
  const concerns = CONCERNS.filter((c) => selected.includes(c));

  // Other work on a shared machine preempts the timed benchmarks; a higher priority (inherited by
  // the children and Chromium) makes their numbers steadier. Needs privileges; skipped without.
  let niceness = os.getPriority();
  try {
    os.setPriority(BENCH_NICENESS);
    niceness = os.getPriority();
  } catch {
    log(`bench: could not raise the priority (nice ${BENCH_NICENESS}); running at nice ${niceness}`);
  }

  const started = Date.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'minimax-bench-'));
  const results: Partial<Record<Concern, ConcernResult>> = {};
  const failures: string[] = [];
  const one = async (name: Concern): Promise<void> => {
    log(`bench: ${name}${quick ? ' (quick)' : ''} started`);
    const t0 = Date.now();
    try {
      results[name] = await runChild(name, quick, dir);
    } catch (e) {
      failures.push(e instanceof Error ? e.message : String(e));
      log(`bench: ${name} failed: ${String(e)}`);
    }
    log(`bench: ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  const loadBefore = os.loadavg();
  try {
    for (const name of concerns.filter((c) => TIMED.includes(c))) await one(name);
    await Promise.all(concerns.filter((c) => !TIMED.includes(c)).map(one));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const rows = concerns.flatMap((c) => results[c]?.rows ?? []);
  const json: Record<string, unknown> = {
    generatedAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    concerns,
    durationMs: Date.now() - started,
    machine: machineInfo(),
    // Other work on the machine skews the CPU timings (parse, renderer); the numbers are the
    // 1-minute load averages when the run started and ended.
    loadAverage: { atStart: round(loadBefore[0] ?? 0, 2), atEnd: round(os.loadavg()[0] ?? 0, 2) },
    niceness,
  };
  for (const c of concerns) Object.assign(json, results[c]?.summary ?? {});
  json.targets = rows
    .filter((r) => r.met !== null)
    .map((r) => ({ benchmark: r.concern, metric: r.metric, value: r.value, target: r.target, met: r.met }));
  for (const c of concerns) if (results[c]) json[c] = results[c].details;
  if (failures.length > 0) json.failures = failures;
  const resultsPath = path.join(here, 'results.json');
  writeFileSync(resultsPath, `${JSON.stringify(json, null, 2)}\n`);

  const m = machineInfo();
  process.stdout.write(
    `\nMiniMax Tray benchmarks (${quick ? 'quick' : 'full'} run, ${((Date.now() - started) / 1000).toFixed(0)} s) ` +
      `on ${m.cpus} × ${m.model}, ${(m.memory / 2 ** 30).toFixed(0)} GiB, Node ${m.node}, ${m.platform}\n\n`,
  );
  process.stdout.write(`${textTable(rows)}\n\n`);
  if ((loadBefore[0] ?? 0) > m.cpus * 0.5) {
    process.stdout.write(
      `note: the machine was busy (load average ${(loadBefore[0] ?? 0).toFixed(1)} at the start): ` +
        'CPU timings (parse, renderer) may be pessimistic; rerun on a quiet machine.\n',
    );
  }
  if (argv.includes('--markdown')) process.stdout.write(`${markdownTable(rows)}\n\n`);
  const missed = rows.filter((r) => r.met === false).length;
  const met = rows.filter((r) => r.met === true).length;
  process.stdout.write(
    `targets: ${met} met, ${missed} missed; results in ${path.relative(process.cwd(), resultsPath)}\n`,
  );
  if (failures.length > 0) {
    process.stdout.write(`benchmarks that crashed: ${failures.join('; ')}\n`);
    process.exitCode = 1;
  }
}

await main();
