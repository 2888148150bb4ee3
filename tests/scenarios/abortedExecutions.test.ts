/**
 * [engine/scheduler] Paused long executions aborted (ic-reference.md §7.7): at the end of a checkpoint round, past the
 * subnet's `maxPausedExecutions`, and by the `checkpoint` step. An aborted execution's work is thrown away and it
 * restarts from scratch the next round, its prepayment kept.
 */
import { describe, expect, it } from 'vitest';
import { canister } from '../helpers/prelude.ts';
import { events, oneCanister, replyInt, runInline } from '../helpers/runInline.ts';

// Classroom preset: 2 M instructions a slice; the loop is 10 instructions an iteration, so `long` takes 4 slices.
// It counts its runs in a global (committed only when a run finishes) and replies with the time it started.
const LONG = canister(`
  (global $runs (mut i64) (i64.const 0))
  (func (export "canister_update long") (local $i i32) (local $started i64)
    (local.set $started (call $time))
    (global.set $runs (i64.add (global.get $runs) (i64.const 1)))
    (call $debug_print (i32.const 0) (i32.const 5))
    (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (i32.const 700000))))
    (call $reply_i64 (local.get $started)))
  (func (export "canister_query runs") (call $reply_i64 (global.get $runs)))
  (data (i32.const 0) "start")`);

const GENESIS_NS = 1_620_604_800_000_000_000n;
const ROUND_NS = 1_000_000_000n;

