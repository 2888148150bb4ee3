/**
 * [worker] The engine API over a real MessageChannel with Comlink, as the browser uses it (no worker spawned):
 * outcomes are values, events arrive in batches, the workspace is a scenario that replays, seek time-travels
 * and acting after a seek forks.
 */
import * as Comlink from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import type { Outcome } from '../../src/worker/protocol.ts';
import { canister } from '../helpers/prelude.ts';
import type { Scenario, Step } from '../../src/scenario/scenarioTypes.ts';
import { nodeMotokoCompiler } from '../../src/motoko/nodeMotokoCompiler.ts';
import { connectEngineApi } from '../helpers/connectEngineApi.ts';
import { applyStepReportChanges, shownStepReports } from '../../src/worker/outcomeChanges.ts';
import { ScenarioPlayer } from '../../src/scenario/scenarioPlayer.ts';
import type { StepReport } from '../../src/scenario/reportTypes.ts';

const COUNTER = canister(`
  (global $n (mut i64) (i64.const 0))
  (func (export "canister_update inc") (global.set $n (i64.add (global.get $n) (i64.const 1))) (call $reply_i64 (global.get $n)))
  (func (export "canister_query get") (call $reply_i64 (global.get $n)))`);

const SCENARIO: Scenario = {
  format: 'canister-playground/scenario@1',
  users: ['user'],
  canisters: [{ name: 'counter', source: { wat: COUNTER }, cycles: '100000000000000' }],
  steps: [],
  maxRounds: 1000,
} as unknown as Scenario;

const connect = () => connectEngineApi();

/** The reports of the steps applied at each round, rendered afresh by a player of its own (no changes involved). */
async function straightReports(scenario: Scenario): Promise<(round: number) => StepReport[]> {
  const loaded = await ScenarioPlayer.load(scenario, 0);
  if (!loaded.ok) throw new Error(loaded.error);
  return (round) => {
    loaded.player.seek(round);
    return loaded.player.session.stepReports();
  };
}

function ok(outcome: Outcome): Extract<Outcome, { ok: true }> {
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome;
}

