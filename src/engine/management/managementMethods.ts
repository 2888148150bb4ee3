/**
 * The management canister `aaaaa-aa` as a table of methods (ic-reference.md §4.2), each decoding its Candid
 * argument, checking permissions and acting on the subnet. A method answers with a reply, a reject, or
 * `pending` when the answer comes later (stop_canister answers once the canister is stopped, §3.8).
 */
import type { Principal } from '@dfinity/principal';
import { ErrorCode, systemReject, type Reject } from '../errors.ts';
import { canisterError, emit, mintableCycles, recordChange, setStatus } from '../subnet/canisterOps.ts';
import type { ManagementReplyTo, SubnetState } from '../subnet/subnetState.ts';
import { CANISTER_ONLY_HANDLERS } from './canisterOnlyMethods.ts';
import { FETCH_CANISTER_LOGS_HANDLERS } from './fetchCanisterLogs.ts';
import { SNAPSHOT_HANDLERS } from './snapshotMethods.ts';
import { dropSnapshots } from './removeSnapshot.ts';
import {
  CanisterIdRecord, CanisterStatusResult, EMPTY_REPLY, InstallCodeArgs, ProvisionalTopUpArgs, UninstallCodeArgs,
  UpdateSettingsArgs, encodeReply,
} from './managementCandid.ts';
import { installCode, type InstallMode, type InstallResult } from './installCode.ts';
import { uninstallCode } from './uninstallCode.ts';
import { notController } from './notController.ts';
import { withCanister } from './withCanister.ts';
import { installModeOf } from './installModeOf.ts';
import { CHUNK_HANDLERS } from './chunkMethods.ts';
import { applySettings, controllersOverBound, type CandidSettings } from './applySettings.ts';
import { canisterStatusRecord } from './canisterStatusRecord.ts';

/**
 * A method's answer. `cyclesKept` is how many of the attached cycles the method took (create_canister,
 * deposit_cycles); the rest go back with the response.
 */
export type ManagementResponse =
  | { type: 'reply'; data: Uint8Array; cyclesKept?: bigint }
  | { type: 'reject'; reject: Reject }
  | { type: 'pending' };

export interface ManagementCall {
  readonly sender: string;
  readonly arg: Uint8Array;
  /** Who gets the answer: an ingress message or a canister's request. */
  readonly replyTo: ManagementReplyTo;
  /** Cycles attached by a calling canister (ingress carries none). */
  readonly cycles: bigint;
}

export type MethodHandler = (state: SubnetState, call: ManagementCall) => ManagementResponse;

const reply = (data: Uint8Array = EMPTY_REPLY): ManagementResponse => ({ type: 'reply', data });
const reject = (r: Reject): ManagementResponse => ({ type: 'reject', reject: r });

export { notController };

type InstallArgs = { canister_id: Principal; mode: Record<string, unknown>; wasm_module: Uint8Array | number[]; arg: Uint8Array | number[] };

