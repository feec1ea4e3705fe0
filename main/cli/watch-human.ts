/**
 * `watch` for people: turns the monitor's event batches into aligned lines and keeps the status
 * line up to date. What it adds to the events:
 * - a "waiting for its result" line when a job left the scheduler but its result is not final
 *   (read from {@link WatchSource.awaitingResults} after each batch);
 * - for an `unknown` outcome, how long it was re-checked and where to look instead;
 * - one line per failed poll, in local time, the repeats collapsed ("still failing, 3rd try"),
 *   with a hint to check `--api-base` on a 404;
 * - long result URLs on their own indented line.
 */
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import type { AwaitingResult, MonitorSnapshot } from '../core/monitor/job-monitor.ts';
import type { MonitorEvent } from '../core/types.ts';
import {
  CLOCK_SKEW_HINT,
  CONTINUATION_INDENT,
  duration,
  eventLine,
  formatStarted,
  jobSubject,
  ordinal,
  timeOfDay,
  WEBSITE_MARK,
  type Paint,
} from './human.ts';
import { safeText, toCliEvent, type CliEvent } from './output.ts';
import { formatStatusLine } from './status-line.ts';
import type { Terminal } from './terminal.ts';

/** What the reporter reads of the monitor ({@link import('../core/monitor/job-monitor.ts').JobMonitor} has it). */
export interface WatchSource {
  snapshot(): Pick<MonitorSnapshot, 'running' | 'lastPollMs' | 'nextPollMs' | 'lastError'>;
  awaitingResults(): AwaitingResult[];
  readonly busy: boolean;
}

/** Options of {@link HumanWatch}. */
export interface HumanWatchOptions {
  source: WatchSource;
  terminal: Terminal;
  /** The API base in use, for "where to look" and the 404 hint. */
  apiBase: string;
  /** Local clock in epoch ms; default Date.now. */
  now?: () => number;
}

/** Fewest columns a prompt is cut to, however narrow the terminal. */
const MIN_PROMPT_COLUMNS = 16;

type ErrorEvent = Extract<CliEvent, { type: 'error' }>;
type FinishedEvent = Extract<CliEvent, { type: 'job-finished' }>;

/** The stop message: a request may hold the stop for up to its timeout. */
export function stoppingMessage(busy: boolean): string {
  return busy ? 'stopping: waiting for the request in flight (Ctrl+C again to quit)' : 'stopping…';
}

/** Human output of `watch` (see module docs). */
export class HumanWatch {
  private readonly source: WatchSource;
  private readonly terminal: Terminal;
  private readonly apiBase: string;
  private readonly now: () => number;
  private previousCount: number | null = null;
  /** Failed polls in a row, and the last one, to collapse repeats. */
  private failures = 0;
  private lastFailure: ErrorEvent | null = null;
  /** Jobs announced as waiting for their result: id → when they left the scheduler (epoch ms). */
  private readonly waiting = new Map<string, number>();
  private stopped = false;

  constructor(opts: HumanWatchOptions) {
    this.source = opts.source;
    this.terminal = opts.terminal;
    this.apiBase = opts.apiBase;
    this.now = opts.now ?? Date.now;
  }

  /** One batch of monitor events: their lines, then any newly waiting jobs, then the status line. */
  onEvents(events: MonitorEvent[]): void {
    // Account names and capacity are the app window's: nothing to print.
    for (const event of events) if (event.type !== 'accounts') this.print(toCliEvent(event));
    this.announceWaiting();
    this.redraw();
  }

  /** Redraws the status line (the 1 s tick and every batch). */
  redraw(): void {
    if (!this.terminal.live || this.stopped) return;
    const text = formatStatusLine(
      {
        nowMs: this.now(),
        snapshot: this.source.snapshot(),
        awaiting: this.source.awaitingResults(),
        busy: this.source.busy,
        failures: this.failures,
      },
      this.terminal.paint('out'),
    );
    this.terminal.status(text);
  }

  /** Ctrl+C: removes the status line and says what the stop waits for. */
  stopping(): void {
    this.stopped = true;
    this.terminal.status(null);
    this.terminal.line(stoppingMessage(this.source.busy), 'err');
  }

