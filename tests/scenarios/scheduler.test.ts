/**
 * [engine/scheduler] Deterministic time slicing, heartbeats and the global timer, bounded-wait calls
 * (ic-reference.md §7, §2.2, §3.7).
 */
import { describe, expect, it } from 'vitest';
import { canister } from '../helpers/prelude.ts';
import { CALLEE_WAT, CALLER_WAT, canisterIdHex } from '../helpers/callerCanister.ts';
import { events, oneCanister, replyInt, runInline } from '../helpers/runInline.ts';

// ~3 M loop iterations of 10 instructions each: 30 M instructions, 15 slices of 2 M on the classroom preset.
const LONG = canister(`
  (global $n (mut i64) (i64.const 0))
  (func (export "canister_update long") (local $i i32)
    (global.set $n (i64.const 100))
    (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (i32.const 3000000))))
    (call $reply_i64 (global.get $n)))
  (func (export "canister_update forever") (loop $l (br $l)))
  (func (export "canister_update quick") (call $reply_i64 (global.get $n)))
  (func (export "canister_query get") (call $reply_i64 (global.get $n)))`);

describe('[engine/scheduler] deterministic time slicing', () => {
  it('a long message occupies its canister for one round per slice and commits at the last', async () => {
    const report = await runInline(oneCanister(LONG, [
      { call: { to: 'c', method: 'long' } },
      { call: { to: 'c', method: 'quick' } },
      { tick: 3 },
      { query: { to: 'c', method: 'get' } },
      { tick: 20 },
      { query: { to: 'c', method: 'get' } },
    ]));
    const slices = events(report, 'execution_slice');
    const total = slices[0].slices as number;
    expect(total).toBeGreaterThan(10);
    expect(slices.map((s) => s.slice)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(slices.map((s) => s.round)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(report.steps[0]).toMatchObject({ status: 'replied', completedRound: total });
    // The quick update waited behind the long one on the same canister.
    expect(report.steps[1].completedRound).toBe(total + 1);
    expect(replyInt(report.steps[1])).toBe(100n);
    // Queries during the long message see the state from before it; after, the committed one.
    expect(replyInt(report.steps[3])).toBe(0n);
    expect(replyInt(report.steps[5])).toBe(100n);
    const exec = events(report, 'execution').find((e) => e.entryPoint === 'canister_update long')!;
    expect(exec).toMatchObject({ round: total, slices: total });
  });

  it('a message that never ends is cut at the message limit after its slices (IC0522)', async () => {
    const report = await runInline(oneCanister(LONG, [{ call: { to: 'c', method: 'forever', wait: true } }]));
    expect(report.steps[0]).toMatchObject({ status: 'rejected', errorCode: 'IC0522', completedRound: 20 });
    expect(events(report, 'execution_slice')).toHaveLength(20);
  });
});

describe('[engine/scheduler] system tasks', () => {
  const TASKS = canister(`
    (global $beats (mut i64) (i64.const 0))
    (global $fired (mut i64) (i64.const 0))
    (func (export "canister_heartbeat") (global.set $beats (i64.add (global.get $beats) (i64.const 1))))
    (func (export "canister_global_timer") (global.set $fired (call $time)))
    (func (export "canister_update arm") (drop (call $global_timer_set (i64.add (call $time) (i64.const 3000000000)))) (call $msg_reply))
    (func (export "canister_query beats") (call $reply_i64 (global.get $beats)))
    (func (export "canister_query fired") (call $reply_i64 (global.get $fired)))`);

  it('the heartbeat runs every round', async () => {
    const report = await runInline(oneCanister(TASKS, [{ tick: 5 }, { query: { to: 'c', method: 'beats' } }]));
    expect(replyInt(report.steps[1])).toBe(5n);
  });

  it('the global timer fires once when the time reaches it', async () => {
    const report = await runInline(oneCanister(TASKS, [
      { call: { to: 'c', method: 'arm', wait: true } },
      { tick: 10 },
      { query: { to: 'c', method: 'fired' } },
    ]));
    const armedAt = 1_620_604_800_000_000_000n;
    expect(replyInt(report.steps[2])).toBe(armedAt + 3_000_000_000n);
    expect(events(report, 'execution').filter((e) => e.entryPoint === 'canister_global_timer')).toHaveLength(1);
  });
});

describe('[engine/scheduler] bounded-wait calls', () => {
  it('a call still unanswered at its deadline gets SYS_UNKNOWN (6); the late reply is dropped', async () => {
    const report = await runInline({
      subnet: { preset: 'classroom' },
      canisters: [
        { name: 'caller', source: { wat: CALLER_WAT }, initArg: { hex: canisterIdHex(1) } },
        { name: 'callee', source: { wat: CALLEE_WAT } },
      ],
      steps: [{ call: { to: 'caller', method: 'call_slow_bounded', wait: true } }],
    });
    const bytes = Buffer.from(report.steps[0].reply!, 'hex');
    expect(String.fromCharCode(bytes[0])).toBe('J');
    expect(bytes[1]).toBe(6);
    expect(events(report, 'call_timed_out')).toHaveLength(1);
    expect(report.idle).toBe(true);
  });
});

describe('[engine/scheduler] a long install_code', () => {
  const V1 = canister(`(global $v (mut i64) (i64.const 1)) (func (export "canister_query version") (call $reply_i64 (global.get $v)))`);
  const V2 = canister(`(global $v (mut i64) (i64.const 2))
    (func (export "canister_post_upgrade") (local $i i32)
      (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (i32.const 1000000)))))
    (func (export "canister_query version") (call $reply_i64 (global.get $v)))`);

  it('is sliced too: the old code answers queries until the upgrade commits at its last slice', async () => {
    const report = await runInline(oneCanister(V1, [
      { manage: { method: 'install_code', canister: 'c', mode: 'upgrade', source: { wat: V2 } } },
      { tick: 2 },
      { query: { to: 'c', method: 'version' } },
      { tick: 10 },
      { query: { to: 'c', method: 'version' } },
    ]));
    const slices = events(report, 'execution_slice').filter((e) => e.entryPoint === 'install_code');
    expect(slices.length).toBeGreaterThan(3);
    expect(report.steps[0]).toMatchObject({ status: 'replied', completedRound: slices.length });
    expect(replyInt(report.steps[2])).toBe(1n);
    expect(replyInt(report.steps[4])).toBe(2n);
  });
});
