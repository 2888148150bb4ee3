/**
 * One round of the subnet (DESIGN.md "Rounds"; ic-reference.md §6.1, §7): induct ingress, execute
 * management-canister messages, execute canisters in a fair deterministic order under the per-round
 * instruction budget, complete stops, charge periodic fees, and advance time by one round.
 */
import { idleCost } from '../cycles/fees.ts';
import { memoryUsage, type CanisterState } from '../canister/canisterState.ts';
import { uninstallCode } from '../management/uninstallCode.ts';
import { EMPTY_REPLY } from '../management/managementCandid.ts';
import type { CanisterInput } from '../messaging/messages.ts';
import { canisterFreezingLimit, charge, emit, isFrozen, setStatus } from './canisterOps.ts';
import { completeIngress, inductIngress } from './ingress.ts';
import { executeCall } from './executeCall.ts';
import { executeResponse } from './executeResponse.ts';
import { answerManagementCall, executeSubnetMessages } from './executeSubnetMessages.ts';
import { expireCalls, routeMessages, systemAnswer } from './routeMessages.ts';
import { continuePaused } from './longExecution.ts';
import { executeDueTasks } from './executeSystemTask.ts';
import type { SubnetState } from './subnetState.ts';

const NS_PER_SECOND = 1_000_000_000n;

export function executeRound(state: SubnetState): void {
  state.round++;
  emit(state, { round: state.round, kind: 'round_started', timeNs: state.timeNs });
  const before = { instructions: state.totals.instructions, executions: state.totals.executions };
  routeMessages(state);
  expireCalls(state);
  inductIngress(state);
  executeSubnetMessages(state);
  executeCanisters(state);
  completeStops(state);
  deliverDeferredResponses(state);
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

/** Canisters in creation order, rotated by one each round so no canister is always first. */
export function executionOrder(state: SubnetState): CanisterState[] {
  const live = [...state.canisters.values()].filter((c) => !c.deleted);
  if (live.length === 0) return live;
  const start = state.round % live.length;
  return [...live.slice(start), ...live.slice(0, start)];
}

/**
 * Canisters are dealt round-robin to the execution threads (4 on the replica, §6.1); each thread executes its
 * canisters in turn until its per-round budget (7 B, ÷1,000 in classroom) is spent. A paused canister runs one slice.
 */
function executeCanisters(state: SubnetState): void {
  const p = state.config.params;
  const budget = p.maxInstructionsPerRound;
  const threads = Number(p.executionThreads > 0n ? p.executionThreads : 1n);
  const threadUsed = new Array<bigint>(threads).fill(0n);
  executionOrder(state).forEach((canister, i) => {
    const thread = i % threads;
    if (threadUsed[thread] >= budget) return;
    threadUsed[thread] += executeCanister(state, canister, budget - threadUsed[thread]);
  });
}

function executeCanister(state: SubnetState, canister: CanisterState, budget: bigint): bigint {
  {
    if (canister.paused) return continuePaused(state, canister);
    let used = executeDueTasks(state, canister);
    let next = 0;
    const queue = canister.inputQueue;
    while (next < queue.length && used < budget && !canister.deleted && !canister.paused) {
      used += executeInput(state, canister, queue[next++]);
    }
    queue.splice(0, next);
    return used;
  }
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
