/**
 * [engine/ic0] More System API functions, each observed through a reply (ic-reference.md §1.2).
 */
import { describe, expect, it } from 'vitest';
import { canister } from '../helpers/prelude.ts';
import { oneCanister, replyInt, runInline } from '../helpers/runInline.ts';

const READ128 = `(func $reply_u128_low (call $reply_i64 (i64.load (i32.const 0))))`;

describe('[engine/ic0] self, status, controllers, mode', () => {
  const cases: { name: string; body: string; method?: 'call' | 'query'; expected: bigint }[] = [
    { name: 'canister_self_size is 10 for a minted id', body: `(func (export "canister_update f") (call $reply_i32 (call $canister_self_size)))`, expected: 10n },
    {
      name: 'canister_self_copy gives the id bytes (index 0 → last two bytes 0x01 0x01)',
      body: `(func (export "canister_update f") (call $canister_self_copy (i32.const 100) (i32.const 8) (i32.const 2)) (call $reply_i32 (i32.load16_u (i32.const 100))))`,
      expected: 0x0101n,
    },
    { name: 'canister_status is 1 (running)', body: `(func (export "canister_update f") (call $reply_i32 (call $canister_status)))`, expected: 1n },
    {
      name: 'is_controller recognises the caller (the default controller is the first user)',
      body: `(func (export "canister_update f")
        (call $msg_caller_copy (i32.const 100) (i32.const 0) (call $msg_caller_size))
        (call $reply_i32 (call $is_controller (i32.const 100) (call $msg_caller_size))))`,
      expected: 1n,
    },
    {
      name: 'is_controller is 0 for the canister itself',
      body: `(func (export "canister_update f")
        (call $canister_self_copy (i32.const 100) (i32.const 0) (call $canister_self_size))
        (call $reply_i32 (call $is_controller (i32.const 100) (call $canister_self_size))))`,
      expected: 0n,
    },
    { name: 'in_replicated_execution is 1 in an update', body: `(func (export "canister_update f") (call $reply_i32 (call $in_replicated_execution)))`, expected: 1n },
    { name: 'in_replicated_execution is 0 in a query', method: 'query', body: `(func (export "canister_query f") (call $reply_i32 (call $in_replicated_execution)))`, expected: 0n },
    { name: 'in_replicated_execution is 1 in a query called as an update', body: `(func (export "canister_query f") (call $reply_i32 (call $in_replicated_execution)))`, expected: 1n },
  ];
  it.each(cases)('$name', async ({ body, method, expected }) => {
    const step = method === 'query' ? { query: { to: 'c', method: 'f' } } : { call: { to: 'c', method: 'f', wait: true } };
    const report = await runInline(oneCanister(canister(body), [step]));
    expect(replyInt(report.steps[0])).toBe(expected);
  });
});

