/**
 * Rewrites one decoded function body: inserts the metering code at the injection points (with the counter
 * cached in a local, reloaded at entry and after every call: `CounterSlots`), shifts function
 * indices of `call` / `ref.func` by the injected imports, wraps every `memory.grow` with the
 * `try_grow_wasm_memory` call, and (when the module has a memory) puts the unmetered write barrier before
 * every store and bulk memory write (`writeBarrier.ts`): inline for a store inside a loop, a call of the outlined
 * barrier for one outside every loop. Untouched instructions are copied as byte ranges.
 */
import { createReader, readU32 } from './binaryReader.ts';
import { writeBytes, writeU32, writeU8, type ByteWriter } from './binaryWriter.ts';
import type { BranchHints } from './branchHints.ts';
import type { DecodedBody, InstructionBuffer } from './decodeFunctionBody.ts';
import {
  INJECTED_IMPORT_COUNT, writeCounterReload, writeCounterStore, writeDynamicCharge, writeMemoryGrow,
  writeOutOfInstructionsCheck, writeStaticCharge, createCounterSlots, setCounterSlots,
} from './injectedCode.ts';
import { POINT, type InjectionPoints } from './injectionPoints.ts';
import { writeBodyBlockStart, writeCallDepthDecrement, writeCallDepthEntry, type BodyBlockType } from './callDepth.ts';
import { CanisterModuleError } from './canisterModuleError.ts';
import { OP } from './opcodes.ts';
import { VALTYPE } from './wasmModule.ts';
import {
  BARRIER, BARRIER_OP, barrierLocalCount, barrierLocalDeclCount, createBarrierLocals, readStoreOffset, writeBarrierLocalDecls,
  writeBulkBarrier, writeOutlinedStoreBarrier, writeStoreBarrier, type WriteBarrierLayout,
} from './writeBarrier.ts';

// Hot-loop aliases: module-local constants instead of imported bindings, which test-time transforms
// (vite SSR, tsx) turn into getter calls on every access.
const { call: CALL, callIndirect: CALL_INDIRECT, refFunc: REF_FUNC, memoryGrow: MEMORY_GROW, return: RETURN } = OP;
const { dynamic: DYNAMIC, reentrant: REENTRANT } = POINT;
const copy = writeBytes;
const u8 = writeU8;
const u32 = writeU32;
const staticCharge = writeStaticCharge;
const reentrantCheck = writeOutOfInstructionsCheck;
const dynamicCharge = writeDynamicCharge;
const counterReload = writeCounterReload;
const memoryGrow = writeMemoryGrow;
const leb = readU32;
const shift = INJECTED_IMPORT_COUNT;
const barrierOp = BARRIER_OP;
const BULK = BARRIER.bulk;
const storeOffset = readStoreOffset;
const storeBarrier = writeStoreBarrier;
const bulkBarrier = writeBulkBarrier;
const outlinedBarrier = writeOutlinedStoreBarrier;
const locals = createBarrierLocals(); // reused: bodies are instrumented one at a time
const counter = createCounterSlots(); // likewise
const counterStore = writeCounterStore;
const END = OP.end;
const { loop: LOOP, block: BLOCK, if: IF } = OP;
/** Per open block, 1 if it is a loop (reused, grown when a body nests deeper). */
let loopStack = new Uint8Array(256);

function growLoopStack(): void {
  const grown = new Uint8Array(loopStack.length * 2);
  grown.set(loopStack);
  loopStack = grown;
}

/**
 * Parameters and locals V8 accepts in one function (its `kV8MaxWasmFunctionLocals`), the instrumentation's own
 * locals included: past it the instrumented module would not compile.
 */
export const ENGINE_MAX_LOCALS = 50_000;

