/**
 * Metering overhead (issue #5): each compute-bound kernel in `bench/kernels/` run through the engine (metering,
 * write barrier, one ingress message sliced across rounds) versus the same uninstrumented Wasm called directly on
 * V8 with stub imports. Every measurement is a fresh Node process (`bench/meteringKernel.ts`), raw and engine
 * alternately, so both get the same compiler tiers and machine drift hits both alike; the figure is the median.
 *
 * `npx tsx bench/metering.ts [repetitions]` prints the section alone; `bench/run.ts` prints it with the others.
 * `METERING_NODE_FLAGS="--cpu-prof --cpu-prof-dir=prof"` passes extra flags to every child (profiling).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createLog, isMainModule, machineLine, median } from './measure.ts';

/** The kernels, in table order: file name in `bench/kernels/` and what the table calls it. */
const KERNELS: readonly { file: string; label: string }[] = [
  { file: 'tight', label: 'tight arithmetic loop' },
  { file: 'memorySequential', label: 'memory: sequential sweep over 16 pages' },
  { file: 'memoryAlternating', label: 'memory: stores alternating between 2 pages' },
  { file: 'calls', label: 'calls: 240 M calls of tiny functions' },
];

/** The target: the engine at most this many times slower than raw V8 on every kernel. */
const TARGET_RATIO = 1.3;
const DEFAULT_REPETITIONS = 5;

interface KernelRun {
  cpuMs: number;
  wallMs: number;
  instructions: string | null;
}

function runKernel(kernel: string, mode: 'raw' | 'engine'): KernelRun {
  const script = fileURLToPath(new URL('./meteringKernel.ts', import.meta.url));
  const flags = (process.env.METERING_NODE_FLAGS ?? '').split(' ').filter((f) => f !== '');
  const cwd = fileURLToPath(new URL('..', import.meta.url)); // where `--import tsx` resolves
  const child = spawnSync(process.execPath, [...flags, '--import', 'tsx', script, kernel, mode], { cwd, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${kernel} ${mode} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as KernelRun;
}

/** Runs every kernel `repetitions` times each way; prints the section's lines as it goes and returns them. */
export async function meteringSection(repetitions = DEFAULT_REPETITIONS): Promise<string[]> {
  const { lines, log } = createLog();
  log('### Metering overhead');
  log('');
  log(`CPU time of one call after a warm-up call, median of ${repetitions} fresh processes each way; target ≤ ${TARGET_RATIO}×.`);
  if (process.env.METERING_NODE_FLAGS) log(`Every process ran with \`${process.env.METERING_NODE_FLAGS}\`.`);
  log('');
  log('| kernel | instructions charged | raw V8 ms | engine ms | ratio | target | wall ms raw / engine |');
  log('|---|---|---|---|---|---|---|');
  for (const { file, label } of KERNELS) {
    const raw: KernelRun[] = [];
    const engine: KernelRun[] = [];
    for (let i = 0; i < repetitions; i++) {
      raw.push(runKernel(file, 'raw'));
      engine.push(runKernel(file, 'engine'));
    }
    const cpu = (runs: KernelRun[]): number => median(runs.map((r) => r.cpuMs));
    const wall = (runs: KernelRun[]): number => median(runs.map((r) => r.wallMs));
    const ratio = cpu(engine) / cpu(raw);
    const verdict = ratio <= TARGET_RATIO ? 'met' : 'missed';
    const charged = BigInt(engine[0].instructions ?? '0').toLocaleString('en-US');
    log(`| ${label} | ${charged} | ${cpu(raw).toFixed(0)} | ${cpu(engine).toFixed(0)} | ${ratio.toFixed(2)}× | ${verdict} | ` +
      `${wall(raw).toFixed(0)} / ${wall(engine).toFixed(0)} |`);
  }
  return lines;
}

if (isMainModule(import.meta.url)) {
  console.log(machineLine());
  console.log('');
  await meteringSection(Number(process.argv[2] ?? DEFAULT_REPETITIONS));
}
