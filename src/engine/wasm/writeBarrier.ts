/**
 * The write barrier for dirty-page tracking: code injected before every heap store and bulk memory
 * write so the host learns, before the write happens, which 64 KiB pages an execution modifies. A trapped
 * execution is then rolled back by restoring only those pages instead of copying the whole heap before
 * every message. Host contract: `prepareCanisterModule.ts`.
 *
 * A store inside a loop gets the barrier inline (`writeStoreBarrier`: about 40 bytes, no call on the common path);
 * a store outside every loop, which runs at most once per call of its function, calls the outlined barrier instead
 * (`writeOutlinedStoreBarrier`: 4 to 8 bytes). Most of a compiled program's stores are outside loops (object
 * fields, stack frames): inline everywhere, the barrier made a 262 KB Motoko actor's module 2.29× the original
 * instead of 1.80× (issue 16, target 5), and in a loop the call costs about four times the inline test (values live
 * across the call are spilled at every store; BENCHMARKS.md, session 20). The fast copies have neither (`fastPath.ts`).
 *
 * None of this is metered: the barrier is not at any injection point, the mark function is not
 * instrumented, and neither counts toward `wasmInstructionCount` (the replica's module has no barrier).
 *
 * The journaled-page set is an externref table rather than a second memory (Node 20 has no multi-memory).
 * It starts with one entry per initial page of the memory and grows with the memory, at least doubling, when
 * a store reaches a page past its end: a table covering every page an instruction can address (131,072
 * entries) cost every canister 1 MiB of JS heap however little memory it used (issue 16, target 3). A store
 * to a page past the memory's end is not marked: it traps on the store itself, with the engine's usual heap
 * out-of-bounds error, before writing anything.
 */
import { readU32, readU8, type ByteReader } from './binaryReader.ts';
import { writeSigned, writeU32, writeU8, type ByteWriter } from './binaryWriter.ts';
import { noteUnlikelyIf, type BranchHints } from './branchHints.ts';
import { INJECTED_IMPORT_COUNT, MARK_DIRTY_PAGE_FN, MARK_DIRTY_RANGE_FN } from './injectedCode.ts';
import { FD_BASE, KEY_SPACE, OP } from './opcodes.ts';
import { VALTYPE, countImports, type WasmModule } from './wasmModule.ts';
import { memoryLimits } from './validateModuleStructure.ts';

const u8 = writeU8;
const u32 = writeU32;
const s64 = writeSigned;

/**
 * The table's declared maximum: one more than the pages an instruction can address, `(2^32 - 1 + 2^32 - 1) >> 16
 * = 131071`. It never gets there: it grows only to cover the memory (at most 65,536 pages), at most doubling.
 */
export const DIRTY_TABLE_SIZE = 131_073;

/** The table's initial size: one entry per page of the memory at instantiation (imported or declared). */
export function dirtyTableInitialSize(module: WasmModule): number {
  return memoryLimits(module)[0]?.limits.initial ?? 0;
}

/** What the barrier does before an instruction, per opcode key: nothing, a store of a value type, or a bulk write. */
export const BARRIER = { none: 0, i32: 1, i64: 2, f32: 3, f64: 4, v128: 5, bulk: 6 } as const;

/** `BARRIER` kind per opcode key. Loads and `memory.grow` (which writes no existing byte) need nothing. */
export const BARRIER_OP: Uint8Array = (() => {
  const table = new Uint8Array(KEY_SPACE);
  const stores: [number, number][] = [
    [0x36, BARRIER.i32], [0x37, BARRIER.i64], [0x38, BARRIER.f32], [0x39, BARRIER.f64], // i32/i64/f32/f64.store
    [0x3a, BARRIER.i32], [0x3b, BARRIER.i32], // i32.store8, i32.store16
    [0x3c, BARRIER.i64], [0x3d, BARRIER.i64], [0x3e, BARRIER.i64], // i64.store8/16/32
    [FD_BASE + 0x0b, BARRIER.v128], // v128.store
    [FD_BASE + 0x58, BARRIER.v128], [FD_BASE + 0x59, BARRIER.v128], // v128.store8_lane, store16_lane
    [FD_BASE + 0x5a, BARRIER.v128], [FD_BASE + 0x5b, BARRIER.v128], // v128.store32_lane, store64_lane
    [OP.memoryFill, BARRIER.bulk], [OP.memoryCopy, BARRIER.bulk], [OP.memoryInit, BARRIER.bulk],
  ];
  for (const [key, kind] of stores) table[key] = kind;
  return table;
})();

