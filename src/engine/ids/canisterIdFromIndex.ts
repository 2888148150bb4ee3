import { Principal } from '@dfinity/principal';

const U64_MAX = (1n << 64n) - 1n;

/**
 * The id the replica mints for the `index`-th canister of the subnet (counting from 0, in creation order):
 * `u64 index big-endian ‖ 0x01 ‖ 0x01`, 10 bytes (ic-reference.md §9, CID `from_u64`). Index 0 is
 * `rwlgt-iiaaa-aaaaa-aaaaa-cai`. Scenarios rely on this so WAT code can embed a callee's id as bytes.
 *
 * The index comes from the engine's own counter, never from user input, so an out-of-range index is a bug
 * in the caller and throws.
 */
export function canisterIdFromIndex(index: bigint): Principal {
  if (index < 0n || index > U64_MAX) throw new RangeError(`canister index out of u64 range: ${index}`);
  const bytes = new Uint8Array(10);
  new DataView(bytes.buffer).setBigUint64(0, index, false);
  bytes[8] = 0x01;
  bytes[9] = 0x01;
  return Principal.fromUint8Array(bytes);
}
