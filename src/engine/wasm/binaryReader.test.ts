import { describe, expect, it } from 'vitest';
import { createReader, readName, readS32, readS33, readU32, skipLeb } from './binaryReader.ts';
import { createWriter, writeSigned, writeU32, writerBytes } from './binaryWriter.ts';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('[wasm/binaryReader] LEB128', () => {
  it.each([
    [[0x00], 0],
    [[0x7f], 127],
    [[0x80, 0x01], 128],
    [[0xe5, 0x8e, 0x26], 624485],
    [[0xff, 0xff, 0xff, 0xff, 0x0f], 0xffffffff],
    [[0x80, 0x80, 0x00], 0], // non-minimal encodings are valid
  ])('readU32 %j = %d', (input, expected) => {
    const r = createReader(bytes(...input));
    expect(readU32(r)).toBe(expected);
    expect(r.pos).toBe(input.length);
  });

  it.each([
    [[0x80, 0x80, 0x80, 0x80, 0x10], 'too large for 32 bits'],
    [[0x80, 0x80, 0x80, 0x80, 0x80, 0x00], 'too large'],
    [[0x80, 0x80], 'unexpected end of input'],
  ])('readU32 %j fails with "%s"', (input, message) => {
    expect(() => readU32(createReader(bytes(...input)))).toThrow(message);
  });

  it.each([
    [[0x00], 0],
    [[0x7f], -1],
    [[0x40], -64],
    [[0x3f], 63],
    [[0xc0, 0x00], 64],
    [[0x80, 0x7f], -128],
    [[0xff, 0xff, 0xff, 0xff, 0x07], 2147483647],
    [[0x80, 0x80, 0x80, 0x80, 0x78], -2147483648],
  ])('readS32 %j = %d', (input, expected) => {
    expect(readS32(createReader(bytes(...input)))).toBe(expected);
  });

  it('readS33 reads a type index above 2^31', () => {
    expect(readS33(createReader(bytes(0x80, 0x80, 0x80, 0x80, 0x08)))).toBe(2 ** 31);
  });

  it('skipLeb skips a 10-byte i64 and refuses an 11th byte', () => {
    const r = createReader(bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f, 0x01));
    skipLeb(r, 10);
    expect(r.pos).toBe(10);
    expect(() => skipLeb(createReader(new Uint8Array(11).fill(0x80)), 10)).toThrow('too long');
  });

  it('readName decodes UTF-8 and refuses invalid UTF-8', () => {
    expect(readName(createReader(bytes(3, 0xe2, 0x82, 0xac)))).toBe('€');
    expect(() => readName(createReader(bytes(1, 0xff)))).toThrow('not valid UTF-8');
  });
});

describe('[wasm/binaryWriter] LEB128 round trips', () => {
  it.each([0, 1, 127, 128, 300, 2 ** 31, 0xffffffff])('writeU32(%d)', (n) => {
    const w = createWriter(1);
    writeU32(w, n);
    expect(readU32(createReader(writerBytes(w)))).toBe(n);
  });

  it.each([
    [0, [0x00]],
    [-1, [0x7f]],
    [63, [0x3f]],
    [64, [0xc0, 0x00]],
    [-64, [0x40]],
    [-65, [0xbf, 0x7f]],
    [1_000_000_000_000, [0x80, 0xa0, 0x94, 0xa5, 0x8d, 0x1d]],
  ])('writeSigned(%d) = %j', (n, expected) => {
    const w = createWriter(1);
    writeSigned(w, n);
    expect(Array.from(writerBytes(w))).toEqual(expected);
  });
});