/** Where the barrier's module-level pieces live in the instrumented module's index spaces. */
export interface WriteBarrierLayout {
  /** The journaled-page table (`DIRTY_PAGES_EXPORT`), appended after the module's own table if any. */
  table: number;
  /** `DIRTY_LAST_EXPORT`: mutable i32, the page last marked, -1 when none. */
  lastGlobal: number;
  /** `DIRTY_MARKER_EXPORT`: mutable externref the host sets to a non-null value. */
  markerGlobal: number;
  /** `DIRTY_PREVIOUS_EXPORT`: mutable i32, the page marked before the last one, -1 when none. */
  previousGlobal: number;
  /** The injected mark function `[i32] -> []`, after the dynamic-charge helper. */
  markFn: number;
}

/**
 * The value types a store barrier passes through its call (`BARRIER` kind → value type), in the order their
 * pass-through mark functions follow the mark function: the one for kind k is `markFn + k`.
 */
export const STORE_VALUE_TYPES: readonly (readonly [number, number])[] = [
  [BARRIER.i32, VALTYPE.i32], [BARRIER.i64, VALTYPE.i64], [BARRIER.f32, VALTYPE.f32], [BARRIER.f64, VALTYPE.f64],
  [BARRIER.v128, VALTYPE.v128],
];

/**
 * The layout for `module`, or null when it has no memory (nothing to track: no table, globals, function
 * or exports are added). The counter global comes first at `globals.length`; no globals are imported.
 */
export function writeBarrierLayout(module: WasmModule): WriteBarrierLayout | null {
  if (countImports(module, 'memory') + module.memories.length === 0) return null;
  const globals = module.globals.length;
  return {
    table: countImports(module, 'table') + module.tables.length,
    lastGlobal: globals + 1,
    markerGlobal: globals + 2,
    previousGlobal: globals + 3,
    markFn: countImports(module, 'func') + INJECTED_IMPORT_COUNT + module.functions.length + 1,
  };
}

/** Scratch locals of one function: three i32s, plus one per other value type its stores write. */
export interface BarrierLocals {
  /** Store address / bulk destination. */
  addr: number;
  /** Store page / bulk length. */
  page: number;
  /** Local holding the spilled value, indexed by `BARRIER` kind (i32 is also the bulk op's middle operand). */
  value: Int32Array;
}

export function createBarrierLocals(): BarrierLocals {
  return { addr: 0, page: 0, value: new Int32Array(7) };
}

const TYPED: readonly [number, number][] = [
  [BARRIER.i64, VALTYPE.i64], [BARRIER.f32, VALTYPE.f32], [BARRIER.f64, VALTYPE.f64], [BARRIER.v128, VALTYPE.v128],
];

/**
 * Number of local declaration entries `writeBarrierLocalDecls` writes for `mask` (bit k set: an instruction
 * of `BARRIER` kind k > 0 occurs; 0: no barrier in this body).
 */
export function barrierLocalDeclCount(mask: number): number {
  if (mask === 0) return 0;
  let n = 1;
  for (const [kind] of TYPED) if (mask & (1 << kind)) n++;
  return n;
}

/** Number of scratch locals (not declaration entries) `writeBarrierLocalDecls` declares for `mask`. */
export function barrierLocalCount(mask: number): number {
  // One entry declares the three i32s; each other entry one local.
  return mask === 0 ? 0 : barrierLocalDeclCount(mask) + 2;
}

