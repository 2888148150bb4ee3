/**
 * One round of the subnet (DESIGN.md "Rounds"; ic-reference.md §6.1, §7, §7.1): route what earlier rounds left in
 * flight, induct ingress, then run **iterations** until nothing is left to do or the round's instruction budget is
 * spent — each executes management-canister messages, then the canisters (heartbeats and due timers in the first
 * iteration only), then inducts the requests and responses the iteration produced between canisters of the subnet,
 * so a call, its execution, the reply and the callback can all happen in one round (§7.1, SCHED `inner_round`);
 * calls to the management canister and its answers wait for the next round's start. Then paused long executions are
 * aborted where the round calls for it (a checkpoint, too many paused: §7.7), stops are completed, periodic fees
 * charged, and time advances by one round.
 */
import { idleCost } from '../cycles/fees.ts';
import { memoryUsage, messageMemoryUsage, type CanisterState } from '../canister/canisterState.ts';
import { uninstallCode } from '../management/uninstallCode.ts';
import { EMPTY_REPLY } from '../management/managementCandid.ts';
import type { CanisterInput } from '../messaging/messages.ts';
import { canisterFreezingLimit, charge, emit, isFrozen, setStatus } from './canisterOps.ts';
import { completeIngress, inductIngress } from './ingress.ts';
import { executeCall } from './executeCall.ts';
import { executeResponse } from './executeResponse.ts';
import { answerManagementCall, executeSubnetMessages } from './executeSubnetMessages.ts';
import { expireCalls, inductMessagesOnSameSubnet, routeMessages, systemAnswer } from './routeMessages.ts';
import { abortPausedExecutions, continuePaused } from './longExecution.ts';
import { shedBestEffortMessages } from './shedMessages.ts';
import { executeDueTasks, hasDueTasks } from './executeSystemTask.ts';
import type { SubnetState } from './subnetState.ts';

const NS_PER_SECOND = 1_000_000_000n;

export function executeRound(state: SubnetState): void {
  state.round++;
  emit(state, { round: state.round, kind: 'round_started', timeNs: state.timeNs });
  const before = { instructions: state.totals.instructions, executions: state.totals.executions };
  routeMessages(state);
  expireCalls(state);
  inductIngress(state);
  executeIterations(state);
  abortPausedExecutions(state, executionOrder(state));
  completeStops(state);
  deliverDeferredResponses(state);
  shedBestEffortMessages(state);
  chargeForResources(state);
  noteFreezing(state);
  emit(state, {
    round: state.round,
    kind: 'round_finished',
    instructions: state.totals.instructions - before.instructions,
    executions: state.totals.executions - before.executions,
    balances: [...state.canisters.values()].filter((c) => !c.deleted)
      .map((c) => ({ canister: c.id, cycles: c.cycles, freezingLimit: canisterFreezingLimit(state, c) })),
  });
  state.timeNs += state.config.params.roundDurationNs;
}

/**
 * The round's iterations (SCHED `inner_round`, ic-reference.md §7.1). Each thread's share of an iteration is the
 * budget left in the round (4 B, ÷1,000 in classroom, §6.1); an iteration costs the round what its busiest thread
 * used plus a finalization overhead per canister on the subnet. The loop ends when an iteration executed nothing
 * on the canisters or the budget is spent; what the last iteration produced is routed at the next round's start.
 */
function executeIterations(state: SubnetState): void {
  const p = state.config.params;
  let left = p.maxInstructionsPerRound;
  for (let iteration = 1; ; iteration++) {
    // The replica tries an iteration and finds nothing to schedule; the trace marks the iterations that ran.
    if (state.subnetQueue.length === 0 && !executionOrder(state).some((c) => hasWork(state, c, iteration === 1))) return;
    emit(state, { round: state.round, kind: 'iteration_started', iteration });
    executeSubnetMessages(state);
    if (left <= 0n) return;
    const used = executeCanisters(state, left, iteration === 1);
    if (used === 0n) return;
    const live = [...state.canisters.values()].filter((c) => !c.deleted).length;
    left -= used + p.instructionOverheadPerCanisterForFinalization * BigInt(live);
    if (left <= 0n) return;
    inductMessagesOnSameSubnet(state);
  }
}

/** Canisters in creation order, rotated by one each round so no canister is always first. */
export function executionOrder(state: SubnetState): CanisterState[] {
  const live = [...state.canisters.values()].filter((c) => !c.deleted);
  if (live.length === 0) return live;
  const start = state.round % live.length;
  return [...live.slice(start), ...live.slice(0, start)];
}

/** Whether a canister has anything to run in this iteration: input, a slice to continue, or (first) a task due. */
function hasWork(state: SubnetState, canister: CanisterState, firstIteration: boolean): boolean {
  if (canister.paused) return canister.paused.lastSliceRound !== state.round;
  return canister.inputQueue.length > 0 || (firstIteration && hasDueTasks(state, canister));
}

