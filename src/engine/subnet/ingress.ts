/**
 * Ingress: submission (with the checks the replica's HTTP handler makes, including
 * `canister_inspect_message`), induction into the subnet (charging the reception fee to the receiver)
 * and completion. ic-reference.md §3.3, §5.2 (ingress induction cost), §3.6 (reject codes).
 */
import { ErrorCode, RejectCode, systemReject, type Reject } from '../errors.ts';
import { MANAGEMENT_CANISTER_ID } from '../ids/managementCanisterId.ts';
import { ingressMessageCost } from '../cycles/fees.ts';
import { utf8Length } from '../utf8Length.ts';
import { executeAtomically } from '../execution/executeAtomically.ts';
import type { CanisterState } from '../canister/canisterState.ts';
import { canisterError, canisterFreezingLimit, charge, emit, findCanister, isFrozen } from './canisterOps.ts';
import { buildContext, recordExecution, utf8Bytes } from './executionHelpers.ts';
import { managementIngressTarget } from '../management/managementIngress.ts';
import type { IngressRecord, SubnetState } from './subnetState.ts';

export const MANAGEMENT_ID_TEXT = MANAGEMENT_CANISTER_ID.toText();

export interface IngressRequest {
  readonly sender: string;
  readonly receiver: string;
  readonly method: string;
  readonly arg: Uint8Array;
}

/** Submits an update call; returns its message id. A refused call completes at once with a reject. */
export function submitIngress(state: SubnetState, request: IngressRequest): number {
  const id = state.nextMessageId++;
  const isManagement = request.receiver === MANAGEMENT_ID_TEXT;
  const tooLarge = oversizedIngress(state, id, request);
  const target = isManagement && !tooLarge ? managementIngressTarget(state, request.sender, request.method, request.arg) : null;
  const record: IngressRecord = {
    id,
    sender: request.sender,
    receiver: request.receiver,
    method: request.method,
    arg: request.arg,
    effectiveCanister: target?.ok ? target.canister : null,
    submittedRound: state.round,
    completedRound: null,
    status: 'received',
    reply: null,
    reject: null,
  };
  state.ingress.set(id, record);
  emit(state, { round: state.round, kind: 'ingress_submitted', messageId: id, from: request.sender, to: request.receiver, method: request.method, argBytes: request.arg.length });
  const refusal = tooLarge ?? (target ? (target.ok ? null : target.reject) : checkCanisterIngress(state, record));
  if (refusal) {
    emit(state, { round: state.round, kind: 'ingress_refused', messageId: id, rejectCode: refusal.rejectCode, errorCode: refusal.errorCode, message: refusal.message });
    completeIngress(state, record, { type: 'reject', reject: refusal });
    return id;
  }
  state.pendingIngress.push(id);
  return id;
}

/**
 * A request over the subnet's ingress limit (2 MiB, ic-reference.md §6.3) is refused before anything else looks at
 * it, in the replica's words (`http_endpoints/public/src/call.rs`: HTTP 413 Payload Too Large). That refusal is an
 * HTTP status, not a reject: it is shown as SYS_FATAL with no error code. The bytes counted are the method name and
 * the argument, as for the induction fee (`ingressMessageCost`); the replica counts the whole signed request, a few
 * hundred bytes more. A module too large for `install_code` goes in chunks instead (`install_chunked_code`, §12).
 */
function oversizedIngress(state: SubnetState, id: number, request: IngressRequest): Reject | null {
  const bytes = BigInt(request.arg.length + utf8Length(request.method));
  const max = state.config.params.maxIngressBytes;
  if (bytes <= max) return null;
  return {
    rejectCode: RejectCode.SYS_FATAL, errorCode: null,
    message: `Request ${id} is too large. Message byte size ${bytes} is larger than the max allowed ${max}.`,
  };
}

/** Rejects a canister can cause before it accepts an ingress message (ic-reference.md §3.3, §3.6). */
export function canisterAvailability(state: SubnetState, canisterId: string): Reject | null {
  const canister = findCanister(state, canisterId);
  if (!canister) return systemReject(ErrorCode.CanisterNotFound, `Canister ${canisterId} not found`);
  if (!canister.runtime) {
    return canisterError(canisterId, ErrorCode.CanisterWasmModuleNotFound, 'Attempted to execute a message, but the canister contains no Wasm module.');
  }
  if (canister.status === 'stopped') return canisterError(canisterId, ErrorCode.CanisterStopped, `Canister ${canisterId} is stopped and therefore does not have a CallContextManager`);
  if (canister.status === 'stopping') return canisterError(canisterId, ErrorCode.CanisterStopping, `Canister ${canisterId} is stopping`);
  if (isFrozen(state, canister)) return outOfCycles(state, canister, 0n);
  return null;
}

