import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanText } from '../../../../main/core/api/classify.ts';

test('server text echoing the token, whole or only its secret part, never shows it', () => {
  const token = 'user:1234-SecretTokenPart9';
  assert.equal(cleanText(`bad token ${token}`, token), 'bad token [token]');
  assert.equal(cleanText('bad key SecretTokenPart9 given', token), 'bad key [token] given');
  assert.equal(cleanText('plain text', token), 'plain text');
});
