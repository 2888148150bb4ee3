/**
 * Where every cycle is (issue #3 "Conservation"): on canister balances (main and reserved), held by the
 * system for calls (attached to requests in flight or in call contexts, refunds in flight, reservations of
 * outstanding callbacks), or burned. Their sum always equals the cycles that entered the subnet.
 */
import type { SubnetState } from './subnetState.ts';

export interface CyclesLedger {
  readonly balances: bigint;
  readonly inFlight: bigint;
  readonly reserved: bigint;
  readonly burned: bigint;
  readonly minted: bigint;
}

export function cyclesLedger(state: SubnetState): CyclesLedger {
  let balances = 0n;
  let inFlight = 0n;
  let reserved = 0n;
  for (const canister of state.canisters.values()) {
    balances += canister.cycles + canister.reservedCycles;
    for (const context of canister.callContexts.values()) inFlight += context.availableCycles;
    for (const callback of canister.callbacks.values()) reserved += callback.replyReservation + callback.executionReservation;
    for (const input of canister.inputQueue) {
      if (input.type === 'request') inFlight += input.request.cycles;
      if (input.type === 'response') inFlight += input.response.refund;
    }
  }
  for (const item of state.outbox) inFlight += item.type === 'request' ? item.request.cycles : item.response.refund;
  for (const item of state.subnetQueue) if (item.type === 'request') inFlight += item.request.cycles;
  return { balances, inFlight, reserved, burned: state.totals.cyclesBurned, minted: state.cyclesMinted };
}

/** balances + in flight + reserved + burned − minted: zero when every cycle is accounted for. */
export function cyclesImbalance(ledger: CyclesLedger): bigint {
  return ledger.balances + ledger.inFlight + ledger.reserved + ledger.burned - ledger.minted;
}