/** Writes the scratch local declarations for `mask` and assigns their indices from `first` into `locals`. */
export function writeBarrierLocalDecls(w: ByteWriter, mask: number, first: number, locals: BarrierLocals): void {
  if (mask === 0) return;
  u32(w, 3); u8(w, VALTYPE.i32);
  locals.addr = first;
  locals.page = first + 1;
  locals.value[BARRIER.i32] = first + 2;
  let next = first + 3;
  for (const [kind, valType] of TYPED) {
    if ((mask & (1 << kind)) === 0) continue;
    u32(w, 1); u8(w, valType);
    locals.value[kind] = next++;
  }
}

/** The memarg offset of the store at `[start, end)` (an `0xfd` prefix is skipped); `r` is any reader over the body's bytes. */
export function readStoreOffset(r: ByteReader, start: number, end: number): number {
  r.pos = start;
  r.end = end;
  if (readU8(r) === 0xfd) readU32(r);
  readU32(r); // alignment
  return readU32(r);
}

const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const GLOBAL_GET = 0x23;
const GLOBAL_SET = 0x24;
const TABLE_GET = 0x25;
const TABLE_SET = 0x26;
const CALL = 0x10;
const IF = 0x04;
const END = 0x0b;
const EMPTY_BLOCK = 0x40;
const I32_CONST = 0x41;
const I64_CONST = 0x42;
const I32_NE = 0x47;
const I32_SHR_U = 0x76;
const I64_ADD = 0x7c;
const I64_SHR_U = 0x88;
const I32_WRAP_I64 = 0xa7;
const I64_EXTEND_I32_U = 0xad;
const REF_IS_NULL = 0xd1;
const REF_NULL = 0xd0;
const RETURN = 0x0f;
const DROP = 0x1a;
const SELECT = 0x1b;
const MEMORY_SIZE = 0x3f;
const I32_GT_U = 0x4b;
const I32_GE_U = 0x4f;
const I32_SUB = 0x6b;
const MISC_PREFIX = 0xfc;
const TABLE_GROW = 15;
const TABLE_SIZE = 16;

/**
 * Before a store with operands `[addr, value]`: spill both, compute the page of `addr + offset`, mark it
 * (through the pass-through function of the value's type, which hands back the value and the counter)
 * unless it is one of the two pages last marked, then push the operands back for the original store. Two, because code commonly stores to two pages in turn (a stack frame and the heap, or
 * two arrays); with one, each such store paid a call and a table lookup (BENCHMARKS.md, issue #5). A hit
 * on the older page changes nothing, so the common case never writes a global.
 * A store straddling into the next page marks only the first one (the host saves a margin, see contract).
 */
export function writeStoreBarrier(
  w: ByteWriter, offset: number, kind: number, locals: BarrierLocals, layout: WriteBarrierLayout, counterLocal: number,
  hints: BranchHints | null = null,
): void {
  const valueLocal = locals.value[kind];
  u8(w, LOCAL_SET); u32(w, valueLocal);
  u8(w, LOCAL_TEE); u32(w, locals.addr);
  if (offset === 0) {
    u8(w, I32_CONST); u8(w, 16);
    u8(w, I32_SHR_U);
  } else {
    // addr + offset can exceed 2^32: compute in i64 so the page is the one the engine bounds-checks.
    u8(w, I64_EXTEND_I32_U);
    u8(w, I64_CONST); s64(w, offset);
    u8(w, I64_ADD);
    u8(w, I64_CONST); u8(w, 16);
    u8(w, I64_SHR_U);
    u8(w, I32_WRAP_I64);
  }
  openPageCacheMiss(w, locals.page, layout, hints);
  u8(w, LOCAL_GET); u32(w, valueLocal);
  u8(w, LOCAL_GET); u32(w, locals.page);
  u8(w, LOCAL_GET); u32(w, counterLocal);
  u8(w, CALL); u32(w, layout.markFn + kind);
  u8(w, LOCAL_SET); u32(w, counterLocal);
  u8(w, LOCAL_SET); u32(w, valueLocal);
  u8(w, END);
  u8(w, END);
  u8(w, LOCAL_GET); u32(w, locals.addr);
  u8(w, LOCAL_GET); u32(w, valueLocal);
}

