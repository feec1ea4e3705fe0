// Local state (README "Exit codes", 7): the CLI never removes a file it did not create, one
// `watch` per state folder, a newer ledger is refused and kept, a failed final save is reported.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { Simulator } from '../../../main/core/simulator/index.ts';
import { killLeftovers, runCli, startWatch, untilEvent, watchUntil } from './cli-process.ts';

after(killLeftovers);

/** Every file under `dir` with its content, for before/after comparisons. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

let stateDir = '';
beforeEach(() => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'cli-state-'));
});
afterEach(() => {
  rmSync(stateDir, { recursive: true, force: true });
});

describe('the demo only ever removes files it created', { timeout: 20_000 }, () => {
  beforeEach(() => {
    // A folder of the user's own that happens to be called "demo" (think `--state-dir ~`).
    mkdirSync(path.join(stateDir, 'demo', 'clips'), { recursive: true });
    writeFileSync(path.join(stateDir, 'demo', 'ledger.json'), 'my own ledger, not yours');
    writeFileSync(path.join(stateDir, 'demo', 'clips', 'take1.mp4'), 'video bytes');
    writeFileSync(path.join(stateDir, 'notes.txt'), 'notes');
  });

  test('list --demo touches no state at all', async () => {
    const before = tree(stateDir);
    const r = await runCli(['list', '--demo', '--json', '--state-dir', stateDir]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout.trim()).type, 'jobs');
    assert.deepEqual(tree(stateDir), before);
  });

  test('watch --demo refuses a "demo" folder it did not create: exit 7, every file kept', async () => {
    const before = tree(stateDir);
    const r = await runCli(['watch', '--demo', '--json', '--state-dir', stateDir]);
    assert.equal(r.code, 7, r.stderr);
    assert.match(r.stderr, /did not create/);
    assert.ok(r.stderr.includes(path.join(stateDir, 'demo')), 'names the folder');
    assert.equal(r.stdout, '', 'no events: it never started');
    assert.deepEqual(tree(stateDir), before);
  });
});

describe('one watch per state folder', { timeout: 20_000 }, () => {
  let sim: Simulator;
  let base = '';
  before(async () => {
    sim = new Simulator();
    base = (await sim.start()).baseUrl;
  });
  after(() => sim.stop());

  test('a second watch on the same folder refuses with exit 7 and names the first', async () => {
    const env = { USEAPI_TOKEN: sim.token };
    const args = ['--api-base', base, '--state-dir', stateDir];
    const first = startWatch(args, env);
    await untilEvent(first, 'jobs');
    const second = await runCli(['watch', '--json', ...args], env);
    assert.equal(second.code, 7, second.stderr);
    assert.match(second.stderr, new RegExp(`Another minimax-jobs watch \\(pid ${first.child.pid}`));
    assert.equal(second.stdout, '');
    first.child.kill('SIGINT');
    assert.equal((await first.done).code, 0);
    assert.deepEqual(readdirSync(stateDir), ['ledger.json'], 'the lock is gone after a clean stop');
  });

  // SIGTERM: a service manager's stop; SIGHUP: the terminal window was closed. Node cannot send
  // either to a process on Windows.
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    test(
      `${signal} stops watch like Ctrl+C: ledger saved, lock released, exit 0`,
      {
        skip: process.platform === 'win32' && 'no POSIX signals on Windows',
      },
      async () => {
        const id = sim.submit({
          kind: 'video',
          durationMs: 60_000,
          outcome: 'succeeded',
          prompt: 'a slow pan',
        });
        const env = { USEAPI_TOKEN: sim.token };
        const run = startWatch(['--api-base', base, '--state-dir', stateDir], env);
        await new Promise<void>((resolve) => {
          run.onEvent = (events) => {
            if (events.some((e) => e.type === 'job-started' && e.id === id)) resolve();
          };
        });
        run.child.kill(signal);
        const r = await run.done;
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(readdirSync(stateDir), ['ledger.json'], 'the lock is gone');
        assert.ok(
          readFileSync(path.join(stateDir, 'ledger.json'), 'utf8').includes(id),
          'the running job is recorded',
        );
      },
    );
  }

  test('a watch that was killed does not leave the folder stuck', async () => {
    const env = { USEAPI_TOKEN: sim.token };
    const args = ['--api-base', base, '--state-dir', stateDir];
    const killed = startWatch(args, env);
    await untilEvent(killed, 'jobs');
    killed.child.kill('SIGKILL');
    await killed.done;
    assert.ok(readdirSync(stateDir).includes('watch.lock'), 'the killed process left its lock');
    const next = await watchUntil(args, env, (events) => events.some((e) => e.type === 'jobs'));
    assert.equal(next.code, 0, next.stderr);
  });

  test('a ledger written by a newer version: exit 7, the file left as it was', async () => {
    const ledger = path.join(stateDir, 'ledger.json');
    const content = JSON.stringify({ version: 9, running: [], somethingNew: true });
    writeFileSync(ledger, content);
    const r = await runCli(['watch', '--json', '--api-base', base, '--state-dir', stateDir], {
      USEAPI_TOKEN: sim.token,
    });
    assert.equal(r.code, 7, r.stderr);
    assert.match(r.stderr, /newer version/);
    assert.equal(readFileSync(ledger, 'utf8'), content);
    assert.deepEqual(readdirSync(stateDir), ['ledger.json']);
  });

  test('a ledger that cannot be saved when stopping: the message says so, exit 7', async () => {
    const ledger = path.join(stateDir, 'ledger.json');
    const r = await watchUntil(
      ['--api-base', base, '--state-dir', stateDir],
      { USEAPI_TOKEN: sim.token },
      (events) => {
        if (!events.some((e) => e.type === 'jobs')) return false;
        // The ledger's place is taken by a folder: every save from now on fails.
        rmSync(ledger, { force: true });
        mkdirSync(path.join(ledger, 'blocker'), { recursive: true });
        return true;
      },
    );
    assert.equal(r.code, 7, r.stderr);
    assert.match(r.stderr, /Could not save the ledger/);
  });
});
