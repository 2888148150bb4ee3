/**
 * Load shedding of bounded-wait ("best-effort") messages (ic-reference.md §3.7, §6.2 "Subnet message memory"): the
 * subnet holds at most `subnetBestEffortMessageMemoryBytes` of them (5 GiB, EECFG
 * `SUBNET_BEST_EFFORT_MESSAGE_MEMORY_CAPACITY`: "the constraint is restored at the end of the round by shedding
 * messages"). At a round's end, while the messages waiting in canisters' queues take more, the replica takes the
 * canister holding the most and drops its largest (SCHED, message_pool `shed_largest_message`, ties by age):
 * - a request is dropped unexecuted, the cycles it carried back to its caller (the refund pool); its caller's
 *   callback waits for its deadline, as for any request the system dropped;
 * - a response is replaced by a compact reject, SYS_UNKNOWN "Response was dropped." (`CanisterInput::ResponseDropped`),
 *   and the cycles it refunded are credited to the caller.
 * A message is counted by its payload and method name (the replica also counts its fixed header).
 */
import { RejectCode } from '../errors.ts';
import type { CanisterInput } from '../messaging/messages.ts';
import { utf8Length } from '../utf8Length.ts';
import type { CanisterState } from '../canister/canisterState.ts';
import { emit } from './canisterOps.ts';
import { returnRequestCycles } from './routeMessages.ts';
import type { SubnetState } from './subnetState.ts';

export const RESPONSE_DROPPED = 'Response was dropped.';

/** Bytes a queued best-effort message takes, or 0 for one that is not best-effort (or the system's own reject). */
function bestEffortBytes(input: CanisterInput): number {
  if (input.type === 'request') {
    return input.request.deadlineNs === 0n ? 0 : input.request.payload.length + utf8Length(input.request.method);
  }
  if (input.type !== 'response' || input.response.deadlineNs === 0n || input.response.synthetic) return 0;
  const body = input.response.body;
  return body.type === 'reply' ? body.data.length : utf8Length(body.reject.message);
}

function usageOf(canister: CanisterState): number {
  let bytes = 0;
  for (const input of canister.inputQueue) bytes += bestEffortBytes(input);
  return bytes;
}

export function shedBestEffortMessages(state: SubnetState): void {
  const capacity = Number(state.config.params.subnetBestEffortMessageMemoryBytes);
  const usage = new Map<CanisterState, number>();
  let total = 0;
  for (const canister of state.canisters.values()) {
    if (canister.deleted) continue;
    const bytes = usageOf(canister);
    if (bytes > 0) usage.set(canister, bytes);
    total += bytes;
  }
  while (total > capacity && usage.size > 0) {
    let holder: CanisterState | null = null;
    for (const [canister, bytes] of usage) if (holder === null || bytes > usage.get(holder)!) holder = canister;
    let largest = -1;
    for (let i = 0; i < holder!.inputQueue.length; i++) {
      if (largest < 0 ? bestEffortBytes(holder!.inputQueue[i]) > 0 : bestEffortBytes(holder!.inputQueue[i]) > bestEffortBytes(holder!.inputQueue[largest])) largest = i;
    }
    const bytes = bestEffortBytes(holder!.inputQueue[largest]);
    shed(state, holder!, largest, bytes);
    total -= bytes;
    const left = usage.get(holder!)! - bytes;
    if (left > 0) usage.set(holder!, left);
    else usage.delete(holder!);
  }
}

function shed(state: SubnetState, holder: CanisterState, at: number, bytes: number): void {
  const input = holder.inputQueue[at];
  if (input.type === 'request') {
    const { request } = input;
    holder.inputQueue.splice(at, 1);
    returnRequestCycles(state, request);
    emit(state, { round: state.round, kind: 'message_shed', canister: holder.id, requestId: request.id, message: 'request', bytes, refund: request.cycles });
    return;
  }
  if (input.type !== 'response') return;
  const { response } = input;
  holder.cycles += response.refund;
  // Answered now: its deadline must not bring a second answer (expireCalls skips a timed-out callback).
  const callback = holder.callbacks.get(response.callbackId);
  if (callback) callback.timedOut = true;
  holder.inputQueue[at] = {
    type: 'response',
    response: {
      ...response, refund: 0n, synthetic: true,
      body: { type: 'reject', reject: { rejectCode: RejectCode.SYS_UNKNOWN, errorCode: null, message: RESPONSE_DROPPED } },
    },
  };
  emit(state, { round: state.round, kind: 'message_shed', canister: holder.id, requestId: response.requestId, message: 'response', bytes, refund: response.refund });
}
