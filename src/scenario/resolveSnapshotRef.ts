/**
 * The snapshot a `manage` step names (docs/SCENARIO-EXTENSIONS.md "Canister snapshots"): an id in hex, or `"latest"`,
 * the newest snapshot the target canister holds when the step runs, so a lesson can load "the snapshot taken before"
 * without knowing its id (ids depend on how many snapshots the canister took before).
 */
import { hexToBytes, type Subnet } from '../engine/index.ts';

export const LATEST_SNAPSHOT = 'latest';

export type SnapshotRefResult = { ok: true; id: Uint8Array } | { ok: false; error: string };

/** `field` and `name` (the step's canister as written) only word the error. */
export function resolveSnapshotRef(subnet: Subnet, canisterId: string, ref: string, field: string, name: string): SnapshotRefResult {
  if (ref !== LATEST_SNAPSHOT) return { ok: true, id: hexToBytes(ref.toLowerCase()) };
  const canister = subnet.canister(canisterId);
  const newest = canister && !canister.deleted ? canister.snapshots.at(-1) : undefined;
  if (!newest) return { ok: false, error: `${field}: canister "${name}" has no snapshot to be "latest" (take_canister_snapshot first)` };
  return { ok: true, id: newest.id.slice() };
}
