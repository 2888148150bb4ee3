/**
 * Message throughput (issue #5): counter updates per second with the report included (the headless runner's
 * path: scenario text in, report JSON out) and engine only; inter-canister requests per second, one after the
 * other and all at once; and a fan-out from one canister to 100. A script, not a test: it measures and prints.
 * Run alone with `npx tsx bench/throughput.ts`.
 */
import { initWat, type Subnet } from '../src/engine/index.ts';
import { parseScenario } from '../src/scenario/parseScenario.ts';
import { ScenarioSession } from '../src/scenario/scenarioSession.ts';
import { writeReportJson } from '../src/scenario/writeReportJson.ts';
import { main as cliMain } from '../src/cli/main.ts';
import { createBenchSubnet, deployCanister, runIngressToIdle, u32Arg, wasmFromWat } from './benchSubnet.ts';
import { counterThroughput, counterWat } from './counterCanister.ts';
import { PINGER_WAT, PONGER_WAT } from './callCanisters.ts';
import { createLog, formatCount, isMainModule, machineLine, measure, median, timeMs } from './measure.ts';

/** A scenario that submits `count` counter updates at once, then drains (the report lists every step and event). */
export function counterScenarioText(count: number): string {
  return JSON.stringify({
    format: 'canister-playground/scenario@1',
    canisters: [{ name: 'counter', source: { wat: counterWat(16) } }],
    steps: Array.from({ length: count }, () => ({ call: { to: 'counter', method: 'inc' } })),
  });
}

/** Counter updates per second through `canister-playground run -`: parse, set up, run, report, JSON. */
function reportedCounterRate(text: string, count: number): Promise<number> {
  return timedCli(text).then((ms) => count / (ms / 1000));
}

async function timedCli(text: string): Promise<number> {
  let printed = 0;
  const io = {
    stdout: (out: string) => { printed += out.length; },
    stderr: (out: string) => { throw new Error(`bench: the runner refused the scenario: ${out}`); },
    readStdin: () => text,
    readFile: () => { throw new Error('bench: no files'); },
  };
  const start = performance.now();
  const code = await cliMain(['run', '-'], io);
  const ms = performance.now() - start;
  if (code !== 0 || printed === 0) throw new Error(`bench: the runner exited ${code}`);
  return ms;
}

/** Where the time of one reported run goes, in milliseconds per stage. */
export async function reportedStages(text: string): Promise<Record<string, number>> {
  const stages: Record<string, number> = {};
  let parsed!: ReturnType<typeof parseScenario>;
  stages.parse = timeMs(() => { parsed = parseScenario(text); });
  if (!parsed.ok) throw new Error(parsed.error);
  const scenario = parsed.scenario;
  const start = performance.now();
  const started = await ScenarioSession.start(scenario);
  stages['set-up'] = performance.now() - start;
  if (!started.ok) throw new Error(started.error);
  const session = started.session;
  stages['submit steps'] = timeMs(() => { for (const step of scenario.steps) session.apply(step); });
  stages['rounds'] = timeMs(() => session.drain());
  let report!: ReturnType<ScenarioSession['traceReport']>;
  stages['build report'] = timeMs(() => { report = session.traceReport(); });
  let chars = 0;
  stages['report to JSON'] = timeMs(() => writeReportJson(report, (piece) => { chars += piece.length; }));
  stages['report MB'] = chars / 1e6;
  return stages;
}

function deployPingers(callees: number): { subnet: Subnet; pinger: string } {
  const subnet = createBenchSubnet();
  const pinger = deployCanister(subnet, wasmFromWat(PINGER_WAT));
  const ponger = wasmFromWat(PONGER_WAT);
  for (let i = 0; i < callees; i++) deployCanister(subnet, ponger);
  return { subnet, pinger };
}

interface CallRun {
  readonly requests: number;
  readonly rounds: number;
  readonly ms: number;
}

/**
 * Runs `messages` ingress messages of `method n` on the pinger; every one must be replied. `warm`: one message is
 * run first, untimed, so every canister has executed once (V8 compiles a module's functions on their first call).
 */
