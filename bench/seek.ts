/**
 * Seeking in a long workspace (issue "lessons that play forward"): 20 canisters calling each other for 10,000
 * rounds. How long opening takes (the script recorded to its end, checkpoints taken), how long a seek to any round
 * takes through checkpoints against a replay from round 0 (the design before), what the worker does for a seek
 * (the same seek through the engine API: view, events, step reports), and what a round of playing forward costs
 * right after a seek against playing on without one. Prints figures; asserts nothing.
 */
import { parseScenario } from '../src/scenario/parseScenario.ts';
import { CHECKPOINT_EVERY, ScenarioPlayer } from '../src/scenario/scenarioPlayer.ts';
import type { Scenario } from '../src/scenario/scenarioTypes.ts';
import { createEngineApi } from '../src/worker/engineApi.ts';
import { callerCalleePairs } from '../tests/helpers/callerCanister.ts';
import { median, timeMs } from './measure.ts';

const CANISTERS = 20;
const ROUNDS = 10_000;

function workload(): Scenario {
  const canisters = callerCalleePairs(CANISTERS);
  const steps: unknown[] = [];
  // A call every 5 rounds, round-robin over the callers: each one an inter-canister round trip.
  for (let r = 0; r < ROUNDS; r += 5) steps.push({ call: { to: `caller${(r / 5) % (CANISTERS / 2)}`, method: 'call_inc' } }, { tick: 5 });
  const parsed = parseScenario(JSON.stringify({ format: 'canister-playground/scenario@1', title: 'seek', subnet: { preset: 'classroom' }, canisters, steps }));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.scenario;
}

/** Seek targets spread over the run, in an order that jumps back and forth (a fixed sequence: same every run). */
function targets(count: number, end: number): number[] {
  let x = 12345;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % (end + 1);
  });
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const ms = (v: number) => v.toFixed(1);

async function loadPlayer(scenario: Scenario, spacing = CHECKPOINT_EVERY): Promise<{ player: ScenarioPlayer; openMs: number }> {
  const start = performance.now();
  const loaded = await ScenarioPlayer.load(scenario, 0, {}, spacing);
  if (!loaded.ok) throw new Error(loaded.error);
  return { player: loaded.player, openMs: performance.now() - start };
}

export async function seekSection(): Promise<string[]> {
  const lines: string[] = [];
  const log = (line: string) => { lines.push(line); console.log(line); };
  const scenario = workload();
  const { player, openMs } = await loadPlayer(scenario);
  const end = player.end;
  const checkpoints = (player as unknown as { checkpoints: unknown[] }).checkpoints.length;
  const trace = player.recordedTrace.length;
  const { player: replaying, openMs: openWithoutMs } = await loadPlayer(scenario, { rounds: Number.MAX_SAFE_INTEGER, events: Number.MAX_SAFE_INTEGER, instructions: 2n ** 62n });
  const seeks = targets(40, end);
  player.seek(seeks[0]);
  replaying.seek(seeks[0]);
  const withCheckpoints = seeks.map((r) => timeMs(() => player.seek(r)));
  const fromStart = seeks.slice(0, 10).map((r) => timeMs(() => replaying.seek(r)));
  // The worker's whole answer to a seek: the seek, the subnet view, the events the UI lacks, the step reports.
  const api = createEngineApi();
  await api.load(scenario);
  const workerSeeks: number[] = [];
  for (const r of seeks) {
    const start = performance.now();
    await api.seek(r);
    workerSeeks.push(performance.now() - start);
  }
  // Playing forward: 200 rounds right after a seek, against the next 200 played on without one (each measured
  // five times, at different places: the median per round).
  const afterSeek: number[] = [];
  const playedOn: number[] = [];
  for (const at of [0.2, 0.35, 0.5, 0.65, 0.8]) {
    player.seek(Math.floor(end * at));
    afterSeek.push(timeMs(() => { for (let i = 0; i < 200; i++) player.stepForward(); }) / 200);
    playedOn.push(timeMs(() => { for (let i = 0; i < 200; i++) player.stepForward(); }) / 200);
  }
  log(`seeking: ${CANISTERS} canisters, ${end.toLocaleString('en-US')} rounds, ${trace.toLocaleString('en-US')} events; opening (recorded to the end) ${ms(openMs)} ms with ${checkpoints} checkpoints, ${ms(openWithoutMs)} ms with only round 0's`);
  log('');
  log('| seek to a round (40 targets spread over the run) | median ms | p95 ms | max ms |');
  log('|---|---|---|---|');
  log(`| through checkpoints (every ${CHECKPOINT_EVERY.rounds} rounds at most) | ${ms(median(withCheckpoints))} | ${ms(percentile(withCheckpoints, 0.95))} | ${ms(Math.max(...withCheckpoints))} |`);
  log(`| replay from round 0 (the design before; 10 targets) | ${ms(median(fromStart))} | ${ms(percentile(fromStart, 0.95))} | ${ms(Math.max(...fromStart))} |`);
  log(`| the worker's whole answer (seek, view, events, reports) | ${ms(median(workerSeeks))} | ${ms(percentile(workerSeeks, 0.95))} | ${ms(Math.max(...workerSeeks))} |`);
  log('');
  log(`playing forward: ${ms(median(afterSeek) * 1000)} µs per round in the 200 rounds right after a seek, ${ms(median(playedOn) * 1000)} µs per round in the 200 after those (medians of 5 places)`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) await seekSection();
