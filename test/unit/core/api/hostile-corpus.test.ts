// Hostile-input corpus: bodies (and a few header tricks) a broken proxy, a changed API or an
// attacker on the path could send, served over real HTTP to UseapiClient on every endpoint it
// parses. Each call must end in a clear ApiError or a well-formed normalised result; nothing may
// crash, hang or leave an unhandled rejection, and the response size stays capped.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { UseapiClient, DEFAULT_MAX_BODY_BYTES } from '../../../../main/core/api/client.ts';
import { isApiError } from '../../../../main/core/api/errors.ts';
import { parseJobId } from '../../../../main/core/api/job-id.ts';
import {
  ERROR_REASONS,
  type AccountCapacity,
  type AccountInfo,
  type ErrorReason,
  type JobStatus,
  type Logger,
  type ListedJob,
  type RunningJob,
} from '../../../../main/core/types.ts';

const TOKEN = 'user:4242-corpusSecretToken0123456789';
const SESSION_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2Vzc2lvbi1zZWNyZXQ.corpus-session-signature';
const VIDEO = 'user:4242-minimax:777-video:1';
const IMAGE = 'user:4242-minimax:777-image:2';
const MB = 1024 * 1024;
const REASONS: ReadonlySet<ErrorReason> = new Set<ErrorReason>(ERROR_REASONS);

/** What the server sends for one corpus entry. `stream` writes the body itself (chunked). */
interface Reply {
  status?: number;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  stream?: (res: http.ServerResponse) => void;
}

type Endpoint =
  'scheduler' | 'available' | 'video' | 'image' | 'accounts' | 'stop' | 'cancel' | 'videos' | 'images';
const ENDPOINTS: readonly Endpoint[] = [
  'scheduler',
  'available',
  'video',
  'image',
  'accounts',
  'stop',
  'cancel',
  'videos',
  'images',
];

/** An expectation: an error reason, or a check of the normalised result. */
type Expect = ErrorReason | ((result: unknown) => void);

interface Entry {
  name: string;
  reply: Reply | (() => Reply);
  /** Per-endpoint expectations; `all` applies where no endpoint-specific one is given. */
  expect?: Partial<Record<Endpoint | 'all', Expect>>;
}

// ---- result shape checks ------------------------------------------------------------------------

const isNullOrString = (v: unknown) => v === null || typeof v === 'string';
const isNullOrFinite = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function plainKeys(o: unknown, keys: readonly string[], what: string): Record<string, unknown> {
  assert.ok(typeof o === 'object' && o !== null && !Array.isArray(o), `${what} is an object`);
  assert.equal(Object.getPrototypeOf(o), Object.prototype, `${what} is a plain object`);
  assert.deepEqual(Object.keys(o).sort(), [...keys].sort(), `${what} has exactly its fields`);
  return o as Record<string, unknown>;
}

function checkRunningJob(j: unknown): RunningJob {
  const o = plainKeys(
    j,
    ['id', 'kind', 'account', 'startedMs', 'reportedElapsedMs', 'replyRef', 'replyUrl', 'source'],
    'scheduler job',
  );
  assert.equal(o.source, 'api', 'a scheduler job is an API job');
  const parsed = parseJobId(o.id as string);
  assert.ok(parsed, `id parses: ${String(o.id).slice(0, 80)}`);
  assert.equal(o.kind, parsed.kind);
  assert.equal(o.account, parsed.account);
  assert.ok(isNullOrFinite(o.startedMs) && isNullOrFinite(o.reportedElapsedMs));
  assert.ok(o.reportedElapsedMs === null || (o.reportedElapsedMs as number) >= 0);
  assert.ok(isNullOrString(o.replyRef) && isNullOrString(o.replyUrl));
  return o as unknown as RunningJob;
}

function checkJobList(v: unknown): RunningJob[] {
  assert.ok(Array.isArray(v), 'a list');
  const jobs = v.map(checkRunningJob);
  assert.equal(new Set(jobs.map((j) => j.id)).size, jobs.length, 'no duplicate ids');
  return jobs;
}

