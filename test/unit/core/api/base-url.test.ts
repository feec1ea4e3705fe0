import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_API_BASE, validateApiBase } from '../../../../main/core/api/client.ts';

describe('validateApiBase', () => {
  test('the default address is the useapi.net MiniMax v1 root and is valid as is', () => {
    assert.equal(DEFAULT_API_BASE, 'https://api.useapi.net/v1/minimax');
    assert.equal(validateApiBase(DEFAULT_API_BASE), DEFAULT_API_BASE);
  });

  test('a trailing slash is optional', () => {
    assert.equal(validateApiBase('https://api.useapi.net/v1/minimax/'), DEFAULT_API_BASE);
    assert.equal(validateApiBase('  https://api.useapi.net/v1/minimax//  '), DEFAULT_API_BASE);
  });

  test('plain http is allowed for loopback hosts only', () => {
    assert.equal(validateApiBase('http://127.0.0.1:8080/v1/minimax/'), 'http://127.0.0.1:8080/v1/minimax');
    assert.equal(validateApiBase('http://127.3.2.1:9'), 'http://127.3.2.1:9');
    assert.equal(validateApiBase('http://localhost:3000'), 'http://localhost:3000');
    assert.equal(validateApiBase('http://[::1]:3000/x'), 'http://[::1]:3000/x');
  });

  test('plain http to any other host is refused with a clear message', () => {
    for (const url of [
      'http://api.useapi.net/v1/minimax',
      'http://10.0.0.1',
      'http://128.0.0.1',
      'http://localhost.evil.com',
    ]) {
      assert.throws(() => validateApiBase(url), /must use https:\/\//, url);
    }
  });

  test('invalid addresses are refused with a plain Error', () => {
    assert.throws(() => validateApiBase(''), { name: 'Error', message: /empty/ });
    assert.throws(() => validateApiBase('not a url'), { name: 'Error', message: /not a valid URL/ });
    assert.throws(() => validateApiBase('ftp://api.useapi.net'), /must start with https:\/\//);
    assert.throws(() => validateApiBase('https://api.useapi.net/v1/minimax?x=1'), /query/);
  });

  test('credentials in the address are refused without echoing them', () => {
    assert.throws(
      () => validateApiBase('https://bob:hunter2@api.useapi.net/v1/minimax'),
      (e: Error) => /user name or password/.test(e.message) && !e.message.includes('hunter2'),
    );
  });
});
