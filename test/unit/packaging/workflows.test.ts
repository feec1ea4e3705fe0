/**
 * GitHub Actions workflows: every file in .github/workflows/ passes action-validator (the
 * workflow JSON schema), and the CI/release jobs run where and how the project needs them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../../..');
const workflowsDir = path.join(root, '.github/workflows');
const validatorCli = path.join(root, 'node_modules/@action-validator/cli/cli.mjs');
const run = promisify(execFile);

/** Runs `action-validator <file>`; resolves to its exit code and output. */
async function validate(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [validatorCli, file], { timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return {
      code: typeof e.code === 'number' ? e.code : -1,
      output: `${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`,
    };
  }
}

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  strategy?: { matrix?: { os?: string[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const workflowFiles = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f));
const load = (name: string) => parse(readFileSync(path.join(workflowsDir, name), 'utf8')) as Workflow;

describe('GitHub workflows', () => {
  test('there are CI and release workflows', () => {
    assert.ok(workflowFiles.includes('ci.yml'), workflowFiles.join(' '));
    assert.ok(workflowFiles.includes('release.yml'), workflowFiles.join(' '));
  });

  for (const file of workflowFiles) {
    test(`${file} passes action-validator`, async () => {
      const { code, output } = await validate(path.join(workflowsDir, file));
      assert.equal(code, 0, output);
    });
  }

  test('the validator reports a broken workflow (so a pass above means something)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'minimax-workflow-'));
    try {
      const bad = path.join(dir, 'broken.yml');
      await writeFile(
        bad,
        'name: broken\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: echo\n',
      );
      const { code, output } = await validate(bad);
      assert.notEqual(code, 0);
      assert.match(output, /stepz/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('every job sets up Node 24', () => {
    for (const file of workflowFiles) {
      for (const [name, job] of Object.entries(load(file).jobs)) {
        const setup = job.steps.filter((s) => s.uses?.startsWith('actions/setup-node@'));
        for (const step of setup) assert.equal(String(step.with?.['node-version']), '24', `${file} ${name}`);
        if (job.steps.some((s) => s.run?.includes('npm ci')))
          assert.equal(setup.length, 1, `${file} ${name}`);
      }
    }
  });

  test('CI runs the real-Electron suite on Linux (under Xvfb), macOS and Windows', () => {
    const ci = load('ci.yml');
    assert.ok('push' in ci.on && 'pull_request' in ci.on);
    const electron = Object.values(ci.jobs).find((j) =>
      j.steps.some((s) => s.run?.includes('npm run test:electron')),
    );
    assert.ok(electron, 'no job runs npm run test:electron');
    assert.deepEqual([...(electron.strategy?.matrix?.os ?? [])].sort(), [
      'macos-latest',
      'ubuntu-latest',
      'windows-latest',
    ]);
    assert.ok(
      electron.steps.some((s) => s.run?.includes('xvfb-run') && s.run.includes('npm run test:electron')),
    );
  });

  test('release builds installers on each OS for v* tags', () => {
    const release = load('release.yml');
    assert.deepEqual((release.on.push as { tags: string[] }).tags, ['v*']);
    const build = Object.values(release.jobs).find((j) => j.steps.some((s) => s.run === 'npm run dist'));
    assert.ok(build, 'no job runs npm run dist');
    assert.deepEqual([...(build.strategy?.matrix?.os ?? [])].sort(), [
      'macos-latest',
      'ubuntu-latest',
      'windows-latest',
    ]);
  });
});
