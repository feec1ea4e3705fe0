import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  DEFAULT_DEMO_SPEED,
  HELP_TEXT,
  UsageError,
  defaultStateDir,
  nearest,
  parseCliArgs,
} from '../../../main/cli/args.ts';

describe('minimax-jobs argument parsing', () => {
  test('options may stand before or after the subcommand', () => {
    const before = parseCliArgs(['--json', '--api-base', 'http://127.0.0.1:9/v1/minimax', 'list']);
    const after = parseCliArgs(['list', '--json', '--api-base', 'http://127.0.0.1:9/v1/minimax']);
    assert.deepEqual(before, after);
    assert.equal(before.command, 'list');
    assert.equal(before.json, true);
    assert.equal(before.apiBase, 'http://127.0.0.1:9/v1/minimax');
  });

  test('watch --demo --speed takes the speed; the default speed is documented', () => {
    assert.equal(parseCliArgs(['watch', '--demo', '--speed', '50']).speed, 50);
    assert.equal(parseCliArgs(['watch', '--demo']).speed, DEFAULT_DEMO_SPEED);
  });

  test('website jobs are looked for unless --no-website-jobs', () => {
    assert.equal(parseCliArgs(['watch']).websiteJobs, true);
    assert.equal(parseCliArgs(['list', '--no-website-jobs']).websiteJobs, false);
    assert.equal(parseCliArgs(['--no-website-jobs', 'watch', '--json']).websiteJobs, false);
  });

  test('--account is repeatable: every account without it; the ids in order, a repeat counted once', () => {
    assert.equal(parseCliArgs(['watch']).accounts, null);
    assert.deepEqual(
      parseCliArgs(['watch', '--account', '100002', '--account=100001', '--account', '100002']).accounts,
      ['100002', '100001'],
    );
    assert.deepEqual(parseCliArgs(['--account', '7', 'list', '--json']).accounts, ['7']);
  });

  test('an --account that is not an account id is a usage error naming the value', () => {
    const message = (value: string) => {
      try {
        parseCliArgs(['list', '--account', '100001', `--account=${value}`]);
      } catch (e) {
        return e instanceof UsageError ? e.message : String(e);
      }
      return 'no error';
    };
    assert.equal(
      message('abc'),
      '--account takes a MiniMax account id, digits only, as GET /accounts lists them (got "abc").',
    );
    assert.match(message(''), /digits only.*\(got ""\)/);
    assert.match(message('10000\uff11'), /\(got "10000\uff11"\)/, 'a full-width digit is not a digit');
    assert.match(message('-1'), /\(got "-1"\)/);
    assert.match(message('1'.repeat(33)), /digits only/, 'far longer than any account id');
    assert.match(
      message('bad\u001b[2Jid'),
      /\(got "bad\\u001b\[2Jid"\)/,
      'escaped, not sent to the terminal',
    );
    assert.equal(
      message('100001,100002'),
      '--account takes one MiniMax account id (got "100001,100002"): repeat it, as in --account 100001 --account 100002.',
    );
    assert.match(message('1 2'), /repeat it, as in --account 1 --account 2\.$/);
  });

  test('a mistyped --account names it', () => {
    assert.throws(() => parseCliArgs(['list', '--acount', '1']), {
      message: 'Unknown option --acount. Did you mean --account?',
    });
    assert.throws(() => parseCliArgs(['list', '--accounts', '1']), {
      message: 'Unknown option --accounts. Did you mean --account?',
    });
  });

  test('--help documents --account', () => {
    assert.match(HELP_TEXT, /^ {2}--account ID {7}only this MiniMax account's jobs \(repeat for several/m);
  });

  test('--state-dir is made absolute', () => {
    const args = parseCliArgs(['watch', '--state-dir', 'rel/dir']);
    assert.equal(args.stateDir, path.resolve('rel/dir'));
  });

  test('usage errors: unknown option, unknown or missing command, bad speed, extra argument', () => {
    for (const argv of [
      ['list', '--bogus'],
      ['frobnicate'],
      [],
      ['watch', '--speed', '0'],
      ['list', 'extra'],
    ]) {
      assert.throws(() => parseCliArgs(argv), UsageError, `argv ${JSON.stringify(argv)}`);
    }
  });

  test('a speed out of range names the range', () => {
    for (const bad of ['0', '100000', 'fast']) {
      assert.throws(() => parseCliArgs(['watch', '--demo', '--speed', bad]), {
        message: `--speed takes a number above 0, at most 10000 (got "${bad}").`,
      });
    }
    assert.equal(parseCliArgs(['watch', '--demo', '--speed', '10000']).speed, 10_000);
  });

  test('an unknown option or command names the nearest known one, when one is near', () => {
    const message = (argv: string[]) => {
      try {
        parseCliArgs(argv);
      } catch (e) {
        return e instanceof UsageError ? e.message : String(e);
      }
      return 'no error';
    };
    assert.equal(message(['list', '--jsn']), 'Unknown option --jsn. Did you mean --json?');
    assert.equal(
      message(['watch', '--stat-dir', 'x']),
      'Unknown option --stat-dir. Did you mean --state-dir?',
    );
    assert.equal(message(['list', '--api=http://x']), 'Unknown option --api. Did you mean --api-base?');
    assert.equal(message(['list', '--frobnicate']), 'Unknown option --frobnicate.');
    assert.equal(message(['wach']), 'Unknown command "wach": did you mean "watch"?');
    assert.equal(message(['frobnicate']), 'Unknown command "frobnicate": use "list" or "watch".');
  });

  test('nearest: a prefix, else at most two edits away', () => {
    const options = ['json', 'demo', 'speed', 'api-base', 'state-dir'];
    assert.equal(nearest('spe', options), 'speed');
    assert.equal(nearest('dmeo', options), 'demo');
    assert.equal(nearest('verbose', options), null);
  });

  test('--help and --version win over a missing command', () => {
    assert.equal(parseCliArgs(['--help']).command, 'help');
    assert.equal(parseCliArgs(['--version']).command, 'version');
  });

  test('a relative XDG_STATE_HOME is ignored, as the XDG Base Directory spec says', () => {
    for (const relative of ['relative/path', './state', '~/state']) {
      assert.equal(
        defaultStateDir('linux', { XDG_STATE_HOME: relative }, '/home/u'),
        '/home/u/.local/state/minimax-jobs',
        relative,
      );
    }
  });

  test('the CLI keeps its own state directory per OS, never the tray app one', () => {
    assert.equal(defaultStateDir('linux', {}, '/home/u'), '/home/u/.local/state/minimax-jobs');
    assert.equal(defaultStateDir('linux', { XDG_STATE_HOME: '/xdg' }, '/home/u'), '/xdg/minimax-jobs');
    assert.equal(
      defaultStateDir('darwin', {}, '/Users/u'),
      '/Users/u/Library/Application Support/minimax-jobs',
    );
    assert.match(
      defaultStateDir('win32', { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'C:\\Users\\u'),
      /minimax-jobs$/,
    );
  });
});
