/**
 * A canister's system state as plain data: status, settings, cycles, version, certified data, timer,
 * history, logs and queues. Its code and memories live in the `CanisterRuntime` it points to (null when
 * the canister is empty). ic-reference.md §3.8–3.9, §4.1.
 */
import type { CanisterRuntime } from './canisterRuntime.ts';
import type { CanisterStatus } from '../trace/traceEvent.ts';
import { WASM_CHUNK_BYTES, type SubnetConfig } from '../params.ts';
import type { CallContext, Callback, CanisterInput } from '../messaging/messages.ts';
import type { ManagementReplyTo } from '../subnet/subnetState.ts';
import type { PausedExecution } from '../subnet/longExecution.ts';
import { snapshotSize, type CanisterSnapshot } from './canisterSnapshot.ts';
import { logStoreMemoryBytes } from './canisterLogStore.ts';

/** `log_visibility` (§4.1): who may fetch the canister's logs besides its controllers. */
export type LogVisibility = 'controllers' | 'public' | { allowedViewers: string[] };

/** `canister_settings` (ic-reference.md §4.1), with controllers as principal text. */
export interface CanisterSettings {
  controllers: string[];
  computeAllocation: bigint;
  memoryAllocation: bigint;
  freezingThreshold: bigint;
  reservedCyclesLimit: bigint;
  wasmMemoryLimit: bigint;
  wasmMemoryThreshold: bigint;
  logVisibility: LogVisibility;
  /** Bytes of the canister's log store (§12 `log_memory_limit`: 0, or 4 KiB … 2 MiB). */
  logMemoryLimit: bigint;
  environmentVariables: [string, string][];
}

export type CanisterChangeDetails =
  | { type: 'creation'; controllers: string[] }
  | { type: 'code_deployment'; mode: 'install' | 'reinstall' | 'upgrade'; moduleHash: string }
  | { type: 'code_uninstall' }
  | { type: 'controllers_change'; controllers: string[] }
  /** `load_canister_snapshot` (DID `change_details.load_snapshot`): the snapshot's id (hex), version and time when taken. */
  | { type: 'load_snapshot'; snapshotId: string; canisterVersion: bigint; takenAtNs: bigint; fromCanister: string | null };

export interface CanisterChange {
  timeNs: bigint;
  version: bigint;
  origin: string;
  details: CanisterChangeDetails;
}

export interface CanisterLogRecord {
  index: number;
  round: number;
  timeNs: bigint;
  text: string;
  trap: boolean;
  /** The record's bytes as `fetch_canister_logs` returns them (`debug_print`'s bytes; `[TRAP]: …` as UTF-8). */
  content: Uint8Array;
}

export interface CanisterState {
  readonly id: string;
  readonly idBytes: Uint8Array;
  readonly index: bigint;
  status: CanisterStatus;
  deleted: boolean;
  settings: CanisterSettings;
  cycles: bigint;
  reservedCycles: bigint;
  version: bigint;
  certifiedData: Uint8Array;
  globalTimer: bigint;
  /** Hex SHA-256 of the raw module as uploaded (ic-reference.md §4.2 `module_hash`), null when empty. */
  moduleHash: string | null;
  moduleBytes: bigint;
  runtime: CanisterRuntime | null;
  history: CanisterChange[];
  logs: CanisterLogRecord[];
  nextLogIndex: number;
  /** Bytes the records in `logs` take in the log store (`canisterLogStore.ts`, replica ring buffer accounting). */
  logBytesUsed: number;
  /** Records purged from the log store to make room since it was last emptied (the inspector shows it). */
  logRecordsPurged: number;
  /** The Wasm chunk store: chunks by hex SHA-256 (§12 chunked code installation). */
  chunkStore: Map<string, Uint8Array>;
  /** Snapshots taken of this canister, oldest first (§12 canister snapshots). */
  snapshots: CanisterSnapshot[];
  /** Local index of the next snapshot id. */
  nextSnapshotIndex: bigint;
  /** Inducted ingress, requests and responses waiting to execute, in order. */
  inputQueue: CanisterInput[];
  /** Open call contexts by id (ic-reference.md §3.1). */
  callContexts: Map<number, CallContext>;
  /** Outstanding calls by callback id. */
  callbacks: Map<number, Callback>;
  /** How many of `callbacks` are bounded-wait calls (kept with the map: message memory is read per execution). */
  boundedWaitCallbacks: number;
  /** How many of `callbacks` went to each callee, by its principal text (each holds a queue slot, §6.3 `queueCapacity`). */
  callbacksByCallee: Map<string, number>;
  nextCallContextId: number;
  nextCallbackId: number;
  /** `stop_canister` calls waiting for the canister to become stopped. */
  pendingStops: ManagementReplyTo[];
  /** Frozen as of the last check (for `frozen_changed` events; `isFrozen` is the truth). */
  frozen: boolean;
  /** A long message in the middle of its slices (ic-reference.md §7), or null. */
  paused: PausedExecution | null;
  /** Time up to which periodic resource charges have been paid (ic-reference.md §5.5). */
  chargedUntilNs: bigint;
  /** A trap the scenario put at the entry of this canister's next call (the `trap` step: `plannedTrap.ts`), or null. */
  plannedTrap: PlannedTrap | null;
}

