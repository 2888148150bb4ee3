import { describe, expect, it } from 'vitest';
import { argSpec, principalHex, type ArgKind } from './argSpec.ts';

const PRINCIPALS = [{ name: 'counter', principal: 'rwlgt-iiaaa-aaaaa-aaaaa-cai' }, { name: 'callee', principal: 'rrkah-fqaaa-aaaaa-aaaaq-cai' }];

describe('[ui/argSpec]', () => {
  it.each([
    ['empty', 'ignored', { ok: true, arg: undefined }],
    ['text', 'hello world', { ok: true, arg: { text: 'hello world' } }],
    ['hex', '0x00 FF', { ok: true, arg: { hex: '00ff' } }],
    ['hex', 'abc', { ok: false, error: 'Hex needs an even number of hex digits.' }],
    ['u64', '1', { ok: true, arg: { hex: '0100000000000000' } }],
    ['u64', '1,000', { ok: true, arg: { hex: 'e803000000000000' } }],
    ['u64', '18446744073709551615', { ok: true, arg: { hex: 'ffffffffffffffff' } }],
    ['u64', '18446744073709551616', { ok: false, error: expect.stringContaining('whole number') }],
    ['u64', '-1', { ok: false, error: expect.stringContaining('whole number') }],
    // The n-th canister's id: u64 n big-endian, then 0x01 0x01 (SCENARIO.md).
    ['principal', 'callee', { ok: true, arg: { hex: '00000000000000010101' } }],
    ['principal', 'counter', { ok: true, arg: { hex: '00000000000000000101' } }],
    ['principal', 'nobody', { ok: false, error: 'Pick a canister or a user.' }],
    ['candid', ' (42, "hi") ', { ok: true, arg: { candid: '(42, "hi")' } }],
    ['candid', '(42', { ok: false, error: 'Not Candid text: 1:4: expected ")" but found the end' }],
    ['typed', '(record { a = 1 : nat })', { ok: true, arg: { candid: '(record { a = 1 : nat })' } }],
    ['typed', '', { ok: false, error: 'Some values of the form are still to fix.' }],
  ] as const)('%s %j', (kind, value, expected) => {
    expect(argSpec(kind as ArgKind, value, PRINCIPALS)).toEqual(expected);
  });

  it('a principal is its raw bytes', () => {
    expect(principalHex('aaaaa-aa')).toBe('');
  });
});
