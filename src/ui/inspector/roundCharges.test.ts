import { describe, expect, it } from 'vitest';
import type { EventView } from '../../worker/protocol.ts';
import { LESSONS } from '../../lessons/index.ts';
import { parseScenario } from '../../scenario/parseScenario.ts';
import { runScenario } from '../../scenario/runScenario.ts';
import { nodeMotokoCompiler } from '../../motoko/nodeMotokoCompiler.ts';
import { cyclesSeries } from './cyclesSeries.ts';
import { roundCharges, type ChargeLine } from './roundCharges.ts';

const A = 'a';
const B = 'b';
const finished = (round: number, a: bigint, b = 0n): EventView => ({
  kind: 'round_finished', round, balances: [{ canister: A, cycles: String(a), freezingLimit: '0' }, { canister: B, cycles: String(b), freezingLimit: '0' }],
});
const charged = (round: number, canister: string, charge: string, value: bigint): EventView => ({ kind: 'cycles_charged', round, canister, charge, amount: String(value) });
const refunded = (round: number, canister: string, charge: string, value: bigint): EventView => ({ kind: 'cycles_refunded', round, canister, charge, amount: String(value) });

/** Lesson 5's call, in its numbers: a call from A to B with 1,000 bytes of reply, 100 cycles attached, 40 accepted. */
const CALL: EventView[] = [
  { kind: 'canister_created', round: 0, canister: A, cycles: '100000000000000', controllers: [] },
  { kind: 'canister_created', round: 0, canister: B, cycles: '1000', controllers: [] },
  charged(1, A, 'ingress_induction', 1_210_000n),
  charged(1, A, 'execution', 40_005_000_000n),
  refunded(1, A, 'execution', 39_999_993_464n),
  charged(1, A, 'call', 265_000n),
  { kind: 'request_sent', round: 1, requestId: 0, from: A, to: B, method: 'fetch', bytes: 0, cycles: '100', deadlineNs: '0', fee: '265000', reserved: '42102152000' },
  finished(1, 99_957_891_366_364n, 1_000n),
  { kind: 'response_sent', round: 2, requestId: 0, from: B, to: A, refund: '60', response: { type: 'reply', bytes: 1000 } },
  finished(2, 99_957_891_366_364n, 1_040n),
  { kind: 'response_delivered', round: 3, requestId: 0, to: A, refund: '60', reservationRefund: '2096152000' },
  charged(3, A, 'execution', 40_005_000_000n),
  refunded(3, A, 'execution', 39_999_996_069n),
  finished(3, 99_999_987_514_493n, 1_040n),
];

const rowsOf = (events: readonly EventView[], canister: string, round: number) =>
  Object.fromEntries(roundCharges(events, canister, round).rows.map((r) => [r.line, r.returned - r.taken]));

describe('[ui/inspector] roundCharges', () => {
  it.each<{ name: string; canister: string; round: number; rows: Partial<Record<ChargeLine, bigint>>; net: bigint }>([
    { name: 'set-up: created with its cycles', canister: B, round: 0, rows: { created: 1_000n }, net: 1_000n },
    {
      name: 'the caller sends: induction, prepaid execution less its refund, call fee, reservation, cycles attached',
      canister: A, round: 1,
      rows: { ingress_induction: -1_210_000n, execution: -5_006_536n, call: -265_000n, reservation: -42_102_152_000n, cycles_sent: -100n },
      net: -42_108_633_636n,
    },
    { name: 'the callee accepts 40 of the 100 cycles when it answers', canister: B, round: 2, rows: { cycles_received: 40n }, net: 40n },
    {
      name: 'the response: the whole reservation back, the reply bytes and the callback paid, unaccepted cycles back',
      canister: A, round: 3,
      rows: { execution: -5_003_931n, reservation: 42_102_152_000n, reply: -1_000_000n, cycles_sent: 60n },
      net: 42_096_148_129n,
    },
  ])('$name', ({ canister, round, rows, net }) => {
    expect(rowsOf(CALL, canister, round)).toEqual(rows);
    expect(roundCharges(CALL, canister, round).net).toBe(net);
  });

  it('a response whose callback does not run gives back only the unused reply reservation; the rest is not itemised', () => {
    const events: EventView[] = [
      ...CALL.slice(0, 10),
      { kind: 'response_delivered', round: 3, requestId: 0, to: A, refund: '0', reservationRefund: '2096152000' },
      finished(3, 99_957_891_366_364n + 2_096_152_000n + 40_000_000_000n, 1_040n),
    ];
    expect(rowsOf(events, A, 3)).toEqual({ reservation: 2_096_152_000n, unitemised: 40_000_000_000n });
  });

  it('the creation fee is shown but not counted: it came out of the cycles attached to create_canister', () => {
    const events: EventView[] = [
      { kind: 'canister_created', round: 0, canister: A, cycles: '2000000000000', controllers: [] },
      { kind: 'request_sent', round: 1, requestId: 0, from: A, to: 'aaaaa-aa', method: 'create_canister', bytes: 12, cycles: '1000000000000', deadlineNs: '0', fee: '0', reserved: '0' },
      finished(1, 1_000_000_000_000n),
      charged(2, A, 'canister_creation', 500_000_000_000n),
      { kind: 'canister_created', round: 2, canister: B, cycles: '500000000000', controllers: [A] },
      finished(2, 1_000_000_000_000n, 500_000_000_000n),
    ];
    expect(roundCharges(events, A, 2)).toEqual({ round: 2, rows: [{ line: 'canister_creation', taken: 500_000_000_000n, returned: 0n, counted: false }], net: 0n });
    expect(rowsOf(events, B, 2)).toEqual({ created: 500_000_000_000n });
  });

  it('events after the round finished (a top-up, storage for skipped time) are the round\'s, and not "unitemised"', () => {
    const events: EventView[] = [
      { kind: 'canister_created', round: 0, canister: A, cycles: '1000', controllers: [] },
      finished(1, 1_000n),
      { kind: 'cycles_topped_up', round: 1, canister: A, amount: '500' },
      charged(1, A, 'storage', 200n),
      charged(2, A, 'execution', 100n),
      finished(2, 1_200n),
    ];
    expect(rowsOf(events, A, 1)).toEqual({ top_up: 500n, storage: -200n });
    expect(rowsOf(events, A, 2)).toEqual({ execution: -100n });
  });
});

