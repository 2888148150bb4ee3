/**
 * Deterministic time slicing (ic-reference.md §7): a message that needs more instructions than one slice
 * occupies its canister for as many rounds as its slices need, one slice per round. The engine runs the
 * message to its end at once and keeps its transaction open; each later round advances one slice, and the
 * last one commits it and releases its effects (responses, calls). Meanwhile nothing else runs on the
 * canister, queries see the state from before the message, and management calls to it wait (§7.4–7.5).
 *
 * A paused execution can be aborted (§7.7): at the end of a checkpoint round, or of a round that leaves more than
 * `maxPausedExecutions` paused on the subnet. Its transaction is rolled back, what it did is thrown away, and it
 * restarts from scratch the next time its canister is scheduled, on a fresh context (the time of that round), its
 * prepayment kept (prices do not change during a run, so the replica's re-adjustment changes nothing here). Until
 * it restarts the canister stays occupied by it: on the replica it goes back to the front of its queue.
 */
import type { CanisterState } from '../canister/canisterState.ts';
import type { SubnetConfig } from '../params.ts';
import { emit } from './canisterOps.ts';
import type { SubnetState } from './subnetState.ts';

/** An execution that has run to its end with its transaction still open. */
export interface ExecutionRun {
  readonly instructions: bigint;
  /** Commits or rolls back the execution and releases its effects. */
  readonly finish: () => void;
  /** Throws away what the execution did (its transaction rolled back, nothing released): an abort (§7.7). */
  readonly abandon: () => void;
}

export interface PausedExecution {
  readonly entryPoint: string;
  slices: number;
  /** The slice size of this kind of message (messages and install_code have their own, §6.1). */
  readonly sliceSize: bigint;
  slicesDone: number;
  /** The round of the latest slice: one slice per canister per round (§7). */
  lastSliceRound: number;
  /** The execution as it ran; null once aborted, until it restarts. */
  run: ExecutionRun | null;
  /** Runs the execution from scratch (its context made anew): the first time, and after each abort. */
  readonly start: () => ExecutionRun;
}

export type AbortReason = 'checkpoint' | 'paused_limit';

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

/**
 * Runs an execution (`start`) and finishes it now if it is short, or pauses the canister on a long one. Returns the
 * instructions of this round.
 */
export function completeOrPause(
  state: SubnetState,
  canister: CanisterState,
  entryPoint: string,
  start: () => ExecutionRun,
  sliceSize: bigint = state.config.params.sliceInstructions,
): bigint {
  const run = start();
  const slices = sliceCount(state.config, run.instructions, sliceSize);
  if (slices <= 1) {
    run.finish();
    return run.instructions;
  }
  canister.paused = { entryPoint, slices, sliceSize, slicesDone: 1, lastSliceRound: state.round, run, start };
  const first = sliceInstructions(sliceSize, run.instructions, 0);
  emit(state, { round: state.round, kind: 'execution_slice', canister: canister.id, entryPoint, slice: 1, slices, instructions: first });
  return first;
}

/** Runs the next slice of a paused canister (the first again after an abort); the last one finishes the execution. */
export function continuePaused(state: SubnetState, canister: CanisterState): bigint {
  const paused = canister.paused!;
  if (paused.lastSliceRound === state.round) return 0n;
  paused.lastSliceRound = state.round;
  if (paused.run === null) return restart(state, canister, paused);
  const index = paused.slicesDone++;
  const instructions = sliceInstructions(paused.sliceSize, paused.run.instructions, index);
  emit(state, { round: state.round, kind: 'execution_slice', canister: canister.id, entryPoint: paused.entryPoint, slice: index + 1, slices: paused.slices, instructions });
  if (paused.slicesDone === paused.slices) {
    canister.paused = null;
    paused.run.finish();
  }
  return instructions;
}

/** An aborted execution run again from scratch: its first slice, or all of it if it is short this time. */
function restart(state: SubnetState, canister: CanisterState, paused: PausedExecution): bigint {
  const run = paused.start();
  const slices = sliceCount(state.config, run.instructions, paused.sliceSize);
  const first = sliceInstructions(paused.sliceSize, run.instructions, 0);
  emit(state, { round: state.round, kind: 'execution_slice', canister: canister.id, entryPoint: paused.entryPoint, slice: 1, slices, instructions: first });
  if (slices <= 1) {
    canister.paused = null;
    run.finish();
    return run.instructions;
  }
  paused.run = run;
  paused.slices = slices;
  paused.slicesDone = 1;
  return first;
}

/** Aborts a canister's paused execution (§7.7): what it did is thrown away; it restarts when next scheduled. */
export function abortPaused(state: SubnetState, canister: CanisterState, reason: AbortReason): void {
  const paused = canister.paused;
  if (!paused?.run) return;
  paused.run.abandon();
  emit(state, {
    round: state.round, kind: 'execution_aborted', canister: canister.id, entryPoint: paused.entryPoint, reason,
    slicesDone: paused.slicesDone, slices: paused.slices, instructions: paused.run.instructions,
  });
  paused.run = null;
}

/** The canisters among `canisters` with an execution part-way (paused and not aborted), in the same order. */
export function midExecution(canisters: Iterable<CanisterState>): CanisterState[] {
  return [...canisters].filter((c) => !c.deleted && c.paused?.run);
}

/** Aborts the execution part-way of each of `canisters` (`midExecution`), as a checkpoint does (§7.7). */
export function abortAtCheckpoint(state: SubnetState, canisters: readonly CanisterState[]): void {
  for (const canister of canisters) abortPaused(state, canister, 'checkpoint');
}

/**
 * The end of a round's executions (SCHED `finish_round`, ic-reference.md §7.7): at a checkpoint round every paused
 * execution is aborted; otherwise those past `maxPausedExecutions`. The replica aborts the lowest-priority ones; the
 * engine has no accumulated priorities, so it keeps those furthest along (most slices done), then the ones first in
 * this round's execution order, and aborts the rest.
 */
export function abortPausedExecutions(state: SubnetState, order: readonly CanisterState[]): void {
  const paused = midExecution(order);
  if (paused.length === 0) return;
  const p = state.config.params;
  if (BigInt(state.round) % p.checkpointIntervalRounds === 0n) {
    abortAtCheckpoint(state, paused);
    return;
  }
  const keep = Number(p.maxPausedExecutions);
  if (paused.length <= keep) return;
  const byProgress = paused.map((canister, at) => ({ canister, at })).sort((a, b) => b.canister.paused!.slicesDone - a.canister.paused!.slicesDone || a.at - b.at);
  for (const { canister } of byProgress.slice(keep)) abortPaused(state, canister, 'paused_limit');
}
