/**
 * The simulator's job lifecycle model, and the JSON shapes it answers with.
 *
 * A simulated job's state is a pure function of the clock: nothing is stored per poll, so a
 * FakeClock can jump a whole day and every answer is still exact. Timeline of one job
 * (all epoch ms):
 *
 * ```
 * startedMs ──running──▶ endMs ──finishing (status 12, not final)──▶ finalMs ──final──▶
 *   in GET /scheduler/ from startedMs until leftSchedulerMs (= endMs, or earlier after DELETE)
 * ```
 *
 * - running: `status` 0 pending (first 10 %), 11 queued (to 20 %), 1 processing (to 90 %), then
 *   12 processing; `percent` rises from 0 to 99; `statusFinal` false.
 * - finishing (`finalLagMs` > 0): the job has left the scheduler but GET /videos/{id} still says
 *   `statusFinal: false`, status 12, percent 99 — the documented "vanished but not final" case.
 * - final: 2 completed / 3 failed / 5|7|14 moderated, `statusFinal: true`. A moderated job with
 *   `removed` answers 404 `{"error":"Not found.","code":404}` instead.
 * - cancelled (POST /videos/cancel while running): leaves the scheduler at once and is final
 *   right away as status 3, statusLabel "failed", message "Cancelled by user" (what MiniMax really
 *   answers is undocumented; this mirrors the Dreamina sibling, which marks cancelled jobs failed).
 * - stop tracking (DELETE /scheduler/{id}): leaves the scheduler at once but, as documented, keeps
 *   generating: GET /videos/{id} goes on showing progress and ends with its natural outcome.
 * - a **website** job (started on the hailuoai website) has the same life but is never in
 *   GET /scheduler/: only GET /videos/ and GET /images/ (the account's lists) and GET by id show it.
 *
 * Shapes follow https://useapi.net/docs/api-minimax-v1/get-minimax-scheduler,
 * get-minimax-videos-videoId and get-minimax-images-imageId (see useapi-api.md §2, §5, §6).
 */

/** How a scripted job ends (the simulator's own truth). */
export type SimOutcome = 'succeeded' | 'failed' | 'moderated';

/** How `started` is written in scheduler items: ISO string (docs example), or an epoch number (docs model). */
export type StartedFormat = 'iso' | 'epoch-ms' | 'epoch-s';

/** Documented response quirks a job can show. All off by default for scripted jobs. */
export interface SimJobQuirks {
  /** Image jobs: put the image id under the `videoId` key in scheduler items (docs example). Default false (`imageId`). */
  imageIdUnderVideoKey?: boolean;
  /** Format of `started` in scheduler items. Default 'iso'. */
  startedAs?: StartedFormat;
}

/** One job to simulate: what the test or trace wants to happen. Durations are milliseconds. */
export interface SimJobSpec {
  kind: 'video' | 'image';
  /** MiniMax account id; default: the simulator's accounts in round-robin order. */
  account?: string;
  /** Time in the scheduler, from start to the end of generation. */
  durationMs: number;
  outcome: SimOutcome;
  /** Moderated only: after it becomes final, GET answers 404 "Not found." (moderated and removed). */
  removed?: boolean;
  /** Moderated only: which moderated status code to report (5, 7 or 14). Default: picked from the id. */
  moderationStatus?: 5 | 7 | 14;
  /** Stays not final (statusFinal false, status 12) this long after leaving the scheduler. Default 0. */
  finalLagMs?: number;
  /** The prompt, returned as `desc`. */
  prompt?: string;
  /** Echoed in scheduler items as `replyRef`. */
  replyRef?: string;
  /** Echoed in scheduler items as `replyUrl`. */
  replyUrl?: string;
  /** When the job starts (epoch ms); default: now. A future start stays invisible until then. */
  startAtMs?: number;
  /**
   * Where it was started: `api` (default; listed by GET /scheduler/ while it runs) or `website`
   * (the hailuoai website: never in GET /scheduler/, only in the account's lists).
   */
  source?: 'api' | 'website';
  quirks?: SimJobQuirks;
}

