import { describe, expect, it } from 'vitest';
import { decodeHex } from './decodeHex.ts';

describe('decodeHex', () => {
  it.each([
    ['', []],
    ['00', [0]],
    ['00ff', [0, 255]],
    ['DEADbeef', [0xde, 0xad, 0xbe, 0xef]],
  ])('decodes %j', (text, bytes) => {
    expect(decodeHex(text) && [...decodeHex(text)!]).toEqual(bytes);
  });

  it.each(['0', 'abc', 'zz', '0x00', '00 ff', '+1', '-1'])('rejects %j', (text) => {
    expect(decodeHex(text)).toBeUndefined();
  });
});