/** IC0207 in the replica's words, naming how many cycles are missing. */
export function outOfCycles(state: SubnetState, canister: CanisterState, needed: bigint): Reject {
  const limit = canisterFreezingLimit(state, canister);
  const missing = limit + needed - canister.cycles;
  return systemReject(
    ErrorCode.CanisterOutOfCycles,
    `Canister ${canister.id} is out of cycles: please top up the canister with at least ${missing > 0n ? missing : 0n} additional cycles`,
  );
}

function checkCanisterIngress(state: SubnetState, record: IngressRecord): Reject | null {
  const unavailable = canisterAvailability(state, record.receiver);
  if (unavailable) return unavailable;
  const canister = findCanister(state, record.receiver)!;
  return runInspectMessage(state, canister, record);
}

/** Runs `canister_inspect_message` when exported; the ingress is refused unless it accepts (§3.3). */
function runInspectMessage(state: SubnetState, canister: CanisterState, record: IngressRecord): Reject | null {
  const rt = canister.runtime!;
  if (!rt.prepared.info.hasInspectMessage) return null;
  const p = state.config.params;
  const ctx = buildContext(state, canister, {
    api: 'inspect_message',
    caller: record.sender,
    arg: record.arg,
    methodName: record.method,
    instructionLimit: p.maxInstructionsPerInspectMessage,
    stableAccessLimitBytes: p.stableDirtyBytesPerQuery,
  });
  const instance = canister.paused ? rt.forkCommitted() : rt;
  const outcome = executeAtomically(instance, 'canister_inspect_message', ctx, p.maxInstructionsPerInspectMessage, state.round, true);
  recordExecution(state, canister, 'canister_inspect_message', record.sender, record.id, outcome);
  if (outcome.trap) return canisterError(canister.id, outcome.trap.code, outcome.trap.message);
  if (!ctx.messageAccepted) {
    return canisterError(canister.id, ErrorCode.CanisterRejectedMessage, 'Canister rejected the message');
  }
  return null;
}

/** Moves submitted ingress into the subnet: canister messages to their queue, management ones to the subnet queue. */
export function inductIngress(state: SubnetState): void {
  const pending = state.pendingIngress;
  state.pendingIngress = [];
  for (const id of pending) {
    const record = state.ingress.get(id)!;
    const payer = record.effectiveCanister ?? record.receiver;
    const canister = findCanister(state, payer);
    const refusal = record.effectiveCanister
      ? (canister ? null : systemReject(ErrorCode.CanisterNotFound, `Canister ${payer} not found`))
      : canisterAvailability(state, payer);
    if (refusal || !canister) {
      completeIngress(state, record, { type: 'reject', reject: refusal! });
      continue;
    }
    const fee = ingressMessageCost(state.config, record.method, record.arg.length);
    // update_settings is charged after it applies, so a too-high freezing threshold can be fixed (§5.2).
    const deferFee = record.effectiveCanister !== null && record.method === 'update_settings';
    if (!deferFee && canister.cycles - fee < (record.effectiveCanister ? 0n : canisterFreezingLimit(state, canister))) {
      completeIngress(state, record, { type: 'reject', reject: outOfCycles(state, canister, fee) });
      continue;
    }
    if (!deferFee) charge(state, canister, 'ingress_induction', fee);
    emit(state, { round: state.round, kind: 'ingress_inducted', messageId: id, canister: canister.id });
    if (record.effectiveCanister) state.subnetQueue.push({ type: 'ingress', messageId: id });
    else canister.inputQueue.push({ type: 'ingress', messageId: id });
  }
}

export type IngressResponse = { type: 'reply'; data: Uint8Array } | { type: 'reject'; reject: Reject };

export function completeIngress(state: SubnetState, record: IngressRecord, response: IngressResponse): void {
  record.completedRound = state.round;
  if (response.type === 'reply') {
    record.status = 'replied';
    record.reply = response.data;
  } else {
    record.status = 'rejected';
    record.reject = truncateReject(state, response.reject);
  }
  emit(state, {
    round: state.round,
    kind: 'ingress_completed',
    messageId: record.id,
    response: response.type === 'reply'
      ? { type: 'reply', bytes: response.data.length }
      : { type: 'reject', rejectCode: record.reject!.rejectCode, errorCode: record.reject!.errorCode, message: record.reject!.message },
  });
}

/** Reject messages are truncated to 8 KiB (ic-reference.md §3.6). */
function truncateReject(state: SubnetState, reject: Reject): Reject {
  const max = Number(state.config.params.maxRejectMessageBytes);
  if (utf8Length(reject.message) <= max) return reject;
  const bytes = utf8Bytes(reject.message);
  return { ...reject, message: new TextDecoder().decode(bytes.subarray(0, max)) };
}
