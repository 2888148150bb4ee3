/**
 * The one entry point of `src/engine/wasm`: decode a canister module, apply the replica's install-time
 * rules (ic-reference.md §2), and instrument it for metering (§8). Pure and deterministic; never throws.
 *
 * Host contract for the instrumented module (imports it needs besides `ic0`, and what it exports):
 * - `__.out_of_instructions : [] -> []` is called by the dynamic-charge helper when a bulk memory op's charge
 *   leaves the counter negative. The host reads the counter export (REMAINING budget) and traps (throws:
 *   instruction limit exceeded). It must not return: the replica's host may top the counter up and resume
 *   (`SystemApi::out_of_instructions`, time slicing), but this engine runs a long message to its end and slices it
 *   in accounting. At function entries and loop headers, where the replica calls it too, the check traps by itself
 *   instead (a call there would slow every loop): it sets `CALL_DEPTH_EXPORT` to `OUT_OF_INSTRUCTIONS_TRAP` and
 *   executes `unreachable`, so after every trap the host reads that global to name it (`callDepth.ts`).
 * - Within a function the counter's value is cached in a local and written through to the global at every
 *   charge; it is read back only at entry and after calls. So the host may read the global whenever it is
 *   called or a trap ends the execution, and change it during any call (an `ic0` charge), never otherwise.
 * - `__.try_grow_wasm_memory : [i32 i32] -> [i32]` is called after every `memory.grow` with
 *   `(grow_result, delta_pages)`; see `writeMemoryGrow` in `injectedCode.ts` for the exact semantics
 *   (return `grow_result` on success, -1 passes through, trap when the canister's `wasm_memory_limit` or
 *   the subnet's memory would be exceeded).
 * - Exports: `COUNTER_EXPORT` (mutable i64 global: set it to the budget before a call; used = budget -
 *   value after), `MEMORY_EXPORT` (the memory, defined or imported), `TABLE_EXPORT` (the table, if any),
 *   `canister_start` (the former start function, which no longer runs at instantiation), and every
 *   mutable global (names in `info.persistentGlobals`) so the host can snapshot and restore them.
 * - Active data segments are kept, so each instantiation re-applies them to a fresh memory: restore the
 *   saved heap after instantiating (the replica instead strips them and applies them once at install).
 *
 * Write barrier (dirty-page tracking; the playground's own, not the replica's), so a trapped execution can
 * be rolled back by restoring only the 64 KiB pages it wrote. None of it is metered or counted in
 * `wasmInstructionCount`. Names: `MARK_DIRTY_*_IMPORT`, `DIRTY_*_EXPORT`.
 * - Imports, always present (also without a memory, where nothing calls them), so the injected imports
 *   are function indices 0-3 and every original function index shifts by 4:
 *   `__.mark_dirty_page : [i32 page] -> []` is called BEFORE the first store to `page` in an execution
 *   (page = (addr + offset) >> 16, computed without wrapping, so 0..131071): journal the page's current
 *   contents. The page may be one grown in this execution, or at or beyond the memory's current size when the
 *   table reaches past it (an out-of-bounds store that will trap right after with "memory access out of
 *   bounds"; past both ends, the barrier reports nothing): ignore what does not exist.
 *   A store straddling a page boundary reports only its first page: when journaling page p, also save
 *   the first 16 bytes of page p + 1 (the widest store is a v128) unless p + 1 is journaled already.
 *   `__.mark_dirty_range : [i32 dst, i32 len] -> []` is called before every `memory.fill`, `memory.copy`
 *   and `memory.init` (after its dynamic instruction charge): journal the pages of `[dst, dst + len)`
 *   (both unsigned; len may be 0, the range may be out of bounds: the op then traps as usual).
 *   Writes the host itself makes to the heap (ic0 copies) are not seen by the barrier: journal them too.
 * - Exports, only when the module has a memory (`info.memory !== null`):
 *   `DIRTY_PAGES_EXPORT` - externref table, one entry per page of the memory at instantiation, grown by the
 *     barrier when a store reaches a page of the memory past its end (new entries null); a non-null entry means
 *     the page was reported to `mark_dirty_page` in this execution, and stores to it do not call it again.
 *     A host marking a page past the table's end grows it first, with null entries (`table.grow(n, null)`).
 *   `DIRTY_MARKER_EXPORT` - mutable externref global, null at instantiation: right after instantiating,
 *     set it to any non-null value (e.g. `{}`); the barrier stores it into the table. Left null, every
 *     change of page calls `mark_dirty_page` again (still correct if the host deduplicates, but slow).
 *   `DIRTY_LAST_EXPORT`, `DIRTY_PREVIOUS_EXPORT` - mutable i32 globals, the page last reported or found
 *     marked and the one before it (-1 = none); stores to those two pages skip the table lookup.
 *   The host may also set table entries itself (to the marker) for pages it journaled another way (e.g.
 *   through `mark_dirty_range`), so stores to them do not call `mark_dirty_page`.
 * - After EVERY execution (commit or rollback), before the next one: `table.set(p, null)` for every page
 *   `p` ever reported to `mark_dirty_page` or marked by the host since the last reset - including pages
 *   the host decided not to journal (grown, out of bounds): the barrier marks every page it reports - and
 *   set `DIRTY_LAST_EXPORT` and `DIRTY_PREVIOUS_EXPORT` to -1. A page left marked is never reported again, so its writes would
 *   escape the next rollback. A fresh instance starts clean.
 *
 * Fast copies (`fastPath.ts`; the playground's own), only when the module has a memory: every defined function again,
 * without write barrier and writing the counter only before calls and at exits, in a module of their own built on
 * demand (`fastModule.ts`), instantiated on the same memory. Before running one, journal every page of the heap
 * (nothing reports pages) and copy the mutable globals in; after it, copy them out; after a trap other than
 * out-of-instructions, the counter global is stale: roll back and run the export itself instead. Not counted in
 * `wasmInstructionCount`.
 */