export function callRun(callees: number, method: string, n: number, messages = 1, warm = false): CallRun {
  const { subnet, pinger } = deployPingers(callees);
  if (warm) runIngressToIdle(subnet, pinger, method, [u32Arg(n)]);
  const roundsBefore = subnet.state.round;
  const ms = timeMs(() => runIngressToIdle(subnet, pinger, method, Array.from({ length: messages }, () => u32Arg(n))));
  return { requests: n * messages, rounds: subnet.state.round - roundsBefore, ms };
}

function medianRun(run: () => CallRun, runs = 3): CallRun {
  run();
  const results = Array.from({ length: runs }, run);
  const ms = median(results.map((r) => r.ms));
  return { ...results[0], ms };
}

const rate = (r: CallRun) => formatCount(r.requests / (r.ms / 1000));

export async function throughputSection(): Promise<string[]> {
  await initWat();
  const { lines, log } = createLog();
  log('### Message throughput');
  log('');
  log('Counter updates (1 MiB canister, `ic` preset), all submitted at once, until idle:');
  log('');
  log('| path | updates | updates per second | µs per update |');
  log('|---|---|---|---|');
  for (const count of [2_000, 20_000]) {
    const text = counterScenarioText(count);
    await reportedCounterRate(text, count);
    const rates: number[] = [];
    for (let i = 0; i < 3; i++) rates.push(await reportedCounterRate(text, count));
    const reported = median(rates);
    log(`| \`canister-playground run\` (parse, set up, run, report, JSON) | ${formatCount(count)} | ${formatCount(reported)} | ${(1e6 / reported).toFixed(1)} |`);
  }
  const engineOnly = measure(() => counterThroughput(16, 20_000), 3);
  log(`| engine only (\`Subnet\`, no report) | 20,000 | ${formatCount(engineOnly)} | ${(1e6 / engineOnly).toFixed(1)} |`);
  log('');
  const stages = await reportedStages(counterScenarioText(20_000));
  log(`Where a reported run of 20,000 updates spends its time: ${Object.entries(stages)
    .map(([stage, value]) => (stage.endsWith('MB') ? `${stage.replace(' MB', '')} ${value.toFixed(1)} MB` : `${stage} ${value.toFixed(0)} ms`))
    .join(', ')}.`);
  log('');
  log('Inter-canister calls (engine only; a same-subnet request and its response each take one round):');
  log('');
  log('| workload | requests | rounds | ms | requests per second |');
  log('|---|---|---|---|---|');
  const chain = medianRun(() => callRun(1, 'ping_chain', 5_000));
  log(`| ping-pong, one after the other (each reply callback makes the next call) | ${formatCount(chain.requests)} | ${formatCount(chain.rounds)} | ${chain.ms.toFixed(0)} | ${rate(chain)} |`);
  // 500 calls: the most one canister may have awaiting a response from another (queueCapacity, ic-reference.md §6.3);
  // the 501st call_perform returns 2 (a second such update in the same round would trap on it, as on the IC).
  const batch = medianRun(() => callRun(1, 'ping_batch', 500), 7);
  log(`| ping-pong, all at once (one update makes 500 calls, the queue's capacity) | ${formatCount(batch.requests)} | ${formatCount(batch.rounds)} | ${batch.ms.toFixed(1)} | ${rate(batch)} |`);
  const fanCold = medianRun(() => callRun(100, 'fan_out', 100), 5);
  log(`| fan-out: one update calls 100 canisters, each executing for the first time | 100 | ${fanCold.rounds} | ${fanCold.ms.toFixed(1)} | ${rate(fanCold)} |`);
  const fanWarm = medianRun(() => callRun(100, 'fan_out', 100, 1, true), 5);
  log(`| fan-out: the same, every canister having executed before | 100 | ${fanWarm.rounds} | ${fanWarm.ms.toFixed(1)} | ${rate(fanWarm)} |`);
  const fanMany = medianRun(() => callRun(100, 'fan_out', 100, 200));
  log(`| fan-out × 200: 200 updates each calling 100 canisters | ${formatCount(fanMany.requests)} | ${fanMany.rounds} | ${fanMany.ms.toFixed(0)} | ${rate(fanMany)} |`);
  return lines;
}

if (isMainModule(import.meta.url)) {
  console.log(machineLine());
  console.log('');
  await throughputSection();
}
