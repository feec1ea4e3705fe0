import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../../main/core/api/errors.ts';
import { normaliseAccounts } from '../../../../main/core/api/normalise/accounts.ts';
import { decideFinality } from '../../../../main/core/api/normalise/outcome.ts';
import {
  normaliseAvailable,
  normaliseSchedulerList,
  parseSchedulerBody,
} from '../../../../main/core/api/normalise/scheduler.ts';
import { normaliseJobStatus } from '../../../../main/core/api/normalise/status.ts';
import {
  MAX_LABEL_CHARS,
  MAX_MESSAGE_CHARS,
  MAX_PROMPT_CHARS,
} from '../../../../main/core/api/normalise/text-caps.ts';
import {
  parseElapsedMs,
  parseIsoMs,
  parseStartedMs,
} from '../../../../main/core/api/normalise/timestamps.ts';
import type { Logger } from '../../../../main/core/types.ts';
import { silentLogger } from '../../../../main/core/types.ts';
import {
  DOC_ACCOUNTS_EXAMPLE,
  DOC_AVAILABLE_EXAMPLE,
  DOC_SCHEDULER_EXAMPLE,
  DOC_VIDEO_EXAMPLE,
  SESSION_TOKEN,
} from './fixtures.ts';

/** A logger that records warnings. */
function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { ...silentLogger, warn: (m: string) => void warnings.push(m), warnings };
}

const VIDEO = 'user:1111-minimax:222222-video:333';
const IMAGE = 'user:1111-minimax:222222-image:444';
const T0 = Date.UTC(2025, 0, 1, 10, 0, 0);

