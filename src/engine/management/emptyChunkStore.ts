/**
 * Empties a canister's Wasm chunk store: `clear_chunk_store`, and with the rest of its state when its code is
 * uninstalled (ic-reference.md §3.9, §12; replica `canister_manager.rs` `clear_chunk_store`, and `uninstall_canister`:
 * "Clear the Wasm chunk store"). The trace says so only when there was something to clear or it was asked for.
 */
import type { CanisterState } from '../canister/canisterState.ts';
import { emit } from '../subnet/canisterOps.ts';
import type { SubnetState } from '../subnet/subnetState.ts';
import { chunkStoreHeldBytes } from '../subnet/playgroundLimits.ts';

export type ChunkStoreClearing = 'clear_chunk_store' | 'uninstall_code' | 'out_of_cycles';

export function emptyChunkStore(state: SubnetState, canister: CanisterState, reason: ChunkStoreClearing): void {
  const chunks = canister.chunkStore.size;
  state.memory.release(chunkStoreHeldBytes(canister.chunkStore));
  canister.chunkStore = new Map();
  if (chunks > 0 || reason === 'clear_chunk_store') {
    emit(state, { round: state.round, kind: 'chunk_store_cleared', canister: canister.id, chunks, reason });
  }
}
