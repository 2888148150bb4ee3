import { describe, expect, it } from 'vitest';
import { createSimulationStore, eventsAtMoment } from './simulationStore.ts';
import type { Outcome, SubnetView } from '../worker/protocol.ts';

const view = (round: number): SubnetView => ({ round, timeNs: '0', idle: true, users: [], canisters: [], queueCapacity: '500', totals: { cyclesBurned: '0', instructions: '0', executions: 0 } });
const okOutcome = (round: number, kinds: string[], keepEvents = 0, setAside = 0, eventCount = keepEvents + kinds.length): Outcome => ({
  ok: true, view: view(round), events: kinds.map((kind) => ({ kind, round })), keepEvents, eventCount, steps: { count: 0, keep: 0, changed: [] }, step: null,
  workspace: { type: 'whole', scenario: { title: `at ${round}`, steps: [] } as never },
  playhead: { round, end: Math.max(round, 1), atEnd: false, canUndoFork: setAside > 0 }, setAside, limitReached: null, checks: null,
});

function fakeApi(outcomes: Outcome[]) {
  const next = async () => outcomes.shift() ?? { ok: false as const, error: 'no more' };
  return { load: next, apply: next, step: next, runUntilIdle: next, runUntilCheckFails: next, checkExercise: async () => ({ ok: false as const, error: 'no engine' }), exportIcpProject: async () => ({ ok: false as const, error: 'no engine' }), seek: next, undoFork: next, checkCompiledWat: async () => 0, compiledWat: async () => [] };
}

