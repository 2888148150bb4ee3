/**
 * `npx tsx bench/stepAtEnd.ts`: what one action and one Step cost the worker at the end of workspaces of 1,000, 4,000,
 * 16,000 and 64,000 steps (issue 16, target 2: a step forward should not grow with the workspace). Node only.
 */
import { createEngineApi } from '../src/worker/engineApi.ts';
import { parseScenario } from '../src/scenario/parseScenario.ts';
const wat = `(module (import "ic0" "msg_reply" (func $reply)) (memory 1) (func (export "canister_update inc") (call $reply)))`;
for (const n of [500, 2000, 8000, 32000]) {
  const parsed = parseScenario(JSON.stringify({ format: 'canister-playground/scenario@1', canisters: [{ name: 'c0', source: { wat } }],
    steps: Array.from({ length: n }, () => [{ call: { to: 'c0', method: 'inc' } }, { tick: 1 }]).flat() }));
  if (!parsed.ok) throw new Error(parsed.error);
  const api = createEngineApi();
  await api.load(parsed.scenario, 0);
  await api.seek(100000);
  const t = performance.now();
  for (let i = 0; i < 50; i++) { await api.apply({ call: { to: 'c0', method: 'inc' } } as never); await api.step(); }
  console.log(`${n * 2} steps: one call + one step at the end, mean of 50: ${((performance.now() - t) / 50).toFixed(1)} ms`);
}
