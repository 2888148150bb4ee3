/**
 * Uninstalling a canister, by `uninstall_code` or when it runs out of cycles (ic-reference.md §3.9): module,
 * heap, stable memory, certified data, logs and timer go; cycles, controllers, status and history stay.
 */
import type { CanisterState } from '../canister/canisterState.ts';
import { emit, recordChange } from '../subnet/canisterOps.ts';
import type { SubnetState } from '../subnet/subnetState.ts';

export function uninstallCode(state: SubnetState, canister: CanisterState, origin: string, reason: 'uninstall_code' | 'out_of_cycles'): void {
  canister.runtime = null;
  canister.moduleHash = null;
  canister.moduleBytes = 0n;
  canister.certifiedData = new Uint8Array(0);
  canister.globalTimer = 0n;
  canister.logs = [];
  canister.version++;
  recordChange(state, canister, origin, { type: 'code_uninstall' });
  emit(state, { kind: 'code_uninstalled', canister: canister.id, reason });
}
