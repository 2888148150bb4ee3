/**
 * [ui/timeline] toTimeline over real traces (the shipped examples run through the engine), and the pixel
 * geometry it is drawn with.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eventsUpTo, exampleScenario, runForUi, type UiRun } from '../../../tests/helpers/uiFixtures.ts';
import { LESSONS } from '../../lessons/index.ts';
import { callerCalleePair } from '../../../tests/helpers/callerCanister.ts';
import { CELL, executionBox, laneBands, roundAt, ROW } from './timelineGeometry.ts';
import { toTimeline, USERS_LANE, type TimelineData, type TimelineExecution } from './toTimeline.ts';

const runs: Record<string, UiRun> = {};
const data: Record<string, TimelineData> = {};
beforeAll(async () => {
  for (const name of ['inter-canister', 'time-slicing', 'trap-rollback', 'freezing']) {
    runs[name] = await runForUi(exampleScenario(name));
    data[name] = toTimeline(runs[name].view, runs[name].events);
  }
});

function execution(name: string, entryPoint: string, nth = 0): TimelineExecution {
  const found = data[name].executions.filter((e) => e.entryPoint === entryPoint)[nth];
  if (!found) throw new Error(`no execution ${entryPoint} #${nth} in ${name}`);
  return found;
}

describe('[ui/timeline] lanes and rounds', () => {
  it('has a users lane, an ic lane and one lane per canister, and a column per round', () => {
    const t = data['inter-canister'];
    expect(t.lanes.map((l) => l.name)).toEqual(['users', 'ic', 'caller', 'callee']);
    expect(t.lanes.map((l) => l.id)).toEqual([USERS_LANE, 'aaaaa-aa', runs['inter-canister'].id('caller'), runs['inter-canister'].id('callee')]);
    expect(t.rounds).toBe(runs['inter-canister'].report.rounds + 1);
  });

  it('is pure: the same input gives equal data', () => {
    const run = runs['inter-canister'];
    expect(toTimeline(run.view, run.events)).toEqual(data['inter-canister']);
  });
});

describe('[ui/timeline] round by round', () => {
  it.each(['inter-canister', 'time-slicing', 'trap-rollback', 'freezing'])('%s: appended arrays give what the whole array gives, scrubbing back too', (name) => {
    const run = runs[name];
    const rounds = Math.max(...run.events.map((e) => e.round));
    // Expected first, from fresh event objects (so nothing kept can be resumed), then the appended arrays in order.
    const fresh = (round: number) => toTimeline(run.view, run.events.filter((e) => e.round <= round).map((e) => ({ ...e })));
    const expected = Array.from({ length: rounds + 1 }, (_, round) => fresh(round));
    const expectedBack = Array.from({ length: rounds + 1 }, (_, round) => fresh(round - 2));
    let events: typeof run.events = [];
    for (let round = 0; round <= rounds; round++) {
      events = [...events, ...run.events.filter((e) => e.round === round)];
      expect(toTimeline(run.view, events), `round ${round}`).toEqual(expected[round]);
      if (round > 1) expect(toTimeline(run.view, events.filter((e) => e.round <= round - 2))).toEqual(expectedBack[round]);
    }
  });
});

describe('[ui/timeline] a shorter trace answered from a longer one', () => {
  /** Traces with sliced messages still running, deadlines passing, canisters created and deleted, snapshots. */
  const LESSON_IDS = ['07-time-slicing', '11-bounded-wait', '10-create-canisters', '12-snapshots'];
  let fromScratch: typeof toTimeline;
  beforeAll(async () => {
    for (const id of LESSON_IDS) runs[id] = await runForUi(LESSONS.find((l) => l.id === id)!.scenario as never);
    // A second copy of the modules, fed fresh event objects: nothing the copy under test keeps is used or disturbed.
    vi.resetModules();
    const fresh = await import('./toTimeline.ts');
    fromScratch = (view, events, window) => fresh.toTimeline(view, events.map((e) => ({ ...e })), window);
  });

  it.each(['inter-canister', 'time-slicing', ...LESSON_IDS])('%s: every prefix, mid-round too, in windows, as from the start', (name) => {
    const run = runs[name];
    const whole = toTimeline(run.view, run.events);
    expect(whole.executions.length).toBeGreaterThan(0);
    // Longest first: each is then a prefix of the whole trace asked about above (an empty one would start over).
    for (let length = run.events.length; length >= 0; length--) {
      const prefix = run.events.slice(0, length);
      for (let from = -1; from <= whole.rounds; from += 2) {
        for (const width of [0, 3]) {
          const window = { from, to: from + width };
          expect(toTimeline(run.view, prefix, window), `the first ${length} events, rounds ${from}–${from + width}`).toEqual(fromScratch(run.view, prefix, window));
        }
      }
      expect(toTimeline(run.view, prefix), `the first ${length} events`).toEqual(fromScratch(run.view, prefix));
    }
  });
});

