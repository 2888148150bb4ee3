/** A module's hash as `canister_status` answers it and the trace names it: SHA-256 of the bytes installed, in hex. */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '../hex.ts';

export function moduleHash(wasm: Uint8Array): string {
  return bytesToHex(sha256(wasm));
}
