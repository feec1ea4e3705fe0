import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eventLine, formatJobsTable, formatStarted, ordinal, PLAIN } from '../../../main/cli/human.ts';
import type { CliJob } from '../../../main/cli/output.ts';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const job = (over: Partial<CliJob>): CliJob => ({
  id: 'user:1111-minimax:222222-video:333',
  kind: 'video',
  account: '222222',
  started: new Date(NOW - 65_000).toISOString(),
  elapsedMs: 65_000,
  replyRef: null,
  replyUrl: null,
  source: 'api',
  ...over,
});
const DATE = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/;

describe('the list table', () => {
  test('shows both kinds, the elapsed time in the one duration format, and a count', () => {
    const table = formatJobsTable(
      [
        job({}),
        job({
          id: 'user:1111-minimax:222222-image:444',
          kind: 'image',
          started: null,
          elapsedMs: 35_000,
          source: 'website',
        }),
      ],
      NOW,
    );
    const [header, video, image, count] = table.split('\n');
    assert.match(header ?? '', /^KIND\s+ID\s+SOURCE\s+ACCOUNT\s+STARTED\s+ELAPSED/);
    assert.match(video ?? '', /^video\s+333\s+api\s+222222\s+\S+\s+1 min 5 s$/);
    assert.match(image ?? '', /^image\s+444\s+website\s+222222\s+—\s+35 s$/, 'a website job is marked');
    assert.equal(count, '2 jobs running');
  });

  test('an empty list says so; with --no-website-jobs it says website jobs were not looked for', () => {
    assert.equal(formatJobsTable([], NOW), 'No jobs running.');
    assert.match(formatJobsTable([], NOW, false), /No jobs running.*--no-website-jobs.*hailuoai website/);
  });

  test('with --account the count and the empty-list sentence name the accounts', () => {
    assert.equal(formatJobsTable([], NOW, true, ['100001']), 'No jobs running in account 100001.');
    assert.match(
      formatJobsTable([], NOW, false, ['100001', '100002']),
      /^No jobs of accounts 100001, 100002 running in the API’s scheduler\. \(--no-website-jobs/,
    );
    const table = formatJobsTable([job({})], NOW, true, ['222222']);
    assert.equal(table.split('\n').at(-1), '1 job running in account 222222');
  });

  test('a start in the future shows its date and a clock-skew note, not a time earlier today', () => {
    const table = formatJobsTable(
      [job({ started: new Date(NOW + 3 * 3_600_000).toISOString(), elapsedMs: 0 })],
      NOW,
    );
    const row = table.split('\n')[1] ?? '';
    assert.match(row, DATE, 'the date is shown');
    assert.match(row, /\(!\)\s+—/, 'marked, and no elapsed time is made up');
    assert.match(table, /\(!\) start time in the future: this computer's clock or the API's is off/);
  });

  test('a start earlier today shows the time of day only; another day shows the date', () => {
    assert.doesNotMatch(formatStarted(new Date(NOW - 60_000).toISOString(), NOW).text, DATE);
    const yesterday = formatStarted(new Date(NOW - 30 * 3_600_000).toISOString(), NOW);
    assert.match(yesterday.text, DATE);
    assert.equal(yesterday.future, false);
    assert.equal(
      formatStarted(new Date(NOW + 30_000).toISOString(), NOW).future,
      false,
      'small skew tolerated',
    );
  });
});

describe('watch lines', () => {
  test('columns line up whatever the width of the outcome word', () => {
    const at = '2025-06-01T12:00:00.000Z';
    const lines = (['succeeded', 'failed', 'moderated', 'unknown', 'started', 'waiting'] as const).map((w) =>
      eventLine(at, w, 'video 1000000', 'DETAIL', PLAIN),
    );
    const subjectAt = lines.map((l) => l.indexOf('video'));
    const detailAt = lines.map((l) => l.indexOf('DETAIL'));
    assert.equal(new Set(subjectAt).size, 1, lines.join('\n'));
    assert.equal(new Set(detailAt).size, 1, lines.join('\n'));
  });

  test('ordinals read as English', () => {
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 23].map(ordinal), [
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
    ]);
  });
});
