/**
 * The `canister_status` reply record (ic-reference.md §4.2, DID), built from the canister's state.
 */
import { Principal } from '@dfinity/principal';
import { hexToBytes } from '../hex.ts';
import type { CanisterState } from '../canister/canisterState.ts';
import { memoryBreakdown, memoryUsage } from '../canister/canisterState.ts';
import { canisterIdleBurnPerDay } from '../subnet/canisterOps.ts';
import { logVisibilityCandid } from './logVisibility.ts';
import type { SubnetState } from '../subnet/subnetState.ts';

export function canisterStatusRecord(state: SubnetState, canister: CanisterState): unknown {
  const s = canister.settings;
  const m = memoryBreakdown(canister);
  return {
    status: { [canister.status]: null },
    ready_for_migration: false,
    version: canister.version,
    settings: {
      controllers: s.controllers.map((c) => Principal.fromText(c)),
      compute_allocation: s.computeAllocation,
      memory_allocation: s.memoryAllocation,
      freezing_threshold: s.freezingThreshold,
      reserved_cycles_limit: s.reservedCyclesLimit,
      log_visibility: logVisibilityCandid(s.logVisibility),
      log_memory_limit: s.logMemoryLimit,
      wasm_memory_limit: s.wasmMemoryLimit,
      wasm_memory_threshold: s.wasmMemoryThreshold,
      environment_variables: s.environmentVariables.map(([name, value]) => ({ name, value })),
    },
    module_hash: canister.moduleHash ? [hexToBytes(canister.moduleHash)] : [],
    memory_size: memoryUsage(canister),
    memory_metrics: {
      wasm_memory_size: m.wasmMemory,
      stable_memory_size: m.stableMemory,
      global_memory_size: m.globals,
      wasm_binary_size: m.wasmBinary,
      custom_sections_size: 0n,
      canister_history_size: 0n,
      wasm_chunk_store_size: m.wasmChunkStore,
      snapshots_size: m.snapshots,
      log_memory_store_size: m.logMemoryStore,
    },
    cycles: canister.cycles,
    reserved_cycles: canister.reservedCycles,
    idle_cycles_burned_per_day: canisterIdleBurnPerDay(state, canister),
    query_stats: { num_calls_total: 0n, num_instructions_total: 0n, request_payload_bytes_total: 0n, response_payload_bytes_total: 0n },
  };
}
