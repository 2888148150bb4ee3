/**
 * [exercises] The built-in exercises (src/lessons/exercises, docs/SCENARIO-EXTENSIONS.md "Exercises"): each one is
 * judged by expectations, fails with its starter code and is solved by its solution — through `exerciseAttempt`, as
 * the app's Check my code and the runner's --solution play it — states its task, and has hints; at least eight, in
 * WAT and Motoko. (That they are well-formed lessons, labelled, commented and idle at the end is tests/lessons.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../src/lessons/index.ts';
import { nodeMotokoCompiler } from '../src/motoko/nodeMotokoCompiler.ts';
import { parseScenario } from '../src/scenario/parseScenario.ts';
import { playScenario } from '../src/scenario/runScenario.ts';
import { exerciseAttempt, isExercise, withJudgedSteps } from '../src/scenario/exerciseAttempt.ts';
import type { ExpectationReport } from '../src/scenario/reportTypes.ts';
import type { Scenario, Source } from '../src/scenario/scenarioTypes.ts';
import { runInMemory } from './cli/runnerFixtures.ts';

const EXERCISES = LESSONS.filter((l) => l.kind === 'exercise');

async function judge(scenario: Scenario): Promise<ExpectationReport[]> {
  const played = await playScenario(scenario, { motoko: nodeMotokoCompiler() });
  if (!played.ok) throw new Error(played.error);
  return played.session.expectations();
}

describe('[exercises] the list', () => {
  it('has at least eight, in both tracks', () => {
    expect(EXERCISES.length).toBeGreaterThanOrEqual(8);
    expect(new Set(EXERCISES.map((e) => e.track))).toEqual(new Set(['wat', 'motoko']));
  });
});

describe.each(EXERCISES.map((e) => [e.id, e] as const))('[exercises] %s', (_id, lesson) => {
  const parsed = parseScenario(JSON.stringify(lesson.scenario));
  if (!parsed.ok) throw new Error(parsed.error);
  const scenario = withJudgedSteps(parsed.scenario);
  if (!isExercise(scenario)) throw new Error(`${lesson.id} has no "exercise"`);
  const { exercise } = scenario;
  const starter = scenario.canisters.find((c) => c.name === exercise.canister)!.source;

  it('states its task: the canister to write, Check my code, and hints to reveal', () => {
    expect(scenario.title).toMatch(/^Exercise/);
    expect(scenario.description).toMatch(/Check my code/);
    expect(scenario.description).toMatch(/Code/);
    expect(exercise.hints?.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(exercise.solution!)).toEqual([lesson.track]);
    expect(exercise.solution).not.toEqual(starter);
  });

  it('fails with the starter code, in words', async () => {
    const verdict = await judge(exerciseAttempt(scenario, starter as Source));
    expect(verdict.length).toBeGreaterThan(0);
    const failed = verdict.filter((e) => !e.pass);
    expect(failed.length).toBeGreaterThan(0);
    for (const entry of failed) expect(entry.seen.length).toBeGreaterThan(0);
  }, 120_000);

  it('is solved by its solution: every expectation and check holds', async () => {
    const verdict = await judge(exerciseAttempt(scenario, exercise.solution!));
    expect(verdict.filter((e) => !e.pass)).toEqual([]);
  }, 120_000);
});

describe('[exercises] an attempt', () => {
  const exercise = LESSONS.find((l) => l.id === 'ex-03-reentrancy')!;
  const parsed = parseScenario(JSON.stringify(exercise.scenario));
  if (!parsed.ok || !isExercise(parsed.scenario)) throw new Error('ex-03 does not parse');
  const scenario = withJudgedSteps(parsed.scenario) as typeof parsed.scenario;

  it('is judged with the steps the exercise was opened with, whatever the workspace did since', async () => {
    const tinkered = { ...scenario, steps: [{ tick: 1 }] };
    const judged = exerciseAttempt(tinkered, scenario.exercise.solution!);
    expect(judged.steps).toEqual(parsed.scenario.steps);
    expect(judged.canisters.find((c) => c.name === 'bank')!.source).toEqual(scenario.exercise.solution);
    expect(judged.canisters.find((c) => c.name === 'ledger')).toEqual(scenario.canisters.find((c) => c.name === 'ledger'));
  });

  it('with code that does not compile, is refused with the place', async () => {
    const played = await playScenario(exerciseAttempt(scenario, { wat: '(module (func $oops' }));
    expect(played.ok).toBe(false);
    expect(!played.ok && played.error).toMatch(/^canister "bank": /);
  });
});

describe('[exercises] an upgrade step of the exercise installs the learner\'s code too', () => {
  it('ex-01: the set-up and the upgrade both get it', () => {
    const lesson = LESSONS.find((l) => l.id === 'ex-01-stable-counter')!;
    const parsed = parseScenario(JSON.stringify(lesson.scenario));
    if (!parsed.ok || !isExercise(parsed.scenario)) throw new Error('ex-01 does not parse');
    const code = { wat: ';; mine\n(module)' };
    const judged = exerciseAttempt(parsed.scenario, code);
    const upgrades = judged.steps.filter((s) => 'manage' in s && s.manage.method === 'install_code');
    expect(upgrades.length).toBeGreaterThan(0);
    for (const step of upgrades) expect('manage' in step && step.manage.method === 'install_code' && step.manage.source).toEqual(code);
    expect(judged.canisters.find((c) => c.name === parsed.scenario.exercise!.canister)!.source).toEqual(code);
  });
});

describe('[exercises] refused when the scenario is read', () => {
  const base = {
    format: 'canister-playground/scenario@1',
    canisters: [{ name: 'counter', source: { wat: '(module)' } }, { name: 'binary', source: { wasm: 'AGFzbQEAAAA=' } }],
    steps: [{ query: { to: 'counter', method: 'get', expect: { status: 'replied' } } }],
  };
  it.each([
    [{ canister: 'nobody' }, 'exercise: "canister" must name a canister of "canisters" (the starter code\'s), not "nobody"'],
    [{ canister: 'binary' }, 'exercise: canister "binary" must have WAT or Motoko source (the starter code the learner edits), not a Wasm module'],
    [{ canister: 'counter', solution: { wasm: 'AGFzbQEAAAA=' } }, 'exercise: "solution" must be WAT or Motoko source, not a Wasm module'],
    [{ canister: 'counter', hints: 'one' }, 'exercise: "hints" must be a list of hints (Markdown text)'],
    [{ canister: 'counter', steps: [{ tick: 1 }] }, 'exercise: nothing judges it: give a step an "expect", or the scenario "checks"'],
    [{ canister: 'counter', steps: [{ call: { to: 'nobody', method: 'x' } }] }, 'exercise: step 0 (call): unknown canister "nobody" (canisters: counter, binary)'],
    ['counter', 'exercise: must be an object such as {"canister": "counter", "hints": ["…"], "solution": {"wat": "…"}}'],
  ])('%j', (exercise, error) => {
    expect(parseScenario(JSON.stringify({ ...base, exercise }))).toEqual({ ok: false, error });
  });

  it('with no step expecting anything and no checks', () => {
    expect(parseScenario(JSON.stringify({ ...base, steps: [], exercise: { canister: 'counter' } })))
      .toEqual({ ok: false, error: 'exercise: nothing judges it: give a step an "expect", or the scenario "checks"' });
    expect(parseScenario(JSON.stringify({ ...base, steps: [], checks: [{ noTrap: { canister: 'counter' } }], exercise: { canister: 'counter' } })).ok).toBe(true);
  });
});

describe('[cli] run --solution', () => {
  const document = JSON.stringify(LESSONS.find((l) => l.id === 'ex-03-reentrancy')!.scenario);

  it('plays the exercise with its solution: exit 0, every line PASS; without it, the starter: exit 3', async () => {
    const solved = await runInMemory(['run', '--check', '--solution', '-'], document);
    expect([solved.code, solved.stdout.trim().split('\n').at(-1)]).toEqual([0, '9 expectations, all held']);
    expect(solved.stdout).not.toContain('FAIL');
    const starter = await runInMemory(['run', '--check', '-'], document);
    expect([starter.code, starter.stdout.trim().split('\n').at(-1)]).toEqual([3, '9 expectations, 4 failed']);
  });

  it('refuses a scenario that is not an exercise, or has no solution (exit 2)', async () => {
    const plain = await runInMemory(['run', '--solution', '-'], JSON.stringify({ format: 'canister-playground/scenario@1', canisters: [], steps: [] }));
    expect([plain.code, plain.stdout, plain.stderr]).toEqual([2, '', '--solution: the scenario is not an exercise (it has no "exercise")\n']);
    const unsolved = JSON.parse(document);
    delete unsolved.exercise.solution;
    const none = await runInMemory(['run', '--solution', '-'], JSON.stringify(unsolved));
    expect([none.code, none.stderr]).toEqual([2, '--solution: the exercise has no "solution"\n']);
  });
});
