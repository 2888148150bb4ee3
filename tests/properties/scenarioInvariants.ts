/**
 * The invariants the property tests hold a scenario run to (issue #5 "Property tests"): the engine never throws,
 * cycles are conserved after every round, every request gets at most one response (exactly one once idle) and
 * every ingress message exactly one answer, runs are byte-identical, splitting ticks changes nothing, the worker
 * API played step by step agrees with the command-line runner, and install_code either upgrades with the counter
 * carried in stable memory or leaves the canister exactly as it was, and checkpoints change nothing.
 */
import { expect } from 'vitest';
import { canisterGlobals, cyclesImbalance, cyclesLedger, type Subnet } from '../../src/engine/index.ts';
import { DEFAULT_LIVE_INSTANCES, setLiveInstanceLimit } from '../../src/engine/canister/liveInstances.ts';
import { runScenario } from '../../src/scenario/runScenario.ts';
import { reportToJson } from '../../src/scenario/reportToJson.ts';
import { ScenarioSession } from '../../src/scenario/scenarioSession.ts';
import type { Report } from '../../src/scenario/reportTypes.ts';
import type { InstallCodeStep, Scenario, Step } from '../../src/scenario/scenarioTypes.ts';
import { createEngineApi } from '../../src/worker/engineApi.ts';
import { ScenarioPlayer } from '../../src/scenario/scenarioPlayer.ts';
import type { Outcome } from '../../src/worker/protocol.ts';
import { inlineSources, isBrokenRobot, parseJson, readSource, type ScenarioJson } from './robotScenarios.ts';

/** Any exception out of the engine is a bug: it is rethrown with this prefix so the property names it. */
export async function neverThrows<T>(what: string, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if ((error as Error)?.name === 'AssertionError') throw error;
    throw new Error(`the engine threw during ${what}: ${(error as Error)?.stack ?? String(error)}`);
  }
}

/** Runs as `runScenario` does (start, every step, drain), checking conservation after every single round. */
export async function runConserving(scenario: Scenario): Promise<{ report: Report; subnet: Subnet }> {
  const started = await neverThrows('set-up', () => ScenarioSession.start(scenario, { readSource }));
  if (!started.ok) throw new Error(`a generated scenario must run: ${started.error}`);
  const session = started.session;
  const subnet = session.subnet;
  const executeRound = subnet.executeRound.bind(subnet);
  subnet.executeRound = () => {
    executeRound();
    expect(cyclesImbalance(cyclesLedger(subnet.state)), `cycles after round ${subnet.state.round}`).toBe(0n);
  };
  for (const [i, step] of scenario.steps.entries()) {
    const applied = await neverThrows(`step ${i}`, () => session.apply(step));
    if (!applied.ok) throw new Error(`a generated step must apply: ${applied.error}`);
  }
  await neverThrows('the final drain', () => session.drain());
  return { report: session.report(), subnet };
}

/** At most one response per request and one answer per ingress message; exactly one each once the subnet is idle. */
export function expectOneAnswerEach(report: Report): void {
  const count = (kind: string, key: string) => {
    const counts = new Map<number, number>();
    for (const e of report.events) if (e.kind === kind) counts.set(e[key] as number, (counts.get(e[key] as number) ?? 0) + 1);
    return counts;
  };
  // A bounded-wait request may instead be dropped from its callee's queue at its deadline (ic-reference.md §3.7):
  // then nobody answers it, and its caller's callback runs on the system's SYS_UNKNOWN.
  const responses = count('response_sent', 'requestId');
  for (const [id, n] of count('request_expired', 'requestId')) responses.set(id, (responses.get(id) ?? 0) + n);
  const requests = report.events.filter((e) => e.kind === 'request_sent').map((e) => e.requestId as number);
  for (const id of requests) expect(responses.get(id) ?? 0, `responses to request ${id}`).toBeLessThanOrEqual(1);
  // Each call's callback runs on exactly one answer: the response, or the system's timeout for a bounded-wait call.
  const delivered = count('response_delivered', 'requestId');
  for (const id of requests) expect(delivered.get(id) ?? 0, `answers delivered for request ${id}`).toBeLessThanOrEqual(1);
  const completions = count('ingress_completed', 'messageId');
  for (const [id, n] of completions) expect(n, `answers to ingress ${id}`).toBe(1);
  if (!report.idle) return;
  for (const id of requests) expect(responses.get(id), `request ${id} answered once idle`).toBe(1);
  expect(completions.size, 'every ingress message answered once idle').toBe(report.events.filter((e) => e.kind === 'ingress_submitted').length);
}

