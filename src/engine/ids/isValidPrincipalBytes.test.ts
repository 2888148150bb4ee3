import { describe, expect, it } from 'vitest';
import { isValidPrincipalBytes } from './isValidPrincipalBytes.ts';

describe('isValidPrincipalBytes', () => {
  it.each([
    [0, true],
    [1, true],
    [10, true],
    [29, true],
    [30, false],
    [64, false],
  ])('a blob of %i bytes is valid: %s', (length, valid) => {
    expect(isValidPrincipalBytes(new Uint8Array(length))).toBe(valid);
  });
});
