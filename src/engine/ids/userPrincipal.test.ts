import { Principal } from '@dfinity/principal';
import { sha224, sha256 } from '@noble/hashes/sha2';
import { describe, expect, it } from 'vitest';
import { userPrincipal } from './userPrincipal.ts';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

describe('userPrincipal', () => {
  it.each(['user', 'alice', 'bob', '', 'ünïcødé'])('gives %j a 29-byte self-authenticating principal', (name) => {
    const bytes = userPrincipal(name).toUint8Array();
    expect(bytes.length).toBe(29);
    expect(bytes[28]).toBe(0x02);
  });

  it('is deterministic', () => {
    expect(userPrincipal('alice').toText()).toBe(userPrincipal('alice').toText());
  });

  it('gives distinct names distinct principals', () => {
    const names = ['user', 'alice', 'bob', 'Alice', 'alice ', 'a', 'b'];
    const texts = new Set(names.map((n) => userPrincipal(n).toText()));
    expect(texts.size).toBe(names.length);
  });

  it('is SHA-224 of the DER-encoded Ed25519 key derived from the name, then 0x02', () => {
    const key = sha256(new TextEncoder().encode('canister-playground/user/alice'));
    const prefix = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];
    const der = new Uint8Array([...prefix, ...key]);
    expect(hex(userPrincipal('alice').toUint8Array())).toBe(hex(sha224(der)) + '02');
  });

  it('pins the principal of the default user so every machine agrees', () => {
    expect(userPrincipal('user').toText()).toBe(
      'aqfkt-fo67r-xybu2-ea25i-p37da-k4bcp-zbm44-rtedk-jpri3-j5nkj-jae',
    );
  });

  it('round-trips through its text form', () => {
    const p = userPrincipal('bob');
    expect(Principal.fromText(p.toText()).toUint8Array()).toEqual(p.toUint8Array());
  });
});
