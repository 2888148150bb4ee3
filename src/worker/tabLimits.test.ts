import { describe, expect, it } from 'vitest';
import { asWritten, TAB_RUN_LIMITS, tabLimitProblem, withParamCaps } from './tabLimits.ts';
import type { Scenario } from '../scenario/scenarioTypes.ts';

const scenario = (over: Partial<Scenario>): Scenario => ({ format: 'canister-playground/scenario@1', users: ['user'], canisters: [], maxRounds: 1000, steps: [], ...over });
const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);


describe('[worker/tabLimits]', () => {
  const cases: { name: string; scenario: Scenario; problem: RegExp | null }[] = [
    { name: 'a lesson-sized workspace fits', scenario: scenario({ users: ['alice', 'bob'], steps: [{ tick: 10 }] }), problem: null },
    { name: 'users at the limit fit', scenario: scenario({ users: names(TAB_RUN_LIMITS.maxUsers, 'u') }), problem: null },
    { name: 'one user over', scenario: scenario({ users: names(TAB_RUN_LIMITS.maxUsers + 1, 'u') }), problem: /^users: 1,001 is more than a browser tab \(the headless runner takes more\) takes on \(at most 1,000/ },
    { name: 'ticks at the limit fit', scenario: scenario({ steps: [{ tick: TAB_RUN_LIMITS.maxRoundsPerRun / 2 }, { tick: TAB_RUN_LIMITS.maxRoundsPerRun / 2 }] }), problem: null },
    { name: 'a million ticks names the step', scenario: scenario({ steps: [{ tick: 5 }, { tick: 1_000_000 }] }), problem: /^step 1 \(tick\): the ticks so far add up to 1,000,005 rounds, more than a browser tab/ },
  ];
  it.each(cases)('$name', ({ scenario: s, problem }) => {
    const found = tabLimitProblem(s);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });


  const caps = { playgroundMemoryBytes: '1073741824', maxCanisters: '500' };
  it.each<{ name: string; subnet: Scenario['subnet']; played: Record<string, string> }>([
    { name: 'no params: the caps', subnet: undefined, played: caps },
    { name: 'a higher value is capped', subnet: { params: { playgroundMemoryBytes: '8589934592' } }, played: caps },
    { name: 'a lower value is kept, other params too', subnet: { preset: 'classroom' as const, params: { playgroundMemoryBytes: '1048576', maxCanisters: '3', sliceInstructions: '7' } }, played: { playgroundMemoryBytes: '1048576', maxCanisters: '3', sliceInstructions: '7' } },
  ])('caps the engine’s limits: $name; the workspace keeps what was written', ({ subnet, played }) => {
    const written = scenario({ subnet });
    const capped = withParamCaps(written, caps);
    expect(capped.subnet?.params).toEqual(played);
    expect(capped.subnet?.preset).toBe(subnet?.preset);
    expect(asWritten({ ...capped, steps: [{ tick: 1 }] }, written.subnet)).toEqual({ ...written, steps: [{ tick: 1 }] });
  });
});