/** Injected functions per store value type: the pass-through mark function and the outlined store barrier, in that order. */
export const BARRIER_FUNCTIONS_PER_TYPE = 2;

/** Function index of the outlined store barrier for `kind` (`writeOutlinedStoreBarrierBody`). */
export function outlinedStoreBarrierFn(layout: WriteBarrierLayout, kind: number): number {
  return layout.markFn + STORE_VALUE_TYPES.length + kind;
}

/**
 * Before a store with operands `[addr, value]` outside every loop: a call of the outlined barrier of the value's
 * type with the store's offset, which hands both operands back.
 */
export function writeOutlinedStoreBarrier(w: ByteWriter, offset: number, kind: number, layout: WriteBarrierLayout): void {
  u8(w, I32_CONST); writeSigned(w, offset | 0);
  u8(w, CALL); u32(w, outlinedStoreBarrierFn(layout, kind));
}

/**
 * Body of an outlined store barrier `[i32 addr, T value, i32 offset] -> [i32 addr, T value]`: marks the page of
 * `addr + offset` unless it is one of the two pages last marked (`writeStoreBarrier`), and hands the store's operands back.
 */
export function writeOutlinedStoreBarrierBody(w: ByteWriter, layout: WriteBarrierLayout): void {
  u32(w, 1); u32(w, 1); u8(w, VALTYPE.i32); // local 3: the page
  u8(w, LOCAL_GET); u8(w, 0);
  u8(w, I64_EXTEND_I32_U);
  u8(w, LOCAL_GET); u8(w, 2);
  u8(w, I64_EXTEND_I32_U);
  u8(w, I64_ADD);
  u8(w, I64_CONST); u8(w, 16);
  u8(w, I64_SHR_U);
  u8(w, I32_WRAP_I64);
  openPageCacheMiss(w, 3, layout, null);
  u8(w, LOCAL_GET); u8(w, 3);
  u8(w, CALL); u32(w, layout.markFn);
  u8(w, END);
  u8(w, END);
  u8(w, LOCAL_GET); u8(w, 0);
  u8(w, LOCAL_GET); u8(w, 1);
  u8(w, END);
}

/**
 * With the page on the stack: keeps it in `pageLocal` and opens `if (page != last) { if (page != previous) {`, the
 * miss path, which the caller writes and closes with two `end`s. The inner `if` is hinted unlikely when `hints` is given.
 */
function openPageCacheMiss(w: ByteWriter, pageLocal: number, layout: WriteBarrierLayout, hints: BranchHints | null): void {
  u8(w, LOCAL_TEE); u32(w, pageLocal);
  u8(w, GLOBAL_GET); u32(w, layout.lastGlobal);
  u8(w, I32_NE);
  u8(w, IF); u8(w, EMPTY_BLOCK);
  u8(w, LOCAL_GET); u32(w, pageLocal);
  u8(w, GLOBAL_GET); u32(w, layout.previousGlobal);
  u8(w, I32_NE);
  noteUnlikelyIf(hints, w);
  u8(w, IF); u8(w, EMPTY_BLOCK);
}

/**
 * Before `memory.fill/copy/init` with operands `[dst, x, len]` (after the dynamic charge, which leaves
 * them as they were): `mark_dirty_range(dst, len)`, then push the operands back.
 */
export function writeBulkBarrier(w: ByteWriter, locals: BarrierLocals): void {
  const middle = locals.value[BARRIER.i32];
  u8(w, LOCAL_SET); u32(w, locals.page);
  u8(w, LOCAL_SET); u32(w, middle);
  u8(w, LOCAL_TEE); u32(w, locals.addr);
  u8(w, LOCAL_GET); u32(w, locals.page);
  u8(w, CALL); u32(w, MARK_DIRTY_RANGE_FN);
  u8(w, LOCAL_GET); u32(w, locals.addr);
  u8(w, LOCAL_GET); u32(w, middle);
  u8(w, LOCAL_GET); u32(w, locals.page);
}

