// The README's polling table (section "How it decides what finished") is the contract users read:
// each row's numbers are read from the README itself and checked against what the poll policy
// actually decides, so the table and the code cannot drift apart.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { durationMs as ms, tableRow, tableRows } from './readme-table.ts';
import {
  backoffDelayMs,
  nextPollDecision,
  resolvePollingSettings,
  type PollPolicyJob,
} from '../../../main/core/scheduler/poll-policy.ts';

const NOW = Date.UTC(2026, 0, 1, 12);
const ROWS = tableRows('**Polling**');
const row = (re: RegExp) => tableRow(ROWS, re);

const settings = resolvePollingSettings(undefined);
const decide = (running: PollPolicyJob[], lastNewJobMs: number | null, lastActiveMs: number | null) =>
  nextPollDecision(settings, { nowMs: NOW, running, lastNewJobMs, lastActiveMs }).delayMs;
const video = (ageMs: number): PollPolicyJob => ({ kind: 'video', estimatedStartMs: NOW - ageMs });
const image = (ageMs: number): PollPolicyJob => ({ kind: 'image', estimatedStartMs: NOW - ageMs });

describe('README polling table = poll policy', () => {
  test('a running job that may finish any moment: polled at the stated interval', () => {
    const { m, next } = row(/older than (.+) for videos, (.+) for images/);
    const [videoAge, imageAge, every] = [ms(m[1]!), ms(m[2]!), ms(next)];
    assert.equal(decide([video(videoAge + 1_000)], null, NOW), every);
    assert.equal(decide([image(imageAge + 1_000)], null, NOW), every);
    assert.notEqual(decide([video(videoAge - 10_000)], null, NOW), every, 'younger videos wait longer');
  });

  test('jobs all younger than that: polled when the first could finish, at most the stated cap', () => {
    const videoAge = ms(row(/older than (.+) for videos/).m[1]!);
    const cap = ms(/at most (.+)$/.exec(row(/all younger than that/).next)![1]!);
    assert.equal(decide([video(1_000)], null, NOW), cap, 'far from finishing: the cap');
    assert.equal(decide([video(videoAge - 10_000)], null, NOW), 10_000, 'could finish in 10 s: then');
  });

  test('after a new job appears, the burst interval for the stated time', () => {
    const { m, next } = row(/for (.+) after a new job appears/);
    const [window, every] = [ms(m[1]!), ms(next)];
    assert.equal(decide([], NOW - window + 1_000, NOW - 1_000), every);
    assert.notEqual(decide([], NOW - window - 1_000, NOW - 1_000), every);
  });

  test('nothing running: the recent interval within the stated window, the idle one after it', () => {
    const recent = row(/nothing running, but a job was seen in the last (.+)$/);
    const idle = row(/nothing running for over (.+)$/);
    const window = ms(recent.m[1]!);
    assert.equal(ms(idle.m[1]!), window, 'both rows name the same window');
    assert.equal(decide([], null, NOW - window + 60_000), ms(recent.next));
    assert.equal(decide([], null, NOW - window - 60_000), ms(idle.next));
    assert.equal(decide([], null, null), ms(idle.next), 'never saw a job: idle');
  });

  test('fixed mode: the stated default interval', () => {
    const def = ms(/default (.+)\)/.exec(row(/fixed mode/).next)![1]!);
    const fixed = resolvePollingSettings({ mode: 'fixed' });
    assert.equal(
      nextPollDecision(fixed, { nowMs: NOW, running: [video(1)], lastNewJobMs: NOW, lastActiveMs: NOW })
        .delayMs,
      def,
    );
  });

  test('after a failure: backoff from the stated base, capped at the stated maximum', () => {
    const m = /from (.+?), capped at (.+?),/.exec(row(/after a failure/).next)!;
    const [base, cap] = [ms(m[1]!), ms(m[2]!)];
    const top = () => 0.999999;
    assert.equal(Math.round(backoffDelayMs(1, settings, top) / 1000) * 1000, base);
    assert.equal(Math.round(backoffDelayMs(50, settings, top) / 1000) * 1000, cap);
  });
});
