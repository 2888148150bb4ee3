/**
 * [ui/graph] collectMessages keeps its matching between calls and feeds it only the new events of a longer array:
 * the answer must be what matching the whole array from the start gives, round after round, after a reset, and
 * for a prefix asked for while scrubbing back (answered by undoing what later events changed). messagesInRounds and
 * messageParties answer from the same matching: what filtering the from-scratch answer gives.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { exampleScenario, runForUi, type UiRun } from '../../../tests/helpers/uiFixtures.ts';
import { collectMessages, messageParties, messagesInRounds, type MessageFlight } from './messageFlights.ts';
import { LESSONS } from '../../lessons/index.ts';
import type { EventView } from '../../worker/protocol.ts';

const runs: Record<string, UiRun> = {};
const NAMES = ['inter-canister', 'time-slicing', 'trap-rollback', 'freezing'];
/** Lessons whose traces have what the examples lack: deadlines passing and late replies dropped, canisters deleted. */
const LESSON_IDS = ['11-bounded-wait', '10-create-canisters', '04-inter-canister'];
beforeAll(async () => {
  for (const name of NAMES) runs[name] = await runForUi(exampleScenario(name));
  for (const id of LESSON_IDS) runs[id] = await runForUi(LESSONS.find((l) => l.id === id)!.scenario as never);
});

/**
 * From scratch: fresh event objects, so nothing cached can be resumed, matched by a second copy of the module, so the
 * matching kept by the one under test is left as it was.
 */
let fromScratch: (events: readonly EventView[]) => MessageFlight[];
beforeAll(async () => {
  vi.resetModules();
  const fresh = await import('./messageFlights.ts');
  fromScratch = (events) => structuredClone(fresh.collectMessages(events.map((e) => ({ ...e })))) as MessageFlight[];
});

describe('[ui/graph] collectMessages, incrementally', () => {
  it.each([...NAMES, ...LESSON_IDS])('%s: round by round, as the store appends, equals matching from the start', (name) => {
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

describe('[ui/graph] messages of a window of rounds, and who they name', () => {
  it.each([...NAMES, ...LESSON_IDS])('%s: for every prefix, what filtering the from-scratch messages gives', (name) => {
    const all = runs[name].events;
    const rounds = Math.max(...all.map((e) => e.round));
    expect(all.some((e) => e.kind === 'request_sent' || e.kind === 'ingress_submitted')).toBe(true);
    // The whole history first, as the app holds it, then its prefixes (the playhead moved back), longest first so that
    // each is a prefix of what is kept (an empty one would start over), and windows in them.
    collectMessages(all);
    for (let length = all.length; length >= 0; length -= 3) {
      const prefix = all.slice(0, length);
      const expected = fromScratch(prefix);
      for (let from = -1; from <= rounds + 1; from++) {
        for (const width of [0, 1, 4]) {
          const inWindow = expected.filter((f) => f.sentRound <= from + width && (f.endRound === null || f.endRound >= from));
          const where = `the first ${length} events, rounds ${from}–${from + width}`;
          expect(structuredClone(messagesInRounds(all, from, from + width, length)), where).toEqual(inWindow);
          expect(structuredClone(messagesInRounds(prefix, from, from + width)), where).toEqual(inWindow);
        }
      }
      const named: { principal: string; asUser: boolean }[] = [];
      for (const f of expected.filter((f) => f.kind === 'ingress' || f.kind === 'request')) {
        for (const [principal, asUser] of [[f.from, f.kind === 'ingress'], [f.to, false]] as const) {
          if (!named.some((n) => n.principal === principal)) named.push({ principal, asUser });
        }
      }
      const parties = messageParties(prefix);
      expect(parties.named, `the first ${length} events`).toEqual(named);
      expect([...parties.ingressSenders].sort()).toEqual([...new Set(expected.filter((f) => f.kind === 'ingress').map((f) => f.from))].sort());
    }
  });

  it('a message changed by a later event is answered as it was, and the answer given before stays as it was', () => {
    const all = runs['11-bounded-wait'].events;
    const timedOut = all.findIndex((e) => e.kind === 'call_timed_out');
    expect(timedOut).toBeGreaterThan(0);
    const before = collectMessages(all.slice(0, timedOut));
    const copy = structuredClone(before);
    const after = collectMessages(all);
    expect(structuredClone(before)).toEqual(copy);
    // Some message of the prefix changed later (its deadline passed, a late reply was dropped): undone for the prefix.
    expect(structuredClone(after.slice(0, before.length))).not.toEqual(copy);
    expect(structuredClone(before)).toEqual(fromScratch(all.slice(0, timedOut)));
  });
});
