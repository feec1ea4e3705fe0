// The alerts above the job lists, as the pure function renderer/alerts.ts computes them from a
// ViewModel: what each state says, which buttons it offers, and in what order. No browser needed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { alertsFor, problemKey, type Alert } from '../../../renderer/alerts.ts';
import {
  accountOnHoldView,
  emptyView,
  FIXTURE_NOW_MS,
  fixtureViews,
  jobsView,
  noTokenView,
  offlineView,
  okStatus,
  pausedMutedView,
  unauthorizedView,
  view,
} from '../../support/view-fixtures.ts';
import type { StatusInfo } from '../../../main/ipc.ts';
import type { ErrorReason } from '../../../main/core/types.ts';
import { strings } from '../../../renderer/strings.ts';

const NOW = FIXTURE_NOW_MS; // 14:07:30 UTC
const UTC = { locale: 'en-GB', timeZone: 'UTC' };
const MIN = 60_000;

/** Title, tone and button labels: what a user reads on each alert. */
function seen(alerts: Alert[]): Array<{ tone: string; title: string; buttons: string[] }> {
  return alerts.map((a) => ({ tone: a.tone, title: a.title, buttons: a.actions.map((x) => x.label) }));
}

function withError(error: StatusInfo['error'], extra: Partial<StatusInfo> = {}) {
  return view({ status: { ...okStatus(NOW), state: 'error', error, ...extra } });
}

describe('alertsFor: healthy states say nothing', () => {
  test('jobs running or nothing running, token stored, no error: no alert', () => {
    assert.deepEqual(alertsFor(jobsView(NOW), NOW, UTC), []);
    assert.deepEqual(alertsFor(emptyView(NOW), NOW, UTC), []);
  });
});

describe('alertsFor: the token', () => {
  test('no token: asks for one, with "Add token" first and a link to how to get one', () => {
    const alerts = alertsFor(noTokenView(NOW), NOW, UTC);
    assert.deepEqual(seen(alerts), [
      { tone: 'info', title: 'Add your useapi.net API token', buttons: ['Add token', 'How to get a token'] },
    ]);
    assert.equal(alerts[0]!.actions[0]!.primary, true);
    assert.deepEqual(
      alerts[0]!.actions.map((a) => a.id),
      ['add-token', 'token-help'],
    );
  });

  test('no token says nothing about failing checks, even when main reports an error', () => {
    const v = noTokenView(NOW);
    v.status.error = { reason: 'network', message: 'down', status: null, account: null };
    assert.deepEqual(
      alertsFor(v, NOW, UTC).map((a) => a.title),
      ['Add your useapi.net API token'],
    );
  });

  test('401: the token was rejected, "Replace token", and since when the list is old', () => {
    const alerts = alertsFor(unauthorizedView(NOW), NOW, UTC);
    assert.deepEqual(seen(alerts), [
      { tone: 'error', title: 'Your API token was rejected', buttons: ['Replace token'] },
    ]);
    assert.equal(alerts[0]!.detail, 'Out of date — showing jobs as of 14:02');
  });
});

