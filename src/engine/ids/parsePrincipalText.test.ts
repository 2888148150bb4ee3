import { describe, expect, it } from 'vitest';
import { canisterIdFromIndex } from './canisterIdFromIndex.ts';
import { parsePrincipalText } from './parsePrincipalText.ts';
import { userPrincipal } from './userPrincipal.ts';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

describe('parsePrincipalText', () => {
  it.each([
    ['aaaaa-aa', ''],
    ['2vxsx-fae', '04'],
    ['em77e-bvlzu-aq', 'abcd01'],
    ['EM77E-BVLZU-AQ', 'abcd01'],
    ['rwlgt-iiaaa-aaaaa-aaaaa-cai', '00000000000000000101'],
  ])('parses %s', (text, bytes) => {
    const result = parsePrincipalText(text);
    expect(result.ok && hex(result.principal.toUint8Array())).toBe(bytes);
  });

  it.each([
    ['', 'is not principal text'],
    ['hello', 'bad checksum'],
    ['rwlgt-iiaaa-aaaaa-aaaaa-caa', 'bad checksum'],
    ['rwlgtiiaaaaaaaaaaaaacai', 'is not principal text'],
    ['rwlgt-iiaaa-aaaaa-aaaaa-ca-i', 'is not principal text'],
    ['aaaaa-a1', 'is not principal text'],
    ['{"__principal__":"aaaaa-aa"}', 'is not principal text'],
    ['counter', 'is not principal text'],
    [`${'aaaaa-'.repeat(12)}aa`, 'is not principal text'],
  ])('rejects %j', (text, message) => {
    const result = parsePrincipalText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  it('round-trips canister and user principals', () => {
    for (const p of [canisterIdFromIndex(12345n), userPrincipal('alice')]) {
      const result = parsePrincipalText(p.toText());
      expect(result.ok && result.principal.toText()).toBe(p.toText());
    }
  });
});
