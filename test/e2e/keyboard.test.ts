// Browser end-to-end: every action of the job window with the keyboard only
// (see test/support/e2e/scenarios.ts).
import { after, describe, test } from 'node:test';
import { keyboardOnly } from '../support/e2e/scenarios.ts';
import { closeBrowser, launchApp } from './harness.ts';

after(() => closeBrowser());

describe('browser end-to-end: keyboard only', () => {
  test('check now, stop tracking, cancel, copy link, open result, clear history, settings and token, Esc', () =>
    keyboardOnly(launchApp));
});
