import { describe, expect, it } from 'vitest';
import { describeArg } from './describeArg.ts';

describe('[ui/describeArg]', () => {
  it.each([
    [undefined, '(empty)'],
    [{ text: '' }, '(empty)'],
    [{ text: 'alice' }, '"alice"'],
    [{ hex: '0100000000000000' }, '1 (u64, little-endian)'],
    [{ hex: '0x4449444C0000' }, 'Candid ()'],
    [{ base64: 'AQID' }, '0x010203'],
    [{ candid: '(42, "hi")' }, 'Candid (42, "hi")'],
  ] as const)('%j', (arg, shown) => {
    expect(describeArg(arg)).toBe(shown);
  });
});
