/**
 * [engine/bounded-wait] Bounded-wait ("best-effort") calls (ic-reference.md §3.7, §1.2 `msg_deadline` and
 * `call_with_best_effort_response`): the coarse deadline, the system's SYS_UNKNOWN at it, the late reply dropped
 * with its refund still credited, a request dropped from a busy callee's queue with its cycles sent back, and the
 * message memory a bounded-wait call does not reserve.
 */
import { describe, expect, it } from 'vitest';
import { HELPERS, IMPORTS } from '../helpers/prelude.ts';
import { events as allEvents, runInline } from '../helpers/runInline.ts';
import type { Report, StepReport } from '../../src/scenario/reportTypes.ts';

const S = 1_000_000_000n;

/** A module with the usual imports and `imports` of its own, one page of memory, the reply helpers and `body`. */
const withImports = (imports: string, body: string) => `(module ${IMPORTS} ${imports} (memory 1) ${HELPERS} ${body})`;
const CALLEE_ID = '\\00\\00\\00\\00\\00\\00\\00\\01\\01\\01';

/**
 * The caller: `call` takes [timeout u32 LE (0xFFFFFFFF: guaranteed-response) | method name] and calls that method on
 * the scenario's second canister with 1,000,000 cycles attached. Both callbacks answer with what they saw:
 * 'R' | msg_deadline (8) | the callee's reply, or 'J' | reject code (1) | msg_deadline (8) | the reject message.
 */
const CALLER = withImports(`
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "ic0" "call_cycles_add128" (func $call_cycles_add128 (param i64 i64)))
  (import "ic0" "call_with_best_effort_response" (func $wait_at_most (param i32)))
  (import "ic0" "call_perform" (func $call_perform (result i32)))
  (import "ic0" "msg_deadline" (func $msg_deadline (result i64)))
  (import "ic0" "msg_reject_code" (func $reject_code (result i32)))
  (import "ic0" "msg_reject_msg_size" (func $reject_msg_size (result i32)))
  (import "ic0" "msg_reject_msg_copy" (func $reject_msg_copy (param i32 i32 i32)))`, `
  (table 2 funcref)
  (elem (i32.const 0) $on_reply $on_reject)
  (data (i32.const 100) "${CALLEE_ID}")
  (func (export "canister_update busy") (local $turns i32)
    (local.set $turns (i32.const 1800000))
    (loop $turn
      (local.set $turns (i32.sub (local.get $turns) (i32.const 1)))
      (br_if $turn (i32.gt_s (local.get $turns) (i32.const 0))))
    (call $reply_i64 (i64.const 0)))
  (func (export "canister_update call")
    (call $msg_arg_data_copy (i32.const 200) (i32.const 0) (call $msg_arg_data_size))
    (call $call_new (i32.const 100) (i32.const 10) (i32.const 204) (i32.sub (call $msg_arg_data_size) (i32.const 4))
      (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0))
    (call $call_cycles_add128 (i64.const 0) (i64.const 1000000))
    (if (i32.ne (i32.load (i32.const 200)) (i32.const -1)) (then (call $wait_at_most (i32.load (i32.const 200)))))
    (if (call $call_perform) (then unreachable)))
  (func $on_reply (param i32)
    (i32.store8 (i32.const 300) (i32.const 82))
    (i64.store (i32.const 301) (call $msg_deadline))
    (call $msg_reply_data_append (i32.const 300) (i32.const 9))
    (call $msg_arg_data_copy (i32.const 400) (i32.const 0) (call $msg_arg_data_size))
    (call $msg_reply_data_append (i32.const 400) (call $msg_arg_data_size))
    (call $msg_reply))
  (func $on_reject (param i32)
    (i32.store8 (i32.const 300) (i32.const 74))
    (i32.store8 (i32.const 301) (call $reject_code))
    (i64.store (i32.const 302) (call $msg_deadline))
    (call $msg_reply_data_append (i32.const 300) (i32.const 10))
    (call $reject_msg_copy (i32.const 400) (i32.const 0) (call $reject_msg_size))
    (call $msg_reply_data_append (i32.const 400) (call $reject_msg_size))
    (call $msg_reply))`);

/** The callee: `deadline` replies its msg_deadline; `slow` works for 5 slices first; `busy` for 8 (classroom). */
const CALLEE = withImports(`
  (import "ic0" "msg_deadline" (func $msg_deadline (result i64)))`, `
  (global $slow_runs (mut i64) (i64.const 0))
  (func $work (param $turns i32)
    (loop $turn
      (local.set $turns (i32.sub (local.get $turns) (i32.const 1)))
      (br_if $turn (i32.gt_s (local.get $turns) (i32.const 0)))))
  (func (export "canister_update deadline") (call $reply_i64 (call $msg_deadline)))
  (func (export "canister_update slow")
    (call $work (i32.const 1000000))
    (global.set $slow_runs (i64.add (global.get $slow_runs) (i64.const 1)))
    (call $reply_i64 (call $msg_deadline)))
  (func (export "canister_update busy") (call $work (i32.const 1800000)) (call $reply_i64 (i64.const 0)))
  (func (export "canister_query slow_runs") (call $reply_i64 (global.get $slow_runs)))`);

