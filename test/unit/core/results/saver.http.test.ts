// The result saver over real HTTP against the simulator's file host: what lands in the folder,
// under which name, and what is never touched or sent.
process.env.TZ = 'UTC';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { DEFAULT_SIM_TOKEN } from '../../../../main/core/simulator/index.ts';
import { filesIn, ofType, startSaveHarness, type SaveHarness } from './harness.ts';

let h: SaveHarness;
beforeEach(async () => {
  h = await startSaveHarness();
});
afterEach(() => h.close());

describe('result saver: saving a result over HTTP', () => {
  test('a succeeded video lands in the folder under its date, first words and id, byte for byte', async () => {
    const job = await h.finish({ prompt: 'A red fox jumping over a frozen river at dawn, cinematic' });
    const { saver, events } = await h.saver();
    saver.offer(job);
    await saver.whenIdle();
    // 2026-01-01T00:01:00Z (the job took 60 s on the fake clock), the first 8 words, the local id.
    const name = '2026-01-01 00-01 A red fox jumping over a frozen river 1.mp4';
    assert.deepEqual(filesIn(h.folder), [name]);
    assert.deepEqual(readFileSync(path.join(h.folder, name)), h.sim.resultFile(job.resultUrl!));
    const saved = ofType(events, 'saved');
    assert.equal(saved.length, 1);
    assert.equal(saved[0]!.path, path.join(h.folder, name));
    assert.equal(saved[0]!.bytes, 64 * 1024);
    assert.deepEqual(saver.snapshot().records[job.id], {
      status: 'saved',
      path: path.join(h.folder, name),
      message: null,
    });
  });

  test('an existing file with the same name is left untouched and the result gets " (2)"', async () => {
    const job = await h.finish({ prompt: 'Waves' });
    const mine = path.join(h.folder, '2026-01-01 00-01 Waves 1.mp4');
    writeFileSync(mine, 'my own file');
    const { saver } = await h.saver();
    saver.offer(job);
    await saver.whenIdle();
    assert.equal(readFileSync(mine, 'utf8'), 'my own file');
    assert.deepEqual(filesIn(h.folder), ['2026-01-01 00-01 Waves 1 (2).mp4', '2026-01-01 00-01 Waves 1.mp4']);
  });

  test('hostile prompts give one safe file directly in the folder', async () => {
    const prompts = [
      '../../../../etc/passwd',
      'a/b\\c:d*e?f"g<h>i|j',
      'CON',
      'nul.txt',
      'COM1 LPT9',
      `${'x'.repeat(300)}`,
      'tab\there\nnew line\u0007bell',
      'evil \u202Egpj.exe',
      '....',
      '   trailing dots and spaces ...   ',
    ];
    const jobs = [];
    for (const prompt of prompts) jobs.push(await h.finish({ prompt }));
    const { saver, events } = await h.saver();
    for (const job of jobs) saver.offer(job);
    for (let i = 0; i < jobs.length; i++) await saver.whenIdle();
    const saved = ofType(events, 'saved');
    assert.equal(saved.length, prompts.length, JSON.stringify(ofType(events, 'save-failed')));
    for (const e of saved) {
      assert.equal(path.dirname(e.path), h.folder, e.path);
      const name = path.basename(e.path);
      assert.ok(Buffer.byteLength(name) <= 160, `${name} is ${Buffer.byteLength(name)} bytes`);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(name, /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, name);
      assert.doesNotMatch(name, /[. ]$/, name);
      assert.doesNotMatch(name, /^\./, name);
    }
    const names = saved.map((e) => path.basename(e.path));
    assert.ok(names.includes('2026-01-01 00-01 etc passwd 1.mp4'), names.join('\n'));
    assert.ok(names.includes('2026-01-01 00-03 CON! 3.mp4'), names.join('\n'));
    assert.ok(names.includes('2026-01-01 00-08 evil gpj.exe 8.mp4'), names.join('\n'));
    assert.ok(names.some((n) => n.startsWith('2026-01-01 00-06 xxxxxxxx') && n.endsWith(' 6.mp4')));
    assert.equal(filesIn(h.folder).length, prompts.length);
  });

  test('"videos only" skips images; "videos and images" saves the .png', async () => {
    const image = await h.finish({ kind: 'image', prompt: 'Clouds', durationMs: 20_000 });
    const first = await h.saver({}, { folder: h.folder, kinds: 'videos' });
    first.saver.offer(image);
    await first.saver.whenIdle();
    assert.deepEqual(filesIn(h.folder), []);
    await first.saver.stop();

    const image2 = await h.finish({ kind: 'image', prompt: 'Clouds', durationMs: 20_000 });
    const second = await h.saver({}, { folder: h.folder, kinds: 'all' });
    second.saver.offer(image2);
    await second.saver.whenIdle();
    assert.deepEqual(filesIn(h.folder), ['2026-01-01 00-00 Clouds 2.png']);
  });

  test('only https links (and http to this machine) are downloaded; others fail with the reason', async () => {
    const job = await h.finish({ prompt: 'x' });
    const { saver, events } = await h.saver();
    saver.offer({ ...job, id: `${job.id}0`, resultUrl: 'http://files.example.com/x.mp4' });
    saver.offer({ ...job, id: `${job.id}1`, resultUrl: 'file:///etc/passwd' });
    await saver.whenIdle();
    const failed = ofType(events, 'save-failed');
    assert.equal(failed.length, 2);
    for (const f of failed) assert.match(f.message, /not https/);
    assert.deepEqual(filesIn(h.folder), []);
  });

  test('failed, moderated and unknown jobs are not downloaded, nor anything while saving is off', async () => {
    const job = await h.finish({ prompt: 'x' });
    const { saver } = await h.saver({}, null);
    saver.offer(job);
    saver.setConfig({ folder: h.folder, kinds: 'all' });
    for (const outcome of ['failed', 'moderated', 'unknown', 'cancelled'] as const)
      saver.offer({ ...job, outcome });
    await saver.whenIdle();
    assert.deepEqual(filesIn(h.folder), []);
    assert.equal(h.sim.requestLog().filter((r) => r.route === 'GET /files/{path}').length, 0);
  });
});

