/**
 * [engine/firstTry] The first execution of a method runs a short try first (`CanisterRuntime.runTryingFirst`,
 * params.ts `firstTryInstructions`): a longer one is undone and run again with its whole budget, so that V8 runs it
 * in optimized code. None of it shows in the report: every scenario gives the report it gives with the try off,
 * whatever the execution changed before the try ran out (each change below is one a missed undo would double).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CanisterRuntime } from '../../src/engine/canister/canisterRuntime.ts';
import { reportToJson } from '../../src/scenario/reportToJson.ts';
import type { Report } from '../../src/scenario/reportTypes.ts';
import { canister } from '../helpers/prelude.ts';
import { oneCanister, replyInt, runInline } from '../helpers/runInline.ts';

// A loop iteration is 8 instructions: 2,000,000 of them (16 M) are past the 10 M try, under classroom's 40 M limit.
const WAT = canister(`
  (global $calls (mut i64) (i64.const 0))
  (data (i32.const 32) "first!")
  (func $spin (param $n i32) (local $i i32)
    (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
  ;; Changes everything an execution can change before the try runs out, each change counting up.
  (func $change_everything
    (global.set $calls (i64.add (global.get $calls) (i64.const 1)))
    (i64.store (i32.const 16) (i64.add (i64.load (i32.const 16)) (i64.const 1)))
    (drop (memory.grow (i32.const 1)))
    (if (i64.eq (call $stable64_size) (i64.const 0)) (then (drop (call $stable64_grow (i64.const 1)))))
    (call $stable64_read (i64.const 24) (i64.const 0) (i64.const 8))
    (i64.store (i32.const 24) (i64.add (i64.load (i32.const 24)) (i64.const 1)))
    (call $stable64_write (i64.const 0) (i64.const 24) (i64.const 8))
    (call $debug_print (i32.const 32) (i32.const 6))
    (drop (call $global_timer_set (i64.const 4000000000000000000)))
    (call $certified_data_set (i32.const 32) (i32.const 6))
    (call $cycles_burn128 (i64.const 0) (i64.const 1000) (i32.const 48)))
  (func (export "canister_update long") (call $change_everything) (call $spin (i32.const 2000000))
    (call $reply_i64 (global.get $calls)))
  (func (export "canister_update short") (call $change_everything) (call $spin (i32.const 1000))
    (call $reply_i64 (global.get $calls)))
  (func (export "canister_update long_then_trap") (call $change_everything) (call $spin (i32.const 2000000))
    (unreachable))
  (func (export "canister_query pages") (call $reply_i64 (i64.extend_i32_u (memory.size))))
  (func (export "canister_query heap") (call $reply_i64 (i64.load (i32.const 16))))
  (func (export "canister_query stable")
    (call $stable64_read (i64.const 24) (i64.const 0) (i64.const 8)) (call $reply_i64 (i64.load (i32.const 24))))`);

const call = (method: string) => ({ call: { to: 'c', method, wait: true } });
const query = (method: string) => ({ query: { to: 'c', method } });
const STATE = [query('pages'), query('heap'), query('stable'), { manage: { method: 'canister_status', canister: 'c', wait: true } }];

/** The scenario run with the try at its default and with it off (the fast path off in both: its warm-up restarts too). */
async function bothWays(steps: object[]): Promise<[Report, Report]> {
  const run = (firstTry: string) => runInline(oneCanister(WAT, steps, {
    subnet: { preset: 'classroom', params: { firstTryInstructions: firstTry, fastPathMaxHeapPages: '0' } },
  }));
  return [await run('10000000'), await run('0')];
}

describe('[engine/firstTry] a first execution tried short changes nothing but speed', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ['a long first execution is undone after the try and run again', ['long', 'long'], ['replied', 'replied'], 1],
    ['a short one ends within the try: that run is its result', ['short', 'short'], ['replied', 'replied'], 0],
    ['a long one that traps after the try: the same trap and rollback', ['long_then_trap', 'long'], ['rejected', 'replied'], 2],
  ])('%s', async (_what, methods, statuses, restarts) => {
    const restart = vi.spyOn(CanisterRuntime.prototype as never, 'restart');
    const [tried, off] = await bothWays([...methods.map(call), ...STATE]);
    expect(reportToJson(tried)).toBe(reportToJson(off));
    // Two runs, the try in only one of them: each restart is one first execution that outran the try.
    expect(restart).toHaveBeenCalledTimes(restarts);
    expect(tried.steps.slice(0, 2).map((s) => s.status)).toEqual(statuses);
    const committed = statuses.filter((s) => s === 'replied').length;
    expect(STATE.slice(0, 3).map((_, i) => replyInt(tried.steps[2 + i]))).toEqual([1n + BigInt(committed), BigInt(committed), BigInt(committed)]);
  });

  it('a first heartbeat past the try: the same instructions and state as without it', async () => {
    const heartbeat = canister(`
      (global $beats (mut i64) (i64.const 0))
      (func (export "canister_heartbeat") (local $i i32)
        (global.set $beats (i64.add (global.get $beats) (i64.const 1)))
        (i64.store (i32.const 16) (global.get $beats))
        (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (i32.const 2000000)))))
      (func (export "canister_query beats") (call $reply_i64 (i64.load (i32.const 16))))`);
    const run = (firstTry: string) => runInline(oneCanister(heartbeat, [{ tick: 20 }, query('beats')], {
      subnet: { preset: 'classroom', params: { firstTryInstructions: firstTry } },
    }));
    const [tried, off] = [await run('10000000'), await run('0')];
    expect(reportToJson(tried)).toBe(reportToJson(off));
    expect(replyInt(tried.steps[1])).toBeGreaterThan(1n);
  });
});
