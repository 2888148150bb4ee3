/**
 * `npx tsx bench/stepAtEnd.ts [sizes…]`: what a step costs the worker as the workspace grows (issue 16, target 2: a
 * step forward costs O(1) in the workspace's length, playing n steps one by one is linear in total). For workspaces
 * of one canister and 1,000 to 64,000 steps (a call and a one-round tick, repeated): one call applied and one Step at
 * the end, 400 times (checkpoints are taken every 100 rounds: their cost is in the mean), and every round of the
 * script played from round 0 with Step, one by one. Node only; prints figures, never asserts them. In `npm run bench`.
 */
import { createEngineApi } from '../src/worker/engineApi.ts';
import { parseScenario } from '../src/scenario/parseScenario.ts';
import { isMainModule } from './measure.ts';

const wat = `(module (import "ic0" "msg_reply" (func $reply)) (memory 1) (func (export "canister_update inc") (call $reply)))`;
const AT_END = 400;

/** The table, a line at a time as each size is measured (`npm run bench` takes the default sizes). */
export async function stepAtEndSection(sizes: readonly number[] = [1000, 4000, 16000, 64000]): Promise<string[]> {
  const lines: string[] = [];
  const log = (line: string) => { lines.push(line); console.log(line); };
  log('| steps in the workspace | a call and a Step at the end (mean of 400) | Step through the whole script from round 0 (per Step) |');
  log('|---:|---:|---:|');
  for (const size of sizes) {
    const parsed = parseScenario(JSON.stringify({ format: 'canister-playground/scenario@1', canisters: [{ name: 'c0', source: { wat } }],
      steps: Array.from({ length: size / 2 }, () => [{ call: { to: 'c0', method: 'inc' } }, { tick: 1 }]).flat() }));
    if (!parsed.ok) throw new Error(parsed.error);
    const api = createEngineApi();
    const loaded = await api.load(parsed.scenario, 0);
    if (!loaded.ok) throw new Error(loaded.error);
    let rounds = 0;
    let t = performance.now();
    for (let atEnd = loaded.playhead.atEnd; !atEnd; rounds++) {
      const outcome = await api.step();
      if (!outcome.ok) throw new Error(outcome.error);
      atEnd = outcome.playhead.atEnd;
    }
    const through = (performance.now() - t) / rounds;
    await api.seek(Number.MAX_SAFE_INTEGER);
    t = performance.now();
    for (let i = 0; i < AT_END; i++) {
      await api.apply({ call: { to: 'c0', method: 'inc' } } as never);
      await api.step();
    }
    const atEnd = (performance.now() - t) / AT_END;
    log(`| ${size.toLocaleString('en-US')} | ${atEnd.toFixed(2)} ms | ${through.toFixed(3)} ms (${rounds.toLocaleString('en-US')} Steps) |`);
  }
  return lines;
}

if (isMainModule(import.meta.url)) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  await stepAtEndSection(sizes.length > 0 ? sizes : undefined);
}