describe('result saver: the token never goes to the file host', () => {
  test('no request to the file host carries an Authorization header', async () => {
    const job = await h.finish({ prompt: 'x' });
    const { saver } = await h.saver();
    saver.offer(job);
    await saver.whenIdle();
    const fileRequests = h.sim.requestLog().filter((r) => r.route === 'GET /files/{path}');
    assert.equal(fileRequests.length, 1);
    assert.equal(fileRequests[0]!.authHeader, false);
  });

  test('every header sent, redirects included, is free of the token and of credentials', async () => {
    const seen: Array<Record<string, string | string[] | undefined>> = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      if (req.url === '/start.mp4') {
        res.writeHead(302, { Location: '/final.mp4' }).end();
        return;
      }
      res.writeHead(200, { 'Content-Length': '4' }).end('abcd');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const job = await h.finish({ prompt: 'x' });
      // The process holds a token (as the CLI and the app do); the saver is never given it.
      process.env.USEAPI_TOKEN = DEFAULT_SIM_TOKEN;
      const { saver } = await h.saver();
      saver.offer({ ...job, resultUrl: `http://127.0.0.1:${port}/start.mp4` });
      await saver.whenIdle();
      assert.equal(seen.length, 2);
      for (const headers of seen) {
        assert.equal(headers.authorization, undefined);
        assert.equal(headers.cookie, undefined);
        assert.doesNotMatch(JSON.stringify(headers), /simulatortoken|Bearer/i);
      }
      assert.equal(filesIn(h.folder).length, 1);
    } finally {
      delete process.env.USEAPI_TOKEN;
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