/** The caller's argument: the timeout (null: a guaranteed-response call) and the method. */
function callArg(timeout: number | null, method: string): { hex: string } {
  const t = Buffer.alloc(4);
  t.writeUInt32LE(timeout === null ? 0xffffffff : timeout);
  return { hex: Buffer.concat([t, Buffer.from(method)]).toString('hex') };
}

function pair(steps: unknown[], params: Record<string, string> = {}) {
  return { subnet: { preset: 'classroom', params }, canisters: [{ name: 'caller', source: { wat: CALLER } }, { name: 'callee', source: { wat: CALLEE } }], steps };
}

function answer(step: StepReport): { kind: 'R' | 'J'; code?: number; deadline: bigint; rest: Buffer } {
  const bytes = Buffer.from(step.reply!, 'hex');
  if (bytes[0] === 82) return { kind: 'R', deadline: bytes.readBigUInt64LE(1), rest: bytes.subarray(9) };
  return { kind: 'J', code: bytes[1], deadline: bytes.readBigUInt64LE(2), rest: bytes.subarray(10) };
}

/** The report's events of one kind, with their round and request as numbers. */
const events = (report: Report, kind: string) => allEvents(report, kind) as ({ round: number; requestId: number } & Record<string, unknown>)[];

const roundTime = (report: Report, round: number) => BigInt(events(report, 'round_started').find((e) => e.round === round)!.timeNs as string);

describe('[engine/bounded-wait] the deadline (ic-reference.md §1.2 msg_deadline, §3.7)', () => {
  it.each([
    { name: 'a guaranteed-response call has none: 0 in the callee and in the callback', timeout: null, seconds: null },
    { name: 'a bounded-wait call: the round\'s time + the timeout, in whole seconds', timeout: 5, seconds: 5n },
    { name: 'a timeout over 300 s is cut to 300 s (SAPI MAX_CALL_TIMEOUT_SECONDS)', timeout: 100_000, seconds: 300n },
  ])('$name', async ({ timeout, seconds }) => {
    const report = await runInline(pair([{ call: { to: 'caller', method: 'call', arg: callArg(timeout, 'deadline'), wait: true } }]));
    const sent = events(report, 'request_sent')[0];
    const expected = seconds === null ? 0n : roundTime(report, sent.round) + seconds * S;
    expect(BigInt(sent.deadlineNs as string)).toBe(expected);
    const got = answer(report.steps[0]);
    expect(got.kind).toBe('R');
    expect(got.deadline).toBe(expected); // the reply callback sees it
    expect(got.rest.readBigUInt64LE(0)).toBe(expected); // and so did the callee
  });
});

describe('[engine/bounded-wait] the system answers SYS_UNKNOWN at the deadline (ic-reference.md §3.7)', () => {
  it('once the deadline is before the current second, not at it; "Call deadline has expired.", nothing refunded', async () => {
    const report = await runInline(pair([{ call: { to: 'caller', method: 'call', arg: callArg(1, 'slow'), wait: true } }, { tick: 6 }]));
    const sent = events(report, 'request_sent')[0];
    // sent in round 1 at t: deadline t + 1 s. Round 2 (t + 1 s) is at the deadline, round 3 (t + 2 s) past it.
    expect(events(report, 'call_timed_out').map((e) => e.round)).toEqual([sent.round + 2]);
    const got = answer(report.steps[0]);
    expect(got).toMatchObject({ kind: 'J', code: 6, deadline: BigInt(sent.deadlineNs as string) });
    expect(got.rest.toString()).toBe('Call deadline has expired.');
    expect(events(report, 'response_delivered').find((e) => e.requestId === sent.requestId)).toMatchObject({ refund: '0' });
  });

  it('the callee still runs the request; its late reply is dropped unseen, and the cycles it refunds are credited', async () => {
    const report = await runInline(pair([
      { call: { to: 'caller', method: 'call', arg: callArg(1, 'slow'), wait: true } }, { tick: 6 },
      { query: { to: 'callee', method: 'slow_runs' } },
    ]));
    const [reply] = events(report, 'response_sent');
    const [dropped] = events(report, 'response_dropped');
    expect(reply.round).toBeGreaterThan(events(report, 'call_timed_out')[0].round);
    // system_state `credit_refund`: the callee accepted nothing, so all 1,000,000 attached cycles come back
    expect(dropped).toMatchObject({ requestId: reply.requestId, canister: report.principals.caller, refund: '1000000' });
    expect(reply.refund).toBe('1000000');
    expect(Buffer.from(report.steps[2].reply!, 'hex').readBigUInt64LE(0)).toBe(1n);
    // exactly one answer reached the callback: the system's
    expect(events(report, 'response_delivered').filter((e) => e.requestId === reply.requestId)).toHaveLength(1);
  });

  it('a request still waiting in a busy callee\'s queue at its deadline is dropped unexecuted, its cycles back to the caller', async () => {
    const report = await runInline(pair([
      { call: { to: 'callee', method: 'busy' } },
      { call: { to: 'caller', method: 'call', arg: callArg(1, 'slow') } },
      { tick: 12 },
      { query: { to: 'callee', method: 'slow_runs' } },
    ]));
    const [sent] = events(report, 'request_sent');
    const [expired] = events(report, 'request_expired');
    // replicated_state message_pool `expire_messages`: dropped in the round the callback times out
    expect(expired).toMatchObject({ round: sent.round + 2, requestId: sent.requestId, canister: report.principals.callee, refund: '1000000' });
    expect(events(report, 'call_timed_out').map((e) => e.round)).toEqual([expired.round]);
    expect(answer(report.steps[1])).toMatchObject({ kind: 'J', code: 6 });
    expect(events(report, 'response_sent').filter((e) => e.requestId === sent.requestId)).toEqual([]);
    expect(Buffer.from(report.steps[3].reply!, 'hex').readBigUInt64LE(0)).toBe(0n); // `slow` never ran
  });
});

