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
import { canister, HELPERS, IMPORTS } from '../helpers/prelude.ts';
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

/** The scenario run with the fast path as `params` set it (its defaults when empty) and with it off. */
async function bothWays(steps: object[], wat = WAT, params: Record<string, string> = {}): Promise<[Report, Report]> {
  const run = (extra: Record<string, string>) => runInline(oneCanister(wat, steps, {
    subnet: { preset: 'classroom', params: { ...params, ...extra } },
  }));
  return [await run({}), await run({ fastPathMaxHeapPages: '0' })];
}

describe('[engine/fastPath] fast copies change nothing but speed', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a long update called again: the same replies, instructions and state, and the fast path taken', async () => {
    const warmUp = vi.spyOn(CanisterRuntime.prototype as never, 'warmUp');
    const runFast = vi.spyOn(CanisterRuntime.prototype as never, 'runFast');
    const steps = [call('work'), call('work'), call('work'), call('work'), query('checksum'), query('calls')];
    const [fast, off] = await bothWays(steps);
    expect(reportToJson(fast)).toBe(reportToJson(off));
    // Two runs: in the first, the second call warms the fast copy up and takes it, as the third and fourth do.
    expect(warmUp).toHaveBeenCalledTimes(1);
    expect(runFast).toHaveBeenCalledTimes(3);
    expect(fast.steps.slice(0, 4).map((s) => s.status)).toEqual(['replied', 'replied', 'replied', 'replied']);
    expect(replyInt(fast.steps[5])).toBe(4n);
  });

  it('a trap in the fast copy is replayed: the same trap, instructions and rollback as without', async () => {
    const runFast = vi.spyOn(CanisterRuntime.prototype as never, 'runFast');
    const steps = [call('work'), call('work'), call('work_then_trap'), call('work_then_trap'), call('work_then_trap'),
      call('work_then_trap'), query('checksum'), query('calls')];
    const [fast, off] = await bothWays(steps);
    expect(reportToJson(fast)).toBe(reportToJson(off));
    expect(runFast).toHaveBeenCalledTimes(4); // the second `work` and the second to fourth `work_then_trap`
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

// A canister whose long work runs in `canister_init`, in the reply callback of a call to itself, and in the cleanup
// of a callback that traps; each execution (1.2 M instructions) is past a try of 100,000 instructions, and long
// enough on its one-page heap to be predicted long when it runs again (`fastPathInstructionsPerPage`). The sweep keeps to the first half
// of the page: the method name is in the second.
const CALLBACKS = `(module ${IMPORTS}
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "ic0" "call_on_cleanup" (func $call_on_cleanup (param i32 i32)))
  (import "ic0" "call_perform" (func $call_perform (result i32)))
  (memory 1) ${HELPERS}
  (global $runs (mut i32) (i32.const 0))
  (table 3 funcref)
  (elem (i32.const 0) $on_reply $on_reply_then_trap $on_cleanup)
  (data (i32.const 0x9000) "pong")
  (func $sweep (param $salt i32) (local $i i32)
    (loop $l
      (i32.store (i32.and (i32.mul (local.get $i) (i32.const 4)) (i32.const 0x7ffc))
        (i32.add (local.get $i) (local.get $salt)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 100000)))))
  (func $count (global.set $runs (i32.add (global.get $runs) (i32.const 1))) (call $sweep (global.get $runs)))
  (func $on_reply (param $env i32) (call $count) (call $reply_i32 (global.get $runs)))
  (func $on_reply_then_trap (param $env i32) (call $count) (unreachable))
  (func $on_cleanup (param $env i32) (call $sweep (i32.const 1000)) (global.set $runs (i32.add (global.get $runs) (i32.const 100))))
  (func $call_self (param $reply i32)
    (call $canister_self_copy (i32.const 0x9100) (i32.const 0) (call $canister_self_size))
    (call $call_new (i32.const 0x9100) (call $canister_self_size) (i32.const 0x9000) (i32.const 4)
      (local.get $reply) (i32.const 0) (local.get $reply) (i32.const 0))
    (call $call_on_cleanup (i32.const 2) (i32.const 0))
    (drop (call $call_perform)))
  (func (export "canister_init") (call $count))
  (func (export "canister_update pong") (call $msg_reply))
  (func (export "canister_update work") (call $call_self (i32.const 0)))
  (func (export "canister_update work_then_trap") (call $call_self (i32.const 1)))
  (func (export "canister_query runs") (call $reply_i32 (global.get $runs))))`;

describe('[engine/fastPath] first executions, callbacks, cleanup and init take it too', () => {
  afterEach(() => vi.restoreAllMocks());

  it('each is tried short, then run in its fast copy: the same report as without the fast path', async () => {
    const runFast = vi.spyOn(CanisterRuntime.prototype as never, 'runFast');
    const steps = [call('work'), call('work'), call('work_then_trap'), call('work_then_trap'), query('runs'),
      { manage: { method: 'install_code', canister: 'c', mode: 'reinstall', source: { wat: CALLBACKS }, wait: true } }, query('runs')];
    const [fast, off] = await bothWays(steps, CALLBACKS, { firstTryInstructions: '100000' });
    expect(reportToJson(fast)).toBe(reportToJson(off));
    // In the first run: two installs' init, the two `on_reply`, the two `on_reply_then_trap` (each replayed), the
    // cleanup after each; never the short `work`, `work_then_trap` and `pong`.
    expect(runFast).toHaveBeenCalledTimes(8);
    expect(fast.steps.slice(0, 4).map((s) => s.status)).toEqual(['replied', 'replied', 'rejected', 'rejected']);
    // init, two replies, two cleanups (the trapping callbacks' counts rolled back); after the reinstall, init only.
    expect(replyInt(fast.steps[4])).toBe(203n);
    expect(replyInt(fast.steps[6])).toBe(1n);
  });

  it('a canister that imports its memory: its fast module runs on that memory, the same report', async () => {
    const runFast = vi.spyOn(CanisterRuntime.prototype as never, 'runFast');
    const imported = WAT.replace('(memory 1)', '(import "env" "memory" (memory 1))');
    expect(imported).toContain('(import "env" "memory" (memory 1))');
    const [fast, off] = await bothWays([call('work'), call('work'), call('work'), query('checksum'), query('calls')], imported);
    expect(reportToJson(fast)).toBe(reportToJson(off));
    expect(runFast).toHaveBeenCalledTimes(2);
    expect(replyInt(fast.steps[4])).toBe(3n);
  });
});

