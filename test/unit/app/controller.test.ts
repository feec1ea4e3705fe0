import { describe, test } from 'node:test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { commandTable, type CommandTable } from '../../../main/app/commands.ts';
import { AppController } from '../../../main/app/controller.ts';
import { ACCOUNTS_TTL_MS, CAPACITY_TTL_MS } from '../../../main/core/accounts/account-directory.ts';
import { TOKEN_REJECTED_MESSAGE, TokenManager } from '../../../main/app/token-manager.ts';
import { ApiError } from '../../../main/core/api/errors.ts';
import { FakeClock } from '../../../main/core/clock.ts';
import { JobMonitor } from '../../../main/core/monitor/job-monitor.ts';
import type { ListedJob } from '../../../main/core/types.ts';
import type { SecretStore } from '../../../main/secrets/keychain.ts';
import { completed, MemorySettings, RecordingPorts, runningJob, ScriptedApi, T0, TOKEN } from './fakes.ts';

class TestKeychain implements SecretStore {
  readonly kind = 'keychain' as const;
  value: string | null;
  constructor(value: string | null) {
    this.value = value;
  }
  describe(): string {
    return 'the test keychain';
  }
  async get(): Promise<string | null> {
    return this.value;
  }
  async set(t: string): Promise<void> {
    this.value = t;
  }
  async delete(): Promise<boolean> {
    const had = this.value !== null;
    this.value = null;
    return had;
  }
}

const BAD_TOKEN = 'user:7777-RevokedToken000';

interface Setup {
  c: AppController;
  /** The IPC command table over `c` (what the window's invoke calls reach). */
  commands: CommandTable;
  clock: FakeClock;
  api: ScriptedApi;
  ports: RecordingPorts;
  settings: MemorySettings;
  keychain: TestKeychain;
  builds: Array<{ apiBase: string; token: string }>;
  monitor: () => JobMonitor;
  /** Move the fake clock and wait until the monitor has nothing in flight. */
  advance(ms: number): Promise<void>;
}

async function setup(
  o: {
    token?: string | null;
    api?: ScriptedApi;
    platform?: string;
    ledgerPath?: string;
    websiteJobs?: boolean;
  } = {},
): Promise<Setup> {
  const clock = new FakeClock(T0);
  const api = o.api ?? new ScriptedApi();
  const settings = new MemorySettings();
  if (o.websiteJobs !== undefined) settings.value.websiteJobs = o.websiteJobs;
  const keychain = new TestKeychain(o.token === undefined ? TOKEN : o.token);
  const builds: Array<{ apiBase: string; token: string }> = [];
  const createApi = ({ apiBase, token }: { apiBase: string; token: string }): ScriptedApi => {
    builds.push({ apiBase, token });
    if (token === BAD_TOKEN) {
      const bad = new ScriptedApi(token, apiBase);
      bad.schedulerErrors = [new ApiError('unauthorized', 'Unauthorized', { status: 401 })];
      return bad;
    }
    return api;
  };
  const tokens = new TokenManager({
    keychain,
    safeStorage: null,
    platform: 'linux',
  });
  let monitor: JobMonitor | null = null;
  const c = new AppController({
    settings,
    tokens,
    createApi,
    createMonitor: (opts) => (monitor = new JobMonitor({ ...opts, random: () => 0.5 })),
    ledgerPath: o.ledgerPath ?? null,
    platform: o.platform ?? 'linux',
    version: '9.9.9',
    clock,
  });
  const ports = new RecordingPorts();
  c.attach(ports);
  await c.start();
  const get = (): JobMonitor => {
    if (!monitor) throw new Error('monitor not created');
    return monitor;
  };
  await get().whenIdle();
  return {
    c,
    commands: commandTable(c),
    clock,
    api,
    ports,
    settings,
    keychain,
    builds,
    monitor: get,
    advance: async (ms) => {
      await clock.advance(ms);
      await get().whenIdle();
    },
  };
}