/** A job as the simulator holds it: the spec, resolved, plus what the user did to it. */
export interface SimJob {
  /** Full id: `user:<user>-minimax:<account>-<kind>:<localId>`. */
  id: string;
  localId: string;
  user: string;
  kind: 'video' | 'image';
  account: string;
  prompt: string;
  replyRef: string | null;
  replyUrl: string | null;
  startedMs: number;
  durationMs: number;
  finalLagMs: number;
  outcome: SimOutcome;
  removed: boolean;
  moderationStatus: 5 | 7 | 14;
  imageIdUnderVideoKey: boolean;
  startedAs: StartedFormat;
  /** Paid account: finished videos carry `downloadURL` (no watermark) as well as `videoURL`. */
  paidAccount: boolean;
  /** 'scripted' (submit), 'random' (random mode) or 'history' (finished before the simulator started). */
  madeBy: 'scripted' | 'random' | 'history';
  /** Where it was started: `website` jobs are never in GET /scheduler/. */
  source: 'api' | 'website';
  /** When POST /videos/cancel stopped it, else null. */
  cancelledAtMs: number | null;
  /** When DELETE /scheduler/{id} removed it from the scheduler, else null. */
  stopTrackedAtMs: number | null;
}

/** Where a job is in its life at a given instant. */
export type JobPhase = 'not-started' | 'running' | 'finishing' | 'final';

/** What the simulator knows really happened to a job that has left the scheduler. */
export interface SimGroundTruth {
  id: string;
  /** Where it was started (`website`: never in GET /scheduler/). */
  source: 'api' | 'website';
  kind: 'video' | 'image';
  account: string;
  /** The real outcome; 'cancelled' after POST /videos/cancel. */
  outcome: SimOutcome | 'cancelled';
  /** Moderated and removed: GET answers 404 once final. */
  removed: boolean;
  /** Left the scheduler through DELETE /scheduler/{id} (still generating upstream). */
  stopTracked: boolean;
  startedMs: number;
  /** When it left GET /scheduler/; for a website job (never in it), when its generation ended. */
  leftSchedulerMs: number;
  /** When GET /videos/{id} (or /images/{id}) first answers final (or 404 when removed). */
  finalMs: number;
  prompt: string;
  replyRef: string | null;
}

/** End of generation (epoch ms): natural end, or the cancel instant. */
export function generationEndMs(job: SimJob): number {
  const natural = job.startedMs + job.durationMs;
  return job.cancelledAtMs === null ? natural : Math.min(natural, job.cancelledAtMs);
}

/** When the job leaves GET /scheduler/ (epoch ms): end of generation, or DELETE if earlier. */
export function leftSchedulerMs(job: SimJob): number {
  const end = generationEndMs(job);
  return job.stopTrackedAtMs === null ? end : Math.min(end, job.stopTrackedAtMs);
}

/** When GET /videos/{id} first answers final (epoch ms). A cancelled job is final when cancelled. */
export function finalMs(job: SimJob): number {
  if (job.cancelledAtMs !== null) return generationEndMs(job);
  return job.startedMs + job.durationMs + job.finalLagMs;
}

/** The job's phase at `nowMs` (see the module doc for the timeline). */
export function phaseAt(job: SimJob, nowMs: number): JobPhase {
  if (nowMs < job.startedMs) return 'not-started';
  if (nowMs < generationEndMs(job)) return 'running';
  if (nowMs < finalMs(job)) return 'finishing';
  return 'final';
}

/** True while the job is listed by GET /scheduler/ at `nowMs` (never for a website job). */
export function inSchedulerAt(job: SimJob, nowMs: number): boolean {
  return job.source === 'api' && nowMs >= job.startedMs && nowMs < leftSchedulerMs(job);
}

/** The outcome the simulator will report as truth ('cancelled' after a cancel). */
export function trueOutcome(job: SimJob): SimOutcome | 'cancelled' {
  return job.cancelledAtMs !== null && job.cancelledAtMs < job.startedMs + job.durationMs
    ? 'cancelled'
    : job.outcome;
}

