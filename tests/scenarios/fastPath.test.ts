/**
 * [engine/fastPath] The fast path (`src/engine/wasm/fastPath.ts`, `CanisterRuntime.invoke`): a long update called
 * again is warmed up once, then runs in the fast copies with the heap journaled whole; a trap there is replayed in
 * the module's own code. None of it shows in the report: each scenario gives the report it gives with the fast path
 * off, and the fast path is seen to be taken.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CanisterRuntime } from '../../src/engine/canister/canisterRuntime.ts';
import { reportToJson } from '../../src/scenario/reportToJson.ts';
import type { Report } from '../../src/scenario/reportTypes.ts';
import { canister } from '../helpers/prelude.ts';
import { oneCanister, replyInt, runInline } from '../helpers/runInline.ts';

// Each method runs long enough (200,000 iterations, a few million instructions on a one-page heap) to be predicted
// long again (`fastPathInstructionsPerPage`: 1,000,000).
const WAT = canister(`
  (global $calls (mut i32) (i32.const 0))
  (func $sweep (param $salt i32) (local $i i32)
    (loop $l
      (i32.store (i32.and (i32.mul (local.get $i) (i32.const 4)) (i32.const 0xfffc))
        (i32.add (local.get $i) (local.get $salt)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 200000)))))
  (func $checksum (result i64) (local $p i32) (local $sum i64)
    (loop $l
      (local.set $sum (i64.add (local.get $sum) (i64.load32_u (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (i32.lt_u (local.get $p) (i32.const 0x10000))))
    (local.get $sum))
  (func (export "canister_update work")
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (call $sweep (global.get $calls))
    (call $reply_i64 (call $checksum)))
  (func (export "canister_update work_then_trap")
    (global.set $calls (i32.add (global.get $calls) (i32.const 100)))
    (call $sweep (i32.const 7))
    (drop (i32.div_u (i32.const 1) (i32.const 0))))
  ;; Stores zeros where there are zeros, until the instructions run out.
  (func (export "canister_update forever")
    (loop $l (i32.store (i32.const 0x8000) (i32.const 0)) (br $l)))
  (func (export "canister_query checksum") (call $reply_i64 (call $checksum)))
  (func (export "canister_query calls") (call $reply_i32 (global.get $calls)))`, '(memory 1)');

const call = (method: string) => ({ call: { to: 'c', method, wait: true } });
const query = (method: string) => ({ query: { to: 'c', method } });

/** The scenario run with the fast path at its default and with it off. */
async function bothWays(steps: object[]): Promise<[Report, Report]> {
  const run = (perPage: string) => runInline(oneCanister(WAT, steps, {
    subnet: { preset: 'classroom', params: { fastPathInstructionsPerPage: perPage } },
  }));
  return [await run('1000000'), await run('1000000000000000000')];
}

describe('[engine/fastPath] fast copies change nothing but speed', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a long update called again: the same replies, instructions and state, and the fast path taken', async () => {
    const warmUp = vi.spyOn(CanisterRuntime.prototype as never, 'warmUp');
    const runFast = vi.spyOn(CanisterRuntime.prototype as never, 'runFast');
    const steps = [call('work'), call('work'), call('work'), call('work'), query('checksum'), query('calls')];
    const [fast, off] = await bothWays(steps);
    expect(reportToJson(fast)).toBe(reportToJson(off));
    // Two runs: in the first, the second call warms the fast copy up and the third and fourth take it.
    expect(warmUp).toHaveBeenCalledTimes(1);
    expect(runFast).toHaveBeenCalledTimes(2);
    expect(fast.steps.slice(0, 4).map((s) => s.status)).toEqual(['replied', 'replied', 'replied', 'replied']);
    expect(replyInt(fast.steps[5])).toBe(4n);
  });

  it('a trap in the fast copy is replayed: the same trap, instructions and rollback as without', async () => {
    const runFast = vi.spyOn(CanisterRuntime.prototype as never, 'runFast');
    const steps = [call('work'), call('work'), call('work_then_trap'), call('work_then_trap'), call('work_then_trap'),
      call('work_then_trap'), query('checksum'), query('calls')];
    const [fast, off] = await bothWays(steps);
    expect(reportToJson(fast)).toBe(reportToJson(off));
    expect(runFast).toHaveBeenCalledTimes(2); // the third and fourth `work_then_trap`
    expect(fast.steps[5]).toMatchObject({ status: 'rejected', errorCode: 'IC0502' });
    expect(replyInt(fast.steps[7])).toBe(2n); // the traps' increments were rolled back
    const traps = fast.events.filter((e) => e.kind === 'execution' && e.errorCode === 'IC0502');
    expect(traps.map((e) => e.rolledBack)).toEqual(Array(4).fill(['1 Wasm memory page written', '1 global']));
  });

  it('running out of instructions in the fast copy: the same trap and instructions; pages written are pages changed', async () => {
    const steps = [call('forever'), call('forever'), call('forever'), call('forever'), query('checksum')];
    const [fast, off] = await bothWays(steps);
    const executions = (r: Report) => r.events.filter((e) => e.kind === 'execution');
    expect(executions(fast).map((e) => [e.errorCode, e.instructions])).toEqual(executions(off).map((e) => [e.errorCode, e.instructions]));
    expect(executions(fast)[3].errorCode).toBe('IC0522');
    // The loop writes a page without changing it: the fast copy, which has no barrier, cannot tell it was written.
    expect(executions(off)[3].rolledBack).toEqual(['1 Wasm memory page written']);
    expect(executions(fast)[3].rolledBack).toEqual([]);
    expect(fast.steps[4]).toEqual(off.steps[4]);
  });
});
