/**
 * The playground's own resource limits (params.ts "Playground resource limits (ours, not the replica's)"): the
 * memory budget for everything the engine holds (`playgroundMemoryBytes`, counted by `canister/memoryMeter.ts`) and
 * the number of canisters (`maxCanisters`). A refusal is the replica's nearest answer (its reject code and ErrorCode)
 * with a message saying it is the playground's limit and naming the parameter, and a `playground_limit` trace event.
 */
import type { CanisterState } from '../canister/canisterState.ts';
import type { CanisterSnapshot } from '../canister/canisterSnapshot.ts';
import { STABLE_PAGE_BYTES } from '../canister/stableMemory.ts';
import { playgroundMemoryMessage } from '../canister/memoryMeter.ts';
import { ErrorCode, systemReject, type PlaygroundLimitNote, type Reject } from '../errors.ts';
import type { SubnetConfig } from '../params.ts';
import { emit } from './canisterOps.ts';
import type { SubnetState } from './subnetState.ts';

/**
 * The limits the browser's engine worker should pass as `subnet.params` overrides (a tab has far less memory than
 * Node: Chromium gives a renderer about 4 GiB in all, and the main thread, React and the trace need their share).
 */
export const BROWSER_PLAYGROUND_LIMITS: Readonly<Record<'playgroundMemoryBytes' | 'maxCanisters', string>> = {
  playgroundMemoryBytes: String(1024 * 1024 * 1024),
  maxCanisters: '500',
};

/** Bytes a snapshot really holds: its heap copy, its written 4 KiB stable pages and its chunks. */
export function snapshotHeldBytes(snapshot: CanisterSnapshot): number {
  return snapshot.wasmMemory.length + snapshot.stablePages.size * STABLE_PAGE_BYTES + chunkStoreHeldBytes(snapshot.chunkStore);
}

export function chunkStoreHeldBytes(store: ReadonlyMap<string, Uint8Array>): number {
  let bytes = 0;
  for (const chunk of store.values()) bytes += chunk.length;
  return bytes;
}

/** What a canister holds as plain data, besides its runtime: snapshots and the chunk store. */
export function dataHeldBytes(canister: CanisterState): number {
  let bytes = chunkStoreHeldBytes(canister.chunkStore);
  for (const snapshot of canister.snapshots) bytes += snapshotHeldBytes(snapshot);
  return bytes;
}

/**
 * Everything the subnet holds, counted by walking it (the meter counts the same incrementally; tests compare the two).
 * An install or a long message in progress holds memory not reachable from here until it ends.
 */
export function measureSubnetMemory(state: SubnetState): number {
  let bytes = 0;
  for (const canister of state.canisters.values()) {
    const rt = canister.runtime;
    if (rt) bytes += rt.heapAllocatedBytes() + rt.stable.allocatedBytes();
    bytes += dataHeldBytes(canister);
  }
  return bytes;
}

/** Notes a refusal in the trace. */
export function notePlaygroundLimit(state: SubnetState, canister: string | null, note: PlaygroundLimitNote): void {
  emit(state, { round: state.round, kind: 'playground_limit', canister, ...note });
}

/**
 * For a management operation that would hold `bytes` more (a snapshot, a chunk): null if they fit in the memory
 * budget, else the reject — IC0101 `SubnetOversubscribed`, the replica's answer when the subnet's memory cannot hold
 * it (`CanisterManagerError::SubnetMemoryCapacityOverSubscribed`), with the playground's message — noted in the trace.
 */
export function memoryBudgetReject(state: SubnetState, canister: CanisterState, bytes: number, what: string): Reject | null {
  if (state.memory.fits(bytes)) return null;
  const note = state.memory.refusal(bytes, what);
  notePlaygroundLimit(state, canister.id, note);
  return systemReject(ErrorCode.SubnetOversubscribed, playgroundMemoryMessage(note));
}

/** Canisters on the subnet now (deleted ones hold no instance: they do not count, as the replica drops them). */
function liveCanisters(state: SubnetState): number {
  let live = 0;
  for (const canister of state.canisters.values()) if (!canister.deleted) live++;
  return live;
}

/**
 * For `create_canister`: null if one more canister fits in `maxCanisters`, else the reject — IC0102
 * `MaxNumberOfCanistersReached`, as the replica answers at its subnet's `max_number_of_canisters` (replica
 * `canister_manager.rs` `create_canister_helper`; "Subnet … has reached the allowed canister limit of … canisters"),
 * saying it is the playground's limit — noted in the trace.
 */
export function canisterLimitReject(state: SubnetState, refused: string): Reject | null {
  const limit = state.config.params.maxCanisters;
  const live = liveCanisters(state);
  if (BigInt(live) < limit) return null;
  notePlaygroundLimit(state, null, { parameter: 'maxCanisters', limit, inUse: BigInt(live), requested: 1n, refused });
  return systemReject(ErrorCode.MaxNumberOfCanistersReached, canisterLimitMessage(limit));
}

export function canisterLimitMessage(limit: bigint): string {
  return `The subnet has reached the allowed canister limit of ${limit} canisters: this is a limit of the playground ` +
    '(each canister\'s instance takes about 1 MB of the JavaScript heap), not of the Internet Computer; ' +
    'delete canisters, or raise it with subnet.params.maxCanisters.';
}

/** For a scenario that declares `count` canisters: null if they fit in `maxCanisters`, else why not. */
export function scenarioCanisterLimitError(config: SubnetConfig, count: number): string | null {
  const limit = config.params.maxCanisters;
  if (BigInt(count) <= limit) return null;
  return `the scenario declares ${count} canisters, more than the playground's limit maxCanisters = ${limit} ` +
    '(a limit of the playground, not of the Internet Computer: each canister\'s instance takes about 1 MB of the JavaScript heap); ' +
    'declare fewer, or raise it with subnet.params.maxCanisters';
}
