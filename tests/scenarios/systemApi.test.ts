/**
 * [engine/ic0] The System API of a single canister as a user sees it through scenarios: each function's
 * result and its context rules (ic-reference.md §1.2, §1.3).
 */
import { describe, expect, it } from 'vitest';
import { canister, HELPERS, IMPORTS } from '../helpers/prelude.ts';
import { events, oneCanister, replyInt, runInline, tryRunInline } from '../helpers/runInline.ts';

const GENESIS_NS = 1_620_604_800_000_000_000n;

describe('[engine/ic0] results', () => {
  const cases: { name: string; body: string; arg?: unknown; expected: bigint; memory?: string; extra?: Record<string, unknown> }[] = [
    {
      name: 'msg_arg_data_size sees the argument',
      body: `(func (export "canister_update f") (call $reply_i32 (call $msg_arg_data_size)))`,
      arg: { text: 'hello' },
      expected: 5n,
    },
    {
      name: 'msg_arg_data_copy copies it',
      body: `(func (export "canister_update f") (call $msg_arg_data_copy (i32.const 100) (i32.const 1) (i32.const 2))
        (call $reply_i32 (i32.load16_u (i32.const 100))))`,
      arg: { hex: '00ff01' },
      expected: 0x01ffn,
    },
    {
      name: 'msg_caller_size is 29 for a user (self-authenticating)',
      body: `(func (export "canister_update f") (call $reply_i32 (call $msg_caller_size)))`,
      expected: 29n,
    },
    {
      name: 'time is the round time, starting at 2021-05-10',
      body: `(func (export "canister_update f") (call $reply_i64 (call $time)))`,
      expected: GENESIS_NS,
    },
    {
      name: 'canister_version counts successful updates (install = 1, then this call sees 1)',
      body: `(func (export "canister_update f") (call $reply_i64 (call $canister_version)))`,
      expected: 1n,
    },
    {
      name: 'performance_counter(0) counts instructions so far, including the ic0 overhead',
      body: `(func (export "canister_update f") (call $reply_i64 (call $performance_counter (i32.const 0))))`,
      // The whole entry block is charged at its start (ic-reference.md §8.1): function entry 1, i32.const 1,
      // two calls 5 each; then performance_counter's own overhead, 200 (§8.3).
      expected: 1n + 1n + 5n + 5n + 200n,
    },
    {
      name: 'stable64_grow returns the old size and stable memory starts empty',
      body: `(func (export "canister_update f") (drop (call $stable64_grow (i64.const 3))) (call $reply_i64 (call $stable64_grow (i64.const 1))))`,
      expected: 3n,
    },
    {
      name: 'stable memory reads back what was written',
      body: `(func (export "canister_update f")
        (drop (call $stable64_grow (i64.const 1)))
        (i64.store (i32.const 200) (i64.const 424242))
        (call $stable64_write (i64.const 65000) (i64.const 200) (i64.const 8))
        (call $stable64_read (i64.const 300) (i64.const 65000) (i64.const 8))
        (call $reply_i64 (i64.load (i32.const 300))))`,
      expected: 424242n,
    },
  ];
  it.each(cases)('$name', async ({ body, arg, expected, memory, extra }) => {
    const report = await runInline(oneCanister(canister(body, memory), [{ call: { to: 'c', method: 'f', arg, wait: true } }], extra));
    expect(replyInt(report.steps[0])).toBe(expected);
  });
});

describe('[engine/ic0] traps and limits', () => {
  const cases = [
    {
      name: 'stable read past the end traps',
      body: `(func (export "canister_update f") (call $stable64_read (i64.const 0) (i64.const 0) (i64.const 1)) (call $msg_reply))`,
      errorCode: 'IC0502',
      message: 'stable memory out of bounds',
    },
    {
      name: 'copying the argument past the end of memory traps',
      body: `(func (export "canister_update f") (call $msg_arg_data_copy (i32.const 65535) (i32.const 0) (i32.const 5)) (call $msg_reply))`,
      errorCode: 'IC0504',
      message: 'exceeds the slice size',
    },
    {
      name: 'an unknown performance counter type traps',
      body: `(func (export "canister_update f") (drop (call $performance_counter (i32.const 7))) (call $msg_reply))`,
      errorCode: 'IC0504',
      message: 'unknown counter type 7',
    },
    {
      name: 'integer division by zero traps',
      body: `(func (export "canister_update f") (drop (i32.div_u (i32.const 1) (i32.const 0))) (call $msg_reply))`,
      errorCode: 'IC0502',
      message: 'Canister trapped: integer division by 0',
    },
    {
      name: 'memory access out of bounds traps',
      body: `(func (export "canister_update f") (drop (i32.load (i32.const 70000))) (call $msg_reply))`,
      errorCode: 'IC0502',
      message: 'Canister trapped: heap out of bounds',
    },
  ];
  it.each(cases)('$name', async ({ body, errorCode, message }) => {
    const report = await runInline(oneCanister(canister(body), [{ call: { to: 'c', method: 'f', arg: { text: 'hello' }, wait: true } }]));
    expect(report.steps[0]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode });
    expect(report.steps[0].rejectMessage).toContain(message);
  });
});