describe('alertsFor: failing checks', () => {
  test('offline: the title says the list is from the last good check; the detail is the error', () => {
    const [a, ...rest] = alertsFor(offlineView(NOW), NOW, UTC);
    assert.equal(rest.length, 0);
    assert.equal(a!.tone, 'warning');
    assert.equal(a!.iconName, 'offline');
    assert.equal(a!.title, 'Offline — showing jobs as of 14:02');
    assert.match(a!.body, /internet connection/);
    assert.equal(a!.detail, 'getaddrinfo ENOTFOUND api.useapi.net');
  });

  test('offline with no list yet: "Can\'t reach useapi.net"', () => {
    const v = withError({ reason: 'timeout', message: 'timed out after 20 s', status: null, account: null });
    assert.equal(alertsFor(v, NOW, UTC)[0]!.title, "Can't reach useapi.net");
  });

  test('account on hold names the account (HTTP 596) and says what to do', () => {
    const [a] = alertsFor(accountOnHoldView(NOW), NOW, UTC);
    assert.equal(a!.title, 'Account 335571234 is on hold');
    assert.match(a!.body, /HTTP 596/);
  });

  test('rate limited: says the next check waits, offers no button to hammer the API', () => {
    const v = withError({ reason: 'rate-limited', message: 'Too many', status: 429, account: null });
    const [a] = alertsFor(v, NOW, UTC);
    assert.equal(a!.title, 'Too many requests');
    assert.deepEqual(a!.actions, []);
  });

  test('server busy and other errors carry the HTTP status in the detail', () => {
    const busy = withError({ reason: 'server-busy', message: 'Bad gateway', status: 502, account: null });
    assert.equal(alertsFor(busy, NOW, UTC)[0]!.detail, 'Bad gateway (HTTP 502)');
    const bad = withError({ reason: 'bad-response', message: 'Not JSON', status: 200, account: null });
    const [a] = alertsFor(bad, NOW, UTC);
    assert.equal(a!.title, 'The last check failed');
    assert.equal(a!.detail, 'Not JSON (HTTP 200)');
  });

  test('an error while the list is stale puts the stale time first in the detail', () => {
    const v = withError(
      { reason: 'api-error', message: 'Something odd', status: 418, account: null },
      { staleSinceMs: NOW - 3 * MIN },
    );
    assert.equal(
      alertsFor(v, NOW, UTC)[0]!.detail,
      'Out of date — showing jobs as of 14:04. Something odd (HTTP 418)',
    );
  });

  test('a stale list without a current error still says so', () => {
    const v = view({ status: { ...okStatus(NOW), state: 'offline', staleSinceMs: NOW - 10 * MIN } });
    assert.deepEqual(
      alertsFor(v, NOW, UTC).map((a) => a.title),
      ['Offline — showing jobs as of 13:57'],
    );
  });
});

describe('alertsFor: paused and muted', () => {
  test('paused and muted are two one-line alerts, in that order, with Resume and Unmute', () => {
    const alerts = alertsFor(pausedMutedView(NOW), NOW, UTC);
    assert.deepEqual(seen(alerts), [
      { tone: 'info', title: 'Checking for jobs is paused.', buttons: ['Resume'] },
      { tone: 'info', title: 'Notifications muted until 14:59', buttons: ['Unmute'] },
    ]);
    assert.ok(alerts.every((a) => a.body === '' && a.detail === null));
  });

  test('a mute that has run out is not shown', () => {
    const v = view({ status: { ...okStatus(NOW), mutedUntilMs: NOW - 1 } });
    assert.deepEqual(alertsFor(v, NOW, UTC), []);
  });

  test('an error and a pause both show, the error first', () => {
    const v = withError(
      { reason: 'network', message: 'down', status: null, account: null },
      { paused: true },
    );
    assert.deepEqual(
      alertsFor(v, NOW, UTC).map((a) => a.tone),
      ['warning', 'info'],
    );
  });
});

describe('alertsFor: "Check now" appears once, in the header', () => {
  test('no alert of any fixture or error reason carries a Check now button of its own', () => {
    // Every error reason: the status line has a word for each (a Record over ErrorReason).
    const reasons = Object.keys(strings.status.errors) as ErrorReason[];
    const views = [
      ...Object.values(fixtureViews(NOW)),
      ...reasons.map((reason) => withError({ reason, message: 'x', status: 500, account: '1' })),
    ];
    for (const v of views) {
      const labels = alertsFor(v, NOW, UTC).flatMap((a) => a.actions.map((x) => x.label));
      assert.ok(
        !labels.includes('Check now'),
        `${v.status.error?.reason ?? 'fixture'}: ${labels.join(', ')}`,
      );
    }
  });
});

describe('problemKey: what is announced once', () => {
  test('the same error on every failed poll keeps its key; another account on hold is a new one', () => {
    const a = withError({ reason: 'network', message: 'one', status: null, account: null });
    const b = withError({ reason: 'network', message: 'two', status: null, account: null });
    assert.equal(problemKey(a), problemKey(b));
    const hold1 = withError({ reason: 'account-on-hold', message: '', status: 596, account: '1' });
    const hold2 = withError({ reason: 'account-on-hold', message: '', status: 596, account: '2' });
    assert.notEqual(problemKey(hold1), problemKey(hold2));
  });

  test('no problem has the empty key; no token is a problem of its own', () => {
    assert.equal(problemKey(jobsView(NOW)), '');
    assert.equal(problemKey(noTokenView(NOW)), 'no-token');
  });
});