function checkCapacity(c: unknown): AccountCapacity {
  const o = plainKeys(c, ['account', 'maxJobs', 'executing', 'available'], 'capacity');
  assert.equal(typeof o.account, 'string');
  for (const k of ['maxJobs', 'executing', 'available']) assert.ok(Number.isFinite(o[k]), k);
  return o as unknown as AccountCapacity;
}

function checkAvailable(v: unknown): { executing: RunningJob[]; available: AccountCapacity[] } {
  const o = plainKeys(v, ['executing', 'available'], 'available');
  checkJobList(o.executing);
  assert.ok(Array.isArray(o.available));
  o.available.forEach(checkCapacity);
  return o as unknown as { executing: RunningJob[]; available: AccountCapacity[] };
}

function checkStatus(askedId: string) {
  return (v: unknown): JobStatus => {
    const o = plainKeys(
      v,
      [
        'id',
        'final',
        'outcome',
        'status',
        'statusLabel',
        'percent',
        'message',
        'resultUrl',
        'coverUrl',
        'prompt',
      ],
      'job status',
    );
    assert.equal(o.id, askedId, 'the status is of the job asked for');
    assert.equal(typeof o.final, 'boolean');
    if (o.final) assert.ok(['succeeded', 'failed', 'moderated'].includes(o.outcome as string));
    else assert.equal(o.outcome, null);
    assert.ok(isNullOrFinite(o.status) && isNullOrFinite(o.percent));
    for (const k of ['statusLabel', 'message', 'resultUrl', 'coverUrl', 'prompt'])
      assert.ok(isNullOrString(o[k]), k);
    return o as unknown as JobStatus;
  };
}

function checkListed(kind: 'video' | 'image') {
  return (v: unknown): ListedJob[] => {
    assert.ok(Array.isArray(v), 'a list');
    const jobs = v.map((item) => {
      const o = plainKeys(item, ['id', 'kind', 'account', 'localId', 'createdMs', 'status'], 'listed job');
      const parsed = parseJobId(o.id as string);
      assert.ok(parsed, `the full id parses: ${String(o.id).slice(0, 80)}`);
      assert.equal(o.kind, kind, 'only items of the listed kind');
      assert.equal(o.account, parsed.account);
      assert.equal(o.localId, parsed.localId);
      assert.ok(o.createdMs === null || Number.isFinite(o.createdMs));
      checkStatus(o.id as string)(o.status);
      return o as unknown as ListedJob;
    });
    assert.equal(new Set(jobs.map((j) => j.id)).size, jobs.length, 'no duplicate ids');
    return jobs;
  };
}

function checkAccounts(v: unknown): AccountInfo[] {
  assert.ok(Array.isArray(v));
  assert.ok(!JSON.stringify(v).includes(SESSION_TOKEN), 'no session token in the result');
  return v.map((a) => {
    const o = plainKeys(a, ['account', 'name', 'maxJobs', 'sessionExpiresMs', 'error'], 'account');
    assert.ok(typeof o.account === 'string' && o.account !== '');
    assert.ok(isNullOrString(o.name) && isNullOrFinite(o.maxJobs) && isNullOrFinite(o.sessionExpiresMs));
    assert.ok(o.error === null || (typeof o.error === 'string' && o.error.length <= 300));
    return o as unknown as AccountInfo;
  });
}

const DEFAULT_CHECK: Record<Endpoint, (v: unknown) => unknown> = {
  scheduler: checkJobList,
  available: checkAvailable,
  video: checkStatus(VIDEO),
  image: checkStatus(IMAGE),
  accounts: checkAccounts,
  stop: (v) => assert.equal(v, undefined),
  cancel: (v) => assert.equal(v, undefined),
  videos: checkListed('video'),
  images: checkListed('image'),
};

/** A result check that first applies the endpoint's shape check. */
function ok<T>(endpoint: Endpoint, more: (v: T) => void = () => {}): Expect {
  return (v) => more(DEFAULT_CHECK[endpoint](v) as T);
}

// ---- the corpus ----------------------------------------------------------------------------------