/**
 * A known gap: the trace has no event for the cycles a callee accepts, so the table counts them when it answers
 * (`response_sent`). Motoko's actor-class constructor accepts the attached cycles in a message to itself that
 * answers rounds later (after `create_canister` and `install_code`), so in mo-07 they show as unitemised in the
 * round they are accepted, and again, negated, in the round of the answer. Fixed when executions record the cycles
 * they accept.
 */
const ACCEPTED_BEFORE_ANSWERING = new Set(['mo-07-actor-class']);

describe('[ui/inspector] roundCharges in every lesson', () => {
  it.each(LESSONS.filter((l) => !ACCEPTED_BEFORE_ANSWERING.has(l.id)).map((l) => [l.id, l] as const))('%s: the lines of every round add up to the step of the cycles chart', async (_id, lesson) => {
    expect(await chargeProblems(lesson)).toEqual([]);
  }, 120_000); // a Motoko lesson compiles its actors first

  it('mo-07: the cycles the factory accepts from itself are unitemised where accepted, and again where it answers (known gap)', async () => {
    const lesson = LESSONS.find((l) => l.id === 'mo-07-actor-class')!;
    const factory = 'rwlgt-iiaaa-aaaaa-aaaaa-cai';
    expect(await chargeProblems(lesson)).toEqual([
      `round 1 ${factory}: 1000000000000 not itemised`, `round 5 ${factory}: -1000000000000 not itemised`,
      `round 7 ${factory}: 100000000000 not itemised`, `round 9 ${factory}: -100000000000 not itemised`,
    ]);
  }, 120_000);
});

/** Where the table of a round does not explain the balance change the cycles chart shows. */
async function chargeProblems(lesson: (typeof LESSONS)[number]): Promise<string[]> {
  const parsed = parseScenario(JSON.stringify(lesson.scenario));
  if (!parsed.ok) throw new Error(parsed.error);
  const run = await runScenario(parsed.scenario, { motoko: nodeMotokoCompiler() });
  if (!run.ok) throw new Error(run.error);
  const events = run.report.events as EventView[];
  const problems: string[] = [];
  for (const canister of events.filter((e) => e.kind === 'canister_created').map((e) => String(e.canister))) {
    const points = new Map(cyclesSeries(events, canister).map((p) => [p.round, p.cycles]));
    let before = 0n;
    for (let round = 0; round <= run.report.rounds; round++) {
      const charges = roundCharges(events, canister, round);
      const row = charges.rows.find((r) => r.line === 'unitemised');
      if (row) problems.push(`round ${round} ${canister}: ${row.returned - row.taken} not itemised`);
      const after = points.get(round);
      if (after === undefined) continue;
      if (after - before !== charges.net) problems.push(`round ${round} ${canister}: the chart moved ${after - before}, the table says ${charges.net}`);
      before = after;
    }
    const final = Object.values(run.report.canisters).find((c) => c.id === canister);
    if (final && final.status !== 'deleted' && String(before) !== final.cycles) problems.push(`${canister} ends at ${final.cycles}, the chart at ${before}`);
  }
  return problems;
}