import { CanisterModuleError } from './canisterModuleError.ts';
import { detachAnArrayBufferOnce } from './detachAnArrayBufferOnce.ts';
import { decompressModule } from './decompressModule.ts';
import { checkEngineModuleLimits } from './engineModuleLimits.ts';
import { instrumentModule } from './instrumentModule.ts';
import type { CheckedCode } from './instrumentCodeSection.ts';
import { mutableGlobals, type MutableGlobal } from './mutableGlobals.ts';
import { parseModule } from './parseModule.ts';
import { functionType, VALTYPE, type WasmModule } from './wasmModule.ts';
import { planExports } from './planExports.ts';
import { readCandidMetadata, type CandidMetadata } from './readCandidMetadata.ts';
import { validateCustomSections } from './validateCustomSections.ts';
import { validateExports } from './validateExports.ts';
import { validateImports } from './validateImports.ts';
import {
  validateCodeSectionSize, validateDataBounds, validateDataOffsets, validateElementBounds,
  validateGlobalsAndFunctions, validateMemoriesAndTables,
} from './validateModuleStructure.ts';

export {
  COUNTER_EXPORT, MEMORY_EXPORT, TABLE_EXPORT, START_EXPORT, DIRTY_PAGES_EXPORT, DIRTY_LAST_EXPORT, DIRTY_PREVIOUS_EXPORT,
  DIRTY_MARKER_EXPORT,
} from './planExports.ts';
export {
  INJECTED_IMPORT_MODULE, OUT_OF_INSTRUCTIONS_IMPORT, TRY_GROW_WASM_MEMORY_IMPORT, MARK_DIRTY_PAGE_IMPORT,
  MARK_DIRTY_RANGE_IMPORT,
} from './injectedCode.ts';
export { DIRTY_TABLE_SIZE } from './writeBarrier.ts';

