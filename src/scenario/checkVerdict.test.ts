import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { replyNumber } from './checkVerdict.ts';

describe('replyNumber', () => {
  it.each([
    ['one byte', new Uint8Array([7]), 7n],
    ['two bytes, little-endian', new Uint8Array([1, 1]), 257n],
    ['four bytes', new Uint8Array([0xff, 0xff, 0xff, 0xff]), 4294967295n],
    ['eight bytes, unsigned', new Uint8Array([0xf6, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 18446744073709551606n],
    ['three bytes: no number', new Uint8Array([1, 2, 3]), null],
    ['empty: no number', new Uint8Array(0), null],
    ['Candid nat', new Uint8Array(IDL.encode([IDL.Nat], [123456789012345678901234567890n])), 123456789012345678901234567890n],
    ['Candid int, negative', new Uint8Array(IDL.encode([IDL.Int], [-5n])), -5n],
    ['Candid nat8', new Uint8Array(IDL.encode([IDL.Nat8], [200])), 200n],
    ['Candid float64, even a whole one: no number', new Uint8Array(IDL.encode([IDL.Float64], [2])), null],
    ['Candid text: no number', new Uint8Array(IDL.encode([IDL.Text], ['12'])), null],
    ['Candid with no value: no number', new Uint8Array(IDL.encode([], [])), null],
    ['"DIDL" that is not Candid: no number', new TextEncoder().encode('DIDLxxxx'), null],
  ])('%s', (_what, bytes, value) => {
    expect(replyNumber(bytes)).toBe(value);
  });
});
