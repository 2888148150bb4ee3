import { findExcessiveNesting } from './findExcessiveNesting.ts';
import { parseModule } from '../wasm/parseModule.ts';
import { readGlobalNames } from '../wasm/readGlobalNames.ts';
import { parseWabtErrors } from './parseWabtErrors.ts';
import { allSeededWat, forgetSeededWat, seededWat } from './seededWat.ts';
import { sameBytes } from '../sameBytes.ts';

/** A problem in a source text, 1-based; columns count UTF-16 code units, as editors do. */
export interface SourceDiagnostic {
  line: number;
  column: number;
  message: string;
}

/**
 * `globalNames` are the source's `$names` of globals by index: the inspector's names for them. The module has no name
 * section to carry them (see `compileWat`), so they come beside it.
 */
export type CompileWatResult =
  | { ok: true; wasm: Uint8Array; globalNames: ReadonlyMap<number, string> }
  | { ok: false; errors: SourceDiagnostic[] };

type Wabt = Awaited<ReturnType<typeof import('wabt')>>;
type WabtFeatures = NonNullable<Parameters<Wabt['parseWat']>[2]>;
type WabtModule = ReturnType<Wabt['parseWat']>;

/**
 * The Wasm features a canister may use (ic-reference.md §2.3: the replica enables bulk memory, reference
 * types and SIMD; the rest are long-standing defaults of every engine). Named explicitly rather than relying on
 * wabt's defaults, so an upgrade of wabt cannot silently change what compiles. Memory64, threads, tail calls,
 * exceptions, GC and relaxed SIMD stay off, as they are on a default replica.
 */
const FEATURES: WabtFeatures = {
  bulk_memory: true,
  reference_types: true,
  simd: true,
  mutable_globals: true,
  sign_extension: true,
  sat_float_to_int: true,
  multi_value: true,
  exceptions: false,
  threads: false,
  tail_call: false,
  memory64: false,
  function_references: false,
  gc: false,
  relaxed_simd: false,
  extended_const: false,
  // `(@custom "icp:public candid:service" "…")` puts a custom section in the module: how WAT declares its Candid
  // interface. Other annotations are ignored, as the text format's annotation proposal says.
  annotations: true,
  code_metadata: false,
};

/**
 * Name wabt puts in its messages. The trailing NUL works around wabt's `allocateCString`, which allocates
 * `length` bytes for a string it NUL-terminates, so some names (e.g. 12-character ones) pick up a stray byte.
 */
const FILENAME = 'source.wat';
const FILENAME_FOR_WABT = `${FILENAME}\0`;

let wabt: Wabt | undefined;
let loading: Promise<void> | undefined;
/** Set when an internal wabt failure forced a reload; compileWat reports it instead of throwing meanwhile. */
let reloading = false;

/**
 * A tiny module compiled after every failed compile to check that wabt still works. wabt's error recovery
 * can keep parse frames open past the closing parentheses it skips, so an erroneous source can recurse far
 * deeper than its nesting (150 repetitions of `(block (block (foo)))` overflow wabt's stack). An overflow
 * usually traps, which compileWat catches; when it corrupts memory silently instead, this check catches the
 * corruption before it can change the bytes of a later, valid module.
 */
const CANARY_SOURCE = '(module (func (export "f") (result i32) (i32.const 42)))';
const CANARY_WASM = '0,97,115,109,1,0,0,0,1,5,1,96,0,1,127,3,2,1,0,7,5,1,1,102,0,0,10,6,1,4,0,65,42,11';

/**
 * Loads wabt once. Idempotent: every call returns the same promise. A failed load is forgotten, so a later
 * call retries. Imported lazily so that the ~230 KB compiler is only fetched by code that compiles WAT.
 */
