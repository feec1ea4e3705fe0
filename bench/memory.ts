/**
 * Benchmark 5 — memory under steady job churn.
 *
 * A real {@link JobMonitor} and {@link UseapiClient} on a {@link FakeClock}, polling every 5 s
 * (fixed mode, so one poll per cycle), against a churn model served through an in-process axios
 * adapter: at every cycle one job starts and the oldest of the {@link RUNNING_JOBS} running jobs
 * leaves the scheduler, final, so each cycle is one GET /scheduler/ and one GET /videos|images/{id},
 * and one job-finished. (The {@link Simulator} is not used here: its job table keeps every job
 * ever submitted, which would be measured as our growth. Everything of ours — client, normaliser,
 * tracker, ledger, scheduler, events — runs as in the app; only the socket is skipped.)
 *
 * A throwaway monitor runs {@link WARMUP_CYCLES} cycles first (one-time JIT compilation is not
 * growth); bytecode flushing is off in this benchmark's process (`--no-flush-bytecode`, set by
 * bench/run.ts), as V8 otherwise drops the bytecode of idle functions between readings and the
 * heap shrinks by megabytes for reasons that have nothing to do with us.
 * The used heap is read after full GCs (`--expose-gc`) at several cycle counts. The growth from
 * cycle 100 to cycle 10,000 must stay within the ledger bound: the heap that a tracker at the
 * ledger's caps retains (history {@link HISTORY_MAX_ENTRIES} jobs, {@link ANNOUNCED_MAX_IDS}
 * announced ids), measured in the same process. The slope over the last half (caps long reached)
 * shows whether anything still grows.
 *
 * The full run saves the ledger to a real file in a temporary folder on every change (atomic
 * write, fsync, rename), as the app does; `--quick` keeps the ledger in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { UseapiClient } from '../main/core/api/client.ts';
import { FakeClock } from '../main/core/clock.ts';
import { JobTracker } from '../main/core/jobs/tracker.ts';
import { ANNOUNCED_MAX_IDS, HISTORY_MAX_ENTRIES, type LedgerState } from '../main/core/ledger/ledger.ts';
import { JobMonitor } from '../main/core/monitor/job-monitor.ts';
import type { FinishedJob } from '../main/core/types.ts';
import {
  fmtBytes,
  fmtInt,
  gcHeapUsed,
  round,
  type BenchOptions,
  type BenchRow,
  type ConcernResult,
} from './lib.ts';

/** Jobs running at any time in the churn model. */
export const RUNNING_JOBS = 10;
/** Poll interval and job arrival period of the churn model (ms). */
export const CYCLE_MS = 5_000;
/** Cycle counts at which the heap is read; the target compares the last with the first. */
export const CHECKPOINTS: readonly number[] = [100, 1_000, 2_500, 5_000, 7_500, 10_000];
/** Cycles of the throwaway warm-up run before the measured one. */
export const WARMUP_CYCLES = 1_000;

const API_BASE = 'https://api.useapi.net/v1/minimax';
const TOKEN = 'user:1000-benchmarktoken';
const PROMPT = 'A red fox runs through fresh snow at dawn, cinematic';

/** Job `j` of the churn model: id, kind and times. */
function churnJob(
  j: number,
  t0: number,
): { id: string; kind: 'video' | 'image'; startMs: number; leaveMs: number } {
  const kind = j % 3 === 2 ? 'image' : 'video';
  return {
    id: `user:1000-minimax:${100001 + (j % 2)}-${kind}:${1_000_000 + j}`,
    kind,
    startMs: t0 + j * CYCLE_MS,
    leaveMs: t0 + (j + RUNNING_JOBS) * CYCLE_MS,
  };
}

function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * An axios adapter answering like useapi.net for the churn model (see the module docs), from the
 * fake clock. Unknown paths answer 404 `{"error":"Not found.","code":404}`.
 */
