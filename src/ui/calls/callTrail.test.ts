import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LESSONS } from '../../lessons/index.ts';
import { runForUi } from '../../../tests/helpers/uiFixtures.ts';
import type { StepReport } from '../../scenario/reportTypes.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';
import type { EventView } from '../../worker/protocol.ts';
import { callTrail, ingressOfSteps, trailIndex, type CallTrail } from './callTrail.ts';

const CALLER = 'caller-id';
const COUNTER = 'counter-id';
const charge = (round: number, canister: string, kind: string, amount: string): EventView => ({ kind: 'cycles_charged', round, canister, charge: kind, amount });
const refund = (round: number, canister: string, amount: string): EventView => ({ kind: 'cycles_refunded', round, canister, charge: 'execution', amount });

/**
 * Two ingress calls as lesson 4 has them, interleaved: caller.call → counter.inc → reply callback, in the order the
 * engine writes them (an execution's charges before its event, the requests it sent after it).
 */
const EVENTS: EventView[] = [
  { kind: 'ingress_submitted', round: 0, messageId: 0, from: 'u', to: CALLER, method: 'call' }, // 0
  { kind: 'ingress_submitted', round: 0, messageId: 1, from: 'u', to: CALLER, method: 'call' },
  charge(1, CALLER, 'ingress_induction', '1200000'),
  { kind: 'ingress_inducted', round: 1, messageId: 0, canister: CALLER },
  charge(1, CALLER, 'execution', '5000'), refund(1, CALLER, '4000'),
  { kind: 'execution', round: 1, canister: CALLER, messageId: 0, requestId: null, context: 'update', cyclesCharged: '1000' }, // 6
  charge(1, CALLER, 'call', '263000'),
  { kind: 'request_sent', round: 1, requestId: 0, from: CALLER, to: COUNTER, method: 'inc', fee: '263000', reserved: '50000' },
  { kind: 'execution', round: 1, canister: CALLER, messageId: 1, requestId: null, context: 'update', cyclesCharged: '1000' }, // 9
  { kind: 'request_sent', round: 1, requestId: 1, from: CALLER, to: COUNTER, method: 'inc', fee: '263000', reserved: '50000' },
  { kind: 'execution', round: 2, canister: COUNTER, messageId: null, requestId: 0, context: 'update', cyclesCharged: '2000' }, // 11
  { kind: 'response_sent', round: 2, requestId: 0, from: COUNTER, to: CALLER },
  { kind: 'execution', round: 2, canister: COUNTER, messageId: null, requestId: 1, context: 'update', cyclesCharged: '2000' }, // 13
  { kind: 'response_delivered', round: 3, requestId: 0, to: CALLER, refund: '0', reservationRefund: '9000' },
  charge(3, CALLER, 'execution', '40000'), refund(3, CALLER, '39000'),
  { kind: 'execution', round: 3, canister: CALLER, messageId: null, requestId: 0, context: 'reply_callback', cyclesCharged: '1000' }, // 17
  { kind: 'execution', round: 3, canister: CALLER, messageId: null, requestId: 1, context: 'reply_callback', cyclesCharged: null }, // 18
  { kind: 'ingress_submitted', round: 3, messageId: 2, from: 'u', to: 'aaaaa-aa', method: 'stop_canister' },
  { kind: 'management_call', round: 4, method: 'stop_canister', caller: 'u', canister: CALLER, messageId: 2 }, // 20
  // stop_canister is still pending: the next execution's prepayment is not its cost.
  charge(4, COUNTER, 'execution', '7000'), refund(4, COUNTER, '6000'),
  { kind: 'execution', round: 4, canister: COUNTER, messageId: 4, requestId: null, context: 'update', cyclesCharged: '1000' }, // 23
  { kind: 'ingress_completed', round: 4, messageId: 2 }, // answered later, once stopped
  // A snapshot, charged by the management canister between the call and its answer (ic-reference.md §6.1, §12).
  charge(5, COUNTER, 'ingress_induction', '1356000'),
  { kind: 'ingress_inducted', round: 5, messageId: 3, canister: COUNTER },
  { kind: 'management_call', round: 5, method: 'take_canister_snapshot', caller: 'u', canister: COUNTER, messageId: 3 }, // 27
  charge(5, COUNTER, 'execution', '2005065979'),
  { kind: 'snapshot_taken', round: 5, canister: COUNTER, snapshot: '00', size: '65979' },
  { kind: 'ingress_completed', round: 5, messageId: 3 },
  // An install: its charge and refund around the executions it ran (priced with the install, not on their own).
  { kind: 'management_call', round: 6, method: 'install_code', caller: 'u', canister: COUNTER, messageId: 5 }, // 31
  charge(6, COUNTER, 'install_code', '305000000'),
  { kind: 'execution', round: 6, canister: COUNTER, messageId: 5, requestId: null, context: 'init', cyclesCharged: null }, // 33
  { kind: 'cycles_refunded', round: 6, canister: COUNTER, charge: 'install_code', amount: '299996812' },
  { kind: 'code_installed', round: 6, canister: COUNTER, mode: 'upgrade', moduleHash: 'ab' },
  { kind: 'ingress_completed', round: 6, messageId: 5 },
];

