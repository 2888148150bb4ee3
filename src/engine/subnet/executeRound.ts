/**
 * One round of the subnet (DESIGN.md "Rounds"; ic-reference.md §6.1, §7): induct ingress, execute
 * management-canister messages, execute canisters in a fair deterministic order under the per-round
 * instruction budget, complete stops, charge periodic fees, and advance time by one round.
 */
import { idleCost } from '../cycles/fees.ts';
import { memoryUsage, type CanisterState } from '../canister/canisterState.ts';
import { uninstallCode } from '../management/uninstallCode.ts';
import { executeManagementMethod } from '../management/managementMethods.ts';
import { EMPTY_REPLY } from '../management/managementCandid.ts';
import { ingressInductionCost } from '../cycles/fees.ts';
import { charge, emit, findCanister, setStatus } from './canisterOps.ts';
import { completeIngress, inductIngress } from './ingress.ts';
import { executeIngressMessage } from './executeIngressMessage.ts';
import { utf8Bytes } from './executionHelpers.ts';
import type { SubnetState } from './subnetState.ts';

const NS_PER_SECOND = 1_000_000_000n;

export function executeRound(state: SubnetState): void {
  state.round++;
  emit(state, { kind: 'round_started', timeNs: state.timeNs });
  const before = { instructions: state.totals.instructions, executions: state.totals.executions };
  inductIngress(state);
  executeSubnetQueue(state);
  executeCanisters(state);
  completeStops(state);
  deliverDeferredResponses(state);
  chargeForResources(state);
  emit(state, {
    kind: 'round_finished',
    instructions: state.totals.instructions - before.instructions,
    executions: state.totals.executions - before.executions,
  });
  state.timeNs += state.config.params.roundDurationNs;
}

function executeSubnetQueue(state: SubnetState): void {
  const queue = state.subnetQueue;
  state.subnetQueue = [];
  for (const id of queue) {
    const record = state.ingress.get(id)!;
    emit(state, { kind: 'management_call', method: record.method, caller: record.sender, canister: record.effectiveCanister, messageId: id });
    const response = executeManagementMethod(state, record.method, { sender: record.sender, arg: record.arg, messageId: id });
    // update_settings ingress is charged after it applies, so a too-high freezing threshold can be fixed (§5.2).
    const payer = record.effectiveCanister ? findCanister(state, record.effectiveCanister) : null;
    if (record.method === 'update_settings' && payer) {
      const fee = ingressInductionCost(state.config, BigInt(record.arg.length + utf8Bytes(record.method).length));
      charge(state, payer, 'ingress_induction', fee < payer.cycles ? fee : payer.cycles);
    }
    if (response.type !== 'pending') completeIngress(state, record, response);
  }
}

/** Canisters in creation order, rotated by one each round so no canister is always first. */
export function executionOrder(state: SubnetState): CanisterState[] {
  const live = [...state.canisters.values()].filter((c) => !c.deleted);
  if (live.length === 0) return live;
  const start = state.round % live.length;
  return [...live.slice(start), ...live.slice(0, start)];
}

function executeCanisters(state: SubnetState): void {
  const budget = state.config.params.maxInstructionsPerRound;
  for (const canister of executionOrder(state)) {
    let used = 0n;
    let next = 0;
    const queue = canister.ingressQueue;
    while (next < queue.length && used < budget) {
      used += executeIngressMessage(state, canister, state.ingress.get(queue[next++])!);
    }
    queue.splice(0, next);
  }
}

/** A stopping canister with no open call contexts becomes stopped; its stop_canister calls are answered (§3.8). */
function completeStops(state: SubnetState): void {
  for (const canister of state.canisters.values()) {
    if (canister.deleted || canister.status !== 'stopping') continue;
    setStatus(state, canister, 'stopped');
    for (const messageId of canister.pendingStops.splice(0)) {
      state.deferredResponses.push({ messageId, response: { type: 'reply', data: EMPTY_REPLY } });
    }
  }
}

function deliverDeferredResponses(state: SubnetState): void {
  for (const { messageId, response } of state.deferredResponses.splice(0)) {
    const record = state.ingress.get(messageId);
    if (record && record.completedRound === null) completeIngress(state, record, response);
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