export function initWat(): Promise<void> {
  loading ??= import('wabt')
    .then(async (mod) => {
      wabt = await mod.default();
      reloading = false;
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

/** Whether compiling these sources needs wabt to have loaded (`initWat`): some are not seeded and wabt is not there. */
export function watCompilerNeeded(sources: Iterable<string>): boolean {
  if (wabt !== undefined) return false;
  for (const source of sources) if (!seededWat(source)) return true;
  return false;
}

/**
 * Compiles WAT text to a Wasm binary, byte-identical to `wat2wasm` with the same features (no name section),
 * so a module's hash here matches what a developer would deploy. Never throws on any source text: every
 * problem comes back as diagnostics. Until wabt has loaded, a seeded source gives its seed (`seededWat.ts`);
 * any other throws, which is a programming error (`watCompilerNeeded` says when to await `initWat()`).
 */
export function compileWat(source: string): CompileWatResult {
  const instance = wabt;
  if (instance === undefined) {
    const seed = seededWat(source);
    if (seed) return { ok: true, wasm: seed.wasm, globalNames: seed.globalNames };
    if (reloading) {
      return fail([{ line: 1, column: 1, message: 'the WAT compiler is restarting after an internal error; try again' }]);
    }
    throw new Error('compileWat called before initWat() resolved');
  }
  const tooDeep = findExcessiveNesting(source);
  if (tooDeep) return fail([tooDeep]);
  const result = compileWith(instance, source);
  if (!result.ok && wabt === instance && !isHealthy(instance)) restart();
  return result;
}

/**
 * Compiles every seeded source with wabt (awaited by the caller) and forgets the seeds whose module differs: a
 * share link can carry any bytes beside its WAT. Returns the sources forgotten; the workspace that ran their seeds
 * must be opened again (their compile is now the real one).
 */
export function checkSeededWat(): string[] {
  if (wabt === undefined) throw new Error('checkSeededWat called before initWat() resolved');
  const forgotten: string[] = [];
  for (const seed of allSeededWat()) {
    const real = compileWat(seed.wat);
    if (real.ok && sameBytes(real.wasm, seed.wasm) && sameNames(real.globalNames, seed.globalNames)) continue;
    forgetSeededWat(seed.wat);
    forgotten.push(seed.wat);
  }
  return forgotten;
}

function sameNames(a: ReadonlyMap<number, string>, b: ReadonlyMap<number, string>): boolean {
  return a.size === b.size && [...a].every(([index, name]) => b.get(index) === name);
}

function compileWith(instance: Wabt, source: string): CompileWatResult {
  let module: WabtModule | undefined;
  try {
    module = instance.parseWat(FILENAME_FOR_WABT, utf8ExactBuffer(source), FEATURES);
    // validate() takes its own features (not in wabt's typings); without them features enabled in parsing
    // fail validation.
    (module.validate as (features: WabtFeatures) => void)(FEATURES);
    const { buffer } = module.toBinary({});
    return { ok: true, wasm: buffer, globalNames: globalNamesOf(module.toBinary({ write_debug_names: true }).buffer) };
  } catch (error) {
    if (isWabtReport(error)) return fail(parseWabtErrors(error.message, FILENAME, source));
    // Anything else (a RuntimeError from inside wabt's Wasm) may have corrupted wabt's memory: drop this
    // instance and load a fresh one rather than keep compiling with it.
    module = undefined;
    restart();
    return fail([{ line: 1, column: 1, message: `internal WAT compiler error: ${describe(error)} (wabt can fail this way on many errors inside nested code)` }]);
  } finally {
    try {
      module?.destroy();
    } catch {
      restart();
    }
  }
}

/** The global names of the same module written with its name section (wabt's debug names). */
function globalNamesOf(named: Uint8Array): ReadonlyMap<number, string> {
  try {
    return readGlobalNames(parseModule(named));
  } catch {
    return new Map(); // a module the engine refuses anyway (its install says why): nothing to name
  }
}

function isHealthy(instance: Wabt): boolean {
  const canary = compileWith(instance, CANARY_SOURCE);
  return canary.ok && canary.wasm.join(',') === CANARY_WASM;
}

function fail(errors: SourceDiagnostic[]): CompileWatResult {
  return { ok: false, errors };
}

/** wabt's own reports are plain Errors whose message starts with the stage: "parseWat failed:", ... */
function isWabtReport(error: unknown): error is Error {
  return error instanceof Error && /^\w+ failed[.:]/.test(error.message) && !(error instanceof WebAssembly.RuntimeError);
}

function restart(): void {
  wabt = undefined;
  loading = undefined;
  reloading = true;
  // Errors here resurface on the next initWat(); nothing awaits this one.
  initWat().catch(() => undefined);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * UTF-8 bytes of `source` in a buffer of exactly their length. wabt reads a typed array's whole underlying
 * ArrayBuffer (not just the view), and turns a JS string's UTF-16 units into bytes by truncation, so neither a
 * string nor a pooled view can be passed directly.
 */
function utf8ExactBuffer(source: string): Uint8Array {
  const bytes = new TextEncoder().encode(source);
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  return bytes.slice();
}
