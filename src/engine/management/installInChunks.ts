/**
 * Installs a module at once (scenario set-up) the way dfx and icp-cli install one too large for a single ingress
 * message (ic-utils `InstallBuilder`, which both use): `upload_chunk` for each 1 MiB piece into the target's own
 * chunk store, `install_chunked_code` from it, then `clear_chunk_store`; the first that fails ends it, as the tool
 * stops at its first error. The same management functions as the messages run, charged alike, and each shows in the
 * trace as a `management_call` (with no message id: set-up sends no ingress).
 */
import { sha256 } from '@noble/hashes/sha2';
import { ErrorCode, systemReject } from '../errors.ts';
import { hexToBytes } from '../hex.ts';
import { WASM_CHUNK_BYTES } from '../params.ts';
import { emit, findCanister } from '../subnet/canisterOps.ts';
import type { SubnetState } from '../subnet/subnetState.ts';
import { chunkStoreAccess, clearChunkStore, installChunkedCode, uploadChunk } from './chunkMethods.ts';
import type { InstallMode, InstallResult } from './installCode.ts';

export function installInChunks(
  state: SubnetState, canisterId: string, sender: string, mode: InstallMode, wasmModule: Uint8Array, arg: Uint8Array,
): InstallResult {
  const canister = findCanister(state, canisterId);
  if (!canister) return { ok: false, reject: systemReject(ErrorCode.CanisterNotFound, `Canister ${canisterId} not found`) };
  const managed = (method: string): void => {
    emit(state, { round: state.round, kind: 'management_call', method, caller: sender, canister: canisterId, messageId: null });
  };
  const chunkSize = Number(WASM_CHUNK_BYTES);
  const hashes: Uint8Array[] = [];
  for (let offset = 0; offset < wasmModule.length; offset += chunkSize) {
    managed('upload_chunk');
    const denied = chunkStoreAccess(canister, sender);
    if (denied) return { ok: false, reject: denied };
    const uploaded = uploadChunk(state, canister, sender, wasmModule.subarray(offset, offset + chunkSize));
    if (!uploaded.ok) return uploaded;
    hashes.push(hexToBytes(uploaded.hash));
  }
  managed('install_chunked_code');
  const installed = installChunkedCode(state, {
    mode, skipPreUpgrade: false, sender, messageId: null, targetId: canisterId, storeId: canisterId,
    chunkHashes: hashes, wasmModuleHash: sha256(wasmModule), arg,
  });
  if (installed.ok === 'pending') throw new Error('engine invariant violated: an install without onDone was sliced');
  if (!installed.ok) return installed;
  managed('clear_chunk_store');
  const refused = clearChunkStore(state, canister);
  return refused ? { ok: false, reject: refused } : { ok: true };
}
