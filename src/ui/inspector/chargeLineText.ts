/**
 * The words for each line of the round's charges: its name, and what the replica charges it for with the fee
 * (ic-reference.md §5; the numbers are the engine's parameter table, the fees of a 13-node subnet).
 */
import { IC_PARAMS } from '../../engine/index.ts';
import { groupDigits } from '../graph/formatAmount.ts';
import type { ChargeLine } from './roundCharges.ts';

export interface ChargeLineText {
  readonly name: string;
  /** What it pays for, citing the fee. */
  readonly fee: string;
}

const p = IC_PARAMS;
const n = (value: bigint) => groupDigits(String(value));
const perInstruction = p.tenUpdateInstructionsExecutionFee % 10n === 0n
  ? `${n(p.tenUpdateInstructionsExecutionFee / 10n)} per instruction`
  : `${n(p.tenUpdateInstructionsExecutionFee)} per 10 instructions`;
const execution = `${n(p.updateMessageExecutionFee)} + ${perInstruction}`;

export const CHARGE_LINE_TEXT: Readonly<Record<ChargeLine, ChargeLineText>> = {
  created: { name: 'created with', fee: 'the cycles it started with' },
  top_up: { name: 'top-up', fee: 'cycles added to its balance' },
  ingress_induction: {
    name: 'ingress induction',
    fee: `${n(p.ingressMessageReceptionFee)} + ${n(p.ingressByteReceptionFee)} per byte of method name and argument, when a user's message enters the subnet`,
  },
  execution: { name: 'execution', fee: `${execution}; prepaid at the instruction limit, the unused part refunded` },
  install_code: { name: 'install code', fee: `${execution}; prepaid at the install limit, the unused part refunded` },
  call: {
    name: 'sending calls',
    fee: `${n(p.xnetCallFee)} per call + ${n(p.xnetByteTransmissionFee)} per byte of method name and argument`,
  },
  reservation: {
    name: 'reply and callback reservation',
    fee: `reserved at each call for the largest reply (${n(p.maxReplyBytes)} bytes × ${n(p.xnetByteTransmissionFee)}) and the callback's execution; given back when the response arrives`,
  },
  reply: { name: 'reply bytes', fee: `${n(p.xnetByteTransmissionFee)} per byte of the response, out of the reservation` },
  cycles_sent: { name: 'cycles attached to calls', fee: 'what the callee does not accept comes back with the response' },
  cycles_received: { name: 'cycles accepted from calls', fee: 'attached by a caller and kept' },
  storage: {
    name: 'storage',
    fee: `${n(p.gibStoragePerSecondFee)} per GiB per second of memory (and ${n(p.computePercentAllocatedPerSecondFee)} per % of compute allocation), charged every ${n(p.allocationChargeIntervalSeconds)} s`,
  },
  compute_allocation: { name: 'compute allocation', fee: `${n(p.computePercentAllocatedPerSecondFee)} per % per second` },
  burn: { name: 'burned', fee: 'by the canister itself (ic0.cycles_burn128)' },
  canister_creation: {
    name: 'canister creation',
    fee: `${n(p.canisterCreationFee)}, out of the cycles attached to create_canister (already counted there)`,
  },
  lost: { name: 'lost', fee: 'with a message nobody could take' },
  unitemised: { name: 'not itemised', fee: 'balance changes the trace does not list (e.g. deposit_cycles)' },
};