/**
 * Body of a pass-through mark function `[T value, i32 page, i64 counter] -> [T value, i64 counter]`: marks the
 * page and hands the store's value and the counter back. The store barrier calls it rather than the mark
 * function so that neither value is live across the call: V8 (without branch hints) spills every value live
 * across a call on the hot path, on every store, whether the call happens or not.
 */
export function writeMarkStoreBody(w: ByteWriter, layout: WriteBarrierLayout): void {
  u32(w, 0); // no locals
  u8(w, LOCAL_GET); u8(w, 1);
  u8(w, CALL); u32(w, layout.markFn);
  u8(w, LOCAL_GET); u8(w, 0);
  u8(w, LOCAL_GET); u8(w, 2);
  u8(w, END);
}

/**
 * Body (locals + code) of the mark function `[i32 page] -> []`:
 *   if (page >= table.size) {
 *     if (page >= memory.size) return                        // the store traps: nothing to mark
 *     table.grow(null, max(memory.size - table.size, table.size))
 *   }
 *   if (table[page] is null) { mark_dirty_page(page); table[page] = marker }  previous = last; last = page
 * The host is told before the entry is set, so "non-null" always means "journaled", even if the host
 * call throws. Growing at least doubles, so a memory grown a page at a time copies the table O(log n) times.
 */
export function writeMarkPageBody(w: ByteWriter, layout: WriteBarrierLayout): void {
  const delta = 1;
  u32(w, 1); u32(w, 1); u8(w, VALTYPE.i32); // one i32 local: the growth
  u8(w, LOCAL_GET); u8(w, 0);
  tableSize(w, layout.table);
  u8(w, I32_GE_U);
  u8(w, IF); u8(w, EMPTY_BLOCK);
  u8(w, LOCAL_GET); u8(w, 0);
  u8(w, MEMORY_SIZE); u8(w, 0);
  u8(w, I32_GE_U);
  u8(w, IF); u8(w, EMPTY_BLOCK);
  u8(w, RETURN);
  u8(w, END);
  u8(w, REF_NULL); u8(w, VALTYPE.externref);
  u8(w, MEMORY_SIZE); u8(w, 0);
  tableSize(w, layout.table);
  u8(w, I32_SUB);
  u8(w, LOCAL_TEE); u8(w, delta);
  tableSize(w, layout.table);
  u8(w, LOCAL_GET); u8(w, delta);
  tableSize(w, layout.table);
  u8(w, I32_GT_U);
  u8(w, SELECT);
  u8(w, MISC_PREFIX); u32(w, TABLE_GROW); u32(w, layout.table);
  u8(w, DROP);
  u8(w, END);
  u8(w, LOCAL_GET); u8(w, 0);
  u8(w, TABLE_GET); u32(w, layout.table);
  u8(w, REF_IS_NULL);
  u8(w, IF); u8(w, EMPTY_BLOCK);
  u8(w, LOCAL_GET); u8(w, 0);
  u8(w, CALL); u32(w, MARK_DIRTY_PAGE_FN);
  u8(w, LOCAL_GET); u8(w, 0);
  u8(w, GLOBAL_GET); u32(w, layout.markerGlobal);
  u8(w, TABLE_SET); u32(w, layout.table);
  u8(w, END);
  u8(w, GLOBAL_GET); u32(w, layout.lastGlobal);
  u8(w, GLOBAL_SET); u32(w, layout.previousGlobal);
  u8(w, LOCAL_GET); u8(w, 0);
  u8(w, GLOBAL_SET); u32(w, layout.lastGlobal);
  u8(w, END);
}

function tableSize(w: ByteWriter, table: number): void {
  u8(w, MISC_PREFIX); u32(w, TABLE_SIZE); u32(w, table);
}
