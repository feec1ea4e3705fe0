/**
 * Capacity numbers that cannot be right. GET /scheduler/available gives, per account, `maxJobs`
 * (video slots) and `executing` (videos running now); useapi.net documents no case where
 * `executing` exceeds `maxJobs` or either is negative or fractional. The app shows such numbers as
 * the API sent them, with a note, instead of correcting them (a "5 of 2" bar would be clamped to
 * 100 % and hide that something is off).
 * Doc: https://useapi.net/docs/api-minimax-v1/get-minimax-scheduler-available
 */
import type { AccountCapacity } from '../types.ts';

/**
 * Why an account's capacity numbers cannot be right:
 * - `over-limit`: more videos executing than the account has slots (`executing > maxJobs`);
 * - `invalid`: `maxJobs` or `executing` is negative or not a whole number.
 */
export type CapacityProblem = 'over-limit' | 'invalid';

/**
 * What is wrong with one account's capacity, or null when its numbers are plausible.
 * `available` is not judged: the window does not show it.
 */
export function capacityProblem(c: Pick<AccountCapacity, 'maxJobs' | 'executing'>): CapacityProblem | null {
  const whole = (n: number): boolean => Number.isInteger(n) && n >= 0;
  if (!whole(c.maxJobs) || !whole(c.executing)) return 'invalid';
  return c.executing > c.maxJobs ? 'over-limit' : null;
}
