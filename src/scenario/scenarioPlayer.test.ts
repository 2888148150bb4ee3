import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../lessons/index.ts';
import { parseScenario } from './parseScenario.ts';
import { reportToJson } from './reportToJson.ts';
import { runScenario } from './runScenario.ts';
import { ScenarioPlayer } from './scenarioPlayer.ts';
import { ScenarioSession } from './scenarioSession.ts';
import { nodeMotokoCompiler } from '../motoko/nodeMotokoCompiler.ts';
import type { Scenario, Step } from './scenarioTypes.ts';

/** The Motoko track's lessons compile their actors (once per process). */
const WITH_MOTOKO = { motoko: nodeMotokoCompiler() };

function parse(json: unknown): Scenario {
  const parsed = parseScenario(JSON.stringify(json));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.scenario;
}

async function load(scenario: Scenario, round = 0): Promise<ScenarioPlayer> {
  const loaded = await ScenarioPlayer.load(scenario, round, WITH_MOTOKO);
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.player;
}

const reportAt = (player: ScenarioPlayer) => reportToJson(player.session.report());

/** The workspace is a scenario: its steps, applied one after the other, give the state of the player at its end. */
async function expectWorkspaceReplays(player: ScenarioPlayer): Promise<void> {
  const round = player.round;
  player.seek(player.end);
  const started = await ScenarioSession.start(player.workspace, WITH_MOTOKO);
  if (!started.ok) throw new Error(started.error);
  for (const step of player.workspace.steps) expect(started.session.apply(step).ok).toBe(true);
  expect(reportAt(player), 'the workspace replays to the state at its end').toBe(reportToJson(started.session.report()));
  player.seek(round);
}

const COUNTER_WAT = `(module
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (memory 1)
  (global $n (mut i64) (i64.const 0))
  (func (export "canister_update inc")
    (global.set $n (i64.add (global.get $n) (i64.const 1)))
    (i64.store (i32.const 0) (global.get $n))
    (call $append (i32.const 0) (i32.const 8)) (call $reply))
  (func (export "canister_query get") (call $append (i32.const 0) (i32.const 8)) (call $reply)))`;

const counterScenario = (steps: unknown[]) => parse({
  format: 'canister-playground/scenario@1', canisters: [{ name: 'counter', source: { wat: COUNTER_WAT } }], steps,
});

describe('[scenario/ScenarioPlayer] playing a lesson', () => {
  it.each(LESSONS.map((l) => [l.id, l.scenario] as const))('%s opens at round 0, plays to its end with Step alone, and every round seeks to the same state', async (_id, json) => {
    const scenario = parse(json);
    const headless = await runScenario(scenario, WITH_MOTOKO);
    if (!headless.ok) throw new Error(headless.error);
    const player = await load(scenario);
    expect(player.round).toBe(0);
    expect(player.end).toBe(headless.report.rounds);
    const straight: string[] = [reportAt(player)];
    while (!player.atEnd) {
      const before = player.round;
      expect(player.stepForward().ok).toBe(true);
      expect(player.round).toBe(before + 1);
      straight.push(reportAt(player));
    }
    expect(player.round).toBe(headless.report.rounds);
    expect(straight.at(-1), 'Step alone reaches the state the runner reports').toBe(reportToJson(headless.report));
    expect(player.workspace, 'playing changes nothing in the script').toBe(scenario);
    for (let round = straight.length - 1; round >= 0; round--) {
      player.seek(round);
      expect(reportAt(player), `seek(${round}) shows what a straight play to it shows`).toBe(straight[round]);
    }
  }, 120_000); // a Motoko lesson compiles its actors first
});

