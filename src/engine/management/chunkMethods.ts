/**
 * Chunked code installation in the management canister (ic-reference.md §4.2, §6.1, §6.3, §12; SPEC-MC
 * `upload_chunk`, `clear_chunk_store`, `stored_chunks`, `install_chunked_code`), following the replica's
 * `canister_manager.rs` and `execution_environment.rs` in the order of their checks, their codes and their words:
 * - the chunk store is the controllers' and the canister's own (SPEC-MC "the controllers of a canister (and the
 *   canister itself)"); `install_chunked_code` needs a controller of the target, and a controller of the store
 *   canister or the store canister itself, which must be on the target's subnet (here: exist);
 * - `upload_chunk` costs `execution_cost(200 M)` whatever happens next, then takes chunks of at most 1 MiB into a
 *   store of at most 100 of them, each counted as 1 MiB of memory, and refuses one that would freeze the canister;
 * - `install_chunked_code` concatenates the listed chunks, checks their SHA-256 against `wasm_module_hash` and
 *   installs the result through the same `installCode` transaction as `install_code`, the assembly (one
 *   instruction per byte of a full chunk per hash) spent from the install's budget.
 * Not modelled: the heap-delta rate limit (IC0210), the subnet's memory capacity and the storage reservation, which
 * the engine has nowhere else either.
 */
import type { Principal } from '@dfinity/principal';
import type { IDL } from '@dfinity/candid';
import { memoryUsage, messageMemoryUsage, type CanisterState } from '../canister/canisterState.ts';
import { executionCost, freezingLimit } from '../cycles/fees.ts';
import { ErrorCode, systemReject, type Reject } from '../errors.ts';
import { hexToBytes } from '../hex.ts';
import { WASM_CHUNK_BYTES } from '../params.ts';
import { canisterFreezingLimit, charge, emit, findCanister, isController, principalText } from '../subnet/canisterOps.ts';
import type { SubnetState } from '../subnet/subnetState.ts';
import {
  ClearChunkStoreArgs, InstallChunkedCodeArgs, StoredChunksArgs, StoredChunksResult, UploadChunkArgs, UploadChunkResult,
} from './chunkCandid.ts';
import { emptyChunkStore } from './emptyChunkStore.ts';
import { installCode, type InstallMode, type InstallOutcome, type InstallResult } from './installCode.ts';
import { installModeOf } from './installModeOf.ts';
import { EMPTY_REPLY, decodeArg, encodeReply } from './managementCandid.ts';
import type { ManagementCall, ManagementResponse, MethodHandler } from './managementMethods.ts';
import { notController } from './notController.ts';
import { withCanister } from './withCanister.ts';
import { memoryBudgetReject } from '../subnet/playgroundLimits.ts';
import { assembleModule, assemblyInstructions, byteUnitText, checkChunk, rustBytes } from './wasmChunkStore.ts';

type Bytes = Uint8Array | number[];

const reply = (data: Uint8Array = EMPTY_REPLY): ManagementResponse => ({ type: 'reply', data });
const reject = (r: Reject): ManagementResponse => ({ type: 'reject', reject: r });

/** A chunk store error as the replica words it (`CanisterManagerError::WasmChunkStoreError`, IC0504). */
function chunkStoreError(message: string): Reject {
  return systemReject(ErrorCode.CanisterContractViolation, `Error from Wasm chunk store: ${message}.`);
}

/**
 * The chunk store of `canister` is its controllers' and its own (replica `upload_chunk`, `clear_chunk_store`,
 * `stored_chunks`: "Allow the canister itself to perform this operation", then `validate_controller`).
 */
export function chunkStoreAccess(canister: CanisterState, sender: string): Reject | null {
  return sender === canister.id || isController(canister, sender) ? null : notController(canister, sender);
}

/**
 * Replica `CanisterOutOfCyclesError` text: how many cycles are missing is told only to a controller
 * (`reveal_top_up`).
 */
function outOfCyclesText(canister: CanisterState, limit: bigint, needed: bigint, reveal: boolean): string {
  if (!reveal) return `Canister ${canister.id} is out of cycles`;
  return `Canister ${canister.id} is out of cycles: please top up the canister with at least ${limit + needed - canister.cycles} additional cycles`;
}

/**
 * Memory usage going to `newUsage` must not leave the balance below the freezing limit it implies (replica
 * `cycles_and_memory_usage_checks`: `InsufficientCyclesInMemoryGrow`, IC0532, naming the newly allocated bytes).
 */
