// Browser end-to-end: jobs started on the hailuoai website (see test/support/e2e/website-jobs.ts).
import { after, describe, test } from 'node:test';
import { websiteJobs } from '../support/e2e/website-jobs.ts';
import { closeBrowser, launchApp } from './harness.ts';

after(() => closeBrowser());

describe('browser end-to-end: website jobs', () => {
  test('a website job is marked, can be cancelled but not stopped tracking, counts on the tray, notifies once', () =>
    websiteJobs(launchApp));
});
