/**
 * Metering A/B (issue 16, target 4): kernels of `bench/meteringKernels.ts` on the engine of this checkout and of
 * another (e.g. a worktree of an earlier commit), first call or warm, each measurement a fresh Node process, the two
 * engines alternately with raw V8 between them, so drift on this shared machine hits both alike. CPU ms, medians.
 *
 *   npx tsx bench/meteringAb.ts <other checkout> [repetitions] [first|warm] [kernel …]
 *
 * (the kernels: all unless named). Figures in BENCHMARKS.md (session 21).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './measure.ts';
import { runKernel, writeKernelWasm, type Timing } from './metering.ts';
import { METERING_KERNELS } from './meteringKernels.ts';

const [other, repetitions = '5', timing = 'first', ...names] = process.argv.slice(2);
if (!other || (timing !== 'first' && timing !== 'warm')) throw new Error('usage: meteringAb.ts <other checkout> [repetitions] [first|warm] [kernel …]');
const kernels = METERING_KERNELS.filter((k) => names.length === 0 || names.includes(k.name));
const dir = mkdtempSync(join(tmpdir(), 'metering-ab-'));
try {
  const files = await writeKernelWasm(kernels, dir);
  console.log(`| kernel (${timing} call) | raw V8 | ${other} | this checkout | ratios |`);
  console.log('|---|---:|---:|---:|---|');
  for (const kernel of kernels) {
    const runs = { raw: [] as number[], other: [] as number[], ours: [] as number[] };
    for (let i = 0; i < Number(repetitions); i++) {
      runs.raw.push(runKernel(kernel.name, 'raw', timing as Timing, files.get(kernel.name)!).cpuMs);
      for (const which of i % 2 === 0 ? ['other', 'ours'] as const : ['ours', 'other'] as const) {
        runs[which].push(runKernel(kernel.name, 'engine', timing as Timing, files.get(kernel.name)!, which === 'other' ? other : undefined).cpuMs);
      }
    }
    const [raw, theirs, ours] = [median(runs.raw), median(runs.other), median(runs.ours)];
    console.log(`| ${kernel.label} | ${raw.toFixed(0)} | ${theirs.toFixed(0)} | ${ours.toFixed(0)} | ${(theirs / raw).toFixed(2)}× → ${(ours / raw).toFixed(2)}× |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
