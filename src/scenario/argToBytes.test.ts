import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { argToBytes } from './argToBytes.ts';
import type { Arg } from './scenarioTypes.ts';

describe('argToBytes', () => {
  it.each<[string, Arg | undefined, number[]]>([
    ['no argument', undefined, []],
    ['empty text', { text: '' }, []],
    ['text as UTF-8', { text: 'hé' }, [0x68, 0xc3, 0xa9]],
    ['hex', { hex: '00ff' }, [0, 255]],
    ['upper-case hex', { hex: 'ABCD' }, [0xab, 0xcd]],
    ['base64', { base64: 'AAEC' }, [0, 1, 2]],
    ['Candid text, inferred', { candid: '(42, "hi")' }, [...new TextEncoder().encode('DIDL'), 0, 2, 0x7c, 0x71, 42, 2, 0x68, 0x69]],
    ['Candid text, annotated', { candid: '(42 : nat8)' }, [...new TextEncoder().encode('DIDL'), 0, 1, 0x7b, 42]],
  ])('converts %s', (_name, arg, bytes) => {
    const result = argToBytes(arg);
    expect(result.ok && [...result.bytes]).toEqual(bytes);
  });

  it.each<[string, unknown, string]>([
    ['odd-length hex', { hex: 'abc' }, 'hex must be an even number of hex digits'],
    ['non-hex characters', { hex: 'zz' }, 'hex must be'],
    ['unpadded base64', { base64: 'AAE' }, 'base64 must be standard padded base64'],
    ['URL-safe base64', { base64: '-_-_' }, 'base64 must be'],
    ['an unknown kind', { json: '{}' }, 'must be one of'],
    ['a non-string value', { text: 42 }, 'must be one of'],
  ])('rejects %s', (_name, arg, message) => {
    const result = argToBytes(arg as Arg);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  it('types Candid text against the expected types: (42) is a nat where a nat is expected', () => {
    const expected = { types: [IDL.Nat], named: new Map(), what: "inc's arguments" };
    const typed = argToBytes({ candid: '(42)' }, expected);
    expect(typed.ok && [...typed.bytes]).toEqual([...IDL.encode([IDL.Nat], [42n])]);
    expect(argToBytes({ candid: '("x")' }, expected)).toEqual({ ok: false, error: `("x") does not match inc's arguments (nat): "x" is not a nat` });
    expect(argToBytes({ candid: '(42' }, expected)).toEqual({ ok: false, error: '(42 is not Candid text: 1:4: expected ")" but found the end' });
  });
});
