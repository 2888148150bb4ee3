/**
 * [engine/transactions] Each execution commits on return and rolls back entirely on a trap; queries discard
 * their changes; the reply rules (ic-reference.md §1.2, §3.4, §3.5.6).
 */
import { describe, expect, it } from 'vitest';
import { canister } from '../helpers/prelude.ts';
import { events, oneCanister, replyInt, runInline } from '../helpers/runInline.ts';

const STATEFUL = canister(`
  (global $g (mut i64) (i64.const 0))
  (data (i32.const 300) "boom")
  (func $snapshot (result i64)
    ;; global + memory[64] + stable size + stable[0], packed so one number shows every kind of state
    (i64.add (i64.add (global.get $g) (i64.mul (i64.load (i32.const 64)) (i64.const 1000)))
      (i64.add (i64.mul (call $stable64_size) (i64.const 1000000))
        (i64.mul (i64.extend_i32_u (memory.size)) (i64.const 100000000)))))
  (func $mutate
    (global.set $g (i64.add (global.get $g) (i64.const 1)))
    (i64.store (i32.const 64) (i64.add (i64.load (i32.const 64)) (i64.const 1)))
    (drop (call $stable64_grow (i64.const 1)))
    (drop (memory.grow (i32.const 1))))
  (func (export "canister_update mutate") (call $mutate) (call $reply_i64 (call $snapshot)))
  (func (export "canister_update mutate_then_trap") (call $mutate) (call $trap (i32.const 300) (i32.const 4)))
  (func (export "canister_update mutate_then_unreachable") (call $mutate) (unreachable))
  (func (export "canister_update reply_then_trap") (call $mutate) (call $reply_i64 (i64.const 7)) (unreachable))
  (func (export "canister_query mutate_in_query") (call $mutate) (call $reply_i64 (call $snapshot)))
  (func (export "canister_query read") (call $reply_i64 (call $snapshot)))
`);

describe('[engine/transactions] rollback', () => {
  const cases = [
    { method: 'mutate_then_trap', errorCode: 'IC0503', message: "Canister called `ic0.trap` with message: 'boom'" },
    { method: 'mutate_then_unreachable', errorCode: 'IC0502', message: 'Canister trapped: unreachable' },
    { method: 'reply_then_trap', errorCode: 'IC0502', message: 'Canister trapped: unreachable' },
  ];
  it.each(cases)('a trap in $method discards heap, growth, globals and stable memory', async ({ method, errorCode, message }) => {
    const report = await runInline(oneCanister(STATEFUL, [
      { call: { to: 'c', method: 'mutate', wait: true } },
      { call: { to: 'c', method, wait: true } },
      { query: { to: 'c', method: 'read' } },
    ]));
    const after = replyInt(report.steps[0]);
    expect(after).toBe(2n * 100000000n + 1000000n + 1000n + 1n);
    expect(report.steps[1]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode });
    expect(report.steps[1].rejectMessage).toContain(message);
    expect(report.steps[1].rejectMessage).toMatch(/^Error from Canister rwlgt-iiaaa-aaaaa-aaaaa-cai: /);
    expect(replyInt(report.steps[2])).toBe(after);
    const trap = events(report, 'execution').find((e) => e.outcome === 'trap')!;
    expect(trap.rolledBack).toEqual(expect.arrayContaining(['memory growth of 1 pages', '1 global']));
    expect(report.canisters.c.wasmMemoryBytes).toBe(String(2 * 65536));
  });

  it('a query sees and keeps nothing of its own changes', async () => {
    const report = await runInline(oneCanister(STATEFUL, [
      { query: { to: 'c', method: 'mutate_in_query' } },
      { query: { to: 'c', method: 'read' } },
      { call: { to: 'c', method: 'mutate_in_query', wait: true } },
      { query: { to: 'c', method: 'read' } },
    ]));
    expect(replyInt(report.steps[0])).toBe(2n * 100000000n + 1000000n + 1000n + 1n);
    expect(replyInt(report.steps[1])).toBe(1n * 100000000n);
    // A query called as an update runs replicated, and still discards its state changes.
    expect(replyInt(report.steps[2])).toBe(2n * 100000000n + 1000000n + 1000n + 1n);
    expect(replyInt(report.steps[3])).toBe(1n * 100000000n);
  });

  it('keeps the instructions charged and the log lines of a trapped execution', async () => {
    const report = await runInline(oneCanister(canister(`
      (data (i32.const 100) "before the trap")
      (func (export "canister_update f") (call $debug_print (i32.const 100) (i32.const 15)) (unreachable))`),
    [{ call: { to: 'c', method: 'f', wait: true } }]));
    expect(report.logs.map((l) => l.text)).toEqual(['before the trap']);
    const exec = events(report, 'execution').find((e) => e.entryPoint === 'canister_update f')!;
    expect(BigInt(exec.instructions as string)).toBeGreaterThan(0n);
    const charged = events(report, 'cycles_charged').filter((e) => e.charge === 'execution');
    const refunded = events(report, 'cycles_refunded').filter((e) => e.charge === 'execution');
    const net = BigInt(charged.at(-1)!.amount as string) - BigInt(refunded.at(-1)!.amount as string);
    // Net execution cost = base fee 5,000,000 + 1 cycle per instruction (13 nodes; ic-reference.md §5.3).
    expect(net).toBe(5_000_000n + BigInt(exec.instructions as string));
  });
});

