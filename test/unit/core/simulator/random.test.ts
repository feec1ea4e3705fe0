import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../../main/core/clock.ts';
import {
  BURST_EVERY_MS,
  DAY_MS,
  Simulator,
  WORKING_HOURS_MS,
  generateDayTrace,
} from '../../../../main/core/simulator/index.ts';
import type { SimJobSpec } from '../../../../main/core/simulator/index.ts';
import { schedulerIds, startSim } from './sim-http.ts';

const MIN = 60_000;
const START = Date.UTC(2026, 2, 2, 9, 0, 0);

/** Groups trace jobs into bursts: a gap of more than 5 minutes between starts begins a new burst. */
function bursts(trace: SimJobSpec[]): SimJobSpec[][] {
  const out: SimJobSpec[][] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const job of trace) {
    const at = job.startAtMs ?? 0;
    if (at - last > 5 * MIN) out.push([]);
    out.at(-1)!.push(job);
    last = at;
  }
  return out;
}

describe('generateDayTrace', () => {
  test('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(generateDayTrace(7, START), generateDayTrace(7, START));
    assert.notDeepEqual(generateDayTrace(7, START), generateDayTrace(8, START));
  });

  test('8 working hours of bursts of 3–6 jobs about every 20 minutes, then 16 idle hours', () => {
    for (const seed of [1, 2, 3, 99]) {
      const trace = generateDayTrace(seed, START);
      const starts = trace.map((j) => j.startAtMs ?? Number.NaN);
      assert.ok(
        starts.every((s, i) => i === 0 || s >= starts[i - 1]!),
        'in start order',
      );
      assert.equal(starts[0], START, 'the first burst begins at the start');
      assert.ok(starts.every((s) => s >= START && s < START + WORKING_HOURS_MS + MIN));
      const groups = bursts(trace);
      assert.equal(groups.length, WORKING_HOURS_MS / BURST_EVERY_MS);
      for (const g of groups) assert.ok(g.length >= 3 && g.length <= 6, `burst of ${g.length}`);
      for (let i = 1; i < groups.length; i++) {
        const gap = (groups[i]![0]!.startAtMs ?? 0) - (groups[i - 1]![0]!.startAtMs ?? 0);
        assert.ok(gap >= 13 * MIN && gap <= 27 * MIN, `gap ${gap / MIN} min`);
      }
      const lastEnd = Math.max(...trace.map((j) => (j.startAtMs ?? 0) + j.durationMs + (j.finalLagMs ?? 0)));
      assert.ok(lastEnd < START + WORKING_HOURS_MS + 10 * MIN, 'the last 16 hours are idle');
      assert.ok(START + DAY_MS - lastEnd > 15 * 60 * MIN);
    }
  });

  test('videos take 2–6 minutes and images 20–60 seconds; outcomes are mostly succeeded, some failed and moderated', () => {
    const all = [1, 2, 3, 4, 5].flatMap((seed) => generateDayTrace(seed, START));
    for (const job of all) {
      if (job.kind === 'video') assert.ok(job.durationMs >= 2 * MIN && job.durationMs <= 6 * MIN);
      else assert.ok(job.durationMs >= 20_000 && job.durationMs <= 60_000);
    }
    const count = (pred: (j: SimJobSpec) => boolean) => all.filter(pred).length;
    assert.ok(count((j) => j.kind === 'image') > 0 && count((j) => j.kind === 'video') > 0);
    assert.ok(count((j) => j.outcome === 'succeeded') > all.length / 2);
    assert.ok(count((j) => j.outcome === 'failed') > 0);
    assert.ok(count((j) => j.outcome === 'moderated') > 0);
    assert.ok(count((j) => j.removed === true) > 0);
    assert.ok(count((j) => (j.finalLagMs ?? 0) > 0) > 0);
  });

  test('a Simulator replays a trace over a FakeClock day, and every job ends as its spec says', () => {
    const clock = new FakeClock(START);
    const sim = new Simulator({ clock });
    const trace = generateDayTrace(11, START);
    const ids = trace.map((spec) => sim.submit(spec));
    assert.deepEqual(sim.groundTruth(), []);
    clock.jump(DAY_MS);
    const truth = sim.groundTruth();
    assert.equal(truth.length, trace.length);
    const byId = new Map(truth.map((t) => [t.id, t]));
    trace.forEach((spec, i) => {
      const t = byId.get(ids[i]!);
      assert.equal(t?.outcome, spec.outcome);
      assert.equal(t?.leftSchedulerMs, (spec.startAtMs ?? 0) + spec.durationMs);
    });
    assert.deepEqual(sim.runningIds(), []);
  });
});