describe('controller: token and polling', () => {
  test('no token: nothing is requested, the tray and the window ask for one', async () => {
    const s = await setup({ token: null });
    await s.advance(30 * 60_000);
    assert.equal(s.api.calls.length, 0);
    assert.equal(s.ports.lastRender.menuLabel, 'No API token: open Settings');
    assert.equal(s.ports.lastRender.hasToken, false);
    const v = s.ports.lastView;
    assert.equal(v.token.stored, false);
    assert.equal(v.status.error, null);
    assert.equal(v.status.state, 'idle');
    assert.equal(v.status.paused, false, 'no token is not the same as the user pausing');
    assert.deepEqual(s.c.checkNow(), {
      ok: false,
      message: 'Add your useapi.net API token in Settings first.',
    });
  });

  test('with a token: polls, and the tray and window show the running jobs', async () => {
    const api = new ScriptedApi();
    api.list = [runningJob('aaaa1111bbbb2222'), runningJob('img1', 'image')];
    const s = await setup({ api });
    assert.equal(api.count('listScheduler'), 1);
    const r = s.ports.lastRender;
    assert.equal(r.state, 'running');
    assert.equal(r.count, 2);
    assert.equal(r.menuLabel, '2 jobs running');
    assert.equal(r.icon.file1x, 'running-2.png');
    const v = s.ports.lastView;
    assert.equal(v.version, '9.9.9');
    assert.deepEqual(
      v.running.map((j) => j.shortId),
      ['bbbb2222', 'img1'],
    );
    assert.equal(v.running[0]!.percent, null, 'no progress while the window is hidden');
    assert.equal(v.token.storage, 'keychain');
  });

  test('macOS shows the count as the tray title', async () => {
    const api = new ScriptedApi();
    api.list = [runningJob('1'), runningJob('2'), runningJob('3')];
    const s = await setup({ api, platform: 'darwin' });
    assert.equal(s.ports.lastRender.title, '3');
    assert.equal(s.ports.lastRender.icon.file1x, 'runningTemplate.png');
  });

  test('saving a token that useapi.net rejects (401) is refused; a good one starts polling', async () => {
    const s = await setup({ token: null });
    const refused = await s.commands.handle('token:save', { token: BAD_TOKEN });
    assert.deepEqual(refused, { ok: false, message: TOKEN_REJECTED_MESSAGE });
    assert.equal(s.keychain.value, null);
    assert.equal(s.api.count('listScheduler'), 0);

    s.api.list = [runningJob('x1')];
    assert.deepEqual(await s.commands.handle('token:save', { token: TOKEN }), { ok: true });
    await s.monitor().whenIdle();
    assert.equal(s.keychain.value, TOKEN);
    // One test call plus the poll the monitor starts at once.
    assert.equal(s.api.count('listScheduler'), 2);
    assert.equal(s.ports.lastRender.count, 1);
    assert.equal(s.ports.lastView.token.stored, true);
  });

  test('removing the token stops polling', async () => {
    const s = await setup();
    const before = s.api.count('listScheduler');
    assert.deepEqual(await s.commands.handle('token:remove', undefined), { ok: true });
    await s.advance(60 * 60_000);
    assert.equal(s.api.count('listScheduler'), before);
    assert.equal(s.keychain.value, null);
    assert.equal(s.ports.lastRender.menuLabel, 'No API token: open Settings');
  });

  test('the user can pause; "check now" still polls once; resume polls at once', async () => {
    const s = await setup();
    s.c.setPaused(true);
    assert.equal(s.ports.lastRender.state, 'paused');
    assert.equal(s.ports.lastRender.paused, true);
    const n = s.api.count('listScheduler');
    await s.advance(30 * 60_000);
    assert.equal(s.api.count('listScheduler'), n, 'no polling while paused');
    assert.deepEqual(s.c.checkNow(), { ok: true });
    await s.monitor().whenIdle();
    assert.equal(s.api.count('listScheduler'), n + 1);
    assert.deepEqual(await s.commands.handle('polling:set-paused', { paused: false }), { ok: true });
    await s.monitor().whenIdle();
    assert.equal(s.api.count('listScheduler'), n + 2);
    assert.equal(s.ports.lastView.status.paused, false);
  });

  test('sleep pauses polling; waking up polls at once', async () => {
    const s = await setup();
    s.c.suspend();
    const n = s.api.count('listScheduler');
    await s.advance(60 * 60_000);
    assert.equal(s.api.count('listScheduler'), n);
    s.c.wake();
    await s.monitor().whenIdle();
    assert.equal(s.api.count('listScheduler'), n + 1);
    // Unlocking the screen (no sleep before) also polls at once.
    s.c.wake();
    await s.monitor().whenIdle();
    assert.equal(s.api.count('listScheduler'), n + 2);
  });
});