describe('[worker] engine API over a MessageChannel', () => {
  it('loads, applies steps, streams events and records the workspace', async () => {
    const api = connect();
    const loaded = ok(await api.load(SCENARIO));
    expect(loaded.keepEvents).toBe(0);
    expect(loaded.playhead).toEqual({ round: 0, end: 0, atEnd: true, canUndoFork: false });
    expect(loaded.view.canisters[0]).toMatchObject({ name: 'counter', status: 'running', empty: false, updateMethods: ['inc'] });
    const call = ok(await api.apply({ call: { to: 'counter', method: 'inc', wait: true } } as never));
    expect(call.step).toMatchObject({ status: 'replied', reply: '0100000000000000' });
    expect(call.steps.count).toBe(1);
    expect(call.events.some((e) => e.kind === 'ingress_completed')).toBe(true);
    expect(call.events[0].round).toBeGreaterThanOrEqual(0);
    const idle = ok(await api.runUntilIdle(10));
    expect(idle.view.idle).toBe(true);
    const workspace = await api.scenario();
    expect(workspace.steps).toHaveLength(1);
  });

  it('outcomes are values: a bad step is an error message, not an exception', async () => {
    const api = connect();
    ok(await api.load(SCENARIO));
    const bad = await api.apply({ call: { to: 'nobody', method: 'inc' } } as never);
    expect(bad).toEqual({ ok: false, error: expect.stringContaining('unknown canister "nobody"') });
  });

  it('memory views are bounded and never throw, whatever is asked', async () => {
    const api = connect();
    const loaded = ok(await api.load(SCENARIO));
    const id = loaded.view.canisters[0].id;
    const cases: [string, 'heap' | 'stable', number, number, number][] = [
      ['a huge length is cut to 1 MiB (of a 64 KiB heap: all of it)', 'heap', 0, 2 ** 40, 65536],
      ['a negative offset starts at 0', 'heap', -100, 16, 16],
      ['past the end: nothing', 'heap', 10 ** 9, 16, 0],
      ['NaN: nothing', 'heap', Number.NaN, Number.NaN, 0],
      ['empty stable memory: nothing', 'stable', 0, 2 ** 40, 0],
    ];
    for (const [name, kind, offset, length, expected] of cases) {
      expect((await api.memory(id, kind, offset, length)).length, name).toBe(expected);
    }
  });

  it('seek moves the playhead and keeps the script; Step replays; a new action behind the end forks, undoably', async () => {
    const api = connect();
    const loaded = ok(await api.load(SCENARIO));
    for (let i = 0; i < 3; i++) ok(await api.apply({ call: { to: 'counter', method: 'inc', wait: true } } as never));
    const atEnd = ok(await api.runUntilIdle(10));
    const eventsAtEnd = loaded.events.length + 0;
    expect(atEnd.playhead).toMatchObject({ round: 3, end: 3, atEnd: true });
    const back = ok(await api.seek(1));
    expect(back.view.round).toBe(1);
    expect(back.playhead).toMatchObject({ round: 1, end: 3, atEnd: false });
    expect(back.keepEvents, 'the UI keeps a prefix of the events it has').toBeGreaterThan(eventsAtEnd);
    expect(back.events).toEqual([]);
    expect(back.steps.count).toBe(2);
    expect((await api.memory(back.view.canisters[0].id, 'heap', 0, 8))).toHaveLength(8);
    const replayed = ok(await api.step());
    expect(replayed.playhead).toMatchObject({ round: 2, end: 3 });
    expect((await api.scenario()).steps, 'Step behind the end replays: the script is unchanged').toHaveLength(3);
    ok(await api.seek(1));
    const forked = ok(await api.apply({ topUp: { canister: 'counter', cycles: '1' } } as never));
    expect(forked.setAside, 'the third call, submitted in round 2, is set aside').toBe(1);
    expect(forked.playhead).toMatchObject({ round: 1, end: 1, atEnd: true, canUndoFork: true });
    expect((await api.scenario()).steps).toHaveLength(3);
    const undone = ok(await api.undoFork());
    expect(undone.keepEvents).toBe(0);
    expect(undone.playhead).toMatchObject({ round: 1, end: 3 });
    expect((await api.scenario()).steps).toHaveLength(3);
    expect((await api.scenario()).steps.at(-1)).toMatchObject({ call: { method: 'inc' } });
  });

  it('the step reports the UI puts together from outcomes are, at every playhead, what a straight play reports (sent only when they may have changed)', async () => {
    // Calls that complete rounds after they were submitted (a long one sliced across rounds), so seeking back and
    // forth crosses completions: a report settled at the end is pending again before its completion round.
    const LONG = canister(`
      (func (export "canister_update spin") (local $i i32)
        (loop $l (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000000))))
        (call $reply_i32 (local.get $i)))`);
    const scenario = { ...SCENARIO, subnet: { preset: 'classroom' }, canisters: [{ name: 'long', source: { wat: LONG } }],
      steps: [{ call: { to: 'long', method: 'spin' } }, { tick: 2 }, { call: { to: 'long', method: 'spin' } }, { tick: 12 }] } as unknown as Scenario;
    const api = connect();
    let known = applyStepReportChanges([], ok(await api.load(scenario)).steps);
    const straight = await straightReports(scenario);
    const last = ok(await api.seek(1000));
    known = applyStepReportChanges(known, last.steps);
    const end = last.playhead.end;
    for (const round of [end, 3, 7, 1, end, 0, 9, 2, end]) {
      const outcome = ok(await api.seek(round));
      known = applyStepReportChanges(known, outcome.steps);
      expect(shownStepReports(known, outcome.steps.count), `at round ${round}`).toEqual(straight(round));
    }
    // A fork at round 0: the UI must drop what it knew past the playhead (the old history's reports of the steps the
    // fork replaces: at index 1 a tick, whose report no completion round would mark as out of date, where the fork
    // puts a top-up), and see the fork's own reports as a straight play of the fork shows them.
    ok(await api.seek(0));
    let outcome = ok(await api.apply({ topUp: { canister: 'long', cycles: '1' } } as never));
    known = applyStepReportChanges(known, outcome.steps);
    const shown = [{ round: outcome.playhead.round, reports: shownStepReports(known, outcome.steps.count) }];
    for (let n = 0; n < 7; n++) {
      outcome = ok(await api.step()); // at the end: each Step records a round (a tick) of the fork
      known = applyStepReportChanges(known, outcome.steps);
      shown.push({ round: outcome.playhead.round, reports: shownStepReports(known, outcome.steps.count) });
    }
    const forked = await straightReports(await api.scenario());
    for (const { round, reports } of shown) expect(reports, `the fork at round ${round}`).toEqual(forked(round));
  });

  it('views show each canister\'s globals named by its WAT, with their values at the start of the round, also after a seek', async () => {
    const api = connect();
    const globalsOf = (outcome: Outcome, name: string) => ok(outcome).view.canisters.find((c) => c.name === name)!.globals;
    const counter = (value: string, atRoundStart: string) => [{ name: 'n', type: 'i64', value, atRoundStart }];
    expect(globalsOf(await api.load(SCENARIO), 'counter')).toEqual(counter('0', '0'));
    expect(globalsOf(await api.apply({ call: { to: 'counter', method: 'inc', wait: true } } as never), 'counter')).toEqual(counter('1', '0'));
    expect(globalsOf(await api.apply({ tick: 1 } as never), 'counter'), 'a round without a change').toEqual(counter('1', '1'));
    expect(globalsOf(await api.seek(1), 'counter'), 'seeking back to the round of the change').toEqual(counter('1', '0'));
    expect(globalsOf(await api.seek(0), 'counter')).toEqual(counter('0', '0'));
    const source = { wat: canister('(global $total (mut i32) (i32.const 7)) (global (mut f64) (f64.const 0.5))') };
    const deployed = await api.apply({ deploy: { name: 'tally', source, cycles: '100000000000000' } } as never);
    expect(globalsOf(deployed, 'tally').map((g) => [g.name, g.value])).toEqual([['total', '7'], ['global 1', '0.5']]);
  });

  it('diagnoses WAT with line and column', async () => {
    const api = connect();
    const diagnostics = await api.diagnose('(module\n  (func (result i32)))');
    expect(diagnostics[0]).toMatchObject({ line: 2 });
  });
});

