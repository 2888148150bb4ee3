/**
 * The per-function loops: decode each body, apply the replica's code rules to it (size, complexity, refused
 * instructions; VALID `validate_code_section`) and gather its calls (which functions can recurse decides where the
 * call-depth budget is counted: `depthCountedFunctions.ts`); then decode it again, compute its injection points and
 * write its instrumented form, or (for the fast module, `fastPath.ts`) its fast copy — the fast module of a module
 * already prepared skips the checking pass, given what it found (`CheckedCode`). Returns the new code section
 * payload: the bodies, the appended charging helper and, with a write barrier, the mark function, its
 * pass-through variants and the outlined store barriers.
 */
import { createWriter, writeBytes, writeU32, type ByteWriter } from './binaryWriter.ts';
import { createBranchHints, endBodyHints, type BranchHints } from './branchHints.ts';
import { CanisterModuleError } from './canisterModuleError.ts';
import { addBodyCalls, createCallGraph } from './callGraph.ts';
import { createInstructionBuffer, decodeFunctionBody, shrinkInstructionBuffer, type InstructionBuffer } from './decodeFunctionBody.ts';
import { depthCountedFunctions } from './depthCountedFunctions.ts';
import {
  WASM_FUNCTION_COMPLEXITY_LIMIT, WASM_FUNCTION_SIZE_LIMIT, functionComplexity,
} from './functionComplexity.ts';
import { writeChargeHelperBody } from './injectedCode.ts';
import { computeInjectionPoints, createInjectionPoints, shrinkInjectionPoints } from './injectionPoints.ts';
import { changesInstanceState } from './instanceState.ts';
import { instrumentFunctionBody } from './instrumentFunctionBody.ts';
import { OPCODE_NAMES } from './opcodes.ts';
import { unsupportedInstructionError } from './readInstruction.ts';
import { countImports, type FuncType, type WasmModule } from './wasmModule.ts';
import type { BodyBlockType } from './callDepth.ts';
import {
  BARRIER_FUNCTIONS_PER_TYPE, STORE_VALUE_TYPES, writeMarkPageBody, writeMarkStoreBody, writeOutlinedStoreBarrierBody,
  type WriteBarrierLayout,
} from './writeBarrier.ts';

export interface InstrumentedCode {
  /** Code section payload: count, then each body with its size prefix. */
  payload: ByteWriter;
  /**
   * Instructions in all bodies of the instrumented module that the replica's compilation charge counts:
   * the write barrier and its mark function are left out (the replica's module has neither).
   */
  instructionCount: number;
  /** The unlikely branches of the injected code, for the `metadata.code.branch_hint` section. */
  hints: BranchHints;
  /** Some body changes instance state besides memory and globals (`instanceState.ts`). */
  changesInstanceState: boolean;
  /** Per body, 1 if it counts the call depth (`depthCountedFunctions.ts`). */
  depthCounted: Uint8Array;
}

/** What the checking pass found in a module's bodies, kept so that its fast module is built without that pass again. */
export type CheckedCode = Pick<InstrumentedCode, 'changesInstanceState' | 'depthCounted'>;

export interface CodeIndices {
  counterGlobal: number;
  chargeHelperFn: number;
  barrier: WriteBarrierLayout | null;
  callDepthGlobal: number;
  /** The block type wrapping a body of this function type (`callDepth.ts`). */
  bodyBlockType: (type: FuncType) => BodyBlockType;
  /** Function index of the first body (the module's function imports plus the injected ones). */
  firstFunction: number;
  /** Write the fast copies of the bodies (`fastPath.ts`: pass `barrier: null`) instead of their instrumented form. */
  fast: boolean;
}

function checkBody(codeIndex: number, keys: Uint16Array, count: number): void {
  const complexity = functionComplexity(keys, count);
  if (complexity < 0) throw unsupportedInstructionError(codeIndex, OPCODE_NAMES[keys[-1 - complexity]]);
  if (complexity > WASM_FUNCTION_COMPLEXITY_LIMIT) {
    throw new CanisterModuleError(
      `Wasm module contains a function at index ${codeIndex} with complexity ${complexity} which exceeds the ` +
        `maximum complexity allowed ${WASM_FUNCTION_COMPLEXITY_LIMIT}.`,
    );
  }
  if (count > WASM_FUNCTION_SIZE_LIMIT) {
    throw new CanisterModuleError(
      `Wasm module contains a function at index ${codeIndex} of size ${count} that exceeds the maximum allowed size of ` +
        `${WASM_FUNCTION_SIZE_LIMIT}.`,
    );
  }
}

