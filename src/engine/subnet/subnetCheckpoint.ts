/**
 * Checkpoints of a whole subnet, so time travel can start from a recent one instead of from round 0 (issue
 * "lessons that play forward": seeking anywhere in a long workspace, raftscope's checkpoints). A checkpoint is
 * the subnet's plain state, structured-cloned (shared references stay shared), plus each canister runtime's
 * committed memories and globals; the trace is the prefix of an append-only array, kept by reference.
 *
 * Restoring gives a state that runs on exactly as the original would: same rounds, same trace, same report
 * (tests/scenarios/checkpoint.test.ts compares them). Known limit, shared with the rollback that re-instantiates
 * (docs/ARCHITECTURE.md): a passive data or element segment dropped before the checkpoint is back after a restore.
 */
import { CanisterRuntime, type RuntimeCheckpoint } from '../canister/canisterRuntime.ts';
import type { CanisterState } from '../canister/canisterState.ts';
import type { SubnetConfig } from '../params.ts';
import type { TraceEvent } from '../trace/traceEvent.ts';
import { createMemoryMeter, type IngressRecord, type SubnetState } from './subnetState.ts';
import { dataHeldBytes } from './playgroundLimits.ts';

export interface SubnetCheckpoint {
  readonly round: number;
  /** The trace this checkpoint's state had: the first `traceLength` events of `trace` (never changed after). */
  readonly trace: readonly TraceEvent[];
  readonly traceLength: number;
  /** The state without its config, trace, runtimes and completed ingress, as a structured clone nobody else holds. */
  readonly plain: PlainState;
  readonly runtimes: ReadonlyMap<string, RuntimeCheckpoint>;
  /**
   * The ingress records of ids 0 to `count` - 1, every one completed, by reference: nothing changes a record once it
   * has its answer, and most of a long run's records are such. The first `count` of an append-only array that the
   * checkpoints of one history share (ids are given in order from 0, `ingress.ts`), so a checkpoint costs what
   * completed since the one before it, not what completed since round 0 (issue 16, target 2: 35 ms a checkpoint
   * after 32,000 calls, every 100 rounds, and a copy of every record's id each time).
   */
  readonly settledIngress: { readonly records: IngressRecord[]; readonly count: number };
  /** The records of the ids after those: completed ones by reference, null for one under way (in `plain`). */
  readonly laterIngress: readonly (IngressRecord | null)[];
}

type PlainState = Omit<SubnetState, 'config' | 'trace' | 'memory'>;

/**
 * A checkpoint of `state`, or null while a long message is paused (its transaction is open and its end is a
 * closure: ic-reference.md §7). Pages equal to `previous`'s are shared with it, so checkpoints of a subnet whose
 * memories change little cost little. `previous` must be a checkpoint of an earlier round of this state's own history
 * (as the player's are: it drops those a fork replaces): its settled ingress records are taken to be this state's
 * without looking at them, and only those its array gained since are checked.
 */
export function checkpointSubnet(state: SubnetState, previous: SubnetCheckpoint | null): SubnetCheckpoint | null {
  const runtimes = new Map<string, RuntimeCheckpoint>();
  const canisters = new Map<string, CanisterState>();
  for (const [id, canister] of state.canisters) {
    if (canister.paused) return null;
    if (canister.runtime) runtimes.set(id, canister.runtime.checkpoint(previous?.runtimes.get(id) ?? null));
    canisters.set(id, { ...canister, runtime: null });
  }
  const settledIngress = settledIngressOf(state, previous);
  const laterIngress: (IngressRecord | null)[] = [];
  const underWay = new Map<number, IngressRecord>();
  for (let id = settledIngress.count; id < state.nextMessageId; id++) {
    const record = state.ingress.get(id)!;
    const completed = record.completedRound !== null;
    laterIngress.push(completed ? record : null);
    if (!completed) underWay.set(id, record);
  }
  const { config: _config, trace, memory: _memory, ...rest } = state;
  return {
    round: state.round,
    trace,
    traceLength: trace.length,
    plain: structuredClone({ ...rest, canisters, ingress: underWay }),
    runtimes,
    settledIngress,
    laterIngress,
  };
}

/** `previous`'s settled records and those that follow them completed, in the array `previous` has if it can grow. */
function settledIngressOf(state: SubnetState, previous: SubnetCheckpoint | null): SubnetCheckpoint['settledIngress'] {
  let records = previous?.settledIngress.records ?? [];
  let count = previous?.settledIngress.count ?? 0;
  // The array may have grown past `count` since, by checkpoints of later rounds (a Step's, dropped when an action was
  // recorded at its round) or of another history (after a seek back): ours as far as they are this state's records.
  while (count < records.length && state.ingress.get(count) === records[count]) count++;
  if (count < records.length) records = records.slice(0, count);
  for (let record = state.ingress.get(count); record !== undefined && record.completedRound !== null; record = state.ingress.get(++count)) {
    records.push(record);
  }
  return { records, count };
}

/**
 * A live state equal to the checkpointed one; the checkpoint stays as it was, to be restored again. `recycled` is a
 * state nobody uses any more (the one a seek replaces): its canisters' instances are reused where they can be.
 */
export function restoreSubnet(checkpoint: SubnetCheckpoint, config: SubnetConfig, recycled: SubnetState | null = null): SubnetState {
  const plain = structuredClone(checkpoint.plain);
  // The restored state's memory, counted afresh: its runtimes count themselves, snapshots and chunk stores here.
  const memory = createMemoryMeter(config);
  for (const [id, canister] of plain.canisters) {
    const runtime = checkpoint.runtimes.get(id);
    canister.runtime = runtime ? CanisterRuntime.fromCheckpoint(runtime, config, recycled?.canisters.get(id)?.runtime ?? null, memory) : null;
    memory.charge(dataHeldBytes(canister));
  }
  const ingress = new Map<number, IngressRecord>();
  const { records, count } = checkpoint.settledIngress;
  for (let id = 0; id < count; id++) ingress.set(id, records[id]);
  checkpoint.laterIngress.forEach((record, i) => ingress.set(count + i, record ?? plain.ingress.get(count + i)!));
  return { ...plain, ingress, config, trace: checkpoint.trace.slice(0, checkpoint.traceLength), memory };
}
