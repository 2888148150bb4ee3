import { describe, expect, it } from 'vitest';
import { callDeadlineNs, deadlineExpired } from './callDeadline.ts';

const S = 1_000_000_000n;

describe('[engine/subnet] bounded-wait call deadlines (ic-reference.md §3.7, coarse time)', () => {
  it.each([
    { time: 100n * S, timeout: 5, deadline: 105n * S },
    { time: 100n * S + 999_999_999n, timeout: 5, deadline: 105n * S },
    { time: 100n * S + 1n, timeout: 0, deadline: 100n * S },
  ])('a call at $time ns with timeout $timeout s has deadline $deadline', ({ time, timeout, deadline }) => {
    expect(callDeadlineNs(time, timeout)).toBe(deadline);
  });

  it.each([
    { deadline: 105n * S, now: 105n * S, expired: false },
    { deadline: 105n * S, now: 105n * S + 999_999_999n, expired: false },
    { deadline: 105n * S, now: 106n * S, expired: true },
    { deadline: 0n, now: 10_000n * S, expired: false },
  ])('deadline $deadline at $now: expired $expired', ({ deadline, now, expired }) => {
    expect(deadlineExpired(deadline, now)).toBe(expired);
  });
});
