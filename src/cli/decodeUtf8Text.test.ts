/** The runner's UTF-8 check: well-formed text decodes; anything else is refused with the first bad byte's place. */
import { describe, expect, it } from 'vitest';
import { decodeUtf8Text, firstInvalidUtf8Byte } from './decodeUtf8Text.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('firstInvalidUtf8Byte', () => {
  it.each([
    ['ASCII', bytes(0x7b, 0x7d), 2],
    ['two, three and four bytes (é € 😀)', bytes(0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80), 9],
    ['a lone continuation byte', bytes(0x41, 0x80), 1],
    ['0xff', bytes(0x41, 0x42, 0xff), 2],
    ['an overlong two-byte form (C0 80)', bytes(0xc0, 0x80), 0],
    ['an overlong three-byte form (E0 80 80)', bytes(0xe0, 0x80, 0x80), 0],
    ['a surrogate (ED A0 80)', bytes(0x20, 0xed, 0xa0, 0x80), 1],
    ['above U+10FFFF (F4 90 80 80)', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['a lead byte above F4', bytes(0xf5, 0x80, 0x80, 0x80), 0],
    ['a sequence cut by a non-continuation byte', bytes(0xe2, 0x82, 0x41), 0],
    ['a sequence cut by the end', bytes(0x41, 0xe2, 0x82), 3],
  ])('%s → %i', (_name, input, expected) => {
    expect(firstInvalidUtf8Byte(input)).toBe(expected);
  });

  it('agrees with the platform\'s strict decoder on random bytes', () => {
    let seed = 17;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff;
    for (let run = 0; run < 2000; run++) {
      const input = Uint8Array.from({ length: 1 + (run % 12) }, () => (next() < 96 ? next() & 0x7f : next()));
      let valid = true;
      try { new TextDecoder('utf-8', { fatal: true }).decode(input); } catch { valid = false; }
      expect(firstInvalidUtf8Byte(input) === input.length && valid, Buffer.from(input).toString('hex')).toBe(valid);
      if (!valid) {
        const at = firstInvalidUtf8Byte(input);
        const prefix = input.subarray(0, at);
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(prefix)).not.toThrow();
      }
    }
  });
});

describe('decodeUtf8Text', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeUtf8Text(bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d))).toEqual({ ok: true, text: '{}' });
  });

  it.each([
    ['Latin-1 on line 3', new Uint8Array([...Buffer.from('{\n"a":\n"caf'), 0xe9, 0x22, 0x7d]), 'not UTF-8 text: byte 0xe9 at line 3 (byte offset 11)'],
    ['a cut character at the end', bytes(0x7b, 0xf0, 0x9f), 'not UTF-8 text: an incomplete character at the end at line 1 (byte offset 3)'],
  ])('%s', (_name, input, error) => {
    expect(decodeUtf8Text(input)).toEqual({ ok: false, error });
  });
});
