/**
 * A snapshot in a few words: its number on the canister (the id's first 8 bytes, ic-reference.md §12), the time it
 * was taken, its size and the module it holds.
 */
import type { SnapshotView } from '../../worker/protocol.ts';
import { groupDigits } from '../graph/formatAmount.ts';

export function snapshotLabel(snapshot: SnapshotView): string {
  const index = BigInt(`0x${snapshot.id.slice(0, 16) || '0'}`);
  const time = new Date(Number(BigInt(snapshot.takenAtNs) / 1_000_000n)).toISOString().slice(11, 19);
  return `#${index} · ${time} UTC · ${groupDigits(snapshot.size)} B · module ${snapshot.moduleHash.slice(0, 8)}…`;
}
