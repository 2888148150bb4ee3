/**
 * The canister snapshot methods of the management canister (ic-reference.md §12; SPEC-MC
 * `take_canister_snapshot`, `load_canister_snapshot`, `list_canister_snapshots`, `delete_canister_snapshot`),
 * following the replica's `canister_manager.rs` in the order of its checks, its reject codes and its messages:
 * - only controllers (all four; loading another canister's snapshot also needs its controllers' consent);
 * - at most `maxSnapshotsPerCanister` per canister unless `replace_snapshot` names one to replace;
 * - taking costs `execution_cost(2 B + snapshot bytes)`, loading `execution_cost(2 B)` and
 *   `execution_cost(compilation / 100 + snapshot bytes)`; neither may freeze the canister, by the cycles or by the
 *   memory the snapshot adds (`cycles_and_memory_usage_checks`);
 * - loading recreates the execution state from the snapshot's module, puts the memories and globals back and
 *   restores certified data and the chunk store; cycles, settings, status, logs and the timer stay; version + 1 and
 *   a `load_snapshot` history entry.
 * Not modelled: the heap-delta rate limit (IC0210) and the storage reservation, which the engine has nowhere else.
 */
import type { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import { memoryBreakdown, memoryUsage, type CanisterState } from '../canister/canisterState.ts';
import {
  snapshotId, snapshotIdError, snapshotLocalIndex, snapshotOwnerBytes, type CanisterSnapshot,
} from '../canister/canisterSnapshot.ts';
import { captureExecutionState, runtimeFromCapturedState } from '../canister/snapshotRuntime.ts';
import { executionCost, freezingLimit } from '../cycles/fees.ts';
import { ErrorCode, systemReject, type Reject } from '../errors.ts';
import { bytesToHex } from '../hex.ts';
import { sameBytes } from '../sameBytes.ts';
import {
  canisterError, charge, emit, findCanister, isController, principalText, recordChange, resourceUsage,
} from '../subnet/canisterOps.ts';
import type { SubnetState } from '../subnet/subnetState.ts';
import { EMPTY_REPLY, encodeReply } from './managementCandid.ts';
import type { ManagementCall, ManagementResponse, MethodHandler } from './managementMethods.ts';
import { notController } from './notController.ts';
import { prepareAndCompile } from './preparedModules.ts';
import { removeSnapshot } from './removeSnapshot.ts';
import {
  DeleteCanisterSnapshotArgs, ListCanisterSnapshotsArgs, ListCanisterSnapshotsResult, LoadCanisterSnapshotArgs, Snapshot,
  TakeCanisterSnapshotArgs, type DeleteArgs, type LoadArgs, type TakeArgs,
} from './snapshotCandid.ts';
import { uninstallCode } from './uninstallCode.ts';
import { withCanister } from './withCanister.ts';
import { chunkStoreHeldBytes, memoryBudgetReject, snapshotHeldBytes } from '../subnet/playgroundLimits.ts';
import { STABLE_PAGE_BYTES } from '../canister/stableMemory.ts';

const reply = (data: Uint8Array = EMPTY_REPLY): ManagementResponse => ({ type: 'reply', data });
const reject = (r: Reject): ManagementResponse => ({ type: 'reject', reject: r });

/**
 * A snapshot method: controllers only (replica `validate_controller`); a malformed snapshot id is a decoding error,
 * IC0408, before the canister is looked up (replica `Payload::decode`).
 */
function withController<T extends { canister_id: Principal }>(
  type: IDL.Type,
  snapshotIds: (args: T) => readonly (Uint8Array | number[])[],
  act: (state: SubnetState, canister: CanisterState, args: T, call: ManagementCall) => ManagementResponse,
): MethodHandler {
  return withCanister<T>(type, act, 'controllers', (_state, args) => {
    for (const id of snapshotIds(args)) {
      const invalid = snapshotIdError(Uint8Array.from(id));
      if (invalid) return systemReject(ErrorCode.InvalidManagementPayload, `Payload deserialization error: ${invalid}`);
    }
    return null;
  });
}

/** The replica prints a snapshot id as `<canister id>-<local index>` (`impl Display for SnapshotId`). */
function displayId(id: Uint8Array): string {
  return `${principalText(snapshotOwnerBytes(id))}-${snapshotLocalIndex(id)}`;
}

/** A snapshot by id on the subnet, with the canister it belongs to (deleted canisters hold none). */
function locateSnapshot(state: SubnetState, id: Uint8Array): { owner: CanisterState; snapshot: CanisterSnapshot } | null {
  const owner = findCanister(state, principalText(snapshotOwnerBytes(id)));
  const snapshot = owner?.snapshots.find((s) => sameBytes(s.id, id));
  return owner && snapshot ? { owner, snapshot } : null;
}

function snapshotNotFound(canister: CanisterState, id: Uint8Array): Reject {
  return systemReject(ErrorCode.CanisterSnapshotNotFound, `Could not find the snapshot ID ${displayId(id)} for canister ${canister.id}.`);
}

/** `get_snapshot`: the snapshot must exist and belong to `canister` (replace, delete). */
function ownSnapshot(state: SubnetState, canister: CanisterState, id: Uint8Array): { ok: true; snapshot: CanisterSnapshot } | { ok: false; reject: Reject } {
  const located = locateSnapshot(state, id);
  if (!located) return { ok: false, reject: snapshotNotFound(canister, id) };
  if (located.owner !== canister) {
    return { ok: false, reject: systemReject(ErrorCode.CanisterRejectedMessage, `The snapshot ${displayId(id)} does not belong to canister ${canister.id}.`) };
  }
  return { ok: true, snapshot: located.snapshot };
}

/** `snapshot_size_bytes`: heap, stable memory, globals and module (`memory_usage_in_snapshot`), chunk store, certified data. */
function snapshotBytes(canister: CanisterState): bigint {
  const m = memoryBreakdown(canister);
  return m.wasmMemory + m.stableMemory + m.globals + m.wasmBinary + m.wasmChunkStore + BigInt(canister.certifiedData.length);
}

/**
 * `cycles_and_memory_usage_checks`: with its memory at `newUsage` the canister must not be frozen (IC0532), and
 * `cycles` must be payable from `balance` leaving it above its freezing limit (`can_withdraw_cycles`: IC0207).
 */
function cyclesAndMemoryCheck(
  state: SubnetState, canister: CanisterState, oldUsage: bigint, newUsage: bigint, cycles: bigint, balance: bigint,
): Reject | null {
  const usage = { ...resourceUsage(state, canister), memoryBytes: newUsage };
  const threshold = freezingLimit(state.config, usage, canister.settings.freezingThreshold, canister.reservedCycles);
  if (balance < threshold) {
    const allocated = (bytes: bigint): bigint => (canister.settings.memoryAllocation > bytes ? canister.settings.memoryAllocation : bytes);
    const grown = allocated(newUsage) - allocated(oldUsage);
    return systemReject(
      ErrorCode.InsufficientCyclesInMemoryGrow,
      `Canister cannot grow memory by ${grown > 0n ? grown : 0n} bytes due to insufficient cycles. At least ${threshold - balance} additional cycles are required.`,
    );
  }
  if (balance - cycles < threshold) return snapshottingOutOfCycles(canister, threshold + cycles - balance);
  return null;
}

function snapshottingOutOfCycles(canister: CanisterState, missing: bigint): Reject {
  return systemReject(
    ErrorCode.CanisterOutOfCycles,
    `Canister snapshotting failed with: \`Canister ${canister.id} is out of cycles: please top up the canister with at least ${missing} additional cycles\``,
  );
}

const takeCanisterSnapshot = withController<TakeArgs>(TakeCanisterSnapshotArgs, (args) => args.replace_snapshot, (state, canister, args, call) => {
  const p = state.config.params;
  let replaced: CanisterSnapshot | null = null;
  const [replaceId] = args.replace_snapshot;
  if (replaceId !== undefined) {
    const found = ownSnapshot(state, canister, Uint8Array.from(replaceId));
    if (!found.ok) return reject(found.reject);
    replaced = found.snapshot;
  } else if (BigInt(canister.snapshots.length) >= p.maxSnapshotsPerCanister) {
    return reject(systemReject(
      ErrorCode.CanisterRejectedMessage,
      `Canister ${canister.id} has reached the maximum number of snapshots allowed: ${p.maxSnapshotsPerCanister}.`,
    ));
  }
  const uninstall = args.uninstall_code[0] === true;
  const m = memoryBreakdown(canister);
  // What uninstalling frees: the execution state, the log store and the chunk store (replica `take_canister_snapshot`).
  const uninstalled = uninstall ? m.wasmMemory + m.stableMemory + m.globals + m.wasmBinary + m.logMemoryStore + m.wasmChunkStore : 0n;
  const size = snapshotBytes(canister);
  const oldUsage = memoryUsage(canister);
  const newUsage = oldUsage + size - (replaced?.size ?? 0n) - uninstalled;
  const cost = executionCost(state.config, p.canisterSnapshotBaselineInstructions + size);
  const refused = cyclesAndMemoryCheck(state, canister, oldUsage, newUsage > 0n ? newUsage : 0n, cost, canister.cycles);
  if (refused) return reject(refused);
  // `CanisterSnapshot::from_canister` fails for a canister without an execution state (replica `EmptyExecutionState`).
  if (!canister.runtime || canister.moduleHash === null) {
    return reject(systemReject(ErrorCode.CanisterRejectedMessage, `Failed to create snapshot for empty canister ${canister.id}:`));
  }
  // The copies a snapshot holds must fit in the playground's memory budget (its own limit, `playgroundLimits.ts`).
  const copies = Number(canister.runtime.wasmMemoryBytes()) + canister.runtime.stable.writtenPageCount() * STABLE_PAGE_BYTES +
    chunkStoreHeldBytes(canister.chunkStore);
  const overBudget = memoryBudgetReject(state, canister, copies, 'take_canister_snapshot');
  if (overBudget) return reject(overBudget);
  const captured = captureExecutionState(canister.runtime);
  if (replaced) removeSnapshot(state, canister, replaced, 'replaced');
  charge(state, canister, 'execution', cost);
  const snapshot: CanisterSnapshot = {
    id: snapshotId(canister.idBytes, canister.nextSnapshotIndex++),
    takenAtNs: state.timeNs,
    canisterVersion: canister.version,
    size,
    moduleHash: canister.moduleHash,
    module: captured.module,
    wasmMemory: captured.wasmMemory,
    stablePages: captured.stablePages,
    stableSizePages: captured.stableSizePages,
    globals: captured.globals,
    certifiedData: canister.certifiedData.slice(),
    chunkStore: new Map(canister.chunkStore),
  };
  canister.snapshots.push(snapshot);
  state.memory.charge(snapshotHeldBytes(snapshot));
  emit(state, { round: state.round, kind: 'snapshot_taken', canister: canister.id, snapshot: bytesToHex(snapshot.id), size });
  // Uninstalled after the snapshot, in the same message: `uninstall_canister` (version + 1, open calls rejected) and a
  // `code_uninstall` history entry, as `uninstall_code` does (replica `take_canister_snapshot`).
  if (uninstall) uninstallCode(state, canister, call.sender, 'uninstall_code');
  return reply(encodeReply(Snapshot, { id: snapshot.id, taken_at_timestamp: snapshot.takenAtNs, total_size: size }));
});

const loadCanisterSnapshot = withController<LoadArgs>(LoadCanisterSnapshotArgs, (args) => [args.snapshot_id], (state, canister, args, call) => {
  const id = Uint8Array.from(args.snapshot_id);
  const located = locateSnapshot(state, id);
  if (!located) return reject(snapshotNotFound(canister, id));
  const { owner, snapshot } = located;
  // Another canister's snapshot (same subnet) needs the caller to control that canister too (SPEC-MC load_canister_snapshot).
  if (owner !== canister && !isController(owner, call.sender)) {
    return reject(systemReject(
      ErrorCode.CanisterRejectedMessage,
      `Only a controller of the canister that snapshot ${displayId(id)} belongs to can load it on canister ${canister.id}. Sender: ${call.sender}.`,
    ));
  }
  const p = state.config.params;
  const oldUsage = memoryUsage(canister);
  // The baseline is charged first, against the canister as it is (`consume_cycles_for_instructions`).
  const baseline = executionCost(state.config, p.canisterSnapshotBaselineInstructions);
  const limitNow = freezingLimit(state.config, resourceUsage(state, canister), canister.settings.freezingThreshold, canister.reservedCycles);
  if (canister.cycles - baseline < limitNow) return reject(snapshottingOutOfCycles(canister, limitNow + baseline - canister.cycles));
  const compiled = prepareAndCompile(snapshot.module);
  if (!compiled.ok) return reject(canisterError(canister.id, ErrorCode.CanisterInvalidWasm, `Canister's Wasm module is not valid: ${compiled.error}`));
  const overBudget = memoryBudgetReject(state, canister, snapshotHeldBytes(snapshot), 'load_canister_snapshot');
  if (overBudget) return reject(overBudget);
  const runtime = runtimeFromCapturedState(snapshot, compiled.module, compiled.compiled, state.config, state.memory);
  const loaded: CanisterState = {
    ...canister, runtime, moduleBytes: BigInt(snapshot.module.length), chunkStore: new Map(snapshot.chunkStore), certifiedData: snapshot.certifiedData.slice(),
  };
  const compilation = (p.costToCompileWasmInstruction * BigInt(compiled.module.info.wasmInstructionCount)) / p.compiledModuleDeserializationSpeedUp;
  const cost = executionCost(state.config, compilation + snapshot.size);
  const refused = cyclesAndMemoryCheck(state, canister, oldUsage, memoryUsage(loaded), cost, canister.cycles - baseline);
  if (refused) {
    runtime.detachMeter();
    runtime.stable.detachMeter();
    return reject(refused);
  }
  charge(state, canister, 'execution', baseline);
  charge(state, canister, 'execution', cost);
  // The replaced instance and chunk store leave the memory budget; the loaded ones are counted.
  canister.runtime?.detachMeter();
  canister.runtime?.stable.detachMeter();
  state.memory.release(chunkStoreHeldBytes(canister.chunkStore));
  state.memory.charge(chunkStoreHeldBytes(loaded.chunkStore));
  canister.runtime = runtime;
  canister.moduleHash = snapshot.moduleHash;
  canister.moduleBytes = loaded.moduleBytes;
  canister.chunkStore = loaded.chunkStore;
  canister.certifiedData = loaded.certifiedData;
  canister.version++;
  const hex = bytesToHex(snapshot.id);
  recordChange(state, canister, call.sender, {
    type: 'load_snapshot', snapshotId: hex, canisterVersion: snapshot.canisterVersion, takenAtNs: snapshot.takenAtNs,
    fromCanister: owner === canister ? null : owner.id,
  });
  emit(state, { round: state.round, kind: 'snapshot_loaded', canister: canister.id, snapshot: hex, size: snapshot.size, from: owner.id });
  return reply();
});

const listCanisterSnapshots = withController<{ canister_id: Principal }>(ListCanisterSnapshotsArgs, () => [], (_state, canister) =>
  reply(encodeReply(ListCanisterSnapshotsResult, canister.snapshots.map((s) => ({ id: s.id, taken_at_timestamp: s.takenAtNs, total_size: s.size })))));

const deleteCanisterSnapshot = withController<DeleteArgs>(DeleteCanisterSnapshotArgs, (args) => [args.snapshot_id], (state, canister, args) => {
  const found = ownSnapshot(state, canister, Uint8Array.from(args.snapshot_id));
  if (!found.ok) return reject(found.reject);
  const oldUsage = memoryUsage(canister);
  const refused = cyclesAndMemoryCheck(state, canister, oldUsage, oldUsage - found.snapshot.size, 0n, canister.cycles);
  if (refused) return reject(refused);
  removeSnapshot(state, canister, found.snapshot, 'delete_canister_snapshot');
  return reply();
});

export const SNAPSHOT_HANDLERS: Readonly<Record<string, MethodHandler>> = {
  take_canister_snapshot: takeCanisterSnapshot,
  load_canister_snapshot: loadCanisterSnapshot,
  list_canister_snapshots: listCanisterSnapshots,
  delete_canister_snapshot: deleteCanisterSnapshot,
};
