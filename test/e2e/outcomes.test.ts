// Browser end-to-end: finished jobs (succeeded, failed, moderated) give notifications, history
// rows and a lower count (see test/support/e2e/scenarios.ts).
import { after, describe, test } from 'node:test';
import { outcomes } from '../support/e2e/scenarios.ts';
import { closeBrowser, launchApp } from './harness.ts';

after(() => closeBrowser());

describe('browser end-to-end: finished jobs', () => {
  test('a succeeded video, a failed image and a moderated video each notify, move to history and lower the count', () =>
    outcomes(launchApp));
});
