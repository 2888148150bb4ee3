/**
 * Routing (ic-reference.md §3, §7.1; DESIGN.md "Rounds"): requests and responses are moved into their receivers'
 * queues at the start of a round, and those between canisters of the subnet also between the round's iterations,
 * in the order they were produced, so requests between
 * a pair of canisters execute in the order sent (§3 "Ordering"). A request to a canister that does not exist is
 * answered by the system with DESTINATION_INVALID (IC0301). Bounded-wait calls past their deadline are answered
 * with SYS_UNKNOWN (§3.7). A request to a canister whose queue from its sender is full (`queueCapacity`, §6.3)
 * waits in the outbox between iterations (the replica leaves it in the output queue) and is answered SYS_TRANSIENT
 * (IC0201) at a round's start (message routing's stream handler, `RejectReason::QueueFull`).
 */
import { ErrorCode, RejectCode, systemReject } from '../errors.ts';
import type { Request, Response } from '../messaging/messages.ts';
import type { CanisterState } from '../canister/canisterState.ts';
import { emit, findCanister } from './canisterOps.ts';
import { deadlineExpired } from './callDeadline.ts';
import { MANAGEMENT_ID_TEXT } from './ingress.ts';
import type { SubnetState } from './subnetState.ts';

export function routeMessages(state: SubnetState): void {
  const outbox = state.outbox;
  state.outbox = [];
  for (const item of outbox) {
    if (item.type === 'request') routeRequest(state, item.request, 'reject');
    else routeResponse(state, item.response);
  }
}

/**
 * Between a round's iterations (SCHED `induct_messages_on_same_subnet`, ic-reference.md §7.1): only requests and
 * responses between canisters of the subnet (a canister's calls to itself included) are inducted. Messages to or
 * from the management canister, and to a canister that does not exist, "take the slow path through message
 * routing": they stay for the next round's start.
 */
export function inductMessagesOnSameSubnet(state: SubnetState): void {
  const outbox = state.outbox;
  state.outbox = [];
  for (const item of outbox) {
    const local = item.type === 'request'
      ? item.request.receiver !== MANAGEMENT_ID_TEXT && findCanister(state, item.request.receiver) !== null
      : item.response.sender !== MANAGEMENT_ID_TEXT && findCanister(state, item.response.receiver) !== null;
    if (!local) state.outbox.push(item);
    else if (item.type === 'request') {
      if (!routeRequest(state, item.request, 'wait')) state.outbox.push(item);
    } else routeResponse(state, item.response);
  }
}

/** Routes a request; false when its callee's queue is full and `whenFull` is 'wait' (the request is not taken). */
function routeRequest(state: SubnetState, request: Request, whenFull: 'wait' | 'reject'): boolean {
  if (request.receiver === MANAGEMENT_ID_TEXT) {
    state.subnetQueue.push({ type: 'request', request });
    emit(state, { round: state.round, kind: 'request_delivered', requestId: request.id, to: request.receiver });
    return true;
  }
  const callee = findCanister(state, request.receiver);
  if (!callee) {
    systemAnswer(state, request, systemReject(ErrorCode.CanisterNotFound, `Canister ${request.receiver} not found`));
    return true;
  }
  const capacity = Number(state.liveParams.queueCapacity);
  if (queueFull(callee, request.sender, capacity)) {
    if (whenFull === 'wait') return false;
    // The replica's text of `StateError::QueueFull`.
    systemAnswer(state, request, systemReject(ErrorCode.CanisterQueueFull, `Maximum queue capacity ${capacity} reached`));
    return true;
  }
  callee.inputQueue.push({ type: 'request', request });
  emit(state, { round: state.round, kind: 'request_delivered', requestId: request.id, to: callee.id });
  return true;
}

/** Whether `callee` holds `capacity` requests from `sender` already; counted only when its queue is that long. */
function queueFull(callee: CanisterState, sender: string, capacity: number): boolean {
  if (callee.inputQueue.length < capacity) return false;
  let waiting = 0;
  for (const input of callee.inputQueue) if (input.type === 'request' && input.request.sender === sender) waiting++;
  return waiting >= capacity;
}

