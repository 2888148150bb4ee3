import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './decodeBase64.ts';

describe('decodeBase64', () => {
  it.each([
    ['', []],
    ['AA==', [0]],
    ['AAE=', [0, 1]],
    ['AAEC', [0, 1, 2]],
    ['AGFzbQEAAAA=', [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]],
    ['////', [255, 255, 255]],
    ['+/+/', [0xfb, 0xff, 0xbf]],
  ])('decodes %j', (text, bytes) => {
    expect(decodeBase64(text) && [...decodeBase64(text)!]).toEqual(bytes);
  });

  it.each([
    ['AA', 'missing padding'],
    ['AAE', 'missing padding'],
    ['A===', 'too much padding'],
    ['AA=A', 'padding in the middle'],
    ['AA==AA==', 'padding before the end'],
    ['AB==', 'non-zero trailing bits'],
    ['AAF=', 'non-zero trailing bits'],
    ['AA AA', 'whitespace'],
    ['AA\nA=', 'a line break'],
    ['-_-_', 'the URL-safe alphabet'],
    ['AAé=', 'a non-ASCII character'],
  ])('rejects %j (%s)', (text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });

  it('round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = btoa(String.fromCharCode(...bytes));
    expect(decodeBase64(text)).toEqual(bytes);
  });
});