describe('[engine/transactions] reply rules', () => {
  const cases: { name: string; body: string; memory?: string; preset?: string; expected: Record<string, unknown> }[] = [
    {
      name: 'msg_reject gives reject code 4 with the canister\'s text',
      body: `(data (i32.const 100) "no thanks") (func (export "canister_update f") (call $msg_reject (i32.const 100) (i32.const 9)))`,
      expected: { status: 'rejected', rejectCode: 4, errorCode: 'IC0406', rejectMessage: 'no thanks' },
    },
    {
      name: 'returning without a reply gives code 5 / IC0506',
      body: `(func (export "canister_update f"))`,
      expected: { status: 'rejected', rejectCode: 5, errorCode: 'IC0506' },
    },
    {
      name: 'a second reply traps (IC0504)',
      body: `(func (export "canister_update f") (call $msg_reply) (call $msg_reply))`,
      expected: { status: 'rejected', rejectCode: 5, errorCode: 'IC0504' },
    },
    {
      // 2 MiB of reply costs 50 instructions per byte (§8.3): more than the classroom limit, so on the ic preset.
      name: 'a reply over 2 MiB traps',
      preset: 'ic',
      body: `(func (export "canister_update f")
        (call $msg_reply_data_append (i32.const 0) (i32.const 2097152))
        (call $msg_reply_data_append (i32.const 0) (i32.const 1)) (call $msg_reply))`,
      memory: '(memory 33)',
      expected: { status: 'rejected', rejectCode: 5, errorCode: 'IC0504' },
    },
    {
      name: 'a reply of exactly 2 MiB is fine',
      preset: 'ic',
      body: `(func (export "canister_update f") (call $msg_reply_data_append (i32.const 0) (i32.const 2097152)) (call $msg_reply))`,
      memory: '(memory 33)',
      expected: { status: 'replied' },
    },
    {
      name: 'msg_reject with invalid UTF-8 traps',
      body: `(data (i32.const 100) "\\ff\\fe") (func (export "canister_update f") (call $msg_reject (i32.const 100) (i32.const 2)))`,
      expected: { status: 'rejected', rejectCode: 5, errorCode: 'IC0504' },
    },
  ];
  it.each(cases)('$name', async ({ body, memory, expected, preset }) => {
    const report = await runInline(oneCanister(canister(body, memory), [{ call: { to: 'c', method: 'f', wait: true } }],
      preset ? { subnet: { preset } } : {}));
    expect(report.steps[0]).toMatchObject(expected);
  });
});
