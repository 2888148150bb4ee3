/**
 * [lessons] The famous bugs (src/lessons/bugs): each shows its bug happening and carries an invariant — a check
 * judged at every round — that catches it: the runner reports it failed; Run until a check fails (the worker's
 * command) stops on the round it breaks in, with an event of the check's canisters to point at; the narration says
 * so. (That they are well-formed lessons whose narration matches the trace is tests/lessons.test.ts and
 * tests/lessonNarration.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../src/lessons/index.ts';
import { parseScenario } from '../src/scenario/parseScenario.ts';
import { runScenario } from '../src/scenario/runScenario.ts';
import type { CheckExpectationReport } from '../src/scenario/reportTypes.ts';
import { connectEngineApi } from './helpers/connectEngineApi.ts';

const BUGS = LESSONS.filter((l) => l.kind === 'famous-bug');

describe('[lessons] famous bugs', () => {
  it('there are at least five', () => {
    expect(BUGS.map((b) => b.id)).toEqual(['bug-01-reentrancy', 'bug-02-trap-after-await', 'bug-03-sys-unknown', 'bug-04-stop-stuck', 'bug-05-frozen-replies']);
  });
});

describe.each(BUGS.map((b) => [b.id, b] as const))('[lessons] %s', (_id, lesson) => {
  const parsed = parseScenario(JSON.stringify(lesson.scenario));
  if (!parsed.ok) throw new Error(parsed.error);
  const scenario = parsed.scenario;

  it('has an invariant judged at every round, and the runner finds it broken', async () => {
    const run = await runScenario(scenario);
    if (!run.ok) throw new Error(run.error);
    const invariants = (run.report.expectations ?? []).filter((e): e is CheckExpectationReport => 'check' in e && e.when === 'everyRound');
    expect(invariants.length).toBeGreaterThan(0);
    expect(invariants.filter((c) => !c.pass).length).toBeGreaterThan(0);
    expect(scenario.description).toMatch(/Run until a check fails/);
  });

  it('Run until a check fails stops on the round it breaks in, pointing at an event of its canisters', async () => {
    const api = connectEngineApi();
    const loaded = await api.load(scenario);
    if (!loaded.ok) throw new Error(loaded.error);
    const stopped = await api.runUntilCheckFails();
    if (!stopped.ok) throw new Error(stopped.error);
    const [failure] = stopped.checks!.failures;
    expect(failure).toBeDefined();
    expect(stopped.playhead.round).toBe(failure.round);
    expect(failure.event).not.toBeNull();
    const event = [...loaded.events, ...stopped.events][failure.event!];
    // The check names the canister whose event is pointed at.
    const name = loaded.view.canisters.find((c) => c.id === event.canister)?.name;
    expect(name).toBeDefined();
    expect(JSON.stringify(scenario.checks![failure.check])).toContain(`"${name}"`);
  });
});
