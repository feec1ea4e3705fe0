/**
 * What happens when the app cannot start: the error goes to main.log through electron-log (set
 * up here if start-up failed before it was) and into a native error box, then the app exits with
 * 1. A half-started tray app is worse than none, and one that quits without a word is worse still.
 *
 * The box waits for `ready` (at most {@link READY_WAIT_MS}): on Linux `dialog.showErrorBox` before
 * `ready` only prints to stderr.
 */
import { app, dialog } from 'electron';
import { initLogging, logFilePath, scopedLogger } from './logging.ts';

/** Title of the error box. */
const STARTUP_FAILURE_TITLE = 'MiniMax Tray could not start';
/** Longest wait for `ready` before the box is shown anyway: 5 s. */
const READY_WAIT_MS = 5_000;

/** Logs `error`, shows it in an error box and exits with 1. Never throws. */
export async function reportStartupFailure(error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  let logFile = '(no log file)';
  try {
    initLogging();
    logFile = logFilePath();
    scopedLogger('main').error(`could not start: ${message}`, error);
  } catch (e) {
    console.error(
      `MiniMax Tray could not start: ${message} (and the log could not be written: ${String(e)})`,
    );
  }
  try {
    if (!app.isReady()) {
      await Promise.race([app.whenReady(), new Promise((r) => setTimeout(r, READY_WAIT_MS).unref())]);
    }
    dialog.showErrorBox(STARTUP_FAILURE_TITLE, `${message}\n\nDetails are in the log: ${logFile}`);
  } catch (e) {
    console.error(`MiniMax Tray could not start: ${message} (no error box: ${String(e)})`);
  }
  app.exit(1);
}
