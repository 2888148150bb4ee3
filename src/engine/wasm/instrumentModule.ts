/**
 * Binary-to-binary rewrite of a validated canister module, following the replica's `instrument`
 * (ic-reference.md §8.1; INSTR @ 002d5530):
 *
 * - imports `__.out_of_instructions : [] -> []` and `__.try_grow_wasm_memory : [i32 i32] -> [i32]` are
 *   prepended, then (not in the replica) the write barrier's `__.mark_dirty_page : [i32] -> []` and
 *   `__.mark_dirty_range : [i32 i32] -> []`, so every function index shifts by 4 (calls, `ref.func` in
 *   code, globals and element segments, exports, the start function, and the `name` section);
 * - a mutable i64 counter global is appended and exported as `canister counter_instructions`;
 * - the dynamic-charge helper `[i64] -> [i64]` is appended after the module's functions;
 * - every body gets the metering code (see `injectionPoints.ts`, `instrumentFunctionBody.ts`);
 * - a `metadata.code.branch_hint` section marks the injected checks' rare branches (`branchHints.ts`);
 * - with a memory, the write barrier (`writeBarrier.ts`): an externref table after the module's table,
 *   globals `dirty_last` (i32), `dirty_marker` (externref) and `dirty_previous` (i32) after the counter, the mark
 *   function, its five pass-through variants and the five outlined store barriers after the helper, and a barrier
 *   before every store (inline in a loop, a call of the outlined one elsewhere) and bulk memory write; none of it is
 *   metered;
 * - the start section is removed and the start function exported as `canister_start`;
 * - memory, table and all mutable globals are exported (`planExports.ts`).
 *
 * The same rewrite with `variant` `'fast'` makes the fast module (`fastPath.ts`): the same imports (the memory
 * imported too), types, tables, element segments and globals, so every index is the same, but each body its fast
 * copy, no write barrier, no data (active segments become empty passive ones), no custom sections, and only the
 * exports the host uses (`fastModuleExports`).
 *
 * Type indices never shift (new types are appended) and no globals are imported (validation refuses
 * them), so only function indices need remapping. Unknown sections are copied through unchanged.
 */
import { createReader, readU32 } from './binaryReader.ts';
import {
  createWriter, writeBytes, writeName, writeRawSection, writeSection, writeU32, writeU8, writerBytes,
  type ByteWriter,
} from './binaryWriter.ts';
import { writeConstExpr } from './constExpr.ts';
import {
  INJECTED_IMPORT_COUNT, INJECTED_IMPORT_MODULE, MARK_DIRTY_PAGE_IMPORT, MARK_DIRTY_RANGE_IMPORT,
  OUT_OF_INSTRUCTIONS_IMPORT, TRY_GROW_WASM_MEMORY_IMPORT,
} from './injectedCode.ts';
import { writeBranchHintPayload, type BranchHints } from './branchHints.ts';
import { instrumentCodeSection, type CheckedCode } from './instrumentCodeSection.ts';
import { fastModuleExports, type ExportPlan } from './planExports.ts';
import { remapNameSection } from './remapNameSection.ts';
import { VALTYPE, countImports, type FuncType, type Limits, type Section, type WasmModule } from './wasmModule.ts';
import { DIRTY_TABLE_SIZE, dirtyTableInitialSize, STORE_VALUE_TYPES, writeBarrierLayout } from './writeBarrier.ts';
import { bodyBlockType, CALL_DEPTH_GLOBAL_DECL, callDepthGlobalIndex } from './callDepth.ts';
import { FAST_MEMORY_IMPORT } from './fastPath.ts';

export interface InstrumentedModule {
  bytes: Uint8Array;
  /**
   * The replica's `wasm_instruction_count`: instructions in all instrumented bodies + 2 per global, the
   * write barrier's code and globals excluded (the replica has none).
   */
  instructionCount: number;
  /** Its code can change instance state besides memory and globals (`instanceState.ts`). */
  changesInstanceState: boolean;
  /** Per body, 1 if it counts the call depth: with the above, what building its fast module needs (`CheckedCode`). */
  depthCounted: Uint8Array;
}

const SECTION = { custom: 0, type: 1, import: 2, function: 3, table: 4, memory: 5, global: 6, export: 7, start: 8, element: 9, code: 10, data: 11 } as const;
const RANK: Readonly<Record<number, number>> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 6, 6: 7, 7: 8, 8: 9, 9: 10, 12: 11, 10: 12, 11: 13 };
const SHIFT = INJECTED_IMPORT_COUNT;

