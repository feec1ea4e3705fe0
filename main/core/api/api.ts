/**
 * The contract between the monitor and the useapi.net MiniMax v1 API.
 * Implemented over HTTP by {@link import('./client.ts').UseapiClient}; tests may pass fakes.
 * Doc root: https://useapi.net/docs/api-minimax-v1/
 */
import type { AccountCapacity, AccountInfo, JobStatus, RunningJob } from '../types.ts';

/** Every method rejects with {@link import('./errors.ts').ApiError} and nothing else. */
export interface MinimaxApi {
  /** GET /scheduler/ — jobs the API is running now, deduplicated, bad entries skipped. */
  listScheduler(): Promise<RunningJob[]>;
  /** GET /scheduler/available — running jobs plus per-account capacity (videos only). */
  schedulerAvailable(): Promise<{ executing: RunningJob[]; available: AccountCapacity[] }>;
  /** DELETE /scheduler/{id} — stop tracking; does NOT cancel the generation. */
  stopTracking(id: string): Promise<void>;
  /** GET /videos/{id} or GET /images/{id}, chosen by the kind in the id string. */
  getJobStatus(id: string): Promise<JobStatus>;
  /** POST /videos/cancel {videoId} — ask MiniMax to cancel a video still generating. */
  cancelVideo(videoId: string): Promise<void>;
  /** GET /accounts — configured MiniMax accounts; session tokens are dropped on receipt. */
  listAccounts(): Promise<AccountInfo[]>;
}
