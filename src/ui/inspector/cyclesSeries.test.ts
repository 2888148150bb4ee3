import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LESSONS } from '../../lessons/index.ts';
import { runForUi, type UiRun } from '../../../tests/helpers/uiFixtures.ts';
import type { EventView } from '../../worker/protocol.ts';
import { cyclesSeries } from './cyclesSeries.ts';

const finished = (round: number, balances: [string, bigint, bigint][]): EventView =>
  ({ kind: 'round_finished', round, balances: balances.map(([canister, cycles, limit]) => ({ canister, cycles: String(cycles), freezingLimit: String(limit) })) });

describe('[ui/inspector] cyclesSeries', () => {
  it.each<{ name: string; events: EventView[]; canister: string; points: [number, bigint, bigint | null][] }>([
    {
      name: 'one point per finished round',
      events: [{ kind: 'round_started', round: 1 }, finished(1, [['a', 100n, 10n], ['b', 7n, 0n]]), { kind: 'round_started', round: 2 }, finished(2, [['a', 90n, 10n]])],
      canister: 'a',
      points: [[1, 100n, 10n], [2, 90n, 10n]],
    },
    {
      name: 'the set-up is round 0, without a freezing limit',
      events: [
        { kind: 'canister_created', round: 0, canister: 'a', cycles: '1000', controllers: [] },
        { kind: 'cycles_charged', round: 0, canister: 'a', charge: 'install_code', amount: '300' },
        { kind: 'cycles_refunded', round: 0, canister: 'a', charge: 'install_code', amount: '200' },
        { kind: 'round_started', round: 1 }, finished(1, [['a', 850n, 5n]]),
      ],
      canister: 'a',
      points: [[0, 900n, null], [1, 850n, 5n]],
    },
    {
      name: 'what happens after a round finished is that round\'s (a top-up, storage for skipped time)',
      events: [
        { kind: 'round_started', round: 1 }, finished(1, [['a', 1000n, 5n]]),
        { kind: 'cycles_topped_up', round: 1, canister: 'a', amount: '500' },
        { kind: 'cycles_charged', round: 1, canister: 'a', charge: 'storage', amount: '200' },
        { kind: 'round_started', round: 2 }, finished(2, [['a', 1300n, 5n]]),
      ],
      canister: 'a',
      points: [[1, 1300n, 5n], [2, 1300n, 5n]],
    },
    {
      name: 'a round the playhead is inside of has no point yet; a deleted canister none after',
      events: [{ kind: 'round_started', round: 1 }, finished(1, [['a', 1000n, 5n]]), { kind: 'round_started', round: 2 }, finished(2, []), { kind: 'round_started', round: 3 }],
      canister: 'a',
      points: [[1, 1000n, 5n]],
    },
  ])('$name', ({ events, canister, points }) => {
    expect(cyclesSeries(events, canister)).toEqual(points.map(([round, cycles, freezingLimit]) => ({ round, cycles, freezingLimit })));
  });
});

describe('[ui/inspector] cyclesSeries of a shorter trace, answered from a longer one', () => {
  const IDS = ['05-cycles', '06-freezing', '10-create-canisters'];
  const runs: Record<string, UiRun> = {};
  let fromScratch: typeof cyclesSeries;
  beforeAll(async () => {
    for (const id of IDS) runs[id] = await runForUi(LESSONS.find((l) => l.id === id)!.scenario as never);
    // A second copy of the module, fed fresh event objects: nothing kept by the one under test is used or disturbed.
    vi.resetModules();
    const fresh = await import('./cyclesSeries.ts');
    fromScratch = (events, canister) => fresh.cyclesSeries(events.map((e) => ({ ...e })), canister);
  });

  it.each(IDS)('%s: every canister, every prefix, as from the start', (id) => {
    const { events, view } = runs[id];
    for (const canister of view.canisters) {
      expect(cyclesSeries(events, canister.id).length).toBeGreaterThan(0);
      // Longest first: each is then a prefix of the whole trace scanned above.
      for (let length = events.length; length >= 0; length--) {
        const prefix = events.slice(0, length);
        expect(cyclesSeries(prefix, canister.id), `${canister.name}, the first ${length} events`).toEqual(fromScratch(prefix, canister.id));
      }
    }
  });
});
