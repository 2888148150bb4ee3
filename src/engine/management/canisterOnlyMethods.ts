/**
 * Management methods only canisters may call (ic-reference.md §4.2): create_canister (with attached cycles,
 * less the creation fee), deposit_cycles, raw_rand (deterministic from the subnet's seed) and canister_info.
 */
import { Principal } from '@dfinity/principal';
import { sha256 } from '@noble/hashes/sha2';
import { ErrorCode, systemReject } from '../errors.ts';
import { scaleFee } from '../params.ts';
import { createCanister, emit, findCanister } from '../subnet/canisterOps.ts';
import { hexToBytes } from '../hex.ts';
import {
  CanisterIdRecord, CanisterIdResult, CanisterInfoArgs, CanisterInfoResult, CreateCanisterArgs, EMPTY_REPLY, RawRandResult,
  decodeArg, encodeReply,
} from './managementCandid.ts';
import { applySettings, controllersOverBound, type CandidSettings } from './applySettings.ts';
import { canisterLimitReject } from '../subnet/playgroundLimits.ts';
import { loadSnapshotDetails } from './snapshotCandid.ts';
import type { ManagementResponse, MethodHandler } from './managementMethods.ts';

/** canister_info returns at most this many changes of the history the replica keeps (§4.2: ≥ 20). */
const MAX_HISTORY_CHANGES = 20;

const invalidPayload = (error: string): ManagementResponse => ({
  type: 'reject', reject: systemReject(ErrorCode.InvalidManagementPayload, `Error decoding candid: ${error}`),
});

const createCanisterMethod: MethodHandler = (state, call) => {
  const decoded = decodeArg<{ settings: [] | [CandidSettings] }>(CreateCanisterArgs, call.arg);
  if (!decoded.ok) return invalidPayload(decoded.error);
  // Too many controllers fail the decoding: nothing is created or charged, the cycles go back (§6.3).
  const overBound = controllersOverBound(state, decoded.value.settings[0]);
  if (overBound) return { type: 'reject', reject: overBound };
  const fee = scaleFee(state.config, state.config.params.canisterCreationFee);
  if (call.cycles < fee) {
    return {
      type: 'reject',
      reject: systemReject(ErrorCode.InsufficientCyclesForCreateCanister,
        `Creating a canister requires a fee of ${fee} that is deducted from the canister's initial balance but only ${call.cycles} cycles were received with the create_canister request.`),
    };
  }
  // Then the subnet's canister limit (replica `create_canister_helper`), here the playground's `maxCanisters`: the
  // attached cycles go back with the reject.
  const full = canisterLimitReject(state, 'create_canister');
  if (full) return { type: 'reject', reject: full };
  const canister = createCanister(state, [call.sender], call.cycles - fee);
  state.totals.cyclesBurned += fee;
  // Paid out of the cycles the creator attached (already off its balance): the event names the creator.
  emit(state, { round: state.round, kind: 'cycles_charged', canister: call.sender, charge: 'canister_creation', amount: fee });
  const [settings] = decoded.value.settings;
  if (settings) {
    const applied = applySettings(state, canister, settings);
    if (!applied.ok) return { type: 'reject', reject: applied.reject };
  }
  return { type: 'reply', data: encodeReply(CanisterIdResult, { canister_id: Principal.fromText(canister.id) }), cyclesKept: call.cycles };
};

const depositCycles: MethodHandler = (state, call) => {
  const decoded = decodeArg<{ canister_id: Principal }>(CanisterIdRecord, call.arg);
  if (!decoded.ok) return invalidPayload(decoded.error);
  const id = decoded.value.canister_id.toText();
  const canister = findCanister(state, id);
  if (!canister) return { type: 'reject', reject: systemReject(ErrorCode.CanisterNotFound, `Canister ${id} not found`) };
  canister.cycles += call.cycles;
  return { type: 'reply', data: EMPTY_REPLY, cyclesKept: call.cycles };
};

const rawRand: MethodHandler = (state) => {
  const input = new TextEncoder().encode(`canister-playground/raw_rand/${state.config.params.randomSeed}/${state.randomDraws++}`);
  return { type: 'reply', data: encodeReply(RawRandResult, sha256(input)) };
};

const canisterInfo: MethodHandler = (state, call) => {
  const decoded = decodeArg<{ canister_id: Principal; num_requested_changes: [] | [bigint] }>(CanisterInfoArgs, call.arg);
  if (!decoded.ok) return invalidPayload(decoded.error);
  const id = decoded.value.canister_id.toText();
  const canister = state.canisters.get(id);
  if (!canister) return { type: 'reject', reject: systemReject(ErrorCode.CanisterNotFound, `Canister ${id} not found`) };
  const wanted = Number(decoded.value.num_requested_changes[0] ?? 0n);
  const count = Math.min(wanted, MAX_HISTORY_CHANGES, canister.history.length);
  const changes = count === 0 ? [] : canister.history.slice(-count);
  const toPrincipals = (ids: string[]) => ids.map((c) => Principal.fromText(c));
  return {
    type: 'reply',
    data: encodeReply(CanisterInfoResult, {
      total_num_changes: BigInt(canister.history.length),
      recent_changes: changes.map((change) => ({
        timestamp_nanos: change.timeNs,
        canister_version: change.version,
        origin: state.canisters.has(change.origin)
          ? { from_canister: { canister_id: Principal.fromText(change.origin), canister_version: [] } }
          : { from_user: { user_id: Principal.fromText(change.origin) } },
        details: change.details.type === 'creation' ? { creation: { controllers: toPrincipals(change.details.controllers), environment_variables_hash: [] } }
          : change.details.type === 'code_uninstall' ? { code_uninstall: null }
          : change.details.type === 'code_deployment' ? { code_deployment: { mode: { [change.details.mode]: null }, module_hash: hexToBytes(change.details.moduleHash) } }
          : change.details.type === 'load_snapshot' ? { load_snapshot: loadSnapshotDetails(change.details) }
          : { controllers_change: { controllers: toPrincipals(change.details.controllers) } },
      })),
      module_hash: canister.moduleHash ? [hexToBytes(canister.moduleHash)] : [],
      controllers: toPrincipals(canister.settings.controllers),
    }),
  };
};

export const CANISTER_ONLY_HANDLERS: Readonly<Record<string, MethodHandler>> = {
  create_canister: createCanisterMethod,
  deposit_cycles: depositCycles,
  raw_rand: rawRand,
  canister_info: canisterInfo,
};
