/**
 * The subnet's own identity: its id (a self-authenticating principal of its public key, as real subnet ids
 * are) and its root public key in the DER form `ic0.root_key_copy` returns (ic-reference.md §1.2, §9).
 * Both are derived from a fixed label, so every run sees the same bytes.
 */
import { Principal } from '@dfinity/principal';
import { sha256 } from '@noble/hashes/sha2';

/** DER prefix of a BLS12-381 G2 public key as used for the IC root key (96-byte key follows). */
const BLS_DER_PREFIX = [
  0x30, 0x81, 0x82, 0x30, 0x1d, 0x06, 0x0d, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0xdc, 0x7c, 0x05, 0x03, 0x01, 0x02,
  0x01, 0x06, 0x0c, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0xdc, 0x7c, 0x05, 0x03, 0x02, 0x01, 0x03, 0x61, 0x00,
];

function derivedBytes(label: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let block = 0; block * 32 < length; block++) {
    out.set(sha256(new TextEncoder().encode(`canister-playground/${label}/${block}`)).subarray(0, Math.min(32, length - block * 32)), block * 32);
  }
  return out;
}

export function subnetRootKey(): Uint8Array {
  return Uint8Array.from([...BLS_DER_PREFIX, ...derivedBytes('root-key', 96)]);
}

export function subnetId(): Uint8Array {
  return Principal.selfAuthenticating(subnetRootKey()).toUint8Array();
}