describe('[ui/callTrail]', () => {
  const index = trailIndex(EVENTS);

  it.each([
    ['the first call: its method, the request, the callee, the callback', 0, [6, 11, 17], ['ingress:0', 'request:0', 'response:0'],
      // caller: induction 1,200,000 + its two executions 1,000 + 1,000 + fee 263,000 + reply bytes 50,000 − 9,000 − 40,000
      [[CALLER, 1_200_000n + 2_000n + 263_000n + 1_000n], [COUNTER, 2_000n]]],
    ['the second call, interleaved with the first (its response not delivered yet)', 1, [9, 13, 18], ['ingress:1', 'request:1', 'response:1'],
      [[CALLER, 1_000n + 263_000n], [COUNTER, 2_000n]]],
    ['a management call still pending', 2, [20], ['ingress:2'], []],
    ['a snapshot taken: its induction and what taking it cost', 3, [27], ['ingress:3'], [[COUNTER, 1_356_000n + 2_005_065_979n]]],
    ['an install: its charge less its refund', 5, [31, 33], ['ingress:5'], [[COUNTER, 305_000_000n - 299_996_812n]]],
    ['a message that never ran', 9, [], ['ingress:9'], []],
  ] as const)('%s', (_name, messageId, executions, messages, cost) => {
    const trail = callTrail(index, messageId);
    expect([...trail.eventIndices].sort((a, b) => a - b)).toEqual(executions);
    expect([...trail.messageIds].sort()).toEqual([...messages].sort());
    expect(new Map(trail.cost)).toEqual(new Map(cost));
  });

  it.each([
    ['its log records between its refund and its event', [charge(2, CALLER, 'execution', '40000'), refund(2, CALLER, '39000'),
      { kind: 'log', round: 2, canister: CALLER, text: 'logged', trap: false }, { kind: 'log', round: 2, canister: CALLER, text: 'again', trap: false }]],
    ['sliced over rounds, the other canister running meanwhile', [charge(2, CALLER, 'execution', '40000'), { kind: 'round_finished', round: 2 },
      charge(3, COUNTER, 'execution', '7000'), refund(3, COUNTER, '6000'),
      { kind: 'execution', round: 3, canister: COUNTER, messageId: 8, requestId: null, context: 'update', cyclesCharged: '1000' },
      { kind: 'round_finished', round: 3 }, refund(4, CALLER, '39000')]],
  ] as const)('a callback\'s prepayment is matched with it however far apart: %s', (_name, between) => {
    const events: EventView[] = [
      { kind: 'ingress_submitted', round: 0, messageId: 0, from: 'u', to: CALLER, method: 'call' },
      { kind: 'execution', round: 1, canister: CALLER, messageId: 0, requestId: null, context: 'update', cyclesCharged: '1000' },
      { kind: 'request_sent', round: 1, requestId: 0, from: CALLER, to: COUNTER, method: 'inc', fee: '263000', reserved: '50000' },
      { kind: 'execution', round: 1, canister: COUNTER, messageId: null, requestId: 0, context: 'update', cyclesCharged: '2000' },
      { kind: 'response_delivered', round: 2, requestId: 0, to: CALLER, refund: '0', reservationRefund: '9000' },
      ...between,
      { kind: 'execution', round: 4, canister: CALLER, messageId: null, requestId: 0, context: 'reply_callback', cyclesCharged: '1000' },
    ];
    // caller: its method 1,000, the fee 263,000, the callback 1,000, the reply's bytes 50,000 − 9,000 − 40,000.
    expect(new Map(callTrail(trailIndex(events), 0).cost)).toEqual(new Map([[CALLER, 1_000n + 263_000n + 1_000n + 1_000n], [COUNTER, 2_000n]]));
  });

  it('matches steps to their ingress messages by round, method and order', () => {
    const steps: Step[] = [
      { call: { to: 'caller', method: 'call' } }, { call: { to: 'caller', method: 'call' } },
      { query: { to: 'caller', method: 'state' } }, { manage: { method: 'stop_canister', canister: 'caller' } },
    ] as Step[];
    const reports: StepReport[] = [
      { step: 0, kind: 'call', submittedRound: 0 }, { step: 1, kind: 'call', submittedRound: 0 },
      { step: 2, kind: 'query', submittedRound: 3 }, { step: 3, kind: 'manage', submittedRound: 3 },
    ];
    expect([...ingressOfSteps(steps, reports, index)]).toEqual([[0, 0], [1, 1], [3, 2]]);
  });
});

