// `minimax-jobs watch` as a person sees it: the real CLI in a pseudo-terminal (util-linux
// `script`), its output played on a terminal emulator (screen.ts); and the same CLI piped.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import { killLeftovers, PTY_SIZE, startCli, startInPty } from './cli-process.ts';
import { playOnScreen } from './screen.ts';

after(killLeftovers);

const ESC = '\u001b';
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/;
/** The status line: counts first, then the checks. */
const STATUS_ROW =
  /^(no jobs running|\d+ running)( · \d+ awaiting (its|their) result \(.+\))? · (checked \S+, (next in .+|checking now)|checking now)/;
const CTRL_C = '\u0003';

let stateDir = '';
beforeEach(() => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), 'cli-tty-'));
});
afterEach(() => {
  // A failed test may leave its CLI running: stop it before its folder goes.
  killLeftovers();
  rmSync(stateDir, { recursive: true, force: true });
});

const screenOf = (raw: string) => playOnScreen(raw, { ...PTY_SIZE, convertEol: false });

describe('watch in a terminal', { timeout: 180_000 }, () => {
  test('event lines above one status line, redrawn in place; Ctrl+C removes it and says it is stopping', async () => {
    const run = startInPty(['watch', '--demo', '--speed', '60', '--state-dir', stateDir]);
    await run.waitFor((o) => o.stdout.includes('▶ started'));
    // Let the 1 s tick redraw the elapsed times at least once.
    await new Promise((r) => setTimeout(r, 2_200));
    const during = await screenOf(run.output().stdout);
    const statusRows = during.filter((r) => STATUS_ROW.test(r));
    assert.equal(statusRows.length, 1, `one status line on screen:\n${during.join('\n')}`);
    assert.match(during.at(-1) ?? '', STATUS_ROW, `the status line is the bottom row:\n${during.join('\n')}`);
    assert.match(during.at(-1) ?? '', /video \d+ \d+ s/, 'running jobs with their elapsed time');
    assert.match(during.join('\n'), /\d\d:\d\d:\d\d {2}▶ started {4}video \d+ +account \d+/);
    const drawn = run.output().stdout.match(/checked \d\d:\d\d:\d\d/g)?.length ?? 0;
    assert.ok(drawn > 2, `the status line was redrawn (${drawn} times)`);

    run.child.stdin?.write(CTRL_C);
    const done = await run.done;
    assert.equal(done.code, 0, done.stdout);
    const final = await screenOf(done.stdout);
    assert.ok(!final.some((r) => STATUS_ROW.test(r)), `status line gone:\n${final.join('\n')}`);
    assert.match(final.at(-1) ?? '', /^stopping/);
    assert.match(done.stdout, SGR, 'coloured in a terminal');
  });

  test('NO_COLOR removes the colour only: the status line is still drawn', async () => {
    const run = startInPty(['watch', '--demo', '--speed', '60', '--state-dir', stateDir], { NO_COLOR: '1' });
    await run.waitFor((o) => o.stdout.includes('▶ started'));
    await new Promise((r) => setTimeout(r, 1_200));
    const screen = await screenOf(run.output().stdout);
    run.child.stdin?.write(CTRL_C);
    const done = await run.done;
    assert.match(screen.at(-1) ?? '', STATUS_ROW, screen.join('\n'));
    assert.doesNotMatch(done.stdout, SGR, 'no colour codes');
    assert.ok(done.stdout.includes(`${ESC}[`), 'cursor movements still used for the status line');
  });

  test('--json in a terminal: only JSON lines, no status line, no escape code', async () => {
    const run = startInPty(['watch', '--json', '--demo', '--speed', '60', '--state-dir', stateDir]);
    await run.waitFor((o) => o.stdout.includes('"job-started"'));
    await new Promise((r) => setTimeout(r, 1_200));
    run.child.stdin?.write(CTRL_C);
    const done = await run.done;
    assert.equal(done.code, 0);
    assert.ok(!done.stdout.includes(ESC), JSON.stringify(done.stdout.slice(0, 300)));
    // The terminal echoes the Ctrl+C as "^C"; "stopping…" is the one line on stderr.
    const lines = done.stdout.split('\r\n').filter((l) => l !== '' && !/^(\^C)?stopping/.test(l));
    for (const line of lines) assert.equal(typeof JSON.parse(line).type, 'string', line);
  });
});

describe('watch when its terminal window is closed', { timeout: 60_000 }, () => {
  test('it stops as on Ctrl+C: the ledger kept and the lock released, not left stuck', async () => {
    const run = startInPty(['watch', '--demo', '--speed', '60', '--state-dir', stateDir]);
    await run.waitFor((o) => o.stdout.includes('▶ started'));
    const lockFile = path.join(stateDir, 'demo', 'watch.lock');
    const { pid } = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number };
    // The terminal goes away: the kernel hangs up the CLI (SIGHUP) and its writes fail (EIO).
    run.child.kill('SIGKILL');
    const running = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 30_000;
    while (running() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(!running(), 'the CLI has exited');
    assert.ok(!existsSync(lockFile), 'the lock was released');
    assert.deepEqual(readdirSync(path.join(stateDir, 'demo')).sort(), ['.minimax-demo-state', 'ledger.json']);
  });
});

describe('watch piped (not a terminal)', { timeout: 30_000 }, () => {
  test('plain lines only: no status line and no escape code', async () => {
    const run = startCli(['watch', '--demo', '--speed', '60', '--state-dir', stateDir]);
    await run.waitFor((o) => o.stdout.includes('▶ started'));
    await new Promise((r) => setTimeout(r, 1_200));
    run.child.kill('SIGINT');
    const done = await run.done;
    assert.equal(done.code, 0, done.stderr);
    assert.ok(!done.stdout.includes(ESC) && !done.stderr.includes(ESC), 'no escape codes');
    assert.doesNotMatch(done.stdout, / running · /, 'no status line');
    assert.match(done.stdout, /^\d\d:\d\d:\d\d {2}● queue {6}\d+ jobs? running$/m);
  });
});