const json = (value: unknown, status = 200): Reply => ({
  status,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(value),
});
const raw = (body: string | Buffer, status = 200, contentType = 'application/json'): Reply => ({
  status,
  headers: { 'Content-Type': contentType },
  body,
});
const item = (id: unknown, extra: Record<string, unknown> = {}) => ({
  videoId: id,
  started: '2026-01-01T10:00:00.000Z',
  elapsed: '01:00',
  ...extra,
});
const onlyJobs = (ids: string[]) =>
  ok<RunningJob[]>('scheduler', (jobs) =>
    assert.deepEqual(
      jobs.map((j) => j.id),
      ids,
    ),
  );
const noJobs = onlyJobs([]);
/** Writes `total` bytes of `chunk` repeated, as a chunked body, stopping when the client hangs up. */
function streamBytes(total: number, chunk = Buffer.alloc(64 * 1024, 0x20)) {
  return (res: http.ServerResponse) => {
    let sent = 0;
    const pump = () => {
      while (sent < total && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
}
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const ODD_IDS = {
  long: `user:4242-minimax:777-video:${'9'.repeat(200_000)}`,
  rtl: 'user:4242-minimax:777-video:\u202egpj.exe',
  emoji: 'user:4242-minimax:777-image:🎬🔥👩‍👩‍👧',
  html: 'user:4242-minimax:<script>alert(1)</script>-video:<img src=x onerror=alert(2)>',
  nul: 'user:4242-minimax:777-video:a\u0000b',
  redos: `user:4242-minimax:${'1-video:1'.repeat(120_000)}\n`,
};

const CORPUS: Entry[] = [
  // wrong top-level types
  {
    name: 'an object where a list is expected',
    reply: json({ jobs: [] }),
    expect: {
      scheduler: 'bad-response',
      video: 'bad-response',
      accounts: ok('accounts', (a: AccountInfo[]) => assert.equal(a.length, 0, 'a list is not an account')),
    },
  },
  {
    name: 'an empty list everywhere',
    reply: json([]),
    expect: { scheduler: noJobs, available: 'bad-response', video: 'bad-response', accounts: ok('accounts') },
  },
  {
    name: 'null',
    reply: json(null),
    expect: { all: 'bad-response', stop: ok('stop'), cancel: ok('cancel') },
  },
  {
    name: 'a bare number',
    reply: raw('42'),
    expect: { scheduler: 'bad-response', accounts: 'bad-response' },
  },
  {
    name: 'a bare string',
    reply: json('jobs'),
    expect: { scheduler: 'bad-response', video: 'bad-response' },
  },
  {
    name: 'a bare boolean',
    reply: raw('true'),
    expect: { scheduler: 'bad-response', available: 'bad-response' },
  },
  // wrong field types, missing fields, nulls
  {
    name: 'ids of the wrong type',
    reply: json([item(123), item([VIDEO]), item({ id: VIDEO }), item(true), { imageId: 7 }]),
    expect: { scheduler: noJobs },
  },
  {
    name: 'items without any id',
    reply: json([{ started: '2026-01-01T10:00:00Z', elapsed: '00:10' }, {}]),
    expect: { scheduler: noJobs },
  },
  {
    name: 'nulls in every field',
    reply: json([
      { videoId: null, imageId: IMAGE, started: null, elapsed: null, replyRef: null, replyUrl: null },
    ]),
    expect: { scheduler: noJobs, video: 'bad-response' },
  },
  {
    name: 'status fields all null',
    reply: json({ status: null, statusFinal: null, percent: null, videoURL: null, desc: null }),
    expect: { video: 'bad-response', image: 'bad-response' },
  },
  {
    name: 'numbers as strings',
    reply: json({
      status: '2',
      statusFinal: 'true',
      percent: '50',
      0: item(VIDEO, { started: '1767261600', elapsed: '61' }),
      available: [{ account: '777', maxJobs: '5', executing: '1' }],
      executing: [item(VIDEO, { started: '1767261600' })],
    }),
    expect: {
      video: 'bad-response',
      available: ok<{ executing: RunningJob[]; available: AccountCapacity[] }>('available', (a) => {
        assert.equal(a.executing[0]?.startedMs, 1_767_261_600_000, 'epoch seconds as a numeric string');
        assert.deepEqual(a.available, [], 'capacity with string numbers is skipped');
      }),
    },
  },
  {
    name: 'scheduler times as numeric strings and garbage',
    reply: raw(
      JSON.stringify([
        item(VIDEO, { started: '1767261600000', elapsed: '61' }),
        item(IMAGE, { started: 'yesterday', elapsed: '99:99:99' }),
        item('user:4242-minimax:777-video:3', { started: 'HUGE', elapsed: -5 }),
        item('user:4242-minimax:777-video:4', { started: '9999-12-31T23:59:59Z', elapsed: '1e9' }),
      ]).replace('"HUGE"', '1e400'),
    ),
    expect: {
      scheduler: ok<RunningJob[]>('scheduler', (jobs) => {
        assert.equal(jobs.length, 4);
        assert.equal(jobs[0]?.startedMs, 1_767_261_600_000);
        assert.equal(jobs[0]?.reportedElapsedMs, 61_000);
        for (const j of jobs.slice(1)) assert.equal(j.startedMs, null, `absurd start of ${j.id} dropped`);
      }),
    },
  },
  {
    name: 'mixed junk items around one good one',
    reply: json([1, 'x', null, [], {}, false, item(VIDEO), item(VIDEO)]),
    expect: { scheduler: onlyJobs([VIDEO]) },
  },
  {
    name: 'statusFinal true with an unknown status code and absurd numbers',
    reply: json({ status: 99, statusFinal: true, percent: -1e308, message: 'x'.repeat(10_000) }),
    expect: { video: ok<JobStatus>('video', (s) => assert.equal(s.outcome, 'failed')) },
  },
  {
    name: 'numbers out of range (1e400 is Infinity)',
    reply: raw(
      '{"status": 1e400, "statusFinal": true, "downloadURL": "https://cdn.example/x.mp4", "percent": 1e400}',
    ),
    expect: {
      video: ok<JobStatus>('video', (s) => {
        assert.equal(s.status, null);
        assert.equal(s.percent, null);
        assert.equal(s.outcome, 'succeeded', 'final with a result link and no usable code');
      }),
    },
  },
  {
    name: 'duplicate keys (the last one wins, as in JSON.parse)',
    reply: raw('{"status": 3, "status": 2, "statusFinal": true}'),
    expect: { video: ok<JobStatus>('video', (s) => assert.equal(s.outcome, 'succeeded')) },
  },
  {
    name: 'a status of another job',
    reply: json({ videoId: 'user:1-minimax:1-video:999', status: 2, statusFinal: true }),
    expect: { video: ok('video'), image: ok('image') },
  },
  // huge
  {
    name: 'a huge list of empty objects (200 000)',
    reply: () => raw(`[${Array.from({ length: 200_000 }, () => '{}').join(',')}]`),
    expect: { scheduler: noJobs, accounts: ok('accounts', (a: AccountInfo[]) => assert.equal(a.length, 0)) },
  },
  {
    name: 'a huge list of valid jobs (30 000, ~3 MB)',
    reply: () =>
      json(
        Array.from({ length: 30_000 }, (_, i) =>
          item(`user:4242-minimax:777-video:${i}`, { replyRef: `r${i}` }),
        ),
      ),
    expect: { scheduler: ok<RunningJob[]>('scheduler', (jobs) => assert.equal(jobs.length, 30_000)) },
  },
  {
    name: '3 MB of whitespace around an empty list',
    reply: () => raw(`${' '.repeat(3 * MB)}[]${'\n'.repeat(1000)}`),
    expect: { scheduler: noJobs },
  },
  // deep nesting
  {
    name: 'arrays nested 100 000 deep',
    reply: () => raw(deepArray(100_000)),
    expect: { scheduler: noJobs, video: 'bad-response', available: 'bad-response' },
  },
  {
    name: 'objects nested 100 000 deep',
    reply: () => raw(deepObject(100_000)),
    expect: { scheduler: 'bad-response', video: 'bad-response', accounts: ok('accounts') },
  },
  {
    name: 'deep nesting inside a field of a good item',
    reply: () =>
      raw(`[{"videoId": "${VIDEO}", "replyRef": ${deepArray(100_000)}, "started": ${deepObject(50_000)}}]`),
    expect: {
      scheduler: ok<RunningJob[]>('scheduler', (jobs) => {
        assert.equal(jobs[0]?.replyRef, null);
        assert.equal(jobs[0]?.startedMs, null);
      }),
    },
  },
  {
    name: 'a deeply nested error field on a 200',
    reply: () => raw(`{"error": ${deepObject(100_000)}}`),
    expect: { all: 'bad-response', stop: 'bad-response', cancel: 'bad-response' },
  },
  // encoding
  {
    name: 'invalid UTF-8 inside strings',
    reply: () =>
      raw(
        Buffer.concat([
          Buffer.from(`[{"videoId": "${VIDEO}`),
          Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
          Buffer.from('"}, {"videoId": "'),
          Buffer.from([0xed, 0xa0, 0x80]),
          Buffer.from('"}]'),
        ]),
      ),
    expect: {
      scheduler: ok<RunningJob[]>('scheduler', (jobs) => {
        assert.equal(jobs.length, 1);
        assert.ok(
          jobs[0]?.id.startsWith(VIDEO) && jobs[0].id.includes('\ufffd'),
          'decoded with replacement chars',
        );
      }),
    },
  },
  {
    name: 'invalid UTF-8 outside strings',
    reply: () => raw(Buffer.from([0x5b, 0xff, 0xfe, 0x5d])),
    expect: { all: 'bad-response' },
  },
  {
    name: 'a byte-order mark before the JSON',
    reply: () =>
      raw(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify([item(VIDEO)]))])),
    expect: { scheduler: onlyJobs([VIDEO]) },
  },
  {
    name: 'lone surrogates in \\u escapes',
    reply: raw(`[{"videoId": "\\ud800"}, {"videoId": "${VIDEO}\\udfff"}]`),
    expect: { scheduler: ok<RunningJob[]>('scheduler', (jobs) => assert.equal(jobs.length, 1)) },
  },
  // not JSON
  {
    name: 'an HTML page with a JSON content type',
    reply: raw('<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>'),
    expect: { all: 'bad-response', stop: 'bad-response', cancel: 'bad-response' },
  },
  {
    name: 'an HTML 502 from a proxy',
    reply: raw(
      '<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>',
      502,
      'text/html',
    ),
    expect: { all: 'server-busy', stop: 'server-busy', cancel: 'server-busy' },
  },
  {
    name: 'JSON served as text/html',
    reply: raw(JSON.stringify([item(VIDEO)]), 200, 'text/html; charset=utf-8'),
    expect: { scheduler: 'bad-response' },
  },
  {
    name: 'truncated JSON',
    reply: raw(`[{"videoId": "${VIDEO}", "started": "2026-01-01T1`),
    expect: { all: 'bad-response', stop: 'bad-response', cancel: 'bad-response' },
  },
  {
    name: 'JSON with comments',
    reply: raw(`// jobs\n[/* none */]`),
    // DELETE and cancel have optional bodies: only JSON-looking or HTML text is read there.
    expect: { all: 'bad-response', stop: ok('stop'), cancel: ok('cancel') },
  },
  { name: 'trailing commas', reply: raw(`[{"videoId": "${VIDEO}",},]`), expect: { all: 'bad-response' } },
  {
    name: 'NaN and Infinity literals',
    reply: raw('{"status": NaN, "percent": Infinity}'),
    expect: { all: 'bad-response' },
  },
  { name: 'single-quoted JSON5', reply: raw(`[{videoId: '${VIDEO}'}]`), expect: { all: 'bad-response' } },
  {
    name: 'an empty 200',
    reply: raw(''),
    expect: { all: 'bad-response', stop: ok('stop'), cancel: ok('cancel') },
  },
  {
    name: 'a whitespace-only 200',
    reply: raw(' \r\n\t '),
    expect: { all: 'bad-response', stop: ok('stop'), cancel: ok('cancel') },
  },
  { name: 'two JSON documents back to back', reply: raw('[][]'), expect: { all: 'bad-response' } },
  // odd ids
  {
    name: 'a very long id (200 KB)',
    reply: json([item(ODD_IDS.long)]),
    expect: { scheduler: onlyJobs([ODD_IDS.long]) },
  },
  {
    name: 'ids with RTL override, emoji, HTML/script and NUL, kept verbatim',
    reply: json([item(ODD_IDS.rtl), item(ODD_IDS.emoji), item(ODD_IDS.html), item(ODD_IDS.nul)]),
    expect: {
      scheduler: ok<RunningJob[]>('scheduler', (jobs) => {
        assert.deepEqual(
          jobs.map((j) => j.id),
          [ODD_IDS.rtl, ODD_IDS.emoji, ODD_IDS.html, ODD_IDS.nul],
        );
        assert.equal(jobs[1]?.kind, 'image');
        assert.equal(jobs[2]?.account, '<script>alert(1)</script>');
      }),
    },
  },
  {
    name: 'ids with line breaks are not job ids',
    reply: json([item(`${VIDEO}\n`), item(`user:4242-minimax:777\r\n-video:1`), item(`${VIDEO}\u2028x`)]),
    expect: { scheduler: noJobs },
  },
  {
    name: 'a 1 MB id built to make a backtracking regex take minutes (ReDoS)',
    reply: json([item(ODD_IDS.redos), item(VIDEO)]),
    expect: { scheduler: onlyJobs([VIDEO]) },
  },
  // prototype pollution
  {
    name: '__proto__ keys',
    reply: raw(
      `{"__proto__": {"polluted": "yes", "status": 2, "statusFinal": true, "videoId": "${VIDEO}"},` +
        ` "0": {"__proto__": {"videoId": "${VIDEO}"}}}`,
    ),
    expect: {
      video: 'bad-response',
      accounts: ok<AccountInfo[]>('accounts', (a) =>
        assert.deepEqual(a.map((x) => x.account).sort(), ['0', '__proto__']),
      ),
    },
  },
  {
    name: '__proto__ inside list items',
    reply: raw(
      `[{"__proto__": {"videoId": "${VIDEO}"}}, {"constructor": {"prototype": {"polluted": "yes"}}}]`,
    ),
    expect: { scheduler: noJobs },
  },
  {
    name: 'constructor, toString and hasOwnProperty as keys',
    reply: json({
      constructor: { prototype: { polluted: 'yes' } },
      toString: 'x',
      hasOwnProperty: 1,
      valueOf: { account: 'v' },
      status: 1,
      executing: [],
    }),
    expect: { video: ok('video'), available: ok('available'), accounts: ok('accounts') },
  },
  // error envelopes
  {
    name: '200 with {error} echoing the token and control characters',
    reply: json({ error: `bad token ${TOKEN}\u0000\u001b[31m red\u001b[0m ${'x'.repeat(5000)}` }),
    expect: {
      all: (e) => assert.ok(isApiError(e) && e.reason === 'bad-response' && e.message.includes('[token]')),
      stop: 'bad-response',
    },
  },
  {
    name: '500 with a 1 MB error text',
    reply: () => json({ error: 'y'.repeat(MB), code: 500 }, 500),
    expect: { all: 'server-busy', stop: 'server-busy', cancel: 'server-busy' },
  },
  {
    name: '429 with absurd Retry-After values',
    reply: {
      status: 429,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '99999999999' },
      body: JSON.stringify({ error: 'slow down', retryAfter: 'soon' }),
    },
    expect: { all: 'rate-limited', stop: 'rate-limited', cancel: 'rate-limited' },
  },
  {
    name: 'an unknown status code (999)',
    reply: json({}, 999),
    expect: { all: 'bad-response', stop: 'bad-response' },
  },
  { name: '304 Not Modified', reply: raw('', 304), expect: { all: 'bad-response', stop: 'bad-response' } },
  // accounts
  {
    name: 'accounts carrying session tokens and broken fields',
    reply: json({
      777: { account: 777, maxJobs: '5', jwt: { token: SESSION_TOKEN, exp: 'never', user: { name: 42 } } },
      778: { jwt: { token: SESSION_TOKEN, exp_Expire: '2026-02-01T00:00:00Z' }, error: { nested: [1, 2] } },
      779: { jwt: 'not an object', error: 'e'.repeat(1000) },
      '': { account: '' },
    }),
    expect: {
      accounts: ok<AccountInfo[]>('accounts', (a) => {
        assert.deepEqual(
          a.map((x) => x.account),
          ['777', '778', '779'],
        );
        assert.equal(a[1]?.error, 'The account is marked as broken.');
        assert.equal(a[1]?.sessionExpiresMs, Date.UTC(2026, 1, 1));
      }),
    },
  },
  {
    name: 'capacity entries of every wrong kind',
    reply: json({
      executing: [item(VIDEO), 'x'],
      available: [
        null,
        { account: '' },
        { account: {}, maxJobs: 5, executing: 1 },
        { account: 7, maxJobs: 5, executing: 6 },
      ],
    }),
    expect: {
      available: ok<{ executing: RunningJob[]; available: AccountCapacity[] }>('available', (a) => {
        assert.deepEqual(a.available, [{ account: '7', maxJobs: 5, executing: 6, available: 0 }]);
      }),
    },
  },
  {
    name: 'executing that is not a list',
    reply: json({ executing: 'x', available: {} }),
    expect: { available: 'bad-response' },
  },
  // size cap and transport tricks
  {
    name: 'a 10 MB body with Content-Length',
    reply: () => raw(`[${'"x",'.repeat((10 * MB) / 4)}"x"]`),
    expect: { all: 'bad-response', stop: 'bad-response', cancel: 'bad-response' },
  },
  {
    name: 'a 10 MB chunked body (no Content-Length)',
    reply: () => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      stream: streamBytes(10 * MB),
    }),
    expect: { all: 'bad-response', stop: 'bad-response', cancel: 'bad-response' },
  },
  {
    name: 'a 10 MB error body on a 500',
    reply: () => ({ status: 500, headers: { 'Content-Type': 'text/plain' }, stream: streamBytes(10 * MB) }),
    expect: { all: 'bad-response', stop: 'bad-response' },
  },
  {
    name: 'a gzip bomb (12 KB that inflates to 12 MB)',
    reply: () => ({
      status: 200,
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: gzipSync(Buffer.alloc(12 * MB, 0x20)),
    }),
    expect: { all: 'bad-response', stop: 'bad-response', cancel: 'bad-response' },
  },
  {
    name: 'a body that says gzip but is not',
    reply: {
      status: 200,
      headers: { 'Content-Encoding': 'gzip', 'Content-Type': 'application/json' },
      body: '[]',
    },
    expect: { all: 'bad-response', stop: 'bad-response' },
  },
  {
    name: 'a Content-Length longer than the body, then the connection closes',
    reply: () => ({
      status: 200,
      headers: { 'Content-Type': 'application/json', 'Content-Length': 1000 },
      stream: (res) => {
        res.write('[{"videoId":');
        res.socket?.destroy();
      },
    }),
    expect: { all: 'network', stop: 'network', cancel: 'network' },
  },
  {
    name: 'a 64 KB response header',
    reply: {
      status: 200,
      headers: { 'Content-Type': 'application/json', 'X-Junk': 'j'.repeat(64 * 1024) },
      body: '[]',
    },
    expect: { all: 'network', stop: 'network' },
  },
  {
    name: 'a body just under the 4 MiB cap',
    reply: () => raw(`[${' '.repeat(DEFAULT_MAX_BODY_BYTES - 3)}]`),
    expect: { scheduler: noJobs },
  },
];

