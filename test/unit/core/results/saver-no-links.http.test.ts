// The result saver on a file system without hard links (FAT, exFAT, some network shares): the
// name is reserved exclusively and the temp file renamed onto it, still never over another file.
process.env.TZ = 'UTC';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { nodeSaveFs, type SaveFs } from '../../../../main/core/results/save-fs.ts';
import { filesIn, ofType, startSaveHarness, type SaveHarness } from './harness.ts';

let h: SaveHarness;
beforeEach(async () => {
  h = await startSaveHarness();
});
afterEach(() => h.close());

const noHardLinks: SaveFs = {
  ...nodeSaveFs,
  linkNew: () =>
    Promise.reject(Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' })),
};

test('without hard links the result still gets its name, and a file already there is left untouched', async () => {
  const job = await h.finish({ prompt: 'Waves' });
  const mine = path.join(h.folder, '2026-01-01 00-01 Waves 1.mp4');
  writeFileSync(mine, 'my own file');
  const { saver, events } = await h.saver({ fs: noHardLinks });
  saver.offer(job);
  await saver.whenIdle();
  assert.equal(readFileSync(mine, 'utf8'), 'my own file');
  assert.deepEqual(filesIn(h.folder), ['2026-01-01 00-01 Waves 1 (2).mp4', '2026-01-01 00-01 Waves 1.mp4']);
  const saved = ofType(events, 'saved');
  assert.equal(saved[0]?.path, path.join(h.folder, '2026-01-01 00-01 Waves 1 (2).mp4'));
  assert.deepEqual(readFileSync(saved[0]!.path), h.sim.resultFile(job.resultUrl!));
});
