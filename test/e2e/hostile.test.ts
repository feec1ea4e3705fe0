// Browser end-to-end: hostile strings from the API are shown as text and never run
// (see test/support/e2e/scenarios.ts).
import { after, describe, test } from 'node:test';
import { hostileStrings } from '../support/e2e/scenarios.ts';
import { closeBrowser, launchApp } from './harness.ts';

after(() => closeBrowser());

describe('browser end-to-end: hostile API strings', () => {
  test('markup, scripts, very long ids, right-to-left and emoji text are shown as text and never executed', () =>
    hostileStrings(launchApp));
});