describe('simulator random mode', () => {
  /**
   * Polls a random-mode simulator every `everyMs` for `totalMs` (a multiple of `everyMs`), records
   * what GET /scheduler/ said, and returns the ground truth at exactly `totalMs`.
   */
  async function observe(seed: number, everyMs: number, totalMs: number) {
    const h = await startSim({ seed, random: { enabled: true } }, new FakeClock(START));
    try {
      const snapshots = new Map<number, string[]>();
      for (let t = 0; t < totalMs; t += everyMs) {
        snapshots.set(t, schedulerIds(await h.call('GET', '/scheduler/')));
        await h.clock.advance(everyMs);
      }
      return { snapshots, truth: h.sim.groundTruth() };
    } finally {
      await h.stop();
    }
  }

  test('the same seed gives the same jobs at the same times, however often it is polled', async () => {
    const often = await observe(5, 30_000, 2 * 3600_000);
    const rarely = await observe(5, 10 * MIN, 2 * 3600_000);
    for (const [t, ids] of rarely.snapshots)
      assert.deepEqual(often.snapshots.get(t), ids, `at +${t / MIN} min`);
    assert.deepEqual(often.truth, rarely.truth);
    assert.ok(often.truth.length >= 3 * 6, 'about 6 bursts of 3+ jobs in two hours');
    const other = await observe(6, 10 * MIN, 2 * 3600_000);
    assert.notDeepEqual(other.truth, rarely.truth);
  });

  test('random jobs show the documented quirks: image ids under videoId, started as epoch s and ms and ISO', async () => {
    const h = await startSim({ seed: 3, random: { enabled: true } }, new FakeClock(START));
    try {
      const kinds = { imageUnderVideoId: 0, imageUnderImageId: 0, iso: 0, epochMs: 0, epochS: 0 };
      for (let t = 0; t < 6 * 3600_000; t += MIN) {
        const items = (await h.call('GET', '/scheduler/')).json as Array<Record<string, unknown>>;
        for (const item of items) {
          if (String(item.videoId).includes('-image:')) kinds.imageUnderVideoId++;
          if (item.imageId !== undefined) kinds.imageUnderImageId++;
          if (typeof item.started === 'string') kinds.iso++;
          else if (Number(item.started) > 1e12) kinds.epochMs++;
          else if (Number(item.started) > 1e9) kinds.epochS++;
        }
        await h.clock.advance(MIN);
      }
      for (const [name, n] of Object.entries(kinds)) assert.ok(n > 0, `${name} seen`);
      const outcomes = new Set(h.sim.groundTruth().map((t) => t.outcome));
      assert.deepEqual([...outcomes].sort(), ['failed', 'moderated', 'succeeded']);
    } finally {
      await h.stop();
    }
  });

  test('speed divides job durations', () => {
    const durations = (speed: number) => {
      const clock = new FakeClock(START);
      const sim = new Simulator({ clock, seed: 9, speed, random: { enabled: true, burstEveryMs: 20 * MIN } });
      clock.jump(4 * 3600_000);
      return sim.groundTruth().map((t) => ({ kind: t.kind, ms: t.leftSchedulerMs - t.startedMs }));
    };
    const fast = durations(10);
    const normal = durations(1);
    assert.ok(fast.length > 0 && normal.length > 0);
    for (const d of fast)
      assert.ok(d.ms <= (d.kind === 'video' ? 36_000 : 6_000), `${d.kind} took ${d.ms} ms`);
    assert.ok(normal.some((d) => d.kind === 'video' && d.ms > 36_000));
  });

  test('transient faults (opt-in) are 429/502/504 on some scheduler polls, the same ones for a seed', async () => {
    const run = async () => {
      const h = await startSim(
        { seed: 4, random: { enabled: true, transientFaults: true } },
        new FakeClock(START),
      );
      try {
        const answers: Array<[number, string | null]> = [];
        for (let i = 0; i < 300; i++) {
          const res = await h.call('GET', '/scheduler/');
          answers.push([res.status, res.headers.get('retry-after')]);
        }
        return answers;
      } finally {
        await h.stop();
      }
    };
    const a = await run();
    assert.deepEqual(await run(), a);
    const failures = a.filter(([s]) => s !== 200);
    assert.ok(failures.length > 0 && failures.length < 40, `${failures.length} failures`);
    assert.ok(failures.every(([s]) => s === 429 || s === 502 || s === 504));
  });
});
