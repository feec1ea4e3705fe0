import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../../../main/core/clock.ts';
import {
  ANNOUNCED_MAX_AGE_MS,
  ANNOUNCED_MAX_IDS,
  HISTORY_MAX_AGE_MS,
  HISTORY_MAX_ENTRIES,
  LEDGER_VERSION,
  Ledger,
  emptyLedgerState,
  BASELINES_MAX,
  pruneAnnounced,
  pruneBaselines,
  pruneHistory,
  type LedgerState,
} from '../../../../main/core/ledger/ledger.ts';
import { isLocalStateError } from '../../../../main/core/state/local-state-error.ts';
import type { FinishedJob, Logger } from '../../../../main/core/types.ts';
import { T0, job } from '../fakes.ts';

function finished(localId: string, finishedAtMs: number): FinishedJob {
  const j = job(localId);
  return {
    id: j.id,
    kind: j.kind,
    account: j.account,
    outcome: 'succeeded',
    resultUrl: 'https://cdn.example/r.mp4',
    coverUrl: null,
    prompt: 'p',
    durationMs: 1_000,
    finishedAtMs,
    startedMs: j.startedMs,
    replyRef: null,
    status: 2,
    statusLabel: 'completed',
    message: null,
    source: 'api',
  };
}

function recordingLogger(): Logger & { warnings: string[]; infos: string[] } {
  const warnings: string[] = [];
  const infos: string[] = [];
  return {
    warnings,
    infos,
    debug: () => {},
    info: (m: string) => infos.push(m),
    warn: (m: string) => warnings.push(m),
    error: () => {},
  };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-test-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('Ledger file', () => {
  test('round-trips state through an atomic, versioned, private file', async () => {
    await withDir(async (dir) => {
      const path = join(dir, 'state', 'ledger.json');
      const clock = new FakeClock(T0);
      const ledger = new Ledger({ path, clock, logger: recordingLogger() });
      const state: LedgerState = {
        running: [
          {
            job: job('1'),
            firstSeenMs: T0,
            lastSeenMs: T0 + 5_000,
            estimatedStartMs: T0,
            cancelled: false,
            silent: false,
          },
        ],
        pending: [
          {
            job: job('2', 'image'),
            firstSeenMs: T0,
            lastSeenMs: T0,
            estimatedStartMs: null,
            cancelled: true,
            goneSinceMs: T0 + 5_000,
            checks: 2,
            nextCheckMs: T0 + 20_000,
            lastStatus: null,
          },
        ],
        website: [
          {
            job: { ...job('4'), source: 'website', startedMs: null },
            firstSeenMs: T0,
            lastSeenMs: T0 + 15_000,
            estimatedStartMs: null,
            cancelled: false,
            confirmed: true,
          },
        ],
        history: [finished('3', T0), { ...finished('5', T0 - 1), source: 'website' }],
        announced: [{ id: job('3').id, atMs: T0 }],
        baselines: [
          {
            account: '222222',
            kind: 'video',
            highestId: '12345678901234567890',
            newestCreateMs: null,
            updatedMs: T0,
          },
          { account: '222222', kind: 'image', highestId: '9', newestCreateMs: T0 - 60_000, updatedMs: T0 },
        ],
      };
      await ledger.save(state);
      const raw = JSON.parse(await readFile(path, 'utf8'));
      assert.equal(raw.version, LEDGER_VERSION);
      if (process.platform !== 'win32') assert.equal((await stat(path)).mode & 0o777, 0o600);
      const loaded = await new Ledger({ path, clock, logger: recordingLogger() }).load();
      assert.deepEqual(loaded.state, state);
      assert.equal(loaded.setAsidePath, null);
    });
  });

  test('temp files left by a save that was killed half-way are removed on load', async () => {
    await withDir(async (dir) => {
      const file = join(dir, 'ledger.json');
      await writeFile(join(dir, '.ledger.json.4242.deadbeef.tmp'), '{"version":1,');
      await writeFile(join(dir, 'other.tmp'), 'not ours');
      const loaded = await new Ledger({
        path: file,
        clock: new FakeClock(T0),
        logger: recordingLogger(),
      }).load();
      assert.deepEqual(loaded.state, emptyLedgerState());
      assert.deepEqual((await readdir(dir)).sort(), ['other.tmp']);
    });
  });

  test('a missing file starts empty without a warning', async () => {
    await withDir(async (dir) => {
      const logger = recordingLogger();
      const loaded = await new Ledger({
        path: join(dir, 'none.json'),
        clock: new FakeClock(T0),
        logger,
      }).load();
      assert.deepEqual(loaded.state, emptyLedgerState());
      assert.deepEqual(logger.warnings, []);
    });
  });

  for (const [name, content] of [
    ['truncated JSON', '{"version":1,"running":[{"job":'],
    ['empty file', ''],
    ['older version', JSON.stringify({ version: 0, running: [], pending: [], history: [], announced: [] })],
    [
      'version not a number',
      JSON.stringify({ version: '2', running: [], pending: [], history: [], announced: [] }),
    ],
    ['wrong shape', JSON.stringify({ version: 1, running: 'nope', pending: [], history: [], announced: [] })],
    ['not an object', '[1,2,3]'],
  ] as const) {
    test(`a corrupt ledger (${name}) is set aside with a warning, not a crash`, async () => {
      await withDir(async (dir) => {
        const path = join(dir, 'ledger.json');
        await writeFile(path, content);
        const logger = recordingLogger();
        const clock = new FakeClock(T0);
        const loaded = await new Ledger({ path, clock, logger }).load();
        assert.deepEqual(loaded.state, emptyLedgerState());
        assert.equal(loaded.setAsidePath, `${path}.corrupt-20260101T000000000Z`);
        assert.deepEqual(await readdir(dir), ['ledger.json.corrupt-20260101T000000000Z']);
        assert.equal(
          await readFile(loaded.setAsidePath, 'utf8'),
          content,
          'the bad file is kept for inspection',
        );
        assert.equal(logger.warnings.length, 1);
        assert.match(logger.warnings[0] ?? '', /moved it to/);
      });
    });
  }

  test('a ledger written by a newer version is refused with a clear message and left untouched', async () => {
    await withDir(async (dir) => {
      const path = join(dir, 'ledger.json');
      const content = JSON.stringify({ version: LEDGER_VERSION + 1, running: [], future: { field: 1 } });
      await writeFile(path, content);
      const ledger = new Ledger({ path, clock: new FakeClock(T0), logger: recordingLogger() });
      await assert.rejects(ledger.load(), (e: unknown) => {
        assert.ok(isLocalStateError(e));
        assert.equal(e.problem, 'newer-ledger');
        assert.match(e.message, /newer version/);
        assert.ok(e.message.includes(path), 'the message names the file');
        return true;
      });
      await assert.rejects(ledger.save(emptyLedgerState()), /newer version/);
      assert.deepEqual(await readdir(dir), ['ledger.json']);
      assert.equal(await readFile(path, 'utf8'), content);
    });
  });

  test('memory-only ledger never touches the disk', async () => {
    const ledger = new Ledger({ path: null, clock: new FakeClock(T0), logger: recordingLogger() });
    await ledger.save({ ...emptyLedgerState(), history: [finished('1', T0)] });
    assert.deepEqual((await ledger.load()).state, emptyLedgerState());
  });

  test('a version 1 ledger (from before website jobs) is migrated: its jobs are API jobs, no baselines', async () => {
    await withDir(async (dir) => {
      const path = join(dir, 'ledger.json');
      const { source: _h, ...v1History } = finished('3', T0);
      const { source: _r, ...v1Job } = job('1');
      const { source: _p, ...v1Pending } = job('2', 'image');
      const v1 = {
        version: 1,
        savedAt: new Date(T0).toISOString(),
        running: [
          {
            job: v1Job,
            firstSeenMs: T0,
            lastSeenMs: T0,
            estimatedStartMs: T0,
            cancelled: false,
            silent: false,
          },
        ],
        pending: [
          {
            job: v1Pending,
            firstSeenMs: T0,
            lastSeenMs: T0,
            estimatedStartMs: null,
            cancelled: false,
            goneSinceMs: T0,
            checks: 1,
            nextCheckMs: T0 + 5_000,
            lastStatus: null,
          },
        ],
        history: [v1History],
        announced: [{ id: v1History.id, atMs: T0 }],
      };
      await writeFile(path, JSON.stringify(v1));
      const logger = recordingLogger();
      const loaded = await new Ledger({ path, clock: new FakeClock(T0), logger }).load();
      assert.equal(loaded.setAsidePath, null, 'migrated, not set aside');
      assert.deepEqual(
        [
          loaded.state.running[0]?.job.source,
          loaded.state.pending[0]?.job.source,
          loaded.state.history[0]?.source,
        ],
        ['api', 'api', 'api'],
      );
      assert.deepEqual(loaded.state.website, []);
      assert.deepEqual(loaded.state.baselines, [], 'no baselines: the first reconcile is history');
      assert.equal(loaded.state.running[0]?.job.id, job('1').id);
      assert.deepEqual(logger.warnings, []);
      assert.match(logger.infos.join('\n'), /version 1 .*from before website jobs/);
      assert.equal(
        await readFile(path, 'utf8'),
        JSON.stringify(v1),
        'the file is rewritten only by the next save',
      );
    });
  });

  test('bounds are applied on load', async () => {
    await withDir(async (dir) => {
      const path = join(dir, 'ledger.json');
      const clock = new FakeClock(T0 + HISTORY_MAX_AGE_MS);
      const history = [finished('old', T0 - 1), finished('new', T0 + 10)];
      await writeFile(
        path,
        JSON.stringify({
          version: 1,
          running: [],
          pending: [],
          history,
          announced: [{ id: 'x', atMs: T0 - 1 }],
        }),
      );
      const loaded = await new Ledger({ path, clock, logger: recordingLogger() }).load();
      assert.deepEqual(
        loaded.state.history.map((h) => h.id),
        [job('new').id],
      );
      assert.deepEqual(loaded.state.announced, []);
    });
  });
});

describe('history and announced-id bounds', () => {
  test(`history keeps the newest ${HISTORY_MAX_ENTRIES}, none older than 30 days, one per id`, () => {
    const now = T0 + 40 * 24 * 3_600_000;
    const many = Array.from({ length: 250 }, (_, i) => finished(String(i), now - i * 60_000));
    const pruned = pruneHistory(many, now);
    assert.equal(pruned.length, HISTORY_MAX_ENTRIES);
    assert.equal(pruned[0]?.id, job('0').id);
    assert.equal(pruned.at(-1)?.id, job('199').id);

    const aged = pruneHistory([finished('a', now - HISTORY_MAX_AGE_MS - 1), finished('b', now - 1_000)], now);
    assert.deepEqual(
      aged.map((h) => h.id),
      [job('b').id],
    );

    const dup = pruneHistory([finished('a', now - 5_000), finished('a', now - 1_000)], now);
    assert.deepEqual(
      dup.map((h) => h.finishedAtMs),
      [now - 1_000],
    );
    assert.equal(HISTORY_MAX_AGE_MS, 30 * 24 * 3_600_000);
  });

  test(`baselines keep one per account and kind, the newest ${BASELINES_MAX}, none older than 30 days`, () => {
    const now = T0 + 40 * 24 * 3_600_000;
    const b = (account: string, updatedMs: number, kind: 'video' | 'image' = 'video') => ({
      account,
      kind,
      highestId: '1',
      newestCreateMs: null,
      updatedMs,
    });
    const many = Array.from({ length: 150 }, (_, i) => b(`a${i}`, now - i));
    assert.equal(pruneBaselines(many, now).length, BASELINES_MAX);
    const kept = pruneBaselines(
      [b('x', now - ANNOUNCED_MAX_AGE_MS - 1), b('y', now - 10), b('y', now - 5), b('y', now - 5, 'image')],
      now,
    );
    assert.deepEqual(
      kept.map((k) => `${k.account} ${k.kind} ${now - k.updatedMs}`),
      ['y video 5', 'y image 5'],
    );
  });

  test(`announced ids keep the newest ${ANNOUNCED_MAX_IDS}, none older than 30 days`, () => {
    const now = T0 + 40 * 24 * 3_600_000;
    const many = Array.from({ length: 2_500 }, (_, i) => ({ id: `id${i}`, atMs: now - i }));
    const pruned = pruneAnnounced(many, now);
    assert.equal(pruned.length, ANNOUNCED_MAX_IDS);
    assert.equal(pruned[0]?.id, 'id0');
    assert.deepEqual(
      pruneAnnounced(
        [
          { id: 'old', atMs: now - ANNOUNCED_MAX_AGE_MS - 1 },
          { id: 'new', atMs: now },
        ],
        now,
      ).map((r) => r.id),
      ['new'],
    );
  });
});
