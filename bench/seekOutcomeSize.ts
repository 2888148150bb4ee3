/**
 * `npx tsx bench/seekOutcomeSize.ts`: what the worker's answers to seeks carry (bytes of step reports, events, view)
 * and how long they take, in a workspace of 3,000 calls each followed by a tick (issue 16, target 1). Node only.
 */
import { createEngineApi } from '../src/worker/engineApi.ts';
import { parseScenario } from '../src/scenario/parseScenario.ts';
const wat = `(module (import "ic0" "msg_reply" (func $reply)) (memory 1) (func (export "canister_update inc") (call $reply)))`;
const n = 3000;
const parsed = parseScenario(JSON.stringify({ format: 'canister-playground/scenario@1', canisters: [{ name: 'c0', source: { wat } }],
  steps: Array.from({ length: n }, () => [{ call: { to: 'c0', method: 'inc' } }, { tick: 1 }]).flat() }));
if (!parsed.ok) throw new Error(parsed.error);
const api = createEngineApi();
const size = (o: unknown) => JSON.stringify(o, (_, v) => typeof v === 'bigint' ? String(v) : v).length;
let t = performance.now(); let o: any = await api.load(parsed.scenario, 0);
console.log('load', (performance.now() - t).toFixed(0), 'ms', 'bytes', size(o), 'events', o.events.length, 'steps changed', o.steps.changed?.length);
for (const r of [3000, 1500, 1510, 0, 2000]) {
  t = performance.now(); o = await api.seek(r);
  const steps = size(o.steps), events = size(o.events), view = size(o.view), ws = size(o.workspace);
  console.log(`seek ${r}: ${(performance.now() - t).toFixed(0)} ms; bytes: steps ${steps}, events ${events}, view ${view}, workspace ${ws}; step reports changed ${o.steps.changed?.length ?? '?'}`);
}
