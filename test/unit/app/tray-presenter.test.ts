import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ERROR_AFTER_FAILURES,
  jobsRunningLabel,
  presentTray,
  problemText,
  REASON_EFFECT,
  trayStateFor,
} from '../../../main/app/tray-presenter.ts';
import { ERROR_REASONS, type ErrorReason } from '../../../main/core/types.ts';
import type { TrayState } from '../../../main/ipc.ts';

const base = { previous: 'running' as TrayState, paused: false, consecutiveFailures: 1, runningCount: 2 };

describe('tray state from the error reason', () => {
  const table: Array<[ErrorReason, TrayState]> = [
    ['network', 'offline'],
    ['timeout', 'offline'],
    ['unauthorized', 'error'],
    ['account-on-hold', 'error'],
  ];
  for (const [reason, expected] of table) {
    test(`${reason} → ${expected} on the first failure`, () => {
      assert.equal(trayStateFor({ ...base, errorReason: reason }), expected);
    });
  }

  const transient: ErrorReason[] = ['rate-limited', 'server-busy', 'bad-response', 'api-error'];
  for (const reason of transient) {
    test(`${reason} keeps the previous state until ${ERROR_AFTER_FAILURES} failures in a row, then error`, () => {
      for (let n = 1; n < ERROR_AFTER_FAILURES; n++) {
        assert.equal(trayStateFor({ ...base, errorReason: reason, consecutiveFailures: n }), 'running');
        assert.equal(
          trayStateFor({
            ...base,
            previous: 'idle',
            errorReason: reason,
            consecutiveFailures: n,
            runningCount: 0,
          }),
          'idle',
        );
      }
      assert.equal(
        trayStateFor({ ...base, errorReason: reason, consecutiveFailures: ERROR_AFTER_FAILURES }),
        'error',
      );
    });
  }

  test('every error reason has an entry in the table', () => {
    for (const r of ERROR_REASONS) assert.ok(REASON_EFFECT[r], r);
    for (const r of ERROR_REASONS) assert.ok(problemText(r), r);
  });

  test('paused wins over everything', () => {
    assert.equal(trayStateFor({ ...base, paused: true, errorReason: 'unauthorized' }), 'paused');
    assert.equal(trayStateFor({ ...base, paused: true, errorReason: null }), 'paused');
  });

  test('no error: running with jobs, idle without', () => {
    assert.equal(trayStateFor({ ...base, previous: 'offline', errorReason: null }), 'running');
    assert.equal(trayStateFor({ ...base, previous: 'error', errorReason: null, runningCount: 0 }), 'idle');
  });

  test('a transient failure right after resuming does not keep showing paused', () => {
    assert.equal(
      trayStateFor({ ...base, previous: 'paused', errorReason: 'server-busy', consecutiveFailures: 1 }),
      'running',
    );
  });
});

describe('tray look per platform and count', () => {
  test('labels carry the count in words', () => {
    assert.equal(jobsRunningLabel(0), 'No jobs running');
    assert.equal(jobsRunningLabel(1), '1 job running');
    assert.equal(jobsRunningLabel(9), '9 jobs running');
    assert.equal(jobsRunningLabel(12), '12 jobs running');
  });

  const counts: Array<[number, string]> = [
    [0, 'idle.png'],
    [1, 'running-1.png'],
    [9, 'running-9.png'],
    [10, 'running-9plus.png'],
    [42, 'running-9plus.png'],
  ];
  for (const [count, file] of counts) {
    test(`Linux/Windows, ${count} running: icon ${file}, count in tooltip and menu, no title`, () => {
      for (const platform of ['linux', 'win32']) {
        const p = presentTray({ state: count > 0 ? 'running' : 'idle', count, platform });
        assert.equal(p.icon.file1x, file);
        assert.equal(p.icon.file2x, file.replace('.png', '@2x.png'));
        assert.equal(p.title, '');
        assert.equal(p.template, false);
        assert.equal(p.menuLabel, jobsRunningLabel(count));
        assert.ok(p.tooltip.includes(jobsRunningLabel(count)), p.tooltip);
      }
    });
    test(`macOS, ${count} running: template icon, exact count as the title`, () => {
      const p = presentTray({ state: count > 0 ? 'running' : 'idle', count, platform: 'darwin' });
      assert.equal(p.template, true);
      assert.match(p.icon.file1x, /Template\.png$/);
      assert.match(p.icon.file2x, /Template@2x\.png$/);
      assert.equal(p.title, count > 0 ? String(count) : '');
      assert.ok(p.tooltip.includes(jobsRunningLabel(count)));
    });
  }

  test('offline and error say so, and the count is marked as last known', () => {
    const off = presentTray({
      state: 'offline',
      count: 3,
      platform: 'linux',
      problem: problemText('network'),
    });
    assert.equal(off.icon.file1x, 'offline.png');
    assert.equal(off.menuLabel, '3 jobs running (last known) · offline');
    assert.match(off.tooltip, /3 jobs running \(last known\); no connection to useapi\.net/);

    const err = presentTray({
      state: 'error',
      count: 0,
      platform: 'win32',
      problem: problemText('unauthorized'),
    });
    assert.equal(err.icon.file1x, 'error.png');
    assert.equal(err.menuLabel, 'No jobs running · error');
    assert.match(err.tooltip, /token was rejected/);

    const macErr = presentTray({ state: 'error', count: 4, platform: 'darwin' });
    assert.equal(macErr.icon.file1x, 'errorTemplate.png');
    assert.equal(macErr.title, '4');
  });

  test('paused shows the paused icon and says so', () => {
    const p = presentTray({ state: 'paused', count: 2, platform: 'linux' });
    assert.equal(p.icon.file1x, 'paused.png');
    assert.equal(p.menuLabel, '2 jobs running · polling paused');
  });

  test('without a token the label tells the user what to do', () => {
    const p = presentTray({ state: 'idle', count: 0, platform: 'darwin', needsToken: true });
    assert.equal(p.menuLabel, 'No API token: open Settings');
    assert.match(p.tooltip, /add your useapi\.net API token/);
    assert.equal(p.title, '');
  });

  test('a nonsense count is shown as zero', () => {
    const p = presentTray({ state: 'running', count: Number.NaN, platform: 'linux' });
    assert.equal(p.count, 0);
    assert.equal(p.menuLabel, 'No jobs running');
  });
});
