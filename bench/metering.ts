/**
 * Metering overhead (issue #5): each compute-bound kernel in `bench/kernels/` run through the engine (metering,
 * write barrier, one ingress message sliced across rounds) versus the same uninstrumented Wasm called directly on
 * V8 with stub imports. Every measurement is a fresh Node process (`bench/meteringKernel.ts`), raw and engine
 * alternately, so both get the same compiler tiers and machine drift hits both alike; the figure is the median.
 *
 * `tsx bench/metering.ts` prints the table alone; `bench/run.ts` prints it as one section of its report.
 * `METERING_NODE_FLAGS="--cpu-prof --cpu-prof-dir=prof"` passes extra flags to every child (profiling).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The kernels, in table order: file name in `bench/kernels/` and what the table calls it. */
const KERNELS: readonly { file: string; label: string }[] = [
  { file: 'tight', label: 'tight arithmetic loop' },
  { file: 'memorySequential', label: 'memory: sequential sweep over 16 pages' },
  { file: 'memoryAlternating', label: 'memory: stores alternating between 2 pages' },
  { file: 'calls', label: 'calls: 120 M calls of tiny functions' },
];

/** The target: the engine at most this many times slower than raw V8 on every kernel. */
const TARGET_RATIO = 1.3;
const DEFAULT_REPETITIONS = 5;

interface KernelRun {
  ms: number;
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs every kernel `repetitions` times each way and returns the markdown table's lines. */
export function runMeteringBench(repetitions = DEFAULT_REPETITIONS): string[] {
  const lines = [
    `Median of ${repetitions} fresh processes each way (warm-up call, then one timed call); target ≤ ${TARGET_RATIO}×.`,
    '',
    '| kernel | instructions charged | raw V8 ms | engine ms | ratio | target |',
    '|---|---|---|---|---|---|',
  ];
  for (const { file, label } of KERNELS) {
    const raw: number[] = [];
    const engine: number[] = [];
    let instructions = '';
    for (let i = 0; i < repetitions; i++) {
      raw.push(runKernel(file, 'raw').ms);
      const run = runKernel(file, 'engine');
      engine.push(run.ms);
      instructions = run.instructions ?? '';
    }
    const ratio = median(engine) / median(raw);
    const verdict = ratio <= TARGET_RATIO ? 'met' : 'missed';
    const charged = BigInt(instructions).toLocaleString('en-US');
    lines.push(`| ${label} | ${charged} | ${median(raw).toFixed(0)} | ${median(engine).toFixed(0)} | ${ratio.toFixed(2)}× | ${verdict} |`);
  }
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const repetitions = Number(process.argv[2] ?? DEFAULT_REPETITIONS);
  for (const line of runMeteringBench(repetitions)) console.log(line);
}
