/**
 * Builds the Candid argument of a `manage` step (SCENARIO.md: sugar for an ingress call to the management
 * canister), using the management canister's own Candid types from the engine.
 */
import { Principal } from '@dfinity/principal';
import { ManagementCandid, SnapshotCandid } from '../engine/index.ts';
import { chunkBytes, installChunkedCodeArg, stepChunkedInstallInputs, uploadChunkArg } from './chunkManageArg.ts';
import type { ManageStep, UpdateSettingsStep } from './scenarioTypes.ts';

type Opt<T> = [] | [T];
const opt = <T>(value: T | undefined): Opt<T> => (value === undefined ? [] : [value]);
const nat = (text: string | undefined): Opt<bigint> => (text === undefined ? [] : [BigInt(text)]);

export interface ManageArgInputs {
  readonly canisterId: string;
  readonly wasm?: Uint8Array;
  readonly installArg?: Uint8Array;
  /** Controllers resolved to principal text. */
  readonly controllers?: string[];
  /** `install_chunked_code`'s `store`, resolved to principal text. */
  readonly store?: string;
  /** The step's `snapshot` or `replaceSnapshot`, resolved to the id's bytes ("latest" looked up when the step runs). */
  readonly snapshot?: Uint8Array;
  /** `settings.logVisibility.allowedViewers` resolved to principal text. */
  readonly allowedViewers?: string[];
}

function logVisibilityArg(visibility: UpdateSettingsStep['settings']['logVisibility'], viewers: string[] | undefined): Opt<unknown> {
  if (visibility === undefined) return [];
  if (typeof visibility === 'string') return [{ [visibility]: null }];
  return [{ allowed_viewers: (viewers ?? []).map((v) => Principal.fromText(v)) }];
}

export function manageArg(step: ManageStep, inputs: ManageArgInputs): Uint8Array {
  const canister_id = Principal.fromText(inputs.canisterId);
  const { encodeReply } = ManagementCandid;
  switch (step.method) {
    case 'install_code': {
      const mode = step.mode ?? 'install';
      const modeValue = mode === 'upgrade'
        ? { upgrade: step.skipPreUpgrade === undefined ? [] : [{ skip_pre_upgrade: [step.skipPreUpgrade], wasm_memory_persistence: [] }] }
        : { [mode]: null };
      return encodeReply(ManagementCandid.InstallCodeArgs, {
        mode: modeValue, canister_id, wasm_module: inputs.wasm ?? new Uint8Array(0), arg: inputs.installArg ?? new Uint8Array(0), sender_canister_version: [],
      });
    }
    case 'uninstall_code':
      return encodeReply(ManagementCandid.UninstallCodeArgs, { canister_id, sender_canister_version: [] });
    case 'update_settings': {
      const s = step.settings ?? {};
      return encodeReply(ManagementCandid.UpdateSettingsArgs, {
        canister_id,
        settings: {
          controllers: opt(inputs.controllers?.map((c) => Principal.fromText(c))),
          compute_allocation: nat(s.computeAllocation),
          memory_allocation: nat(s.memoryAllocation),
          freezing_threshold: nat(s.freezingThreshold),
          reserved_cycles_limit: nat(s.reservedCyclesLimit),
          log_visibility: logVisibilityArg(s.logVisibility, inputs.allowedViewers),
          log_memory_limit: nat(s.logMemoryLimit),
          wasm_memory_limit: nat(s.wasmMemoryLimit),
          wasm_memory_threshold: [],
          environment_variables: s.environmentVariables === undefined ? []
            : [Object.entries(s.environmentVariables).map(([name, value]) => ({ name, value }))],
        },
        sender_canister_version: [],
      });
    }
    case 'take_canister_snapshot':
      return encodeReply(SnapshotCandid.TakeCanisterSnapshotArgs, {
        canister_id, replace_snapshot: opt(inputs.snapshot), uninstall_code: opt(step.uninstallCode), sender_canister_version: [],
      });
    case 'load_canister_snapshot':
      return encodeReply(SnapshotCandid.LoadCanisterSnapshotArgs, { canister_id, snapshot_id: inputs.snapshot ?? new Uint8Array(0), sender_canister_version: [] });
    case 'delete_canister_snapshot':
      return encodeReply(SnapshotCandid.DeleteCanisterSnapshotArgs, { canister_id, snapshot_id: inputs.snapshot ?? new Uint8Array(0) });
    case 'upload_chunk':
      return uploadChunkArg(inputs.canisterId, chunkBytes(step.chunk));
    case 'install_chunked_code':
      return installChunkedCodeArg(stepChunkedInstallInputs(step, inputs.canisterId, inputs.store, inputs.installArg ?? new Uint8Array(0)));
    default:
      return encodeReply(ManagementCandid.CanisterIdRecord, { canister_id });
  }
}