function memoryChangeReject(state: SubnetState, canister: CanisterState, newUsage: bigint): Reject | null {
  const s = canister.settings;
  const usage = { memoryBytes: newUsage, messageMemoryBytes: messageMemoryUsage(state.config, canister), memoryAllocation: s.memoryAllocation, computeAllocation: s.computeAllocation };
  const limit = freezingLimit(state.config, usage, s.freezingThreshold, canister.reservedCycles);
  if (canister.cycles >= limit) return null;
  const allocated = (bytes: bigint): bigint => (bytes > s.memoryAllocation ? bytes : s.memoryAllocation);
  const grown = allocated(newUsage) - allocated(memoryUsage(canister));
  return systemReject(
    ErrorCode.InsufficientCyclesInMemoryGrow,
    `Canister cannot grow memory by ${byteUnitText(grown > 0n ? grown : 0n)} bytes due to insufficient cycles. At least ${limit - canister.cycles} additional cycles are required.`,
  );
}

export type UploadResult = { readonly ok: true; readonly hash: string } | { readonly ok: false; readonly reject: Reject };

/**
 * `upload_chunk` on a canister whose store the sender may use: charged first ("we charge before checking if the
 * chunk has already been uploaded since that check involves hash computation"), then the store's rules, then the
 * freezing check for one more 1 MiB of memory. Returns the chunk's SHA-256 in hex.
 */
export function uploadChunk(state: SubnetState, canister: CanisterState, sender: string, chunk: Uint8Array): UploadResult {
  const cost = executionCost(state.config, state.config.params.uploadChunkInstructions);
  const limit = canisterFreezingLimit(state, canister);
  if (canister.cycles - cost < limit) {
    const why = outOfCyclesText(canister, limit, cost, isController(canister, sender));
    return { ok: false, reject: chunkStoreError(`Error charging for 'upload_chunk': ${why}`) };
  }
  charge(state, canister, 'execution', cost);
  const check = checkChunk(state.config, canister.chunkStore, chunk);
  if (check.type === 'error') return { ok: false, reject: chunkStoreError(check.message) };
  if (check.type === 'insert') {
    const frozen = memoryChangeReject(state, canister, memoryUsage(canister) + WASM_CHUNK_BYTES);
    if (frozen) return { ok: false, reject: frozen };
    const overBudget = memoryBudgetReject(state, canister, chunk.length, 'upload_chunk');
    if (overBudget) return { ok: false, reject: overBudget };
    canister.chunkStore.set(check.hash, chunk.slice());
    state.memory.charge(chunk.length);
  }
  emit(state, {
    round: state.round, kind: 'chunk_uploaded', canister: canister.id, hash: check.hash, bytes: chunk.length,
    chunks: canister.chunkStore.size, alreadyStored: check.type === 'exists',
  });
  return { ok: true, hash: check.hash };
}

/** `clear_chunk_store`: refused only if the canister is frozen even without its chunks (the replica's same check). */
export function clearChunkStore(state: SubnetState, canister: CanisterState): Reject | null {
  const chunkBytes = BigInt(canister.chunkStore.size) * WASM_CHUNK_BYTES;
  const frozen = memoryChangeReject(state, canister, memoryUsage(canister) - chunkBytes);
  if (frozen) return frozen;
  emptyChunkStore(state, canister, 'clear_chunk_store');
  return null;
}

/** `stored_chunks`: the hashes in the store, in byte order (the replica's store is a `BTreeMap` by hash). */
export function storedChunks(canister: CanisterState): string[] {
  return [...canister.chunkStore.keys()].sort();
}

export interface ChunkedInstallRequest {
  readonly mode: InstallMode;
  readonly skipPreUpgrade: boolean;
  readonly sender: string;
  readonly messageId: number | null;
  readonly targetId: string;
  /** Whose chunk store holds the chunks: the target's unless `store_canister` names another. */
  readonly storeId: string;
  readonly chunkHashes: readonly Uint8Array[];
  readonly wasmModuleHash: Uint8Array;
  readonly arg: Uint8Array;
  readonly onDone?: (result: InstallResult) => void;
}

/**
 * `install_chunked_code`: the store canister's checks (replica `decode_input_and_take_canister`), the target's
 * (`install_code_dts` `validate_input`), then the module assembled from the store as it is now and installed by
 * `installCode`, which charges the assembly and reports a chunk that is missing or a hash that does not match.
 */
