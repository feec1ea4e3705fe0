// Jobs as the core hands them to the CLI, for the output tests.
import type { FinishedJob } from '../../../main/core/types.ts';

/** A video that succeeded after 3 min 5 s; `over` changes any field. */
export function finishedJob(over: Partial<FinishedJob> = {}): FinishedJob {
  return {
    id: 'user:1111-minimax:222222-video:1000000',
    kind: 'video',
    account: '222222',
    outcome: 'succeeded',
    resultUrl: null,
    coverUrl: null,
    prompt: null,
    durationMs: 185_000,
    finishedAtMs: 0,
    startedMs: null,
    replyRef: null,
    status: 2,
    statusLabel: 'completed',
    message: null,
    source: 'api',
    ...over,
  };
}
