// The CLI's terminal output as a user sees it: the bytes written are played on a headless
// terminal emulator (screen.ts) and the screen is read back.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { createTerminal } from '../../../main/cli/terminal.ts';
import { playOnScreen } from './screen.ts';

const ESC = '\u001b';
/** A colour (SGR) escape sequence. */
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/;

/** One screen that stdout and stderr both write to, as in a terminal window. */
function screen(opts: { tty: boolean; columns?: number }) {
  const bytes: string[] = [];
  const stream = () => {
    const w = new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        bytes.push(chunk.toString());
        cb();
      },
    }) as Writable & { isTTY?: boolean; columns?: number };
    if (opts.tty) {
      w.isTTY = true;
      w.columns = opts.columns ?? 60;
    }
    return w;
  };
  const stdout = stream();
  const stderr = stream();
  const raw = () => bytes.join('');
  /** The visible rows (trailing blanks trimmed) after playing everything written so far. */
  const rows = () => playOnScreen(raw(), { cols: opts.columns ?? 60, rows: 12, convertEol: true });
  return { stdout, stderr, raw, rows };
}

describe('the terminal: status line', () => {
  test('stays one line at the bottom, redrawn in place under the event lines of both streams', async () => {
    const s = screen({ tty: true });
    const t = createTerminal({ stdout: s.stdout, stderr: s.stderr, env: { TERM: 'xterm' } }, true);
    assert.equal(t.live, true);
    t.status('2 running · next in 8 s');
    t.line('12:00:01  ▶ started    video 333', 'out');
    t.status('2 running · next in 7 s');
    t.line('12:00:02  ⚠ error      network: Could not reach host', 'err');
    t.status('2 running · next in 6 s');
    assert.deepEqual(await s.rows(), [
      '12:00:01  ▶ started    video 333',
      '12:00:02  ⚠ error      network: Could not reach host',
      '2 running · next in 6 s',
    ]);
    assert.equal(s.raw().split('2 running').length - 1, 5, 'drawn five times, shown once');
    await t.close();
    assert.deepEqual(
      (await s.rows()).at(-1),
      '12:00:02  ⚠ error      network: Could not reach host',
      'gone on close',
    );
  });

  test('a status line wider than the terminal is cut to its width, on one row', async () => {
    const s = screen({ tty: true, columns: 40 });
    const t = createTerminal({ stdout: s.stdout, stderr: s.stderr, env: { TERM: 'xterm' } }, true);
    t.status(`3 running · ${'video 1000000 12 s, '.repeat(5)}`);
    const rows = await s.rows();
    assert.equal(rows.length, 1, rows.join('\n'));
    assert.ok((rows[0] ?? '').endsWith('…'));
    assert.ok((rows[0] ?? '').length < 40);
  });

  test('colour on a terminal; NO_COLOR removes the colour only, the status line stays', async () => {
    const coloured = screen({ tty: true });
    const t1 = createTerminal(
      { stdout: coloured.stdout, stderr: coloured.stderr, env: { TERM: 'xterm' } },
      true,
    );
    t1.line(t1.paint('out').green('✔ succeeded'), 'out');
    assert.ok(coloured.raw().includes(`${ESC}[32m✔ succeeded`), 'green');

    const plain = screen({ tty: true });
    const t2 = createTerminal(
      { stdout: plain.stdout, stderr: plain.stderr, env: { TERM: 'xterm', NO_COLOR: '1' } },
      true,
    );
    t2.line(`${t2.paint('out').green('✔ succeeded')}`, 'out');
    t2.status(`${t2.paint('out').cyan('1 running')} · next in 3 s`);
    assert.equal(t2.live, true);
    assert.doesNotMatch(plain.raw(), SGR, 'no colour codes');
    assert.deepEqual(await plain.rows(), ['✔ succeeded', '1 running · next in 3 s']);
  });

  test('no terminal (a pipe or a file): no status line and no escape code at all', async () => {
    const s = screen({ tty: false });
    const t = createTerminal({ stdout: s.stdout, stderr: s.stderr, env: { TERM: 'xterm' } }, true);
    assert.equal(t.live, false);
    t.status('1 running');
    t.line(`${t.paint('out').green('✔ succeeded')}  video 333`, 'out');
    await t.close();
    assert.equal(s.raw(), '✔ succeeded  video 333\n');
  });

  test('a pipe or a file is laid out 160 columns wide, or as wide as COLUMNS says', () => {
    const s = screen({ tty: false });
    assert.equal(createTerminal({ stdout: s.stdout, stderr: s.stderr, env: {} }, true).columns, 160);
    const wide = createTerminal({ stdout: s.stdout, stderr: s.stderr, env: { COLUMNS: '220' } }, true);
    assert.equal(wide.columns, 220);
    const tty = screen({ tty: true, columns: 50 });
    assert.equal(
      createTerminal({ stdout: tty.stdout, stderr: tty.stderr, env: { COLUMNS: '220' } }, true).columns,
      50,
    );
  });

  test('TERM=dumb: no status line, no colour', async () => {
    const s = screen({ tty: true });
    const t = createTerminal({ stdout: s.stdout, stderr: s.stderr, env: { TERM: 'dumb' } }, true);
    t.status('1 running');
    t.line(t.paint('out').red('✖ failed'), 'out');
    await t.close();
    assert.equal(t.live, false);
    assert.ok(!s.raw().includes(ESC), JSON.stringify(s.raw()));
  });

  test('a terminal that reports 0 rows (a pty given no size): the event lines, no status line', async () => {
    const s = screen({ tty: true });
    Object.assign(s.stdout, { rows: 0 });
    const t = createTerminal({ stdout: s.stdout, stderr: s.stderr, env: { TERM: 'xterm' } }, true);
    t.status('1 running');
    t.line('▶ started    video 1', 'out');
    await t.close();
    assert.equal(t.live, false, 'a status line on 0 rows would be drawn as nothing');
    assert.deepEqual(await s.rows(), ['▶ started    video 1']);
  });

  test('the status line is never drawn when it was not asked for (--json, list)', async () => {
    const s = screen({ tty: true });
    const t = createTerminal({ stdout: s.stdout, stderr: s.stderr, env: { TERM: 'xterm' } }, false);
    t.status('1 running');
    t.line('{"type":"jobs"}', 'out');
    await t.close();
    assert.equal(t.live, false);
    assert.equal(s.raw(), '{"type":"jobs"}\n');
  });
});