export function installChunkedCode(state: SubnetState, request: ChunkedInstallRequest): InstallOutcome {
  const fail = (r: Reject): InstallResult => ({ ok: false, reject: r });
  const store = findCanister(state, request.storeId);
  if (!store) {
    return fail(systemReject(
      ErrorCode.CanisterNotFound,
      `InstallChunkedCode Error: Store canister ${request.storeId} was not found on subnet ${principalText(state.subnetId)} of target canister ${request.targetId}`,
    ));
  }
  // "If the `store_canister` is different from the caller, we need to verify that the caller is a controller of the store."
  if (request.sender !== store.id && !isController(store, request.sender)) return fail(notController(store, request.sender));
  if (request.wasmModuleHash.length !== 32) {
    return fail(systemReject(ErrorCode.CanisterContractViolation, `Invalid wasm hash ${rustBytes(request.wasmModuleHash)}`));
  }
  const target = findCanister(state, request.targetId);
  if (!target) return fail(systemReject(ErrorCode.CanisterNotFound, `Canister ${request.targetId} not found`));
  if (!isController(target, request.sender)) return fail(notController(target, request.sender));
  const assembled = assembleModule(store.chunkStore, request.chunkHashes, request.wasmModuleHash);
  return installCode(state, target, {
    mode: request.mode, skipPreUpgrade: request.skipPreUpgrade, sender: request.sender, messageId: request.messageId,
    arg: request.arg, onDone: request.onDone,
    wasmModule: assembled.ok ? assembled.module : new Uint8Array(0),
    assembly: { instructions: assemblyInstructions(request.chunkHashes.length), failure: assembled.ok ? null : chunkStoreError(assembled.message) },
  });
}

const invalidPayload = (error: string): ManagementResponse => reject(systemReject(ErrorCode.InvalidManagementPayload, `Error decoding candid: ${error}`));

/** A chunk-store method: its store is the controllers' and the canister's own (`chunkStoreAccess`). */
function withStore<T extends { canister_id: Principal }>(
  type: IDL.Type,
  act: (state: SubnetState, canister: CanisterState, args: T, call: ManagementCall) => ManagementResponse,
): MethodHandler {
  return withCanister<T>(type, act, 'controllers_or_self');
}

interface InstallChunkedArgs {
  mode: Record<string, unknown>;
  target_canister: Principal;
  store_canister: [] | [Principal];
  chunk_hashes_list: { hash: Bytes }[];
  wasm_module_hash: Bytes;
  arg: Bytes;
}

const installChunkedCodeMethod: MethodHandler = (state, call) => {
  const decoded = decodeArg<InstallChunkedArgs>(InstallChunkedCodeArgs, call.arg);
  if (!decoded.ok) return invalidPayload(decoded.error);
  const args = decoded.value;
  const { mode, skipPreUpgrade } = installModeOf(args.mode);
  const toResponse = (result: InstallResult): { type: 'reply'; data: Uint8Array } | { type: 'reject'; reject: Reject } =>
    (result.ok ? { type: 'reply', data: EMPTY_REPLY } : { type: 'reject', reject: result.reject });
  const outcome = installChunkedCode(state, {
    mode, skipPreUpgrade, sender: call.sender, messageId: call.replyTo.type === 'ingress' ? call.replyTo.messageId : null,
    targetId: args.target_canister.toText(),
    storeId: (args.store_canister[0] ?? args.target_canister).toText(),
    chunkHashes: args.chunk_hashes_list.map((chunk) => Uint8Array.from(chunk.hash)),
    wasmModuleHash: Uint8Array.from(args.wasm_module_hash),
    arg: Uint8Array.from(args.arg),
    onDone: (result) => state.deferredResponses.push({ replyTo: call.replyTo, response: toResponse(result) }),
  });
  return outcome.ok === 'pending' ? { type: 'pending' } : toResponse(outcome);
};

export const CHUNK_HANDLERS: Readonly<Record<string, MethodHandler>> = {
  upload_chunk: withStore<{ canister_id: Principal; chunk: Bytes }>(UploadChunkArgs, (state, canister, args, call) => {
    const uploaded = uploadChunk(state, canister, call.sender, Uint8Array.from(args.chunk));
    return uploaded.ok ? reply(encodeReply(UploadChunkResult, { hash: hexToBytes(uploaded.hash) })) : reject(uploaded.reject);
  }),
  clear_chunk_store: withStore(ClearChunkStoreArgs, (state, canister) => {
    const refused = clearChunkStore(state, canister);
    return refused ? reject(refused) : reply();
  }),
  stored_chunks: withStore(StoredChunksArgs, (_state, canister) =>
    reply(encodeReply(StoredChunksResult, storedChunks(canister).map((hash) => ({ hash: hexToBytes(hash) }))))),
  install_chunked_code: installChunkedCodeMethod,
};
