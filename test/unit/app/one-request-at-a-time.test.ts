// One owner for every request (README "Polling"): the tray app, with its window open and every
// action used at once, sends one request at a time over real HTTP, and none before a Retry-After.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { commandTable, type CommandTable } from '../../../main/app/commands.ts';
import { AppController } from '../../../main/app/controller.ts';
import { TokenManager } from '../../../main/app/token-manager.ts';
import { UseapiClient } from '../../../main/core/api/client.ts';
import { FakeClock } from '../../../main/core/clock.ts';
import { JobMonitor } from '../../../main/core/monitor/job-monitor.ts';
import { Simulator, type SimRequestRecord } from '../../../main/core/simulator/index.ts';
import { MemoryStore } from '../../../main/secrets/keychain.ts';
import { MemorySettings, RecordingPorts } from './fakes.ts';

const T0 = Date.UTC(2026, 4, 1, 10);
const MIN = 60_000;

/** Requests that arrived before the instant an earlier answer's Retry-After named. */
function earlyRequests(log: readonly SimRequestRecord[]): SimRequestRecord[] {
  let floor = Number.NEGATIVE_INFINITY;
  const early: SimRequestRecord[] = [];
  for (const r of log) {
    if (r.atMs < floor) early.push(r);
    if (r.retryAtMs !== null) floor = Math.max(floor, r.retryAtMs);
  }
  return early;
}

describe('the tray app sends one request at a time, on every route', () => {
  let sim: Simulator;
  let clock: FakeClock;
  let controller: AppController;
  let commands: CommandTable;
  let monitor: JobMonitor | null = null;
  const videos: string[] = [];

  before(async () => {
    clock = new FakeClock(T0);
    sim = new Simulator({ clock });
    const { baseUrl } = await sim.start();
    for (let i = 0; i < 3; i++) {
      videos.push(sim.submit({ kind: 'video', durationMs: 20 * MIN, outcome: 'succeeded', prompt: `v${i}` }));
    }
    sim.submit({ kind: 'image', durationMs: 10 * MIN, outcome: 'succeeded' });
    const keychain = new MemoryStore();
    await keychain.set(sim.token);
    const settings = new MemorySettings();
    controller = new AppController({
      settings,
      tokens: new TokenManager({ keychain, safeStorage: null, platform: 'linux' }),
      createApi: ({ apiBase, token }) => new UseapiClient({ apiBase, token, now: () => clock.now() }),
      apiBaseOverride: { url: baseUrl, source: 'test' },
      createMonitor: (opts) => (monitor = new JobMonitor({ ...opts, random: () => 0.5 })),
      ledgerPath: null,
      platform: 'linux',
      version: '0.0.0-test',
      clock,
    });
    controller.attach(new RecordingPorts());
    commands = commandTable(controller);
    await controller.start();
    await monitor!.whenIdle();
  });
  after(async () => {
    await controller.stop();
    await sim.stop();
  });

  test('window open, every action at once, then a 429 with Retry-After: one in flight, none early', async () => {
    controller.setWindowVisible(true); // progress, capacity, account names
    const actions = await Promise.all([
      commands.handle('jobs:check-now', undefined),
      commands.handle('jobs:stop-tracking', { id: videos[0]! }),
      commands.handle('jobs:cancel-video', { id: videos[1]! }),
      commands.handle('token:save', { token: sim.token }), // the token test is a request too
      commands.handle('jobs:check-now', undefined),
    ]);
    assert.ok(
      actions.every((a) => a.ok),
      JSON.stringify(actions),
    );
    await clock.advance(30_000, () => monitor!.whenIdle());

    // Throttled on whatever route comes next: every route waits for the Retry-After.
    sim.fault({ type: 'status', status: 429, retryAfterSeconds: 45, count: 1 });
    const throttled = sim.requestLog().length;
    const during = Promise.all([
      commands.handle('jobs:check-now', undefined),
      commands.handle('jobs:cancel-video', { id: videos[2]! }),
    ]);
    await clock.advance(5 * MIN, () => monitor!.whenIdle());
    await during;

    const log = sim.requestLog();
    const routes = new Set(log.map((r) => r.route));
    for (const route of [
      'GET /scheduler/',
      'GET /scheduler/available',
      'GET /accounts',
      'GET /videos/{id}',
      'DELETE /scheduler/{id}',
      'POST /videos/cancel',
    ]) {
      assert.ok(routes.has(route as SimRequestRecord['route']), `${route} was used`);
    }
    assert.ok(
      log.slice(throttled).some((r) => r.retryAtMs !== null),
      'a request was answered 429 with Retry-After',
    );
    assert.equal(sim.stats().maxConcurrent, 1, 'never two requests in flight');
    assert.deepEqual(earlyRequests(log), [], 'nothing sent before a Retry-After');
    assert.equal(
      sim.groundTruth().find((t) => t.id === videos[2])?.outcome,
      'cancelled',
      'the cancel queued behind the Retry-After was sent after it',
    );
  });
});