describe('[engine/scheduler] aborted long executions (ic-reference.md §7.7)', () => {
  it('a checkpoint round aborts a paused execution: it restarts from scratch the next round, charged once, logged once', async () => {
    const report = await runInline(oneCanister(LONG, [
      { tick: 3 },
      { call: { to: 'c', method: 'long', wait: true } },
      { query: { to: 'c', method: 'runs' } },
    ], { subnet: { preset: 'classroom', params: { checkpointIntervalRounds: '5' } } }));
    const slices = events(report, 'execution_slice');
    // Started in round 4; round 5 is a checkpoint round, whose end aborts it after its second slice; it restarts in
    // round 6 and finishes in round 9, before the next checkpoint.
    expect(slices.map((s) => [s.round, s.slice, s.slices])).toEqual([[4, 1, 4], [5, 2, 4], [6, 1, 4], [7, 2, 4], [8, 3, 4], [9, 4, 4]]);
    expect(events(report, 'execution_aborted')).toEqual([expect.objectContaining({
      round: 5, canister: report.principals.c, entryPoint: 'canister_update long', reason: 'checkpoint', slicesDone: 2, slices: 4,
    })]);
    // Run from scratch: the time it read is the restart's round, its count of runs is one (the aborted run's
    // increment was thrown away with its log line), and it was prepaid once and refunded once.
    expect(report.steps[1]).toMatchObject({ status: 'replied', completedRound: 9 });
    expect(replyInt(report.steps[1])).toBe(GENESIS_NS + 5n * ROUND_NS);
    expect(replyInt(report.steps[2])).toBe(1n);
    expect(events(report, 'log').filter((e) => e.canister === report.principals.c)).toHaveLength(1);
    const execution = (kind: string) => events(report, kind).filter((e) => e.canister === report.principals.c && e.charge === 'execution');
    expect(execution('cycles_charged').map((e) => e.round)).toEqual([4]);
    expect(execution('cycles_refunded').map((e) => e.round)).toEqual([9]);
    expect(events(report, 'execution').filter((e) => e.entryPoint === 'canister_update long')).toEqual([expect.objectContaining({ round: 9, slices: 4, outcome: 'ok' })]);
  });

  it('past four paused on the subnet, those furthest along are kept and the others aborted, until there is room', async () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    const report = await runInline({
      subnet: { preset: 'classroom' },
      canisters: names.map((name) => ({ name, source: { wat: LONG } })),
      steps: [...names.map((to) => ({ call: { to, method: 'long' } })), { tick: 12 }, ...names.map((to) => ({ query: { to, method: 'runs' } }))],
    });
    const aborted = events(report, 'execution_aborted');
    expect(aborted.length).toBeGreaterThan(0);
    expect(aborted.every((e) => e.reason === 'paused_limit')).toBe(true);
    // At the end of every round no more than four are paused: count the executions begun and not yet ended.
    for (let round = 1; round <= 13; round++) {
      const begun = events(report, 'execution_slice').filter((e) => e.slice === 1 && (e.round as number) <= round).length;
      const ended = events(report, 'execution').filter((e) => (e.round as number) <= round && e.entryPoint === 'canister_update long').length
        + aborted.filter((e) => (e.round as number) <= round).length;
      expect(begun - ended).toBeLessThanOrEqual(4);
    }
    // Every call replied; each canister ran its message once to the end.
    expect(report.steps.slice(0, 6).every((s) => s.status === 'replied')).toBe(true);
    expect(report.steps.slice(7).map(replyInt)).toEqual(names.map(() => 1n));
    // Four finished in round 4, as if alone; the two aborted restarted and finished after them.
    const finished = events(report, 'execution').filter((e) => e.entryPoint === 'canister_update long').map((e) => e.round as number);
    expect(finished.filter((r) => r === 4)).toHaveLength(4);
    expect(finished.filter((r) => r > 4)).toHaveLength(2);
  });

  it('the checkpoint step aborts what is paused at the playhead, and its report names it', async () => {
    const report = await runInline(oneCanister(LONG, [
      { call: { to: 'c', method: 'long' } },
      { tick: 2 },
      { checkpoint: { label: 'What if: a checkpoint now' } },
      { tick: 6 },
    ]));
    expect(report.steps[2]).toMatchObject({ step: 2, kind: 'checkpoint' });
    expect(events(report, 'execution_aborted')).toEqual([expect.objectContaining({ round: 2, reason: 'checkpoint', slicesDone: 2 })]);
    expect(report.steps[0]).toMatchObject({ status: 'replied', completedRound: 6 });
  });

  it('a checkpoint with nothing paused changes nothing', async () => {
    const steps = [{ call: { to: 'c', method: 'long', wait: true } }, { tick: 1 }];
    const plain = await runInline(oneCanister(LONG, steps));
    const checkpointed = await runInline(oneCanister(LONG, [...steps, { checkpoint: {} }]));
    expect(checkpointed.events).toEqual(plain.events);
  });

  it('an aborted long upgrade is undone and run again: the old code answers until the new one commits', async () => {
    const V1 = canister(`(global $v (mut i64) (i64.const 1)) (func (export "canister_query version") (call $reply_i64 (global.get $v)))`);
    const V2 = canister(`(global $v (mut i64) (i64.const 2))
      (func (export "canister_post_upgrade") (local $i i32)
        (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (i32.const 1000000)))))
      (func (export "canister_query version") (call $reply_i64 (global.get $v)))`);
    const report = await runInline(oneCanister(V1, [
      { manage: { method: 'install_code', canister: 'c', mode: 'upgrade', source: { wat: V2 } } },
      { tick: 2 },
      { checkpoint: {} },
      { query: { to: 'c', method: 'version' } },
      { tick: 20 },
      { query: { to: 'c', method: 'version' } },
    ]));
    const aborted = events(report, 'execution_aborted');
    expect(aborted).toEqual([expect.objectContaining({ entryPoint: 'install_code', reason: 'checkpoint' })]);
    const installSlices = events(report, 'execution_slice').filter((e) => e.entryPoint === 'install_code');
    const total = installSlices[0].slices as number;
    expect(installSlices.filter((e) => e.slice === 1)).toHaveLength(2);
    expect(report.steps[0]).toMatchObject({ status: 'replied', completedRound: 2 + total });
    expect(replyInt(report.steps[3])).toBe(1n);
    expect(replyInt(report.steps[5])).toBe(2n);
    expect(events(report, 'code_installed').filter((e) => e.mode === 'upgrade')).toHaveLength(1);
  });
});
