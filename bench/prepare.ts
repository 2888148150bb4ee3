/**
 * Preparing a module (issue 16, target 5): what an install does before it can run a canister's code — validate and
 * instrument it and compile the result with V8 (`prepareCanisterModule`: `new WebAssembly.Module`, which validates
 * it) — against V8's own asynchronous compilation of the module as it came
 * (`WebAssembly.compile`, what a page would do with it). Measured on a moc-compiled actor of about 300 KB
 * (`bench/generatedMotokoActor.ts`), cold (each in a fresh Node process: V8 has not optimized the instrumenter yet,
 * median of 5) and warm (the same process, median of 5 after two), wall time; and the instrumented module's size.
 *
 * `npx tsx bench/prepare.ts` prints the section alone; `bench/run.ts` prints it with the others.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareCanisterModule } from '../src/engine/index.ts';
import { loadMocInNode } from '../src/motoko/nodeMotokoCompiler.ts';
import { motokoProject } from '../src/motoko/motokoProject.ts';
import { generatedMotokoActor } from './generatedMotokoActor.ts';
import { createLog, isMainModule, machineLine, median } from './measure.ts';

/** Lines of the generated actor: about 300 KB of Wasm with moc 1.10. */
const ACTOR_LINES = 700;
const RUNS = 5;
/** The issue's targets: preparing at most this many times V8's compile, warm and cold; the module at most 2× as large. */
const TARGET_WARM = 2;
const TARGET_COLD = 5;
const TARGET_SIZE = 2;
/** Passes of `prepareCanisterModule` before the steady row: V8 has optimized the instrumenter by then. */
const STEADY_AFTER = 30;

type Way = 'v8' | 'prepare';

let passes = 0;

/**
 * `wasm` with a custom section of its own at the end, different each pass: V8 reuses a module it has compiled from
 * the same bytes, which a warm pass must not measure (the engine copies custom sections through, so the
 * instrumented bytes differ too).
 */
function withNonce(wasm: Uint8Array): Uint8Array<ArrayBuffer> {
  const nonce = new TextEncoder().encode(`bench-nonce ${passes++}`);
  const section = new Uint8Array([0, nonce.length + 1, nonce.length, ...nonce]);
  const out = new Uint8Array(wasm.length + section.length);
  out.set(wasm);
  out.set(section, wasm.length);
  return out;
}

/** One pass of `way` over `wasm`, in ms (wall). */
async function once(way: Way, original: Uint8Array): Promise<number> {
  const wasm = withNonce(original);
  const start = performance.now();
  if (way === 'v8') {
    await WebAssembly.compile(wasm);
  } else {
    const prepared = prepareCanisterModule(wasm);
    if (!prepared.ok) throw new Error(`bench: the actor is not a valid canister: ${prepared.error}`);
  }
  return performance.now() - start;
}

/** In a fresh process (`--cold <way> <file>`): the first pass. */
function coldRun(way: Way, file: string): number {
  const script = fileURLToPath(import.meta.url);
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const child = spawnSync(process.execPath, ['--import', 'tsx', script, '--cold', way, file], { cwd, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bench: cold ${way} failed:\n${child.stderr}`);
  return Number(child.stdout.trim().split('\n').at(-1));
}

export async function prepareSection(): Promise<string[]> {
  const { lines, log } = createLog();
  const moc = loadMocInNode();
  const compiled = moc.compile(motokoProject(generatedMotokoActor(ACTOR_LINES)));
  if (!compiled.ok) throw new Error('bench: the generated actor does not compile');
  const wasm = compiled.wasm.slice() as Uint8Array<ArrayBuffer>;
  const dir = mkdtempSync(join(tmpdir(), 'prepare-'));
  try {
    const file = join(dir, 'actor.wasm');
    writeFileSync(file, wasm);
    const cold: Record<Way, number[]> = { v8: [], prepare: [] };
    for (let i = 0; i < RUNS; i++) for (const way of ['v8', 'prepare'] as const) cold[way].push(coldRun(way, file));
    const warm: Record<Way, number[]> = { v8: [], prepare: [] };
    for (const way of ['v8', 'prepare'] as const) { await once(way, wasm); await once(way, wasm); }
    for (let i = 0; i < RUNS; i++) for (const way of ['v8', 'prepare'] as const) warm[way].push(await once(way, wasm));
    // Once V8 has optimized the instrumenter (about 30 passes): what preparing costs in a long-lived worker.
    for (let i = 0; i < STEADY_AFTER; i++) await once('prepare', wasm);
    const steady: Record<Way, number[]> = { v8: [], prepare: [] };
    for (let i = 0; i < RUNS; i++) for (const way of ['v8', 'prepare'] as const) steady[way].push(await once(way, wasm));
    const prepared = prepareCanisterModule(wasm);
    if (!prepared.ok) throw new Error(prepared.error);
    const sizeRatio = prepared.module.instrumented.length / wasm.length;
    const row = (label: string, times: Record<Way, number[]>, target: number): string => {
      const ratio = median(times.prepare) / median(times.v8);
      return `| ${label} | ${median(times.v8).toFixed(1)} | ${median(times.prepare).toFixed(1)} | ${ratio.toFixed(2)}× | ${ratio <= target ? 'met' : 'missed'} (≤ ${target}×) |`;
    };
    log('### Preparing a module');
    log('');
    log(`A moc-compiled actor of ${ACTOR_LINES} generated lines, ${(wasm.length / 1000).toFixed(0)} KB; instrumented ${(prepared.module.instrumented.length / 1000).toFixed(0)} KB, ` +
      `${sizeRatio.toFixed(2)}× (${sizeRatio <= TARGET_SIZE ? 'met' : 'missed'}, ≤ ${TARGET_SIZE}×). Wall ms, median of ${RUNS}:`);
    log('');
    log('| | V8\'s `WebAssembly.compile` | `prepareCanisterModule` (validate, instrument, compile) | ratio | target |');
    log('|---|---|---|---|---|');
    log(row('cold (a fresh process each)', cold, TARGET_COLD));
    log(row('warm (the same process, after two)', warm, TARGET_WARM));
    log(row(`steady (the same process, after ${STEADY_AFTER + RUNS + 2} passes; not a target, for comparison)`, steady, TARGET_WARM));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (isMainModule(import.meta.url)) {
  const cold = process.argv.indexOf('--cold');
  if (cold >= 0) {
    const wasm = new Uint8Array(readFileSync(process.argv[cold + 2]));
    console.log(await once(process.argv[cold + 1] as Way, wasm));
  } else {
    console.log(machineLine());
    console.log('');
    await prepareSection();
  }
}
