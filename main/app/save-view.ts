/**
 * What the window shows of saved results, as pure functions of the result saver's snapshot: the
 * "Saved" state of a finished row, and the alert when saving is paused.
 */
import path from 'node:path';
import type { SaverSnapshot } from '../core/results/save-types.ts';
import type { SavedInfo, SavingPaused } from '../ipc.ts';

/** The row's saved state for job `id`, or null when the saver never had it. */
export function savedInfo(snapshot: SaverSnapshot | null, id: string): SavedInfo | null {
  const record = snapshot?.records[id];
  if (record === undefined) return null;
  return {
    status: record.status,
    fileName: record.path === null ? null : path.basename(record.path),
    message: record.message,
  };
}

/** The pause to show, or null. */
export function savingPaused(snapshot: SaverSnapshot | null): SavingPaused | null {
  const paused = snapshot?.paused ?? null;
  return paused === null ? null : { reason: paused.reason, message: paused.message };
}