describe('[ui/timeline] crowds', () => {
  it('draws alike messages on the same path as one arrow that counts them', async () => {
    const run = await runForUi(callerCalleePair(Array.from({ length: 10 }, () => ({ call: { to: 'caller', method: 'call_inc' } }))));
    const t = toTimeline(run.view, run.events);
    const calls = t.arrows.filter((a) => a.kind === 'ingress' && a.fromLane === USERS_LANE);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ count: 10, label: '10 × call_inc' });
    // Every message is still accounted for: the counts add up to the arrows drawn one by one.
    const requests = t.arrows.filter((a) => a.kind === 'request').reduce((n, a) => n + a.count, 0);
    expect(requests).toBe(run.events.filter((e) => e.kind === 'request_sent').length);
  });
});

describe('[ui/timeline] a window of rounds', () => {
  it.each(['inter-canister', 'time-slicing', 'trap-rollback', 'freezing'])('%s: lays out exactly what touches the window, lanes and rounds as for the whole', (name) => {
    const run = runs[name];
    const whole = data[name];
    for (let from = 0; from < whole.rounds; from += 2) {
      const window = { from, to: from + 2 };
      const part = toTimeline(run.view, run.events, window);
      expect(part.lanes.map((l) => l.id)).toEqual(whole.lanes.map((l) => l.id));
      expect(part.rounds).toBe(whole.rounds);
      const touching = <T extends { id?: string }>(items: readonly T[], span: (t: T) => [number, number]) =>
        items.filter((t) => { const [a, b] = span(t); return b >= window.from && a <= window.to; });
      expect(touching(part.executions, (e) => [e.round, e.lastRound]).map((e) => e.id))
        .toEqual(touching(whole.executions, (e) => [e.round, e.lastRound]).map((e) => e.id));
      expect(touching(part.arrows, (a) => [a.fromRound, a.toRound])).toEqual(touching(whole.arrows, (a) => [a.fromRound, a.toRound]));
      expect(part.markers).toEqual(whole.markers.filter((m) => m.round >= window.from && m.round <= window.to));
    }
  });
});

