/**
 * A canister snapshot (ic-reference.md §12, management `take_canister_snapshot`): what `load_canister_snapshot`
 * restores — the module, Wasm memory, stable memory, mutable globals and certified data — and not cycles.
 */
export interface CanisterSnapshot {
  /** The snapshot id as the replica builds it: the canister id's bytes followed by a local index (u64 big-endian). */
  readonly id: Uint8Array;
  readonly takenAtNs: bigint;
  /** Canister version when it was taken. */
  readonly canisterVersion: bigint;
  readonly moduleHash: string | null;
  readonly module: Uint8Array;
  readonly wasmMemory: Uint8Array;
  readonly stableMemory: Uint8Array;
  /** Mutable globals' values, in the runtime's own order. */
  readonly globals: readonly unknown[];
  readonly globalsBytes: bigint;
  readonly certifiedData: Uint8Array;
  readonly chunkStore: ReadonlyMap<string, Uint8Array>;
}

/** Bytes a snapshot occupies (billed like storage; `memory_metrics.snapshots_size`). */
export function snapshotSize(snapshot: CanisterSnapshot): bigint {
  let chunks = 0;
  for (const chunk of snapshot.chunkStore.values()) chunks += chunk.byteLength;
  return BigInt(snapshot.module.byteLength + snapshot.wasmMemory.byteLength + snapshot.stableMemory.byteLength + chunks)
    + snapshot.globalsBytes + BigInt(snapshot.certifiedData.byteLength);
}
