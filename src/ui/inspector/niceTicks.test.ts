import { describe, expect, it } from 'vitest';
import { niceTicks } from './niceTicks.ts';

describe('[ui/inspector] niceTicks', () => {
  it.each([
    { lo: 0, hi: 400e9, values: [0, 100e9, 200e9, 300e9, 400e9] },
    { lo: 321e9, hi: 400e9, values: [320e9, 340e9, 360e9, 380e9, 400e9] },
    { lo: 99_957_885_615_945, hi: 100e12, values: [99_940e9, 99_960e9, 99_980e9, 100e12] },
    { lo: 1, hi: 3, values: [1, 2, 3] },
    { lo: 1, hi: 17, values: [0, 5, 10, 15, 20] },
    { lo: 7, hi: 7, values: [7, 8] },
  ])('$lo..$hi → $values', ({ lo, hi, values }) => {
    expect(niceTicks(lo, hi).values).toEqual(values);
  });

  it.each([[0, 1], [3, 97], [12_345, 98_765_432], [99_999_998_790_000, 100e12], [1, 10_000]])('%d..%d: 2 to 5 ticks that cover the range', (lo, hi) => {
    const ticks = niceTicks(lo, hi);
    expect(ticks.values.length).toBeGreaterThanOrEqual(2);
    expect(ticks.values.length).toBeLessThanOrEqual(5);
    expect(ticks.lo).toBeLessThanOrEqual(lo);
    expect(ticks.hi).toBeGreaterThanOrEqual(hi);
    expect(Number.isInteger(ticks.step)).toBe(true);
  });
});
