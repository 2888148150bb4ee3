/**
 * The management canister's turn in a round: each queued call (a user's ingress or a canister's request)
 * runs its method; the answer goes back to an ingress message or as a response to the calling canister with
 * the cycles the method did not keep (ic-reference.md §4).
 */
import { ingressMessageCost } from '../cycles/fees.ts';
import { executeManagementMethod, type ManagementResponse } from '../management/managementMethods.ts';
import type { ResponseBody } from '../messaging/messages.ts';
import { effectiveCanisterOf } from '../management/managementIngress.ts';
import { charge, emit, findCanister } from './canisterOps.ts';
import { completeIngress, MANAGEMENT_ID_TEXT } from './ingress.ts';
import type { ManagementReplyTo, SubnetState } from './subnetState.ts';

export function executeSubnetMessages(state: SubnetState): void {
  const queue = state.subnetQueue;
  state.subnetQueue = [];
  for (const item of queue) {
    // Management calls about a canister in the middle of a long message wait for it to finish (§4.2, SCHED).
    const target = findCanister(state, targetOf(state, item) ?? '');
    if (target?.paused) {
      state.subnetQueue.push(item);
      continue;
    }
    if (item.type === 'ingress') {
      const record = state.ingress.get(item.messageId)!;
      emit(state, { round: state.round, kind: 'management_call', method: record.method, caller: record.sender, canister: record.effectiveCanister, messageId: record.id });
      const response = executeManagementMethod(state, record.method, { sender: record.sender, arg: record.arg, replyTo: item, cycles: 0n });
      chargeDeferredIngressFee(state, record.method, record.effectiveCanister, record.arg.length);
      answerManagementCall(state, item, response);
    } else {
      const { request } = item;
      emit(state, { round: state.round, kind: 'management_call', method: request.method, caller: request.sender, canister: null, messageId: null });
      const replyTo: ManagementReplyTo = { type: 'request', request };
      answerManagementCall(state, replyTo, executeManagementMethod(state, request.method, {
        sender: request.sender, arg: request.payload, replyTo, cycles: request.cycles,
      }));
    }
  }
}

/** The canister a management call is about, when its argument names one. */
function targetOf(state: SubnetState, item: SubnetState['subnetQueue'][number]): string | null {
  if (item.type === 'ingress') return state.ingress.get(item.messageId)!.effectiveCanister;
  const decoded = effectiveCanisterOf(item.request.payload, item.request.method);
  return decoded.ok ? decoded.canister : null;
}

/** update_settings ingress is charged after it applies, so a too-high freezing threshold can be fixed (§5.2). */
function chargeDeferredIngressFee(state: SubnetState, method: string, canisterId: string | null, argBytes: number): void {
  const payer = canisterId ? findCanister(state, canisterId) : null;
  if (method !== 'update_settings' || !payer) return;
  const fee = ingressMessageCost(state.config, method, argBytes);
  charge(state, payer, 'ingress_induction', fee < payer.cycles ? fee : payer.cycles);
}

export function answerManagementCall(state: SubnetState, replyTo: ManagementReplyTo, response: ManagementResponse): void {
  if (response.type === 'pending') return;
  const body: ResponseBody = response.type === 'reply' ? { type: 'reply', data: response.data } : { type: 'reject', reject: response.reject };
  if (replyTo.type === 'ingress') {
    const record = state.ingress.get(replyTo.messageId);
    if (record && record.completedRound === null) completeIngress(state, record, body);
    return;
  }
  const request = replyTo.request;
  const refund = request.cycles - (response.type === 'reply' ? response.cyclesKept ?? 0n : 0n);
  state.outbox.push({
    type: 'response',
    response: { requestId: request.id, sender: MANAGEMENT_ID_TEXT, receiver: request.sender, callbackId: request.callbackId, body, refund, deadlineNs: request.deadlineNs },
  });
  emit(state, {
    round: state.round,
    kind: 'response_sent', requestId: request.id, from: MANAGEMENT_ID_TEXT, to: request.sender, refund,
    response: body.type === 'reply'
      ? { type: 'reply', bytes: body.data.length }
      : { type: 'reject', rejectCode: body.reject.rejectCode, errorCode: body.reject.errorCode, message: body.reject.message },
  });
}
