import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../../../main/core/clock.ts';
import {
  MAX_TIMER_SLICE_MS,
  Scheduler,
  SchedulerStoppedError,
} from '../../../../main/core/scheduler/scheduler.ts';
import { silentLogger } from '../../../../main/core/types.ts';
import { JumpyClock, T0 } from '../fakes.ts';

function setup(clock: FakeClock | JumpyClock = new FakeClock(T0), order: string[] = []) {
  const runs: { atMs: number; key: string }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let hold: Promise<void> | null = null;
  const scheduler = new Scheduler({
    clock,
    logger: silentLogger,
    order,
    run: async (key) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      runs.push({ atMs: clock.now(), key });
      if (hold) await hold;
      inFlight--;
    },
  });
  /** A queued task that records itself like a run. */
  const task = (name: string) => () => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    runs.push({ atMs: clock.now(), key: `task:${name}` });
    inFlight--;
    return Promise.resolve(name);
  };
  return {
    clock,
    scheduler,
    runs,
    maxInFlight: () => maxInFlight,
    task,
    holdWith(p: Promise<void> | null) {
      hold = p;
    },
  };
}

describe('Scheduler', () => {
  test('arms exactly one timer, for the earliest item; items due together run one after another, in order', async () => {
    const clock = new FakeClock(T0);
    const { scheduler, runs } = setup(clock, ['poll', 'recheck']);
    scheduler.setDue('poll', T0 + 20_000);
    scheduler.setDue('recheck', T0 + 5_000);
    assert.equal(clock.pending, 1);
    assert.equal(clock.nextDueMs(), T0 + 5_000);
    await clock.advance(5_000);
    assert.deepEqual(runs, [{ atMs: T0 + 5_000, key: 'recheck' }]);
    assert.equal(clock.pending, 1, 'still one timer, now for the poll');
    scheduler.setDue('capacity', T0 + 20_000);
    scheduler.setDue('recheck', T0 + 20_000);
    await clock.advance(15_000);
    assert.deepEqual(
      runs.slice(1).map((r) => r.key),
      ['poll', 'recheck', 'capacity'],
      'listed keys first, in their order, then the others',
    );
    assert.equal(clock.pending, 0);
  });

  test('never runs twice at once; triggers during a run coalesce into one run after it', async () => {
    const clock = new FakeClock(T0);
    const s = setup(clock);
    let release!: () => void;
    s.holdWith(new Promise<void>((r) => (release = r)));
    s.scheduler.trigger('poll');
    for (let i = 0; i < 50; i++) s.scheduler.trigger('poll');
    assert.equal(s.runs.length, 1);
    s.holdWith(null);
    release();
    await s.scheduler.whenIdle();
    assert.equal(s.runs.length, 2, 'one follow-up run for fifty triggers');
    assert.equal(s.maxInFlight(), 1);
  });

  test('the Retry-After floor holds back timers and triggers', async () => {
    const clock = new FakeClock(T0);
    const { scheduler, runs } = setup(clock);
    scheduler.setNotBefore(T0 + 30_000);
    scheduler.trigger('poll');
    assert.equal(runs.length, 0);
    assert.equal(scheduler.dueMs('poll'), T0 + 30_000);
    await clock.advance(29_999);
    assert.equal(runs.length, 0);
    await clock.advance(1);
    assert.equal(runs.length, 1);
  });

  test('paused: no timer, but an explicit trigger still runs once', async () => {
    const clock = new FakeClock(T0);
    const { scheduler, runs } = setup(clock);
    scheduler.setDue('poll', T0 + 1_000);
    scheduler.pause();
    assert.equal(clock.pending, 0);
    await clock.advance(10_000);
    assert.equal(runs.length, 0);
    scheduler.trigger('poll');
    await scheduler.whenIdle();
    assert.equal(runs.length, 1);
    scheduler.setDue('poll', clock.now() + 1_000);
    assert.equal(clock.pending, 0);
    scheduler.resume();
    assert.equal(clock.pending, 1);
  });

  test('long waits are sliced so a wall-clock jump (sleep) is noticed within one slice', async () => {
    const fake = new FakeClock(T0);
    const clock = new JumpyClock(fake);
    const { scheduler, runs } = setup(clock);
    scheduler.setDue('poll', T0 + 3_600_000); // e.g. an hour-long Retry-After
    clock.wallJump(2 * 3_600_000); // the laptop slept two hours; timers did not advance
    await fake.advance(MAX_TIMER_SLICE_MS);
    assert.equal(runs.length, 1, 'ran at the first slice after waking, not an hour later');
  });

  test('a wall clock set back does not stall the schedule', async () => {
    const fake = new FakeClock(T0);
    const clock = new JumpyClock(fake);
    const { scheduler, runs } = setup(clock);
    scheduler.setDue('poll', clock.now() + 20_000);
    clock.wallJump(-3_600_000);
    await fake.advance(20_000);
    assert.equal(runs.length, 1, 'ran after 20 s of real time despite the clock moving back an hour');
  });

  test('stop clears the timer and ignores later requests', async () => {
    const clock = new FakeClock(T0);
    const { scheduler, runs } = setup(clock);
    scheduler.setDue('poll', T0 + 1_000);
    await scheduler.stop();
    assert.equal(clock.pending, 0);
    scheduler.trigger('poll');
    scheduler.setDue('poll', T0);
    await clock.advance(5_000);
    assert.equal(runs.length, 0);
  });

  test('queued tasks run one at a time, before due keys, and answer their caller', async () => {
    const clock = new FakeClock(T0);
    const s = setup(clock);
    let release!: () => void;
    s.holdWith(new Promise<void>((r) => (release = r)));
    s.scheduler.trigger('poll');
    const a = s.scheduler.enqueue(s.task('stop'));
    const b = s.scheduler.enqueue(s.task('cancel'));
    s.scheduler.setDue('capacity', T0);
    assert.deepEqual(
      s.runs.map((r) => r.key),
      ['poll'],
      'the tasks wait for the run in flight',
    );
    s.holdWith(null);
    release();
    assert.equal(await a, 'stop');
    assert.equal(await b, 'cancel');
    await s.scheduler.whenIdle();
    assert.deepEqual(
      s.runs.map((r) => r.key),
      ['poll', 'task:stop', 'task:cancel', 'capacity'],
    );
    assert.equal(s.maxInFlight(), 1);
  });

  test('a queued task waits for the Retry-After floor, also while paused', async () => {
    const clock = new FakeClock(T0);
    const s = setup(clock);
    s.scheduler.pause();
    s.scheduler.setNotBefore(T0 + 30_000);
    let answered = false;
    const done = s.scheduler.enqueue(s.task('token-test')).then(() => (answered = true));
    await clock.advance(29_999);
    assert.equal(answered, false);
    assert.equal(s.runs.length, 0);
    await clock.advance(1);
    await done;
    assert.deepEqual(s.runs, [{ atMs: T0 + 30_000, key: 'task:token-test' }]);
  });

  test('a failing task rejects to its caller and the scheduler carries on', async () => {
    const clock = new FakeClock(T0);
    const s = setup(clock);
    await assert.rejects(
      s.scheduler.enqueue(() => Promise.reject(new Error('404 Unable to locate'))),
      /Unable to locate/,
    );
    s.scheduler.trigger('poll');
    await s.scheduler.whenIdle();
    assert.deepEqual(
      s.runs.map((r) => r.key),
      ['poll'],
    );
  });

  test('stop rejects the tasks still waiting, and any queued later', async () => {
    const clock = new FakeClock(T0);
    const s = setup(clock);
    s.scheduler.setNotBefore(T0 + 60_000);
    const waiting = s.scheduler.enqueue(s.task('late'));
    await s.scheduler.stop();
    await assert.rejects(waiting, SchedulerStoppedError);
    await assert.rejects(s.scheduler.enqueue(s.task('after')), SchedulerStoppedError);
    assert.equal(s.runs.length, 0);
    assert.equal(clock.pending, 0);
  });
});