describe('[ui/timeline] executions', () => {
  it.each([
    { name: 'time-slicing', entryPoint: 'canister_update long', round: 1, lastRound: 14, slices: 14, outcome: 'ok', instructions: '27001426' },
    { name: 'time-slicing', entryPoint: 'canister_update forever', round: 18, lastRound: 37, slices: 20, outcome: 'trap', instructions: '40000000' },
    { name: 'time-slicing', entryPoint: 'canister_query get', round: 5, lastRound: 5, slices: 1, outcome: 'ok', instructions: '1423' },
    { name: 'inter-canister', entryPoint: 'canister_update inc', round: 1, lastRound: 1, slices: 1, outcome: 'ok', instructions: '1423' },
    { name: 'inter-canister', entryPoint: 'reply callback', round: 1, lastRound: 1, slices: 1, outcome: 'ok', instructions: '3509' },
  ])('$name: $entryPoint spans rounds $round–$lastRound', ({ name, entryPoint, ...expected }) => {
    expect(execution(name, entryPoint)).toMatchObject(expected);
  });

  it('shows a message still running as a span up to its latest slice', () => {
    const run = runs['time-slicing'];
    const running = toTimeline({ ...run.view, round: 6 }, eventsUpTo(run.events, 6)).executions.find((e) => e.outcome === 'running')!;
    expect(running).toMatchObject({ entryPoint: 'canister_update long', round: 1, lastRound: 6, slices: 14, instructions: '12000000' });
    expect(running.id).toMatch(/^slice:\d+$/);
  });

  it('ends a message aborted at a checkpoint as an aborted span, and shows its restart as a span of its own', async () => {
    const scenario = exampleScenario('time-slicing');
    const run = await runForUi({ ...scenario, steps: [{ call: { to: 'worker', method: 'long' } }, { tick: 3 }, { checkpoint: {} }, { tick: 20 }] });
    const longs = toTimeline(run.view, run.events).executions.filter((e) => e.entryPoint === 'canister_update long');
    expect(longs.map(({ round, lastRound, outcome, slices }) => ({ round, lastRound, outcome, slices }))).toEqual([
      { round: 1, lastRound: 3, outcome: 'aborted', slices: 14 },
      { round: 4, lastRound: 17, outcome: 'ok', slices: 14 },
    ]);
    expect(longs[0].message).toBe('at a checkpoint');
  });

  it('stacks a query made during a sliced message under it, and keeps one lane row otherwise', () => {
    expect(execution('time-slicing', 'canister_update long').row).toBe(0);
    expect(execution('time-slicing', 'canister_query get').row).toBe(1);
    const worker = data['time-slicing'].lanes.find((l) => l.name === 'worker')!;
    expect(worker.rows).toBe(2);
    expect(data['inter-canister'].lanes.every((l) => l.rows === 1)).toBe(true);
  });

  it('puts a round\'s executions in their iterations\' shares of its column, in the order they ran (ic-reference.md §7.1)', () => {
    const round1 = data['inter-canister'].executions.filter((e) => e.round === 1);
    expect(round1.map((e) => [e.entryPoint, e.share.start, e.share.end])).toEqual([
      ['canister_update call_inc', 0, 1 / 3], ['canister_update inc', 1 / 3, 2 / 3], ['reply callback', 2 / 3, 1],
    ]);
    // A one-iteration round gives its executions the whole column.
    expect(data.freezing.executions.filter((e) => e.round === 1).map((e) => e.share)).toEqual([{ start: 0, end: 1 }]);
  });

  it('lists the rounds that ran several iterations, for the dividers between them', () => {
    expect(data['inter-canister'].iterations).toEqual([1, 2, 3, 4].map((round) => ({ round, count: 3 })));
    expect(data.freezing.iterations).toEqual([]);
  });

  it('puts executions of the same iteration side by side in their order', () => {
    const round4 = data['inter-canister'].executions.filter((e) => e.round === 4 && e.share.start > 0.5);
    expect(round4.map((e) => [e.entryPoint, e.slot, e.slotCount])).toEqual([
      ['reply callback', 0, 3], ['cleanup', 1, 3], ['canister_query state', 2, 3],
    ]);
  });

  it('puts management methods on the ic lane', () => {
    const management = data.freezing.executions.filter((e) => e.lane === 'aaaaa-aa');
    expect(management.map((e) => [e.entryPoint, e.round])).toEqual([['update_settings', 2], ['update_settings', 3]]);
  });
});

describe('[ui/timeline] message arrows', () => {
  const arrow = (name: string, id: string) => {
    const found = data[name].arrows.find((a) => a.id === id);
    if (!found) throw new Error(`no arrow ${id}`);
    const { id: names } = runs[name];
    const lane = (l: string) => (l === USERS_LANE || l === 'aaaaa-aa' ? l : Object.keys(runs[name].report.principals).find((k) => names(k) === l));
    return {
      from: lane(found.fromLane), to: lane(found.toLane), rounds: [found.fromRound, found.toRound], at: [found.fromAt, found.toAt],
      kind: found.kind, pending: found.pending,
    };
  };
  // `at`: where in the round's column it starts and ends. Round 1 of inter-canister ran three iterations: the call
  // leaves in the first (1/6) and is delivered for the second (1/3); the reply leaves in the second (1/2) and reaches
  // the callback in the third (5/6), where the ingress call is answered. A submission between rounds is at the end.
  it.each([
    { name: 'inter-canister', id: 'ingress:0', expected: { from: USERS_LANE, to: 'caller', rounds: [0, 1], at: [0.5, 0], kind: 'ingress', pending: false } },
    { name: 'inter-canister', id: 'request:0', expected: { from: 'caller', to: 'callee', rounds: [1, 1], at: [1 / 6, 1 / 3], kind: 'request', pending: false } },
    { name: 'inter-canister', id: 'response:0', expected: { from: 'callee', to: 'caller', rounds: [1, 1], at: [0.5, 5 / 6], kind: 'response-reply', pending: false } },
    { name: 'inter-canister', id: 'ingress:0:reply', expected: { from: 'caller', to: USERS_LANE, rounds: [1, 1], at: [5 / 6, 5 / 6], kind: 'response-reply', pending: false } },
    { name: 'inter-canister', id: 'ingress:1', expected: { from: USERS_LANE, to: 'caller', rounds: [1, 2], at: [1, 0], kind: 'ingress', pending: false } },
    { name: 'inter-canister', id: 'response:2', expected: { from: 'callee', to: 'caller', rounds: [3, 3], at: [0.5, 5 / 6], kind: 'response-reject', pending: false } },
    { name: 'freezing', id: 'ingress:1', expected: { from: USERS_LANE, to: 'aaaaa-aa', rounds: [1, 2], at: [1, 0], kind: 'ingress', pending: false } },
    { name: 'freezing', id: 'ingress:2:reply', expected: { from: 'counter', to: USERS_LANE, rounds: [2, 2], at: [1, 1], kind: 'response-reject', pending: false } },
  ])('$name $id', ({ name, id, expected }) => {
    expect(arrow(name, id)).toEqual(expected);
  });

  it('draws a message not delivered yet up to the latest round, as pending', () => {
    const run = runs['inter-canister'];
    // The trace of round 1 up to the request, as the event stepper shows it: sent, not delivered yet.
    const sent = run.events.findIndex((e) => e.kind === 'request_sent');
    const t = toTimeline({ ...run.view, round: 1 }, run.events.slice(0, sent + 1));
    expect(t.arrows.find((a) => a.id === 'request:0')).toMatchObject({ fromRound: 1, toRound: 1, toAt: 1, pending: true });
  });
});