/** Ground truth for a job (meaningful once it has left the scheduler). */
export function groundTruthOf(job: SimJob): SimGroundTruth {
  return {
    id: job.id,
    source: job.source,
    kind: job.kind,
    account: job.account,
    outcome: trueOutcome(job),
    removed: job.removed && job.outcome === 'moderated' && trueOutcome(job) === 'moderated',
    stopTracked: job.stopTrackedAtMs !== null && job.stopTrackedAtMs < generationEndMs(job),
    startedMs: job.startedMs,
    leftSchedulerMs: leftSchedulerMs(job),
    finalMs: finalMs(job),
    prompt: job.prompt,
    replyRef: job.replyRef,
  };
}

/**
 * Formats an elapsed time as the scheduler's `elapsed` ("MM:SS"). Minutes keep counting past 59
 * ("75:03") — what the live API does there is undocumented, so clients must parse it leniently.
 * Negative input counts as zero.
 */
export function formatElapsed(elapsedMs: number): string {
  const totalSeconds = Math.max(0, Math.floor(elapsedMs / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** `started` in the job's chosen format. */
function startedValue(job: SimJob): string | number {
  switch (job.startedAs) {
    case 'epoch-ms':
      return job.startedMs;
    case 'epoch-s':
      return Math.floor(job.startedMs / 1000);
    default:
      return new Date(job.startedMs).toISOString();
  }
}

/**
 * One GET /scheduler/ item (also used for `executing[]` in /scheduler/available):
 * `{videoId|imageId, started, elapsed, replyUrl?, replyRef?}`.
 */
export function schedulerItem(job: SimJob, nowMs: number): Record<string, unknown> {
  const key = job.kind === 'video' || job.imageIdUnderVideoKey ? 'videoId' : 'imageId';
  const item: Record<string, unknown> = {
    [key]: job.id,
    started: startedValue(job),
    elapsed: formatElapsed(nowMs - job.startedMs),
  };
  if (job.replyUrl !== null) item.replyUrl = job.replyUrl;
  if (job.replyRef !== null) item.replyRef = job.replyRef;
  return item;
}

/** Base of the fake result URLs (the `.invalid` TLD never resolves). */
export const SIM_CDN = 'https://cdn.simulator.invalid';

interface StatusParts {
  status: number;
  statusLabel: string;
  statusFinal: boolean;
  percent: number;
  message: string;
  /** Result links present (succeeded and final). */
  done: boolean;
  canAppeal: boolean;
  canRetry: boolean;
}

function statusParts(job: SimJob, nowMs: number): StatusParts {
  const phase = phaseAt(job, nowMs);
  const base = { done: false, canAppeal: false, canRetry: false };
  if (phase === 'running') {
    const fraction = (nowMs - job.startedMs) / Math.max(1, job.durationMs);
    const percent = fraction < 0.2 ? 0 : Math.min(99, Math.floor(((fraction - 0.2) / 0.8) * 100));
    if (fraction < 0.1)
      return {
        ...base,
        status: 0,
        statusLabel: 'pending',
        statusFinal: false,
        percent,
        message: 'Waiting in queue',
      };
    if (fraction < 0.2)
      return { ...base, status: 11, statusLabel: 'queued', statusFinal: false, percent, message: 'Queued' };
    return {
      ...base,
      status: fraction < 0.9 ? 1 : 12,
      statusLabel: 'processing',
      statusFinal: false,
      percent,
      message: 'Generating',
    };
  }
  if (phase === 'finishing') {
    return {
      ...base,
      status: 12,
      statusLabel: 'processing',
      statusFinal: false,
      percent: 99,
      message: 'Finishing',
    };
  }
  if (trueOutcome(job) === 'cancelled') {
    return {
      ...base,
      status: 3,
      statusLabel: 'failed',
      statusFinal: true,
      percent: 0,
      message: 'Cancelled by user',
      canRetry: true,
    };
  }
  switch (job.outcome) {
    case 'succeeded':
      return {
        ...base,
        status: 2,
        statusLabel: 'completed',
        statusFinal: true,
        percent: 100,
        message: '',
        done: true,
      };
    case 'failed':
      return {
        ...base,
        status: 3,
        statusLabel: 'failed',
        statusFinal: true,
        percent: 0,
        message: 'Generation failed, please try again',
        canRetry: true,
      };
    default:
      return {
        ...base,
        status: job.moderationStatus,
        statusLabel: 'moderated',
        statusFinal: true,
        percent: 0,
        message: 'This content may violate the community guidelines',
        canAppeal: true,
      };
  }
}

/** An HTTP answer from the model: status code and JSON body. */
export interface ModelReply {
  status: number;
  body: Record<string, unknown>;
}

const NOT_FOUND: ModelReply = { status: 404, body: { error: 'Not found.', code: 404 } };

/**
 * GET /videos/{id} or GET /images/{id} for `job` at `nowMs`. Before the job starts, and once a
 * removed moderated job is final, the answer is 404 `{"error":"Not found.","code":404}`.
 * Videos carry `videoURL` (watermarked) and, on paid accounts only, `downloadURL`; images carry the
 * .png in both, a .webp `coverURL`, and the MiniMax image fields (docs §6).
 * @param cdn base of the result links: {@link SIM_CDN}, or the simulator's own file host (files.ts).
 */
export function statusReply(job: SimJob, nowMs: number, cdn: string = SIM_CDN): ModelReply {
  const phase = phaseAt(job, nowMs);
  if (phase === 'not-started') return NOT_FOUND;
  if (phase === 'final' && job.removed && trueOutcome(job) === 'moderated') return NOT_FOUND;
  return { status: 200, body: statusBody(job, nowMs, cdn) };
}

/**
 * The status object of a started job at `nowMs` (what GET /videos/{id} answers, and what the
 * account's lists hold; a removed moderated job keeps its item there, without result links).
 * @param cdn base of the result links, as for {@link statusReply}.
 */
export function statusBody(job: SimJob, nowMs: number, cdn: string = SIM_CDN): Record<string, unknown> {
  const p = statusParts(job, nowMs);
  const path = `${cdn}/${job.kind}/${job.account}/${job.localId}`;
  if (job.kind === 'video') {
    const body: Record<string, unknown> = { id: job.localId, desc: job.prompt };
    if (p.done) {
      body.coverURL = `${path}-cover.jpg`;
      body.videoURL = `${path}-watermarked.mp4`;
      if (job.paidAccount) body.downloadURL = `${path}.mp4`;
    }
    Object.assign(body, {
      status: p.status,
      statusLabel: p.statusLabel,
      statusFinal: p.statusFinal,
      message: p.message,
      percent: p.percent,
      width: 1280,
      height: 720,
      originFiles: [],
      canAppeal: p.canAppeal,
      canRetry: p.canRetry,
      videoId: job.id,
    });
    return body;
  }
  const body: Record<string, unknown> = { id: job.localId, desc: job.prompt };
  if (p.done) {
    body.coverURL = `${path}-preview.webp`;
    body.videoURL = `${path}.png`;
    body.downloadURL = `${path}.png`;
    body.videoURLs = { downloadURLWithWatermark: `${path}-watermarked.png` };
  }
  Object.assign(body, {
    status: p.status,
    statusLabel: p.statusLabel,
    statusFinal: p.statusFinal,
    message: p.message,
    percent: p.percent,
    modelID: 'image-01',
    aspectRatio: '16:9',
    batchID: `batch-${job.localId}`,
    createTime: job.startedMs,
    userIDStr: job.account,
    fileID: `user:${job.user}-minimax:${job.account}-file:${job.localId}`,
    tags: [],
    humanCheckStatus: 0,
    priority: 0,
    canAppeal: p.canAppeal,
    canRetry: p.canRetry,
    imageId: job.id,
  });
  return body;
}
