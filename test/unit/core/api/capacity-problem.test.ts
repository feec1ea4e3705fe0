// Capacity numbers from GET /scheduler/available that cannot be right are flagged, so the window
// can show them as sent with a note rather than as a bar over 100 %.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { capacityProblem } from '../../../../main/core/api/capacity-problem.ts';

describe('capacityProblem', () => {
  test('plausible numbers, a full account and an account with no slots are fine', () => {
    assert.equal(capacityProblem({ maxJobs: 3, executing: 2 }), null);
    assert.equal(capacityProblem({ maxJobs: 3, executing: 3 }), null);
    assert.equal(capacityProblem({ maxJobs: 0, executing: 0 }), null);
  });

  test('more videos running than slots ("5 of 2") is over the limit', () => {
    assert.equal(capacityProblem({ maxJobs: 2, executing: 5 }), 'over-limit');
    assert.equal(capacityProblem({ maxJobs: 0, executing: 1 }), 'over-limit');
  });

  test('negative or fractional counts are invalid', () => {
    assert.equal(capacityProblem({ maxJobs: 3, executing: -1 }), 'invalid');
    assert.equal(capacityProblem({ maxJobs: -2, executing: 0 }), 'invalid');
    assert.equal(capacityProblem({ maxJobs: 2.5, executing: 1 }), 'invalid');
    assert.equal(capacityProblem({ maxJobs: Number.NaN, executing: 1 }), 'invalid');
  });
});
