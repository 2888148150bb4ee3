/**
 * The execution state a canister snapshot keeps, read from a runtime and put back into a new one (ic-reference.md
 * §12; replica `CanisterSnapshot::from_canister` copies the module, Wasm memory, stable memory and exported globals;
 * `load_canister_snapshot` creates a new execution state from the snapshot's module and then puts the memories and
 * globals back). Only committed state is read: the management canister never runs while a canister's transaction
 * is open (a paused long message postpones it, ic-reference.md §4.2).
 */
import { CanisterRuntime, type GlobalValue, type RuntimeCheckpoint } from './canisterRuntime.ts';
import { WASM_PAGE_BYTES } from './stableMemory.ts';
import type { SubnetConfig } from '../params.ts';
import { UNMETERED, type MemoryMeter } from './memoryMeter.ts';
import type { PreparedModule } from '../wasm/prepareCanisterModule.ts';

export interface CapturedExecutionState {
  readonly module: Uint8Array;
  readonly wasmMemory: Uint8Array;
  readonly stablePages: ReadonlyMap<number, Uint8Array>;
  readonly stableSizePages: number;
  readonly globals: readonly GlobalValue[];
}

/** Copies of a runtime's module, heap, stable memory and mutable globals. */
export function captureExecutionState(runtime: CanisterRuntime): CapturedExecutionState {
  return {
    module: runtime.prepared.wasm,
    wasmMemory: runtime.heapCopy(),
    stablePages: runtime.stable.checkpointPages(null),
    stableSizePages: runtime.stable.size(),
    globals: [...runtime.committedGlobals()],
  };
}

/**
 * A new runtime instantiated from `prepared` (the snapshot's module) holding the captured memories and globals,
 * counted on `meter` (the subnet's memory budget).
 * It starts as a freshly installed module does: no fast-path predictions, no globals "at the start of the round".
 */
export function runtimeFromCapturedState(
  captured: Omit<CapturedExecutionState, 'module'>, prepared: PreparedModule, compiled: WebAssembly.Module, config: SubnetConfig,
  meter: MemoryMeter = UNMETERED,
): CanisterRuntime {
  const heapPages: Uint8Array[] = [];
  for (let at = 0; at < captured.wasmMemory.length; at += WASM_PAGE_BYTES) {
    heapPages.push(captured.wasmMemory.subarray(at, at + WASM_PAGE_BYTES));
  }
  // A runtime checkpoint is exactly "module + heap pages + globals + stable pages": its restore copies every array.
  const state: RuntimeCheckpoint = {
    prepared,
    compiled,
    heapPages,
    globals: captured.globals,
    roundStart: null,
    stablePages: captured.stablePages,
    stableSizePages: captured.stableSizePages,
    lastInstructions: new Map(),
  };
  return CanisterRuntime.fromCheckpoint(state, config, null, meter);
}