describe('scheduler list (GET /scheduler/)', () => {
  test("the documentation's example gives a video job and an image job (image id under videoId)", () => {
    const jobs = normaliseSchedulerList(DOC_SCHEDULER_EXAMPLE, silentLogger);
    assert.deepEqual(jobs, [
      {
        id: VIDEO,
        kind: 'video',
        account: '222222',
        startedMs: T0,
        reportedElapsedMs: (3 * 60 + 57) * 1000,
        replyRef: '<optional>',
        replyUrl: '<optional>',
        source: 'api',
      },
      {
        id: IMAGE,
        kind: 'image',
        account: '222222',
        startedMs: T0 + 3 * 60_000,
        reportedElapsedMs: 35_000,
        replyRef: '<optional>',
        replyUrl: '<optional>',
        source: 'api',
      },
    ]);
  });

  test('an id under imageId is read too, and the kind still comes from the id string', () => {
    const [a, b] = normaliseSchedulerList(
      [{ imageId: IMAGE }, { imageId: VIDEO.replace('333', '777') }],
      silentLogger,
    );
    assert.equal(a?.kind, 'image');
    assert.equal(b?.kind, 'video');
  });

  test('an entry naming two different jobs in videoId and imageId keeps both; the same id twice is one', () => {
    const other = 'user:1111-minimax:222222-image:555';
    const jobs = normaliseSchedulerList(
      [
        { videoId: VIDEO, imageId: other, elapsed: '00:10' },
        { videoId: IMAGE, imageId: IMAGE },
      ],
      silentLogger,
    );
    assert.deepEqual(
      jobs.map((j) => [j.id, j.kind, j.reportedElapsedMs]),
      [
        [VIDEO, 'video', 10_000],
        [other, 'image', 10_000],
        [IMAGE, 'image', null],
      ],
    );
  });

  test('started given as a number in seconds and in milliseconds gives the same instant', () => {
    const jobs = normaliseSchedulerList(
      [
        { videoId: `${VIDEO}1`, started: T0 / 1000 },
        { videoId: `${VIDEO}2`, started: T0 },
        { videoId: `${VIDEO}3`, started: String(T0 / 1000) },
        { videoId: `${VIDEO}4`, started: '2025-01-01T10:00:00.000Z' },
      ],
      silentLogger,
    );
    assert.deepEqual(
      jobs.map((j) => j.startedMs),
      [T0, T0, T0, T0],
    );
  });

  test('elapsed past 59:59 is read as minutes; H:MM:SS and plain seconds too', () => {
    const jobs = normaliseSchedulerList(
      [
        { videoId: `${VIDEO}1`, elapsed: '61:05' },
        { videoId: `${VIDEO}2`, elapsed: '123:04' },
        { videoId: `${VIDEO}3`, elapsed: '1:02:03' },
        { videoId: `${VIDEO}4`, elapsed: 90 },
        { videoId: `${VIDEO}5`, elapsed: 'a while' },
        { videoId: `${VIDEO}6` },
      ],
      silentLogger,
    );
    assert.deepEqual(
      jobs.map((j) => j.reportedElapsedMs),
      [3_665_000, 7_384_000, 3_723_000, 90_000, null, null],
    );
  });

  test('a repeated id counts once (first occurrence wins)', () => {
    const jobs = normaliseSchedulerList(
      [{ videoId: VIDEO, elapsed: '00:10' }, { imageId: IMAGE }, { videoId: VIDEO, elapsed: '00:20' }],
      silentLogger,
    );
    assert.equal(jobs.length, 2);
    assert.equal(jobs[0]?.reportedElapsedMs, 10_000);
  });

  test('entries without a recognisable id are skipped with a warning; the rest are kept', () => {
    const logger = recordingLogger();
    const jobs = normaliseSchedulerList(
      [
        { started: '2025-01-01T10:00:00.000Z' },
        { videoId: 'user:1111-minimax:222222-file:555' },
        { videoId: 12345 },
        'not an object',
        null,
        [VIDEO],
        { videoId: VIDEO },
      ],
      logger,
    );
    assert.deepEqual(
      jobs.map((j) => j.id),
      [VIDEO],
    );
    assert.equal(logger.warnings.length, 1);
    assert.match(logger.warnings[0] ?? '', /skipped 6 of 7/);
  });

  test('one malformed item does not change how the other items are read', () => {
    const good = [
      { videoId: VIDEO, started: '2025-01-01T10:00:00.000Z', elapsed: '01:05', replyRef: 'r1' },
      { imageId: IMAGE, started: 1735725600, elapsed: 65, replyUrl: 'https://example.com/hook' },
      { videoId: VIDEO, elapsed: '00:20' },
    ];
    const alone = normaliseSchedulerList(good, silentLogger);
    assert.equal(alone.length, 2);
    for (const bad of [{ videoId: 42 }, { videoId: VIDEO, imageId: false }, 'text', null, [VIDEO]]) {
      const logger = recordingLogger();
      const mixed = normaliseSchedulerList([good[0], bad, good[1], good[2]], logger);
      assert.deepEqual(mixed, alone, JSON.stringify(bad));
      assert.match(logger.warnings[0] ?? '', /skipped 1 of 4 .*at index 1\)/);
    }
  });

  test('a malformed field does not drop the job: it reads as null', () => {
    const [job] = normaliseSchedulerList(
      [{ videoId: VIDEO, started: { at: 'noon' }, elapsed: [1], replyUrl: 7, replyRef: false }],
      silentLogger,
    );
    assert.equal(job?.id, VIDEO);
    assert.equal(job?.startedMs, null);
    assert.equal(job?.reportedElapsedMs, null);
    assert.equal(job?.replyUrl, null);
    assert.equal(job?.replyRef, null);
  });

  test('unknown fields are ignored and do not reach the result', () => {
    const [job] = normaliseSchedulerList([{ videoId: VIDEO, model: 'hailuo-02', priority: 3 }], silentLogger);
    assert.deepEqual(Object.keys(job ?? {}).sort(), [
      'account',
      'id',
      'kind',
      'replyRef',
      'replyUrl',
      'reportedElapsedMs',
      'source',
      'startedMs',
    ]);
  });

  test('an empty list means nothing is running', () => {
    assert.deepEqual(normaliseSchedulerList([], silentLogger), []);
  });

  test('a body that is not an array is a bad-response ApiError', () => {
    for (const body of [{ jobs: [] }, null, 'x', 3]) {
      assert.throws(
        () => normaliseSchedulerList(body, silentLogger),
        (e: unknown) => e instanceof ApiError && e.reason === 'bad-response',
      );
    }
  });

  test('parseSchedulerBody parses the text itself and rejects non-JSON as bad-response', () => {
    assert.equal(parseSchedulerBody(JSON.stringify(DOC_SCHEDULER_EXAMPLE), silentLogger).length, 2);
    assert.throws(
      () => parseSchedulerBody('<html>', silentLogger),
      (e: unknown) => e instanceof ApiError && e.reason === 'bad-response',
    );
  });
});

