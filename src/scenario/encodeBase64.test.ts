import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './decodeBase64.ts';
import { encodeBase64 } from './encodeBase64.ts';

describe('[scenario/encodeBase64]', () => {
  it.each([
    [[], ''],
    [[0], 'AA=='],
    [[0, 97, 115, 109], 'AGFzbQ=='],
    [[1, 2, 3], 'AQID'],
  ])('%j', (bytes, text) => {
    expect(encodeBase64(new Uint8Array(bytes))).toBe(text);
  });

  it('round-trips through decodeBase64, across the chunk boundary', () => {
    const bytes = Uint8Array.from({ length: 0x8000 * 2 + 5 }, (_, i) => (i * 31) & 0xff);
    expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
  });
});