const OUT_OF_INSTRUCTIONS_TYPE: FuncType = { params: [], results: [] };
const TRY_GROW_TYPE: FuncType = { params: [VALTYPE.i32, VALTYPE.i32], results: [VALTYPE.i32] };
const CHARGE_HELPER_TYPE: FuncType = { params: [VALTYPE.i64], results: [VALTYPE.i64] };
const MARK_DIRTY_PAGE_TYPE: FuncType = { params: [VALTYPE.i32], results: [] };
const MARK_DIRTY_RANGE_TYPE: FuncType = { params: [VALTYPE.i32, VALTYPE.i32], results: [] };
/** `(mut i32) (i32.const -1)`: no page marked yet. */
const DIRTY_LAST_GLOBAL = new Uint8Array([VALTYPE.i32, 1, 0x41, 0x7f, 0x0b]);
/** `(mut externref) (ref.null extern)`: the host sets the marker after instantiation. */
const DIRTY_MARKER_GLOBAL = new Uint8Array([VALTYPE.externref, 1, 0xd0, VALTYPE.externref, 0x0b]);

/** Index of the first type of each signature, per instrumentation (keyed by its `added` list). */
const typeIndexes = new WeakMap<FuncType[], Map<string, number>>();
const signatureKey = (ty: FuncType): string => `${ty.params.join(',')}>${ty.results.join(',')}`;

/**
 * Finds an identical type or appends it (replica `add_func_type`); returns its index. The types are indexed once:
 * a search per call (one per multi-value function body) was quadratic, minutes for 100,000 types and 5,000 such
 * functions (found by the fuzzing campaign, issue 17).
 */
function addFuncType(types: FuncType[], added: FuncType[], ty: FuncType): number {
  let index = typeIndexes.get(added);
  if (!index) {
    index = new Map();
    for (let i = types.length - 1; i >= 0; i--) index.set(signatureKey(types[i]), i);
    typeIndexes.set(added, index);
  }
  const key = signatureKey(ty);
  const found = index.get(key);
  if (found !== undefined) return found;
  const at = types.length + added.length;
  added.push(ty);
  index.set(key, at);
  return at;
}

/** The section payload after its leading vector count, plus that count. */
function afterCount(module: WasmModule, section: Section | undefined): { count: number; start: number; end: number } {
  if (!section) return { count: 0, start: 0, end: 0 };
  const r = createReader(module.bytes, section.start, section.end);
  const count = readU32(r);
  return { count, start: r.pos, end: section.end };
}

function writeFuncType(w: ByteWriter, ty: FuncType): void {
  writeU8(w, 0x60);
  writeU32(w, ty.params.length);
  for (const t of ty.params) writeU8(w, t);
  writeU32(w, ty.results.length);
  for (const t of ty.results) writeU8(w, t);
}

function writeElements(w: ByteWriter, module: WasmModule): void {
  const { bytes } = module;
  writeU32(w, module.elements.length);
  for (const seg of module.elements) {
    writeU32(w, seg.flags);
    if (seg.flags === 2 || seg.flags === 6) writeU32(w, seg.tableIndex);
    if (seg.offset) writeConstExpr(w, bytes, seg.offset, SHIFT);
    if ((seg.flags & 3) !== 0) writeU8(w, seg.typeByte);
    if (seg.funcIndices) {
      writeU32(w, seg.funcIndices.length);
      for (const f of seg.funcIndices) writeU32(w, f + SHIFT);
    } else if (seg.exprs) {
      writeU32(w, seg.exprs.length);
      for (const e of seg.exprs) writeConstExpr(w, bytes, e, SHIFT);
    }
  }
}

function writeImport(w: ByteWriter, name: string, typeIndex: number): void {
  writeName(w, INJECTED_IMPORT_MODULE);
  writeName(w, name);
  writeU8(w, 0x00);
  writeU32(w, typeIndex);
}

/** The module's own instrumentation, or (`'fast'`) its fast module (`fastPath.ts`). */
export type InstrumentationVariant = 'own' | 'fast';