export const MANAGEMENT_METHODS: Readonly<Record<string, MethodHandler>> = {
  install_code: withCanister<InstallArgs>(InstallCodeArgs, (state, canister, args, call) => {
    const { mode, skipPreUpgrade } = installModeOf(args.mode);
    const toResponse = (result: InstallResult): ManagementResponse => (result.ok ? reply() : reject(result.reject));
    const outcome = installCode(state, canister, {
      mode, skipPreUpgrade, sender: call.sender, messageId: call.replyTo.type === 'ingress' ? call.replyTo.messageId : null,
      wasmModule: Uint8Array.from(args.wasm_module), arg: Uint8Array.from(args.arg),
      onDone: (result) => {
        const response = toResponse(result);
        if (response.type !== 'pending') state.deferredResponses.push({ replyTo: call.replyTo, response });
      },
    });
    return outcome.ok === 'pending' ? { type: 'pending' } : toResponse(outcome);
  }),

  uninstall_code: withCanister(UninstallCodeArgs, (state, canister, _args, call) => {
    uninstallCode(state, canister, call.sender, 'uninstall_code');
    return reply();
  }),

  start_canister: withCanister(CanisterIdRecord, (state, canister) => {
    const cancelled = canister.pendingStops.splice(0);
    // Starting a running canister changes nothing but still counts: version + 1 (ic-reference.md §1.2, SPEC-AB
    // "Starting a canister"); any other status change bumps it in `setStatus`.
    if (canister.status === 'running') canister.version++;
    setStatus(state, canister, 'running');
    for (const replyTo of cancelled) {
      state.deferredResponses.push({
        replyTo,
        response: { type: 'reject', reject: canisterError(canister.id, ErrorCode.CanisterStoppingCancelled, `Canister ${canister.id} has been restarted while stopping`) },
      });
    }
    return reply();
  }),

  stop_canister: withCanister(CanisterIdRecord, (state, canister, _args, call) => {
    if (canister.status === 'stopped') {
      canister.version++;
      return reply();
    }
    // Stopping a stopping canister still counts: version + 1 (ic-reference.md §1.2, SPEC-AB "Stopping a canister").
    if (canister.status === 'stopping') canister.version++;
    setStatus(state, canister, 'stopping');
    canister.pendingStops.push(call.replyTo);
    return { type: 'pending' };
  }),

  delete_canister: withCanister(CanisterIdRecord, (state, canister, _args, call) => {
    if (call.sender === canister.id) {
      return reject(canisterError(canister.id, ErrorCode.CanisterContractViolation, `Canister ${canister.id} cannot delete itself.`));
    }
    if (canister.status !== 'stopped') {
      return reject(canisterError(canister.id, ErrorCode.CanisterNotStopped, `Canister ${canister.id} must be stopped before it is deleted.`));
    }
    const discarded = canister.cycles + canister.reservedCycles;
    // A deleted canister's snapshots go with it (ic-reference.md §12; SPEC-MC delete_canister_snapshot).
    dropSnapshots(state, canister, 'canister_deleted');
    canister.deleted = true;
    canister.runtime?.detachMeter();
    canister.runtime?.stable.detachMeter();
    canister.runtime = null;
    canister.cycles = 0n;
    canister.reservedCycles = 0n;
    state.totals.cyclesBurned += discarded;
    emit(state, { round: state.round, kind: 'canister_deleted', canister: canister.id });
    return reply();
  }),

  update_settings: withCanister<{ canister_id: Principal; settings: CandidSettings }>(UpdateSettingsArgs, (state, canister, args, call) => {
    const result = applySettings(state, canister, args.settings);
    if (!result.ok) return reject(result.reject);
    canister.version++;
    if (result.fields.includes('controllers')) {
      recordChange(state, canister, call.sender, { type: 'controllers_change', controllers: [...canister.settings.controllers] });
    }
    emit(state, { round: state.round, kind: 'settings_changed', canister: canister.id, fields: result.fields });
    return reply();
  }, 'controllers', (state, args) => controllersOverBound(state, args.settings)),

  canister_status: withCanister(CanisterIdRecord, (state, canister) =>
    reply(encodeReply(CanisterStatusResult, canisterStatusRecord(state, canister))), 'controllers_or_self'),

  provisional_top_up_canister: withCanister<{ canister_id: Principal; amount: bigint }>(ProvisionalTopUpArgs, (state, canister, args) => {
    const minted = mintableCycles(state, args.amount);
    canister.cycles += minted;
    emit(state, { round: state.round, kind: 'cycles_topped_up', canister: canister.id, amount: minted });
    return reply();
  }, 'anyone'),

  ...CANISTER_ONLY_HANDLERS,
  ...FETCH_CANISTER_LOGS_HANDLERS,
  ...CHUNK_HANDLERS,
  ...SNAPSHOT_HANDLERS,
};

/** Runs a management method for `call`; unknown methods are IC0407 (ic-reference.md §3.6, ERRT). */
export function executeManagementMethod(state: SubnetState, method: string, call: ManagementCall): ManagementResponse {
  const handler = Object.prototype.hasOwnProperty.call(MANAGEMENT_METHODS, method) ? MANAGEMENT_METHODS[method] : undefined;
  if (!handler) return reject(systemReject(ErrorCode.UnknownManagementMessage, `Management canister has no method '${method}'`));
  return handler(state, call);
}
