import { describe, expect, it } from 'vitest';
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
  ])('converts %s', (_name, arg, bytes) => {
    const result = argToBytes(arg);
    expect(result.ok && [...result.bytes]).toEqual(bytes);
  });

  it.each<[string, unknown, string]>([
    ['odd-length hex', { hex: 'abc' }, 'hex must be an even number of hex digits'],
    ['non-hex characters', { hex: 'zz' }, 'hex must be'],
    ['unpadded base64', { base64: 'AAE' }, 'base64 must be standard padded base64'],
    ['URL-safe base64', { base64: '-_-_' }, 'base64 must be'],
    ['an unknown kind', { candid: '(42 : nat)' }, 'must be one of'],
    ['a non-string value', { text: 42 }, 'must be one of'],
  ])('rejects %s', (_name, arg, message) => {
    const result = argToBytes(arg as Arg);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});
