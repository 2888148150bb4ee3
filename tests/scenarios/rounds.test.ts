/**
 * [engine/rounds] Ingress is inducted and executed round by round, one round = 1 s of simulated time;
 * the report says in which round each call was submitted and completed (SCENARIO.md).
 */
import { describe, expect, it } from 'vitest';
import { canister } from '../helpers/prelude.ts';
import { events, oneCanister, replyInt, runInline } from '../helpers/runInline.ts';

const CLOCK = canister(`(func (export "canister_update now") (call $reply_i64 (call $time)))`);
const GENESIS = 1_620_604_800_000_000_000n;

describe('[engine/rounds] rounds and time', () => {
  it('calls complete in the round after submission and see that round\'s time', async () => {
    const report = await runInline(oneCanister(CLOCK, [
      { call: { to: 'c', method: 'now' } },
      { tick: 2 },
      { call: { to: 'c', method: 'now', wait: true } },
      { advanceTime: { seconds: '3600' } },
      { call: { to: 'c', method: 'now', wait: true } },
    ]));
    expect(report.steps[0]).toMatchObject({ submittedRound: 0, completedRound: 1 });
    expect(replyInt(report.steps[0])).toBe(GENESIS);
    expect(report.steps[2]).toMatchObject({ submittedRound: 2, completedRound: 3 });
    expect(replyInt(report.steps[2])).toBe(GENESIS + 2_000_000_000n);
    expect(replyInt(report.steps[4])).toBe(GENESIS + 3_000_000_000n + 3600_000_000_000n);
    expect(report.rounds).toBe(4);
    expect(report.timeNs).toBe(String(GENESIS + 4_000_000_000n + 3600_000_000_000n));
    expect(report.idle).toBe(true);
  });

  it('an unawaited call is left for the final drain', async () => {
    const report = await runInline(oneCanister(CLOCK, [{ call: { to: 'c', method: 'now' } }]));
    expect(report.steps[0]).toMatchObject({ status: 'replied', submittedRound: 0, completedRound: 1 });
    expect(events(report, 'round_started')).toHaveLength(1);
  });

  it('maxRounds stops the drain and leaves calls pending', async () => {
    const report = await runInline(oneCanister(CLOCK, [{ call: { to: 'c', method: 'now' } }], { maxRounds: 0 }));
    expect(report).toMatchObject({ idle: false, rounds: 0 });
    expect(report.steps[0]).toMatchObject({ status: 'pending', completedRound: null });
  });

  it('the ingress fee is charged to the receiver on induction', async () => {
    const report = await runInline(oneCanister(CLOCK, [{ call: { to: 'c', method: 'now', arg: { hex: '0000' } } }]));
    const fee = events(report, 'cycles_charged').find((e) => e.charge === 'ingress_induction')!;
    // scale(1,200,000 + 2,000 · (2 arg bytes + 3 method bytes)) on 13 nodes (ic-reference.md §5.2).
    expect(fee.amount).toBe(String(1_200_000 + 2_000 * 5));
  });
});