/** The `trap` step's what-if: the next call to `method` (any update call when null) traps as it begins. */
export interface PlannedTrap {
  readonly method: string | null;
  readonly message: string;
}

export function defaultSettings(config: SubnetConfig, controllers: string[]): CanisterSettings {
  const p = config.params;
  return {
    controllers,
    computeAllocation: 0n,
    memoryAllocation: 0n,
    freezingThreshold: p.defaultFreezingThreshold,
    reservedCyclesLimit: p.defaultReservedCyclesLimit,
    wasmMemoryLimit: p.defaultWasmMemoryLimit,
    wasmMemoryThreshold: 0n,
    logVisibility: 'controllers',
    logMemoryLimit: p.canisterLogBufferBytes,
    environmentVariables: [],
  };
}

/**
 * Message memory: every outstanding guaranteed-response call keeps room reserved for the largest response it may get, 2 MiB
 * (ic-reference.md §5.4 "reservation for the largest response", §6.3 reply size). It is billed beside storage in
 * the idle burn and so in the freezing limit (§5.2 `memory_cost(message_memory, 1 day)`) and in the periodic
 * charge (§5.5 "message memory").
 */
export function messageMemoryUsage(config: SubnetConfig, canister: CanisterState): bigint {
  // Only guaranteed-response calls reserve a slot for their response; a bounded-wait call's response, which the
  // system may drop, is counted by its size once it exists (replicated_state `guaranteed_response_message_memory_usage`
  // vs `best_effort_message_memory_usage`, ic-reference.md §3.7).
  return BigInt(canister.callbacks.size - canister.boundedWaitCallbacks) * config.params.maxReplyBytes;
}

/** What a canister's memory is made of (`canister_status` `memory_metrics`, ic-reference.md §4.2, §5.5). */
export interface MemoryBreakdown {
  readonly wasmMemory: bigint;
  readonly stableMemory: bigint;
  readonly globals: bigint;
  readonly wasmBinary: bigint;
  readonly wasmChunkStore: bigint;
  readonly snapshots: bigint;
  readonly logMemoryStore: bigint;
}

export function memoryBreakdown(canister: CanisterState): MemoryBreakdown {
  const rt = canister.runtime;
  let snapshots = 0n;
  for (const snapshot of canister.snapshots) snapshots += snapshotSize(snapshot);
  return {
    wasmMemory: rt ? rt.wasmMemoryBytes() : 0n,
    stableMemory: rt ? rt.stable.byteLength() : 0n,
    globals: rt ? rt.globalsBytes() : 0n,
    wasmBinary: rt ? canister.moduleBytes : 0n,
    // Every stored chunk counts as a whole chunk, however short (replica `wasm_chunk_store.rs` `memory_usage`: 256
    // OS pages per chunk; SPEC-MC upload_chunk "the storage cost of each chunk is fixed and corresponds to 1MiB").
    wasmChunkStore: BigInt(canister.chunkStore.size) * WASM_CHUNK_BYTES,
    snapshots,
    logMemoryStore: logStoreMemoryBytes(canister),
  };
}

/**
 * Bytes billed for storage: heap, stable memory, globals, the module, the chunk store, snapshots and the log store
 * (ic-reference.md §5.5, §12).
 */
export function memoryUsage(canister: CanisterState): bigint {
  const m = memoryBreakdown(canister);
  return m.wasmMemory + m.stableMemory + m.globals + m.wasmBinary + m.wasmChunkStore + m.snapshots + m.logMemoryStore;
}