/** `checked`: what instrumenting the same module found before (`CheckedCode`), so its bodies are checked only once. */
export function instrumentModule(module: WasmModule, plan: ExportPlan, variant: InstrumentationVariant = 'own', checked: CheckedCode | null = null): InstrumentedModule {
  const { bytes } = module;
  const fast = variant === 'fast';
  const byId = (id: number): Section | undefined => module.sections.find((s) => s.id === id);
  const addedTypes: FuncType[] = [];
  const ooiType = addFuncType(module.types, addedTypes, OUT_OF_INSTRUCTIONS_TYPE);
  const growType = addFuncType(module.types, addedTypes, TRY_GROW_TYPE);
  const helperType = addFuncType(module.types, addedTypes, CHARGE_HELPER_TYPE);
  const markPageType = addFuncType(module.types, addedTypes, MARK_DIRTY_PAGE_TYPE);
  const markRangeType = addFuncType(module.types, addedTypes, MARK_DIRTY_RANGE_TYPE);
  const barrier = fast ? null : writeBarrierLayout(module);
  const markStoreTypes = barrier === null ? [] : STORE_VALUE_TYPES.map(([, valType]) => addFuncType(module.types, addedTypes, {
    params: [valType, VALTYPE.i32, VALTYPE.i64], results: [valType, VALTYPE.i64],
  }));
  const storeBarrierTypes = barrier === null ? [] : STORE_VALUE_TYPES.map(([, valType]) => addFuncType(module.types, addedTypes, {
    params: [VALTYPE.i32, valType, VALTYPE.i32], results: [VALTYPE.i32, valType],
  }));
  const counterGlobal = module.globals.length;
  // The fast module runs on the canister's heap: a memory the module defines, it imports (`FAST_MEMORY_IMPORT`).
  const importsMemory = fast && module.memories.length > 0;
  const callDepthGlobal = callDepthGlobalIndex(module, barrier !== null);
  const firstFunction = countImports(module, 'func') + SHIFT;
  const chargeHelperFn = firstFunction + module.functions.length;
  const code = instrumentCodeSection(module, {
    counterGlobal, chargeHelperFn, barrier, firstFunction, callDepthGlobal, fast,
    bodyBlockType: (type) => bodyBlockType(type, (results) => addFuncType(module.types, addedTypes, results)),
  }, checked);

  // Builders for the sections the rewrite changes, keyed by section id.
  const builders: Record<number, (w: ByteWriter) => void> = {
    [SECTION.type]: (w) => {
      const orig = afterCount(module, byId(SECTION.type));
      writeU32(w, orig.count + addedTypes.length);
      writeBytes(w, bytes, orig.start, orig.end);
      for (const ty of addedTypes) writeFuncType(w, ty);
    },
    [SECTION.import]: (w) => {
      const orig = afterCount(module, byId(SECTION.import));
      writeU32(w, orig.count + SHIFT + (importsMemory ? 1 : 0));
      writeImport(w, OUT_OF_INSTRUCTIONS_IMPORT, ooiType);
      writeImport(w, TRY_GROW_WASM_MEMORY_IMPORT, growType);
      writeImport(w, MARK_DIRTY_PAGE_IMPORT, markPageType);
      writeImport(w, MARK_DIRTY_RANGE_IMPORT, markRangeType);
      writeBytes(w, bytes, orig.start, orig.end);
      if (importsMemory) writeMemoryImport(w, module.memories[0]);
    },
    [SECTION.function]: (w) => {
      const orig = afterCount(module, byId(SECTION.function));
      writeU32(w, orig.count + 1 + (barrier ? 1 + markStoreTypes.length + storeBarrierTypes.length : 0));
      writeBytes(w, bytes, orig.start, orig.end);
      writeU32(w, helperType);
      if (barrier) writeU32(w, markPageType);
      for (const type of markStoreTypes) writeU32(w, type);
      for (const type of storeBarrierTypes) writeU32(w, type);
    },
    [SECTION.table]: (w) => {
      const orig = afterCount(module, byId(SECTION.table));
      writeU32(w, orig.count + (barrier ? 1 : 0));
      writeBytes(w, bytes, orig.start, orig.end);
      if (barrier) {
        writeU8(w, VALTYPE.externref);
        writeU8(w, 0x01); // limits: minimum and maximum
        writeU32(w, dirtyTableInitialSize(module));
        writeU32(w, DIRTY_TABLE_SIZE);
      }
    },
    [SECTION.global]: (w) => {
      writeU32(w, module.globals.length + (barrier ? 4 : 1) + 1);
      for (const g of module.globals) {
        writeU8(w, g.valType);
        writeU8(w, g.mutable ? 1 : 0);
        writeConstExpr(w, bytes, g.init, SHIFT);
      }
      writeBytes(w, new Uint8Array([VALTYPE.i64, 1, 0x42, 0, 0x0b])); // (mut i64) (i64.const 0)
      if (barrier) {
        writeBytes(w, DIRTY_LAST_GLOBAL);
        writeBytes(w, DIRTY_MARKER_GLOBAL);
        writeBytes(w, DIRTY_LAST_GLOBAL); // previous page: same type and initial value
      }
      writeBytes(w, CALL_DEPTH_GLOBAL_DECL);
    },
    [SECTION.export]: (w) => {
      const exports = fast ? fastModuleExports(module, plan) : plan.exports;
      writeU32(w, exports.length);
      for (const e of exports) {
        writeName(w, e.name);
        writeU8(w, e.kind);
        writeU32(w, e.index);
      }
    },
    [SECTION.element]: (w) => writeElements(w, module),
    [SECTION.code]: (w) => writeBytes(w, code.payload.buf, 0, code.payload.len),
  };
  if (fast) builders[SECTION.data] = (w) => writeEmptyPassiveData(w, module);
  const required: number[] = [SECTION.type, SECTION.import, SECTION.function, SECTION.global, SECTION.export, SECTION.code];
  if (barrier) required.splice(3, 0, SECTION.table); // keeps `required` in section order
  const present = new Set(module.sections.map((s) => s.id));
  const missing = required.filter((id) => !present.has(id));

  const out = createWriter(bytes.length + code.payload.len - module.codeSectionSize + 1024);
  writeBytes(out, bytes, 0, 8);
  const emit = (id: number): void => {
    if (id === SECTION.code) writeBranchHintSection(out, code.hints); // engines want it before the code
    const w = createWriter(256);
    builders[id](w);
    writeSection(out, id, w);
  };
  const emitMissingBefore = (rank: number): void => {
    while (missing.length > 0 && RANK[missing[0]] < rank) emit(missing.shift() as number);
  };
  for (const section of module.sections) {
    if (section.id === SECTION.custom) {
      if (!fast) writeCustomSection(out, module, section);
      continue;
    }
    emitMissingBefore(RANK[section.id]);
    if (section.id === SECTION.start || (importsMemory && section.id === SECTION.memory)) continue;
    if (builders[section.id]) {
      emit(section.id);
    } else {
      writeRawSection(out, section.id, bytes, section.start, section.end);
    }
  }
  emitMissingBefore(Infinity);
  const globalInstructions = 2 * (module.globals.length + 1); // the barrier's globals are not counted
  return {
    bytes: writerBytes(out), instructionCount: code.instructionCount + globalInstructions,
    changesInstanceState: code.changesInstanceState, depthCounted: code.depthCounted,
  };
}

