/**
 * `npm run bench:first-try`: the first execution of a long method with the engine's first try (params.ts
 * `firstTryInstructions`, default 10 M) and without it (0), interleaved, five of each, each run with a module of its
 * own (a distinct global) so V8's code cache cannot carry optimized code from one run to the next. Figures in
 * BENCHMARKS.md (session 9).
 */
import { parseScenario } from '../src/scenario/parseScenario.ts';
import { runScenario } from '../src/scenario/runScenario.ts';
const kernels: Record<string, string> = {
  'empty loop (no memory)': `(module (func (export "canister_update f") (loop $l (br $l))))`,
  'memory loop (1 page)': `(module (memory 1) (func (export "canister_update f") (local $i i32)
     (loop $l (i32.store (i32.and (local.get $i) (i32.const 0xfffc)) (local.get $i)) (local.set $i (i32.add (local.get $i) (i32.const 4))) (br $l))))`,
};
const run = async (wat: string, firstTry: string) => {
  const s = parseScenario(JSON.stringify({ format: 'canister-playground/scenario@1', subnet: { preset: 'ic', params: { maxInstructionsPerMessage: '4000000000', firstTryInstructions: firstTry } },
    canisters: [{ name: 'c', source: { wat } }], steps: [{ call: { to: 'c', method: 'f', wait: true } }] }));
  if (!s.ok) throw new Error(s.error);
  const t = performance.now(); const r = await runScenario(s.scenario); if (!r.ok) throw new Error(r.error);
  return performance.now() - t;
};
for (const [name, wat] of Object.entries(kernels)) {
  const a: number[] = [], b: number[] = [];
  for (let i = 0; i < 5; i++) { b.push(await run(wat.replace('(func', `(global (mut i32) (i32.const ${i}))(func`), '0')); a.push(await run(wat.replace('(func', `(global (mut i32) (i32.const ${i + 100}))(func`), '10000000')); }
  const med = (x: number[]) => x.sort((p, q) => p - q)[2];
  console.log(`${name}: first 4 B-instruction execution, median of 5: without the try ${med(b).toFixed(0)} ms, with ${med(a).toFixed(0)} ms, ratio ${(med(b) / med(a)).toFixed(2)}`);
}