describe('[engine/ic0] cycles', () => {
  it('canister_cycle_balance128 is the balance minus this message\'s prepayment', async () => {
    const report = await runInline(oneCanister(canister(`${READ128}
      (func (export "canister_update f") (call $canister_cycle_balance128 (i32.const 0)) (call $reply_u128_low))`),
      [{ call: { to: 'c', method: 'f', wait: true } }], { subnet: { preset: 'ic' } }));
    const seen = replyInt(report.steps[0]);
    const fees = report.events.filter((e) => e.kind === 'cycles_charged' || e.kind === 'cycles_refunded');
    // Seen during execution: 100 T − install's net charge − ingress fee − this message's prepayment at 40 B.
    const before = fees.filter((e) => !(e.kind === 'cycles_refunded' && e.charge === 'execution') && !(e.kind === 'cycles_charged' && e.charge === 'execution'))
      .reduce((acc, e) => acc + (e.kind === 'cycles_charged' ? -BigInt(e.amount as string) : BigInt(e.amount as string)), 100_000_000_000_000n);
    expect(seen).toBe(before - 40_005_000_000n);
  });

  it('msg_cycles_available128 is 0 for ingress; cycles_burn128 burns and is rolled back by a trap', async () => {
    const wat = canister(`${READ128}
      (func (export "canister_update available") (call $msg_cycles_available128 (i32.const 0)) (call $reply_u128_low))
      (func (export "canister_update burn") (call $cycles_burn128 (i64.const 0) (i64.const 1000000) (i32.const 0)) (call $reply_u128_low))
      (func (export "canister_update burn_then_trap") (call $cycles_burn128 (i64.const 0) (i64.const 1000000) (i32.const 0)) (unreachable))`);
    const report = await runInline(oneCanister(wat, [
      { call: { to: 'c', method: 'available', wait: true } },
      { call: { to: 'c', method: 'burn', wait: true } },
      { call: { to: 'c', method: 'burn_then_trap', wait: true } },
    ]));
    expect(replyInt(report.steps[0])).toBe(0n);
    expect(replyInt(report.steps[1])).toBe(1_000_000n);
    const burns = report.events.filter((e) => e.kind === 'cycles_charged' && e.charge === 'burn');
    expect(burns.map((e) => e.amount)).toEqual(['1000000']);
  });

  it('cost_call and cost_create_canister quote the fee table', async () => {
    const wat = `(module
      (import "ic0" "cost_call" (func $cost_call (param i64 i64 i32)))
      (import "ic0" "cost_create_canister" (func $cost_create (param i32)))
      (import "ic0" "msg_reply" (func $reply)) (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
      (memory 1)
      (func (export "canister_query call_cost") (call $cost_call (i64.const 0) (i64.const 0) (i32.const 0)) (call $append (i32.const 0) (i32.const 16)) (call $reply))
      (func (export "canister_query create_cost") (call $cost_create (i32.const 0)) (call $append (i32.const 0) (i32.const 16)) (call $reply)))`;
    const report = await runInline(oneCanister(wat, [
      { query: { to: 'c', method: 'call_cost' } },
      { query: { to: 'c', method: 'create_cost' } },
    ], { subnet: { preset: 'ic', nodes: 13 } }));
    // 260,000 + 2 MiB × 1,000 + 5,000,000 + 40 B = 42,102,412,000 on 13 nodes (ic-reference.md §5.4).
    expect(replyInt(report.steps[0])).toBe(42_102_412_000n);
    expect(replyInt(report.steps[1])).toBe(500_000_000_000n);
  });
});

