/**
 * The live status line `watch` keeps at the bottom of a terminal: running jobs with their elapsed
 * time, jobs awaiting their result, the last and next check, and the current error. Pure: built
 * from what the monitor reports at one instant; the terminal (terminal.ts) draws and fits it.
 */
import type { AwaitingResult, MonitorSnapshot } from '../core/monitor/job-monitor.ts';
import { duration, jobSubject, ordinal, timeOfDay, type Paint } from './human.ts';
import { safeText, toCliJob } from './output.ts';

/** Running jobs named with their elapsed time before the rest are counted ("+2 more"). */
const NAMED_JOBS = 3;

/** Everything the status line shows, read at `nowMs`. */
export interface StatusView {
  /** Local clock, epoch ms. */
  nowMs: number;
  snapshot: Pick<MonitorSnapshot, 'running' | 'lastPollMs' | 'nextPollMs' | 'lastError'>;
  /** Jobs that left the scheduler and wait for their result. */
  awaiting: AwaitingResult[];
  /** A request is in flight. */
  busy: boolean;
  /** Failed polls in a row (0 after a success). */
  failures: number;
}

/** A countdown, rounded up to the second ("in 1 s" until the moment has come). */
function inMs(ms: number): string {
  return duration(Math.ceil(Math.max(0, ms) / 1000) * 1000);
}

/**
 * One status line, most important first so that cutting it to the terminal's width loses the
 * least: counts, then the checks, then the current error, then each running job, e.g.
 * `3 running · 1 awaiting its result (check in 4 s) · checked 12:00:05, next in 8 s · video 333
 * 3 min 5 s, image 444 12 s`. While polls fail the checks read `last good check 12:00:05, next
 * try in 20 s · ⚠ network, 3rd try: Could not reach …`.
 */
export function formatStatusLine(view: StatusView, paint: Paint): string {
  const { nowMs, snapshot: snap } = view;
  const parts: string[] = [];
  const running = snap.running;
  parts.push(running.length === 0 ? 'no jobs running' : paint.cyan(`${running.length} running`));

  if (view.awaiting.length > 0) {
    const next = Math.min(...view.awaiting.map((a) => a.nextCheckMs));
    const when = next <= nowMs ? 'checking now' : `check in ${inMs(next - nowMs)}`;
    const whose = view.awaiting.length === 1 ? 'its' : 'their';
    parts.push(`${view.awaiting.length} awaiting ${whose} result (${when})`);
  }

  const err = snap.lastError;
  let next: string;
  if (snap.nextPollMs === null) next = view.busy ? 'checking now' : 'polling stopped';
  else if (view.busy || snap.nextPollMs <= nowMs) next = 'checking now';
  else next = `next ${err ? 'try ' : ''}in ${inMs(snap.nextPollMs - nowMs)}`;
  if (snap.lastPollMs === null) parts.push(next);
  else {
    const checked = timeOfDay(new Date(snap.lastPollMs).toISOString());
    parts.push(`${err ? 'last good check' : 'checked'} ${checked}, ${next}`);
  }

  if (err) {
    const tries = view.failures > 1 ? `, ${ordinal(view.failures)} try` : '';
    parts.push(paint.red(`⚠ ${err.reason}${tries}: ${safeText(err.message)}`));
  }

  if (running.length > 0) {
    const named = running.slice(0, NAMED_JOBS).map((j) => {
      const elapsed = toCliJob(j, nowMs).elapsedMs;
      return `${jobSubject(j.kind, j.id)} ${paint.bold(duration(elapsed))}`;
    });
    if (running.length > NAMED_JOBS) named.push(`+${running.length - NAMED_JOBS} more`);
    parts.push(named.join(', '));
  }
  return parts.join(paint.dim(' · '));
}
