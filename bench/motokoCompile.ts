/**
 * Motoko compilation (issue 12) in Node: moc.js loaded and a counter and a ~500-line actor compiled, cold (a fresh
 * process: loading moc.js and its `core` library, then the first compilation) and warm (later compilations in
 * the same process, each of a different source); the type-check alone (the editor's markers); then what the
 * engine does with moc's output: validate + instrument, V8's compilation, and the whole `install_code`.
 * A script, not a test. Run alone with `npx tsx bench/motokoCompile.ts`.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { prepareCanisterModule } from '../src/engine/index.ts';
import { loadMocInNode } from '../src/motoko/nodeMotokoCompiler.ts';
import { motokoProject, type MotokoProject } from '../src/motoko/motokoProject.ts';
import type { MocCompiler } from '../src/motoko/mocCompiler.ts';
import { createBenchSubnet, deployCanister } from './benchSubnet.ts';
import { generatedMotokoActor, MOTOKO_COUNTER } from './generatedMotokoActor.ts';
import { createLog, isMainModule, machineLine, median, timeMs } from './measure.ts';

const ACTORS: Record<string, string> = { counter: MOTOKO_COUNTER, '500-line actor': generatedMotokoActor(500) };
const COLD_RUNS = 3;
const WARM_RUNS = 5;

/** The same actor with one literal changed: a different source each time, as when a learner edits. */
const variant = (source: string, n: number) => source.replace('0;', `${n};`);

function compiled(moc: MocCompiler, project: MotokoProject): Uint8Array {
  const result = moc.compile(project);
  if (!result.ok) throw new Error(`bench: the actor does not compile: ${JSON.stringify(result.diagnostics.slice(0, 2))}`);
  return result.wasm;
}

/** In a fresh process: loading moc.js and `core`, then the first compilation (`--cold <actor>`). */
function coldOnce(actor: string): { loadMs: number; compileMs: number } {
  let moc: MocCompiler | null = null;
  const loadMs = timeMs(() => { moc = loadMocInNode(); });
  const compileMs = timeMs(() => compiled(moc!, motokoProject(ACTORS[actor])));
  return { loadMs, compileMs };
}

function coldRuns(actor: string): { loadMs: number; compileMs: number } {
  const script = fileURLToPath(import.meta.url);
  const runs = Array.from({ length: COLD_RUNS }, () => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script, '--cold', actor], { encoding: 'utf8' })) as { loadMs: number; compileMs: number });
  return { loadMs: median(runs.map((r) => r.loadMs)), compileMs: median(runs.map((r) => r.compileMs)) };
}

const ms = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: value < 100 ? 1 : 0 });

export async function motokoSection(): Promise<string[]> {
  const { lines, log } = createLog();
  log('### Motoko: moc.js in Node, and preparing its output');
  log('');
  log(`Cold: a fresh process (median of ${COLD_RUNS}); warm: the same process, a different source each time (median of ${WARM_RUNS} after a warm-up); the engine's stages on moc's output (median of ${WARM_RUNS}), ms:`);
  log('');
  log('| actor | Wasm | load moc.js + core (cold) | first compile (cold) | compile (warm) | type-check only (warm) | validate + instrument | V8 compile | whole `install_code` |');
  log('|---|---|---|---|---|---|---|---|---|');
  const moc = loadMocInNode();
  for (const [label, source] of Object.entries(ACTORS)) {
    const cold = coldRuns(label);
    compiled(moc, motokoProject(variant(source, 1)));
    const warm = median(Array.from({ length: WARM_RUNS }, (_, i) => timeMs(() => compiled(moc, motokoProject(variant(source, i + 2))))));
    const check = median(Array.from({ length: WARM_RUNS }, (_, i) => timeMs(() => moc.check(motokoProject(variant(source, i + 2))))));
    const wasm = compiled(moc, motokoProject(source));
    prepareCanisterModule(wasm);
    let instrumented: Uint8Array<ArrayBuffer> | null = null;
    const prepare = median(Array.from({ length: WARM_RUNS }, () => timeMs(() => {
      const prepared = prepareCanisterModule(wasm);
      if (!prepared.ok) throw new Error(`bench: moc's output is not a valid canister: ${prepared.error}`);
      instrumented = prepared.module.instrumented as Uint8Array<ArrayBuffer>;
    })));
    const v8 = median(Array.from({ length: WARM_RUNS }, () => timeMs(() => new WebAssembly.Module(instrumented!))));
    // A fresh copy each time: the engine prepares a module's bytes once (by identity), the install must pay for it.
    const install = median(Array.from({ length: WARM_RUNS }, () => { const bytes = wasm.slice(); const subnet = createBenchSubnet(); return timeMs(() => deployCanister(subnet, bytes)); }));
    log(`| ${label} (${source.split('\n').length - 1} lines) | ${(wasm.length / 1000).toFixed(0)} KB | ${ms(cold.loadMs)} | ${ms(cold.compileMs)} | ${ms(warm)} | ${ms(check)} | ${ms(prepare)} | ${ms(v8)} | ${ms(install)} |`);
  }
  return lines;
}

if (isMainModule(import.meta.url)) {
  const cold = process.argv.indexOf('--cold');
  if (cold >= 0) {
    process.stdout.write(JSON.stringify(coldOnce(process.argv[cold + 1])));
  } else {
    console.log(machineLine());
    console.log('');
    await motokoSection();
  }
}
