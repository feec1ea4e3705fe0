/**
 * The demo's own state folder. A demo starts afresh every time (the simulator reuses its job ids,
 * which an old ledger would take for jobs already announced), so it clears its ledger at start;
 * but it may only ever remove files it created itself, in a folder it marked as its own.
 *
 * The mark is a file named {@link DEMO_MARKER} written when the demo creates the folder. A folder
 * without it is adopted only when it is empty; otherwise the demo refuses to use it
 * (`--state-dir ~` must never cost anyone a `~/demo` folder).
 */
import { readdir, rm, writeFile } from 'node:fs/promises';
import { makeDirs } from '../make-dirs.ts';
import path from 'node:path';
import { LocalStateError } from './local-state-error.ts';

/** The file that marks a folder as the demo's own. */
export const DEMO_MARKER = '.minimax-demo-state';

const MARKER_TEXT =
  'This folder was created by the MiniMax Tray / minimax-jobs demo.\n' +
  'The demo empties its ledger here at every start; it never touches other files.\n';

/**
 * Files the demo (through the ledger and the result saver's state) may have written, and so may
 * remove: exactly the names they write, so a file of the user's that merely starts the same way
 * (`ledger.json.corrupt-mine`, `ledger.json.bak`) is kept.
 * - `ledger.json`, `saves.json`;
 * - set aside: `ledger.json.corrupt-<UTC stamp>` (ledger.ts, `20261201T121500123Z`) and
 *   `saves.json.corrupt-<epoch ms>` (save-state.ts);
 * - atomic-write temp files: `.<file>.<pid>.<8 hex>.tmp` (atomic-write.ts).
 */
const DEMO_FILES: readonly RegExp[] = [
  /^(ledger|saves)\.json$/,
  /^ledger\.json\.corrupt-\d{8}T\d{9}Z$/,
  /^saves\.json\.corrupt-\d+$/,
  /^\.(ledger|saves)\.json\.\d+\.[0-9a-f]{8}\.tmp$/,
];

function isDemoFile(name: string): boolean {
  return DEMO_FILES.some((re) => re.test(name));
}

/** A folder {@link claimDemoDir} made sure is the demo's own. */
export interface DemoDir {
  readonly path: string;
  /**
   * Removes the state files an earlier demo left (ledger.json and saves.json, their set-aside
   * copies and temp files). Other files stay. Call it while holding the folder's lock (state-lock.ts).
   */
  reset(): Promise<void>;
}

/**
 * Makes `dir` the demo's folder: creates it (and its parents) with the marker when it does not
 * exist, adopts an existing empty folder, accepts a marked one. Removes nothing.
 * @throws LocalStateError `not-ours` when `dir` exists, has no marker and is not empty;
 *   `unwritable` when it cannot be created or read.
 */
export async function claimDemoDir(dir: string): Promise<DemoDir> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw unwritable(dir, e);
    names = [];
  }
  if (!names.includes(DEMO_MARKER)) {
    if (names.length > 0) {
      throw new LocalStateError(
        'not-ours',
        `${dir} already holds files the demo did not create, so the demo will not use it. ` +
          'Choose another --state-dir (the demo keeps its ledger in DIR/demo).',
      );
    }
    try {
      await makeDirs(dir);
      await writeFile(path.join(dir, DEMO_MARKER), MARKER_TEXT, { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw unwritable(dir, e);
    }
  }
  return {
    path: dir,
    async reset() {
      for (const name of await readdir(dir)) {
        if (isDemoFile(name)) await rm(path.join(dir, name), { force: true });
      }
    },
  };
}

function unwritable(dir: string, e: unknown): LocalStateError {
  const why = e instanceof Error ? e.message : String(e);
  return new LocalStateError('unwritable', `Cannot use the demo folder ${dir}: ${why}`, { cause: e });
}
