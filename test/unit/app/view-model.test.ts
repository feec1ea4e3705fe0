// The window's view and the tray render are pure functions of one monitor snapshot.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings } from '../../../main/app/settings.ts';
import { shortcutView } from '../../../main/app/shortcut.ts';
import { buildTrayRender, buildViewModel, nextTrayState } from '../../../main/app/view-model.ts';
import type { MonitorSnapshot } from '../../../main/core/monitor/job-monitor.ts';
import type { FinishedJob } from '../../../main/core/types.ts';
import { runningJob, T0 } from './fakes.ts';

function snapshot(over: Partial<MonitorSnapshot> = {}): MonitorSnapshot {
  return {
    running: [],
    history: [],
    progress: {},
    accounts: { names: {}, capacity: [] },
    lastPollMs: T0,
    nextPollMs: T0 + 5_000,
    lastError: null,
    consecutiveFailures: 0,
    staleSinceMs: null,
    paused: false,
    pausedBy: [],
    requestCount: 1,
    pollCount: 1,
    saveError: null,
    ...over,
  };
}

function finished(account: string): FinishedJob {
  return {
    id: `user:7777-minimax:${account}-video:42`,
    kind: 'video',
    account,
    source: 'api',
    outcome: 'succeeded',
    resultUrl: 'https://cdn.example/42.mp4',
    coverUrl: 'http://cdn.example/42.jpg',
    prompt: 'a fox',
    durationMs: 60_000,
    finishedAtMs: T0,
    startedMs: T0 - 60_000,
    replyRef: null,
    status: 2,
    statusLabel: 'completed',
    message: null,
  };
}

function view(snap: MonitorSnapshot, windowVisible = true) {
  const settings = defaultSettings();
  return buildViewModel({
    snapshot: snap,
    settings,
    token: { stored: true, storage: 'keychain', note: null },
    trayState: nextTrayState(snap, 'idle', {}),
    windowVisible,
    notificationsUnavailable: false,
    trayUnavailable: false,
    ledgerProblem: null,
    version: '1.2.3',
    shortcut: shortcutView({ settings, active: null, refused: null, platform: 'linux' }),
    nowMs: T0,
    saving: null,
  });
}

describe('view model', () => {
  test('running and finished rows carry the account name when GET /accounts gave one', () => {
    const names = { '333333': 'Studio A' };
    const v = view(
      snapshot({
        running: [runningJob('a1')],
        history: [finished('333333'), finished('999999')],
        accounts: { names, capacity: [] },
      }),
    );
    assert.equal(v.running[0]!.accountName, 'Studio A');
    assert.deepEqual(
      v.history.map((h) => [h.account, h.accountName]),
      [
        ['333333', 'Studio A'],
        ['999999', null],
      ],
    );
  });

  test('only https links reach the window; percentages only while it is open', () => {
    const job = runningJob('p1');
    const snap = snapshot({ running: [job], progress: { [job.id]: 42 }, history: [finished('333333')] });
    assert.equal(view(snap).history[0]!.coverUrl, null, 'the http cover is dropped');
    assert.equal(view(snap).history[0]!.resultUrl, 'https://cdn.example/42.mp4');
    assert.equal(view(snap, true).running[0]!.percent, 42);
    assert.equal(view(snap, false).running[0]!.percent, null);
  });

  test('a missing token is not an error for the tray; the user pausing is', () => {
    const err = {
      type: 'error' as const,
      at: new Date(T0).toISOString(),
      reason: 'unauthorized' as const,
      message: 'No API token is stored.',
      status: null,
      account: null,
      retryAtMs: null,
    };
    assert.equal(nextTrayState(snapshot({ lastError: err, pausedBy: ['no-token'] }), 'idle', {}), 'idle');
    assert.equal(
      nextTrayState(snapshot({ lastError: err, pausedBy: ['unauthorized'] }), 'idle', {}),
      'error',
    );
    assert.equal(nextTrayState(snapshot({ pausedBy: ['user'] }), 'running', {}), 'paused');
    assert.equal(
      nextTrayState(snapshot({ pausedBy: ['sleep'] }), 'idle', {}),
      'idle',
      'sleep is not a user pause',
    );
  });

  test('the tray render counts the running jobs and knows the toggles', () => {
    const r = buildTrayRender({
      snapshot: snapshot({ running: [runningJob('a'), runningJob('b', 'image')], pausedBy: ['user'] }),
      trayState: 'paused',
      settings: { ...defaultSettings(), mutedUntilMs: T0 + 60_000 },
      platform: 'linux',
      hasToken: true,
      nowMs: T0,
    });
    assert.equal(r.count, 2);
    assert.equal(r.paused, true);
    assert.equal(r.muted, true);
    assert.match(r.tooltip, /2 jobs running/);
  });
});
