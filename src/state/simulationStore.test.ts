import { describe, expect, it } from 'vitest';
import { createSimulationStore } from './simulationStore.ts';
import type { Outcome, SubnetView } from '../worker/protocol.ts';

const view = (round: number): SubnetView => ({ round, timeNs: '0', idle: true, users: [], canisters: [], totals: { cyclesBurned: '0', instructions: '0', executions: 0 } });
const okOutcome = (round: number, kinds: string[], reset = false): Outcome => ({
  ok: true, view: view(round), events: kinds.map((kind) => ({ kind, round })), reset, steps: { count: 0, changed: [] }, step: null,
  workspace: { type: 'whole', scenario: { title: `at ${round}`, steps: [] } as never },
});

function fakeApi(outcomes: Outcome[]) {
  const next = async () => outcomes.shift() ?? { ok: false as const, error: 'no more' };
  return { load: next, apply: next, runUntilIdle: next, seek: next };
}

describe('[state/simulationStore]', () => {
  it('appends event batches and replaces them on reset', async () => {
    const api = fakeApi([okOutcome(0, ['a'], true), okOutcome(1, ['b', 'c']), okOutcome(0, ['z'], true)]);
    const store = createSimulationStore(() => api);
    await store.getState().load({} as never);
    await store.getState().step();
    expect(store.getState().events.map((e) => e.kind)).toEqual(['a', 'b', 'c']);
    expect(store.getState().maxRound).toBe(1);
    expect(store.getState().scenario).toEqual({ title: 'at 1', steps: [] });
    await store.getState().seek(0);
    expect(store.getState().events.map((e) => e.kind)).toEqual(['z']);
    expect(store.getState().maxRound).toBe(1);
  });

  it('keeps the last good view when a command fails, and shows the error', async () => {
    const api = fakeApi([okOutcome(3, [], true), { ok: false, error: 'step 0 (call): unknown canister "x"' }]);
    const store = createSimulationStore(() => api);
    await store.getState().load({} as never);
    expect(await store.getState().apply({} as never)).toBe(false);
    expect(store.getState().view?.round).toBe(3);
    expect(store.getState().scenario).toEqual({ title: 'at 3', steps: [] });
    expect(store.getState().error).toContain('unknown canister');
  });

  it('turns a crashed engine into an error value', async () => {
    const store = createSimulationStore(() => ({ ...fakeApi([]), load: async () => { throw new Error('worker died'); } }));
    expect(await store.getState().load({} as never)).toBe(false);
    expect(store.getState().error).toContain('worker died');
  });
});
