import { describe, expect, it } from 'vitest';
import type { Scenario, Step } from '../../scenario/scenarioTypes.ts';
import { createScenarioJson } from './scenarioJson.ts';

const call: Step = { call: { to: 'c', method: 'inc', arg: { text: 'a "quoted", \\ text' } } } as Step;
const scenario = (steps: Step[], extra: object = {}): Scenario =>
  ({ format: 'canister-playground/scenario@1', title: 'steps: [] "x"', canisters: [{ name: 'c', source: { wat: '(module)' } }], ...extra, steps } as unknown as Scenario);

describe('[ui/workspace] scenarioJson', () => {
  it.each([
    ['no steps', scenario([])],
    ['steps of every shape', scenario([call, { tick: 3 }, { query: { to: 'c', method: 'get' } } as Step])],
    ['keys after steps', scenario([{ tick: 1 }], { subnet: { preset: 'classroom' } })],
  ])('parses to the scenario: %s', (_name, s) => {
    expect(JSON.parse(createScenarioJson()(s))).toEqual(JSON.parse(JSON.stringify(s)));
  });

  it('an object with only steps', () => {
    expect(createScenarioJson()({ steps: [{ tick: 1 }] } as unknown as Scenario)).toBe('{"steps":[{"tick":1}]}');
  });

  it('serialises each step once, however many workspaces it is in', () => {
    const json = createScenarioJson();
    const tick: Step = { tick: 1 };
    let reads = 0;
    const counted = new Proxy(tick, { get: (target, key) => { if (key === 'tick') reads++; return Reflect.get(target, key); } }) as Step;
    const first = scenario([call, counted]);
    json(first);
    const read = reads;
    expect(read).toBeGreaterThan(0);
    json(scenario([call, counted, { tick: 2 }]));
    expect(reads, 'the step kept from before is not read again').toBe(read);
  });
});
