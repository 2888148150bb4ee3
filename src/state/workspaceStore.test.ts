import { describe, expect, it } from 'vitest';
import { createWorkspaceStore } from './workspaceStore.ts';
import { createSimulationStore } from './simulationStore.ts';
import type { Outcome } from '../worker/protocol.ts';

const outcome: Outcome = {
  ok: true, view: { round: 0, timeNs: '0', idle: true, users: [], canisters: [], queueCapacity: '500', totals: { cyclesBurned: '0', instructions: '0', executions: 0 } },
  events: [], keepEvents: 0, eventCount: 0, steps: { count: 0, keep: 0, changed: [] }, step: null,
  workspace: { type: 'whole', scenario: { steps: [] } as never }, playhead: { round: 0, end: 0, atEnd: true, canUndoFork: false }, setAside: 0, limitReached: null, checks: null,
};

function stores(loads: boolean[]) {
  const next = async (): Promise<Outcome> => (loads.shift() ? outcome : { ok: false, error: 'does not load' });
  const simulation = createSimulationStore(() => ({ load: next, apply: next, step: next, runUntilIdle: next, runUntilCheckFails: next, checkExercise: async () => ({ ok: false as const, error: 'no engine' }), exportIcpProject: async () => ({ ok: false as const, error: 'no engine' }), seek: next, undoFork: next, checkCompiledWat: async () => 0, compiledWat: async () => [] }));
  let ids = 0;
  return createWorkspaceStore({ simulation, newId: () => `w${++ids}` });
}

describe('[state/workspaceStore]', () => {
  it('opening another workspace resets what belonged to the last one: drafts, selection, per-workspace forms, the event filter', async () => {
    const ws = stores([true, true]);
    await ws.getState().open({ title: 'one' } as never);
    ws.getState().setDraft('counter', ';; edited');
    ws.getState().select({ type: 'canister', id: 'counter' });
    ws.getState().setEventFilter({ canister: 'rwlgt-iiaaa-aaaaa-aaaaa-cai', group: 'cycles' });
    expect(ws.getState().eventFilter).toEqual({ scope: 'round', canister: 'rwlgt-iiaaa-aaaaa-aaaaa-cai', group: 'cycles' });
    const first = ws.getState();
    expect(first).toMatchObject({ id: 'w1', generation: 1, drafts: { counter: ';; edited' } });
    await ws.getState().open({ title: 'two' } as never, { drafts: { other: 'x' } });
    expect(ws.getState()).toMatchObject({ id: 'w2', generation: 2, drafts: { other: 'x' }, selection: null, opened: { title: 'two' } });
    expect(ws.getState().eventFilter).toEqual({ scope: 'round', canister: null, group: 'all' });
  });

  it('a new file is a draft open in the editor until a canister is selected; opening a workspace closes it', async () => {
    const ws = stores([true, true]);
    await ws.getState().open({ title: 'one', description: 'a lesson' } as never);
    ws.getState().createFile('hello', '(module)');
    expect(ws.getState()).toMatchObject({ newFile: 'hello', pane: 'code', drafts: { hello: '(module)' } });
    ws.getState().select({ type: 'canister', id: 'counter' });
    expect(ws.getState().newFile).toBeNull();
    ws.getState().openFile('hello');
    expect(ws.getState().newFile).toBe('hello');
    ws.getState().select({ type: 'event', id: 'e' }); // inspecting an event keeps the file open
    expect(ws.getState().newFile).toBe('hello');
    await ws.getState().open({ title: 'two' } as never);
    expect(ws.getState().newFile).toBeNull();
  });

  it('a workspace that does not load leaves the open one as it was', async () => {
    const ws = stores([true, false]);
    await ws.getState().open({ title: 'one' } as never, { id: 'mine' });
    ws.getState().setDraft('a', 'b');
    expect(await ws.getState().open({ title: 'bad' } as never)).toBe(false);
    expect(ws.getState()).toMatchObject({ id: 'mine', generation: 1, drafts: { a: 'b' }, opened: { title: 'one' } });
  });

  it('an exercise opens on its canister with its judged steps written down; hints and the verdict are reset with the workspace', async () => {
    const ws = stores([true, true]);
    const steps = [{ query: { to: 'bank', method: 'balance', expect: { status: 'replied' } } }];
    await ws.getState().open({ title: 'ex', steps, exercise: { canister: 'bank', hints: ['a', 'b'] } } as never);
    expect(ws.getState().selection).toEqual({ type: 'canister', id: 'bank' });
    expect(ws.getState().opened?.exercise?.steps).toEqual(steps);
    ws.getState().showHint();
    await ws.getState().checkExercise('(module)', { steps } as never);
    expect(ws.getState().exercise).toEqual({ hintsShown: 1, checking: false, verdict: { code: '(module)', result: { ok: false, error: 'no engine' } } });
    await ws.getState().open({ title: 'two', steps: [] } as never);
    expect(ws.getState().exercise).toEqual({ hintsShown: 0, checking: false, verdict: null });
    expect(ws.getState().selection).toBeNull();
  });
});