/** `tick N` as N steps of `tick 1`: the same rounds run, so all but the step list is identical. */
export function splitTicks(scenario: Scenario): Scenario {
  const steps = scenario.steps.flatMap((s): Step[] => ('tick' in s ? Array.from({ length: s.tick }, () => ({ tick: 1 })) : [s]));
  return { ...scenario, steps };
}

/** The report without its step list and its per-step references, for comparing runs whose steps differ in number. */
export function withoutSteps(report: Report): string {
  return reportToJson({ ...report, steps: report.steps.filter((s) => s.kind !== 'tick').map((s) => ({ ...s, step: 0 })) });
}

/** All the generic invariants of one generated scenario. */
export async function expectInvariants(json: ScenarioJson): Promise<void> {
  const scenario = parseJson(json);
  const { report } = await runConserving(scenario);
  expectOneAnswerEach(report);
  const again = await neverThrows('the second run', () => runScenario(scenario, { readSource }));
  if (!again.ok) throw new Error(again.error);
  expect(reportToJson(again.report), 'the second run gives the same report').toBe(reportToJson(report));
  const split = await neverThrows('the run with split ticks', () => runScenario(splitTicks(scenario), { readSource }));
  if (!split.ok) throw new Error(split.error);
  expect(withoutSteps(split.report), 'splitting ticks changes nothing').toBe(withoutSteps(report));
}

/**
 * Queries, plain and composite (with their calls to other canisters' queries), change nothing that lasts: the run
 * without its query steps ends with the same canisters, balances, memory and all (ic-reference.md §3.2, §6.1).
 */
export async function expectQueriesLeaveNoState(json: ScenarioJson): Promise<void> {
  const queries = json.steps.filter((s) => 'query' in s).length;
  if (queries === 0) return;
  const withQueries = await neverThrows('the run', () => runScenario(parseJson(json), { readSource }));
  const without = await neverThrows('the run without queries', () => runScenario(parseJson({ ...json, steps: json.steps.filter((s) => !('query' in s)) }), { readSource }));
  if (!withQueries.ok || !without.ok) throw new Error(withQueries.ok ? (without as { error: string }).error : withQueries.error);
  expect(JSON.stringify(withQueries.report.canisters), 'the canisters at the end').toBe(JSON.stringify(without.report.canisters));
  expect(withQueries.report.rounds).toBe(without.report.rounds);
  const answered = withQueries.report.steps.filter((s) => s.kind === 'query');
  expect(answered.every((s) => s.status === 'replied' || s.status === 'rejected'), 'every query is answered at once').toBe(true);
}

/**
 * The browser's worker agrees with the command-line runner: steps applied one by one through the engine API and
 * "run until idle" give the report `runScenario` gives, and seeking to the end replays the recorded workspace
 * to exactly the same report.
 */
export async function expectWorkerAgrees(json: ScenarioJson): Promise<void> {
  const scenario = parseJson(inlineSources(json));
  const cli = await neverThrows('the command-line run', () => runScenario(scenario));
  if (!cli.ok) throw new Error(cli.error);
  const api = createEngineApi();
  const ok = (outcome: Outcome) => {
    if (!outcome.ok) throw new Error(`the engine API answered an error: ${outcome.error}`);
  };
  ok(await neverThrows('load', () => api.load({ ...scenario, steps: [] })));
  for (const [i, step] of scenario.steps.entries()) ok(await neverThrows(`step ${i}`, () => api.apply(step)));
  ok(await neverThrows('run until idle', () => api.runUntilIdle(scenario.maxRounds)));
  const live = (await api.report())!;
  expect(withoutSteps(live), 'the worker and the command line agree').toBe(withoutSteps(cli.report));
  // Past the last round: `seek(r)` leaves out the steps applied at round r itself (an advanceTime, a call not waited for).
  ok(await neverThrows('seek', () => api.seek(live.rounds + 1)));
  expect(reportToJson((await api.report())!), 'seeking replays the workspace exactly').toBe(reportToJson(live));
}