  private print(e: CliEvent): void {
    const out = this.terminal.paint('out');
    switch (e.type) {
      case 'jobs': {
        const n = e.jobs.length;
        if (n !== this.previousCount) {
          const text = n === 0 ? 'no jobs running' : `${n} job${n === 1 ? '' : 's'} running`;
          this.terminal.line(eventLine(e.at, 'queue', '', text, out), 'out');
        }
        this.previousCount = n;
        return;
      }
      case 'job-started': {
        const started = formatStarted(e.started, Date.parse(e.at));
        const skew = started.future ? `  started ${started.text}, ${CLOCK_SKEW_HINT}` : '';
        const from = e.source === 'website' ? `${WEBSITE_MARK} · ` : '';
        const detail = `${from}account ${safeText(e.account, 16)}${skew}`;
        this.terminal.line(eventLine(e.at, 'started', jobSubject(e.kind, e.id), detail, out), 'out');
        return;
      }
      case 'job-finished':
        this.printFinished(e, out);
        return;
      case 'error':
        this.printError(e);
        return;
      case 'recovered': {
        const n = this.failures;
        const detail = `after ${n} failed ${n === 1 ? 'try' : 'tries'} (${e.after})`;
        this.failures = 0;
        this.lastFailure = null;
        this.terminal.line(eventLine(e.at, 'recovered', '', detail, out), 'out');
        return;
      }
    }
  }

  private printFinished(e: FinishedEvent, out: Paint): void {
    const subject = jobSubject(e.kind, e.id);
    const parts: string[] = e.source === 'website' ? [WEBSITE_MARK] : [];
    if (e.durationMs !== null) parts.push(`after ${duration(e.durationMs)}`);
    const goneSinceMs = this.waiting.get(e.id) ?? null;
    this.waiting.delete(e.id);
    if (e.outcome === 'unknown') {
      const checked =
        goneSinceMs === null ? '' : ` ${duration(Date.parse(e.at) - goneSinceMs)} after it left the queue`;
      parts.push(`no final result${checked}`);
    }
    let head = eventLine(e.at, e.outcome, subject, parts.join('  '), out);
    if (e.prompt) {
      // The prompt is cut to what is left of the line (two spaces and the quotes), never below 16.
      const room = Math.max(MIN_PROMPT_COLUMNS, this.terminal.columns - stringWidth(head) - 4);
      parts.push(`“${cliTruncate(safeText(e.prompt, 60), room)}”`);
      head = eventLine(e.at, e.outcome, subject, parts.join('  '), out);
    }
    const lines = [head];
    if (e.resultUrl) {
      const url = safeText(e.resultUrl, 2048);
      // The URL stays on the line when it fits the terminal; otherwise it gets a line of its own.
      if (stringWidth(head) + 2 + stringWidth(url) <= this.terminal.columns) lines[0] = `${head}  ${url}`;
      else lines.push(`${CONTINUATION_INDENT}${url}`);
    }
    if (e.outcome === 'unknown') {
      const collection = e.kind === 'video' ? 'videos' : 'images';
      lines.push(
        `${CONTINUATION_INDENT}look it up on the hailuoai.video website, or GET ${this.apiBase}/${collection}/${safeText(e.id)}`,
      );
    }
    for (const line of lines) this.terminal.line(line, 'out');
  }

  private printError(e: ErrorEvent): void {
    const err = this.terminal.paint('err');
    const repeat = this.lastFailure?.reason === e.reason && this.lastFailure.message === e.message;
    this.failures++;
    this.lastFailure = e;
    const next = e.retryAt ? `; next try ${timeOfDay(e.retryAt)}` : '';
    let detail: string;
    if (repeat) detail = `still failing, ${ordinal(this.failures)} try (${e.reason})${next}`;
    else {
      const tries = this.failures > 1 ? ` (${ordinal(this.failures)} try)` : '';
      detail = `${e.reason}: ${safeText(e.message)}${hintFor(e, this.apiBase)}${tries}${next}`;
    }
    this.terminal.line(eventLine(e.at, 'error', '', detail, err), 'err');
  }

  /** Lines for jobs newly waiting for their result; forgets those no longer waiting. */
  private announceWaiting(): void {
    const awaiting = this.source.awaitingResults();
    const ids = new Set(awaiting.map((a) => a.job.id));
    for (const id of [...this.waiting.keys()]) if (!ids.has(id)) this.waiting.delete(id);
    const out = this.terminal.paint('out');
    for (const a of awaiting) {
      if (this.waiting.has(a.job.id)) continue;
      this.waiting.set(a.job.id, a.goneSinceMs);
      const at = new Date(a.goneSinceMs).toISOString();
      const detail = 'left the queue, waiting for its result';
      this.terminal.line(eventLine(at, 'waiting', jobSubject(a.job.kind, a.job.id), detail, out), 'out');
    }
  }
}

/**
 * What to check for an error: `--api-base` on a 404 from GET /scheduler/ (the only request whose
 * 404 is an error: a job's 404 means it was moderated), the token on a 401.
 */
export function hintFor(e: Pick<ErrorEvent, 'reason'>, apiBase: string): string {
  if (e.reason === 'not-found') return `; check --api-base (now ${apiBase})`;
  if (e.reason === 'unauthorized') return '; check USEAPI_TOKEN or the token saved in the MiniMax Tray app';
  return '';
}