const MOTOKO_COUNTER = 'persistent actor {\n  var n : Nat = 0;\n  public func inc() : async Nat { n += 1; n };\n};\n';
const MOTOKO_SCENARIO = {
  ...SCENARIO,
  canisters: [{ name: 'counter', source: { motoko: MOTOKO_COUNTER }, cycles: '100000000000000' }],
  steps: [{ call: { to: 'counter', method: 'inc', arg: { hex: '4449444c0000' }, wait: true } }],
} as unknown as Scenario;

describe('[worker] Motoko through the engine API', () => {
  // As the app wires it: the compiler handed over as a Comlink proxy (EngineClient does this with the main
  // thread's Motoko worker client).
  it('compiles through a proxied compiler: load, then a deploy step, then a compile error as an outcome', async () => {
    const api = connect();
    await api.useMotokoCompiler(Comlink.proxy(nodeMotokoCompiler()));
    const loaded = ok(await api.load(MOTOKO_SCENARIO));
    expect(loaded.view.canisters[0]).toMatchObject({ name: 'counter', status: 'running', empty: false });
    const deploy: Step = { deploy: { name: 'second', source: { motoko: MOTOKO_COUNTER.replace('n += 1', 'n += 2') }, cycles: '100000000000000' } };
    expect(await api.apply(deploy)).toMatchObject({ ok: true, step: { kind: 'deploy', status: 'replied' } });
    const broken: Step = { deploy: { name: 'third', source: { motoko: 'persistent actor { public func f() : async Nat { "x" } }' }, cycles: '1' } };
    expect(await api.apply(broken)).toEqual({
      ok: false,
      error: 'step 2 (deploy): canister "third": Main.mo:1:50: literal of type Text does not have expected type Nat (M0050)',
    });
    expect((await api.scenario()).steps).toHaveLength(2);
  }, 120_000);

  it('says a Motoko source needs a compiler when none was given', async () => {
    expect(await connect().load(MOTOKO_SCENARIO)).toEqual({
      ok: false, error: 'canister "counter": Motoko sources need the Motoko compiler, which this runner was not given',
    });
  });
});

describe('[worker] checks at the playhead and "run until a check fails"', () => {
  /** The bank reads its balance, awaits the ledger, writes back what it read minus 5 (examples/reentrant-bank.wat). */
  const example = (name: string) => readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');
  const scenarioWithChecks = (): Scenario => {
    const document = JSON.parse(example('reentrancy-checks.json'));
    for (const c of document.canisters) c.source = { wat: example(c.source.path) };
    const parsed = parseScenario(JSON.stringify(document));
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.scenario;
  };

  it('every answer carries the checks at the playhead; the run stops on the round a check first fails, then at the end', async () => {
    const api = connect();
    const loaded = await api.load(scenarioWithChecks());
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.checks!.reports.map((r) => r.pass)).toEqual([true, true, true]);
    expect(loaded.checks!.failures).toEqual([]);

    const stopped = await api.runUntilCheckFails();
    if (!stopped.ok) throw new Error(stopped.error);
    expect(stopped.playhead.round).toBe(4);
    expect(stopped.checks!.failures).toEqual([expect.objectContaining({ check: 0, round: 4, seen: 'the sum 15 (0 + 15)' })]);
    const broke = stopped.checks!.failures[0].event!;
    const events = [...loaded.events, ...stopped.events];
    expect(events[broke]).toMatchObject({ kind: 'execution', entryPoint: 'reply callback', round: 4 });

    // No other check fails later: to the end of the script, recording nothing.
    const end = await api.runUntilCheckFails();
    if (!end.ok) throw new Error(end.error);
    expect([end.playhead.round, end.playhead.atEnd, end.playhead.end, end.checks!.failures.length]).toEqual([stopped.playhead.end, true, stopped.playhead.end, 1]);
    expect((await api.scenario()).steps).toEqual(scenarioWithChecks().steps);
  });

  it('a workspace without checks has none', async () => {
    const loaded = await connect().load(SCENARIO);
    expect(loaded.ok && loaded.checks).toBeNull();
  });
});