describe('started timestamps', () => {
  test('ISO-8601 forms: Z, offsets, no zone (UTC), space separator, date only', () => {
    assert.equal(parseStartedMs('2025-01-01T10:00:00.000Z'), T0);
    assert.equal(parseStartedMs('2025-01-01T11:00:00+01:00'), T0);
    assert.equal(parseStartedMs('2025-01-01T08:30:00-0130'), T0);
    assert.equal(parseStartedMs('2025-01-01T10:00:00'), T0);
    assert.equal(parseStartedMs('2025-01-01 10:00'), T0);
    assert.equal(parseStartedMs('2025-01-01T10:00:00.5Z'), T0 + 500);
    assert.equal(parseStartedMs('2025-01-01'), Date.UTC(2025, 0, 1));
  });

  test('numbers below 1e11 are seconds, at or above are milliseconds', () => {
    // Just below the threshold is seconds (year 5138), at it milliseconds (1973): both absurd.
    assert.equal(parseStartedMs(99_999_999_999), null);
    assert.equal(parseStartedMs(1e11), null);
    assert.equal(parseStartedMs(1_735_725_600), T0);
    assert.equal(parseStartedMs(1_735_725_600.25), T0 + 250);
    assert.equal(parseStartedMs(1_735_725_600_000), T0);
    assert.equal(parseStartedMs('1735725600000'), T0);
  });

  test('unparsable or absurd values give null', () => {
    for (const v of [
      undefined,
      null,
      '',
      'yesterday',
      '2025-13-01T00:00:00Z',
      '2025-02-30T00:00:00Z',
      '2025-01-01T25:00:00Z',
      '2025-01-01T10:00:00Zjunk',
      0,
      -5,
      Number.NaN,
      1e20,
      '1899-01-01T00:00:00Z',
      true,
      {},
    ]) {
      assert.equal(parseStartedMs(v), null, String(v));
    }
  });

  test('the hand-written ISO parser agrees with Date.parse on toISOString output', () => {
    for (let t = Date.UTC(2000, 0, 1); t < Date.UTC(2100, 0, 1); t += 86_400_000 * 37 + 3_601_017) {
      const iso = new Date(t).toISOString();
      assert.equal(parseIsoMs(iso), Date.parse(iso), iso);
    }
  });
});

describe('elapsed durations', () => {
  test('MM:SS, MMM:SS, H:MM:SS and seconds', () => {
    assert.equal(parseElapsedMs('03:57'), 237_000);
    assert.equal(parseElapsedMs('00:35'), 35_000);
    assert.equal(parseElapsedMs('100:00'), 6_000_000);
    assert.equal(parseElapsedMs('2:00:01'), 7_201_000);
    assert.equal(parseElapsedMs('42'), 42_000);
    assert.equal(parseElapsedMs(1.5), 1_500);
  });

  test('malformed values give null', () => {
    for (const v of ['03:75', '1:60:00', '', ':', '3:', ':30', '1:2:3:4', '03:5x', -1, 'soon', null]) {
      assert.equal(parseElapsedMs(v), null, String(v));
    }
  });
});

describe('scheduler capacity (GET /scheduler/available)', () => {
  test("the documentation's example", () => {
    const result = normaliseAvailable(DOC_AVAILABLE_EXAMPLE, silentLogger);
    assert.deepEqual(
      result.executing.map((j) => [j.id, j.kind]),
      [[VIDEO, 'video']],
    );
    assert.deepEqual(result.available, [{ account: '222222', maxJobs: 5, executing: 3, available: 2 }]);
  });

  test('missing arrays read as empty; bad capacity entries are skipped; available is derived', () => {
    const logger = recordingLogger();
    const result = normaliseAvailable(
      { available: [{ account: 9, maxJobs: 4, executing: 1 }, { maxJobs: 1 }, 'x'] },
      logger,
    );
    assert.deepEqual(result.executing, []);
    assert.deepEqual(result.available, [{ account: '9', maxJobs: 4, executing: 1, available: 3 }]);
    assert.equal(logger.warnings.length, 1);
  });

  test('a body of the wrong shape is a bad-response', () => {
    for (const body of [[], null, { executing: 'many' }]) {
      assert.throws(
        () => normaliseAvailable(body, silentLogger),
        (e: unknown) => e instanceof ApiError && e.reason === 'bad-response',
      );
    }
  });
});

