/**
 * A canister snapshot (ic-reference.md §12, management `take_canister_snapshot`): what `load_canister_snapshot`
 * restores — the module, Wasm memory, stable memory, mutable globals, certified data and the chunk store — and not
 * cycles, settings, status, logs or the timer (replica `canister_snapshots.rs` `CanisterSnapshot::from_canister`,
 * `canister_manager.rs` `load_canister_snapshot`). Plain data: it is structured-cloned with the subnet's state.
 */
import type { GlobalValue } from './canisterRuntime.ts';

export interface CanisterSnapshot {
  /** The snapshot id as the replica builds it: the local index (u64 big-endian) followed by the canister id's bytes. */
  readonly id: Uint8Array;
  readonly takenAtNs: bigint;
  /** Canister version when it was taken. */
  readonly canisterVersion: bigint;
  /** Bytes it occupies, fixed when taken (billed like storage; `memory_metrics.snapshots_size`; `total_size`). */
  readonly size: bigint;
  readonly moduleHash: string;
  /** The module as uploaded. */
  readonly module: Uint8Array;
  readonly wasmMemory: Uint8Array;
  /** Stable memory as its written 4 KiB pages by index (unwritten pages read as zeros) and its size in 64 KiB Wasm pages. */
  readonly stablePages: ReadonlyMap<number, Uint8Array>;
  readonly stableSizePages: number;
  /** Mutable globals' values, in the runtime's own order (`persistentGlobals`). */
  readonly globals: readonly GlobalValue[];
  readonly certifiedData: Uint8Array;
  readonly chunkStore: ReadonlyMap<string, Uint8Array>;
}

/** Bytes a snapshot occupies (billed like storage; `memory_metrics.snapshots_size`). */
export function snapshotSize(snapshot: CanisterSnapshot): bigint {
  return snapshot.size;
}

/** Bytes of the local index at the start of a snapshot id (replica `SnapshotId::LOCAL_ID_LENGTH_IN_BYTES`). */
export const SNAPSHOT_LOCAL_ID_BYTES = 8;
/** Longest principal: 29 bytes; a snapshot id is at most 8 + 29 (replica `SnapshotId::MAX_LENGTH_IN_BYTES`). */
export const SNAPSHOT_ID_MAX_BYTES = SNAPSHOT_LOCAL_ID_BYTES + 29;

/** `SnapshotId::from((canister_id, local_id))`: the local index u64 big-endian, then the canister id's bytes. */
export function snapshotId(canisterIdBytes: Uint8Array, localIndex: bigint): Uint8Array {
  const id = new Uint8Array(SNAPSHOT_LOCAL_ID_BYTES + canisterIdBytes.length);
  new DataView(id.buffer).setBigUint64(0, localIndex, false);
  id.set(canisterIdBytes, SNAPSHOT_LOCAL_ID_BYTES);
  return id;
}

/**
 * Bytes that are a snapshot id (8 to 37 of them), or the replica's decoding error for them, which the management
 * canister answers with IC0408 (replica `SnapshotId::try_from`, its spelling kept).
 */
export function snapshotIdError(bytes: Uint8Array): string | null {
  if (bytes.length < SNAPSHOT_LOCAL_ID_BYTES) {
    return `InvalidLength("Invalid snapshot ID length: provided ${bytes.length}, minumum length expected ${SNAPSHOT_ID_MAX_BYTES}.")`;
  }
  if (bytes.length > SNAPSHOT_ID_MAX_BYTES) {
    return `InvalidLength("Invalid snapshot ID length: provided ${bytes.length}, maximum length expected ${SNAPSHOT_ID_MAX_BYTES}.")`;
  }
  return null;
}

/** The canister id bytes inside a valid snapshot id. */
export function snapshotOwnerBytes(id: Uint8Array): Uint8Array {
  return id.subarray(SNAPSHOT_LOCAL_ID_BYTES);
}

/** The local index inside a valid snapshot id. */
export function snapshotLocalIndex(id: Uint8Array): bigint {
  return new DataView(id.buffer, id.byteOffset, id.byteLength).getBigUint64(0, false);
}
