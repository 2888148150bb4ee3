/**
 * The Candid arguments of the chunked-installation `manage` steps (docs/SCENARIO-EXTENSIONS.md "Chunked code
 * installation"): `upload_chunk` and `install_chunked_code`, with the management canister's own types from the
 * engine (ic-reference.md §4.2, §12). `stored_chunks` and `clear_chunk_store` take `{canister_id}` like the others.
 */
import { Principal } from '@dfinity/principal';
import { ChunkCandid, ManagementCandid, type InstallMode } from '../engine/index.ts';
import { decodeBase64 } from './decodeBase64.ts';
import { decodeHex } from './decodeHex.ts';
import type { InstallChunkedCodeStep, UploadChunkStep } from './scenarioTypes.ts';

/** A `canister_install_mode` value: `upgrade` carries its options only when `skip_pre_upgrade` is given. */
export function installModeArg(mode: InstallMode, skipPreUpgrade: boolean | undefined): Record<string, unknown> {
  return mode === 'upgrade'
    ? { upgrade: skipPreUpgrade === undefined ? [] : [{ skip_pre_upgrade: [skipPreUpgrade], wasm_memory_persistence: [] }] }
    : { [mode]: null };
}

/** The chunk's bytes; the schema has checked the hex or base64 already. */
export function chunkBytes(chunk: UploadChunkStep['chunk']): Uint8Array {
  return ('hex' in chunk ? decodeHex(chunk.hex) : decodeBase64(chunk.base64)) ?? new Uint8Array(0);
}

export function uploadChunkArg(canisterId: string, chunk: Uint8Array): Uint8Array {
  return ManagementCandid.encodeReply(ChunkCandid.UploadChunkArgs, { canister_id: Principal.fromText(canisterId), chunk });
}

export function clearChunkStoreArg(canisterId: string): Uint8Array {
  return ManagementCandid.encodeReply(ChunkCandid.ClearChunkStoreArgs, { canister_id: Principal.fromText(canisterId) });
}

export interface ChunkedInstallInputs {
  readonly canisterId: string;
  /** The store canister as principal text; absent: the target's own store. */
  readonly store?: string;
  readonly mode: InstallMode;
  readonly skipPreUpgrade?: boolean;
  readonly chunkHashes: readonly Uint8Array[];
  readonly wasmModuleHash: Uint8Array;
  readonly arg: Uint8Array;
}

export function installChunkedCodeArg(inputs: ChunkedInstallInputs): Uint8Array {
  return ManagementCandid.encodeReply(ChunkCandid.InstallChunkedCodeArgs, {
    mode: installModeArg(inputs.mode, inputs.skipPreUpgrade),
    target_canister: Principal.fromText(inputs.canisterId),
    store_canister: inputs.store === undefined ? [] : [Principal.fromText(inputs.store)],
    chunk_hashes_list: inputs.chunkHashes.map((hash) => ({ hash })),
    wasm_module_hash: inputs.wasmModuleHash,
    arg: inputs.arg,
    sender_canister_version: [],
  });
}

/** A step's hashes as bytes; the schema has checked they are hex. */
export function stepChunkedInstallInputs(step: InstallChunkedCodeStep, canisterId: string, store: string | undefined, arg: Uint8Array): ChunkedInstallInputs {
  const hex = (text: string): Uint8Array => decodeHex(text) ?? new Uint8Array(0);
  return {
    canisterId, store, mode: step.mode, skipPreUpgrade: step.skipPreUpgrade,
    chunkHashes: step.chunkHashes.map(hex), wasmModuleHash: hex(step.wasmModuleHash), arg,
  };
}
