/**
 * Where the metering overhead of the memory kernels goes (issue #5, "benchmarks against the physical limit"): the
 * engine's instrumented module of each kernel, run with stub host functions, against the raw kernel and against
 * two ablations of the instrumented module that are NOT valid engines, only floors:
 *
 * - without the write barrier: a trapped message could no longer be rolled back page by page;
 * - also without the counter's write-through (each charge kept in the function's local only): a trap would lose
 *   the instructions counted since the last call, which the replica charges;
 * - the ablation above with each store's page tested against a range of pages journaled before the execution,
 *   trapping outside it (`page - lo >= span`, no call): a call-free barrier for a fast path that would replay any
 *   trapping execution with today's code (BENCHMARKS.md). Measured to see whether a barrier without a call is
 *   cheap enough; it is not (five instructions per store in a loop of seven).
 *
 * A column runs the engine's fast module (`src/engine/wasm/fastPath.ts`), which the engine uses for
 * long executions: no barrier, and the counter written only before calls and at exits.
 *
 * The ablations are made on the module's text (wabt `wasm2wat` → edit → `wat2wasm`); an edit that no longer
 * matches the instrumenter's output stops the script rather than measuring the unedited module. Every run is a
 * fresh Node process (`meteringFloorKernel.ts`), all variants of a kernel in turn, median CPU time.
 *
 * `npx tsx bench/meteringFloor.ts [repetitions]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { compileWat, initWat } from '../src/engine/index.ts';
import { prepareCanisterModule } from '../src/engine/wasm/prepareCanisterModule.ts';
import { fastModuleBytes } from '../src/engine/wasm/fastModule.ts';
import { createLog, isMainModule, machineLine, median } from './measure.ts';

const KERNELS = ['memorySequential', 'memoryAlternating', 'calls'] as const;
const DEFAULT_REPETITIONS = 5;
const FEATURES = { reference_types: true, bulk_memory: true, multi_value: true, simd: true } as const;

type Wabt = Awaited<ReturnType<typeof wabtInit>>;

/** The barrier's page test and its call (`writeStoreBarrier`), the page left on the stack and dropped. */
const BARRIER = /global\.get \$__dirty_last\n\s*i32\.ne\n\s*if \$I\d+\n.*?\n\s*end\n\s*end\n/gs;
/** The range test replacing the barrier in the last column; `__dirty_last/previous` hold `lo` and `span`. */
const RANGE_TEST = 'global.get $__dirty_last\ni32.sub\nglobal.get $__dirty_previous\ni32.ge_u\nif\nunreachable\nend\n';
/** A charge's write-through (`writeStaticCharge`): `local.tee $k; global.set $counter` becomes `local.set $k`. */
const WRITE_THROUGH = /local\.tee (\$l\d+)\n\s*global\.set \$canister_counter_instructions/g;

function replaceAll(text: string, pattern: RegExp, by: string, what: string): string {
  const edited = text.replace(pattern, by);
  if (edited === text) throw new Error(`bench: no ${what} found in the instrumented module's text; update meteringFloor.ts`);
  return edited;
}

function kernelWat(kernel: string): string {
  return readFileSync(new URL(`./kernels/${kernel}.wat`, import.meta.url), 'utf8');
}

/** Raw, engine, engine's fast copy and the three ablations of one kernel, as Wasm bytes (null: a kernel without memory has no barrier). */
function variants(wabt: Wabt, kernel: string): (Uint8Array | null)[] {
  const compiled = compileWat(kernelWat(kernel));
  if (!compiled.ok) throw new Error(`${kernel}.wat: ${JSON.stringify(compiled.errors)}`);
  const prepared = prepareCanisterModule(compiled.wasm);
  if (!prepared.ok) throw new Error(prepared.error);
  const parsed = wabt.readWasm(prepared.module.instrumented, FEATURES);
  parsed.generateNames();
  parsed.applyNames();
  const text = parsed.toText({ foldExprs: false });
  parsed.destroy();
  const assemble = (source: string): Uint8Array => {
    const module = wabt.parseWat(`${kernel}.wat`, source, FEATURES);
    try {
      return module.toBinary({}).buffer;
    } finally {
      module.destroy();
    }
  };
  const hasBarrier = prepared.module.info.memory !== null;
  const withoutBarrier = hasBarrier ? replaceAll(text, BARRIER, 'drop\n', 'write barrier') : text;
  const rangeTested = hasBarrier ? replaceAll(text, BARRIER, RANGE_TEST, 'write barrier') : null;
  return [
    compiled.wasm,
    prepared.module.instrumented,
    hasBarrier ? fastModuleBytes(prepared.module) : null, // on a memory of its own: `fast-copy <pages>`
    hasBarrier ? assemble(withoutBarrier) : null,
    assemble(replaceAll(withoutBarrier, WRITE_THROUGH, 'local.set $1', 'counter write-through')),
    rangeTested === null ? null : assemble(replaceAll(rangeTested, WRITE_THROUGH, 'local.set $1', 'counter write-through')),
  ];
}

/** The column that runs the engine's fast module (on a memory of this many pages), and the one whose module tests a page range. */
const FAST_MODULE_PAGES = 32;
const FAST_COPY_COLUMN = 2;
const RANGE_COLUMN = 5;

function runVariant(file: string, column: number): number {
  const script = fileURLToPath(new URL('./meteringFloorKernel.ts', import.meta.url));
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const mode = column === RANGE_COLUMN ? ['all-pages-journaled'] : column === FAST_COPY_COLUMN ? ['fast-copy', String(FAST_MODULE_PAGES)] : [];
  const args = ['--import', 'tsx', script, file, ...mode];
  const child = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${file} failed:\n${child.stderr}`);
  return (JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as { cpuMs: number }).cpuMs;
}

export async function meteringFloorSection(repetitions = DEFAULT_REPETITIONS): Promise<string[]> {
  await initWat();
  const wabt = await wabtInit();
  const { lines, log } = createLog();
  const dir = mkdtempSync(join(tmpdir(), 'metering-floor-'));
  try {
    log('### Metering overhead: where it goes');
    log('');
    log(`CPU ms of one call after a warm-up, median of ${repetitions} fresh processes; stub host functions in every column. ` +
      '"Fast copy" is the module\'s fast module (`src/engine/wasm/fastPath.ts`) on a memory of its own. ' +
      'The last three columns are not engines (a trap would lose pages or instructions): see `bench/meteringFloor.ts`.');
    log('');
    log('| kernel | raw V8 | engine | engine, fast copy | without barrier | without barrier and write-through | range test instead of barrier, no write-through |');
    log('|---|---|---|---|---|---|---|');
    for (const kernel of KERNELS) {
      const files = variants(wabt, kernel).map((bytes, i) => {
        const file = bytes && join(dir, `${kernel}-${i}.wasm`);
        if (file && bytes) writeFileSync(file, bytes);
        return { file, runs: [] as number[] };
      });
      for (let r = 0; r < repetitions; r++) files.forEach((v, column) => { if (v.file) v.runs.push(runVariant(v.file, column)); });
      const raw = median(files[0].runs);
      const cells = files.map((v, i) => {
        if (!v.file) return '—';
        const ms = median(v.runs);
        return i === 0 ? `${ms.toFixed(0)}` : `${ms.toFixed(0)} (${(ms / raw).toFixed(2)}×)`;
      });
      log(`| ${kernel} | ${cells.join(' | ')} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (isMainModule(import.meta.url)) {
  console.log(machineLine());
  console.log('');
  await meteringFloorSection(Number(process.argv[2] ?? DEFAULT_REPETITIONS));
}