/** The fast module's memory import: `__.memory` with the module's own memory's limits. */
function writeMemoryImport(w: ByteWriter, limits: Limits): void {
  writeName(w, INJECTED_IMPORT_MODULE);
  writeName(w, FAST_MEMORY_IMPORT);
  writeU8(w, 0x02);
  writeU8(w, (limits.maximum !== null ? 1 : 0) | (limits.shared ? 2 : 0) | (limits.index64 ? 4 : 0));
  writeU32(w, limits.initial);
  if (limits.maximum !== null) writeU32(w, limits.maximum);
}

/**
 * The fast module's data: each segment passive and empty, at its index (the data count section, if any, still
 * holds). An active segment is dropped once the canister's instance has been created, which leaves it empty: a
 * `memory.init` or `data.drop` of it does here what it does there. A module with a passive segment, which the
 * canister's instance keeps, gets no fast module (`fastModule.ts`).
 */
function writeEmptyPassiveData(w: ByteWriter, module: WasmModule): void {
  writeU32(w, module.data.length);
  for (let i = 0; i < module.data.length; i++) {
    writeU32(w, 1);
    writeU32(w, 0);
  }
}

function writeBranchHintSection(out: ByteWriter, hints: BranchHints): void {
  const w = createWriter(256);
  if (writeBranchHintPayload(w, hints)) writeSection(out, SECTION.custom, w);
}

function writeCustomSection(out: ByteWriter, module: WasmModule, section: Section): void {
  const custom = module.customs[section.customIndex];
  if (custom.name !== 'name') {
    writeRawSection(out, SECTION.custom, module.bytes, section.start, section.end);
    return;
  }
  const remapped = remapNameSection(module.bytes, custom.payloadStart, custom.payloadEnd, SHIFT);
  if (!remapped) return; // malformed debug names: drop them rather than refuse the module
  const w = createWriter(remapped.length + 8);
  writeName(w, custom.name);
  writeBytes(w, remapped);
  writeSection(out, SECTION.custom, w);
}