describe('controller: tray state from failures', () => {
  test('server busy three times in a row turns the tray to error; before that it keeps its state', async () => {
    const api = new ScriptedApi();
    api.list = [runningJob('r1')];
    const s = await setup({ api });
    assert.equal(s.ports.lastRender.state, 'running');
    const busy = (): ApiError => new ApiError('server-busy', 'useapi.net is busy', { status: 502 });
    api.schedulerErrors = [busy(), busy(), busy()];
    s.c.checkNow();
    await s.monitor().whenIdle();
    assert.equal(s.ports.lastRender.state, 'running');
    const untilNextPoll = async (): Promise<void> => {
      const due = s.monitor().snapshot().nextPollMs;
      assert.ok(due !== null);
      await s.advance(due - s.clock.now());
    };
    await untilNextPoll();
    assert.equal(s.ports.lastRender.state, 'running', 'two failures: still running');
    await untilNextPoll();
    assert.equal(api.count('listScheduler'), 4);
    assert.equal(s.ports.lastRender.state, 'error');
    assert.match(s.ports.lastRender.tooltip, /busy/);
    const v = s.ports.lastView;
    assert.equal(v.status.error?.reason, 'server-busy');
    assert.ok(v.status.staleSinceMs !== null);
    assert.equal(v.running.length, 1, 'the last known list stays visible');
    // Recovery: back to running.
    await s.advance(30 * 60_000);
    assert.equal(s.ports.lastRender.state, 'running');
    assert.equal(s.ports.lastView.status.error, null);
  });

  test('a network failure shows offline at once', async () => {
    const api = new ScriptedApi();
    const s = await setup({ api });
    api.schedulerErrors = [new ApiError('network', 'Could not reach api.useapi.net')];
    s.c.checkNow();
    await s.monitor().whenIdle();
    assert.equal(s.ports.lastRender.state, 'offline');
    assert.equal(s.ports.lastRender.icon.file1x, 'offline.png');
  });

  test('401 shows error at once and the window knows the reason', async () => {
    const api = new ScriptedApi();
    const s = await setup({ api });
    api.schedulerErrors = [new ApiError('unauthorized', 'Unauthorized', { status: 401 })];
    s.c.checkNow();
    await s.monitor().whenIdle();
    assert.equal(s.ports.lastRender.state, 'error');
    assert.equal(s.ports.lastView.status.error?.reason, 'unauthorized');
    assert.match(s.ports.lastRender.tooltip, /token was rejected/);
  });
});

