/**
 * The export list of the instrumented module, computed once so validation can refuse user exports that
 * would clash with it and the assembler can write it. Order and naming follow the replica's
 * `export_table`, `update_memories`, `export_mutable_globals` and `export_additional_symbols`
 * (ic-reference.md §8.1; INSTR @ 002d5530).
 */
import { CALL_DEPTH_EXPORT, callDepthGlobalIndex } from './callDepth.ts';
import { CanisterModuleError } from './canisterModuleError.ts';
import { INJECTED_IMPORT_COUNT } from './injectedCode.ts';
import { EXTERNAL_KIND, countImports, type WasmModule } from './wasmModule.ts';
import { writeBarrierLayout } from './writeBarrier.ts';

/** The instruction counter global: holds the REMAINING budget (ic-reference.md §8.1). */
export const COUNTER_EXPORT = 'canister counter_instructions';
/** The replica's `WASM_HEAP_MEMORY_NAME`; user memory exports are renamed to it. */
export const MEMORY_EXPORT = 'memory';
/** The replica's `TABLE_STR`; user table exports are renamed to it. */
export const TABLE_EXPORT = 'table';
/** The former `(start)` function (replica `CANISTER_START_STR`). */
export const START_EXPORT = 'canister_start';
/** Unexported mutable globals get `__persistent_mutable_global_<global index>` (replica naming). */
export const PERSISTENT_GLOBAL_PREFIX = '__persistent_mutable_global_';
/**
 * The write barrier's exports (not in the replica; contract in `prepareCanisterModule.ts`), present only
 * when the module has a memory: the externref table of journaled pages, the i32 globals caching the two
 * pages last marked, and the externref global holding the marker the barrier stores in the table.
 */
export const DIRTY_PAGES_EXPORT = '__dirty_pages';
export const DIRTY_LAST_EXPORT = '__dirty_last';
export const DIRTY_PREVIOUS_EXPORT = '__dirty_previous';
export const DIRTY_MARKER_EXPORT = '__dirty_marker';
/** Names the barrier may export; canisters may not export them, with or without a memory. */
export const WRITE_BARRIER_EXPORTS: readonly string[] = [
  DIRTY_PAGES_EXPORT, DIRTY_LAST_EXPORT, DIRTY_PREVIOUS_EXPORT, DIRTY_MARKER_EXPORT,
];

export interface PlannedExport {
  name: string;
  kind: number;
  index: number;
}

export interface ExportPlan {
  exports: PlannedExport[];
  /** Export name of every mutable global except the counter, in global-index order. */
  persistentGlobals: string[];
}

/** Computes the instrumented module's exports; throws if a user export would clash with an added one. */
export function planExports(module: WasmModule): ExportPlan {
  const exports: PlannedExport[] = [];
  let memoryExported = false;
  let tableExported = false;
  const globalExportName = new Map<number, string>();
  for (const exp of module.exports) {
    if (exp.kind === EXTERNAL_KIND.func) {
      exports.push({ name: exp.name, kind: exp.kind, index: exp.index + INJECTED_IMPORT_COUNT });
    } else if (exp.kind === EXTERNAL_KIND.memory) {
      // Renamed in place; a second export of the same (only) memory would duplicate the name, so it goes.
      if (!memoryExported) exports.push({ name: MEMORY_EXPORT, kind: exp.kind, index: exp.index });
      memoryExported = true;
    } else if (exp.kind === EXTERNAL_KIND.table) {
      if (!tableExported) exports.push({ name: TABLE_EXPORT, kind: exp.kind, index: exp.index });
      tableExported = true;
    } else {
      if (exp.kind === EXTERNAL_KIND.global && !globalExportName.has(exp.index)) globalExportName.set(exp.index, exp.name);
      exports.push({ name: exp.name, kind: exp.kind, index: exp.index });
    }
  }
  if (!tableExported && countImports(module, 'table') + module.tables.length > 0) {
    exports.push({ name: TABLE_EXPORT, kind: EXTERNAL_KIND.table, index: 0 });
  }
  if (!memoryExported && countImports(module, 'memory') + module.memories.length > 0) {
    exports.push({ name: MEMORY_EXPORT, kind: EXTERNAL_KIND.memory, index: 0 });
  }
  const persistentGlobals: string[] = [];
  module.globals.forEach((global, index) => {
    if (!global.mutable) return;
    let name = globalExportName.get(index);
    if (name === undefined) {
      name = `${PERSISTENT_GLOBAL_PREFIX}${index}`;
      exports.push({ name, kind: EXTERNAL_KIND.global, index });
    }
    persistentGlobals.push(name);
  });
  exports.push({ name: COUNTER_EXPORT, kind: EXTERNAL_KIND.global, index: module.globals.length });
  const barrier = writeBarrierLayout(module);
  if (barrier) {
    exports.push({ name: DIRTY_PAGES_EXPORT, kind: EXTERNAL_KIND.table, index: barrier.table });
    exports.push({ name: DIRTY_LAST_EXPORT, kind: EXTERNAL_KIND.global, index: barrier.lastGlobal });
    exports.push({ name: DIRTY_MARKER_EXPORT, kind: EXTERNAL_KIND.global, index: barrier.markerGlobal });
    exports.push({ name: DIRTY_PREVIOUS_EXPORT, kind: EXTERNAL_KIND.global, index: barrier.previousGlobal });
  }
  exports.push({ name: CALL_DEPTH_EXPORT, kind: EXTERNAL_KIND.global, index: callDepthGlobalIndex(module, barrier !== null) });
  if (module.start !== null) {
    exports.push({ name: START_EXPORT, kind: EXTERNAL_KIND.func, index: module.start + INJECTED_IMPORT_COUNT });
  }
  checkUnique(exports);
  return { exports, persistentGlobals };
}

/**
 * The fast module's exports (`fastPath.ts`): what the host reaches in it, under the names it has in the instrumented
 * module — the functions, the table, the mutable globals (the host copies their values in and out), the counter and
 * the call-depth global (at its index without a write barrier). Not the memory (the fast module imports it) nor the
 * barrier's.
 */
export function fastModuleExports(module: WasmModule, plan: ExportPlan): PlannedExport[] {
  const userGlobals = module.globals.length;
  return [
    ...plan.exports.filter((e) => e.kind === EXTERNAL_KIND.func || (e.kind === EXTERNAL_KIND.table && e.name === TABLE_EXPORT)
      || (e.kind === EXTERNAL_KIND.global && (e.index < userGlobals || e.name === COUNTER_EXPORT))),
    { name: CALL_DEPTH_EXPORT, kind: EXTERNAL_KIND.global, index: callDepthGlobalIndex(module, false) },
  ];
}

function checkUnique(exports: PlannedExport[]): void {
  const seen = new Set<string>();
  for (const exp of exports) {
    if (seen.has(exp.name)) {
      const what = exp.name === MEMORY_EXPORT ? 'the Wasm memory'
        : exp.name === TABLE_EXPORT ? 'the table'
        : 'a mutable global';
      throw new CanisterModuleError(
        `Wasm module has an invalid export section. Exporting reserved symbol ${exp.name} not allowed: ` +
          `the instrumented module exports ${what} under this name.`,
      );
    }
    seen.add(exp.name);
  }
}
