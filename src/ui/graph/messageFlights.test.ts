/**
 * [ui/graph] collectMessages keeps its matching between calls and feeds it only the new events of a longer array:
 * the answer must be what matching the whole array from the start gives, round after round, after a reset, and
 * for a prefix asked for while scrubbing back.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { exampleScenario, runForUi, type UiRun } from '../../../tests/helpers/uiFixtures.ts';
import { collectMessages } from './messageFlights.ts';
import type { EventView } from '../../worker/protocol.ts';

const runs: Record<string, UiRun> = {};
const NAMES = ['inter-canister', 'time-slicing', 'trap-rollback', 'freezing'];
beforeAll(async () => {
  for (const name of NAMES) runs[name] = await runForUi(exampleScenario(name));
});

/**
 * From scratch: fresh event objects, so nothing cached can be resumed, matched by a second copy of the module, so the
 * matching kept by the one under test is left as it was.
 */
let fromScratch: (events: readonly EventView[]) => unknown;
beforeAll(async () => {
  vi.resetModules();
  const fresh = await import('./messageFlights.ts');
  fromScratch = (events) => structuredClone(fresh.collectMessages(events.map((e) => ({ ...e }))));
});

describe('[ui/graph] collectMessages, incrementally', () => {
  it.each(NAMES)('%s: round by round, as the store appends, equals matching from the start', (name) => {
    const all = runs[name].events;
    const rounds = Math.max(...all.map((e) => e.round));
    const upTo = (round: number) => all.filter((e) => e.round <= round);
    const expected = Array.from({ length: rounds + 1 }, (_, round) => fromScratch(upTo(round)));
    const expectedPrefix = Array.from({ length: rounds + 1 }, (_, round) => fromScratch(upTo(round - 2)));
    let events: EventView[] = [];
    for (let round = 0; round <= rounds; round++) {
      events = [...events, ...all.filter((e) => e.round === round)];
      expect(structuredClone(collectMessages(events)), `round ${round}`).toEqual(expected[round]);
      // Scrubbing back asks for a prefix (a shorter array): answered from the start, leaving the longer history's
      // matching to be resumed next round.
      if (round > 1) expect(structuredClone(collectMessages(events.filter((e) => e.round <= round - 2)))).toEqual(expectedPrefix[round]);
    }
    expect(collectMessages(events).length).toBeGreaterThan(0);
    // Every prefix of the whole history (asked twice: the graph and the timeline get the same answer).
    for (let length = 0; length <= all.length; length += 5) {
      const prefix = events.slice(0, length);
      const answer = collectMessages(prefix);
      expect(structuredClone(answer), `the first ${length} events`).toEqual(fromScratch(prefix));
      expect(collectMessages(prefix)).toBe(answer);
    }
  });

  it('a different history of the same length starts over', () => {
    const a = runs['inter-canister'].events;
    const b = runs['trap-rollback'].events;
    collectMessages(a);
    expect(structuredClone(collectMessages(b))).toEqual(fromScratch(b));
  });
});
