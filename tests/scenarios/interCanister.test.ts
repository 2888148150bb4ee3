/**
 * [engine/calls] Inter-canister calls: requests, responses and callbacks, rollback to the last outgoing
 * call, system rejects, cycles attached and refunded, call fees (ic-reference.md §1.2, §3, §5.4).
 */
import { describe, expect, it } from 'vitest';
import { callerCalleePair } from '../helpers/callerCanister.ts';
import { events, runInline } from '../helpers/runInline.ts';
import type { Report, StepReport } from '../../src/scenario/reportTypes.ts';

const pair = callerCalleePair;

/** Decodes the caller's reply: `R` + reply bytes, or `J` + reject code + message. */
function outcome(step: StepReport): { type: 'reply'; hex: string } | { type: 'reject'; code: number; message: string } {
  expect(step.status, JSON.stringify(step)).toBe('replied');
  const bytes = Buffer.from(step.reply!, 'hex');
  if (bytes[0] === 82) return { type: 'reply', hex: bytes.subarray(1).toString('hex') };
  return { type: 'reject', code: bytes[1], message: bytes.subarray(2).toString('utf8') };
}

function stateOf(report: Report, index: number): { before: bigint; after: bigint } {
  const bytes = Buffer.from(report.steps[index].reply!, 'hex');
  return { before: bytes.readBigInt64LE(0), after: bytes.readBigInt64LE(8) };
}

describe('[engine/calls] requests and responses', () => {
  it('a call goes out, executes on the callee and its reply runs the callback, all in one round: three iterations (ic-reference.md §7.1)', async () => {
    const report = await runInline(pair([{ call: { to: 'caller', method: 'call_inc', wait: true } }]));
    expect(outcome(report.steps[0])).toEqual({ type: 'reply', hex: '0100000000000000' });
    expect(report.steps[0]).toMatchObject({ submittedRound: 0, completedRound: 1 });
    const sent = events(report, 'request_sent')[0];
    expect(sent).toMatchObject({ from: report.principals.caller, to: report.principals.callee, method: 'inc', round: 1 });
    // In causal order within round 1: each iteration runs what the one before sent on the subnet.
    const inRound = report.events.filter((e) => e.round === 1).map((e) => {
      if (e.kind === 'iteration_started') return `iteration ${e.iteration}`;
      if (e.kind === 'execution') return String(e.entryPoint);
      return ['request_delivered', 'response_sent'].includes(String(e.kind)) ? String(e.kind) : null;
    }).filter((x) => x !== null);
    expect(inRound).toEqual([
      'iteration 1', 'canister_update call_inc', 'request_delivered', 'iteration 2', 'canister_update inc', 'response_sent', 'iteration 3', 'reply callback',
    ]);
  });

  it('requests between a pair execute in the order sent', async () => {
    const report = await runInline(pair([{ call: { to: 'caller', method: 'call_twice', wait: true } }]));
    const replies = events(report, 'response_sent').map((e) => e.requestId);
    expect(replies).toEqual([0, 1]);
    expect(report.steps[0].status).toBe('replied');
  });

  const rejects = [
    { name: 'a trap in the callee', method: 'call_trap', code: 5, message: 'Canister trapped: unreachable' },
    { name: 'a missing method', method: 'call_nope', code: 5, message: "Canister has no update method 'nope'" },
  ];
  it.each(rejects)('$name comes back as reject code $code to the reject callback', async ({ method, code, message }) => {
    const report = await runInline(pair([{ call: { to: 'caller', method, wait: true } }]));
    const result = outcome(report.steps[0]);
    expect(result).toMatchObject({ type: 'reject', code });
    expect((result as { message: string }).message).toContain(message);
  });

  it('a call to a canister that does not exist is rejected with DESTINATION_INVALID', async () => {
    const report = await runInline(pair([{ call: { to: 'caller', method: 'call_inc', wait: true } }], 7));
    expect(outcome(report.steps[0])).toMatchObject({ type: 'reject', code: 3 });
  });

  it('a stopped callee rejects new calls with code 5', async () => {
    const report = await runInline(pair([
      { manage: { method: 'stop_canister', canister: 'callee', wait: true } },
      { call: { to: 'caller', method: 'call_inc', wait: true } },
    ]));
    const result = outcome(report.steps[1]);
    expect(result).toMatchObject({ type: 'reject', code: 5 });
    expect((result as { message: string }).message).toContain('is stopped');
  });
});

