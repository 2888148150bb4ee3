/**
 * Compilation (issue #5): a WAT source to a validated, instrumented module ready to instantiate, the path every
 * deploy takes: wabt parses and encodes the text (`compileWat`), the engine validates it against the canister
 * rules and instruments it (`prepareCanisterModule`), and V8 compiles the result (`new WebAssembly.Module`, as
 * `install_code` does), then instantiates it. Measured for a generated 2,000-line source and a ~300 KB module.
 * A script, not a test. Run alone with `npx tsx bench/compile.ts`.
 */
import { compileWat, initWat, prepareCanisterModule } from '../src/engine/index.ts';
import { createBenchSubnet, deployCanister } from './benchSubnet.ts';
import { generatedCanisterWat, generatedWatOfLines } from './generatedCanister.ts';
import { createLog, isMainModule, machineLine, median, timeMs } from './measure.ts';

interface CompileTimes {
  readonly wat: number;
  readonly prepare: number;
  readonly v8Compile: number;
  readonly instantiate: number;
  readonly install: number;
  readonly wasmBytes: number;
  readonly instrumentedBytes: number;
}

/** One pass through every stage; `install` is the whole `install_code` on a fresh subnet, prepare included. */
function compileOnce(source: string): CompileTimes {
  let wasm: Uint8Array | null = null;
  const wat = timeMs(() => {
    const compiled = compileWat(source);
    if (!compiled.ok) throw new Error(`bench: the generated source does not compile: ${JSON.stringify(compiled.errors.slice(0, 3))}`);
    wasm = compiled.wasm;
  });
  const bytes = wasm! as Uint8Array;
  let instrumented: Uint8Array | null = null;
  const prepare = timeMs(() => {
    const prepared = prepareCanisterModule(bytes);
    if (!prepared.ok) throw new Error(`bench: the generated module is not a valid canister: ${prepared.error}`);
    instrumented = prepared.module.instrumented;
  });
  const code = instrumented! as Uint8Array<ArrayBuffer>;
  let module: WebAssembly.Module | null = null;
  const v8Compile = timeMs(() => { module = new WebAssembly.Module(code); });
  const instantiate = timeMs(() => { new WebAssembly.Instance(module!, instrumentationImports(module!)); });
  const subnet = createBenchSubnet();
  const install = timeMs(() => deployCanister(subnet, bytes));
  return { wat, prepare, v8Compile, instantiate, install, wasmBytes: bytes.length, instrumentedBytes: code.length };
}

/** Do-nothing functions for every import the module declares: instantiation only needs them to exist. */
function instrumentationImports(module: WebAssembly.Module): WebAssembly.Imports {
  const imports: Record<string, Record<string, WebAssembly.ExportValue>> = {};
  for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
    imports[from] ??= {};
    if (kind !== 'function') throw new Error(`bench: unexpected ${kind} import ${from}.${name}`);
    imports[from][name] = () => 0;
  }
  return imports;
}

/** Median of each stage over `runs` passes after one warm-up pass. */
function compileTimes(source: string, runs = 5): CompileTimes {
  compileOnce(source);
  const passes = Array.from({ length: runs }, () => compileOnce(source));
  const mid = (pick: (t: CompileTimes) => number) => median(passes.map(pick));
  return {
    wat: mid((t) => t.wat), prepare: mid((t) => t.prepare), v8Compile: mid((t) => t.v8Compile),
    instantiate: mid((t) => t.instantiate), install: mid((t) => t.install), wasmBytes: passes[0].wasmBytes,
    instrumentedBytes: passes[0].instrumentedBytes,
  };
}

/** Generated WAT whose module is about `bytes` long (one resize after a trial). */
function watOfModuleSize(bytes: number): string {
  const trialFunctions = 500;
  const trial = compileWat(generatedCanisterWat(trialFunctions));
  if (!trial.ok) throw new Error('bench: the generated source does not compile');
  return generatedCanisterWat(Math.round((trialFunctions * bytes) / trial.wasm.length));
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} KB`;

export async function compileSection(): Promise<string[]> {
  await initWat();
  const { lines, log } = createLog();
  log('### Compilation: WAT to a validated, instrumented module');
  log('');
  log('Generated canisters (arithmetic, loops over memory, branch chains, `br_table`, calls, bulk memory); median of 5 after a warm-up, ms:');
  log('');
  log('| source | Wasm (instrumented) | WAT → Wasm (wabt) | validate + instrument | V8 compile | instantiate | WAT → validated, instrumented, compiled | whole `install_code` from Wasm |');
  log('|---|---|---|---|---|---|---|---|');
  const sources: [string, string][] = [['2,000-line WAT', generatedWatOfLines(2_000)], ['~300 KB module', watOfModuleSize(300_000)]];
  for (const [label, source] of sources) {
    const t = compileTimes(source);
    const lineCount = source.split('\n').length.toLocaleString('en-US');
    log(`| ${label} (${lineCount} lines) | ${kb(t.wasmBytes)} (${kb(t.instrumentedBytes)}) | ${t.wat.toFixed(1)} | ${t.prepare.toFixed(1)} | ${t.v8Compile.toFixed(1)} | ${t.instantiate.toFixed(1)} | ${(t.wat + t.prepare + t.v8Compile).toFixed(1)} | ${t.install.toFixed(1)} |`);
  }
  return lines;
}

if (isMainModule(import.meta.url)) {
  console.log(machineLine());
  console.log('');
  await compileSection();
}
