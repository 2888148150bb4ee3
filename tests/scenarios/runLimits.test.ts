/**
 * The runner's own limits (src/scenario/runLimits.ts, issue 17 item 5): every round of a run counts against one cap,
 * whatever asked for it (ticks, waiting calls, the final drain), and so does every event of the trace; a run that
 * reaches either stops there and says so in the report. And cycles minted into the subnet never take a balance past
 * 2^128 − 1 (item 8).
 */
import { describe, expect, it } from 'vitest';
import { events, oneCanister, runInline } from '../helpers/runInline.ts';
import { DEFAULT_RUN_LIMITS } from '../../src/scenario/runLimits.ts';

/** `spin` loops long enough to be sliced across about a dozen rounds under `classroom` (2 M per slice); `hi` replies. */
const WAT = `(module
  (import "ic0" "msg_reply" (func $reply))
  (func (export "canister_update spin") (local $i i32)
    (local.set $i (i32.const 5000000))
    (loop $l (local.set $i (i32.sub (local.get $i) (i32.const 1))) (br_if $l (local.get $i)))
    (call $reply))
  (func (export "canister_update hi") (call $reply))
  (func (export "canister_heartbeat")))`;

const limits = (overrides: Partial<typeof DEFAULT_RUN_LIMITS>) => ({ limits: { ...DEFAULT_RUN_LIMITS, ...overrides } });

describe('the round cap counts every round of the run', () => {
  it('a waiting call cut short by the cap stays pending, later steps run no round, and the report says why', async () => {
    const report = await runInline(oneCanister(WAT, [
      { tick: 5 },
      { call: { to: 'c', method: 'spin', wait: true } },
      { call: { to: 'c', method: 'hi', wait: true } },
      { tick: 3 },
    ]), limits({ maxRoundsPerRun: 8 }));
    expect(report.rounds).toBe(8);
    expect(report.steps.map((s) => s.status ?? s.kind)).toEqual(['tick', 'pending', 'pending', 'tick']);
    expect(report.limitReached).toEqual({
      limit: 'rounds', round: 8, step: 1,
      message: 'the run stopped after 8 rounds, the most the runner plays in one scenario (a limit of the playground, not of the IC): later steps were applied without rounds',
    });
  });

  it('the final drain stops at the cap too (before: ticks, waits and the drain each had their own maxRounds)', async () => {
    // The long call keeps the subnet busy for about a dozen rounds of drain on top of the 6 ticks.
    const report = await runInline(oneCanister(WAT, [{ tick: 6 }, { call: { to: 'c', method: 'spin' } }], { maxRounds: 20 }), limits({ maxRoundsPerRun: 10 }));
    expect(report.rounds).toBe(10);
    expect(report.steps[1].status).toBe('pending');
    expect(report.limitReached).toMatchObject({ limit: 'rounds', round: 10, step: 2 });
  });

  it('a run within its limits has no limitReached (reports stay as they were)', async () => {
    const report = await runInline(oneCanister(WAT, [{ call: { to: 'c', method: 'spin', wait: true } }]));
    expect(report.steps[0].status).toBe('replied');
    expect(report).not.toHaveProperty('limitReached');
  });

  it('the cap is the same for the runner by default: a million rounds', () => {
    expect(DEFAULT_RUN_LIMITS.maxRoundsPerRun).toBe(1_000_000);
  });
});

describe('the trace cap', () => {
  it('stops the run after the round in which the trace reached the cap', async () => {
    const report = await runInline({ steps: [{ tick: 200 }] }, limits({ maxTraceEvents: 100 }));
    // An empty subnet's round leaves two events (round_started, round_finished).
    expect(report.rounds).toBe(50);
    expect(report.events).toHaveLength(100);
    expect(report.limitReached).toMatchObject({ limit: 'events', round: 50, step: 0 });
  });
});

describe('the instruction cap', () => {
  it('stops the run after the round in which its executions reached the cap (a looping heartbeat would run without end)', async () => {
    // `spin` runs about 15 M instructions, sliced 2 M a round under classroom: they count when it completes, after
    // which the 50 rounds of the tick are cut short.
    const report = await runInline(oneCanister(WAT, [{ call: { to: 'c', method: 'spin' } }, { tick: 50 }]), limits({ maxInstructionsPerRun: 5_000_000n }));
    expect(report.limitReached).toMatchObject({ limit: 'instructions', step: 1, message: expect.stringContaining('after its executions used 5,000,000 instructions') });
    expect(BigInt(report.totals.instructions)).toBeGreaterThanOrEqual(5_000_000n);
    expect(report.rounds).toBeLessThan(50);
  });
});

describe('the System API call cap', () => {
  it('stops the run after the round in which its executions made more calls than the cap (each is cheap in instructions, not in time)', async () => {
    // Each heartbeat prints 1,000 empty lines: 1,000 calls, 100,000 instructions — far under the instruction cap.
    const printer = `(module (import "ic0" "debug_print" (func $print (param i32 i32))) (memory 1)
      (func (export "canister_heartbeat") (local $i i32)
        (loop $l (call $print (i32.const 0) (i32.const 0))
          (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))))`;
    const report = await runInline(oneCanister(printer, [{ tick: 50 }]), limits({ maxSystemApiCallsPerRun: 10_500 }));
    expect(report.limitReached).toMatchObject({
      limit: 'systemApiCalls', step: 0, message: expect.stringContaining('after its executions made 10,500 System API calls'),
    });
    // The round of the 11th heartbeat reached it.
    expect(events(report, 'execution')).toHaveLength(11);
    expect(report.rounds).toBe(11);
  });

  it('the runner\'s defaults: 50 B instructions and 100 M System API calls a run', () => {
    expect([DEFAULT_RUN_LIMITS.maxInstructionsPerRun, DEFAULT_RUN_LIMITS.maxSystemApiCallsPerRun]).toEqual([50_000_000_000n, 100_000_000]);
  });
});

describe('cycles minted into the subnet stay within 2^128 − 1', () => {
  const MAX = (1n << 128n) - 1n;
  it('a top-up mints only what keeps everything minted within 2^128 − 1, so no balance outgrows 128 bits', async () => {
    const report = await runInline(oneCanister(WAT, [
      { topUp: { canister: 'c', cycles: String(MAX) } },
      { topUp: { canister: 'c', cycles: '1000' } },
    ], { canisters: [{ name: 'c', source: { wat: WAT }, cycles: '10000000000000' }] }));
    const toppedUp = events(report, 'cycles_topped_up').map((e) => e.amount);
    expect(toppedUp).toEqual([String(MAX - 10_000_000_000_000n), '0']);
    expect(BigInt(report.canisters.c.cycles)).toBeLessThanOrEqual(MAX);
  });
});
