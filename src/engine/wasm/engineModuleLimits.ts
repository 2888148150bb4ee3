/**
 * The limits of the WebAssembly engine the playground runs canisters on (V8: `src/wasm/wasm-limits.h`), checked on
 * the INSTRUMENTED module before V8 compiles it. Instrumenting adds imports (the 4 of `injectedCode.ts`), exports
 * (the counter, the write barrier's, the memory, table and mutable globals: `planExports.ts`), types, globals,
 * locals and code to every body (`instrumentModule.ts`), so a module V8 accepts as uploaded can pass one of these
 * limits once instrumented — 99,997 `ic0` imports, 99,995 exports, a function with 49,999 locals — and V8's
 * refusal would then speak of a module the user never wrote ("Internal error: the instrumented module is not valid
 * WebAssembly"). This refuses it first, as a limit of the playground, naming what the user's module has.
 *
 * The numbers are Node 20's V8 (measured: "imports count of 100001 exceeds internal limit of 100000", "local count
 * too large" past 50,000 parameters and locals, "maximum function size 7654321"); newer V8s allow more imports and
 * exports (1,000,000), but one limit for every runner keeps a scenario's outcome the same in the command-line runner
 * and in the browser. The replica compiles with wasmtime, whose validator allows 1,000,000 imports, exports and types
 * (wasmparser `limits.rs`) and whose rules for canisters (ic-reference.md §2.3) bound declared functions (50,000),
 * globals (1,000), exported methods (1,000) and the code section (10 MiB) but not imports or exports; so such a
 * module is refused here where the replica might install it. The refusal takes the path of any invalid module:
 * `install_code` rejects it with IC0505 (`CanisterInvalidWasm`), as the replica rejects a module it cannot compile.
 */
import { atEnd, createReader, readU32, readU8, skipBytes, type ByteReader } from './binaryReader.ts';
import { CanisterModuleError } from './canisterModuleError.ts';
import { ENGINE_MAX_LOCALS } from './instrumentFunctionBody.ts';
import type { WasmModule } from './wasmModule.ts';

/** V8's per-module counts (Node 20), by section id, with the user's own count for the message. */
const COUNT_LIMITS: readonly { section: number; what: string; limit: number; declared: (module: WasmModule) => number }[] = [
  { section: 1, what: 'types', limit: 1_000_000, declared: (m) => m.types.length },
  { section: 2, what: 'imports', limit: 100_000, declared: (m) => m.imports.length },
  { section: 3, what: 'functions', limit: 1_000_000, declared: (m) => m.functions.length },
  { section: 6, what: 'globals', limit: 1_000_000, declared: (m) => m.globals.length },
  { section: 7, what: 'exports', limit: 100_000, declared: (m) => m.exports.length },
  { section: 11, what: 'data segments', limit: 100_000, declared: (m) => m.data.length },
];
/**
 * V8's `kV8MaxWasmFunctionSize` (bytes of a body). Its `kV8MaxWasmFunctionLocals` (parameters and locals together) is
 * `ENGINE_MAX_LOCALS`, which the instrumenter checks per function already; the scan below checks it again on the
 * finished bodies, the instrumenter's own functions included.
 */
export const ENGINE_MAX_FUNCTION_SIZE = 7_654_321;

const SECTION_CODE = 10;
const SECTION_TYPE = 1;
const SECTION_FUNCTION = 3;

/** The refusals this file throws, told apart from a decoding error in its own scan (left to V8's validation). */
const refusals = new WeakSet<Error>();

function refusal(detail: string): CanisterModuleError {
  const error = new CanisterModuleError(
    `Wasm module is too large for this playground: ${detail}. This is a limit of the playground's WebAssembly engine ` +
      '(V8), not of the Internet Computer: the playground adds code of its own to every module to meter instructions ' +
      'and roll back traps.',
  );
  refusals.add(error);
  return error;
}

interface Section { id: number; start: number; end: number }

function sectionsOf(bytes: Uint8Array): Section[] {
  const r = createReader(bytes, 8);
  const found: Section[] = [];
  while (!atEnd(r)) {
    const id = readU8(r);
    const size = readU32(r);
    found.push({ id, start: r.pos, end: r.pos + size });
    skipBytes(r, size);
  }
  return found;
}

/** Parameter counts of the instrumented module's functions, by defined-function index (imports excluded). */
function paramCounts(bytes: Uint8Array, sections: readonly Section[]): number[] {
  const typeSection = sections.find((s) => s.id === SECTION_TYPE);
  const functionSection = sections.find((s) => s.id === SECTION_FUNCTION);
  if (!typeSection || !functionSection) return [];
  const params: number[] = [];
  const r = createReader(bytes, typeSection.start, typeSection.end);
  for (let i = 0, n = readU32(r); i < n; i++) {
    readU8(r); // 0x60: the validator refused every other form
    const count = readU32(r);
    skipBytes(r, count);
    params.push(count);
    skipBytes(r, readU32(r));
  }
  const f = createReader(bytes, functionSection.start, functionSection.end);
  return Array.from({ length: readU32(f) }, () => params[readU32(f)] ?? 0);
}

function checkBodies(r: ByteReader, params: readonly number[], module: WasmModule): void {
  const importedFunctions = module.imports.filter((imp) => imp.desc.kind === 'func').length;
  for (let i = 0, n = readU32(r); i < n; i++) {
    const size = readU32(r);
    const end = r.pos + size;
    // Bodies after the module's own are the instrumenter's (the charge helper, the barrier).
    const own = i < module.functions.length ? `function ${importedFunctions + i}` : 'a function the playground adds';
    if (size > ENGINE_MAX_FUNCTION_SIZE) {
      throw refusal(`the body of ${own} grows to ${size} bytes once instrumented, more than the ${ENGINE_MAX_FUNCTION_SIZE} the engine compiles`);
    }
    let locals = params[i] ?? 0;
    for (let g = 0, groups = readU32(r); g < groups; g++) {
      locals += readU32(r);
      readU8(r);
    }
    if (locals > ENGINE_MAX_LOCALS) {
      throw refusal(`${own} has ${locals} parameters and locals once instrumented (at most ${ENGINE_MAX_LOCALS})`);
    }
    r.pos = end;
  }
}

/**
 * Throws `CanisterModuleError` if the instrumented module passes one of V8's limits; says nothing about anything
 * else (a module it cannot read is left to V8's own validation, which follows).
 */
export function checkEngineModuleLimits(module: WasmModule, instrumented: Uint8Array): void {
  try {
    const sections = sectionsOf(instrumented);
    for (const { section, what, limit, declared } of COUNT_LIMITS) {
      const found = sections.find((s) => s.id === section);
      if (!found) continue;
      const count = readU32(createReader(instrumented, found.start, found.end));
      if (count > limit) {
        throw refusal(`it has ${declared(module)} ${what}, and ${count} once instrumented, more than the ${limit} the engine accepts`);
      }
    }
    const code = sections.find((s) => s.id === SECTION_CODE);
    if (code) checkBodies(createReader(instrumented, code.start, code.end), paramCounts(instrumented, sections), module);
  } catch (e) {
    if (e instanceof Error && refusals.has(e)) throw e;
  }
}
