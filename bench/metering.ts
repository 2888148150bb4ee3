/**
 * Metering overhead (issue 16, target 4): each compute-bound kernel of `bench/meteringKernels.ts` run through the
 * engine (metering, write barrier, messages sliced across rounds, installs, callbacks) versus the same
 * uninstrumented Wasm called directly on V8 with stub imports, the first time in a process and warm. Every
 * measurement is a fresh Node process (`bench/meteringKernel.ts`), raw and engine alternately, so both get the
 * same compiler tiers and machine drift hits both alike; the figure is the median.
 *
 * `npx tsx bench/metering.ts [repetitions] [kernel …]` prints the section alone (all kernels, or those named);
 * `bench/run.ts` prints it with the others. `METERING_NODE_FLAGS="--cpu-prof --cpu-prof-dir=prof"` passes extra
 * flags to every child (profiling).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileWat, initWat } from '../src/engine/index.ts';
import { loadMocInNode } from '../src/motoko/nodeMotokoCompiler.ts';
import { motokoProject } from '../src/motoko/motokoProject.ts';
import { createLog, isMainModule, machineLine, median } from './measure.ts';
import { METERING_KERNELS, type MeteringKernel } from './meteringKernels.ts';

/** The targets: the engine at most this many times slower than raw V8, on every kernel first and warm… */
const TARGET_RATIO = 1.5;
/** …and at most this many times warm on the tight and memory kernels. */
const TARGET_RATIO_WARM_LOOPS = 1.2;
const WARM_LOOP_KERNELS: ReadonlySet<string> = new Set(['tight', 'memorySequential', 'memoryAlternating', 'memoryRandomPages', 'bigHeap']);
const DEFAULT_REPETITIONS = 5;

interface KernelRun {
  cpuMs: number;
  wallMs: number;
  instructions: string | null;
}

export type Timing = 'first' | 'warm';

/** One measurement in a fresh process, by the `bench/meteringKernel.ts` of `checkout` (this one unless given). */
export function runKernel(kernel: string, mode: 'raw' | 'engine', timing: Timing, wasmFile: string, checkout?: string): KernelRun {
  const script = checkout ? join(checkout, 'bench/meteringKernel.ts') : fileURLToPath(new URL('./meteringKernel.ts', import.meta.url));
  const flags = (process.env.METERING_NODE_FLAGS ?? '').split(' ').filter((f) => f !== '');
  const cwd = checkout ?? fileURLToPath(new URL('..', import.meta.url)); // where `--import tsx` resolves
  const child = spawnSync(process.execPath, [...flags, '--import', 'tsx', script, kernel, mode, timing, wasmFile], { cwd, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${kernel} ${mode} ${timing} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as KernelRun;
}

/** Each kernel's Wasm in `dir`: WAT compiled with the engine's wabt, Motoko with moc.js (loaded only if needed). */
export async function writeKernelWasm(kernels: readonly MeteringKernel[], dir: string): Promise<Map<string, string>> {
  await initWat();
  const moc = kernels.some((k) => k.language === 'motoko') ? loadMocInNode() : null;
  const files = new Map<string, string>();
  for (const kernel of kernels) {
    const source = readFileSync(new URL(`./kernels/${kernel.name}.${kernel.language === 'wat' ? 'wat' : 'mo'}`, import.meta.url), 'utf8');
    const compiled = kernel.language === 'wat' ? compileWat(source) : moc!.compile(motokoProject(source));
    if (!compiled.ok) throw new Error(`bench: kernel ${kernel.name} does not compile: ${JSON.stringify(compiled).slice(0, 500)}`);
    const file = join(dir, `${kernel.name}.wasm`);
    writeFileSync(file, compiled.wasm);
    files.set(kernel.name, file);
  }
  return files;
}

const verdict = (ratio: number, target: number): string => (ratio <= target ? 'met' : 'missed');

/** Runs every kernel (or those named) `repetitions` times each way and timing; prints the section's lines as it goes. */
export async function meteringSection(repetitions = DEFAULT_REPETITIONS, only: readonly string[] = []): Promise<string[]> {
  const kernels = METERING_KERNELS.filter((k) => only.length === 0 || only.includes(k.name));
  const dir = mkdtempSync(join(tmpdir(), 'metering-'));
  const { lines, log } = createLog();
  try {
    const files = await writeKernelWasm(kernels, dir);
    log('### Metering overhead');
    log('');
    log(`CPU ms of the kernel's work, the first time in a fresh process and the third (warm), median of ${repetitions} processes each way,`);
    log(`raw V8 and the engine alternately; target ≤ ${TARGET_RATIO}× first and warm, ≤ ${TARGET_RATIO_WARM_LOOPS}× warm on the tight and memory loops.`);
    if (process.env.METERING_NODE_FLAGS) log(`Every process ran with \`${process.env.METERING_NODE_FLAGS}\`.`);
    log('');
    log('| kernel | instructions charged | first: raw / engine ms | first: ratio | warm: raw / engine ms | warm: ratio | target |');
    log('|---|---|---|---|---|---|---|');
    for (const kernel of kernels) {
      const cells: string[] = [];
      const verdicts: string[] = [];
      let charged = '';
      for (const timing of ['first', 'warm'] as const) {
        const raw: KernelRun[] = [];
        const engine: KernelRun[] = [];
        for (let i = 0; i < repetitions; i++) {
          raw.push(runKernel(kernel.name, 'raw', timing, files.get(kernel.name)!));
          engine.push(runKernel(kernel.name, 'engine', timing, files.get(kernel.name)!));
        }
        const cpu = (runs: KernelRun[]): number => median(runs.map((r) => r.cpuMs));
        const ratio = cpu(engine) / cpu(raw);
        const target = timing === 'warm' && WARM_LOOP_KERNELS.has(kernel.name) ? TARGET_RATIO_WARM_LOOPS : TARGET_RATIO;
        verdicts.push(verdict(ratio, target));
        cells.push(`${cpu(raw).toFixed(0)} / ${cpu(engine).toFixed(0)}`, `${ratio.toFixed(2)}×`);
        charged = BigInt(engine[0].instructions ?? '0').toLocaleString('en-US');
      }
      const met = verdicts.every((v) => v === 'met') ? 'met' : `missed (${verdicts[0] === 'met' ? 'warm' : verdicts[1] === 'met' ? 'first' : 'both'})`;
      log(`| ${kernel.label} | ${charged} | ${cells.join(' | ')} | ${met} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (isMainModule(import.meta.url)) {
  console.log(machineLine());
  console.log('');
  const [repetitions, ...only] = process.argv.slice(2);
  await meteringSection(Number(repetitions ?? DEFAULT_REPETITIONS), only);
}
