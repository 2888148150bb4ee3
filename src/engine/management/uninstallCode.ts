/**
 * Uninstalling a canister, by `uninstall_code` or when it runs out of cycles (ic-reference.md §3.9): module,
 * heap, stable memory, certified data, logs, the Wasm chunk store and timer go; cycles, controllers, status and history stay.
 */
import type { CanisterState } from '../canister/canisterState.ts';
import { clearLogStore } from '../canister/canisterLogStore.ts';
import { emptyChunkStore } from './emptyChunkStore.ts';
import { emit, recordChange } from '../subnet/canisterOps.ts';
import { dropSnapshots } from './removeSnapshot.ts';
import { respond } from '../subnet/callContexts.ts';
import { RejectCode } from '../errors.ts';
import type { SubnetState } from '../subnet/subnetState.ts';

export function uninstallCode(state: SubnetState, canister: CanisterState, origin: string, reason: 'uninstall_code' | 'out_of_cycles'): void {
  // Every open call context that still owes an answer gets a reject; all are marked deleted so the callbacks
  // of their outstanding calls never run (ic-reference.md §3.9; reject code per spec: CANISTER_REJECT, §11.8).
  for (const context of canister.callContexts.values()) {
    respond(state, canister, context, {
      type: 'reject', reject: { rejectCode: RejectCode.CANISTER_REJECT, errorCode: null, message: `Canister ${canister.id} has been uninstalled.` },
    });
    context.deleted = true;
  }
  // The instance and its stable memory no longer belong to the subnet: their memory leaves the budget.
  canister.runtime?.detachMeter();
  canister.runtime?.stable.detachMeter();
  canister.runtime = null;
  canister.moduleHash = null;
  canister.moduleBytes = 0n;
  canister.certifiedData = new Uint8Array(0);
  canister.globalTimer = 0n;
  clearLogStore(canister);
  emptyChunkStore(state, canister, reason);
  canister.version++;
  // Running out of cycles also gives up the canister's allocations, so it stops paying for them (§3.9), and its
  // log memory: `log_memory_limit` becomes 0 (§12; SPEC-AB "Canister out of cycles" `canister_log_memory_limit = 0`).
  if (reason === 'out_of_cycles') {
    canister.settings.memoryAllocation = 0n;
    canister.settings.computeAllocation = 0n;
    canister.settings.logMemoryLimit = 0n;
    // Its snapshots are dropped too (§3.9; SPEC-MC delete_canister_snapshot).
    dropSnapshots(state, canister, 'out_of_cycles');
  }
  recordChange(state, canister, origin, { type: 'code_uninstall' });
  emit(state, { round: state.round, kind: 'code_uninstalled', canister: canister.id, reason });
}