describe('[engine/bounded-wait] message memory (ic-reference.md §5.2, §3.7)', () => {
  it('a guaranteed-response call reserves 2 MiB of message memory in the freezing limit; a bounded-wait call does not', async () => {
    const limitWhileWaiting = async (timeout: number | null) => {
      const report = await runInline(pair([{ call: { to: 'caller', method: 'call', arg: callArg(timeout, 'slow') } }, { tick: 2 }]));
      const round = events(report, 'round_finished').find((e) => e.round === 2)!;
      const balance = (round.balances as { canister: string; freezingLimit: string }[]).find((b) => b.canister === report.principals.caller)!;
      return BigInt(balance.freezingLimit);
    };
    const [guaranteed, bounded] = [await limitWhileWaiting(null), await limitWhileWaiting(300)];
    expect(guaranteed).toBeGreaterThan(bounded);
  });
});

describe('[engine/bounded-wait] load shedding (ic-reference.md §3.7, §6.2 subnet best-effort message memory)', () => {
  // The subnet's 5 GiB, lowered to 3 bytes: any bounded-wait message left in a queue at a round's end is over it.
  const tight = { subnetBestEffortMessageMemoryBytes: '3' };

  it('a request waiting in a busy callee\'s queue at the round\'s end is shed: its cycles back, the caller answered at its deadline', async () => {
    const report = await runInline(pair([
      { call: { to: 'callee', method: 'busy' } },
      { call: { to: 'caller', method: 'call', arg: callArg(1, 'slow') } },
      { tick: 12 },
      { query: { to: 'callee', method: 'slow_runs' } },
    ], tight));
    const [sent] = events(report, 'request_sent');
    const [shed] = events(report, 'message_shed');
    // 'slow' (4 bytes of method name, no payload) sits in the callee's queue behind `busy` when the round ends
    expect(shed).toMatchObject({ round: sent.round, canister: report.principals.callee, requestId: sent.requestId, message: 'request', bytes: 4, refund: '1000000' });
    expect(events(report, 'request_expired')).toEqual([]); // already gone when its deadline came
    expect(answer(report.steps[1])).toMatchObject({ kind: 'J', code: 6 });
    expect(answer(report.steps[1]).rest.toString()).toBe('Call deadline has expired.');
    expect(Buffer.from(report.steps[3].reply!, 'hex').readBigUInt64LE(0)).toBe(0n);
  });

  it('a response waiting behind the caller\'s own long message is shed: the callback gets SYS_UNKNOWN "Response was dropped."', async () => {
    const report = await runInline(pair([
      { call: { to: 'caller', method: 'call', arg: callArg(30, 'deadline') } },
      { call: { to: 'caller', method: 'busy' } },
      { tick: 12 },
    ], tight));
    const [shed] = events(report, 'message_shed');
    expect(shed).toMatchObject({ canister: report.principals.caller, message: 'response', bytes: 8, refund: '1000000' });
    const got = answer(report.steps[0]);
    expect(got).toMatchObject({ kind: 'J', code: 6 });
    expect(got.rest.toString()).toBe('Response was dropped.');
    // one answer only: its deadline (30 s) passes later and brings no second one
    expect(events(report, 'call_timed_out')).toEqual([]);
    expect(events(report, 'response_delivered')).toHaveLength(1);
  });

  it('nothing is shed within the subnet\'s 5 GiB', async () => {
    const report = await runInline(pair([
      { call: { to: 'callee', method: 'busy' } },
      { call: { to: 'caller', method: 'call', arg: callArg(1, 'slow') } },
      { tick: 12 },
    ]));
    expect(events(report, 'message_shed')).toEqual([]);
    expect(events(report, 'request_expired')).toHaveLength(1);
  });
});
