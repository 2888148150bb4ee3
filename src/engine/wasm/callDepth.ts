/**
 * A deterministic call-depth budget. V8 throws on stack overflow at a depth that depends on the JavaScript frames
 * below the canister (the CLI, the worker and tests call it from different depths) and on its frame sizes, so a
 * runaway recursion would trap after a different number of instructions in each runner. Every function therefore
 * counts itself in an injected global: the host sets it to `-maxCallDepth` before each execution (params.ts);
 * entry adds one and traps once it passes 0, every exit takes one off. On overflow the global is left at
 * `CALL_DEPTH_OVERFLOW`, by which the host tells this trap from others. Unmetered, like the write barrier: the
 * replica's module has no such code and its instruction counts must not change.
 *
 * Only functions on a cycle of the call graph are counted (`depthCountedFunctions.ts`): any other adds a bounded
 * number of frames, so the trap is as deterministic, and the small helpers hot loops call pay nothing.
 *
 * The global also names the out-of-instructions trap: the injected check sets it to `OUT_OF_INSTRUCTIONS_TRAP`
 * and executes `unreachable` rather than calling the host (`injectedCode.ts`), so the host tells that trap from
 * the others by the same read.
 *
 * Exits: the body is wrapped in a block of the function's result type, so a branch to the function's own label
 * lands on the block's end, followed by the decrement and the function's `end`; each `return` is preceded by the
 * decrement. (Tail calls are refused by validation, so there is no other way out but a trap, after which the host
 * resets the global anyway.)
 */
import { writeSigned, writeU32, writeU8, type ByteWriter } from './binaryWriter.ts';
import { noteUnlikelyIf, type BranchHints } from './branchHints.ts';
import { VALTYPE, type FuncType, type WasmModule } from './wasmModule.ts';

/** The export through which the host resets and reads the depth (a reserved name). */
export const CALL_DEPTH_EXPORT = '__call_depth';
/** Left in the depth global by the trap, so the host can name it a stack overflow. */
export const CALL_DEPTH_OVERFLOW = 0x7fffffff;
/** Left in the depth global by the instruction counter's check, so the host can name the trap "out of instructions". */
export const OUT_OF_INSTRUCTIONS_TRAP = 0x7ffffffe;
/**
 * The global's declaration: `(mut i32) (i32.const -2147483647)`, no budget to speak of until the host sets one,
 * so an instrumented module run on its own (tests, tools) behaves as before.
 */
export const CALL_DEPTH_GLOBAL_DECL = new Uint8Array([VALTYPE.i32, 1, 0x41, 0x81, 0x80, 0x80, 0x80, 0x78, 0x0b]);

const GLOBAL_GET = 0x23;
const GLOBAL_SET = 0x24;
const I32_CONST = 0x41;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_GT_S = 0x4a;
const IF = 0x04;
const BLOCK = 0x02;
const END = 0x0b;
const UNREACHABLE = 0x00;
const EMPTY_BLOCK = 0x40;

/** The call-depth global comes after the counter and the write barrier's three globals. */
export function callDepthGlobalIndex(module: WasmModule, withBarrier: boolean): number {
  return module.globals.length + (withBarrier ? 4 : 1);
}

/** The block type that wraps a body: empty, one value type, or (several results) a `[] -> results` type index. */
export type BodyBlockType = { readonly kind: 'empty' } | { readonly kind: 'value'; readonly valType: number } | { readonly kind: 'type'; readonly index: number };

export function bodyBlockType(type: FuncType, typeIndexOf: (results: FuncType) => number): BodyBlockType {
  if (type.results.length === 0) return { kind: 'empty' };
  if (type.results.length === 1) return { kind: 'value', valType: type.results[0] };
  return { kind: 'type', index: typeIndexOf({ params: [], results: type.results }) };
}

/** At function entry: count the call, trap past the budget. */
export function writeCallDepthEntry(w: ByteWriter, depthGlobal: number, hints: BranchHints | null): void {
  writeU8(w, GLOBAL_GET); writeU32(w, depthGlobal);
  writeU8(w, I32_CONST); writeSigned(w, 1);
  writeU8(w, I32_ADD);
  writeU8(w, GLOBAL_SET); writeU32(w, depthGlobal);
  writeU8(w, GLOBAL_GET); writeU32(w, depthGlobal);
  writeU8(w, I32_CONST); writeSigned(w, 0);
  writeU8(w, I32_GT_S);
  noteUnlikelyIf(hints, w);
  writeU8(w, IF); writeU8(w, EMPTY_BLOCK);
  writeU8(w, I32_CONST); writeSigned(w, CALL_DEPTH_OVERFLOW);
  writeU8(w, GLOBAL_SET); writeU32(w, depthGlobal);
  writeU8(w, UNREACHABLE);
  writeU8(w, END);
}

/**
 * Opens the block wrapping a body whose exits run code (the depth's decrement, a fast copy's counter store): a
 * branch to the function's own label then lands on the block's end, where that code follows.
 */
export function writeBodyBlockStart(w: ByteWriter, blockType: BodyBlockType): void {
  writeU8(w, BLOCK);
  if (blockType.kind === 'empty') writeU8(w, EMPTY_BLOCK);
  else if (blockType.kind === 'value') writeU8(w, blockType.valType);
  else writeSigned(w, blockType.index);
}

/** Before `return`: the call is over. */
export function writeCallDepthDecrement(w: ByteWriter, depthGlobal: number): void {
  writeU8(w, GLOBAL_GET); writeU32(w, depthGlobal);
  writeU8(w, I32_CONST); writeSigned(w, 1);
  writeU8(w, I32_SUB);
  writeU8(w, GLOBAL_SET); writeU32(w, depthGlobal);
}

