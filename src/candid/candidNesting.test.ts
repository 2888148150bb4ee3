/**
 * [candid/nesting] Candid text nested past `MAX_CANDID_NESTING` levels — as an argument (inferred or typed), an
 * annotation, or a service description — is a syntax error naming the place, not a stack overflow ("is not Candid
 * text: Maximum call stack size exceeded", or an exception out of the runner). Found by the fuzzing campaign
 * (issue 17). Nesting up to the limit goes through every stage: parse, type inference, typing, encoding, printing.
 * And a reply, whatever bytes a canister chose, is decoded and printed only within the same bounds.
 */
import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { MAX_CANDID_NESTING } from './candidTokens.ts';
import { candidBeyondBounds } from '../engine/index.ts';
import { decodeCandidText } from './decodeCandidText.ts';
import { encodeCandidArg } from './encodeCandidArg.ts';
import { parseCandidArgs } from './parseCandidArgs.ts';
import { parseDid } from './parseDid.ts';
import { printCandidValues } from './printCandidValues.ts';

const DEEP = 100_000;
const nested = (open: string, close: string, n: number, inner: string) => open.repeat(n) + inner + close.repeat(n);

describe('[candid/nesting] deep Candid text', () => {
  const tooDeep = [
    { what: 'opt values', text: `(${'opt '.repeat(DEEP)}null)` },
    { what: 'vec values', text: `(${nested('vec { ', ' }', DEEP, '1')})` },
    { what: 'record values', text: `(${nested('record { a = ', ' }', DEEP, '1')})` },
    { what: 'variant values', text: `(${nested('variant { a = ', ' }', DEEP, '1')})` },
    { what: 'parentheses', text: nested('(', ')', DEEP, '1') },
    { what: 'an annotation', text: `(null : ${'opt '.repeat(DEEP)}nat)` },
  ];
  it.each(tooDeep)('$what: a syntax error at the first level too deep', ({ text }) => {
    const result = encodeCandidArg(text, null);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(new RegExp(`is not Candid text: 1:\\d+: nested deeper than ${MAX_CANDID_NESTING} levels$`));
    expect(result.error).not.toContain('call stack');
    // One line a person reads: the argument by its start, not its 100,000 levels.
    expect(result.error.length).toBeLessThan(400);
  });

  it('typed against a deep expected type: the same error', () => {
    let type: IDL.Type = IDL.Nat;
    for (let i = 0; i < 50; i++) type = IDL.Opt(type);
    const result = parseCandidArgs(`(${'opt '.repeat(DEEP)}1)`, [type]);
    expect(result).toMatchObject({ ok: false, mismatch: false });
    expect(result.ok ? '' : result.error).toContain(`nested deeper than ${MAX_CANDID_NESTING} levels`);
  });

  it('a service description nested too deep: an error, not an exception', () => {
    const result = parseDid(`service : { f : (${'opt '.repeat(DEEP)}nat) -> () }`);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(`nested deeper than ${MAX_CANDID_NESTING} levels`);
  });

  const atLimit = [
    { what: 'opt values', text: `(${'opt '.repeat(MAX_CANDID_NESTING - 2)}null)` },
    { what: 'vec values', text: `(${nested('vec { ', ' }', MAX_CANDID_NESTING - 2, '1')})` },
    { what: 'record values', text: `(${nested('record { a = ', ' }', MAX_CANDID_NESTING - 2, '1')})` },
  ];
  it.each(atLimit)('$what just inside the limit: encoded, and printed back from the bytes', ({ text }) => {
    const result = encodeCandidArg(text, null);
    expect(result.ok ? 'encoded' : result.error).toBe('encoded');
    if (!result.ok) return;
    const parsed = parseCandidArgs(text, null);
    if (!parsed.ok) throw new Error(parsed.error);
    const decoded = IDL.decode(parsed.types, result.bytes);
    expect(printCandidValues(parsed.types, decoded).length).toBeGreaterThan(MAX_CANDID_NESTING);
  });
});

/** `DIDL`, a type table, one argument of type 0, then the value bytes. */
const didl = (table: number[], value: number[]) => new Uint8Array([0x44, 0x49, 0x44, 0x4c, ...table, 1, 0, ...value]);
const leb = (n: number): number[] => { const out: number[] = []; do { out.push((n & 0x7f) | (n >= 128 ? 0x80 : 0)); n = Math.floor(n / 128); } while (n > 0); return out; };

describe('[candid/nesting] replies a canister chose: decoded only within bounds', () => {
  const beyond = [
    { what: 'a vec null of 4,294,967,295 elements (15 bytes)', bytes: didl([1, 0x6d, 0x7f], [0xff, 0xff, 0xff, 0xff, 0x0f]), why: 'more than 1000000 values' },
    { what: 'a vec null of 2,097,152 elements', bytes: didl([1, 0x6d, 0x7f], leb(2_097_152)), why: 'more than 1000000 values' },
    { what: '10,000 nested opts (a recursive type)', bytes: didl([1, 0x6e, 0], [...new Array(10_000).fill(1), 0]), why: 'nested deeper than 1000 levels' },
    { what: '100,000 nested records of one field', bytes: didl([1, 0x6c, 1, 0, 0], []), why: 'nested deeper than 1000 levels' },
  ];
  it.each(beyond)('$what: not printed ($why), no exception, no hang', ({ bytes, why }) => {
    expect(candidBeyondBounds(bytes)).toContain(why);
    expect(decodeCandidText(bytes, null)).toBeNull();
    expect(decodeCandidText(bytes, [IDL.Vec(IDL.Null)])).toBeNull();
  });

  const within = [
    { what: 'a vec null of 1,000 elements', bytes: didl([1, 0x6d, 0x7f], leb(1000)), starts: '(vec { null; null;' },
    { what: '500 nested opts', bytes: didl([1, 0x6e, 0], [...new Array(500).fill(1), 0]), starts: '(opt opt opt' },
    { what: 'a 2 MiB blob', bytes: didl([1, 0x6d, 0x7b], [...leb(2 ** 21), ...new Array(2 ** 21).fill(0x61)]), starts: '(blob "aaaa' },
    { what: 'a record with text, nat, int, principal and a variant', bytes: new Uint8Array(IDL.encode(
      [IDL.Record({ a: IDL.Text, b: IDL.Nat, c: IDL.Int, d: IDL.Principal, e: IDL.Variant({ x: IDL.Null, y: IDL.Float64 }) })],
      [{ a: 'hi', b: 5n, c: -3n, d: Principal.fromText('aaaaa-aa'), e: { y: 1.5 } }])), starts: '(record {' },
  ];
  it.each(within)('$what: printed', ({ bytes, starts }) => {
    expect(candidBeyondBounds(bytes)).toBeNull();
    expect(decodeCandidText(bytes, null)?.startsWith(starts)).toBe(true);
  });
});