export interface CanisterModuleInfo {
  /** `<name>` parts of `canister_update <name>` / `canister_query <name>` / `canister_composite_query <name>`, in export order. */
  updateMethods: string[];
  queryMethods: string[];
  compositeQueryMethods: string[];
  hasInit: boolean;
  hasPreUpgrade: boolean;
  hasPostUpgrade: boolean;
  hasInspectMessage: boolean;
  hasHeartbeat: boolean;
  hasGlobalTimer: boolean;
  hasOnLowWasmMemory: boolean;
  /** The module had a `(start)` function; it is now exported as `canister_start`. */
  hasStart: boolean;
  /**
   * The module has a data count section, so its code may `data.drop` (or `memory.init`) passive segments: state of
   * an instance outside its memory and globals, which a checkpoint cannot carry (`subnet/subnetCheckpoint.ts`).
   */
  usesPassiveData: boolean;
  /** Some data segment is passive: an instance keeps its bytes for `memory.init` (no fast module: `fastModule.ts`). */
  hasPassiveData: boolean;
  /**
   * Its code can change state an instance holds besides its memory and globals (it can drop a segment:
   * `instanceState.ts`), or it has a v128 global JavaScript cannot read: its runtime keeps its instance
   * (`canister/liveInstances.ts`).
   */
  keepsInstance: boolean;
  /** `ic0` function names imported. */
  ic0Imports: string[];
  /** The module's only memory; `imported` means `env.memory`. */
  memory: { initialPages: number; maximumPages: number | null; imported: boolean } | null;
  /** The `env.table` import, if any (the host must supply it). */
  importsTable: { initial: number; maximum: number | null } | null;
  /** Export names (in the instrumented module) of all mutable globals except the counter, in global-index order. */
  persistentGlobals: string[];
  /** The same globals named and typed for the inspector (the module's own: none of the instrumenter's). */
  mutableGlobals: MutableGlobal[];
  /**
   * The replica's `wasm_instruction_count`: instructions in all function bodies of the INSTRUMENTED module
   * (injected metering code and the charging helper included) plus 2 per global (counter included). The
   * replica charges 6,000 instructions per unit for compilation (ic-reference.md §6.1).
   */
  wasmInstructionCount: number;
  /** Names after the `icp:public ` / `icp:private ` prefixes. */
  publicCustomSections: string[];
  privateCustomSections: string[];
  /** The Candid interface in the module's `candid:service` / `candid:args` metadata, if it has one. */
  candid: CandidMetadata | null;
}

export interface PreparedModule {
  info: CanisterModuleInfo;
  instrumented: Uint8Array;
  /** The module as uploaded (gzipped or not): what a canister snapshot keeps and loads again (ic-reference.md §12). */
  wasm: Uint8Array;
  /** What instrumenting it found in its bodies, for building its fast module without checking them again. */
  checked: CheckedCode;
}

/** `compiled`: the instrumented module compiled by V8 (what an install instantiates). */
export type PrepareResult = { ok: true; module: PreparedModule; compiled: WebAssembly.Module } | { ok: false; error: string };

/** Accepts raw Wasm (`\0asm`) or gzip (1f 8b 08, at most 100 MiB uncompressed). Never throws on any input. */
export function prepareCanisterModule(bytes: Uint8Array): PrepareResult {
  detachAnArrayBufferOnce();
  try {
    if (!(bytes instanceof Uint8Array)) throw new CanisterModuleError('Failed to decode wasm module: expected the module as bytes.');
    return { ok: true, ...prepare(bytes) };
  } catch (e) {
    if (e instanceof CanisterModuleError) return { ok: false, error: e.message };
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `Internal error while preparing the Wasm module: ${detail}` };
  }
}