function routeResponse(state: SubnetState, response: Response): void {
  const caller = findCanister(state, response.receiver);
  if (!caller) {
    // Nobody to give the refund to: the cycles are gone with the canister.
    state.totals.cyclesBurned += response.refund;
    return;
  }
  caller.inputQueue.push({ type: 'response', response });
}

/** A response the system makes on the callee's behalf, with the attached cycles refunded. */
export function systemAnswer(state: SubnetState, request: Request, reject: ReturnType<typeof systemReject>): void {
  const response: Response = {
    requestId: request.id, sender: request.receiver, receiver: request.sender, callbackId: request.callbackId,
    body: { type: 'reject', reject }, refund: request.cycles, deadlineNs: request.deadlineNs,
  };
  state.outbox.push({ type: 'response', response });
  emit(state, {
    round: state.round,
    kind: 'response_sent', requestId: request.id, from: request.receiver, to: request.sender, refund: request.cycles,
    response: { type: 'reject', rejectCode: reject.rejectCode, errorCode: reject.errorCode, message: reject.message },
  });
}

/**
 * At a round's start, bounded-wait calls past their deadline (ic-reference.md §3.7, `callDeadline.ts`):
 * - a request still waiting in its callee's queue is dropped, and the cycles it carried go back to its caller
 *   (replicated_state `time_out_messages`: expired best-effort messages are dropped and their cycles refunded through
 *   the refund pool);
 * - a call still waiting for its response is answered by the system with SYS_UNKNOWN (6), "Call deadline has
 *   expired.", refunding nothing (system_state `time_out_callbacks`, `deadline_expired_response`: "No refund in
 *   deadline expired reject"); a real response arriving later is dropped (`executeResponse`).
 */
export function expireCalls(state: SubnetState): void {
  for (const canister of state.canisters.values()) {
    if (canister.deleted) continue;
    dropExpiredRequests(state, canister);
  }
  for (const canister of state.canisters.values()) {
    if (canister.deleted) continue;
    for (const callback of canister.callbacks.values()) {
      if (callback.timedOut || !deadlineExpired(callback.deadlineNs, state.timeNs)) continue;
      callback.timedOut = true;
      canister.inputQueue.push({
        type: 'response',
        response: {
          requestId: callback.requestId, sender: callback.callee, receiver: canister.id, callbackId: callback.id,
          body: { type: 'reject', reject: { rejectCode: RejectCode.SYS_UNKNOWN, errorCode: null, message: DEADLINE_EXPIRED } },
          refund: 0n, deadlineNs: callback.deadlineNs, synthetic: true,
        },
      });
      emit(state, { round: state.round, kind: 'call_timed_out', requestId: callback.requestId, canister: canister.id });
    }
  }
}

/** The replica's text of the system's SYS_UNKNOWN answer (system_state `deadline_expired_response`). */
export const DEADLINE_EXPIRED = 'Call deadline has expired.';

/**
 * A bounded-wait request dropped without an answer (expired or shed, §3.7): the cycles it carried go back to its
 * caller (the replica's refund pool), or are gone with a caller that is gone.
 */
export function returnRequestCycles(state: SubnetState, request: Request): void {
  const caller = findCanister(state, request.sender);
  if (caller) caller.cycles += request.cycles;
  else state.totals.cyclesBurned += request.cycles;
}

function dropExpiredRequests(state: SubnetState, canister: CanisterState): void {
  if (!canister.inputQueue.some((input) => input.type === 'request' && deadlineExpired(input.request.deadlineNs, state.timeNs))) return;
  canister.inputQueue = canister.inputQueue.filter((input) => {
    if (input.type !== 'request' || !deadlineExpired(input.request.deadlineNs, state.timeNs)) return true;
    const request = input.request;
    returnRequestCycles(state, request);
    emit(state, { round: state.round, kind: 'request_expired', requestId: request.id, canister: canister.id, refund: request.cycles });
    return false;
  });
}