/**
 * The per-body scratch arrays, made once for the process (bodies are decoded one at a time) and grown to the largest
 * body. Made anew for each module, they cost more than their memory: once a first one's arrays had been replaced by
 * larger ones, V8 threw away the instrumenter's optimized code at the next one's creation (a long call's fast module
 * was built by code being compiled again; BENCHMARKS.md, session 23).
 */
const instructions = createInstructionBuffer();
const points = createInjectionPoints();
/** Entries the scratch arrays keep between modules (about 3 MB); a larger body's are let go after its module. */
const SCRATCH_KEPT = 1 << 18;

function releaseLargeScratch(): void {
  if (instructions.keys.length > SCRATCH_KEPT) shrinkInstructionBuffer(instructions);
  if (points.position.length > SCRATCH_KEPT) shrinkInjectionPoints(points);
}

/**
 * `checked`: what the checking pass found in this module before (its own instrumentation's), to skip the pass. A
 * body's large scratch arrays are let go after the module, refused or not.
 */
export function instrumentCodeSection(module: WasmModule, indices: CodeIndices, checked: CheckedCode | null = null): InstrumentedCode {
  try {
    return writeCodeSection(module, indices, checked);
  } finally {
    releaseLargeScratch();
  }
}

function writeCodeSection(module: WasmModule, indices: CodeIndices, checked: CheckedCode | null): InstrumentedCode {
  const { bytes, code } = module;
  const payload = createWriter(module.codeSectionSize + code.length * 24 + 64);
  const body = createWriter(4096);
  const hints = createBranchHints();
  let instructionCount = 0;
  const { depthCounted, changesInstanceState: instanceState } = checked ?? checkCode(module, instructions);
  writeU32(payload, code.length + 1 + (indices.barrier ? 1 + BARRIER_FUNCTIONS_PER_TYPE * STORE_VALUE_TYPES.length : 0));
  let decoded!: ReturnType<typeof decodeFunctionBody>;
  for (let i = 0; i < code.length; i++) {
    decoded = decodeFunctionBody(bytes, code[i], i, instructions);
    computeInjectionPoints(instructions.keys, instructions.count, points);
    const type = module.types[module.functions[i]];
    body.len = 0;
    instructionCount += instrumentFunctionBody(bytes, decoded, instructions, points, {
      codeIndex: i,
      counterGlobal: indices.counterGlobal,
      chargeHelperFn: indices.chargeHelperFn,
      paramCount: type.params.length,
      barrier: indices.barrier,
      hints,
      callDepthGlobal: indices.callDepthGlobal,
      countsDepth: depthCounted[i] === 1,
      bodyBlockType: indices.bodyBlockType(type),
      fast: indices.fast,
    }, body);
    endBodyHints(hints, indices.firstFunction + i);
    writeU32(payload, body.len);
    writeBytes(payload, body.buf, 0, body.len);
  }
  body.len = 0;
  instructionCount += writeChargeHelperBody(body, indices.counterGlobal);
  writeU32(payload, body.len);
  writeBytes(payload, body.buf, 0, body.len);
  if (indices.barrier) {
    body.len = 0;
    writeMarkPageBody(body, indices.barrier); // not counted: see `instructionCount`
    writeU32(payload, body.len);
    writeBytes(payload, body.buf, 0, body.len);
    body.len = 0;
    writeMarkStoreBody(body, indices.barrier); // the same body serves every value type
    for (let i = 0; i < STORE_VALUE_TYPES.length; i++) {
      writeU32(payload, body.len);
      writeBytes(payload, body.buf, 0, body.len);
    }
    body.len = 0;
    writeOutlinedStoreBarrierBody(body, indices.barrier); // likewise
    for (let i = 0; i < STORE_VALUE_TYPES.length; i++) {
      writeU32(payload, body.len);
      writeBytes(payload, body.buf, 0, body.len);
    }
  }
  return { payload, instructionCount, hints, changesInstanceState: instanceState, depthCounted };
}

/** The checking pass: the code rules on every body, whether any changes instance state, and who counts call depth. */
function checkCode(module: WasmModule, instructions: InstructionBuffer): CheckedCode {
  const { bytes, code } = module;
  const graph = createCallGraph(module);
  const importedFunctions = countImports(module, 'func');
  let instanceState = false;
  for (let i = 0; i < code.length; i++) {
    decodeFunctionBody(bytes, code[i], i, instructions);
    checkBody(i, instructions.keys, instructions.count);
    instanceState ||= changesInstanceState(instructions.keys, instructions.count);
    addBodyCalls(graph, bytes, instructions, i, importedFunctions);
  }
  return { depthCounted: depthCountedFunctions(graph), changesInstanceState: instanceState };
}
