/**
 * Candid types of the canister snapshot methods, transcribed from `ic.did` (ic-reference.md §12, DID
 * `take_canister_snapshot_args`, `load_canister_snapshot_args`, `list_canister_snapshots_args`,
 * `delete_canister_snapshot_args`, `snapshot`), and the canister history's `load_snapshot` change details.
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { hexToBytes } from '../hex.ts';
import type { CanisterChangeDetails } from '../canister/canisterState.ts';

const SnapshotId = IDL.Vec(IDL.Nat8);

export const TakeCanisterSnapshotArgs = IDL.Record({
  canister_id: IDL.Principal,
  replace_snapshot: IDL.Opt(SnapshotId),
  uninstall_code: IDL.Opt(IDL.Bool),
  sender_canister_version: IDL.Opt(IDL.Nat64),
});

export const LoadCanisterSnapshotArgs = IDL.Record({
  canister_id: IDL.Principal,
  snapshot_id: SnapshotId,
  sender_canister_version: IDL.Opt(IDL.Nat64),
});

export const ListCanisterSnapshotsArgs = IDL.Record({ canister_id: IDL.Principal });

export const DeleteCanisterSnapshotArgs = IDL.Record({ canister_id: IDL.Principal, snapshot_id: SnapshotId });

/** `snapshot`: the result of `take_canister_snapshot`, and each element of `list_canister_snapshots`'s. */
export const Snapshot = IDL.Record({ id: SnapshotId, taken_at_timestamp: IDL.Nat64, total_size: IDL.Nat64 });

export const ListCanisterSnapshotsResult = IDL.Vec(Snapshot);

export type TakeArgs = {
  canister_id: Principal; replace_snapshot: [] | [Uint8Array | number[]]; uninstall_code: [] | [boolean];
};
export type LoadArgs = { canister_id: Principal; snapshot_id: Uint8Array | number[] };
export type DeleteArgs = { canister_id: Principal; snapshot_id: Uint8Array | number[] };

/** The `load_snapshot` record of `change_details` (DID; snapshots taken here are all `taken_from_canister`). */
export function loadSnapshotDetails(details: Extract<CanisterChangeDetails, { type: 'load_snapshot' }>): unknown {
  return {
    from_canister_id: details.fromCanister === null ? [] : [Principal.fromText(details.fromCanister)],
    snapshot_id: hexToBytes(details.snapshotId),
    canister_version: details.canisterVersion,
    taken_at_timestamp: details.takenAtNs,
    source: { taken_from_canister: null },
  };
}