describe('[scenario/ScenarioPlayer] the script and the playhead', () => {
  const calls: Step[] = [
    { call: { to: 'counter', method: 'inc' } }, { tick: 3 },
    { call: { to: 'counter', method: 'inc', wait: true } }, { query: { to: 'counter', method: 'get' } },
    { tick: 2 }, { call: { to: 'counter', method: 'inc' } },
  ];

  it.each([
    // [name, seek to, step recorded, steps set aside, the script's steps after]
    ['at the end: appended, nothing set aside', 'end', { query: { to: 'counter', method: 'get' } }, 0, 8],
    ['inside a tick: the tick is cut, the rest set aside', 2, { query: { to: 'counter', method: 'get' } }, 5, 3],
    ['while a call is waited for: it is no longer waited for', 3, { topUp: { canister: 'counter', cycles: '5' } }, 3, 4],
    ['at round 0: every round-taking step set aside', 0, { topUp: { canister: 'counter', cycles: '5' } }, 5, 2],
  ] as const)('a new action %s', async (_name, at, step, setAside, length) => {
    const scenario = counterScenario(calls);
    const player = await load(scenario);
    player.seek(at === 'end' ? player.end : at);
    const round = player.round;
    const stepsBefore = [...scenario.steps];
    const result = player.record(step as Step);
    expect(result).toEqual({ ok: true, setAside });
    // A new array of steps, whether appended at the end or cut behind it: a script handed out before never changes.
    expect(scenario.steps, 'the script before is as it was').toEqual(stepsBefore);
    expect(player.workspace.steps).not.toBe(scenario.steps);
    expect(player.round).toBe(round);
    expect(player.workspace.steps).toHaveLength(length);
    expect(player.workspace.steps.at(-1)).toEqual(step);
    expect(player.canUndoFork).toBe(setAside > 0);
    await expectWorkspaceReplays(player);
    if (setAside === 0) return;
    const forked = player.workspace;
    expect(player.undoFork()).toBe(true);
    expect(player.workspace, 'undo puts the script back').toBe(scenario);
    expect(player.round).toBe(round);
    player.seek(player.end);
    const headless = await runScenario(scenario);
    expect(reportAt(player)).toBe(reportToJson(headless.ok ? headless.report : ({} as never)));
    expect(player.undoFork()).toBe(true);
    expect(player.workspace, 'undoing again redoes the fork').toBe(forked);
  });

  it('a new action two rounds into a waited-for call keeps the call, not waited for, and the rounds it waited as a tick', async () => {
    // A message sliced over many rounds (classroom preset): still running at round 2.
    const long = parse({
      format: 'canister-playground/scenario@1', subnet: { preset: 'classroom' },
      canisters: [{ name: 'worker', source: { wat: readFileSync(new URL('../../examples/long-message.wat', import.meta.url), 'utf8') } }],
      steps: [{ call: { to: 'worker', method: 'long', wait: true } }, { query: { to: 'worker', method: 'get' } }, { tick: 1 }],
    });
    const player = await load(long, 2);
    const query: Step = { query: { to: 'worker', method: 'get' } };
    // The two steps after the call (its query and tick) are set aside.
    expect(player.record(query)).toEqual({ ok: true, setAside: 2 });
    expect(player.workspace.steps).toEqual([{ call: { to: 'worker', method: 'long', wait: false } }, { tick: 2 }, query]);
    expect(player.session.stepReports().map((r) => r.status)).toEqual(['pending', undefined, 'replied']);
    await expectWorkspaceReplays(player);
  });

  it('Step at the end records a round; a call recorded there does not run ahead: Step records its rounds', async () => {
    const player = await load(counterScenario([]));
    expect([player.round, player.end, player.atEnd]).toEqual([0, 0, true]);
    player.stepForward();
    const handedOut = player.workspace.steps;
    player.stepForward();
    expect(player.workspace.steps).toEqual([{ tick: 2 }]);
    expect(handedOut, 'a tick merged into at the end, in place (the steps are not copied per Step)').toBe(player.workspace.steps);
    player.record({ call: { to: 'counter', method: 'inc' } });
    expect([player.round, player.end, player.atEnd]).toEqual([2, 2, true]);
    expect(player.session.stepReports().at(-1)?.status).toBe('pending');
    player.stepForward();
    expect(player.session.stepReports()[1].status).toBe('replied');
    expect(player.workspace.steps).toEqual([{ tick: 2 }, { call: { to: 'counter', method: 'inc' } }, { tick: 1 }]);
    // Two actions in a row at the end: a copy of the script taken between them stays as it was.
    player.record({ topUp: { canister: 'counter', cycles: '5' } });
    const between = player.workspace.steps.slice();
    player.record({ topUp: { canister: 'counter', cycles: '6' } });
    expect(between).toHaveLength(4);
    expect(player.workspace.steps).toHaveLength(5);
    await expectWorkspaceReplays(player);
    // Back behind the end, Step replays the recorded round instead of recording another.
    player.seek(2);
    player.stepForward();
    expect([player.round, player.end]).toEqual([3, 3]);
    expect(player.workspace.steps).toHaveLength(5);
  });

  it.each(LESSONS.map((l) => [l.id, l.scenario] as const))('%s opened at its end: Step there appends a tick to the whole script', async (_id, json) => {
    const scenario = parse(json);
    const player = await load(scenario, 10_000);
    expect(player.atEnd).toBe(true);
    player.stepForward();
    expect(player.workspace.steps.slice(0, scenario.steps.length)).toEqual(scenario.steps);
    expect(player.workspace.steps.at(-1)).toMatchObject({ tick: expect.any(Number) });
    await expectWorkspaceReplays(player);
  }, 120_000);

  it('a scenario opens recorded to its end, the final drain included, and Step at that end records a tick for the drain', async () => {
    const player = await load(counterScenario([{ call: { to: 'counter', method: 'inc' } }]));
    expect([player.round, player.end]).toEqual([0, 1]);
    player.seek(1);
    player.stepForward();
    expect(player.workspace.steps).toEqual([{ call: { to: 'counter', method: 'inc' } }, { tick: 2 }]);
    await expectWorkspaceReplays(player);
  });

  it('seeks anywhere in a long run through checkpoints to exactly what a straight play shows', async () => {
    const steps: unknown[] = [];
    for (let i = 0; i < 60; i++) steps.push({ call: { to: 'counter', method: 'inc' } }, { tick: 7 });
    const scenario = counterScenario(steps);
    const straight = await load(scenario);
    const reports = [reportAt(straight)];
    while (!straight.atEnd) {
      straight.stepForward();
      reports.push(reportAt(straight));
    }
    const player = await load(scenario, 10_000);
    expect(player.round).toBe(reports.length - 1);
    for (const round of [3, reports.length - 1, 100, 99, 0, 250, 251, 401, 200]) {
      player.seek(round);
      expect(reportAt(player), `seek(${round})`).toBe(reports[round]);
    }
  });
});

