/**
 * The one entry point of `src/engine/wasm`: decode a canister module, apply the replica's install-time
 * rules (ic-reference.md §2), and instrument it for metering (§8). Pure and deterministic; never throws.
 *
 * Host contract for the instrumented module (imports it needs besides `ic0`, and what it exports):
 * - `__.out_of_instructions : [] -> []` is called when the counter global is negative at a function
 *   entry, a loop header, or after a bulk memory op charged its size. The host reads the counter export
 *   (REMAINING budget), then either traps (throw: instruction limit exceeded) or tops the counter up and
 *   returns to continue (deterministic time slicing); the replica does exactly this in
 *   `SystemApi::out_of_instructions`.
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
 */
import { CanisterModuleError } from './canisterModuleError.ts';
import { decompressModule } from './decompressModule.ts';
import { instrumentModule } from './instrumentModule.ts';
import { parseModule } from './parseModule.ts';
import { planExports } from './planExports.ts';
import { validateCustomSections } from './validateCustomSections.ts';
import { validateExports } from './validateExports.ts';
import { validateImports } from './validateImports.ts';
import {
  validateCodeSectionSize, validateDataBounds, validateDataOffsets, validateElementBounds,
  validateGlobalsAndFunctions, validateMemoriesAndTables,
} from './validateModuleStructure.ts';

export { COUNTER_EXPORT, MEMORY_EXPORT, TABLE_EXPORT, START_EXPORT } from './planExports.ts';

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
  /** `ic0` function names imported. */
  ic0Imports: string[];
  /** The module's only memory; `imported` means `env.memory`. */
  memory: { initialPages: number; maximumPages: number | null; imported: boolean } | null;
  /** The `env.table` import, if any (the host must supply it). */
  importsTable: { initial: number; maximum: number | null } | null;
  /** Export names (in the instrumented module) of all mutable globals except the counter, in global-index order. */
  persistentGlobals: string[];
  /**
   * The replica's `wasm_instruction_count`: instructions in all function bodies of the INSTRUMENTED module
   * (injected metering code and the charging helper included) plus 2 per global (counter included). The
   * replica charges 6,000 instructions per unit for compilation (ic-reference.md §6.1).
   */
  wasmInstructionCount: number;
  /** Names after the `icp:public ` / `icp:private ` prefixes. */
  publicCustomSections: string[];
  privateCustomSections: string[];
}

export interface PreparedModule {
  info: CanisterModuleInfo;
  instrumented: Uint8Array;
}

export type PrepareResult = { ok: true; module: PreparedModule } | { ok: false; error: string };

/** Accepts raw Wasm (`\0asm`) or gzip (1f 8b 08, at most 100 MiB uncompressed). Never throws on any input. */
export function prepareCanisterModule(bytes: Uint8Array): PrepareResult {
  try {
    if (!(bytes instanceof Uint8Array)) throw new CanisterModuleError('Failed to decode wasm module: expected the module as bytes.');
    return { ok: true, module: prepare(bytes) };
  } catch (e) {
    if (e instanceof CanisterModuleError) return { ok: false, error: e.message };
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `Internal error while preparing the Wasm module: ${detail}` };
  }
}

function prepare(input: Uint8Array): PreparedModule {
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
  const customs = validateCustomSections(module.customs);
  validateDataBounds(module, memory);
  validateElementBounds(module);
  checkEngineAccepts(bytes, 'Wasm module is not valid WebAssembly');
  checkEngineAccepts(instrumented.bytes, 'Internal error: the instrumented module is not valid WebAssembly');
  const has = (name: string): boolean => exports.entryPoints.has(name);
  return {
    instrumented: instrumented.bytes,
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
      ic0Imports: imports.ic0Imports,
      memory,
      importsTable: imports.importsTable,
      persistentGlobals: plan.persistentGlobals,
      wasmInstructionCount: instrumented.instructionCount,
      publicCustomSections: customs.publicCustomSections,
      privateCustomSections: customs.privateCustomSections,
    },
  };
}

/**
 * The engine's own structural and type validation, as the replica runs wasmtime's: our decoder does not
 * type-check function bodies. Only on failure is the module compiled, to get the engine's message.
 */
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