function churnAdapter(clock: FakeClock, t0: number): AxiosAdapter {
  return (config: InternalAxiosRequestConfig) => {
    const now = clock.now();
    const url = new URL(config.url ?? '', API_BASE);
    const rel = url.pathname.replace(/^\/v1\/minimax/, '');
    let status = 200;
    let body: unknown;
    if (rel === '/scheduler/') {
      const current = Math.floor((now - t0) / CYCLE_MS);
      const items: unknown[] = [];
      for (let j = Math.max(0, current - RUNNING_JOBS + 1); j <= current; j++) {
        const job = churnJob(j, t0);
        items.push({
          [job.kind === 'video' ? 'videoId' : 'imageId']: job.id,
          started: new Date(job.startMs).toISOString(),
          elapsed: elapsed(now - job.startMs),
          replyRef: `ref-${j}`,
        });
      }
      body = items;
    } else {
      const m = /^\/(videos|images)\/([^/]+)$/.exec(rel);
      const id = m?.[2] === undefined ? '' : decodeURIComponent(m[2]);
      const j = Number(/:(\d+)$/.exec(id)?.[1] ?? Number.NaN) - 1_000_000;
      if (!Number.isInteger(j) || j < 0) {
        status = 404;
        body = { error: 'Not found.', code: 404 };
      } else {
        const job = churnJob(j, t0);
        const done = now >= job.leaveMs;
        const cdn = `https://cdn.example.invalid/${job.kind}/${j}`;
        body = {
          id: String(j),
          desc: PROMPT,
          ...(done
            ? { coverURL: `${cdn}-cover.jpg`, videoURL: `${cdn}.mp4`, downloadURL: `${cdn}.mp4` }
            : {}),
          status: done ? 2 : 1,
          statusLabel: done ? 'completed' : 'processing',
          statusFinal: done,
          message: '',
          percent: done ? 100 : 50,
          [job.kind === 'video' ? 'videoId' : 'imageId']: job.id,
        };
      }
    }
    const response: AxiosResponse<string> = {
      data: JSON.stringify(body),
      status,
      statusText: status === 200 ? 'OK' : 'Not Found',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      config,
      request: {},
    };
    return Promise.resolve(response);
  };
}

/** A ledger state at its caps, shaped like what the churn produces. */
function fullLedgerState(nowMs: number): LedgerState {
  const history: FinishedJob[] = [];
  for (let i = 0; i < HISTORY_MAX_ENTRIES; i++) {
    const job = churnJob(50_000 + i, nowMs - 10 * 3_600_000);
    const cdn = `https://cdn.example.invalid/${job.kind}/${50_000 + i}`;
    history.push({
      id: job.id,
      kind: job.kind,
      account: String(100001 + (i % 2)),
      outcome: 'succeeded',
      resultUrl: `${cdn}.mp4`,
      coverUrl: `${cdn}-cover.jpg`,
      prompt: `${PROMPT} ${i}`.slice(0, PROMPT.length),
      durationMs: 47_500 + i,
      finishedAtMs: nowMs - i * CYCLE_MS,
      startedMs: job.startMs,
      replyRef: `ref-${50_000 + i}`,
      status: 2,
      statusLabel: 'completed',
      message: '',
      source: 'api',
    });
  }
  const announced = [];
  for (let i = 0; i < ANNOUNCED_MAX_IDS; i++) {
    announced.push({ id: churnJob(60_000 + i, nowMs).id, atMs: nowMs - i * CYCLE_MS });
  }
  return { running: [], pending: [], website: [], history, announced, baselines: [] };
}

/** Heap retained by a tracker holding a ledger at its caps (bytes). */
async function ledgerBoundBytes(nowMs: number): Promise<number> {
  const h0 = await gcHeapUsed();
  const keep = new JobTracker(fullLedgerState(nowMs));
  const h1 = await gcHeapUsed();
  if (keep.history().length !== HISTORY_MAX_ENTRIES) throw new Error('full ledger state was pruned');
  return h1 - h0;
}

/** One heap reading. */
interface Checkpoint {
  cycles: number;
  heapUsedBytes: number;
  finished: number;
  history: number;
}

/**
 * Runs the churn for `checkpoints.at(-1)` poll cycles with a fresh monitor; at each checkpoint
 * reads the heap after forced GCs when `measure` is set.
 */