describe('[ui/timeline] markers', () => {
  const markers = (name: string) => data[name].markers.map((m) => `${m.round} ${m.kind}`);
  it.each([
    { name: 'trap-rollback', expected: ['0 installed', '2 trap', '3 trap'] },
    { name: 'freezing', expected: ['0 installed', '2 frozen', '3 unfrozen', '4 uninstalled'] },
    { name: 'time-slicing', expected: ['0 installed', '37 trap'] },
  ])('$name: $expected', ({ name, expected }) => {
    expect(markers(name)).toEqual(expected);
  });

  it('marks a bounded-wait call\'s deadline passing, a request dropped from a busy queue and a late reply dropped (lesson 11)', async () => {
    const lesson = LESSONS.find((l) => l.id === '11-bounded-wait')!;
    const run = await runForUi(lesson.scenario as Parameters<typeof runForUi>[0]);
    const timeline = toTimeline(run.view, run.events);
    const wallet = run.view.canisters.find((c) => c.name === 'wallet')!.id;
    const bank = run.view.canisters.find((c) => c.name === 'bank')!.id;
    const bounded = timeline.markers.filter((m) => ['timed-out', 'expired', 'dropped'].includes(m.kind)).map((m) => [m.round, m.kind, m.lane]);
    expect(bounded).toEqual([[3, 'timed-out', wallet], [5, 'dropped', wallet], [8, 'expired', bank], [8, 'timed-out', wallet]]);
    expect(timeline.markers.find((m) => m.kind === 'dropped')!.text).toBe('The late reply to call 0 was dropped unseen; its refund of 1M cycles was credited');
  });

  it('says what a trap rolled back', () => {
    const traps = data['trap-rollback'].markers.filter((m) => m.kind === 'trap').map((m) => m.text);
    expect(traps[0]).toContain('canister_update inc_then_trap trapped (IC0503)');
    expect(traps[0]).toContain('Rolled back: 1 Wasm memory page written, 1 global');
    expect(traps[1]).toContain('Rolled back: 1 global');
  });
});

describe('[ui/timeline] geometry', () => {
  it.each([[-5, 0], [0, 0], [CELL - 1, 0], [CELL, 1], [CELL * 40, 9]])('x = %i is round %i of 10', (x, round) => {
    expect(roundAt(x, 10)).toBe(round);
  });

  it('stacks lanes by their rows and splits a shared cell without overlap', () => {
    const t = data['inter-canister'];
    const { bands } = laneBands(t.lanes);
    for (const [i, band] of bands.entries()) if (i > 0) expect(band.top).toBe(bands[i - 1].top + bands[i - 1].height);
    const caller = bands.find((b) => b.name === 'caller')!;
    const boxes = t.executions.filter((e) => e.round === 4 && e.lane === runs['inter-canister'].id('caller')).map((e) => executionBox(e, caller));
    for (const [i, box] of boxes.entries()) {
      expect(box.height).toBeLessThanOrEqual(ROW);
      if (i > 0) expect(box.x).toBeGreaterThanOrEqual(boxes[i - 1].x + boxes[i - 1].width);
    }
  });
});
