/**
 * The code the instrumenter adds, as the replica writes it (ic-reference.md §8.1; INSTR @ 002d5530).
 * Each writer returns the number of Wasm instructions it added, because the replica's compilation
 * charge counts the instructions of the *instrumented* module.
 */
import { createWriter, writeBytes, writeSigned, writeU32, writeU8, type ByteWriter } from './binaryWriter.ts';
import { noteUnlikelyIf, type BranchHints } from './branchHints.ts';
import { OUT_OF_INSTRUCTIONS_TRAP } from './callDepth.ts';

// Module-local aliases of the writer functions (imported bindings become getters under test-time transforms).
const u8 = writeU8;
const u32 = writeU32;
const s64 = writeSigned;
const bytes = writeBytes;

/** Module name of every injected import. */
export const INJECTED_IMPORT_MODULE = '__';
/** Names of the injected imports, in function-index order (host contract: `prepareCanisterModule.ts`). */
export const OUT_OF_INSTRUCTIONS_IMPORT = 'out_of_instructions';
export const TRY_GROW_WASM_MEMORY_IMPORT = 'try_grow_wasm_memory';
export const MARK_DIRTY_PAGE_IMPORT = 'mark_dirty_page';
export const MARK_DIRTY_RANGE_IMPORT = 'mark_dirty_range';

/**
 * Function indices of the injected imports: they are prepended, so every original index shifts by 4.
 * The two write-barrier imports are always there, even in memory-less modules where nothing calls them,
 * so the shift and the host's import object never depend on the module.
 */
export const OUT_OF_INSTRUCTIONS_FN = 0;
export const TRY_GROW_WASM_MEMORY_FN = 1;
export const MARK_DIRTY_PAGE_FN = 2;
export const MARK_DIRTY_RANGE_FN = 3;
export const INJECTED_IMPORT_COUNT = 4;

const GLOBAL_GET = 0x23;
const GLOBAL_SET = 0x24;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I32_CONST = 0x41;
const I64_CONST = 0x42;
const I64_SUB = 0x7d;
const I64_LT_S = 0x53;
const I64_GT_S = 0x55;
const I64_EXTEND_I32_U = 0xad;
const I32_WRAP_I64 = 0xa7;
const CALL = 0x10;
const UNREACHABLE = 0x00;
const IF = 0x04;
const ELSE = 0x05;
const END = 0x0b;
const EMPTY_BLOCK = 0x40;
const I64 = 0x7e;
/** `i64.const i64::MIN`, the value the counter saturates to (signed LEB128 of -2^63). */
const I64_MIN_CONST = new Uint8Array([I64_CONST, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]);

/**
 * Where a metered body keeps the instruction counter. The global is the replica's counter, exported to the
 * host; within a body its value is cached in an i64 local and every charge writes through to the global.
 * The global therefore holds exactly what the replica's code would hold at every point the host can look
 * (a call, a trap), but the body never reads it back except after a call that may have changed it, so the
 * counter's dependency from one block to the next stays in a register instead of going through memory.
 * The writers still return the replica's instruction counts: what is charged and counted never changes.
 *
 * A fast copy (`fastPath.ts`) writes the global only before calls and exits and before an out-of-instructions
 * trap: a trap anywhere else is replayed with the written-through code, so the global need not be right there.
 * The difference is held as bytes (`store`, `chargeEnd`, set per body by `setCounterSlots`) rather than as a flag
 * the writers test, so both variants run the same instrumenter code: V8 optimizes it while the module's own
 * instrumentation runs, and code only a fast copy ran would have no type feedback then, and be compiled again in the
 * middle of a long call's first execution (BENCHMARKS.md, session 23).
 */
export interface CounterSlots {
  /** The counter global (`COUNTER_EXPORT`). */
  global: number;
  /** The body's i64 local caching it. */
  local: number;
  /** The call-depth global, which also names the out-of-instructions trap (`callDepth.ts`). */
  trapCause: number;
  /** `counter = local` where a fast copy writes the global (before calls and exits); empty in written-through code. */
  store: ByteWriter;
  /** What ends a charge, the new value on the stack: `local.tee; global.set` written through, else `local.set`. */
  chargeEnd: ByteWriter;
}

export function createCounterSlots(): CounterSlots {
  return { global: 0, local: 0, trapCause: 0, store: createWriter(12), chargeEnd: createWriter(12) };
}

/** Points `counter` at a body's global and local; `writeThrough` false for a fast copy. */
export function setCounterSlots(counter: CounterSlots, global: number, local: number, trapCause: number, writeThrough: boolean): void {
  counter.global = global;
  counter.local = local;
  counter.trapCause = trapCause;
  const { store, chargeEnd } = counter;
  // Both written in full and cut to the variant's length: no step here runs for one variant only.
  store.len = 0;
  u8(store, LOCAL_GET); u32(store, local);
  u8(store, GLOBAL_SET); u32(store, global);
  store.len = writeThrough ? 0 : store.len;
  chargeEnd.len = 0;
  u8(chargeEnd, writeThrough ? LOCAL_TEE : LOCAL_SET); u32(chargeEnd, local);
  const teeEnd = chargeEnd.len;
  u8(chargeEnd, GLOBAL_SET); u32(chargeEnd, global);
  chargeEnd.len = writeThrough ? chargeEnd.len : teeEnd;
}

/** `counter = local` in a fast copy, before every call and exit, where the callee, the host or the caller reads it; nothing in written-through code. */
export function writeCounterStore(w: ByteWriter, counter: CounterSlots): void {
  bytes(w, counter.store.buf, 0, counter.store.len);
}

