/**
 * What happens after an execution inside a call context (ic-reference.md §3.4–3.5): a committed execution
 * applies its system changes, sends the calls it performed (paying their fees and reservations, §5.4) and
 * answers its context if it replied; a trap sends nothing. Either way, a context that still needs an answer
 * and waits for no call gets the system's reject: the trap's error, or IC0506 "did not reply".
 */
import type { CanisterState } from '../canister/canisterState.ts';
import { ErrorCode, errorCodeText, type TrapSignal } from '../errors.ts';
import type { ExecutionContext } from '../execution/executionContext.ts';
import type { CallContext } from '../messaging/messages.ts';
import { canisterError, charge, emit, principalText } from './canisterOps.ts';
import { closeIfDone, hasOutstandingCalls, respond } from './callContexts.ts';
import { applySystemChanges } from './executionHelpers.ts';
import type { SubnetState } from './subnetState.ts';
import { callDeadlineNs } from './callDeadline.ts';


export interface FinishOptions {
  /** False for replicated queries: only cycles changes are kept (§3.2). */
  readonly keepState: boolean;
  readonly trap: TrapSignal | null;
}

export function finishExecution(state: SubnetState, canister: CanisterState, context: CallContext, ctx: ExecutionContext, options: FinishOptions): void {
  if (!options.trap) {
    applySystemChanges(state, canister, ctx, options.keepState);
    context.availableCycles -= ctx.cyclesAccepted;
    if (options.keepState) sendCalls(state, canister, context, ctx);
    if (ctx.response) {
      respond(state, canister, context, ctx.response.type === 'reply'
        ? { type: 'reply', data: ctx.response.data }
        : { type: 'reject', reject: { rejectCode: 4, errorCode: errorCodeText(ErrorCode.CanisterRejectedMessage), message: ctx.response.message } });
    }
  }
  if (context.needsToRespond && !hasOutstandingCalls(context)) {
    const reject = options.trap
      ? canisterError(canister.id, options.trap.code, options.trap.message)
      : canisterError(canister.id, ErrorCode.CanisterDidNotReply, 'Canister did not reply to the call');
    respond(state, canister, context, { type: 'reject', reject });
  }
  closeIfDone(canister, context);
}

/** Turns performed calls into callbacks and requests; the caller pays fees and reserves (§5.4). */
function sendCalls(state: SubnetState, canister: CanisterState, context: CallContext, ctx: ExecutionContext): void {
  for (const call of ctx.performedCalls) {
    const requestId = state.nextRequestId++;
    const callbackId = canister.nextCallbackId++;
    const receiver = principalText(call.callee);
    const deadlineNs = call.timeoutSeconds === null ? 0n : callDeadlineNs(state.timeNs, call.timeoutSeconds);
    charge(state, canister, 'call', call.transmissionFee);
    const reserved = call.replyReservation + call.executionReservation;
    canister.cycles -= reserved + call.cycles;
    context.outstandingCalls++;
    if (deadlineNs !== 0n) canister.boundedWaitCallbacks++;
    canister.callbacksByCallee.set(receiver, (canister.callbacksByCallee.get(receiver) ?? 0) + 1);
    canister.callbacks.set(callbackId, {
      id: callbackId, callContextId: context.id, requestId, callee: receiver, method: call.method,
      reply: call.reply, reject: call.reject, cleanup: call.cleanup, cyclesSent: call.cycles,
      replyReservation: call.replyReservation, executionReservation: call.executionReservation, deadlineNs, timedOut: false,
    });
    const request = { id: requestId, sender: canister.id, receiver, method: call.method, payload: call.payload, cycles: call.cycles, callbackId, deadlineNs };
    state.outbox.push({ type: 'request', request });
    emit(state, {
      round: state.round,
      kind: 'request_sent', requestId, from: canister.id, to: receiver, method: call.method, bytes: call.payload.length,
      cycles: call.cycles, deadlineNs, fee: call.transmissionFee, reserved,
    });
  }
}

