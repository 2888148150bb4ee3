/**
 * Whole-module canister rules that are not about imports, exports or code (ic-reference.md §2.3):
 * the feature set (one memory, no memory64 here, no threads, no exceptions, one table), the global and
 * function limits, data segment offsets, and the code section size. Messages follow the replica where it
 * has one (VALID, `WasmValidationError` Display).
 */
import { CanisterModuleError } from './canisterModuleError.ts';
import { describeConstExpr } from './constExpr.ts';
import { OP } from './opcodes.ts';
import { VALTYPE, countImports, valTypeName, type Limits, type WasmModule } from './wasmModule.ts';

/** EMBCFG `max_globals`, `max_functions`; VALID `MAX_CODE_SECTION_SIZE_IN_BYTES`. */
export const MAX_GLOBALS = 1_000;
export const MAX_FUNCTIONS = 50_000;
export const MAX_CODE_SECTION_SIZE_IN_BYTES = 10 * 1024 * 1024;
/** The replica's store allows one table of at most 1,000,000 elements (`MAX_STORE_TABLES`, `MAX_STORE_TABLE_ELEMENTS`). */
export const MAX_TABLE_ELEMENTS = 1_000_000;
export const WASM_PAGE_SIZE = 65_536;

export const MEMORY64_UNSUPPORTED = '64-bit memory (wasm64) is not supported by this playground yet';

export interface MemorySummary {
  initialPages: number;
  maximumPages: number | null;
  imported: boolean;
}

/** The module's memories, imported first, as the index space numbers them. */
export function memoryLimits(module: WasmModule): { limits: Limits; imported: boolean }[] {
  const found: { limits: Limits; imported: boolean }[] = [];
  for (const imp of module.imports) if (imp.desc.kind === 'memory') found.push({ limits: imp.desc.limits, imported: true });
  for (const limits of module.memories) found.push({ limits, imported: false });
  return found;
}

/** Memory and table rules; returns the (only) memory, if any. */
export function validateMemoriesAndTables(module: WasmModule): MemorySummary | null {
  const memories = memoryLimits(module);
  if (memories.some((m) => m.limits.index64)) throw new CanisterModuleError(`${MEMORY64_UNSUPPORTED}.`);
  if (memories.length > 1) {
    throw new CanisterModuleError(
      `Wasm module declares ${memories.length} memories, but at most one is allowed (multi-memory is not enabled on the Internet Computer).`,
    );
  }
  if (memories.some((m) => m.limits.shared)) {
    throw new CanisterModuleError('Wasm module declares a shared memory, but threads and atomics are not enabled on the Internet Computer.');
  }
  const tables = [
    ...module.imports.flatMap((imp) => (imp.desc.kind === 'table' ? [imp.desc.table] : [])),
    ...module.tables,
  ];
  if (tables.length > 1) throw new CanisterModuleError(`Wasm module declares ${tables.length} tables, but at most one is allowed.`);
  for (const table of tables) {
    if (table.limits.index64) throw new CanisterModuleError('Wasm module declares a 64-bit table, which is not supported.');
    if (table.limits.initial > MAX_TABLE_ELEMENTS) {
      throw new CanisterModuleError(
        `Wasm module declares a table of ${table.limits.initial} elements, but at most ${MAX_TABLE_ELEMENTS} are allowed.`,
      );
    }
  }
  if (module.tagCount > 0 || countImports(module, 'tag') > 0) {
    throw new CanisterModuleError('Wasm module declares exception tags, but exception handling is not enabled on the Internet Computer.');
  }
  const memory = memories[0];
  return memory ? { initialPages: memory.limits.initial, maximumPages: memory.limits.maximum, imported: memory.imported } : null;
}

/** VALID `validate_global_section` and `validate_function_section`. */
export function validateGlobalsAndFunctions(module: WasmModule): void {
  if (module.globals.length > MAX_GLOBALS) {
    throw new CanisterModuleError(
      `Wasm module defined ${module.globals.length} globals which exceeds the maximum number allowed ${MAX_GLOBALS}.`,
    );
  }
  for (const global of module.globals) {
    const t = global.valType;
    if (t !== VALTYPE.i32 && t !== VALTYPE.i64 && t !== VALTYPE.f32 && t !== VALTYPE.f64 && t !== VALTYPE.v128) {
      throw new CanisterModuleError(`Wasm module has an invalid global section. Unsupported global type: ${valTypeName(t)}`);
    }
  }
  if (module.functions.length > MAX_FUNCTIONS) {
    throw new CanisterModuleError(
      `Wasm module defined ${module.functions.length} functions which exceeds the maximum number allowed ${MAX_FUNCTIONS}.`,
    );
  }
}

/** VALID `validate_data_section`: active offsets must be one `i32.const` (wasm32). */
export function validateDataOffsets(module: WasmModule): void {
  for (const segment of module.data) {
    if (segment.offset && segment.offset.op !== OP.i32Const) {
      throw new CanisterModuleError(
        'Wasm module has an invalid data section. Invalid offset expression in data segment for 32bit memory: ' +
          `${describeConstExpr(segment.offset)}`,
      );
    }
  }
}

/**
 * INSTR `Segments::validate`: every active segment must fit in the initial memory (the replica checks
 * this when it extracts the segments; an engine would fail at instantiation instead).
 */
export function validateDataBounds(module: WasmModule, memory: MemorySummary | null): void {
  const initialBytes = (memory?.initialPages ?? 0) * WASM_PAGE_SIZE;
  for (const segment of module.data) {
    if (!segment.offset) continue;
    const offset = segment.offset.value >>> 0; // i32.const offsets are unsigned addresses
    const len = segment.dataEnd - segment.dataStart;
    if (offset + len > initialBytes) {
      throw new CanisterModuleError(`Wasm module has invalid data segment of ${len} bytes at ${offset}`);
    }
  }
}

/**
 * Active element segments with a constant offset must fit in the table's initial size. The replica has
 * no validation rule for this (instantiation fails at install time instead); checking here gives the
 * user a precise message before deployment.
 */
export function validateElementBounds(module: WasmModule): void {
  const imported = module.imports.find((imp) => imp.desc.kind === 'table');
  const table = imported?.desc.kind === 'table' ? imported.desc.table : module.tables[0];
  const size = table?.limits.initial ?? 0;
  module.elements.forEach((segment, index) => {
    if (!segment.offset || segment.offset.op !== OP.i32Const) return;
    const count = segment.funcIndices?.length ?? segment.exprs?.length ?? 0;
    const offset = segment.offset.value >>> 0;
    if (offset + count > size) {
      throw new CanisterModuleError(
        `Wasm module has an invalid element segment ${index}: ${count} elements at offset ${offset} do not fit in a table of ${size}.`,
      );
    }
  });
}

/** VALID `check_code_section_size`. */
export function validateCodeSectionSize(module: WasmModule): void {
  if (module.codeSectionSize > MAX_CODE_SECTION_SIZE_IN_BYTES) {
    throw new CanisterModuleError(
      `Wasm module code section size of ${module.codeSectionSize} exceeds the maximum allowed size of ${MAX_CODE_SECTION_SIZE_IN_BYTES}.`,
    );
  }
}