/** `local = counter`: at function entry and after every call (the callee or the host may have charged). */
export function writeCounterReload(w: ByteWriter, counter: CounterSlots): void {
  u8(w, GLOBAL_GET); u32(w, counter.global);
  u8(w, LOCAL_SET); u32(w, counter.local);
}

/** `counter -= cost` at the start of a basic block: the replica's 4 instructions. */
export function writeStaticCharge(w: ByteWriter, counter: CounterSlots, cost: number): number {
  u8(w, LOCAL_GET); u32(w, counter.local);
  u8(w, I64_CONST); s64(w, cost);
  u8(w, I64_SUB);
  bytes(w, counter.chargeEnd.buf, 0, counter.chargeEnd.len);
  return 4;
}

/**
 * At re-entrant starts, after the charge: `if (counter < 0) { trapCause = OUT_OF_INSTRUCTIONS_TRAP; unreachable }`,
 * where the replica calls `out_of_instructions` (its 6 instructions are what this returns). This engine runs a long
 * message to its end and slices it in accounting (`longExecution.ts`), so the host's answer would always be a trap;
 * trapping here, with the cause in a global the host reads after every trap, keeps calls out of loops. A call,
 * even on a branch never taken, stops V8 from unrolling the loop and makes it keep values on the stack rather than
 * in registers (BENCHMARKS.md, issue #5). The counter global already holds the value the charge left.
 */
export function writeOutOfInstructionsCheck(w: ByteWriter, counter: CounterSlots, hints: BranchHints | null = null): number {
  u8(w, LOCAL_GET); u32(w, counter.local);
  u8(w, I64_CONST); u8(w, 0);
  u8(w, I64_LT_S);
  noteUnlikelyIf(hints, w);
  u8(w, IF); u8(w, EMPTY_BLOCK);
  writeCounterStore(w, counter); // a fast copy's: the host reads what was used
  u8(w, I32_CONST); s64(w, OUT_OF_INSTRUCTIONS_TRAP);
  u8(w, GLOBAL_SET); u32(w, counter.trapCause);
  u8(w, UNREACHABLE);
  u8(w, END);
  return 6;
}

/** The replica's check on the global itself, for the charging helper (which has no cached counter). */
function writeGlobalOutOfInstructionsCheck(w: ByteWriter, counter: number): void {
  u8(w, GLOBAL_GET); u32(w, counter);
  u8(w, I64_CONST); u8(w, 0);
  u8(w, I64_LT_S);
  u8(w, IF); u8(w, EMPTY_BLOCK);
  u8(w, CALL); u32(w, OUT_OF_INSTRUCTIONS_FN);
  u8(w, END);
}

/**
 * Before `memory.fill/copy/init` (wasm32): the size operand is on top of the stack; pass it through the
 * charging helper, which returns it unchanged, then reload the counter it charged. The replica's 3 instructions.
 */
export function writeDynamicCharge(w: ByteWriter, helperFn: number, counter: CounterSlots): number {
  u8(w, I64_EXTEND_I32_U);
  u8(w, CALL); u32(w, helperFn);
  u8(w, I32_WRAP_I64);
  writeCounterReload(w, counter);
  return 3;
}

/**
 * Replaces `memory.grow` (whose original bytes are `growInstr`) with
 * `local.tee $delta; memory.grow; local.get $delta; call try_grow_wasm_memory`: 4 instructions, 3 added.
 *
 * Host contract (replica LINK `try_grow_wasm_memory` + SAPI `try_grow_wasm_memory`): the import receives
 * `(grow_result: i32, delta_pages: i32)` where `grow_result` is what `memory.grow` returned (old size in
 * pages, or -1 if the engine refused to grow) and `delta_pages` is the requested growth (read it as
 * unsigned). If `grow_result` is -1 it must return -1 unchanged. Otherwise it checks
 * `(grow_result + delta_pages) * 65536` bytes against the canister's `wasm_memory_limit` (0 = unlimited)
 * and reserves the new memory (subnet capacity, storage-reservation cycles); on failure it must TRAP
 * (throw), not return -1, because the memory has already grown. On success it returns `grow_result`.
 */
export function writeMemoryGrow(w: ByteWriter, growInstr: Uint8Array, deltaLocal: number): number {
  u8(w, LOCAL_TEE); u32(w, deltaLocal);
  bytes(w, growInstr);
  u8(w, LOCAL_GET); u32(w, deltaLocal);
  u8(w, CALL); u32(w, TRY_GROW_WASM_MEMORY_FN);
  return 3;
}

/**
 * The body of the dynamic-charge helper, type `(param i64) (result i64)` with one i64 local
 * (replica `export_additional_symbols`):
 *   new = counter - size; counter = new > counter ? i64::MIN : new   (saturate on underflow)
 *   if (counter < 0) out_of_instructions();  return size
 * Returns the body bytes (locals + code) and its instruction count (20).
 */
export function writeChargeHelperBody(w: ByteWriter, counter: number): number {
  u32(w, 1); u32(w, 1); u8(w, I64); // locals: 1 × i64
  u8(w, GLOBAL_GET); u32(w, counter);
  u8(w, LOCAL_GET); u32(w, 0);
  u8(w, I64_SUB);
  u8(w, LOCAL_TEE); u32(w, 1);
  u8(w, GLOBAL_GET); u32(w, counter);
  u8(w, I64_GT_S);
  u8(w, IF); u8(w, I64);
  bytes(w, I64_MIN_CONST);
  u8(w, ELSE);
  u8(w, LOCAL_GET); u32(w, 1);
  u8(w, END);
  u8(w, GLOBAL_SET); u32(w, counter);
  writeGlobalOutOfInstructionsCheck(w, counter);
  u8(w, LOCAL_GET); u32(w, 0);
  u8(w, END);
  return 20;
}
