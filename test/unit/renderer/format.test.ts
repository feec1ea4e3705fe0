import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  UNKNOWN,
  clampPercent,
  formatClockTime,
  formatUntil,
  intervalMsToSeconds,
  isHttpsUrl,
  jobElapsedMs,
  parseIntervalSeconds,
  truncateText,
} from '../../../renderer/format.ts';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const UTC = { locale: 'en-GB', timeZone: 'UTC' };

describe('formatUntil (next-check countdown)', () => {
  const now = Date.UTC(2026, 2, 14, 14, 0, 0);

  test('counts seconds up so it never says 0 s while time is left', () => {
    assert.equal(formatUntil(now + 12 * S, now), '12 s');
    assert.equal(formatUntil(now + 11_200, now), '12 s');
    assert.equal(formatUntil(now + 1, now), '1 s');
  });

  test('longer waits read like every other duration in the product ("1 min 30 s", "3 h", "2 d 2 h")', () => {
    assert.equal(formatUntil(now + 90 * S, now), '1 min 30 s');
    assert.equal(formatUntil(now + 89_100, now), '1 min 30 s');
    assert.equal(formatUntil(now + 3 * H, now), '3 h');
    assert.equal(formatUntil(now + 50 * H, now), '2 d 2 h');
  });

  test('a due or past time gives null (the caller says "now")', () => {
    assert.equal(formatUntil(now, now), null);
    assert.equal(formatUntil(now - 5 * S, now), null);
    assert.equal(formatUntil(Number.NaN, now), null);
  });
});

describe('formatClockTime (local times)', () => {
  const now = Date.UTC(2026, 2, 14, 14, 7, 30);

  test('same day shows only the time, in the given zone and locale', () => {
    assert.equal(formatClockTime(Date.UTC(2026, 2, 14, 14, 2), now, UTC), '14:02');
    assert.equal(
      formatClockTime(Date.UTC(2026, 2, 14, 14, 2), now, { locale: 'en-US', timeZone: 'UTC' }),
      '2:02 PM',
    );
    assert.equal(
      formatClockTime(Date.UTC(2026, 2, 14, 14, 2), now, { locale: 'en-GB', timeZone: 'Asia/Tokyo' }),
      '23:02',
    );
  });

  test('another day includes the date', () => {
    assert.equal(formatClockTime(Date.UTC(2026, 2, 13, 23, 50), now, UTC), '13 Mar, 23:50');
    // Same calendar date a year earlier is still another day.
    assert.equal(formatClockTime(Date.UTC(2025, 2, 14, 14, 2), now, UTC), '14 Mar, 14:02');
  });

  test('the day boundary follows the time zone, not UTC', () => {
    // 23:30 UTC on the 13th is already the 14th in Tokyo, the same day as `now` there.
    assert.equal(
      formatClockTime(Date.UTC(2026, 2, 13, 23, 30), now, { locale: 'en-GB', timeZone: 'Asia/Tokyo' }),
      '8:30',
    );
  });

  test('with seconds, and a placeholder for bad input', () => {
    const withSeconds = { ...UTC, seconds: true };
    assert.equal(formatClockTime(Date.UTC(2026, 2, 14, 9, 5, 7), now, withSeconds), '9:05:07');
    assert.equal(formatClockTime(Date.UTC(2026, 2, 12, 9, 5, 7), now, withSeconds), '12 Mar, 9:05:07');
    assert.equal(formatClockTime(Number.NaN, now, UTC), UNKNOWN);
  });
});

describe('jobElapsedMs', () => {
  const now = Date.UTC(2026, 2, 14, 14, 0, 0);

  test('uses the start time when known', () => {
    assert.equal(
      jobElapsedMs({ startedMs: now - 65 * S, reportedElapsedMs: 10 * S, observedAtMs: now }, now),
      65 * S,
    );
  });

  test('without a start time, adds the time since the server reported elapsed', () => {
    assert.equal(
      jobElapsedMs({ startedMs: null, reportedElapsedMs: 30 * S, observedAtMs: now - 4 * S }, now),
      34 * S,
    );
  });

  test('unknown when neither is known; never negative', () => {
    assert.equal(jobElapsedMs({ startedMs: null, reportedElapsedMs: null, observedAtMs: now }, now), null);
    assert.equal(
      jobElapsedMs({ startedMs: now + 5 * S, reportedElapsedMs: null, observedAtMs: now }, now),
      0,
    );
  });
});

describe('clampPercent', () => {
  test('rounds and clamps to 0–100; junk is unknown', () => {
    assert.equal(clampPercent(63.6), 64);
    assert.equal(clampPercent(250), 100);
    assert.equal(clampPercent(-3), 0);
    assert.equal(clampPercent(null), null);
    assert.equal(clampPercent(Number.NaN), null);
    assert.equal(clampPercent('50' as unknown as number), null);
  });
});

describe('isHttpsUrl', () => {
  test('accepts only absolute https URLs', () => {
    assert.equal(isHttpsUrl('https://cdn.example.com/a.mp4'), true);
    assert.equal(isHttpsUrl('http://cdn.example.com/a.mp4'), false);
    assert.equal(isHttpsUrl('javascript:alert(1)'), false);
    assert.equal(isHttpsUrl('data:image/png;base64,AAAA'), false);
    assert.equal(isHttpsUrl('//cdn.example.com/a.mp4'), false);
    assert.equal(isHttpsUrl('not a url'), false);
    assert.equal(isHttpsUrl(''), false);
    assert.equal(isHttpsUrl(null), false);
  });
});

describe('truncateText', () => {
  test('never splits an emoji', () => {
    assert.equal(truncateText('🦊🎬✨🦊', 3), '🦊🎬…');
  });

  test('truncateText leaves short text alone', () => {
    assert.equal(truncateText('short', 10), 'short');
    assert.equal(truncateText('x'.repeat(2000), 600).length, 600);
  });
});

describe('fixed polling interval field', () => {
  test('accepts whole seconds from 10 to 3600', () => {
    assert.equal(parseIntervalSeconds('30'), 30 * S);
    assert.equal(parseIntervalSeconds(' 10 '), 10 * S);
    assert.equal(parseIntervalSeconds('3600'), 3600 * S);
  });

  test('refuses out-of-range, fractional, negative or non-numeric input', () => {
    for (const bad of ['9', '3601', '12.5', '-30', '', 'abc', '1e3', '0x1f']) {
      assert.equal(parseIntervalSeconds(bad), null, bad);
    }
  });

  test('shows stored milliseconds as whole seconds', () => {
    assert.equal(intervalMsToSeconds(45 * S), 45);
    assert.equal(intervalMsToSeconds(29_600), 30);
    assert.equal(intervalMsToSeconds(Number.NaN), 10);
  });
});
