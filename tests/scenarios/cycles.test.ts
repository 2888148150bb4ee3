/**
 * [engine/cycles] The cycles economy: freezing, running out of cycles, creating canisters with attached
 * cycles, and conservation after every round (ic-reference.md §4.2, §5).
 */
import { describe, expect, it } from 'vitest';
import { canister } from '../helpers/prelude.ts';
import { CALLEE_WAT, CALLER_WAT, canisterIdHex } from '../helpers/callerCanister.ts';
import { events, oneCanister, replyInt, runInline } from '../helpers/runInline.ts';
import { parseScenario } from '../../src/scenario/parseScenario.ts';
import { runScenario } from '../../src/scenario/runScenario.ts';
import { cyclesImbalance, cyclesLedger, type Subnet } from '../../src/engine/index.ts';

const COUNTER = canister(`
  (global $n (mut i64) (i64.const 0))
  (func (export "canister_update inc") (global.set $n (i64.add (global.get $n) (i64.const 1))) (call $reply_i64 (global.get $n)))
  (func (export "canister_query get") (call $reply_i64 (global.get $n)))`, '(memory 16)');

describe('[engine/cycles] freezing', () => {
  it('a canister below its freezing limit refuses calls (IC0207); its controller can lower the threshold', async () => {
    const report = await runInline(oneCanister(COUNTER, [
      { call: { to: 'c', method: 'inc', wait: true } },
      { manage: { method: 'update_settings', canister: 'c', settings: { freezingThreshold: '18446744073709551615' }, wait: true } },
      { call: { to: 'c', method: 'inc', wait: true } },
      { query: { to: 'c', method: 'get' } },
      { manage: { method: 'update_settings', canister: 'c', settings: { freezingThreshold: '0' }, wait: true } },
      { call: { to: 'c', method: 'inc', wait: true } },
    ]));
    expect(report.steps[1].status).toBe('replied');
    expect(report.steps[2]).toMatchObject({ status: 'rejected', rejectCode: 2, errorCode: 'IC0207' });
    expect(report.steps[3]).toMatchObject({ status: 'rejected', errorCode: 'IC0207' });
    expect(report.steps[4].status).toBe('replied');
    expect(replyInt(report.steps[5])).toBe(2n);
    expect(report.canisters.c.frozen).toBe(false);
    expect(events(report, 'frozen_changed').map((e) => e.frozen)).toEqual([true, false]);
  });
});

describe('[engine/cycles] running out', () => {
  it('storage charges drain the balance; at zero the canister is uninstalled, its id and controllers kept', async () => {
    // 1 MiB of memory for 1,000 days at 127,000 cycles per GiB·s costs ≈ 10.7 B cycles: more than it has.
    const report = await runInline(oneCanister(COUNTER, [
      { call: { to: 'c', method: 'inc', wait: true } },
      { advanceTime: { seconds: '86400000' } },
      { call: { to: 'c', method: 'inc', wait: true } },
    ], { canisters: [{ name: 'c', source: { wat: COUNTER }, cycles: '10000000000', settings: { freezingThreshold: '0' } }] }));
    expect(report.canisters.c).toMatchObject({ empty: true, cycles: '0', moduleHash: null });
    expect(events(report, 'code_uninstalled')).toEqual([expect.objectContaining({ reason: 'out_of_cycles' })]);
    expect(report.steps[2]).toMatchObject({ status: 'rejected', errorCode: 'IC0537' });
  });
});

describe('[engine/cycles] create_canister', () => {
  it('a canister creates a canister with attached cycles, less the creation fee', async () => {
    const creator = `(module
      (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
      (import "ic0" "call_data_append" (func $append_arg (param i32 i32)))
      (import "ic0" "call_cycles_add128" (func $add (param i64 i64)))
      (import "ic0" "call_perform" (func $perform (result i32)))
      (import "ic0" "msg_arg_data_size" (func $size (result i32)))
      (import "ic0" "msg_arg_data_copy" (func $copy (param i32 i32 i32)))
      (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
      (import "ic0" "msg_reply" (func $reply))
      (memory 1) (table 1 funcref) (elem (i32.const 0) $done)
      (data (i32.const 16) "create_canister")
      (data (i32.const 32) "DIDL\\01\\6c\\00\\01\\00")
      (func (export "canister_update create")
        (call $call_new (i32.const 0) (i32.const 0) (i32.const 16) (i32.const 15) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
        (call $append_arg (i32.const 32) (i32.const 9))
        (call $add (i64.const 0) (i64.const 1000000000000))
        (drop (call $perform)))
      (func $done (param i32)
        (call $copy (i32.const 100) (i32.const 0) (call $size))
        (call $append (i32.const 100) (call $size))
        (call $reply)))`;
    const report = await runInline({ canisters: [{ name: 'creator', source: { wat: creator } }], steps: [{ call: { to: 'creator', method: 'create', wait: true } }] });
    expect(report.steps[0].status).toBe('replied');
    const created = Object.values(report.canisters).find((c) => c.id === 'rrkah-fqaaa-aaaaa-aaaaq-cai')!;
    expect(created).toMatchObject({ empty: true, status: 'running', controllers: [report.principals.creator] });
    // 1 T attached − 500 B creation fee (13 nodes, ic-reference.md §4.2).
    expect(created.cycles).toBe('500000000000');
    expect(report.canisters['rrkah-fqaaa-aaaaa-aaaaq-cai']).toBeDefined();
  });
});

