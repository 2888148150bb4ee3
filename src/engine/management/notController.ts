/**
 * The reject for a caller that does not control the canister it manages, in the replica's words (ERRT
 * `CanisterInvalidController`, IC0512; replica `canister_manager.rs` `validate_controller`). Its own module so
 * management tables beside `managementMethods.ts` can use it without an import cycle.
 */
import type { CanisterState } from '../canister/canisterState.ts';
import { ErrorCode, systemReject, type Reject } from '../errors.ts';

export function notController(canister: CanisterState, sender: string): Reject {
  return systemReject(
    ErrorCode.CanisterInvalidController,
    `Only the controllers of the canister ${canister.id} can control it.\nCanister's controllers: ${canister.settings.controllers.join(' ')}\nSender's ID: ${sender}`,
  );
}