export interface BodyContext {
  /** The body's position in the code section, for messages. */
  codeIndex: number;
  /** Index of the instruction counter global. */
  counterGlobal: number;
  /** Function index of the dynamic-charge helper. */
  chargeHelperFn: number;
  /** Number of parameters of this function (locals are indexed after them). */
  paramCount: number;
  /** Where the write barrier's table, globals and mark function are; null without a memory (no barrier). */
  barrier: WriteBarrierLayout | null;
  /** Collects the unlikely branches of the injected code (`branchHints.ts`). */
  hints: BranchHints;
  /** Index of the call-depth global and the block type wrapping this body (`callDepth.ts`). */
  callDepthGlobal: number;
  /** This function counts against the call-depth budget (`depthCountedFunctions.ts`). */
  countsDepth: boolean;
  bodyBlockType: BodyBlockType;
  /**
   * Write the fast copy (`fastPath.ts`): no barrier (pass `barrier: null`), the counter written to its global only
   * before calls and at exits. Function indices are those of the module's own instrumentation: in the fast module
   * they name the fast copies.
   */
  fast: boolean;
}

/**
 * Writes the instrumented body (locals + code, without its size prefix) to `out` and returns the number
 * of instructions it contains.
 */
export function instrumentFunctionBody(
  bytes: Uint8Array, decoded: DecodedBody, instructions: InstructionBuffer, points: InjectionPoints,
  ctx: BodyContext, out: ByteWriter,
): number {
  const { keys, starts, count } = instructions;
  const { barrier } = ctx;
  let growCount = 0;
  let barrierMask = 0; // bit k: an instruction of BARRIER kind k occurs
  let loopMask = 0; // bit k: … inside a loop
  let loops = 0;
  let open = 0;
  // The fast copies have no barrier to shape, but run the same loop: code only they ran would be compiled again
  // when the first fast module is built (`CounterSlots`).
  for (let i = 0; i < count; i++) {
    const key = keys[i];
    growCount += key === MEMORY_GROW ? 1 : 0; // no branch that only a rare body takes (V8 would deoptimize there)
    barrierMask |= 1 << barrierOp[key];
    if (loops > 0) loopMask |= 1 << barrierOp[key];
    if (key === LOOP || key === BLOCK || key === IF) {
      if (open === loopStack.length) growLoopStack();
      const isLoop = key === LOOP ? 1 : 0;
      loopStack[open++] = isLoop;
      loops += isLoop;
    } else if (key === END && open > 0) {
      loops -= loopStack[--open];
    }
  }
  const depth = ctx.countsDepth;
  const fast = ctx.fast;
  const wrapped = depth || fast; // exits run code: the body is wrapped in a block
  barrierMask = barrier === null ? 0 : barrierMask & ~(1 << BARRIER.none);
  const barriers = barrierMask !== 0;
  barrierMask &= loopMask | (1 << BULK); // scratch locals: only the inline barriers and the bulk ones use them

  // Locals: the originals, one i32 to hold memory.grow's delta (only if needed, like the replica), the
  // i64 caching the counter (`CounterSlots`), then the barrier's scratch locals (only those this body's
  // stores need).
  const grows = growCount > 0 ? 1 : 0;
  const added = grows + 1 + barrierLocalCount(barrierMask);
  if (ctx.paramCount + decoded.numLocals + added > ENGINE_MAX_LOCALS) {
    throw new CanisterModuleError(
      `Wasm module function at index ${ctx.codeIndex} has ${ctx.paramCount} parameters and ${decoded.numLocals} locals; with the ` +
        `${added} locals the playground's metering adds, that is more than the ${ENGINE_MAX_LOCALS} a function may have here.`,
    );
  }
  u32(out, decoded.localDeclCount + grows + 1 + barrierLocalDeclCount(barrierMask));
  copy(out, bytes, decoded.localsStart, decoded.localsEnd);
  if (grows) {
    u32(out, 1);
    u8(out, VALTYPE.i32);
  }
  u32(out, 1);
  u8(out, VALTYPE.i64);
  const deltaLocal = ctx.paramCount + decoded.numLocals;
  setCounterSlots(counter, ctx.counterGlobal, deltaLocal + grows, ctx.callDepthGlobal, !fast);
  writeBarrierLocalDecls(out, barrierMask, counter.local + 1, locals);
  counterReload(out, counter);
  // Unmetered, like the barrier: not added to `emitted`.
  if (depth) writeCallDepthEntry(out, ctx.callDepthGlobal, ctx.hints);
  if (wrapped) writeBodyBlockStart(out, ctx.bodyBlockType);

  let emitted = count;
  let copyFrom = starts[0];
  let p = 0;
  const reader = createReader(bytes);
  loops = 0;
  open = 0;
  for (let i = 0; i < count; i++) {
    while (p < points.count && points.position[p] === i) {
      copy(out, bytes, copyFrom, starts[i]);
      copyFrom = starts[i];
      const kind = points.kind[p];
      if (kind === DYNAMIC) {
        counterStore(out, counter); // a fast copy's: the helper charges the global
        emitted += dynamicCharge(out, ctx.chargeHelperFn, counter);
      } else {
        emitted += staticCharge(out, counter, points.cost[p]);
        if (kind === REENTRANT) emitted += reentrantCheck(out, counter, ctx.hints);
      }
      p++;
    }
    const key = keys[i];
    // The stack was sized by the first pass; the loop count decides the barrier's shape below (none without one).
    if (barrier !== null) {
      if (key === LOOP || key === BLOCK || key === IF) loops += loopStack[open++] = key === LOOP ? 1 : 0;
      else if (key === END && open > 0) loops -= loopStack[--open];
    }
    if (wrapped && key === RETURN) {
      copy(out, bytes, copyFrom, starts[i]);
      copyFrom = starts[i];
      counterStore(out, counter);
      if (depth) writeCallDepthDecrement(out, ctx.callDepthGlobal);
    } else if (wrapped && i === count - 1) {
      // The function's own `end`: after this position's metering, close the body's block and leave.
      copy(out, bytes, copyFrom, starts[i]);
      copyFrom = starts[i];
      u8(out, END);
      counterStore(out, counter);
      if (depth) writeCallDepthDecrement(out, ctx.callDepthGlobal);
    } else if (key === CALL || key === REF_FUNC) {
      copy(out, bytes, copyFrom, starts[i]);
      reader.pos = starts[i] + 1;
      reader.end = starts[i + 1];
      const index = leb(reader);
      if (key === CALL) counterStore(out, counter);
      u8(out, key);
      u32(out, index + shift);
      copyFrom = starts[i + 1];
      if (key === CALL) counterReload(out, counter);
    } else if (key === CALL_INDIRECT) {
      copy(out, bytes, copyFrom, starts[i]);
      counterStore(out, counter);
      copy(out, bytes, starts[i], starts[i + 1]);
      copyFrom = starts[i + 1];
      counterReload(out, counter);
    } else if (key === MEMORY_GROW) {
      copy(out, bytes, copyFrom, starts[i]);
      counterStore(out, counter); // try_grow_wasm_memory is a host call
      emitted += memoryGrow(out, bytes.subarray(starts[i], starts[i + 1]), deltaLocal);
      copyFrom = starts[i + 1];
      counterReload(out, counter); // try_grow_wasm_memory is a host call like any other
    } else if (barriers && barrierOp[key] !== 0) {
      // After this position's metering injections, right before the instruction, which is kept as is.
      // Not added to `emitted`: the barrier is invisible to metering.
      copy(out, bytes, copyFrom, starts[i]);
      copyFrom = starts[i];
      const kind = barrierOp[key];
      if (kind === BULK) {
        bulkBarrier(out, locals);
      } else {
        const offset = storeOffset(reader, starts[i], starts[i + 1]);
        if (loops === 0) outlinedBarrier(out, offset, kind, barrier as WriteBarrierLayout);
        else storeBarrier(out, offset, kind, locals, barrier as WriteBarrierLayout, counter.local, ctx.hints);
      }
    }
  }
  copy(out, bytes, copyFrom, starts[count]);
  return emitted;
}