describe('[engine/cycles] conservation', () => {
  it('balances + in flight + reserved + burned = minted after every round of a busy scenario', async () => {
    const parsed = parseScenario(JSON.stringify({
      format: 'canister-playground/scenario@1',
      subnet: { preset: 'classroom' },
      canisters: [
        { name: 'caller', source: { wat: CALLER_WAT }, initArg: { hex: canisterIdHex(1) } },
        { name: 'callee', source: { wat: CALLEE_WAT } },
      ],
      steps: [
        { call: { to: 'caller', method: 'call_accept_half', arg: { hex: '40420f0000000000' } } },
        { call: { to: 'caller', method: 'call_trap' } },
        { call: { to: 'caller', method: 'call_inc_trap_in_callback' } },
        { call: { to: 'caller', method: 'call_slow' } },
        { topUp: { canister: 'callee', cycles: '123456789' } },
      ],
    }));
    if (!parsed.ok) throw new Error(parsed.error);
    const result = await runScenario(parsed.scenario);
    if (!result.ok) throw new Error(result.error);
    const subnet: Subnet = result.subnet;
    expect(cyclesImbalance(cyclesLedger(subnet.state))).toBe(0n);
    // And round by round, replaying with a probe.
    const again = await runScenario({ ...parsed.scenario, steps: [...parsed.scenario.steps.slice(0, 4)], maxRounds: 0 });
    if (!again.ok) throw new Error(again.error);
    for (let round = 0; round < 30; round++) {
      again.subnet.executeRound();
      expect(cyclesImbalance(cyclesLedger(again.subnet.state)), `round ${round + 1}`).toBe(0n);
    }
  });
});

describe('[engine/cycles] message memory (ic-reference.md §5.2, §5.4, §5.5)', () => {
  // Each outstanding call reserves room for the largest response, 2 MiB (§5.4); that message memory is billed
  // beside storage: `idle_cycles_burned_per_day` has `+ memory_cost(message_memory, 1 day)` (§5.2), so it raises
  // the freezing limit, and the periodic charge covers it (§5.5). Callers `a` and `b` are alike except that `a` has a
  // call out (to the callee's `slow`, 15 slices on the classroom preset).
  const MIB2_PER_SECOND_TIMES_GIB = 2n * 1024n * 1024n * 127_000n; // 2 MiB × gib_storage_per_second_fee
  const memoryCost = (seconds: bigint) => (MIB2_PER_SECOND_TIMES_GIB * seconds) / (1n << 30n);

  it('an outstanding call adds 2 MiB to the freezing limit and to the storage charge, until its response', async () => {
    const report = await runInline({
      subnet: { preset: 'classroom' },
      canisters: [
        { name: 'callee', source: { wat: CALLEE_WAT } },
        { name: 'a', source: { wat: CALLER_WAT }, initArg: { hex: canisterIdHex(0) } },
        { name: 'b', source: { wat: CALLER_WAT }, initArg: { hex: canisterIdHex(0) } },
      ],
      steps: [
        { call: { to: 'a', method: 'call_slow' } },
        { tick: 1 },
        { advanceTime: { seconds: '864000' } },
      ],
    });
    const { a, b } = report.principals;
    const limits = (round: Record<string, unknown>) => {
      const balances = round.balances as { canister: string; freezingLimit: string }[];
      const of = (id: string) => BigInt(balances.find((x) => x.canister === id)!.freezingLimit);
      return of(a) - of(b);
    };
    const rounds = events(report, 'round_finished');
    // 2 MiB for the default 30-day threshold: 2 MiB × 127,000 × 2,592,000 s / 2^30 = 642,937,500 (§5.2).
    expect(limits(rounds[0])).toBe(memoryCost(2_592_000n));
    expect(limits(rounds[0])).toBe(642_937_500n);
    // advanceTime charges 864,001 s of storage (genesis to the new time): a pays for the 2 MiB too (§5.5).
    const storage = (id: string) => BigInt(events(report, 'cycles_charged').find((e) => e.charge === 'storage' && e.canister === id)!.amount as string);
    expect(storage(a) - storage(b)).toBe(memoryCost(864_001n));
    // Once the response has run, nothing is reserved any more.
    expect(report.steps[0].status).toBe('replied');
    expect(limits(rounds.at(-1)!)).toBe(0n);
    expect(report.canisters.a.idleCyclesBurnedPerDay).toBe(report.canisters.b.idleCyclesBurnedPerDay);
  });
});
