/**
 * GET /videos/{videoId} and GET /images/{imageId} (doc get-minimax-videos-videoId,
 * get-minimax-images-imageId) into a {@link JobStatus}.
 */
import type { JobStatus } from '../../types.ts';
import { ApiError } from '../errors.ts';
import { JobStatusSchema, type RawJobStatus } from '../schemas.ts';
import { decideFinality } from './outcome.ts';
import {
  capText,
  capUrl,
  MAX_LABEL_CHARS,
  MAX_MESSAGE_CHARS,
  MAX_PROMPT_CHARS,
  nonEmpty,
} from './text-caps.ts';

/**
 * Normalises a GET /videos/{videoId} or GET /images/{imageId} body into a {@link JobStatus}.
 * resultUrl = `downloadURL` else `videoURL`; coverUrl = `coverURL`; prompt = `desc`.
 * @param id the job id that was asked for (returned as `JobStatus.id`).
 * @throws ApiError `bad-response` when the body is not an object or carries neither a numeric
 *   `status` nor a boolean `statusFinal`.
 */
export function normaliseJobStatus(body: unknown, id: string): JobStatus {
  const parsed =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? JobStatusSchema.safeParse(body)
      : null;
  if (parsed === null || !parsed.success) {
    throw new ApiError('bad-response', 'Unexpected answer to a job status request: not an object.', {
      status: 200,
    });
  }
  const raw = parsed.data;
  if (raw.status === undefined && raw.statusFinal === undefined) {
    throw new ApiError(
      'bad-response',
      'Unexpected answer to a job status request: it has neither status nor statusFinal.',
      { status: 200 },
    );
  }
  return statusFromRaw(raw, id);
}

/**
 * The {@link JobStatus} of a status object that passed {@link JobStatusSchema} and carries a
 * `status` or a `statusFinal` (also the items of GET /videos/ and GET /images/).
 */
export function statusFromRaw(raw: RawJobStatus, id: string): JobStatus {
  const resultUrl = capUrl(nonEmpty(raw.downloadURL)) ?? capUrl(nonEmpty(raw.videoURL));
  const { final, outcome } = decideFinality(raw.status, raw.statusFinal, resultUrl !== null);
  return {
    id,
    final,
    outcome,
    status: raw.status ?? null,
    statusLabel: capText(raw.statusLabel ?? null, MAX_LABEL_CHARS),
    percent: raw.percent ?? null,
    message: capText(nonEmpty(raw.message), MAX_MESSAGE_CHARS),
    resultUrl,
    coverUrl: capUrl(nonEmpty(raw.coverURL)),
    prompt: capText(raw.desc ?? null, MAX_PROMPT_CHARS),
  };
}
