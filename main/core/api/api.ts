/**
 * The contract between the monitor and the useapi.net MiniMax v1 API.
 * Implemented over HTTP by {@link import('./client.ts').UseapiClient}; tests may pass fakes.
 * Doc root: https://useapi.net/docs/api-minimax-v1/
 */
import type { AccountCapacity, AccountInfo, JobStatus, ListedJob, RunningJob } from '../types.ts';

/**
 * One page of an account's list (GET /videos/ or GET /images/, docs get-minimax-videos,
 * get-minimax-images): `limit` items (the API's default is 30), starting after `lastId`.
 */
export interface ListPageQuery {
  /** MiniMax account id (the API requires it when more than one account is configured). */
  account: string;
  /** Items per page, 1 or more. */
  limit: number;
  /**
   * The full id (`videoId` / `imageId`) of the last item of the previous page, sent as
   * `lastVideoId` / `lastImageId`; null for the first page. The docs only say "the video id from
   * where to start"; the full id is what useapi.net calls a videoId everywhere else.
   */
  lastId: string | null;
}

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
  /** GET /videos/?account=&limit=&lastVideoId= — one page of the account's videos, newest first. */
  listVideos(page: ListPageQuery): Promise<ListedJob[]>;
  /** GET /images/?account=&limit=&lastImageId= — one page of the account's images, newest first. */
  listImages(page: ListPageQuery): Promise<ListedJob[]>;
}