describe('ScenarioPlayer.unchangedStepsSinceAsked', () => {
  /** The first steps two arrays have in common, by identity (what the worker compared before). */
  const common = (a: readonly Step[], b: readonly Step[]) => {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  };

  it('after each action, at the end and behind it, tells how many first steps are as they were', async () => {
    const player = await load(counterScenario(Array.from({ length: 4 }, () => [{ call: { to: 'counter', method: 'inc' } }, { tick: 2 }]).flat()));
    expect(player.unchangedStepsSinceAsked(), 'after the load: all').toBe(player.workspace.steps.length);
    const actions: [string, () => void][] = [
      ['a call at the end', () => player.record({ call: { to: 'counter', method: 'inc' } })],
      ['a Step at the end', () => player.stepForward()],
      ['another Step at the end (a tick merged into)', () => player.stepForward()],
      ['a top-up at the end', () => player.record({ topUp: { canister: 'counter', cycles: '5' } })],
      ['a call behind the end (a fork)', () => { player.seek(3); player.record({ call: { to: 'counter', method: 'inc' } }); }],
      ['a Step at the new end', () => { player.seek(player.end); player.stepForward(); }],
      ['a seek back and forth', () => { player.seek(1); player.seek(player.end); }],
    ];
    for (const [name, act] of actions) {
      const before = player.workspace.steps.slice();
      act();
      const after = player.workspace.steps;
      const unchanged = player.unchangedStepsSinceAsked();
      expect(unchanged, name).toBeLessThanOrEqual(common(before, after));
      // At the end nothing is sent that need not be: all but a tick merged into.
      if (name.includes('at the end') || name.includes('seek')) expect(unchanged, name).toBe(common(before, after));
    }
    // Two actions, asked once.
    const twoBack = player.workspace.steps.slice();
    player.stepForward();
    player.record({ topUp: { canister: 'counter', cycles: '7' } });
    expect(player.unchangedStepsSinceAsked()).toBe(common(twoBack, player.workspace.steps));
    // An undone fork puts back another script: none of it is taken to be known.
    player.seek(2);
    player.record({ call: { to: 'counter', method: 'inc' } });
    expect(player.undoFork()).toBe(true);
    expect(player.unchangedStepsSinceAsked()).toBe(0);
  });

  it('at the end of the script the steps grow in place; a fork makes a new array and leaves the old one as it was', async () => {
    const player = await load(counterScenario([{ call: { to: 'counter', method: 'inc' } }, { tick: 2 }]));
    player.seek(player.end);
    const steps = player.workspace.steps;
    player.record({ call: { to: 'counter', method: 'inc' } });
    player.stepForward();
    player.stepForward();
    expect(player.workspace.steps, 'appended and merged in place').toBe(steps);
    expect(steps.map((s) => Object.keys(s)[0])).toEqual(['call', 'tick', 'call', 'tick']);
    const beforeFork = steps.slice();
    player.seek(1);
    player.record({ topUp: { canister: 'counter', cycles: '3' } });
    expect(player.workspace.steps).not.toBe(steps);
    expect(steps, 'the script set aside by the fork').toEqual(beforeFork);
    expect(player.undoFork()).toBe(true);
    expect(player.workspace.steps).toEqual(beforeFork);
  });
});

describe('[scenario/ScenarioSession] a checkpoint of a long workspace', () => {
  it('restores 200,000 step outcomes (spreading them as arguments overflowed the stack: a seek crashed the worker)', async () => {
    const started = await ScenarioSession.start(counterScenario([{ tick: 1 }]));
    if (!started.ok) throw new Error(started.error);
    expect(started.session.apply({ tick: 1 }).ok).toBe(true);
    const checkpoint = started.session.checkpoint(null)!;
    const outcomes = Array.from({ length: 200_000 }, () => checkpoint.outcomes[0]);
    const restored = started.session.restore({ ...checkpoint, outcomes, outcomeCount: 199_999 });
    expect(restored.stepCount).toBe(199_999);
    // Its own array: a step it starts is not written into the checkpoint's.
    expect(restored.start({ tick: 1 }).ok).toBe(true);
    expect(restored.stepCount).toBe(200_000);
    expect(outcomes).toHaveLength(200_000);
  });
});
