/**
 * Builds the Candid argument of a `manage` step (SCENARIO.md: sugar for an ingress call to the management
 * canister), using the management canister's own Candid types from the engine.
 */
import { Principal } from '@dfinity/principal';
import { ManagementCandid } from '../engine/index.ts';
import type { ManageStep } from './scenarioTypes.ts';

type Opt<T> = [] | [T];
const opt = <T>(value: T | undefined): Opt<T> => (value === undefined ? [] : [value]);
const nat = (text: string | undefined): Opt<bigint> => (text === undefined ? [] : [BigInt(text)]);

export interface ManageArgInputs {
  readonly canisterId: string;
  readonly wasm?: Uint8Array;
  readonly installArg?: Uint8Array;
  /** Controllers resolved to principal text. */
  readonly controllers?: string[];
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
          log_visibility: [],
          wasm_memory_limit: nat(s.wasmMemoryLimit),
          wasm_memory_threshold: [],
          environment_variables: [],
        },
        sender_canister_version: [],
      });
    }
    default:
      return encodeReply(ManagementCandid.CanisterIdRecord, { canister_id });
  }
}