async function churn(
  checkpoints: readonly number[],
  ledgerPath: string | null,
  measure: boolean,
  log: (line: string) => void,
): Promise<{ heap: Checkpoint[]; finished: number; errors: number }> {
  const t0 = Date.UTC(2026, 0, 5, 9);
  const clock = new FakeClock(t0);
  const api = new UseapiClient({
    apiBase: API_BASE,
    token: TOKEN,
    adapter: churnAdapter(clock, t0),
    now: () => clock.now(),
  });
  const monitor = new JobMonitor({
    api,
    clock,
    ledgerPath,
    polling: { mode: 'fixed', fixedIntervalMs: CYCLE_MS },
    random: () => 0.5,
  });
  let finished = 0;
  let errors = 0;
  monitor.subscribe((events) => {
    for (const e of events) {
      if (e.type === 'job-finished') finished++;
      else if (e.type === 'error') errors++;
    }
  });
  const heap: Checkpoint[] = [];
  await monitor.start();
  await monitor.whenIdle();
  let cycles = 1;
  for (const checkpoint of checkpoints) {
    while (cycles < checkpoint) {
      const polls = monitor.snapshot().pollCount;
      // Fire timers until the next poll has run (re-check timers may fire in between).
      while (monitor.snapshot().pollCount === polls) {
        if (!clock.runNext()) throw new Error('the monitor armed no timer');
        await monitor.whenIdle();
      }
      cycles++;
    }
    if (!measure) continue;
    heap.push({
      cycles,
      heapUsedBytes: await gcHeapUsed(),
      finished,
      history: monitor.snapshot().history.length,
    });
    log(
      `memory: ${fmtInt(cycles)} cycles: heap ${fmtBytes(heap.at(-1)!.heapUsedBytes)}, ${finished} finished`,
    );
  }
  await monitor.stop();
  return { heap, finished, errors };
}

/** Runs benchmark 5 (see the module docs). */
export async function runMemory(opts: BenchOptions): Promise<ConcernResult> {
  const useFile = !opts.quick;
  const dir = useFile ? mkdtempSync(path.join(os.tmpdir(), 'minimax-bench-ledger-')) : null;
  const ledgerPath = (name: string): string | null => (dir === null ? null : path.join(dir, name));
  const wall0 = performance.now();
  let heap: Checkpoint[];
  let errors: number;
  try {
    // A throwaway monitor first, so one-time costs (module code compiled and optimised on first
    // use) are paid before the measured run's first reading.
    await churn([WARMUP_CYCLES], ledgerPath('warmup.json'), false, opts.log);
    ({ heap, errors } = await churn(CHECKPOINTS, ledgerPath('ledger.json'), true, opts.log));
  } finally {
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
  }
  const wallMs = performance.now() - wall0;
  const bound = await ledgerBoundBytes(Date.UTC(2026, 0, 5, 9) + (heap.at(-1)?.cycles ?? 0) * CYCLE_MS);

  const first = heap[0]!;
  const last = heap.at(-1)!;
  const half = heap.find((h) => h.cycles === 5_000) ?? heap[Math.floor(heap.length / 2)]!;
  const growth = last.heapUsedBytes - first.heapUsedBytes;
  const lateSlopePer1000 = ((last.heapUsedBytes - half.heapUsedBytes) / (last.cycles - half.cycles)) * 1000;
  const expectedFinished = last.cycles - RUNNING_JOBS;

  const rows: BenchRow[] = [
    {
      concern: 'memory',
      metric: `heap growth, ${fmtInt(first.cycles)} → ${fmtInt(last.cycles)} poll cycles (ledger ${useFile ? 'on disk' : 'in memory'})`,
      value: `${fmtBytes(growth)} (${fmtBytes(first.heapUsedBytes)} → ${fmtBytes(last.heapUsedBytes)})`,
      target: `≤ ledger bound ${fmtBytes(bound)}`,
      met: growth <= bound,
    },
    {
      concern: 'memory',
      metric: `  slope over cycles ${fmtInt(half.cycles)} → ${fmtInt(last.cycles)} (caps reached)`,
      value: `${fmtBytes(lateSlopePer1000)} per 1,000 cycles`,
      target: null,
      met: null,
    },
    {
      concern: 'memory',
      metric: '  jobs finished / expected, history kept, errors',
      value: `${fmtInt(last.finished)} / ${fmtInt(expectedFinished)}, ${last.history}, ${errors}`,
      target: null,
      met: null,
    },
  ];

  return {
    rows,
    summary: {
      heapGrowthBytes: growth,
      ledgerBoundBytes: bound,
    },
    details: {
      method:
        `Churn: ${RUNNING_JOBS} running jobs, one new and one finished every ${CYCLE_MS} ms poll; ` +
        'UseapiClient with an in-process axios adapter; heapUsed after forced GCs.',
      ledger: useFile ? 'file in a temporary folder (atomic writes)' : 'memory only',
      ledgerCaps: { history: HISTORY_MAX_ENTRIES, announcedIds: ANNOUNCED_MAX_IDS },
      ledgerBoundBytes: bound,
      heapGrowthBytes: growth,
      lateSlopeBytesPer1000Cycles: round(lateSlopePer1000, 0),
      checkpoints: heap,
      jobsFinished: last.finished,
      jobsExpectedFinished: expectedFinished,
      errorEvents: errors,
      wallMs: round(wallMs, 0),
    },
  };
}
