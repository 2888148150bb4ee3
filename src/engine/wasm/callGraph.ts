/**
 * The calls between a module's defined functions, gathered while its bodies are decoded (for
 * `depthCountedFunctions.ts`). Function indices are turned into code indices; calls to imports are host calls and
 * make no edge.
 */
import { createReader, readU32 } from './binaryReader.ts';
import type { InstructionBuffer } from './decodeFunctionBody.ts';
import { OP } from './opcodes.ts';
import { countImports, type WasmModule } from './wasmModule.ts';

/** The direct and indirect calls of a module's defined functions, by code index. */
export interface CallGraph {
  /** Per function: the defined functions it calls directly (code indices; repeats allowed). */
  callees: number[][];
  /** Per function: it contains a `call_indirect`. */
  callsIndirect: boolean[];
  /** Per function: it makes any call, to an import included. */
  makesCalls: boolean[];
  /** Code indices of every function a table can hold (repeats allowed). */
  indirectTargets: number[];
}

const { call: CALL, callIndirect: CALL_INDIRECT, refFunc: REF_FUNC } = OP;

/** The graph without any body's calls yet: only the functions element segments and globals name. */
export function createCallGraph(module: WasmModule): CallGraph {
  const imported = countImports(module, 'func');
  const targets: number[] = [];
  const add = (funcIndex: number): void => { if (funcIndex >= imported) targets.push(funcIndex - imported); };
  for (const seg of module.elements) {
    for (const f of seg.funcIndices ?? []) add(f);
    for (const e of seg.exprs ?? []) if (e.op === REF_FUNC) add(e.value);
  }
  for (const g of module.globals) if (g.init.op === REF_FUNC) add(g.init.value);
  const n = module.code.length;
  return {
    callees: Array.from({ length: n }, () => []),
    callsIndirect: new Array<boolean>(n).fill(false),
    makesCalls: new Array<boolean>(n).fill(false),
    indirectTargets: targets,
  };
}

/** Adds the calls of the body with code index `codeIndex`, decoded into `instructions`. */
export function addBodyCalls(
  graph: CallGraph, bytes: Uint8Array, instructions: InstructionBuffer, codeIndex: number, importedFunctions: number,
): void {
  const { keys, starts, count } = instructions;
  const reader = createReader(bytes);
  const callees = graph.callees[codeIndex];
  for (let i = 0; i < count; i++) {
    const key = keys[i];
    if (key !== CALL && key !== CALL_INDIRECT && key !== REF_FUNC) continue;
    if (key === CALL_INDIRECT) {
      graph.callsIndirect[codeIndex] = true;
      graph.makesCalls[codeIndex] = true;
      continue;
    }
    reader.pos = starts[i] + 1;
    reader.end = starts[i + 1];
    const funcIndex = readU32(reader);
    if (key === CALL) graph.makesCalls[codeIndex] = true;
    if (funcIndex < importedFunctions) continue;
    if (key === CALL) callees.push(funcIndex - importedFunctions);
    else graph.indirectTargets.push(funcIndex - importedFunctions);
  }
}
