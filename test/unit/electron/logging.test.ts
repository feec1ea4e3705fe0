import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import {
  initLogging,
  logFilePath,
  openLogs,
  redactSecrets,
  redactText,
  REDACTED,
  scopedLogger,
} from '../../../main/electron/logging.ts';
import { recorder } from '../../support/electron-double.ts';
import { freshDouble, until } from './helpers.ts';

const TOKEN = 'user:31337-SuperSecretTail_xyz-9';

describe('log redaction', () => {
  test('token-shaped strings and Bearer values are replaced', () => {
    assert.equal(redactText(`saving ${TOKEN} now`), `saving ${REDACTED} now`);
    assert.equal(redactText(`{"token":"${TOKEN}"}`), `{"token":"${REDACTED}"}`);
    assert.equal(redactText('Authorization: Bearer abc.def-123'), `Authorization: Bearer ${REDACTED}`);
    assert.equal(redactText('authorization: bearer user:1-x'), `authorization: bearer ${REDACTED}`);
  });

  test('job ids (user:<n>-minimax:…) stay readable', () => {
    const id = 'user:31337-minimax:55555-video:abc123';
    assert.equal(redactText(`job ${id} finished`), `job ${id} finished`);
  });

  test('errors, arrays and nested objects are redacted too', () => {
    const err = new Error(`request failed for ${TOKEN}`);
    const out = redactSecrets([err, { headers: { Authorization: `Bearer ${TOKEN}` } }, 7]) as unknown[];
    assert.ok(out[0] instanceof Error);
    assert.ok(!(out[0] as Error).message.includes('SuperSecret'));
    assert.ok(!((out[0] as Error).stack ?? '').includes('SuperSecret'));
    assert.ok(!JSON.stringify(out[1]).includes('SuperSecret'));
    assert.equal(out[2], 7);
  });

  test('nothing secret reaches the log file', async () => {
    freshDouble();
    initLogging({ console: false });
    const log = scopedLogger('test');
    log.info(`token is ${TOKEN}`, { auth: `Bearer ${TOKEN}` });
    log.warn('marker-line-for-test');
    const file = logFilePath();
    await until(
      () => existsSync(file) && readFileSync(file, 'utf8').includes('marker-line-for-test'),
      'log written',
    );
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes('SuperSecret'), text);
    assert.match(text, /\(test\)|\[test\]|test/);
    assert.ok(text.includes(REDACTED));
  });

  test('"Open logs" opens the log folder', async () => {
    await openLogs();
    const calls = recorder.find('shell.openPath');
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.args[0], logFilePath().replace(/[\\/]main\.log$/, ''));
  });
});