describe('[ui/callTrail] a call priced at what the balances lost', () => {
  // Lesson 4's second call is alone in round 2: its callback traps and logs, its cleanup runs.
  it('lesson 4, call_then_trap: each canister\'s cost is the drop of its balance over the round', async () => {
    const lesson = LESSONS.find((l) => l.id === '04-inter-canister')!;
    const run = await runForUi(lesson.scenario as never);
    const step = run.report.steps[1];
    expect(step).toMatchObject({ submittedRound: 1, completedRound: 2 });
    const balance = (round: number, canister: string) => BigInt((run.events.find((e) => e.kind === 'round_finished' && e.round === round)!
      .balances as { canister: string; cycles: string }[]).find((b) => b.canister === canister)!.cycles);
    const index = trailIndex(run.events);
    const messageId = ingressOfSteps((lesson.scenario as { steps: Step[] }).steps, [step], index).get(1)!;
    const cost = callTrail(index, messageId).cost;
    for (const name of ['caller', 'counter']) expect(cost.get(run.id(name)), name).toBe(balance(1, run.id(name)) - balance(2, run.id(name)));
  });
});

describe('[ui/callTrail] a shorter trace answered from a longer one', () => {
  const IDS = ['04-inter-canister', '05-cycles', '10-create-canisters', '12-snapshots'];
  const traces: Record<string, readonly EventView[]> = {};
  let fromScratch: typeof import('./callTrail.ts');
  beforeAll(async () => {
    for (const id of IDS) traces[id] = (await runForUi(LESSONS.find((l) => l.id === id)!.scenario as never)).events;
    // A second copy of the module, fed fresh event objects: nothing kept by the one under test is used or disturbed.
    vi.resetModules();
    fromScratch = await import('./callTrail.ts');
  });

  it.each(IDS)('%s: every call traced and priced in every prefix, as from the start', (id) => {
    const all = traces[id];
    const messageIds = [...new Set(all.filter((e) => e.kind === 'ingress_submitted').map((e) => Number(e.messageId)))];
    const traced = (trail: CallTrail) => ({ ...trail, eventIndices: [...trail.eventIndices].sort(), messageIds: [...trail.messageIds].sort(), cost: [...trail.cost].sort() });
    trailIndex(all);
    let priced = 0;
    // Longest first: each is then a prefix of the whole trace indexed above.
    for (let length = all.length; length >= 0; length--) {
      const prefix = all.slice(0, length);
      const index = trailIndex(prefix);
      const expected = fromScratch.trailIndex(prefix.map((e) => ({ ...e })));
      for (const messageId of messageIds) {
        const trail = traced(callTrail(index, messageId));
        expect(trail, `message ${messageId}, the first ${length} events`).toEqual(traced(fromScratch.callTrail(expected, messageId)));
        if (trail.cost.length > 0) priced++;
      }
    }
    expect(priced).toBeGreaterThan(0);
  });
});
