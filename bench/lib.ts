/**
 * Shared helpers of the benchmarks (`npm run bench`): statistics, timing loops, table rows and
 * machine facts. Nothing here asserts anything: benchmarks report numbers and whether each target
 * is met; they never fail a test run.
 */
import os from 'node:os';

/** Options every benchmark module receives from bench/run.ts. */
export interface BenchOptions {
  /** `--quick`: fewer seeds, samples and a shorter real-time window; the whole run < 1 min. */
  quick: boolean;
  /** Progress lines go here (stderr), so stdout keeps only the table. */
  log: (line: string) => void;
}

/** One line of the printed table: a measured number, and its target when it has one. */
export interface BenchRow {
  /** Which benchmark, e.g. "polling". */
  concern: string;
  /** What was measured, e.g. "requests vs fixed 5 s". */
  metric: string;
  /** The measured value, formatted with its unit. */
  value: string;
  /** The target in words, e.g. "≤ 25 %", or null for an informational row. */
  target: string | null;
  /** Whether the target is met; null for an informational row. */
  met: boolean | null;
}

/** What one benchmark module returns: table rows, headline numbers, and every detail measured. */
export interface ConcernResult {
  rows: BenchRow[];
  /** Headline numbers merged into the top level of bench/results.json. */
  summary: Record<string, unknown>;
  /** Everything else measured, stored under the concern's name in bench/results.json. */
  details: Record<string, unknown>;
}

/** Median of `values` (NaN for an empty list). Does not modify the input. */
export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/**
 * The `p` quantile (0–1) of `values`, by linear interpolation between closest ranks
 * (NaN for an empty list). Does not modify the input.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(1, Math.max(0, p)) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (rank - lo);
}

/**
 * Times several functions the way a microbenchmark should: warm each up for `warmupMs`, find for
 * each how many calls make one sample last at least `minSampleMs`, then take `samples` rounds, each
 * round timing one sample of every function in turn (interleaving spreads machine noise and
 * thermal drift evenly over them).
 * @returns per function name, the time of ONE call in each sample, in milliseconds.
 */
export function sampleInterleaved(
  fns: Readonly<Record<string, () => unknown>>,
  opts: { samples: number; warmupMs: number; minSampleMs: number },
): Record<string, number[]> {
  const batches: Record<string, number> = {};
  for (const [name, fn] of Object.entries(fns)) {
    const warmEnd = performance.now() + opts.warmupMs;
    let calls = 0;
    do {
      fn();
      calls++;
    } while (performance.now() < warmEnd || calls < 3);
    let batch = 1;
    for (;;) {
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) fn();
      const took = performance.now() - t0;
      if (took >= opts.minSampleMs || batch >= 1 << 20) break;
      batch = Math.max(batch * 2, Math.ceil((batch * opts.minSampleMs) / Math.max(took, 0.001)));
    }
    batches[name] = batch;
  }
  const out: Record<string, number[]> = {};
  for (let s = 0; s < opts.samples; s++) {
    for (const [name, fn] of Object.entries(fns)) {
      const batch = batches[name] ?? 1;
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) fn();
      (out[name] ??= []).push((performance.now() - t0) / batch);
    }
  }
  return out;
}

/** Formats milliseconds with a sensible precision: "0.042 ms", "3.1 ms", "4.71 s", "44.2 s". */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (Math.abs(ms) >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (Math.abs(ms) >= 1_000) return `${(ms / 1000).toFixed(2)} s`;
  if (Math.abs(ms) >= 100) return `${ms.toFixed(0)} ms`;
  if (Math.abs(ms) >= 10) return `${ms.toFixed(1)} ms`;
  if (Math.abs(ms) >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

/** Formats a byte count as "512 B", "12.3 KiB" or "4.56 MiB" (negative values keep their sign). */
export function fmtBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs < 1024) return `${Math.round(bytes)} B`;
  if (abs < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

/** Formats a ratio as a percentage with one decimal: 0.188 → "18.8 %". */
export function fmtPct(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}

/** Formats an integer with thousands separators: 17486 → "17,486". */
export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Rounds to `digits` decimals for results.json (keeps it readable, NaN stays NaN → null in JSON). */
export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Facts about the machine the numbers came from (results.json `machine`). */
export interface MachineInfo {
  cpus: number;
  model: string;
  /** Total memory in bytes. */
  memory: number;
  node: string;
  platform: string;
}

/** The machine this process runs on. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model.trim() ?? 'unknown',
    memory: os.totalmem(),
    node: process.version,
    platform: `${process.platform} ${os.release()} ${process.arch}`,
  };
}

/**
 * Forces full garbage collections (needs `node --expose-gc`; scripts/bench.mjs passes it) and
 * returns the used heap in bytes afterwards.
 * @throws Error when global.gc is not exposed.
 */
export async function gcHeapUsed(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') throw new Error('global.gc is missing: run node with --expose-gc');
  // Several passes with a turn of the event loop between: weak references and finalizers settle.
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage().heapUsed;
}
