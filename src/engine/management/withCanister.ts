/**
 * The common front of the management canister's methods on one canister (ic-reference.md §4.2): decode the Candid
 * argument, check what the replica's decoder bounds, find the canister it names, check the caller may act on it,
 * then act. Errors in that order: IC0408 (decoding, bounds), IC0301 (not found), IC0512 (not a controller).
 */
import type { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import type { CanisterState } from '../canister/canisterState.ts';
import { ErrorCode, systemReject, type Reject } from '../errors.ts';
import { findCanister, isController } from '../subnet/canisterOps.ts';
import type { SubnetState } from '../subnet/subnetState.ts';
import { decodeArg } from './managementCandid.ts';
import type { ManagementCall, ManagementResponse, MethodHandler } from './managementMethods.ts';
import { notController } from './notController.ts';

/** Who may call: the canister's controllers, them or the canister itself (its chunk store, its status), anyone. */
export type MethodAccess = 'controllers' | 'controllers_or_self' | 'anyone';

const reject = (r: Reject): ManagementResponse => ({ type: 'reject', reject: r });

/**
 * Decodes the argument and finds the canister it names; the caller must be allowed by `access`.
 * `bounds` checks what the replica's decoder bounds (vector lengths, snapshot ids): failing it is a decoding error.
 */
export function withCanister<T extends { canister_id: Principal }>(
  type: IDL.Type,
  act: (state: SubnetState, canister: CanisterState, args: T, call: ManagementCall) => ManagementResponse,
  access: MethodAccess = 'controllers',
  bounds: (state: SubnetState, args: T) => Reject | null = () => null,
): MethodHandler {
  return (state, call) => {
    const decoded = decodeArg<T>(type, call.arg);
    if (!decoded.ok) return reject(systemReject(ErrorCode.InvalidManagementPayload, `Error decoding candid: ${decoded.error}`));
    const outOfBounds = bounds(state, decoded.value);
    if (outOfBounds) return reject(outOfBounds);
    const id = decoded.value.canister_id.toText();
    const canister = findCanister(state, id);
    if (!canister) return reject(systemReject(ErrorCode.CanisterNotFound, `Canister ${id} not found`));
    const allowed = access === 'anyone' || isController(canister, call.sender) || (access === 'controllers_or_self' && call.sender === id);
    if (!allowed) return reject(notController(canister, call.sender));
    return act(state, canister, decoded.value, call);
  };
}