describe('[engine/ic0] where each call is allowed (IC0504)', () => {
  it('msg_reply in canister_init fails the install with the replica\'s text', async () => {
    const report = await runInline({
      canisters: [{ name: 'c', source: { wat: canister('(func (export "canister_update f") (call $msg_reply))') } }],
      steps: [{ manage: { method: 'install_code', canister: 'c', mode: 'reinstall', source: { wat: canister('(func (export "canister_init") (call $msg_reply))') }, wait: true } }],
    });
    const exec = report.events.find((e) => e.kind === 'execution' && e.entryPoint === 'canister_init')!;
    expect(exec.outcome).toBe('trap');
    expect(exec.errorCode).toBe('IC0504');
    expect(exec.message).toBe('Canister violated contract: "ic0_msg_reply" cannot be executed in init mode');
    expect(report.steps[0]).toMatchObject({ status: 'rejected', errorCode: 'IC0504' });
    expect(report.canisters.c.empty).toBe(false);
  });

  it('a set-up canister whose init traps makes the scenario unusable, naming it', async () => {
    const result = await tryRunInline({ canisters: [{ name: 'c', source: { wat: canister('(func (export "canister_init") (call $msg_reply))') } }] });
    expect(result).toEqual({ ok: false, error: expect.stringContaining('canister "c": could not be installed: IC0504') });
  });

  it('msg_caller is allowed in a query but msg_reply_data_append is not in inspect_message', async () => {
    const wat = canister(`
      (func (export "canister_inspect_message") (call $msg_reply_data_append (i32.const 0) (i32.const 1)))
      (func (export "canister_update f") (call $msg_reply))
      (func (export "canister_query who") (call $reply_i32 (call $msg_caller_size)))`);
    const report = await runInline(oneCanister(wat, [
      { call: { to: 'c', method: 'f', wait: true } },
      { query: { to: 'c', method: 'who' } },
    ]));
    expect(report.steps[0]).toMatchObject({ status: 'rejected', errorCode: 'IC0504' });
    expect(report.steps[0].rejectMessage).toContain('"ic0_msg_reply_data_append" cannot be executed in inspect message mode');
    expect(replyInt(report.steps[1])).toBe(29n);
  });
});

describe('[engine/ic0] msg_reject_code in a cleanup callback (ic-reference.md §1.2 table, §3.5)', () => {
  // `msg_reject_code` is allowed in cleanup (context C, spec ≥ v0.54): it returns the code of the reject whose
  // callback trapped, and 0 after a reply (§1.2 "returns 0 in a reply callback (and in the cleanup of a reply
  // callback)"). The canister calls itself (or a canister that does not exist); both callbacks trap, so cleanup
  // runs and keeps what it saw (§3.5.3).
  const CLEANUP = `(module ${IMPORTS}
    (import "ic0" "msg_reject_code" (func $msg_reject_code (result i32)))
    (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
    (import "ic0" "call_on_cleanup" (func $call_on_cleanup (param i32 i32)))
    (import "ic0" "call_perform" (func $call_perform (result i32)))
    (memory 1) ${HELPERS}
    (table 3 funcref) (elem (i32.const 0) $on_reply $on_reject $on_cleanup)
    (global $seen (mut i64) (i64.const -1))
    (data (i32.const 400) "\\00\\00\\00\\00\\00\\00\\00\\09\\01\\01")
    (func $on_reply (param i32) unreachable)
    (func $on_reject (param i32) unreachable)
    (func $on_cleanup (param i32) (global.set $seen (i64.extend_i32_u (call $msg_reject_code))))
    (func $call (param $callee i32) (param $len i32)
      (call $msg_arg_data_copy (i32.const 300) (i32.const 0) (call $msg_arg_data_size))
      (call $call_new (local.get $callee) (local.get $len) (i32.const 300) (call $msg_arg_data_size)
        (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0))
      (call $call_on_cleanup (i32.const 2) (i32.const 0))
      (drop (call $call_perform)))
    (func (export "canister_update call_self")
      (call $canister_self_copy (i32.const 100) (i32.const 0) (call $canister_self_size))
      (call $call (i32.const 100) (call $canister_self_size)))
    (func (export "canister_update call_nowhere") (call $call (i32.const 400) (i32.const 10)))
    (func (export "canister_update replies") (call $msg_reply))
    (func (export "canister_update rejects") (call $msg_reject (i32.const 0) (i32.const 0)))
    (func (export "canister_update traps") unreachable)
    (func (export "canister_query seen") (call $reply_i64 (global.get $seen))))`;

  const cases = [
    { name: 'after a reply: 0', method: 'call_self', callee: 'replies', expected: 0n },
    { name: 'after msg_reject: 4 CANISTER_REJECT', method: 'call_self', callee: 'rejects', expected: 4n },
    { name: 'after a trap: 5 CANISTER_ERROR', method: 'call_self', callee: 'traps', expected: 5n },
    { name: 'after a call to a method that does not exist: 5 CANISTER_ERROR', method: 'call_self', callee: 'missing', expected: 5n },
    { name: 'after a call to a canister that does not exist: 3 DESTINATION_INVALID', method: 'call_nowhere', callee: 'any', expected: 3n },
  ];
  it.each(cases)('$name', async ({ method, callee, expected }) => {
    const report = await runInline(oneCanister(CLEANUP, [
      { call: { to: 'c', method, arg: { text: callee }, wait: true } },
      { query: { to: 'c', method: 'seen' } },
    ]));
    expect(report.steps[0]).toMatchObject({ status: 'rejected', errorCode: 'IC0502' }); // the trapping callback's
    expect(events(report, 'execution').filter((e) => e.entryPoint === 'cleanup')).toEqual([expect.objectContaining({ outcome: 'ok' })]);
    expect(replyInt(report.steps[1])).toBe(expected);
  });
});
