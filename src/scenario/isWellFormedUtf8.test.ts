import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isWellFormedUtf8 } from './isWellFormedUtf8.ts';

const fatal = new TextDecoder('utf-8', { fatal: true });

function decodes(bytes: Uint8Array): boolean {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('isWellFormedUtf8', () => {
  it.each([
    [], [0x41], [0x00], [0xc2, 0x80], [0xc1, 0xbf], [0xe0, 0x9f, 0x80], [0xe0, 0xa0, 0x80], [0xed, 0x9f, 0xbf], [0xed, 0xa0, 0x80],
    [0xf0, 0x8f, 0x80, 0x80], [0xf0, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80],
    [0xe2, 0x82], [0xe2, 0x82, 0xac], [0x80], [0xff], [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], [0x80, 0x00, 0x00, 0x00],
  ])('agrees with a fatal TextDecoder on %j', (...bytes) => {
    expect(isWellFormedUtf8(new Uint8Array(bytes))).toBe(decodes(new Uint8Array(bytes)));
  });

  it('agrees with a fatal TextDecoder on any bytes', () => {
    const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x80, 0xbf, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4));
    fc.assert(fc.property(fc.array(byte, { maxLength: 12 }), (bytes) => {
      expect(isWellFormedUtf8(new Uint8Array(bytes))).toBe(decodes(new Uint8Array(bytes)));
    }), { numRuns: 5000 });
  });
});
