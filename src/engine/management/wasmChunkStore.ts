/**
 * A canister's Wasm chunk store as free functions over its `chunkStore` map (ic-reference.md §4.2, §12; replica
 * `wasm_chunk_store.rs`, `canister_manager.rs`): whether a chunk may go in, and the module a list of chunk hashes
 * assembles to. Messages are the replica's, word for word, so a reject reads as it would on mainnet.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '../hex.ts';
import { WASM_CHUNK_BYTES, type SubnetConfig } from '../params.ts';

export type ChunkCheck =
  | { readonly type: 'insert'; readonly hash: string }
  | { readonly type: 'exists'; readonly hash: string }
  | { readonly type: 'error'; readonly message: string };

/**
 * Replica `can_insert_chunk`, in its order: a chunk already stored is accepted again whatever the store's fill (it
 * takes no room); otherwise it must be at most 1 MiB, and the store must hold fewer chunks than its capacity counts
 * (every chunk counts as 1 MiB, so 100 chunks fill 100 MiB).
 */
export function checkChunk(config: SubnetConfig, store: ReadonlyMap<string, Uint8Array>, chunk: Uint8Array): ChunkCheck {
  const hash = bytesToHex(sha256(chunk));
  if (store.has(hash)) return { type: 'exists', hash };
  if (BigInt(chunk.length) > WASM_CHUNK_BYTES) {
    return { type: 'error', message: `Wasm chunk size ${chunk.length} exceeds the maximum chunk size of ${WASM_CHUNK_BYTES}` };
  }
  const max = config.params.wasmChunkStoreMaxBytes;
  if (BigInt(store.size) * WASM_CHUNK_BYTES >= max) {
    return {
      type: 'error',
      message: `Wasm chunk store has already reached maximum capacity of ${byteUnitText(max)} bytes or the maximum number of entries, ${max / WASM_CHUNK_BYTES}`,
    };
  }
  return { type: 'insert', hash };
}

/**
 * Instructions `install_chunked_code` spends assembling the module, from the install's budget: one per byte of a
 * full-size chunk per hash listed, whatever the chunks' lengths (replica `WasmSource::instructions_to_assemble`).
 */
export function assemblyInstructions(chunkCount: number): bigint {
  return BigInt(chunkCount) * WASM_CHUNK_BYTES;
}

export type Assembly = { readonly ok: true; readonly module: Uint8Array } | { readonly ok: false; readonly message: string };

/**
 * The module `hashes` name, concatenated in their order, checked against `expectedHash` (SPEC-MC install_chunked_code:
 * "checks that the SHA-256 hash of `wasm_module` is equal to the `wasm_module_hash` parameter"; replica
 * `WasmSource::into_canister_module`, which stops at the first bad hash).
 */
export function assembleModule(store: ReadonlyMap<string, Uint8Array>, hashes: readonly Uint8Array[], expectedHash: Uint8Array): Assembly {
  const parts: Uint8Array[] = [];
  let length = 0;
  for (const hash of hashes) {
    if (hash.length !== 32) return { ok: false, message: 'Chunk hash is invalid. The length is not 32' };
    const chunk = store.get(bytesToHex(hash));
    if (!chunk) return { ok: false, message: `Chunk hash ${rustBytes(hash)} was not found` };
    parts.push(chunk);
    length += chunk.length;
  }
  const module = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    module.set(part, offset);
    offset += part.length;
  }
  const actual = sha256(module);
  if (bytesToHex(actual) !== bytesToHex(expectedHash)) {
    return { ok: false, message: `Wasm module hash ${rustBytes(actual)} does not match given hash WasmHash(${rustBytes(expectedHash)})` };
  }
  return { ok: true, module };
}

/** Bytes as Rust's `{:?}` prints a byte array or vector: `[1, 2, 255]` (the replica's messages quote hashes so). */
export function rustBytes(bytes: Uint8Array): string {
  return `[${Array.from(bytes).join(', ')}]`;
}

const BINARY_UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/**
 * A byte count as the replica's `NumBytes` displays it (the `byte_unit` crate, binary units, two decimals): `0 B`,
 * `512 B`, `1.00 MiB`, `100.00 MiB`.
 */
export function byteUnitText(bytes: bigint): string {
  if (bytes < 1024n) return `${bytes} B`;
  let unit = 0;
  let scale = 1024n;
  while (unit < BINARY_UNITS.length - 1 && bytes >= scale * 1024n) {
    scale *= 1024n;
    unit++;
  }
  return `${(Number(bytes) / Number(scale)).toFixed(2)} ${BINARY_UNITS[unit]}`;
}
