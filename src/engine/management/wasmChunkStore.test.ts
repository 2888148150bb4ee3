/** [engine/management] The Wasm chunk store's rules and the replica's words (`wasm_chunk_store.rs`, `canister_manager.rs`). */
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '../hex.ts';
import { createSubnetConfig, WASM_CHUNK_BYTES } from '../params.ts';
import { assembleModule, assemblyInstructions, byteUnitText, checkChunk, rustBytes } from './wasmChunkStore.ts';

const MiB = Number(WASM_CHUNK_BYTES);
const config = (maxBytes: bigint) => {
  const made = createSubnetConfig('ic', 13n, { wasmChunkStoreMaxBytes: String(maxBytes) });
  if (!made.ok) throw new Error(made.error);
  return made.config;
};
const storeOf = (...chunks: Uint8Array[]) => new Map(chunks.map((c) => [bytesToHex(sha256(c)), c]));
const bytes = (...values: number[]) => new Uint8Array(values);

describe('[engine/management] checkChunk (replica can_insert_chunk)', () => {
  const cases: [string, Map<string, Uint8Array>, bigint, Uint8Array, ReturnType<typeof checkChunk>['type'], string?][] = [
    ['a new chunk goes in', storeOf(), 100n * WASM_CHUNK_BYTES, bytes(1), 'insert'],
    ['an empty chunk goes in', storeOf(), 100n * WASM_CHUNK_BYTES, bytes(), 'insert'],
    ['1 MiB exactly goes in', storeOf(), 100n * WASM_CHUNK_BYTES, new Uint8Array(MiB), 'insert'],
    ['1 MiB + 1 does not', storeOf(), 100n * WASM_CHUNK_BYTES, new Uint8Array(MiB + 1), 'error',
      'Wasm chunk size 1048577 exceeds the maximum chunk size of 1048576'],
    ['a full store refuses a new one', storeOf(bytes(1), bytes(2)), 2n * WASM_CHUNK_BYTES, bytes(3), 'error',
      'Wasm chunk store has already reached maximum capacity of 2.00 MiB bytes or the maximum number of entries, 2'],
    ['a full store takes one it has', storeOf(bytes(1), bytes(2)), 2n * WASM_CHUNK_BYTES, bytes(2), 'exists'],
    ['one it has is taken even by a store with no room', storeOf(bytes(1)), 1n, bytes(1), 'exists'],
  ];
  it.each(cases)('%s', (_name, store, max, chunk, type, message) => {
    const check = checkChunk(config(max), store, chunk);
    expect(check.type).toBe(type);
    if (check.type === 'error') expect(check.message).toBe(message);
    else expect(check.hash).toBe(bytesToHex(sha256(chunk)));
  });
});

describe('[engine/management] assembleModule (replica into_canister_module)', () => {
  const a = bytes(0, 0x61, 0x73);
  const b = bytes(0x6d, 1, 0, 0, 0);
  const module = bytes(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0);
  const store = storeOf(a, b);
  it('concatenates the chunks in the order listed and checks the whole hash', () => {
    expect(assembleModule(store, [sha256(a), sha256(b)], sha256(module))).toEqual({ ok: true, module });
    const swapped = assembleModule(store, [sha256(b), sha256(a)], sha256(module));
    expect(swapped).toEqual({
      ok: false, message: `Wasm module hash ${rustBytes(sha256(bytes(...b, ...a)))} does not match given hash WasmHash(${rustBytes(sha256(module))})`,
    });
  });
  it('a chunk may be listed twice; one not stored, or a hash not 32 bytes long, stops the assembly there', () => {
    expect(assembleModule(store, [sha256(a), sha256(a)], sha256(bytes(...a, ...a)))).toEqual({ ok: true, module: bytes(...a, ...a) });
    expect(assembleModule(store, [sha256(bytes(9)), bytes(1)], sha256(module))).toEqual({ ok: false, message: `Chunk hash ${rustBytes(sha256(bytes(9)))} was not found` });
    expect(assembleModule(store, [bytes(1), sha256(bytes(9))], sha256(module))).toEqual({ ok: false, message: 'Chunk hash is invalid. The length is not 32' });
  });
  it('costs one instruction per byte of a full chunk per hash listed', () => {
    expect(assemblyInstructions(0)).toBe(0n);
    expect(assemblyInstructions(3)).toBe(3n * WASM_CHUNK_BYTES);
  });
});

describe('[engine/management] the replica\'s number formats', () => {
  it.each([
    [0n, '0 B'], [1023n, '1023 B'], [1024n, '1.00 KiB'], [1536n, '1.50 KiB'], [WASM_CHUNK_BYTES, '1.00 MiB'],
    [100n * WASM_CHUNK_BYTES, '100.00 MiB'], [3n << 30n, '3.00 GiB'],
  ])('byteUnitText(%s) = %s (NumBytes Display, byte_unit)', (n, text) => expect(byteUnitText(n)).toBe(text));
  it('rustBytes prints a byte array as {:?} does', () => {
    expect(rustBytes(bytes())).toBe('[]');
    expect(rustBytes(bytes(1, 2, 255))).toBe('[1, 2, 255]');
  });
});
