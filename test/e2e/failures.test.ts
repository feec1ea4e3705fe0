// Browser end-to-end: a revoked token (401) and a server that goes down and comes back
// (see test/support/e2e/scenarios.ts).
import { after, describe, test } from 'node:test';
import { serverDownAndBack, unauthorized } from '../support/e2e/scenarios.ts';
import { closeBrowser, launchApp } from './harness.ts';

after(() => closeBrowser());

describe('browser end-to-end: failures and recovery', () => {
  test('401: the window offers "Replace token", the tray shows the error; a new token recovers', () =>
    unauthorized(launchApp));

  test('server down, then back: offline state with a stale-list banner, then recovery with no duplicate notification', () =>
    serverDownAndBack(launchApp));
});
