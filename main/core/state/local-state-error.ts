/**
 * Failures of the monitor's local state (its folder and ledger file), as opposed to the API's.
 * The CLI exits with code 7 for every one of them; the tray app shows the message and carries on
 * with a memory-only ledger where it can.
 */

/**
 * Why local state cannot be used:
 * - `newer-ledger`: the ledger file was written by a newer version; it is left untouched;
 * - `locked`: another `watch` process uses the same state directory;
 * - `not-ours`: a folder the demo would clear holds files this program did not create;
 * - `unwritable`: the state directory or the lock cannot be created;
 * - `save-failed`: the ledger could not be written (on stop, the last changes are lost).
 */
export type LocalStateProblem = 'newer-ledger' | 'locked' | 'not-ours' | 'unwritable' | 'save-failed';

/** A local-state failure with a message written for the user (it names the file or folder). */
export class LocalStateError extends Error {
  override readonly name = 'LocalStateError';
  /** What went wrong; see {@link LocalStateProblem}. */
  readonly problem: LocalStateProblem;

  constructor(problem: LocalStateProblem, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.problem = problem;
  }
}

/** True for a {@link LocalStateError}. */
export function isLocalStateError(e: unknown): e is LocalStateError {
  return e instanceof LocalStateError;
}