describe('[engine/ic0] inspect_message, timer, certified data, 32-bit stable', () => {
  it('canister_inspect_message sees the method name and refuses what it does not accept', async () => {
    const wat = canister(`
      (data (i32.const 200) "open")
      (func (export "canister_inspect_message")
        (call $msg_method_name_copy (i32.const 100) (i32.const 0) (call $msg_method_name_size))
        (if (i32.and (i32.eq (call $msg_method_name_size) (i32.const 4)) (i32.eq (i32.load (i32.const 100)) (i32.load (i32.const 200))))
          (then (call $accept_message))))
      (func (export "canister_update open") (call $msg_reply))
      (func (export "canister_update closed") (call $msg_reply))`);
    const report = await runInline(oneCanister(wat, [
      { call: { to: 'c', method: 'open', wait: true } },
      { call: { to: 'c', method: 'closed', wait: true } },
    ]));
    expect(report.steps[0].status).toBe('replied');
    expect(report.steps[1]).toMatchObject({ status: 'rejected', rejectCode: 4, errorCode: 'IC0406', submittedRound: 1, completedRound: 1 });
  });

  it('global_timer_set returns the previous value and is undone by a trap', async () => {
    const wat = canister(`
      (func (export "canister_update set") (call $reply_i64 (call $global_timer_set (i64.const 77))))
      (func (export "canister_update set_then_trap") (drop (call $global_timer_set (i64.const 99))) (unreachable))`);
    const report = await runInline(oneCanister(wat, [
      { call: { to: 'c', method: 'set', wait: true } },
      { call: { to: 'c', method: 'set_then_trap', wait: true } },
      { call: { to: 'c', method: 'set', wait: true } },
    ]));
    expect(replyInt(report.steps[0])).toBe(0n);
    expect(replyInt(report.steps[2])).toBe(77n);
  });

  it('certified_data_set refuses more than 32 bytes', async () => {
    const wat = canister(`(func (export "canister_update f") (call $certified_data_set (i32.const 0) (i32.const 33)) (call $msg_reply))`);
    const report = await runInline(oneCanister(wat, [{ call: { to: 'c', method: 'f', wait: true } }]));
    expect(report.steps[0]).toMatchObject({ status: 'rejected', errorCode: 'IC0504' });
  });

  it('the 32-bit stable API grows and reports pages', async () => {
    const wat = canister(`(func (export "canister_update f") (drop (call $stable_grow (i32.const 2))) (call $reply_i32 (call $stable_size)))`);
    const report = await runInline(oneCanister(wat, [{ call: { to: 'c', method: 'f', wait: true } }]));
    expect(replyInt(report.steps[0])).toBe(2n);
    expect(report.canisters.c.stableMemoryBytes).toBe(String(2 * 65536));
  });

  it('debug_print lines land in the log with their round', async () => {
    const wat = canister(`(data (i32.const 100) "hi there") (func (export "canister_update f") (call $debug_print (i32.const 100) (i32.const 8)) (call $msg_reply))`);
    const report = await runInline(oneCanister(wat, [{ tick: 2 }, { call: { to: 'c', method: 'f' } }]));
    expect(report.logs).toEqual([{ round: 3, canister: 'c', text: 'hi there', trap: false }]);
  });
});

describe('[engine/ic0] reject messages', () => {
  it('a reject message over 8 KiB reaches the user cut to 8 KiB (ic-reference.md §3.6)', async () => {
    const body = `(func (export "canister_update f")
      (memory.fill (i32.const 0) (i32.const 97) (i32.const 10000))
      (call $msg_reject (i32.const 0) (i32.const 10000)))`;
    const report = await runInline(oneCanister(canister(body), [{ call: { to: 'c', method: 'f', wait: true } }]));
    expect(report.steps[0].status).toBe('rejected');
    expect(report.steps[0].rejectMessage).toBe('a'.repeat(8192));
  });

  it('a reject message of 8 KiB or less reaches the user whole', async () => {
    const body = `(func (export "canister_update f")
      (memory.fill (i32.const 0) (i32.const 98) (i32.const 8192))
      (call $msg_reject (i32.const 0) (i32.const 8192)))`;
    const report = await runInline(oneCanister(canister(body), [{ call: { to: 'c', method: 'f', wait: true } }]));
    expect(report.steps[0].rejectMessage).toBe('b'.repeat(8192));
  });
});

describe('[engine/ic0] subnet_self_node_count (ic-reference.md §12: newer spec text, everywhere but (start))', () => {
  const NODE_COUNT = `(module
    (import "ic0" "subnet_self_node_count" (func $node_count (result i32)))
    (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
    (import "ic0" "msg_reply" (func $reply))
    (memory 1)
    (func $reply_count (i32.store (i32.const 0) (call $node_count)) (call $append (i32.const 0) (i32.const 4)) (call $reply))
    (func (export "canister_update f") (call $reply_count))
    (func (export "canister_query q") (call $reply_count)))`;
  it.each([[13, 'call'], [34, 'call'], [1, 'query'], [40, 'query']] as const)('is the subnet\'s %i nodes in a %s', async (nodes, kind) => {
    const step = kind === 'query' ? { query: { to: 'c', method: 'q' } } : { call: { to: 'c', method: 'f', wait: true } };
    const report = await runInline({ ...oneCanister(NODE_COUNT, [step]), subnet: { preset: 'classroom', nodes } });
    expect(report.steps[0].status).toBe('replied');
    expect(replyInt(report.steps[0])).toBe(BigInt(nodes));
  });
});
