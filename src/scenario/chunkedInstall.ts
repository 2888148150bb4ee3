/**
 * When and how a scenario installs a module in chunks, as dfx and icp-cli do (their ic-utils `InstallBuilder`): a
 * module and argument that together reach 1.85 MiB cannot go in one 2 MiB ingress message (ic-reference.md §6.3),
 * so its 1 MiB pieces are uploaded into the target's own chunk store (`upload_chunk`), installed from there
 * (`install_chunked_code`) and the store cleared (`clear_chunk_store`) — §12. Smaller ones go in one `install_code`.
 */
import { sha256 } from '@noble/hashes/sha2';
import { WASM_CHUNK_BYTES, type InstallMode } from '../engine/index.ts';
import { clearChunkStoreArg, installChunkedCodeArg, uploadChunkArg } from './chunkManageArg.ts';

/**
 * ic-utils `InstallBuilder::CHUNK_CUTOFF`: "Messages are a maximum of 2MiB. Thus basic installation should cap the
 * wasm and arg size at 1.85MiB" (`(1.85 * 1024. * 1024.) as usize`). The tools' rule, not the replica's: so it is
 * not in the engine's parameter table.
 */
export const CHUNKED_INSTALL_CUTOFF_BYTES = Math.floor(1.85 * 1024 * 1024);

/** ic-utils: `install_code` when `wasm.len() + arg.len() < CHUNK_CUTOFF`, chunks otherwise. */
export function installsInChunks(wasmModule: Uint8Array, arg: Uint8Array): boolean {
  return wasmModule.length + arg.length >= CHUNKED_INSTALL_CUTOFF_BYTES;
}

export interface ManagementMessage {
  readonly method: string;
  readonly arg: Uint8Array;
}

/** The management messages of a chunked install, in the order they are sent. */
export function chunkedInstallMessages(
  canisterId: string, mode: InstallMode, skipPreUpgrade: boolean | undefined, wasmModule: Uint8Array, arg: Uint8Array,
): { uploads: ManagementMessage[]; install: ManagementMessage; clear: ManagementMessage } {
  const chunkSize = Number(WASM_CHUNK_BYTES);
  const uploads: ManagementMessage[] = [];
  const chunkHashes: Uint8Array[] = [];
  for (let offset = 0; offset < wasmModule.length; offset += chunkSize) {
    const chunk = wasmModule.subarray(offset, offset + chunkSize);
    uploads.push({ method: 'upload_chunk', arg: uploadChunkArg(canisterId, chunk) });
    chunkHashes.push(sha256(chunk));
  }
  const install = {
    method: 'install_chunked_code',
    arg: installChunkedCodeArg({ canisterId, mode, skipPreUpgrade, chunkHashes, wasmModuleHash: sha256(wasmModule), arg }),
  };
  return { uploads, install, clear: { method: 'clear_chunk_store', arg: clearChunkStoreArg(canisterId) } };
}