describe('controller: notifications', () => {
  async function finishJobs(s: Setup, ids: string[]): Promise<void> {
    s.api.list = ids.map((id) => runningJob(id));
    s.c.checkNow();
    await s.monitor().whenIdle();
    for (const id of ids) s.api.statuses.set(runningJob(id).id, completed(runningJob(id).id, `prompt ${id}`));
    s.api.list = [];
    s.c.checkNow();
    await s.monitor().whenIdle();
  }

  test('a finished job gives one notification with its prompt and an https link', async () => {
    const s = await setup();
    await finishJobs(s, ['f1']);
    assert.equal(s.ports.shown.length, 1);
    const n = s.ports.shown[0]!;
    assert.equal(n.title, 'Video ready');
    assert.match(n.body, /prompt f1/);
    assert.match(n.url ?? '', /^https:\/\/cdn\.example\//);
    assert.equal(s.ports.lastView.history[0]!.outcome, 'succeeded');
  });

  test('three at once give a single summary', async () => {
    const s = await setup();
    await finishJobs(s, ['a', 'b', 'c']);
    assert.equal(s.ports.shown.length, 1);
    assert.equal(s.ports.shown[0]!.kind, 'summary');
    assert.equal(s.ports.shown[0]!.title, '3 jobs finished');
  });

  test('muted for an hour: nothing is shown, the mute is saved; unmute shows again', async () => {
    const s = await setup();
    assert.deepEqual(await s.commands.handle('notifications:mute', { minutes: 60 }), { ok: true });
    assert.equal(s.settings.value.mutedUntilMs, T0 + 3_600_000);
    assert.equal(s.ports.lastView.status.mutedUntilMs, T0 + 3_600_000);
    assert.equal(s.ports.lastRender.muted, true);
    await finishJobs(s, ['m1']);
    assert.equal(s.ports.shown.length, 0);
    await s.commands.handle('notifications:mute', { minutes: null });
    assert.equal(s.ports.lastView.status.mutedUntilMs, null);
    await finishJobs(s, ['m2']);
    assert.equal(s.ports.shown.length, 1);
    const refused = await s.commands.handle('notifications:mute', { minutes: 0 });
    assert.equal(refused.ok, false);
  });

  test('hidePrompts set in the window keeps prompts out of notifications', async () => {
    const s = await setup();
    assert.deepEqual(await s.commands.handle('settings:update', { hidePrompts: true }), { ok: true });
    await finishJobs(s, ['h1']);
    assert.ok(!s.ports.shown[0]!.body.includes('prompt h1'));
  });

  test('unavailable notifications are reported in the view', async () => {
    const s = await setup();
    s.ports.notificationsDown = true;
    s.c.notificationsChanged();
    assert.equal(s.ports.lastView.status.notificationsUnavailable, true);
  });
});

describe('controller: job actions', () => {
  test('stop tracking: only for a running job; sends DELETE and drops the row without a notification', async () => {
    const api = new ScriptedApi();
    const j = runningJob('st1');
    api.list = [j];
    const s = await setup({ api });
    const unknown = await s.commands.handle('jobs:stop-tracking', { id: 'user:1-minimax:1-video:nope' });
    assert.deepEqual(unknown, { ok: false, message: 'That job is no longer running.' });
    assert.equal(api.count('stopTracking'), 0);

    assert.deepEqual(await s.commands.handle('jobs:stop-tracking', { id: j.id }), { ok: true });
    assert.deepEqual(
      api.calls.filter((c) => c.startsWith('stopTracking')),
      [`stopTracking ${j.id}`],
    );
    assert.equal(s.ports.lastView.running.length, 0);
    s.c.checkNow();
    await s.monitor().whenIdle();
    assert.equal(s.ports.shown.length, 0);
  });

  test('stop tracking treats "not found" as already gone; other failures are reported', async () => {
    const api = new ScriptedApi();
    const j = runningJob('st2');
    api.list = [j];
    const s = await setup({ api });
    api.stopTrackingError = new ApiError('server-busy', 'useapi.net is busy (502)', { status: 502 });
    assert.deepEqual(await s.commands.handle('jobs:stop-tracking', { id: j.id }), {
      ok: false,
      message: 'useapi.net is busy (502)',
    });
    api.stopTrackingError = new ApiError('not-found', 'Unable to locate running job', { status: 404 });
    assert.deepEqual(await s.commands.handle('jobs:stop-tracking', { id: j.id }), { ok: true });
    assert.equal(s.ports.lastView.running.length, 0);
  });

  test('cancel: images are refused; a video is cancelled and polled at once', async () => {
    const api = new ScriptedApi();
    const video = runningJob('cv1');
    const image = runningJob('ci1', 'image');
    api.list = [video, image];
    const s = await setup({ api });
    const refused = await s.commands.handle('jobs:cancel-video', { id: image.id });
    assert.equal(refused.ok, false);
    assert.equal(api.count('cancelVideo'), 0);
    const polls = api.count('listScheduler');
    assert.deepEqual(await s.commands.handle('jobs:cancel-video', { id: video.id }), { ok: true });
    await s.monitor().whenIdle();
    assert.deepEqual(
      api.calls.filter((c) => c.startsWith('cancelVideo')),
      [`cancelVideo ${video.id}`],
    );
    assert.equal(api.count('listScheduler'), polls + 1);
  });

  test('clear history empties the list', async () => {
    const s = await setup();
    s.api.list = [runningJob('hh')];
    s.c.checkNow();
    await s.monitor().whenIdle();
    s.api.statuses.set(runningJob('hh').id, completed(runningJob('hh').id));
    s.api.list = [];
    s.c.checkNow();
    await s.monitor().whenIdle();
    assert.equal(s.ports.lastView.history.length, 1);
    assert.deepEqual(await s.commands.handle('history:clear', undefined), { ok: true });
    assert.equal(s.ports.lastView.history.length, 0);
  });

  test('links: only https is opened; copy puts text on the clipboard', async () => {
    const s = await setup();
    assert.deepEqual(await s.commands.handle('link:open', { url: 'https://useapi.net/docs' }), { ok: true });
    for (const url of [
      'http://useapi.net',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
    ]) {
      const r = await s.commands.handle('link:open', { url });
      assert.equal(r.ok, false, url);
    }
    assert.deepEqual(s.ports.opened, ['https://useapi.net/docs']);
    assert.deepEqual(await s.commands.handle('link:copy', { text: 'abc' }), { ok: true });
    assert.deepEqual(s.ports.copied, ['abc']);
    assert.equal((await s.commands.handle('link:copy', { text: '' })).ok, false);
  });
});

describe('controller: settings', () => {
  test('a refused change is not saved; a fixed interval re-plans the next poll', async () => {
    const s = await setup();
    const bad = await s.commands.handle('settings:update', { pollingMode: 'fixed', fixedIntervalMs: 1000 });
    assert.equal(bad.ok, false);
    assert.equal(s.settings.saves, 0);

    assert.deepEqual(
      await s.commands.handle('settings:update', { pollingMode: 'fixed', fixedIntervalMs: 45_000 }),
      {
        ok: true,
      },
    );
    assert.equal(s.settings.value.fixedIntervalMs, 45_000);
    s.c.checkNow();
    await s.monitor().whenIdle();
    const snap = s.monitor().snapshot();
    assert.equal((snap.nextPollMs ?? 0) - (snap.lastPollMs ?? 0), 45_000);
    assert.equal(s.ports.lastView.settings.pollingMode, 'fixed');
  });

  test('a new API address rebuilds the client against it', async () => {
    const s = await setup();
    assert.deepEqual(
      await s.commands.handle('settings:update', { apiBaseUrl: 'https://proxy.example/v1/minimax/' }),
      {
        ok: true,
      },
    );
    assert.deepEqual(s.builds[s.builds.length - 1], {
      apiBase: 'https://proxy.example/v1/minimax',
      token: TOKEN,
    });
    const bad = await s.commands.handle('settings:update', { apiBaseUrl: 'http://evil.example' });
    assert.equal(bad.ok, false);
    assert.match((bad as { message: string }).message, /https/);
  });

  test('start at login goes through the system port; a refusal keeps the old value', async () => {
    const s = await setup();
    assert.deepEqual(await s.commands.handle('settings:update', { startAtLogin: true }), { ok: true });
    assert.deepEqual(s.ports.loginItem, [true]);
    assert.equal(s.settings.value.startAtLogin, true);
    s.ports.loginItemError = new Error('The login item could not be removed.');
    const r = await s.commands.handle('settings:update', { startAtLogin: false });
    assert.deepEqual(r, { ok: false, message: 'The login item could not be removed.' });
    assert.equal(s.settings.value.startAtLogin, true);
  });

  test('a disk that refuses the save is reported', async () => {
    const s = await setup();
    s.settings.failSave = true;
    const r = await s.commands.handle('settings:update', { hidePrompts: true });
    assert.equal(r.ok, false);
    assert.equal(s.ports.lastView.settings.hidePrompts, false);
  });
});

describe('controller: requests made only while the window is visible', () => {
  test('website jobs off: account names (cached 1 h), capacity and progress only while visible', async () => {
    const api = new ScriptedApi();
    api.list = [runningJob('v1')];
    const s = await setup({ api, websiteJobs: false });
    await s.advance(10 * 60_000);
    assert.equal(api.count('listAccounts'), 0);
    assert.equal(api.count('schedulerAvailable'), 0);
    assert.equal(api.count('getJobStatus'), 0);

    s.c.setWindowVisible(true);
    await s.monitor().whenIdle();
    assert.equal(api.count('listAccounts'), 1);
    assert.equal(api.count('schedulerAvailable'), 1);
    await s.advance(5_000); // a regular poll
    assert.equal(api.count('schedulerAvailable'), 1, 'with regular polls, capacity at most every 15 s');
    s.c.checkNow();
    await s.monitor().whenIdle();
    assert.equal(api.count('schedulerAvailable'), 2, '"Check now" refreshes capacity too');
    await s.advance(CAPACITY_TTL_MS);
    const v = s.ports.lastView;
    assert.equal(v.running[0]!.accountName, 'Studio A');
    assert.equal(v.running[0]!.percent, 50);
    assert.deepEqual(
      v.capacity,
      api.capacity.map((c) => ({
        ...c,
        accountName: c.account === '333333' ? 'Studio A' : null,
        problem: null,
      })),
    );
    assert.equal(api.count('schedulerAvailable'), 3, 'capacity again after a later poll');
    assert.equal(api.count('listAccounts'), 1, 'names are cached');

    await s.advance(ACCOUNTS_TTL_MS + 1);
    assert.equal(api.count('listAccounts'), 2, 'refreshed after an hour');

    s.c.setWindowVisible(false);
    const counts = [api.count('listAccounts'), api.count('schedulerAvailable'), api.count('getJobStatus')];
    await s.advance(3 * ACCOUNTS_TTL_MS);
    assert.deepEqual(
      [api.count('listAccounts'), api.count('schedulerAvailable'), api.count('getJobStatus')],
      counts,
    );
    assert.equal(s.ports.lastView.running[0]!.percent, null);
  });

  test('capacity numbers that cannot be right reach the window as sent, flagged with the problem', async () => {
    const api = new ScriptedApi();
    api.capacity = [
      { account: '333333', maxJobs: 2, executing: 5, available: -3 },
      { account: '444444', maxJobs: 3, executing: -1, available: 4 },
      { account: '555555', maxJobs: 3, executing: 3, available: 0 },
    ];
    const s = await setup({ api });
    s.c.setWindowVisible(true);
    await s.monitor().whenIdle();
    assert.deepEqual(
      s.ports.lastView.capacity.map((c) => [c.account, c.executing, c.maxJobs, c.problem]),
      [
        ['333333', 5, 2, 'over-limit'],
        ['444444', -1, 3, 'invalid'],
        ['555555', 3, 3, null],
      ],
    );
  });
});

describe('controller: website jobs', () => {
  const websiteVideo = (): ListedJob => ({
    id: 'user:7777-minimax:333333-video:900',
    kind: 'video',
    account: '333333',
    localId: '900',
    createdMs: null,
    status: {
      id: 'user:7777-minimax:333333-video:900',
      final: false,
      outcome: null,
      status: 1,
      statusLabel: 'processing',
      percent: 20,
      message: null,
      resultUrl: null,
      coverUrl: null,
      prompt: null,
    },
  });

  test('on by default: listed in the window (marked), counted in the tray, cancel yes, stop tracking no', async () => {
    const api = new ScriptedApi();
    api.list = [runningJob('v1')];
    api.lists.set('333333 video', [websiteVideo()]);
    const s = await setup({ api });
    await s.advance(60_000);
    const view = s.ports.lastView;
    assert.deepEqual(
      view.running.map((r) => [r.shortId, r.source]),
      [
        ['v1', 'api'],
        ['900', 'website'],
      ],
    );
    assert.equal(s.ports.lastRender.count, 2, 'the tray count includes website jobs');
    const id = websiteVideo().id;
    const stop = await s.commands.handle('jobs:stop-tracking', { id });
    assert.equal(stop.ok, false);
    assert.match((stop as { message: string }).message, /only jobs started through the API/i);
    assert.equal(api.count('stopTracking'), 0, 'DELETE /scheduler cannot act on it: nothing sent');
    assert.deepEqual(await s.commands.handle('jobs:cancel-video', { id }), { ok: true });
    assert.equal(api.count('cancelVideo'), 1);
  });

  test('GET /accounts at most once per reconcile cycle, cached 1 h, for names and lists alike', async () => {
    const api = new ScriptedApi();
    const s = await setup({ api });
    assert.equal(api.count('listAccounts'), 1, 'the first reconcile needs the account ids');
    s.c.setWindowVisible(true);
    s.c.checkNow();
    await s.advance(30 * 60_000);
    assert.equal(api.count('listAccounts'), 1, 'the window and "check now" reuse that answer');
    assert.ok(api.count('listVideos') >= 2, 'the lists were read again');
    await s.advance(ACCOUNTS_TTL_MS);
    assert.equal(api.count('listAccounts'), 2);
  });

  test('turned off in Settings: no list or accounts request any more, and the website jobs go', async () => {
    const api = new ScriptedApi();
    api.lists.set('333333 video', [websiteVideo()]);
    const s = await setup({ api });
    await s.advance(60_000);
    assert.equal(s.ports.lastView.running.length, 1);
    assert.deepEqual(await s.commands.handle('settings:update', { websiteJobs: false }), { ok: true });
    assert.equal(s.settings.value.websiteJobs, false, 'saved');
    assert.equal(s.ports.lastView.settings.websiteJobs, false);
    assert.equal(s.ports.lastView.running.length, 0);
    const counts = [api.count('listAccounts'), api.count('listVideos'), api.count('listImages')];
    s.c.checkNow();
    await s.advance(3 * ACCOUNTS_TTL_MS);
    assert.deepEqual([api.count('listAccounts'), api.count('listVideos'), api.count('listImages')], counts);
  });
});

describe('controller: debug info', () => {
  test('says where the token is but never contains it', async () => {
    const s = await setup();
    const info = s.c.debugInfo({ electron: '45.5.0' });
    assert.match(info, /MiniMax Tray 9\.9\.9/);
    assert.match(info, /token: stored \(keychain\)/);
    assert.match(info, /electron: 45\.5\.0/);
    assert.ok(!info.includes(TOKEN));
    assert.ok(!info.includes('TestToken'));
  });
});

describe('controller: the ledger file', () => {
  test('a ledger from a newer version is kept as it is; the window says so and jobs are still watched', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'controller-ledger-'));
    try {
      const ledgerPath = path.join(dir, 'ledger.json');
      const content = '{"version":42,"fromTheFuture":true}';
      writeFileSync(ledgerPath, content);
      const api = new ScriptedApi();
      api.list = [runningJob('job1')];
      const s = await setup({ api, ledgerPath });
      const problem = s.ports.lastView.status.ledgerProblem ?? '';
      assert.match(problem, /newer version/);
      assert.ok(problem.includes(ledgerPath), 'names the file');
      assert.equal(s.ports.lastView.running.length, 1, 'polling goes on');
      assert.equal(s.ports.lastRender.count, 1);
      await s.c.stop();
      assert.equal(readFileSync(ledgerPath, 'utf8'), content);
      assert.deepEqual(readdirSync(dir), ['ledger.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
