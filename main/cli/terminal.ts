/**
 * Where the CLI's human output goes: finished lines on stdout or stderr, and, when stdout is a
 * terminal, one status line kept at the bottom and redrawn in place (log-update), cut to the
 * terminal's width (cli-truncate). Colour (picocolors) is on only for a terminal stream and off
 * with `NO_COLOR` or `TERM=dumb`; the status line needs a terminal that understands cursor moves
 * (not `TERM=dumb`) and has rows, and is never drawn for a pipe or a file.
 */
import cliTruncate from 'cli-truncate';
import { createLogUpdate } from 'log-update';
import picocolors from 'picocolors';
import { PLAIN, type Paint } from './human.ts';

/** Which stream a line goes to: events on stdout, errors and warnings on stderr. */
export type Target = 'out' | 'err';

/** A writable stream as the terminal sees it (`process.stdout` or a test double). */
export type OutStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };

/**
 * Width assumed when stdout is not a terminal (a pipe, a log file): wide, so prompts and result
 * links of a service's log are not cut to a terminal's 80 columns; `COLUMNS` overrides it.
 */
const PIPE_COLUMNS = 160;

/** The CLI's human output (see module docs). */
export interface Terminal {
  /** True when the status line is drawn: stdout is a capable terminal and the output is for people. */
  readonly live: boolean;
  /** Columns a line may use: the terminal's width, or {@link PIPE_COLUMNS} (`COLUMNS`) for a pipe or a file. */
  readonly columns: number;
  /** The colours for lines written to `to` (plain without colour). */
  paint(to: Target): Paint;
  /** Writes one finished line above the status line. */
  line(text: string, to: Target): void;
  /** Sets the status line (null removes it). Ignored unless {@link Terminal.live}. */
  status(text: string | null): void;
  /** Removes the status line and resolves once everything written has been flushed. */
  close(): Promise<void>;
}

/** True when colour may be used on `stream` (a terminal, no `NO_COLOR`, not `TERM=dumb`). */
function colourWanted(stream: OutStream, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}

/**
 * The terminal for `io`.
 * @param statusLine false for `--json` and `list`: no status line whatever stdout is.
 */
export function createTerminal(
  io: { stdout: OutStream; stderr: OutStream; env: NodeJS.ProcessEnv },
  statusLine: boolean,
): Terminal {
  // A terminal reporting 0 rows (a pseudo-terminal given no size) would show log-update's frame
  // as nothing at all: the event lines alone are better than a status line nobody sees.
  const live = statusLine && io.stdout.isTTY === true && io.env.TERM !== 'dumb' && io.stdout.rows !== 0;
  const paints: Record<Target, Paint> = {
    out: colourWanted(io.stdout, io.env) ? picocolors.createColors(true) : PLAIN,
    err: colourWanted(io.stderr, io.env) ? picocolors.createColors(true) : PLAIN,
  };
  const streams: Record<Target, OutStream> = { out: io.stdout, err: io.stderr };
  const envColumns = Number(io.env.COLUMNS);
  const pipeColumns = Number.isInteger(envColumns) && envColumns > 0 ? envColumns : PIPE_COLUMNS;
  const columns = () => (io.stdout.isTTY === true ? io.stdout.columns || 80 : pipeColumns);
  // The cursor stays visible: hiding it would need restoring on every way out (signals, crashes).
  const frame = live ? createLogUpdate(io.stdout, { showCursor: true }) : null;
  let current: string | null = null;
  let pending = Promise.resolve();

  const draw = () => {
    if (frame === null) return;
    if (current === null) frame.clear();
    // One column spare: a line filling the last column makes some terminals wrap early.
    else frame(cliTruncate(current, Math.max(1, columns() - 1)));
  };
  const onResize = () => draw();
  if (live) io.stdout.on('resize', onResize);

  return {
    live,
    get columns() {
      return columns();
    },
    paint: (to) => paints[to],
    line(text, to) {
      const stream = streams[to];
      if (frame !== null) {
        // A terminal writes synchronously: lift the status line, print, put it back.
        frame.clear();
        stream.write(`${text}\n`);
        draw();
        return;
      }
      pending = pending.then(() => write(stream, `${text}\n`));
    },
    status(text) {
      current = text;
      draw();
    },
    async close() {
      current = null;
      draw();
      if (live) io.stdout.removeListener('resize', onResize);
      await pending;
      await Promise.all([flush(io.stdout), flush(io.stderr)]);
    },
  };
}

/** Writes `text`, waiting for `drain` when the stream's buffer is full (a slow pipe). */
function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.write(text)) stream.once('drain', resolve);
    else resolve();
  });
}

/** Resolves once everything written to `stream` so far has been handed to the OS. */
function flush(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
