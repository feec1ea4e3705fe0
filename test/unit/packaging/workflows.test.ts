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
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../../..');
const workflowsDir = path.join(root, '.github/workflows');
const validatorCli = fileURLToPath(import.meta.resolve('@action-validator/cli/cli.mjs'));
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
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  strategy?: { matrix?: { os?: string[]; include?: { os: string; arch: string }[] } };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  env?: Record<string, string>;
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
    const electron = electronJob();
    assert.deepEqual([...(electron.strategy?.matrix?.os ?? [])].sort(), [
      'macos-latest',
      'ubuntu-latest',
      'windows-latest',
    ]);
    assert.ok(
      electron.steps.some((s) => s.run?.includes('xvfb-run') && s.run.includes('npm run test:electron')),
    );
  });

  test('the Electron job cannot pass by skipping: it installs Electron, then requires it', () => {
    const electron = electronJob();
    assert.equal(electron.env?.REQUIRE_ELECTRON, '1');
    const install = electron.steps.findIndex((s) =>
      /node node_modules\/electron\/install\.js|npx install-electron/.test(s.run ?? ''),
    );
    const firstSuite = electron.steps.findIndex((s) => s.run?.includes('npm run test:electron'));
    assert.ok(install >= 0, "no step runs Electron's installer");
    assert.ok(install < firstSuite, 'Electron is installed after the suite runs');
    for (const step of electron.steps) assert.notEqual(step.env?.REQUIRE_ELECTRON, '0', step.name);
  });

  test('no workflow sets ELECTRON_SKIP_BINARY_DOWNLOAD (Electron 45 never reads it)', () => {
    for (const file of workflowFiles) {
      const text = readFileSync(path.join(workflowsDir, file), 'utf8');
      assert.doesNotMatch(text, /ELECTRON_SKIP_BINARY_DOWNLOAD/, file);
    }
  });

  test('on Linux, an AppArmor profile lets the Electron binary alone use user namespaces (no global sysctl)', () => {
    const electron = electronJob();
    const runs = electron.steps.map((s) => s.run ?? '');
    assert.ok(
      !runs.some((r) => /apparmor_restrict_unprivileged_userns/.test(r)),
      'the global sysctl is back',
    );
    const profileStep = electron.steps.findIndex(
      (s) => s.if === "runner.os == 'Linux'" && /apparmor_parser --replace/.test(s.run ?? ''),
    );
    assert.ok(profileStep >= 0, 'no Linux step loads an AppArmor profile');
    const script = runs[profileStep]!;
    assert.match(script, /electron="\$\(realpath node_modules\/electron\/dist\/electron\)"/);
    const profile = /<<EOF\n([\s\S]*?)\nEOF/.exec(script)?.[1] ?? '';
    assert.match(profile, /^abi <abi\/4\.0>,$/m);
    assert.match(profile, /^profile [\w-]+ "\$electron" flags=\(unconfined\) \{\n {2}userns,\n\}$/m);
    const linuxSuite = electron.steps.findIndex(
      (s) => s.if === "runner.os == 'Linux'" && s.run?.includes('npm run test:electron'),
    );
    assert.ok(profileStep < linuxSuite, 'the profile is loaded after the suite runs');
  });

  test('on Linux, the suite runs in a private D-Bus session with a notification daemon', () => {
    const electron = electronJob();
    const setup = electron.steps.find(
      (s) => s.if === "runner.os == 'Linux'" && /apt-get install/.test(s.run ?? ''),
    );
    assert.match(setup?.run ?? '', /apt-get install -y .*\bdunst\b/);
    const suite = electron.steps.find(
      (s) => s.if === "runner.os == 'Linux'" && s.run?.includes('test:electron'),
    );
    const run = suite?.run ?? '';
    assert.match(run, /xvfb-run [\s\S]*dbus-run-session -- sh -c/);
    assert.match(run, /dunst &/);
    assert.match(
      run,
      /gdbus wait --session --timeout \d+ org\.freedesktop\.Notifications &&\s+npm run test:electron/,
    );
  });

  test('release builds installers on each OS for v* tags, each Mac architecture on its own runner', () => {
    const release = load('release.yml');
    assert.deepEqual((release.on.push as { tags: string[] }).tags, ['v*']);
    const build = releaseBuildJob();
    assert.deepEqual((build.strategy?.matrix?.include ?? []).map(({ os, arch }) => `${os} ${arch}`).sort(), [
      'macos-15-intel x64',
      'macos-latest arm64',
      'ubuntu-latest x64',
      'windows-latest x64',
    ]);
    const dist = build.steps.filter((s) => s.run?.startsWith('npm run dist'));
    assert.ok(dist.length > 0);
    for (const step of dist) assert.equal(step.run, 'npm run dist -- --${{ matrix.arch }}', step.name);
    const upload = build.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    assert.match(String(upload?.with?.name), /\$\{\{ matrix\.os \}\}.*\$\{\{ matrix\.arch \}\}/);
  });

  test('release fails when a packed app lacks the keychain binding for its own OS and architecture', () => {
    const build = releaseBuildJob();
    const runs = build.steps.map((s) => s.run ?? '');
    const check = runs.findIndex((r) => r === 'node scripts/check-packed-keyring.mjs release');
    const lastDist = runs.findLastIndex((r) => r.startsWith('npm run dist'));
    const upload = build.steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact@'));
    assert.ok(check > lastDist, 'the check does not run after packing');
    assert.ok(check < upload, 'installers are kept before the check');
    assert.equal(build.steps[check]!.if, undefined, 'the check is conditional');
  });

  test('release publishes one macOS update feed listing both architectures', () => {
    const release = load('release.yml');
    const build = releaseBuildJob();
    assert.ok(
      build.steps.some(
        (s) =>
          s.if === "runner.os == 'macOS'" &&
          s.run === 'mv release/latest-mac.yml "release/latest-mac-${{ matrix.arch }}.yml"',
      ),
    );
    const publish = Object.values(release.jobs).find((j) =>
      j.steps.some((s) => s.run?.includes('gh release create')),
    );
    assert.ok(publish, 'no job creates the release');
    const runs = publish.steps.map((s) => s.run ?? '');
    const merge = runs.findIndex((r) =>
      r.includes(
        'node scripts/merge-mac-update-feed.mjs installers/latest-mac.yml installers/latest-mac-arm64.yml installers/latest-mac-x64.yml',
      ),
    );
    const create = runs.findIndex((r) => r.includes('gh release create'));
    assert.ok(merge >= 0 && merge < create, 'the feeds are not merged before the release is created');
  });
});

/** The CI job that runs the real-Electron suite. */
function electronJob(): Job {
  const job = Object.values(load('ci.yml').jobs).find((j) =>
    j.steps.some((s) => s.run?.includes('npm run test:electron')),
  );
  assert.ok(job, 'no job runs npm run test:electron');
  return job;
}

/** The release job that packs the installers. */
function releaseBuildJob(): Job {
  const job = Object.values(load('release.yml').jobs).find((j) =>
    j.steps.some((s) => s.run?.startsWith('npm run dist')),
  );
  assert.ok(job, 'no job runs npm run dist');
  return job;
}
