/**
 * Removing canister snapshots: one (`delete_canister_snapshot`, or replaced by `take_canister_snapshot`'s
 * `replace_snapshot`), or all of a canister's when it is deleted or runs out of cycles (ic-reference.md §3.9, §12;
 * SPEC-MC `delete_canister_snapshot`: "… or if the canister itself has been deleted or run out of cycles").
 */
import type { CanisterState } from '../canister/canisterState.ts';
import type { CanisterSnapshot } from '../canister/canisterSnapshot.ts';
import { bytesToHex } from '../hex.ts';
import { emit } from '../subnet/canisterOps.ts';
import type { SubnetState } from '../subnet/subnetState.ts';
import type { SnapshotDeletion } from '../trace/traceEvent.ts';
import { snapshotHeldBytes } from '../subnet/playgroundLimits.ts';

export function removeSnapshot(state: SubnetState, canister: CanisterState, snapshot: CanisterSnapshot, reason: SnapshotDeletion): void {
  const at = canister.snapshots.indexOf(snapshot);
  if (at < 0) return;
  canister.snapshots.splice(at, 1);
  state.memory.release(snapshotHeldBytes(snapshot));
  emit(state, { round: state.round, kind: 'snapshot_deleted', canister: canister.id, snapshot: bytesToHex(snapshot.id), size: snapshot.size, reason });
}

export function dropSnapshots(state: SubnetState, canister: CanisterState, reason: 'canister_deleted' | 'out_of_cycles'): void {
  for (const snapshot of [...canister.snapshots]) removeSnapshot(state, canister, snapshot, reason);
}
