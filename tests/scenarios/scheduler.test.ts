/**
 * [engine/scheduler] Deterministic time slicing, heartbeats and the global timer, bounded-wait calls
 * (ic-reference.md §7, §2.2, §3.7).
 */
import { describe, expect, it } from 'vitest';
import { canister } from '../helpers/prelude.ts';
import { CALLEE_WAT, CALLER_WAT, canisterIdHex } from '../helpers/callerCanister.ts';
import { events, oneCanister, replyInt, runInline } from '../helpers/runInline.ts';
import { PROXY_WAT, proxyArg, proxyOutcome } from '../helpers/proxyCanister.ts';

const OTHER = 'rrkah-fqaaa-aaaaa-aaaaq-cai';

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
    // The quick update waited behind the long one on the same canister, and ran after its last slice, in the same
    // round's next iteration (ic-reference.md §7.1).
    expect(report.steps[1].completedRound).toBe(total);
    const lastRound = report.events.filter((e) => e.round === total).map((e) => (e.kind === 'execution' ? e.entryPoint : e.kind));
    expect(lastRound.indexOf('canister_update quick')).toBeGreaterThan(lastRound.indexOf('canister_update long'));
    expect(lastRound).toContain('iteration_started');
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

describe('[engine/scheduler] a query method called in replicated mode (ic-reference.md §6.1)', () => {
  // §6.1: a query method keeps the 5 B query limit however it is called, and is not time-sliced
  // (`InstructionLimits::new(max_instructions_per_message_without_dts, slice)`). Classroom preset: 5 M per query,
  // 40 M per update, 2 M per slice; a loop iteration costs 10 instructions.
  const SPIN = canister(`
    (func $spin (param $n i32) (local $i i32)
      (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
    (func (export "canister_update u4") (call $spin (i32.const 400000)) (call $reply_i64 (i64.const 4)))
    (func (export "canister_query q4") (call $spin (i32.const 400000)) (call $reply_i64 (i64.const 4)))
    (func (export "canister_update u6") (call $spin (i32.const 600000)) (call $reply_i64 (i64.const 6)))
    (func (export "canister_query q6") (call $spin (i32.const 600000)) (call $reply_i64 (i64.const 6)))`);
  const BASE_FEE = 5_000_000n; // update_message_execution_fee, 13 nodes (§5.1)

  const cases = [
    { name: 'an update of 4 M instructions is sliced over 2 rounds', method: 'u4', rounds: 2, slices: 2, prepaid: BASE_FEE + 40_000_000n },
    { name: 'a query of 4 M instructions called as an update runs in one round, unsliced, prepaid at the query limit', method: 'q4', rounds: 1, slices: 1, prepaid: BASE_FEE + 5_000_000n },
    { name: 'an update of 6 M instructions is within the 40 M update limit', method: 'u6', rounds: 3, slices: 3, prepaid: BASE_FEE + 40_000_000n },
    { name: 'a query of 6 M instructions called as an update exceeds the 5 M query limit (IC0522)', method: 'q6', rounds: 1, slices: 1, prepaid: BASE_FEE + 5_000_000n, errorCode: 'IC0522' },
  ];
  it.each(cases)('$name', async ({ method, rounds, slices, prepaid, errorCode }) => {
    const report = await runInline(oneCanister(SPIN, [{ call: { to: 'c', method, wait: true } }]));
    expect(report.steps[0].completedRound).toBe(rounds);
    if (errorCode) {
      expect(report.steps[0]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode });
      expect(report.steps[0].rejectMessage).toContain('limit of 5000000 instructions');
    } else {
      expect(report.steps[0].status).toBe('replied');
    }
    const exec = events(report, 'execution').find((e) => e.entryPoint !== 'canister_init')!;
    expect(exec.slices).toBe(slices);
    expect(events(report, 'execution_slice')).toHaveLength(slices > 1 ? slices : 0);
    expect(events(report, 'cycles_charged').find((e) => e.charge === 'execution')!.amount).toBe(String(prepaid));
  });

  it('called by another canister, it keeps the 5 M limit too', async () => {
    const report = await runInline({
      subnet: { preset: 'classroom' },
      canisters: [{ name: 'proxy', source: { wat: PROXY_WAT } }, { name: 'c', source: { wat: SPIN } }],
      steps: [
        { call: { to: 'proxy', method: 'call', arg: { hex: proxyArg(OTHER, 'q6', 0n, new Uint8Array(0)) }, wait: true } },
        { call: { to: 'proxy', method: 'call', arg: { hex: proxyArg(OTHER, 'u6', 0n, new Uint8Array(0)) }, wait: true } },
      ],
    });
    const q6 = proxyOutcome(report.steps[0].reply!);
    expect(q6).toMatchObject({ type: 'reject', code: 5 });
    expect(q6.type === 'reject' && q6.message).toContain('limit of 5000000 instructions');
    expect(proxyOutcome(report.steps[1].reply!).type).toBe('reply');
  });
});
