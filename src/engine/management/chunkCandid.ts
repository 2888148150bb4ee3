/**
 * Candid types of chunked code installation (ic-reference.md §4.2, §12), transcribed from `ic.did`:
 * `upload_chunk`, `stored_chunks`, `clear_chunk_store` and `install_chunked_code`.
 */
import { IDL } from '@dfinity/candid';
import { CanisterInstallMode } from './managementCandid.ts';

/** `type chunk_hash = record { hash : blob }`. */
export const ChunkHash = IDL.Record({ hash: IDL.Vec(IDL.Nat8) });

/** `type upload_chunk_args = record { canister_id : canister_id; chunk : blob }`. */
export const UploadChunkArgs = IDL.Record({ canister_id: IDL.Principal, chunk: IDL.Vec(IDL.Nat8) });

/** `type upload_chunk_result = chunk_hash`. */
export const UploadChunkResult = ChunkHash;

/** `type clear_chunk_store_args = record { canister_id : canister_id }`. */
export const ClearChunkStoreArgs = IDL.Record({ canister_id: IDL.Principal });

/** `type stored_chunks_args = record { canister_id : canister_id }`. */
export const StoredChunksArgs = IDL.Record({ canister_id: IDL.Principal });

/** `type stored_chunks_result = vec chunk_hash`. */
export const StoredChunksResult = IDL.Vec(ChunkHash);

/**
 * `type install_chunked_code_args = record { mode; target_canister : canister_id; store_canister : opt canister_id;
 * chunk_hashes_list : vec chunk_hash; wasm_module_hash : blob; arg : blob; sender_canister_version : opt nat64 }`.
 */
export const InstallChunkedCodeArgs = IDL.Record({
  mode: CanisterInstallMode,
  target_canister: IDL.Principal,
  store_canister: IDL.Opt(IDL.Principal),
  chunk_hashes_list: IDL.Vec(ChunkHash),
  wasm_module_hash: IDL.Vec(IDL.Nat8),
  arg: IDL.Vec(IDL.Nat8),
  sender_canister_version: IDL.Opt(IDL.Nat64),
});
