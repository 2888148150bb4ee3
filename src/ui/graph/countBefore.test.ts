/** [ui/graph] countBefore finds where a suffix starts, as a scan from the start would. */
import { describe, expect, it } from 'vitest';
import { countBefore } from './countBefore.ts';

describe('[ui/graph] countBefore', () => {
  it.each([
    { items: [], threshold: 0, expected: 0 },
    { items: [0, 0, 1, 1, 2], threshold: 0, expected: 2 },
    { items: [0, 0, 1, 1, 2], threshold: 1, expected: 4 },
    { items: [0, 0, 1, 1, 2], threshold: 2, expected: 5 },
    { items: [0, 0, 1, 1, 2], threshold: -1, expected: 0 },
    { items: [3, 3, 3], threshold: 3, expected: 3 },
  ])('$items, first over $threshold at $expected', ({ items, threshold, expected }) => {
    expect(countBefore(items, (x) => x > threshold)).toBe(expected);
    expect(countBefore(items, (x) => x > threshold)).toBe(items.findIndex((x) => x > threshold) < 0 ? items.length : items.findIndex((x) => x > threshold));
  });
});