describe('[state/simulationStore]', () => {
  it('keeps the recorded events, appends new ones, and shows those up to the playhead', async () => {
    const api = fakeApi([
      okOutcome(0, ['a']), okOutcome(1, ['b', 'c'], 1), okOutcome(0, [], 3, 0, 1), okOutcome(1, [], 3, 0, 2), okOutcome(1, ['q'], 2),
    ]);
    const store = createSimulationStore(() => api);
    await store.getState().load({} as never);
    await store.getState().step();
    expect(store.getState().events.map((e) => e.kind)).toEqual(['a', 'b', 'c']);
    expect(store.getState().playhead).toMatchObject({ round: 1, end: 1 });
    expect(store.getState().scenario).toEqual({ title: 'at 1', steps: [] });
    await store.getState().seek(0);
    expect(store.getState().events.map((e) => e.kind)).toEqual(['a']);
    expect(store.getState().recordedEvents.map((e) => e.kind), 'a seek keeps what was recorded').toEqual(['a', 'b', 'c']);
    await store.getState().step();
    expect(store.getState().events.map((e) => e.kind)).toEqual(['a', 'b']);
    // A new action at the playhead: what was recorded after it goes.
    await store.getState().apply({} as never);
    expect(store.getState().recordedEvents.map((e) => e.kind)).toEqual(['a', 'b', 'q']);
    expect(store.getState().events.map((e) => e.kind)).toEqual(['a', 'b', 'q']);
  });

  it('a fork shows its notice until dismissed; undoing it turns the notice into a redo', async () => {
    const api = fakeApi([okOutcome(0, ['a']), okOutcome(0, ['q'], 1, 4), okOutcome(0, ['a'], 0, 4)]);
    const store = createSimulationStore(() => api);
    await store.getState().load({} as never);
    await store.getState().apply({} as never);
    expect(store.getState().fork).toEqual({ setAside: 4, undone: false });
    await store.getState().undoFork();
    expect(store.getState().fork).toEqual({ setAside: 4, undone: true });
    store.getState().dismissFork();
    expect(store.getState().fork).toBeNull();
  });

  it('moves through the events of the playhead\'s round one moment at a time; a move of the playhead ends it', async () => {
    const api = fakeApi([okOutcome(1, ['a', 'b', 'c']), okOutcome(2, ['d'], 3)]);
    const store = createSimulationStore(() => api);
    await store.getState().load({} as never);
    const shown = () => { const s = store.getState(); return eventsAtMoment(s.events, s.playhead.round, s.moment).map((e) => e.kind); };
    expect(shown()).toEqual(['a', 'b', 'c']);
    store.getState().moveMoment(-1);
    expect([store.getState().moment, shown()]).toEqual([2, ['a', 'b']]);
    for (let i = 0; i < 5; i++) store.getState().moveMoment(-1);
    expect([store.getState().moment, shown()]).toEqual([0, []]);
    store.getState().moveMoment(1);
    expect(shown()).toEqual(['a']);
    store.getState().moveMoment(1);
    store.getState().moveMoment(1);
    expect(store.getState().moment, 'past the last event: the whole round').toBeNull();
    store.getState().moveMoment(-1);
    await store.getState().step();
    expect(store.getState().moment).toBeNull();
  });

  it('keeps the last good view when a command fails, and shows the error', async () => {
    const api = fakeApi([okOutcome(3, []), { ok: false, error: 'step 0 (call): unknown canister "x"' }]);
    const store = createSimulationStore(() => api);
    await store.getState().load({} as never);
    expect(await store.getState().apply({} as never)).toBe(false);
    expect(store.getState().view?.round).toBe(3);
    expect(store.getState().scenario).toEqual({ title: 'at 3', steps: [] });
    expect(store.getState().error).toContain('unknown canister');
  });

  it('stop: only while busy; it pauses playback, ends the engine, and the command it fails says a new engine is replaying', async () => {
    let fail: (error: Error) => void = () => undefined;
    const stops: string[] = [];
    const api = { ...fakeApi([]), step: () => new Promise<Outcome>((_, reject) => { fail = reject; }) };
    const store = createSimulationStore(() => api, () => { stops.push('stopped'); fail(new Error('you stopped it')); });
    store.getState().stop();
    expect(stops).toEqual([]); // idle: nothing to stop
    store.getState().setPlaying(true);
    const stepping = store.getState().step();
    await Promise.resolve();
    expect(store.getState().busy).toBe(true);
    expect(store.getState().busySince).not.toBeNull();
    store.getState().stop();
    expect(await stepping).toBe(false);
    expect(stops).toEqual(['stopped']);
    expect(store.getState()).toMatchObject({ playing: false, busy: false, busySince: null, error: 'Stopped. A new engine is replaying your workspace…' });
  });

  it('seeks asked while one waits for its turn only move its target: a drag computes the latest position, not each one', async () => {
    const asked: number[] = [];
    const api = { ...fakeApi([]), seek: async (round: number) => { asked.push(round); await new Promise((r) => setTimeout(r, 5)); return okOutcome(round, []); } };
    const store = createSimulationStore(() => api);
    // The first three are asked before any has started: one seek, to 3.
    const first = [1, 2, 3].map((r) => store.getState().seek(r));
    await new Promise((r) => setTimeout(r, 1));
    expect(asked).toEqual([3]);
    // While that one runs, four more wait: one seek, to the last of them.
    const second = [4, 5, 6, 7].map((r) => store.getState().seek(r));
    expect(await Promise.all([...first, ...second])).toEqual(Array(7).fill(true));
    expect(asked).toEqual([3, 7]);
    expect(store.getState().playhead.round).toBe(7);
    // A seek after those have run is computed on its own.
    await store.getState().seek(2);
    expect(asked).toEqual([3, 7, 2]);
  });

  it('turns a crashed engine into an error value', async () => {
    const store = createSimulationStore(() => ({ ...fakeApi([]), load: async () => { throw new Error('worker died'); } }));
    expect(await store.getState().load({} as never)).toBe(false);
    expect(store.getState().error).toContain('worker died');
  });

  it.each([
    { differing: 0, reloads: [] as number[] },
    { differing: 1, reloads: [2] },
  ])('opens the workspace again from its sources at the same round when $differing given modules differ', async ({ differing, reloads }) => {
    const loads: { round: number | undefined; compiled: unknown }[] = [];
    const api = { ...fakeApi([]), load: async (_s: unknown, round?: number, compiled?: unknown) => {
      loads.push({ round, compiled });
      return okOutcome(round ?? 0, []);
    }, checkCompiledWat: async () => differing };
    const store = createSimulationStore(() => api);
    await store.getState().load({} as never, 2, ['seed' as never]);
    expect(await store.getState().checkCompiledWat()).toBe(differing > 0);
    expect(loads.slice(1).map((l) => l.round)).toEqual(reloads);
    // The second load has no modules: the sources are compiled.
    for (const load of loads.slice(1)) expect(load.compiled).toEqual([]);
  });
});
