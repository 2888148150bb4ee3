import { describe, expect, it } from 'vitest';
import { canisterIdFromIndex } from './canisterIdFromIndex.ts';

describe('canisterIdFromIndex', () => {
  it.each([
    [0n, 'rwlgt-iiaaa-aaaaa-aaaaa-cai'],
    [1n, 'rrkah-fqaaa-aaaaa-aaaaq-cai'],
    [2n, 'ryjl3-tyaaa-aaaaa-aaaba-cai'],
    [3n, 'r7inp-6aaaa-aaaaa-aaabq-cai'],
  ])('mints index %s as %s, like the replica', (index, text) => {
    expect(canisterIdFromIndex(index).toText()).toBe(text);
  });

  it.each([
    [0n, [0, 0, 0, 0, 0, 0, 0, 0, 1, 1]],
    [0x0102030405060708n, [1, 2, 3, 4, 5, 6, 7, 8, 1, 1]],
    [(1n << 64n) - 1n, [255, 255, 255, 255, 255, 255, 255, 255, 1, 1]],
  ])('lays out index %s as u64 big-endian then 0x01 0x01', (index, bytes) => {
    expect([...canisterIdFromIndex(index).toUint8Array()]).toEqual(bytes);
  });

  it.each([-1n, 1n << 64n])('rejects %s, which is outside u64', (index) => {
    expect(() => canisterIdFromIndex(index)).toThrow(RangeError);
  });
});