describe('[engine/calls] rollback to the last outgoing call', () => {
  it('a trapping callback keeps the state committed before the call, rolls back its own, and runs cleanup', async () => {
    const report = await runInline(pair([
      { call: { to: 'caller', method: 'call_inc_trap_in_callback', wait: true } },
      { query: { to: 'caller', method: 'state' } },
    ]));
    expect(report.steps[0]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0502' });
    expect(stateOf(report, 1)).toEqual({ before: 1n, after: -1n });
    expect(report.logs.map((l) => l.text)).toEqual(['cleanup ran']);
    const kinds = events(report, 'execution').filter((e) => e.canister === report.principals.caller).map((e) => `${e.entryPoint}:${e.outcome}`);
    expect(kinds).toEqual(['canister_init:ok', 'canister_update call_inc_trap_in_callback:ok', 'reply callback:trap', 'cleanup:ok', 'canister_query state:ok']);
  });
});

describe('[engine/calls] cycles', () => {
  it('attached cycles move to the callee as far as accepted; the rest is refunded', async () => {
    const attached = 1_000_000n;
    const arg = { hex: Buffer.from(new BigUint64Array([attached]).buffer).toString('hex') };
    const report = await runInline(pair([{ call: { to: 'caller', method: 'call_accept_half', arg, wait: true } }]));
    expect(outcome(report.steps[0])).toEqual({ type: 'reply', hex: Buffer.from(new BigUint64Array([attached / 2n]).buffer).toString('hex') });
    expect(events(report, 'request_sent')[0].cycles).toBe(String(attached));
    expect(events(report, 'response_sent')[0].refund).toBe(String(attached / 2n));
  });

  it('the caller pays the call fee and the bytes, and gets back the unused reply reservation', async () => {
    const report = await runInline(pair([{ call: { to: 'caller', method: 'call_inc', wait: true } }]));
    const sent = events(report, 'request_sent')[0];
    // 260,000 + 1,000 × (3 bytes of method name + 0 payload) (ic-reference.md §5.4).
    expect(sent.fee).toBe(String(260_000 + 1_000 * 3));
    const delivered = events(report, 'response_delivered')[0];
    // Reply reservation 1,000 × 2 MiB, less 1,000 per byte of the 8-byte reply.
    expect(delivered.reservationRefund).toBe(String(1_000 * 2 * 1024 * 1024 - 1_000 * 8));
  });
});

describe('[engine/calls] status changes with calls outstanding', () => {
  it('a stopping canister still gets its responses and becomes stopped when its last context closes', async () => {
    const report = await runInline(pair([
      { call: { to: 'caller', method: 'call_slow' } },
      { tick: 1 },
      { manage: { method: 'stop_canister', canister: 'caller', wait: true } },
    ]));
    expect(report.steps[0].status).toBe('replied');
    expect(report.steps[2].status).toBe('replied');
    const callbackRound = events(report, 'execution').find((e) => e.entryPoint === 'reply callback')!.round as number;
    const stopped = events(report, 'status_changed').find((e) => e.to === 'stopped')!;
    expect(stopped.round).toBe(callbackRound);
    expect(report.steps[2].completedRound).toBe(callbackRound);
    expect(events(report, 'status_changed').find((e) => e.to === 'stopping')!.round).toBeLessThan(callbackRound);
  });

  it('uninstalling a caller rejects its open contexts; the late response runs no callback', async () => {
    const report = await runInline(pair([
      { call: { to: 'caller', method: 'call_slow' } },
      { tick: 1 },
      { manage: { method: 'uninstall_code', canister: 'caller', wait: true } },
    ]));
    expect(report.steps[0]).toMatchObject({ status: 'rejected', rejectCode: 4 });
    expect(report.steps[0].rejectMessage).toContain('has been uninstalled');
    expect(events(report, 'response_delivered')).toHaveLength(1);
    expect(events(report, 'execution').some((e) => e.entryPoint === 'reply callback')).toBe(false);
    expect(report.idle).toBe(true);
  });
});