/**
 * Canisters with work are dealt round-robin to the execution threads (4 on the replica, §6.1; SCHED
 * `partition_canisters_to_cores`); each thread executes its canisters in turn until `budget` is spent, each
 * execution and each canister counting an overhead toward it (§6.1). Returns what the busiest thread used.
 */
function executeCanisters(state: SubnetState, budget: bigint, firstIteration: boolean): bigint {
  const p = state.config.params;
  const threads = Number(p.executionThreads > 0n ? p.executionThreads : 1n);
  const threadUsed = new Array<bigint>(threads).fill(0n);
  executionOrder(state).filter((c) => hasWork(state, c, firstIteration)).forEach((canister, i) => {
    const thread = i % threads;
    if (threadUsed[thread] >= budget) return;
    threadUsed[thread] += p.instructionOverheadPerCanister + executeCanister(state, canister, budget - threadUsed[thread], firstIteration);
  });
  return threadUsed.reduce((max, used) => (used > max ? used : max), 0n);
}

function executeCanister(state: SubnetState, canister: CanisterState, budget: bigint, firstIteration: boolean): bigint {
  if (canister.paused) return continuePaused(state, canister);
  const overhead = state.config.params.instructionOverheadPerExecution;
  let used = firstIteration ? executeDueTasks(state, canister, overhead) : 0n;
  let next = 0;
  const queue = canister.inputQueue;
  while (next < queue.length && used < budget && !canister.deleted && !canister.paused) {
    used += overhead + executeInput(state, canister, queue[next++]);
  }
  queue.splice(0, next);
  return used;
}

function executeInput(state: SubnetState, canister: CanisterState, input: CanisterInput): bigint {
  if (input.type === 'response') return executeResponse(state, canister, input.response);
  if (input.type === 'ingress') {
    const record = state.ingress.get(input.messageId)!;
    const result = executeCall(state, canister, {
      origin: { type: 'ingress', messageId: record.id, caller: record.sender },
      caller: record.sender, method: record.method, arg: record.arg, cycles: 0n, deadlineNs: 0n, messageId: record.id,
    });
    if (typeof result === 'bigint') return result;
    completeIngress(state, record, { type: 'reject', reject: result.reject });
    return 0n;
  }
  const { request } = input;
  const result = executeCall(state, canister, {
    origin: { type: 'canister', request },
    caller: request.sender, method: request.method, arg: request.payload, cycles: request.cycles,
    deadlineNs: request.deadlineNs, messageId: null,
  });
  if (typeof result === 'bigint') return result;
  systemAnswer(state, request, result.reject);
  return 0n;
}

/** A stopping canister with no open call contexts becomes stopped; its stop_canister calls are answered (§3.8). */
function completeStops(state: SubnetState): void {
  for (const canister of state.canisters.values()) {
    if (canister.deleted || canister.status !== 'stopping' || canister.callContexts.size > 0) continue;
    setStatus(state, canister, 'stopped');
    for (const replyTo of canister.pendingStops.splice(0)) {
      state.deferredResponses.push({ replyTo, response: { type: 'reply', data: EMPTY_REPLY } });
    }
  }
}

function deliverDeferredResponses(state: SubnetState): void {
  for (const { replyTo, response } of state.deferredResponses.splice(0)) answerManagementCall(state, replyTo, response);
}

/** Emits `frozen_changed` when a canister's balance crosses its freezing limit either way (§5.2, §5.5). */
export function noteFreezing(state: SubnetState): void {
  for (const canister of state.canisters.values()) {
    if (canister.deleted) continue;
    const frozen = isFrozen(state, canister);
    if (frozen === canister.frozen) continue;
    canister.frozen = frozen;
    emit(state, { round: state.round, kind: 'frozen_changed', canister: canister.id, frozen, cycles: canister.cycles, freezingLimit: canisterFreezingLimit(state, canister) });
  }
}

/**
 * Every `allocationChargeIntervalSeconds` of simulated time each canister pays for its storage and compute
 * allocation, down to zero; a canister left with nothing is uninstalled (ic-reference.md §5.5, §3.9).
 */
export function chargeForResources(state: SubnetState): void {
  const interval = state.config.params.allocationChargeIntervalSeconds * NS_PER_SECOND;
  for (const canister of state.canisters.values()) {
    if (canister.deleted) continue;
    const elapsed = state.timeNs - canister.chargedUntilNs;
    if (elapsed < interval) continue;
    canister.chargedUntilNs = state.timeNs;
    const usage = {
      memoryBytes: memoryUsage(canister),
      messageMemoryBytes: messageMemoryUsage(state.config, canister), // billed too (ic-reference.md §5.5)
      memoryAllocation: canister.settings.memoryAllocation,
      computeAllocation: canister.settings.computeAllocation,
    };
    const cost = idleCost(state.config, usage, elapsed / NS_PER_SECOND);
    if (cost === 0n) continue;
    charge(state, canister, 'storage', cost < canister.cycles ? cost : canister.cycles);
    if (canister.cycles === 0n && canister.reservedCycles === 0n && canister.runtime) {
      uninstallCode(state, canister, canister.id, 'out_of_cycles');
    }
  }
}
