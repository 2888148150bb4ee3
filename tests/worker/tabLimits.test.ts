/**
 * [worker] Issue 17 item 6: a workspace over a browser tab's limits (a link asking for 1,000,000 ticks, thousands
 * of users) is refused by the engine worker with a message naming the place, before it records anything, and the
 * workspace that was open stays open and playable. Over a real MessageChannel with Comlink, as in the browser.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario/scenarioTypes.ts';
import { TAB_RUN_LIMITS } from '../../src/worker/tabLimits.ts';
import { connectEngineApi } from '../helpers/connectEngineApi.ts';

const connect = () => connectEngineApi();

const scenario = (over: Partial<Scenario>): Scenario => ({ format: 'canister-playground/scenario@1', title: 'mine', users: ['user'], canisters: [], maxRounds: 1000, steps: [{ tick: 3 }], ...over });

describe('[worker] a tab’s limits', () => {
  const cases: { name: string; incoming: Scenario; says: string }[] = [
    { name: 'a million ticks', incoming: scenario({ title: 'link', steps: [{ tick: 1_000_000 }] }), says: 'step 0 (tick): the ticks so far add up to 1,000,000 rounds, more than a browser tab (the headless runner takes more) plays' },
    { name: 'fifteen thousand users', incoming: scenario({ title: 'link', users: Array.from({ length: 15_000 }, (_, i) => `u${i}`) }), says: 'users: 15,000 is more than a browser tab (the headless runner takes more) takes on' },
  ];
  it.each(cases)('$name: refused with a message, the open workspace kept', async ({ incoming, says }) => {
    const api = connect();
    const mine = await api.load(scenario({}));
    expect(mine.ok).toBe(true);
    const refused = await api.load(incoming);
    expect(refused).toEqual({ ok: false, error: expect.stringContaining(says) });
    expect((await api.scenario()).title).toBe('mine');
    const stepped = await api.step();
    expect(stepped.ok && stepped.playhead.round).toBe(1);
  });
});

describe('[worker] a workspace that reaches the tab’s run limits while it is played', () => {
  it('a step at the round limit runs no round, and the outcome says why; a step back clears it', async () => {
    const api = connect();
    const ticks = TAB_RUN_LIMITS.maxRoundsPerRun - 1;
    const loaded = await api.load(scenario({ steps: [{ tick: ticks }] }), ticks);
    expect(loaded.ok && [loaded.playhead.round, loaded.limitReached]).toEqual([ticks, null]);
    const last = await api.step();
    expect(last.ok && [last.playhead.round, last.limitReached]).toEqual([ticks + 1, null]);
    const over = await api.step();
    expect(over.ok && over.playhead.round).toBe(ticks + 1);
    expect(over.ok && over.limitReached).toContain(`the run stopped after 100,000 rounds, the most a browser tab (the headless runner takes more) plays in one scenario`);
    const back = await api.seek(10);
    expect(back.ok && back.limitReached).toBeNull();
  });
});
