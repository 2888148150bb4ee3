/**
 * Deterministic time slicing (ic-reference.md §7): a message that needs more instructions than one slice
 * occupies its canister for as many rounds as its slices need, one slice per round. The engine runs the
 * message to its end at once and keeps its transaction open; each later round advances one slice, and the
 * last one commits it and releases its effects (responses, calls). Meanwhile nothing else runs on the
 * canister, queries see the state from before the message, and management calls to it wait (§7.4–7.5).
 */
import type { CanisterState } from '../canister/canisterState.ts';
import type { SubnetConfig } from '../params.ts';
import { emit } from './canisterOps.ts';
import type { SubnetState } from './subnetState.ts';

export interface PausedExecution {
  readonly entryPoint: string;
  readonly slices: number;
  readonly instructions: bigint;
  /** The slice size of this kind of message (messages and install_code have their own, §6.1). */
  readonly sliceSize: bigint;
  slicesDone: number;
  /** The round of the latest slice: one slice per canister per round (§7). */
  lastSliceRound: number;
  /** Commits or rolls back the execution and releases its effects. */
  readonly finish: () => void;
}

/** Slices a message of `instructions` needs: ⌈instructions / slice⌉, at least 1 (§7.1–7.2). */
export function sliceCount(config: SubnetConfig, instructions: bigint, slice = config.params.sliceInstructions): number {
  if (instructions <= slice) return 1;
  return Number((instructions + slice - 1n) / slice);
}

/** Instructions executed in slice `index` (0-based) of a message. */
function sliceInstructions(slice: bigint, total: bigint, index: number): bigint {
  const done = slice * BigInt(index);
  const left = total - done;
  return left < slice ? left : slice;
}

/** Finishes a short execution now, or pauses the canister on a long one. Returns the instructions of this round. */
export function completeOrPause(
  state: SubnetState,
  canister: CanisterState,
  entryPoint: string,
  instructions: bigint,
  finish: () => void,
  sliceSize: bigint = state.config.params.sliceInstructions,
): bigint {
  const slices = sliceCount(state.config, instructions, sliceSize);
  if (slices <= 1) {
    finish();
    return instructions;
  }
  canister.paused = { entryPoint, slices, instructions, sliceSize, slicesDone: 1, lastSliceRound: state.round, finish };
  const first = sliceInstructions(sliceSize, instructions, 0);
  emit(state, { round: state.round, kind: 'execution_slice', canister: canister.id, entryPoint, slice: 1, slices, instructions: first });
  return first;
}

/** Runs the next slice of a paused canister; the last one finishes the execution. */
export function continuePaused(state: SubnetState, canister: CanisterState): bigint {
  const paused = canister.paused!;
  if (paused.lastSliceRound === state.round) return 0n;
  paused.lastSliceRound = state.round;
  const index = paused.slicesDone++;
  const instructions = sliceInstructions(paused.sliceSize, paused.instructions, index);
  emit(state, { round: state.round, kind: 'execution_slice', canister: canister.id, entryPoint: paused.entryPoint, slice: index + 1, slices: paused.slices, instructions });
  if (paused.slicesDone === paused.slices) {
    canister.paused = null;
    paused.finish();
  }
  return instructions;
}