// ---- the run -------------------------------------------------------------------------------------

describe('hostile-input corpus over real HTTP', () => {
  let server: http.Server;
  let apiBase: string;
  let current: Reply = {};
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  const logLines: string[] = [];
  const logger: Logger = {
    debug: (m, ...r) => logLines.push([m, ...r].map(String).join(' ')),
    info: (m, ...r) => logLines.push([m, ...r].map(String).join(' ')),
    warn: (m, ...r) => logLines.push([m, ...r].map(String).join(' ')),
    error: (m, ...r) => logLines.push([m, ...r].map(String).join(' ')),
  };
  const stats = { entries: 0, calls: 0, apiErrors: 0, results: 0 };

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    server = http.createServer({ maxHeaderSize: 128 * 1024 }, (req, res) => {
      req.resume();
      req.on('end', () => {
        const r = current;
        res.on('error', () => {});
        if (r.stream) {
          res.writeHead(r.status ?? 200, r.headers ?? {});
          r.stream(res);
          return;
        }
        const body = r.body ?? '';
        res.writeHead(r.status ?? 200, { 'Content-Length': Buffer.byteLength(body), ...r.headers });
        res.end(r.status === 304 ? undefined : body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/minimax`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // Let late socket errors surface before looking.
    await new Promise((r) => setImmediate(r));
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    console.log(
      `\nHostile corpus: ${stats.entries} bodies × ${ENDPOINTS.length} endpoints = ${stats.calls} calls; ` +
        `${stats.apiErrors} ApiErrors, ${stats.results} normalised results, ${unhandled.length} unhandled rejections\n`,
    );
  });

  test('the corpus holds at least 40 bodies', () => {
    assert.ok(CORPUS.length >= 40, `${CORPUS.length} entries`);
    assert.equal(new Set(CORPUS.map((e) => e.name)).size, CORPUS.length, 'names are unique');
  });

  for (const entry of CORPUS) {
    test(entry.name, { timeout: 60_000 }, async () => {
      current = typeof entry.reply === 'function' ? entry.reply() : entry.reply;
      stats.entries++;
      const api = new UseapiClient({ apiBase, token: TOKEN, logger, timeoutMs: 20_000 });
      const calls: Record<Endpoint, () => Promise<unknown>> = {
        scheduler: () => api.listScheduler(),
        available: () => api.schedulerAvailable(),
        video: () => api.getJobStatus(VIDEO),
        image: () => api.getJobStatus(IMAGE),
        accounts: () => api.listAccounts(),
        stop: () => api.stopTracking(VIDEO),
        cancel: () => api.cancelVideo(VIDEO),
        videos: () => api.listVideos({ account: '222222', limit: 30, lastId: null }),
        images: () => api.listImages({ account: '222222', limit: 30, lastId: VIDEO }),
      };
      for (const endpoint of ENDPOINTS) {
        stats.calls++;
        const label = `${entry.name} → ${endpoint}`;
        let result: unknown;
        let error: unknown = null;
        try {
          result = await calls[endpoint]();
          stats.results++;
        } catch (e) {
          error = e;
          stats.apiErrors++;
        }
        if (error !== null) {
          assert.ok(isApiError(error), `${label}: rejects with ApiError only, got ${String(error)}`);
          assert.ok(REASONS.has(error.reason), `${label}: known reason`);
          assert.ok(error.message.length > 0 && error.message.length <= 400, `${label}: short message`);
          assert.ok(!CONTROL.test(error.message), `${label}: no control characters in the message`);
          assert.ok(!error.message.includes(TOKEN), `${label}: no token in the message`);
        } else {
          DEFAULT_CHECK[endpoint](result);
        }
        const expected = entry.expect?.[endpoint] ?? entry.expect?.all;
        if (typeof expected === 'string') {
          assert.ok(isApiError(error), `${label}: expected ${expected}, got a result`);
          assert.equal(error.reason, expected, `${label}: ${error.message}`);
        } else if (typeof expected === 'function') {
          expected(error ?? result);
        }
      }
      assert.equal(Object.getPrototypeOf({}), Object.prototype);
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
      assert.deepEqual(unhandled, [], 'no unhandled rejection or exception');
      assert.ok(!logLines.some((l) => l.includes(TOKEN)), 'the token is never logged');
    });
  }

  test('an odd id stays exactly one path segment on the way out', async () => {
    const seen: string[] = [];
    const echo = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status": 1, "statusFinal": false}');
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/v1/minimax`;
      const api = new UseapiClient({ apiBase: base, token: TOKEN });
      const ids = [
        ODD_IDS.rtl,
        ODD_IDS.emoji,
        ODD_IDS.html,
        ODD_IDS.nul,
        'user:1-minimax:2-video:a/../../b?c=1#d',
      ];
      for (const id of ids) {
        const status = await api.getJobStatus(id);
        assert.equal(status.id, id);
      }
      assert.equal(seen.length, ids.length);
      seen.forEach((url, i) => {
        const [, collection, segment, ...rest] = url.replace('/v1/minimax', '').split('/');
        assert.deepEqual(rest, [], `one segment: ${url}`);
        assert.equal(collection, parseJobId(ids[i]!)?.kind === 'image' ? 'images' : 'videos');
        assert.equal(decodeURIComponent(segment ?? ''), ids[i]);
      });
    } finally {
      echo.closeAllConnections();
      await new Promise<void>((resolve) => echo.close(() => resolve()));
    }
  });
});
