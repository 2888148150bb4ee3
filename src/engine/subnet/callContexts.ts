/**
 * Call contexts and responses (ic-reference.md §3.1, §3.5): opening a context for an incoming message,
 * answering it exactly once (to an ingress message, or with a response to the calling canister), and
 * closing it once it needs no answer and waits for no callback.
 */
import type { CanisterState } from '../canister/canisterState.ts';
import type { CallContext, CallOrigin, ResponseBody } from '../messaging/messages.ts';
import { completeIngress } from './ingress.ts';
import { emit } from './canisterOps.ts';
import type { SubnetState } from './subnetState.ts';

export function openCallContext(canister: CanisterState, origin: CallOrigin, cycles: bigint): CallContext {
  const context: CallContext = {
    id: canister.nextCallContextId++,
    origin,
    needsToRespond: origin.type !== 'system',
    deleted: false,
    availableCycles: cycles,
    instructions: 0n,
    outstandingCalls: 0,
  };
  canister.callContexts.set(context.id, context);
  return context;
}

export function hasOutstandingCalls(context: CallContext): boolean {
  return context.outstandingCalls > 0;
}

/** Answers a context; its unaccepted cycles go back with the answer (§1.2 `msg_reply`). */
export function respond(state: SubnetState, canister: CanisterState, context: CallContext, body: ResponseBody): void {
  if (!context.needsToRespond) return;
  context.needsToRespond = false;
  const refund = context.availableCycles;
  context.availableCycles = 0n;
  const origin = context.origin;
  if (origin.type === 'ingress') {
    const record = state.ingress.get(origin.messageId)!;
    completeIngress(state, record, body.type === 'reply' ? body : { type: 'reject', reject: body.reject });
    return;
  }
  if (origin.type === 'canister') {
    const request = origin.request;
    state.outbox.push({
      type: 'response',
      response: { requestId: request.id, sender: canister.id, receiver: request.sender, callbackId: request.callbackId, body, refund, deadlineNs: request.deadlineNs },
    });
    emit(state, {
      round: state.round,
      kind: 'response_sent', requestId: request.id, from: canister.id, to: request.sender, refund,
      response: body.type === 'reply'
        ? { type: 'reply', bytes: body.data.length }
        : { type: 'reject', rejectCode: body.reject.rejectCode, errorCode: body.reject.errorCode, message: body.reject.message },
    });
  }
}

/** Closes the context when it is done: answered (or never needing an answer) and no call outstanding. */
export function closeIfDone(canister: CanisterState, context: CallContext): void {
  if (!context.needsToRespond && !hasOutstandingCalls(context)) canister.callContexts.delete(context.id);
}
