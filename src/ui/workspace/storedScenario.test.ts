import { describe, expect, it } from 'vitest';
import type { Scenario, Step } from '../../scenario/scenarioTypes.ts';
import { createScenarioWriter, joinStoredScenario, STEPS_PER_CHUNK } from './storedScenario.ts';

const call: Step = { call: { to: 'c', method: 'inc', arg: { text: 'a "quoted", \\ text' } } } as Step;
const scenario = (steps: Step[], extra: object = {}): Scenario =>
  ({ format: 'canister-playground/scenario@1', title: '"steps":[] x', canisters: [{ name: 'c', source: { wat: '(module)' } }], ...extra, steps } as unknown as Scenario);
const ticks = (n: number): Step[] => Array.from({ length: n }, (_, i) => ({ tick: i + 1 }));

/** What a store holding every write so far gives back as JSON. */
function stored() {
  const write = createScenarioWriter();
  let head = '';
  let chunks: string[] = [];
  let before: Scenario | null = null;
  return (s: Scenario) => {
    const w = write(s, before);
    if (w.head !== null) head = w.head;
    chunks = chunks.slice(0, w.chunkCount);
    for (const [index, json] of w.chunks) chunks[index] = json;
    before = s;
    return { write: w, json: joinStoredScenario(head, chunks) };
  };
}

describe('[ui/workspace] storedScenario', () => {
  it.each([
    ['no steps', scenario([])],
    ['steps of every shape', scenario([call, { tick: 3 }, { query: { to: 'c', method: 'get' } } as Step])],
    ['keys after steps', scenario([{ tick: 1 }], { subnet: { preset: 'classroom' } })],
    ['several chunks', scenario(ticks(STEPS_PER_CHUNK * 2 + 5))],
    ['exactly one chunk', scenario(ticks(STEPS_PER_CHUNK))],
  ])('joins back to the scenario: %s', (_name, s) => {
    expect(JSON.parse(stored()(s).json)).toEqual(JSON.parse(JSON.stringify(s)));
  });

  it('an object with only steps', () => {
    expect(joinStoredScenario('{}', ['{"tick":1}'])).toBe('{"steps":[{"tick":1}]}');
  });

  it('writes only what changed: a step appended or merged at the end, a fork, a new head', () => {
    const save = stored();
    const steps = ticks(STEPS_PER_CHUNK * 2 + 10);
    const first = scenario(steps);
    expect(save(first).write.chunks.map(([i]) => i), 'all at first').toEqual([0, 1, 2]);
    const appended = { ...first, steps: [...steps, call] };
    const a = save(appended);
    expect([a.write.head, a.write.chunks.map(([i]) => i)], 'appended: the last chunk').toEqual([null, [2]]);
    const merged = { ...appended, steps: [...steps, { tick: 9 }] };
    expect(save(merged).write.chunks.map(([i]) => i), 'the last step replaced').toEqual([2]);
    const forked = { ...merged, steps: [...steps.slice(0, 100), call] };
    const f = save(forked);
    expect([f.write.chunks.map(([i]) => i), f.write.chunkCount], 'cut in the first chunk: the rest deleted').toEqual([[0], 1]);
    expect(JSON.parse(f.json)).toEqual(JSON.parse(JSON.stringify(forked)));
    const retitled = { ...forked, title: 'New' };
    const r = save(retitled);
    expect([r.write.head !== null, r.write.chunks]).toEqual([true, []]);
    expect(JSON.parse(r.json)).toEqual(JSON.parse(JSON.stringify(retitled)));
    // Unchanged: nothing.
    expect(save({ ...retitled }).write).toEqual({ head: null, chunks: [], chunkCount: 1 });
  });

  it('serialises each step once', () => {
    const write = createScenarioWriter();
    let reads = 0;
    const counted = new Proxy({ tick: 1 }, { get: (target, key) => { if (key === 'tick') reads++; return Reflect.get(target, key); } }) as Step;
    write(scenario([call, counted]), null);
    const read = reads;
    write(scenario([call, counted, { tick: 2 }]), null);
    expect(reads, 'written whole again (no scenario before), the step is not read again').toBe(read);
  });
});
