import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  retryAtFromSeconds,
} from '../../../../main/core/api/retry-after.ts';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  test('delay-seconds is relative to now', () => {
    assert.equal(parseRetryAfter('120', NOW), NOW + 120_000);
    assert.equal(parseRetryAfter(' 5 ', NOW), NOW + 5_000);
    assert.equal(parseRetryAfter('0', NOW), NOW);
  });

  test('an HTTP-date gives that instant', () => {
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 12:02:30 GMT', NOW), NOW + 150_000);
  });

  test('a date in the past is never earlier than now', () => {
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', NOW), NOW);
  });

  test('a huge delay is clamped to one day', () => {
    assert.equal(parseRetryAfter('99999999', NOW), NOW + MAX_RETRY_AFTER_MS);
  });

  test('junk and missing values give null', () => {
    for (const v of [undefined, null, '', 'soon', '-5', '1e3', 'NaN', {}]) {
      assert.equal(parseRetryAfter(v, NOW), null, String(v));
    }
  });

  test('repeated headers use the first value', () => {
    assert.equal(parseRetryAfter(['7', '100'], NOW), NOW + 7_000);
  });
});

describe('retryAtFromSeconds (retryAfter body field)', () => {
  test('numbers and numeric strings are seconds from now', () => {
    assert.equal(retryAtFromSeconds(20, NOW), NOW + 20_000);
    assert.equal(retryAtFromSeconds('2.5', NOW), NOW + 2_500);
  });

  test('negative, non-finite and non-numeric values give null', () => {
    assert.equal(retryAtFromSeconds(-1, NOW), null);
    assert.equal(retryAtFromSeconds(Number.POSITIVE_INFINITY, NOW), null);
    assert.equal(retryAtFromSeconds('later', NOW), null);
  });
});