// ---- install_code ----

interface Fingerprint {
  readonly runtime: unknown;
  readonly state: string;
  readonly heap: Buffer;
  readonly stable: Buffer;
  readonly counter: bigint | null;
}

function fingerprint(session: ScenarioSession, id: string): Fingerprint {
  const c = session.subnet.canister(id)!;
  const rt = c.runtime;
  const heap = Buffer.from(rt?.heapCopy() ?? []);
  return {
    runtime: rt,
    state: JSON.stringify({
      status: c.status, deleted: c.deleted, settings: c.settings, version: c.version, moduleHash: c.moduleHash, moduleBytes: c.moduleBytes,
      certifiedData: Buffer.from(c.certifiedData).toString('hex'), globalTimer: c.globalTimer, history: c.history.length,
    }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
    heap,
    stable: Buffer.from(rt?.stable.snapshot() ?? []),
    counter: heap.length >= 72 ? heap.readBigUInt64LE(64) : null,
  };
}

/** Stable memory after a successful upgrade: kept, with the counter at 0 unless pre_upgrade was skipped. */
function expectedStable(before: Fingerprint, skipped: boolean): Buffer {
  if (skipped) return before.stable;
  const stable = Buffer.alloc(Math.max(before.stable.length, 65_536));
  before.stable.copy(stable);
  stable.writeBigUInt64LE(before.counter ?? 0n, 0);
  return stable;
}

/**
 * Plays the scenario step by step; before each install_code step the subnet is drained (so nothing else runs on
 * the canister meanwhile) and the step waits for its answer. A failed upgrade or reinstall must leave the
 * canister exactly as it was; a successful upgrade keeps stable memory and the counter it carries.
 */
export async function expectInstallsAtomic(json: ScenarioJson): Promise<void> {
  const started = await ScenarioSession.start(parseJson(json), { readSource });
  if (!started.ok) throw new Error(started.error);
  const session = started.session;
  for (const [i, step] of session.loaded.scenario.steps.entries()) {
    if (!('manage' in step) || step.manage.method !== 'install_code') {
      await neverThrows(`step ${i}`, () => session.apply(step));
      continue;
    }
    // Only an idle subnet with no timer about to fire guarantees nothing but the install runs while it waits.
    const quiet = await neverThrows(`the drain before step ${i}`, () => settle(session));
    if (!quiet) {
      await neverThrows(`step ${i}`, () => session.apply(step));
      continue;
    }
    const id = session.loaded.principals[step.manage.canister];
    const before = fingerprint(session, id);
    const applied = await neverThrows(`step ${i}`, () => session.apply({ manage: { ...step.manage, wait: true } }));
    if (!applied.ok) throw new Error(applied.error);
    expectInstallOutcome(step.manage, session.stepReport(applied.outcome).status, before, fingerprint(session, id), `step ${i}`);
  }
}

/**
 * A snapshot loaded puts back exactly what was taken (ic-reference.md §12): the heap, stable memory, the counter and
 * the module, byte for byte, whatever ran in between. Takes and loads run on a quiet subnet, as installs do above.
 */
export async function expectSnapshotsRestore(json: ScenarioJson): Promise<void> {
  const started = await ScenarioSession.start(parseJson(json), { readSource });
  if (!started.ok) throw new Error(started.error);
  const session = started.session;
  const taken = new Map<string, Fingerprint & { moduleHash: string | null }>();
  for (const [i, step] of session.loaded.scenario.steps.entries()) {
    const method = 'manage' in step ? step.manage.method : null;
    if ((method !== 'take_canister_snapshot' && method !== 'load_canister_snapshot') || !('manage' in step)
      || !(await neverThrows(`the drain before step ${i}`, () => settle(session)))) {
      await neverThrows(`step ${i}`, () => session.apply(step));
      continue;
    }
    const id = session.loaded.principals[step.manage.canister];
    const events = session.subnet.state.trace.length;
    const before = fingerprint(session, id);
    const applied = await neverThrows(`step ${i}`, () => session.apply({ manage: { ...step.manage, wait: true } }));
    if (!applied.ok) throw new Error(applied.error);
    const happened = session.subnet.state.trace.slice(events);
    for (const e of happened) {
      if (e.kind === 'snapshot_taken') taken.set(e.snapshot, { ...before, moduleHash: session.subnet.canister(id)!.moduleHash });
      if (e.kind !== 'snapshot_loaded') continue;
      const expected = taken.get(e.snapshot);
      if (!expected) continue; // taken while the subnet was busy: not fingerprinted
      const after = fingerprint(session, id);
      expect(after.heap.equals(expected.heap), `step ${i}: heap as taken`).toBe(true);
      expect(after.stable.equals(expected.stable), `step ${i}: stable memory as taken`).toBe(true);
      expect(after.counter, `step ${i}: the counter as taken`).toBe(expected.counter);
      expect(session.subnet.canister(id)!.moduleHash, `step ${i}: the module as taken`).toBe(expected.moduleHash);
    }
  }
}

/** Drains, and runs the rounds that fire timers already due (after `advanceTime`); whether the subnet is now quiet. */
function settle(session: ScenarioSession): boolean {
  const soon = (): boolean => {
    const { canisters, timeNs } = session.subnet.state;
    return [...canisters.values()].some((c) => !c.deleted && c.runtime && c.globalTimer !== 0n && c.globalTimer <= timeNs + 60_000_000_000n);
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (session.drain() && !soon()) return true;
    session.subnet.executeRound();
  }
  return false;
}

function expectInstallOutcome(manage: InstallCodeStep, status: string | undefined, before: Fingerprint, after: Fingerprint, where: string): void {
  const upgrade = manage.mode === 'upgrade';
  const toBroken = isBrokenRobot(manage.source);
  if (upgrade && toBroken) expect(status, `${where}: an upgrade to the broken robot fails`).toBe('rejected');
  if (status === 'rejected') {
    expect(after.runtime === before.runtime, `${where}: same instance`).toBe(true);
    expect(after.state, `${where}: system state`).toBe(before.state);
    expect(after.heap.equals(before.heap), `${where}: heap byte-identical`).toBe(true);
    expect(after.stable.equals(before.stable), `${where}: stable memory byte-identical`).toBe(true);
    return;
  }
  expect(status, `${where}: answered`).toBe('replied');
  if (!upgrade) {
    expect(after.counter, `${where}: reinstall starts from 0`).toBe(0n);
    expect(after.stable.length, `${where}: reinstall empties stable memory`).toBe(0);
    return;
  }
  const skipped = manage.skipPreUpgrade === true;
  const stable = expectedStable(before, skipped);
  expect(after.stable.equals(stable), `${where}: stable memory carried across`).toBe(true);
  expect(after.counter, `${where}: the counter survives`).toBe(stable.length >= 8 ? stable.readBigUInt64LE(0) : 0n);
}

/**
 * The fast path (`src/engine/wasm/fastPath.ts`) changes nothing but speed: the scenario run with every eligible
 * execution in the fast copies (`fastPathInstructionsPerPage` 0, and a try of one instruction, so a first execution
 * that runs more is undone and run again fast; a trapping one is replayed with the module's own code) gives the
 * report the run without it (`fastPathMaxHeapPages` 0) gives. One difference is allowed and documented: when a fast
 * execution runs out of instructions, its rolled-back "pages written" are the pages whose bytes changed.
 */
export async function expectFastPathAgrees(json: ScenarioJson): Promise<void> {
  await expectParamsChangeNothing(json, { fastPathMaxHeapPages: '0' }, { fastPathInstructionsPerPage: '0', firstTryInstructions: '1' }, 'the fast path');
}

/**
 * The first execution's try (`CanisterRuntime.runTryingFirst`) changes nothing but speed: the scenario run with a
 * try of one instruction (every first execution of a method that runs more is undone and run again) gives the
 * report the run without the try gives, byte for byte (the fast path off in both: after a try it runs fast).
 */
export async function expectFirstTryAgrees(json: ScenarioJson): Promise<void> {
  await expectParamsChangeNothing(json, { firstTryInstructions: '0', fastPathMaxHeapPages: '0' }, { firstTryInstructions: '1', fastPathMaxHeapPages: '0' }, 'the first execution\'s try', true);
}

/**
 * Sleeping canisters (`src/engine/canister/liveInstances.ts`) change nothing but memory: the scenario run with one
 * live instance at a time (every canister but the one about to run is put to sleep, its heap and globals copied out,
 * and woken into a new instance) gives the report the run with every canister live gives, byte for byte.
 */
export async function expectSleepingAgrees(json: ScenarioJson): Promise<void> {
  const scenario = parseJson(json);
  const allLive = await neverThrows('the run with every canister live', () => runScenario(scenario, { readSource }));
  setLiveInstanceLimit(1);
  try {
    const oneLive = await neverThrows('the run with one live instance', () => runScenario(scenario, { readSource }));
    if (!allLive.ok || !oneLive.ok) throw new Error(allLive.ok ? (oneLive as { error: string }).error : allLive.error);
    expect(reportToJson(oneLive.report), 'sleeping canisters change nothing').toBe(reportToJson(allLive.report));
  } finally {
    setLiveInstanceLimit(DEFAULT_LIVE_INSTANCES);
  }
}

/** The scenario's report with the engine parameters `off` and with `on`: the same (but what `comparable` allows). */
async function expectParamsChangeNothing(
  json: ScenarioJson, off: Record<string, string>, on: Record<string, string>, what: string, exact = false,
): Promise<void> {
  const subnet = (json.subnet ?? {}) as { params?: Record<string, string> };
  const withParam = (params: Record<string, string>): Scenario => parseJson({
    ...json, subnet: { ...subnet, params: { ...subnet.params, ...params } },
  });
  const without = await neverThrows(`the run without ${what}`, () => runScenario(withParam(off), { readSource }));
  const withIt = await neverThrows(`the run with ${what}`, () => runScenario(withParam(on), { readSource }));
  if (!without.ok || !withIt.ok) throw new Error(without.ok ? (withIt as { error: string }).error : without.error);
  const show = exact ? reportToJson : comparable;
  expect(show(withIt.report), `${what} changes nothing`).toBe(show(without.report));
}

/**
 * Checkpoints change nothing (issue "lessons that play forward"): the state at every round, reached by seeking
 * through a checkpoint taken at every round (instances recycled), is byte for byte the state a straight play
 * from round 0 shows there, the inspector's globals and their values at the round's start included.
 */
export async function expectCheckpointsAgree(json: ScenarioJson): Promise<void> {
  const scenario = parseJson(json);
  const open = async (rounds: number) => {
    const loaded = await neverThrows('opening', () => ScenarioPlayer.load(scenario, 0, { readSource }, { rounds, events: Number.MAX_SAFE_INTEGER, instructions: 2n ** 62n }));
    if (!loaded.ok) throw new Error(loaded.error);
    return loaded.player;
  };
  const straight = await open(Number.MAX_SAFE_INTEGER);
  const stateOf = (player: ScenarioPlayer) => reportToJson(player.session.report()) + globalsJson(player.session.subnet);
  const reports = [stateOf(straight)];
  while (!straight.atEnd) {
    neverThrows('a step', () => straight.stepForward());
    reports.push(stateOf(straight));
  }
  const checkpointed = await open(1);
  const order = [...reports.keys()].reverse();
  for (const round of [...order, ...order.reverse()]) {
    await neverThrows('a seek', () => checkpointed.seek(round));
    expect(stateOf(checkpointed), `round ${round} through a checkpoint`).toBe(reports[round]);
  }
}

function globalsJson(subnet: Subnet): string {
  const { canisters, round } = subnet.state;
  return JSON.stringify([...canisters.values()].map((c) => (c.runtime ? canisterGlobals(c.runtime, round) : null)));
}

function comparable(report: Report): string {
  const events = report.events.map((e) => (e.kind === 'execution' && e.errorCode === 'IC0522' && Array.isArray(e.rolledBack)
    ? { ...e, rolledBack: (e.rolledBack as string[]).filter((r) => !r.endsWith('written') || r.includes('stable')) }
    : e));
  return reportToJson({ ...report, events });
}