function prepare(input: Uint8Array): { module: PreparedModule; compiled: WebAssembly.Module } {
  const bytes = decompressModule(input);
  const module = parseModule(bytes);
  // Rule order follows the replica's `validate_wasm_binary` where it matters for which error is reported.
  validateCodeSectionSize(module);
  const memory = validateMemoriesAndTables(module);
  const imports = validateImports(module.imports, module.types, false);
  const exports = validateExports(module);
  validateDataOffsets(module);
  validateGlobalsAndFunctions(module);
  const plan = planExports(module);
  const instrumented = instrumentModule(module, plan); // also applies the per-function code rules
  checkEngineModuleLimits(module, instrumented.bytes); // before V8 compiles either: a clear refusal, and sooner
  const customs = validateCustomSections(module.customs);
  validateDataBounds(module, memory);
  validateElementBounds(module);
  const compiled = compileChecked(module, instrumented.bytes);
  const has = (name: string): boolean => exports.entryPoints.has(name);
  const prepared: PreparedModule = {
    instrumented: instrumented.bytes,
    wasm: input,
    checked: { depthCounted: instrumented.depthCounted, changesInstanceState: instrumented.changesInstanceState },
    info: {
      updateMethods: exports.updateMethods,
      queryMethods: exports.queryMethods,
      compositeQueryMethods: exports.compositeQueryMethods,
      hasInit: has('canister_init'),
      hasPreUpgrade: has('canister_pre_upgrade'),
      hasPostUpgrade: has('canister_post_upgrade'),
      hasInspectMessage: has('canister_inspect_message'),
      hasHeartbeat: has('canister_heartbeat'),
      hasGlobalTimer: has('canister_global_timer'),
      hasOnLowWasmMemory: has('canister_on_low_wasm_memory'),
      hasStart: module.start !== null,
      usesPassiveData: module.dataCount !== null,
      hasPassiveData: module.data.some((segment) => !segment.active),
      keepsInstance: instrumented.changesInstanceState || module.globals.some((g) => g.mutable && g.valType === VALTYPE.v128),
      ic0Imports: imports.ic0Imports,
      memory,
      importsTable: imports.importsTable,
      persistentGlobals: plan.persistentGlobals,
      mutableGlobals: mutableGlobals(module),
      wasmInstructionCount: instrumented.instructionCount,
      publicCustomSections: customs.publicCustomSections,
      privateCustomSections: customs.privateCustomSections,
      candid: readCandidMetadata(bytes),
    },
  };
  return { module: prepared, compiled };
}

/**
 * The instrumented module compiled by V8, which validates it as it does (with lazy compilation, compiling is
 * validating: function bodies are compiled when first called). That is also the engine's own structural and type
 * validation of the module as uploaded, as the replica runs wasmtime's (our decoder does not type-check function
 * bodies): the instrumented module holds every body of the original unchanged but for the code it adds, so the
 * original is validated on its own only when V8 refuses the instrumented one, to say whose fault it is — or when
 * the rewrite left out what V8 would check: the start section, whose function is exported as `canister_start`
 * instead, where any type is allowed.
 */
function compileChecked(original: WasmModule, instrumented: Uint8Array): WebAssembly.Module {
  const start = original.start === null ? null : functionType(original, original.start);
  if (start && (start.params.length > 0 || start.results.length > 0)) checkEngineAccepts(original.bytes, 'Wasm module is not valid WebAssembly');
  try {
    return new WebAssembly.Module(instrumented as Uint8Array<ArrayBuffer>);
  } catch (error) {
    checkEngineAccepts(original.bytes, 'Wasm module is not valid WebAssembly');
    throw new CanisterModuleError(`Internal error: the instrumented module is not valid WebAssembly: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** V8's verdict on `bytes`: only on failure is the module compiled, to get the engine's message. */
function checkEngineAccepts(bytes: Uint8Array, prefix: string): void {
  const source = bytes as Uint8Array<ArrayBuffer>;
  if (WebAssembly.validate(source)) return;
  let detail = 'rejected by the WebAssembly engine';
  try {
    new WebAssembly.Module(source);
  } catch (e) {
    detail = e instanceof Error ? e.message : String(e);
  }
  throw new CanisterModuleError(`${prefix}: ${detail}`);
}
