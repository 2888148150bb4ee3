/**
 * Validates and applies a Candid `canister_settings` record (ic-reference.md §4.1). All fields are checked
 * before any is applied, so a bad record changes nothing.
 */
import type { Principal } from '@dfinity/principal';
import type { CanisterSettings, CanisterState } from '../canister/canisterState.ts';
import { resizeLogStore } from '../canister/canisterLogStore.ts';
import { allowedViewersOverBound, logVisibilityFromCandid } from './logVisibility.ts';
import { logMemoryLimitRefusal } from './logMemoryLimit.ts';
import { ErrorCode, systemReject, type Reject } from '../errors.ts';
import { canisterError } from '../subnet/canisterOps.ts';
import type { SubnetState } from '../subnet/subnetState.ts';

type Opt<T> = [] | [T];
export interface CandidSettings {
  controllers: Opt<Principal[]>;
  compute_allocation: Opt<bigint>;
  memory_allocation: Opt<bigint>;
  freezing_threshold: Opt<bigint>;
  reserved_cycles_limit: Opt<bigint>;
  log_visibility: Opt<Record<string, unknown>>;
  log_memory_limit?: Opt<bigint>;
  wasm_memory_limit: Opt<bigint>;
  wasm_memory_threshold: Opt<bigint>;
  environment_variables: Opt<{ name: string; value: string }[]>;
}

const U64_MAX = (1n << 64n) - 1n;
/** `wasm_memory_limit` and `wasm_memory_threshold` range 0–2^48 (§4.1). */
const MAX_2_48 = 1n << 48n;

export type ApplySettingsResult = { ok: true; fields: string[] } | { ok: false; reject: Reject };

/**
 * More than 10 controllers fail while the argument is decoded (the replica's `BoundedControllers`), before the
 * canister is looked up or anything is charged: IC0408 invalid management payload, reject code 4 (ic-reference.md
 * §6.3 Controllers row, EECFG `MAX_ALLOWED_CONTROLLERS_COUNT`; replica test `too_many_controllers`).
 */
export function controllersOverBound(state: SubnetState, settings: CandidSettings | undefined): Reject | null {
  const max = state.config.params.maxControllers;
  const [controllers] = settings?.controllers ?? [];
  if (!controllers || BigInt(controllers.length) <= max) return null;
  return systemReject(ErrorCode.InvalidManagementPayload, `Error decoding candid: Deserialize error: The number of elements exceeds maximum allowed ${max}`);
}

export function applySettings(state: SubnetState, canister: CanisterState, settings: CandidSettings): ApplySettingsResult {
  const invalid = (message: string): ApplySettingsResult => ({
    ok: false, reject: canisterError(canister.id, ErrorCode.CanisterContractViolation, `Invalid settings: ${message}`),
  });
  const next: Partial<CanisterSettings> = {};
  const overBound = controllersOverBound(state, settings);
  if (overBound) return { ok: false, reject: overBound };
  const [controllers] = settings.controllers;
  if (controllers) next.controllers = [...new Set(controllers.map((c) => c.toText()))];
  const [compute] = settings.compute_allocation;
  if (compute !== undefined) {
    if (compute > 100n) return invalid(`compute_allocation must be a percentage between 0 and 100, found ${compute}`);
    next.computeAllocation = compute;
  }
  const [memory] = settings.memory_allocation;
  if (memory !== undefined) {
    if (memory > U64_MAX) return invalid('memory_allocation must fit into 64 bits');
    next.memoryAllocation = memory;
  }
  const [freezing] = settings.freezing_threshold;
  if (freezing !== undefined) {
    if (freezing > U64_MAX) return invalid('freezing_threshold must fit into 64 bits');
    next.freezingThreshold = freezing;
  }
  const [reserved] = settings.reserved_cycles_limit;
  if (reserved !== undefined) next.reservedCyclesLimit = reserved;
  const [limit] = settings.wasm_memory_limit;
  if (limit !== undefined) {
    if (limit > MAX_2_48) return invalid(`wasm_memory_limit must be at most 2^48, found ${limit}`);
    next.wasmMemoryLimit = limit;
  }
  const [threshold] = settings.wasm_memory_threshold;
  if (threshold !== undefined) {
    if (threshold > MAX_2_48) return invalid(`wasm_memory_threshold must be at most 2^48, found ${threshold}`);
    next.wasmMemoryThreshold = threshold;
  }
  const [visibility] = settings.log_visibility;
  const viewersOverBound = allowedViewersOverBound(visibility, state.config.params.maxControllers);
  if (viewersOverBound) return { ok: false, reject: viewersOverBound };
  if (visibility) next.logVisibility = logVisibilityFromCandid(visibility);
  const [logLimit] = settings.log_memory_limit ?? [];
  if (logLimit !== undefined) {
    const refused = logMemoryLimitRefusal(state, logLimit);
    if (refused) return { ok: false, reject: refused };
  }
  const [vars] = settings.environment_variables;
  if (vars) {
    const { maxEnvironmentVariables: maxVars, maxEnvironmentVariableBytes: maxBytes } = state.config.params;
    if (BigInt(vars.length) > maxVars) return invalid(`at most ${maxVars} environment variables are allowed`);
    const encoder = new TextEncoder();
    const tooLong = vars.find((v) => BigInt(encoder.encode(v.name).length) > maxBytes || BigInt(encoder.encode(v.value).length) > maxBytes);
    if (tooLong) return invalid(`environment variable "${tooLong.name}" is longer than ${maxBytes} bytes`);
    next.environmentVariables = vars.map((v) => [v.name, v.value]);
  }
  Object.assign(canister.settings, next);
  // A new limit resizes the log store, purging its oldest records if they no longer fit (§12).
  if (logLimit !== undefined) resizeLogStore(state.config.params, canister, logLimit);
  const fields = Object.keys(next);
  if (logLimit !== undefined) fields.push('logMemoryLimit');
  return { ok: true, fields };
}