describe('job status (GET /videos/{id}, GET /images/{id})', () => {
  test("the documentation's completed video: succeeded, download URL preferred, prompt from desc", () => {
    assert.deepEqual(normaliseJobStatus(DOC_VIDEO_EXAMPLE, VIDEO), {
      id: VIDEO,
      final: true,
      outcome: 'succeeded',
      status: 2,
      statusLabel: 'completed',
      percent: 100,
      message: null,
      resultUrl: 'https://cdn.example/video.mp4',
      coverUrl: 'https://cdn.example/cover.jpg',
      prompt: 'a cat surfing a wave at sunset',
    });
  });

  test('without downloadURL the result is videoURL (images keep their .png there)', () => {
    const s = normaliseJobStatus(
      {
        status: 2,
        statusFinal: true,
        videoURL: 'https://cdn.example/i.png',
        coverURL: 'https://cdn.example/i.webp',
      },
      IMAGE,
    );
    assert.equal(s.resultUrl, 'https://cdn.example/i.png');
  });

  test('status table with statusFinal: 2 succeeded, 3 failed, 5/7/14 moderated, other final codes failed', () => {
    const cases: Array<[number, string]> = [
      [2, 'succeeded'],
      [3, 'failed'],
      [5, 'moderated'],
      [7, 'moderated'],
      [14, 'moderated'],
      [99, 'failed'],
      [1, 'failed'],
    ];
    for (const [status, outcome] of cases) {
      const s = normaliseJobStatus({ status, statusFinal: true }, VIDEO);
      assert.equal(s.final, true, String(status));
      assert.equal(s.outcome, outcome, String(status));
    }
  });

  test('statusFinal false means running whatever the code, with percent and message', () => {
    for (const status of [0, 1, 11, 12, 2, 99]) {
      const s = normaliseJobStatus({ status, statusFinal: false, percent: 40, message: 'Queued' }, VIDEO);
      assert.equal(s.final, false);
      assert.equal(s.outcome, null);
      assert.equal(s.percent, 40);
      assert.equal(s.message, 'Queued');
    }
  });

  test('without statusFinal the codes decide; an unknown code is not final', () => {
    const cases: Array<[number, boolean, string | null]> = [
      [0, false, null],
      [1, false, null],
      [11, false, null],
      [12, false, null],
      [2, true, 'succeeded'],
      [3, true, 'failed'],
      [5, true, 'moderated'],
      [7, true, 'moderated'],
      [14, true, 'moderated'],
      [42, false, null],
    ];
    for (const [status, final, outcome] of cases) {
      const s = normaliseJobStatus({ status }, VIDEO);
      assert.equal(s.final, final, String(status));
      assert.equal(s.outcome, outcome, String(status));
    }
  });

  test('final without a status code: succeeded only when a result URL exists', () => {
    assert.deepEqual(decideFinality(undefined, true, true), { final: true, outcome: 'succeeded' });
    assert.deepEqual(decideFinality(undefined, true, false), { final: true, outcome: 'failed' });
  });

  test('a body without status and statusFinal, or not an object, is a bad-response', () => {
    for (const body of [{ id: '333' }, [], 'done', null]) {
      assert.throws(
        () => normaliseJobStatus(body, VIDEO),
        (e: unknown) => e instanceof ApiError && e.reason === 'bad-response',
      );
    }
  });
});

describe('accounts (GET /accounts)', () => {
  test('name, maxJobs, session expiry and error are read from the documented shape', () => {
    const accounts = normaliseAccounts(DOC_ACCOUNTS_EXAMPLE, silentLogger);
    assert.deepEqual(accounts, [
      {
        account: '222222',
        name: 'Ada',
        maxJobs: 3,
        sessionExpiresMs: Date.UTC(2026, 0, 1) + 500,
        error: null,
      },
      {
        account: '333333',
        name: null,
        maxJobs: 2,
        sessionExpiresMs: Date.UTC(2026, 0, 1),
        error: 'Session expired, please update the account',
      },
    ]);
  });

  test('the MiniMax session token is dropped on receipt', () => {
    const accounts = normaliseAccounts(structuredClone(DOC_ACCOUNTS_EXAMPLE), silentLogger);
    assert.equal(accounts.length, 2);
    assert.ok(!JSON.stringify(accounts).includes(SESSION_TOKEN));
    for (const a of accounts) assert.ok(!('jwt' in a) && !('token' in a));
  });

  test('the key is the account id when the entry has none; non-objects are skipped', () => {
    const logger = recordingLogger();
    const accounts = normaliseAccounts({ '444': { maxJobs: 1 }, '555': 'broken' }, logger);
    assert.deepEqual(
      accounts.map((a) => a.account),
      ['444'],
    );
    assert.equal(logger.warnings.length, 1);
  });

  test('a body that is not an object is a bad-response', () => {
    assert.throws(
      () => normaliseAccounts('nope', silentLogger),
      (e: unknown) => e instanceof ApiError && e.reason === 'bad-response',
    );
  });
});

test('job status texts are capped and over-long URLs dropped, so the ledger stays small', () => {
  const id = 'user:1-minimax:2-video:3';
  const st = normaliseJobStatus(
    {
      status: 2,
      statusFinal: true,
      desc: 'p'.repeat(50_000),
      message: 'm'.repeat(50_000),
      statusLabel: 'l'.repeat(1_000),
      downloadURL: `https://cdn.example/${'u'.repeat(20_000)}`,
      videoURL: 'https://cdn.example/ok.mp4',
      coverURL: `https://cdn.example/${'c'.repeat(20_000)}`,
    },
    id,
  );
  assert.equal(st.prompt?.length, MAX_PROMPT_CHARS);
  assert.ok(st.prompt?.endsWith('…'));
  assert.equal(st.message?.length, MAX_MESSAGE_CHARS);
  assert.equal(st.statusLabel?.length, MAX_LABEL_CHARS);
  assert.equal(
    st.resultUrl,
    'https://cdn.example/ok.mp4',
    'an over-long downloadURL is dropped for videoURL',
  );
  assert.equal(st.coverUrl, null);
  assert.equal(st.outcome, 'succeeded');
});
