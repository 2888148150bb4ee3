/** [scenario] When a scenario installs in chunks, and the messages it then sends (ic-utils `InstallBuilder`). */
import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { sha256 } from '@noble/hashes/sha2';
import { ChunkCandid, canisterIdFromIndex } from '../engine/index.ts';
import { CHUNKED_INSTALL_CUTOFF_BYTES, chunkedInstallMessages, installsInChunks } from './chunkedInstall.ts';

const MiB = 1024 * 1024;
const decode = <T>(type: IDL.Type, bytes: Uint8Array): T => IDL.decode([type], Uint8Array.from(bytes))[0] as T;

describe('[scenario] installsInChunks', () => {
  it.each([
    [0, 0, false], [CHUNKED_INSTALL_CUTOFF_BYTES - 1, 0, false], [CHUNKED_INSTALL_CUTOFF_BYTES, 0, true],
    [CHUNKED_INSTALL_CUTOFF_BYTES - 10, 10, true], [3 * MiB, 0, true],
  ])('module %i bytes + argument %i bytes: chunks %s', (wasm, arg, chunked) => {
    expect(installsInChunks(new Uint8Array(wasm), new Uint8Array(arg))).toBe(chunked);
  });
  it('the cutoff is 1.85 MiB, as ic-utils computes it', () => expect(CHUNKED_INSTALL_CUTOFF_BYTES).toBe(1_939_865));
});

describe('[scenario] chunkedInstallMessages', () => {
  it('uploads each 1 MiB piece, installs from the target\'s own store with every hash and the module\'s, then clears it', () => {
    const id = canisterIdFromIndex(3n).toText();
    const wasm = new Uint8Array(2 * MiB + 5).map((_, i) => i % 251);
    const arg = new Uint8Array([1, 2]);
    const { uploads, install, clear } = chunkedInstallMessages(id, 'upgrade', true, wasm, arg);
    expect(uploads.map((m) => m.method)).toEqual(['upload_chunk', 'upload_chunk', 'upload_chunk']);
    const chunks = uploads.map((m) => decode<{ canister_id: { toText(): string }; chunk: Uint8Array }>(ChunkCandid.UploadChunkArgs, m.arg));
    expect(chunks.map((c) => c.canister_id.toText())).toEqual([id, id, id]);
    expect(chunks.map((c) => c.chunk.length)).toEqual([MiB, MiB, 5]);
    expect(install.method).toBe('install_chunked_code');
    const args = decode<Record<string, any>>(ChunkCandid.InstallChunkedCodeArgs, install.arg);
    expect(args.mode).toEqual({ upgrade: [{ skip_pre_upgrade: [true], wasm_memory_persistence: [] }] });
    expect(args.target_canister.toText()).toBe(id);
    expect(args.store_canister).toEqual([]);
    expect(args.chunk_hashes_list.map((h: { hash: Uint8Array }) => Array.from(h.hash))).toEqual(chunks.map((c) => Array.from(sha256(c.chunk))));
    expect(Array.from(args.wasm_module_hash)).toEqual(Array.from(sha256(wasm)));
    expect(Array.from(args.arg)).toEqual([1, 2]);
    expect(clear.method).toBe('clear_chunk_store');
    expect(decode<{ canister_id: { toText(): string } }>(ChunkCandid.ClearChunkStoreArgs, clear.arg).canister_id.toText()).toBe(id);
  });
});
