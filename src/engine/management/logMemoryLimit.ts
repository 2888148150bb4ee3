/**
 * Validation of the `log_memory_limit` setting (ic-reference.md §6.2, §12): 0 (no log memory, logging off) or
 * 4,096 … 2 MiB bytes. SPEC-MC `log_memory_limit`: "values between 1 and 4095, inclusively, are not allowed".
 * Refused like the replica (`canister_manager` `CanisterLogMemoryLimitIsTooLow` / `…TooHigh`): IC0406
 * (CanisterRejectedMessage), reject code 4.
 */
import { ErrorCode, systemReject, type Reject } from '../errors.ts';
import type { SubnetState } from '../subnet/subnetState.ts';

export function logMemoryLimitRefusal(state: SubnetState, limit: bigint): Reject | null {
  const { minLogMemoryLimit: min, maxLogMemoryLimit: max } = state.config.params;
  if (limit !== 0n && limit < min) {
    return systemReject(ErrorCode.CanisterRejectedMessage, `The canister log memory limit ${limit} is too low. It must be at least ${min}.`);
  }
  if (limit > max) {
    return systemReject(ErrorCode.CanisterRejectedMessage, `The canister log memory limit ${limit} is too high. It must be at most ${max}.`);
  }
  return null;
}
