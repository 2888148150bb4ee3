import { describe, expect, it } from 'vitest';
import { signedDigits } from './signedDigits.ts';

describe('[ui/inspector] signedDigits', () => {
  it.each([
    [0n, '0'],
    [-1_210_000n, '−1,210,000'],
    [2_096_152_000n, '+2,096,152,000'],
    [-999n, '−999'],
  ])('%s → %s', (value, text) => expect(signedDigits(value)).toBe(text));
});
