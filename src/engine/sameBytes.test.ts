import { describe, expect, it } from 'vitest';
import { sameBytes } from './sameBytes.ts';

const page = (fill: number) => new Uint8Array(65536).fill(fill);
const changedAt = (at: number) => { const p = page(0); p[at] = 1; return p; };

describe('[engine/sameBytes]', () => {
  it.each([
    { name: 'equal short arrays', a: new Uint8Array([1, 2, 3]), b: new Uint8Array([1, 2, 3]), same: true },
    { name: 'different lengths', a: new Uint8Array([1, 2, 3]), b: new Uint8Array([1, 2]), same: false },
    { name: 'a short difference', a: new Uint8Array([1, 2, 3]), b: new Uint8Array([1, 2, 4]), same: false },
    { name: 'equal pages', a: page(7), b: page(7), same: true },
    { name: 'pages differing in the last byte', a: page(0), b: changedAt(65535), same: false },
    { name: 'pages differing in the first byte', a: page(0), b: changedAt(0), same: false },
    { name: 'unaligned views of equal bytes', a: page(3).subarray(1, 9), b: page(3).subarray(5, 13), same: true },
    { name: 'unaligned views differing', a: changedAt(8).subarray(1, 9), b: page(0).subarray(1, 9), same: false },
  ])('$name', ({ a, b, same }) => {
    expect(sameBytes(a, b)).toBe(same);
  });
});
