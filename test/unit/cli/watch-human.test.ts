// `watch` for people, from monitor events to what lands on the screen (a recording terminal).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PLAIN } from '../../../main/cli/human.ts';
import type { Target, Terminal } from '../../../main/cli/terminal.ts';
import { HumanWatch, type WatchSource } from '../../../main/cli/watch-human.ts';
import type { AwaitingResult } from '../../../main/core/monitor/job-monitor.ts';
import type { FinishedJob, MonitorErrorEvent, MonitorEvent, RunningJob } from '../../../main/core/types.ts';
import { finishedJob } from './fixtures.ts';

const T0 = Date.parse('2025-06-01T12:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();
const BASE = 'https://proxy.example/v1/minimax';

const video: RunningJob = {
  id: 'user:1111-minimax:222222-video:1000000',
  kind: 'video',
  account: '222222',
  startedMs: T0,
  reportedElapsedMs: null,
  replyRef: null,
  replyUrl: null,
  source: 'api',
};

function finished(over: Partial<FinishedJob>): FinishedJob {
  return finishedJob({ id: video.id, finishedAtMs: T0 + 200_000, startedMs: T0, ...over });
}

function failure(ms: number, over: Partial<MonitorErrorEvent> = {}): MonitorErrorEvent {
  return {
    type: 'error',
    at: at(ms),
    reason: 'network',
    message: 'Could not reach proxy.example (ECONNREFUSED)',
    status: null,
    account: null,
    retryAtMs: ms + 10_000,
    ...over,
  };
}

/** A terminal that records lines and the last status line. */
function recorder(columns = 80): Terminal & { out: string[]; err: string[]; statuses: (string | null)[] } {
  const out: string[] = [];
  const err: string[] = [];
  const statuses: (string | null)[] = [];
  return {
    live: true,
    columns,
    out,
    err,
    statuses,
    paint: () => PLAIN,
    line: (text: string, to: Target) => void (to === 'out' ? out : err).push(...text.split('\n')),
    status: (text: string | null) => void statuses.push(text),
    close: async () => {},
  };
}

function source(): WatchSource & { awaiting: AwaitingResult[]; running: RunningJob[]; busy: boolean } {
  const s = {
    awaiting: [] as AwaitingResult[],
    running: [] as RunningJob[],
    busy: false,
    snapshot: () => ({ running: s.running, lastPollMs: T0, nextPollMs: T0 + 5_000, lastError: null }),
    awaitingResults: () => s.awaiting,
  };
  return s;
}

function setup(columns = 80) {
  const terminal = recorder(columns);
  const src = source();
  const watch = new HumanWatch({ source: src, terminal, apiBase: BASE, now: () => T0 + 1_000 });
  return { terminal, src, watch };
}

describe('watch for people: errors', () => {
  test('one line per failed poll, in local time, repeats collapsed; a recovery says after how many', () => {
    const { terminal, watch } = setup();
    watch.onEvents([failure(T0)]);
    watch.onEvents([failure(T0 + 10_000)]);
    watch.onEvents([failure(T0 + 30_000)]);
    watch.onEvents([{ type: 'recovered', at: at(T0 + 70_000), after: 'network' }]);
    assert.equal(terminal.err.length, 3, terminal.err.join('\n'));
    const [first, second, third] = terminal.err;
    assert.match(
      first ?? '',
      /⚠ error\s+network: Could not reach proxy\.example \(ECONNREFUSED\); next try /,
    );
    assert.match(second ?? '', /still failing, 2nd try \(network\); next try/);
    assert.match(third ?? '', /still failing, 3rd try \(network\); next try/);
    [T0, T0 + 10_000, T0 + 30_000].forEach((ms, i) => {
      const local = new Date(ms).toLocaleTimeString(undefined, { hour12: false });
      assert.ok(terminal.err[i]?.startsWith(`${local}  `), `local time first: ${terminal.err[i]}`);
      assert.doesNotMatch(terminal.err[i] ?? '', /\d{4}-\d{2}-\d{2}T/, 'no ISO/UTC timestamps');
    });
    assert.match(terminal.out.at(-1) ?? '', /✓ recovered\s+after 3 failed tries \(network\)/);
  });

  test('a different failure is printed whole, with its place in the streak', () => {
    const { terminal, watch } = setup();
    watch.onEvents([failure(T0)]);
    watch.onEvents([
      failure(T0 + 10_000, { reason: 'timeout', message: 'proxy.example did not answer within 20 s' }),
    ]);
    assert.match(terminal.err[1] ?? '', /timeout: proxy\.example did not answer within 20 s \(2nd try\)/);
  });

  test('a 404 from the scheduler says to check --api-base and names it', () => {
    const { terminal, watch } = setup();
    watch.onEvents([
      failure(T0, { reason: 'not-found', status: 404, message: 'proxy.example: not found (404)' }),
    ]);
    assert.match(
      terminal.err[0] ?? '',
      new RegExp(`check --api-base \\(now ${BASE.replace(/\./g, '\\.')}\\)`),
    );
  });
});

describe('watch for people: jobs', () => {
  test('a job that left the queue without a final result gets a "waiting for its result" line, once', () => {
    const { terminal, src, watch } = setup();
    src.awaiting = [{ job: video, goneSinceMs: T0 + 185_000, checks: 1, nextCheckMs: T0 + 190_000 }];
    watch.onEvents([{ type: 'jobs', at: at(T0 + 185_000), jobs: [] }]);
    watch.onEvents([{ type: 'jobs', at: at(T0 + 190_000), jobs: [] }]);
    const waiting = terminal.out.filter((l) => l.includes('waiting for its result'));
    assert.equal(waiting.length, 1, terminal.out.join('\n'));
    assert.match(waiting[0] ?? '', /… waiting\s+video 1000000\s+left the queue, waiting for its result/);
  });

  test('unknown says after how long it was given up and where to look', () => {
    const { terminal, src, watch } = setup();
    src.awaiting = [{ job: video, goneSinceMs: T0 + 185_000, checks: 1, nextCheckMs: T0 + 190_000 }];
    watch.onEvents([{ type: 'jobs', at: at(T0 + 185_000), jobs: [] }]);
    src.awaiting = [];
    const gaveUpMs = T0 + 185_000 + 30 * 60_000;
    watch.onEvents([
      {
        type: 'job-finished',
        at: at(gaveUpMs),
        job: finished({ outcome: 'unknown', finishedAtMs: gaveUpMs }),
      },
    ]);
    const [line, hint] = terminal.out.slice(-2);
    assert.match(
      line ?? '',
      /\? unknown\s+video 1000000\s+after 3 min 5 s {2}no final result 30 min after it left the queue/,
    );
    assert.equal(
      hint,
      `          look it up on the hailuoai.video website, or GET ${BASE}/videos/${video.id}`,
    );
  });

  test('a job started on the website is marked on its started and finished lines', () => {
    const { terminal, watch } = setup();
    const web = { ...video, source: 'website' as const, startedMs: null };
    watch.onEvents([{ type: 'job-started', at: at(T0), job: web }]);
    watch.onEvents([
      {
        type: 'job-finished',
        at: at(T0),
        job: finished({ source: 'website', durationMs: null, prompt: 'a fox' }),
      },
    ]);
    assert.match(terminal.out[0] ?? '', /▶ started\s+video 1000000\s+website · account 222222$/);
    assert.match(terminal.out[1] ?? '', /✔ succeeded\s+video 1000000\s+website {2}“a fox”$/);
  });

  test('a long result URL goes on its own indented line; a short one stays on the line', () => {
    const { terminal, watch } = setup(80);
    const long = `https://cdn.example/video/222222/${'x'.repeat(60)}.mp4`;
    watch.onEvents([
      { type: 'job-finished', at: at(T0), job: finished({ resultUrl: 'https://c.example/1.mp4' }) },
      { type: 'job-finished', at: at(T0), job: finished({ resultUrl: long, prompt: 'a red fox' }) },
    ]);
    assert.match(
      terminal.out[0] ?? '',
      /✔ succeeded\s+video 1000000\s+after 3 min 5 s {2}https:\/\/c\.example\/1\.mp4$/,
    );
    assert.match(terminal.out[1] ?? '', /after 3 min 5 s {2}“a red fox”$/);
    assert.equal(terminal.out[2], `          ${long}`);
  });

  test('a long prompt is cut to the width of the terminal', () => {
    const { terminal, watch } = setup(80);
    watch.onEvents([
      {
        type: 'job-finished',
        at: at(T0),
        job: finished({ prompt: 'Waves crashing on black volcanic sand, slow motion' }),
      },
    ]);
    assert.ok((terminal.out[0] ?? '').length <= 80, terminal.out[0]);
    assert.match(terminal.out[0] ?? '', /“Waves crashing.*…”$/);
  });

  test('the running count prints when it changes; a start in the future carries the clock hint', () => {
    const { terminal, watch } = setup();
    const future = { ...video, startedMs: T0 + 2 * 3_600_000 };
    const events: MonitorEvent[] = [
      { type: 'jobs', at: at(T0), jobs: [future] },
      { type: 'job-started', at: at(T0), job: future },
      { type: 'jobs', at: at(T0 + 5_000), jobs: [future] },
    ];
    watch.onEvents(events);
    assert.equal(terminal.out.filter((l) => l.includes('1 job running')).length, 1);
    assert.match(
      terminal.out[1] ?? '',
      /▶ started\s+video 1000000\s+account 222222 {2}started \d{4}-\d{2}-\d{2} \d{2}:\d{2}, in the future/,
    );
  });
});

describe('watch for people: the status line', () => {
  test('is redrawn after every batch and removed with the stop message', () => {
    const { terminal, src, watch } = setup();
    src.running = [video];
    watch.onEvents([{ type: 'jobs', at: at(T0), jobs: [video] }]);
    assert.match(terminal.statuses.at(-1) ?? '', /^1 running · checked .+, next in 4 s · video 1000000 1 s$/);
    src.busy = true;
    watch.stopping();
    assert.equal(terminal.statuses.at(-1), null);
    assert.equal(terminal.err.at(-1), 'stopping: waiting for the request in flight (Ctrl+C again to quit)');
  });
});
