/**
 * `watch --save-to DIR`: the result saver beside the monitor. The folder is created when missing
 * (only at start: a folder that goes away later pauses saving, it is never recreated, since that
 * would write into the mount point of a removed drive); the saver's state is `saves.json` in the
 * state folder, so a restart resumes an interrupted download. Its events go out as NDJSON or as
 * lines for people (save-output.ts).
 */
import { makeDirs } from '../core/make-dirs.ts';
import path from 'node:path';
import { ResultSaver } from '../core/results/result-saver.ts';
import { LocalStateError } from '../core/state/local-state-error.ts';
import type { Logger } from '../core/types.ts';
import type { CliArgs } from './args.ts';
import { saveLine, toCliSaveEvent } from './save-output.ts';
import type { Terminal } from './terminal.ts';

/**
 * Starts saving into `args.saveTo` (null when `--save-to` was not given).
 * @throws LocalStateError `unwritable` when the folder cannot be created.
 */
export async function startSaving(
  args: CliArgs,
  stateDir: string,
  terminal: Terminal,
  logger: Logger,
): Promise<ResultSaver | null> {
  const folder = args.saveTo;
  if (folder === null) return null;
  try {
    await makeDirs(folder);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new LocalStateError('unwritable', `Cannot create the --save-to folder ${folder}: ${why}`, {
      cause: e,
    });
  }
  const saver = new ResultSaver({ statePath: path.join(stateDir, 'saves.json'), logger });
  saver.subscribe((event) => {
    const cli = toCliSaveEvent(event);
    if (cli === null) return;
    if (args.json) terminal.line(JSON.stringify(cli), 'out');
    else {
      const { text, to } = saveLine(cli, (t) => terminal.paint(t));
      terminal.line(text, to);
    }
  });
  await saver.start();
  saver.setConfig({ folder, kinds: args.saveImages ? 'all' : 'videos' });
  return saver;
}
