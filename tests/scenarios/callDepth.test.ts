/**
 * [engine/callDepth] The call-depth budget (`src/engine/wasm/callDepth.ts`, `maxCallDepth` in params.ts): nested
 * calls up to the budget run, one more traps with the replica's stack-overflow text, every way out of a function
 * gives its count back, and the next message starts with the whole budget again.
 */
import { describe, expect, it } from 'vitest';
import { canister } from '../helpers/prelude.ts';
import { oneCanister, replyInt, runInline } from '../helpers/runInline.ts';

const DEPTH = canister(`
  ;; $rec(n) nests n + 1 frames.
  (func $rec (param $n i32)
    (if (local.get $n) (then (call $rec (i32.sub (local.get $n) (i32.const 1))))))
  ;; Three ways out that are not the final end, and a function with two results. Each calls $nop first: only
  ;; functions that call are counted (a leaf adds one frame at most).
  (func $nop)
  (func $early (param $x i32) (result i32)
    (call $nop)
    (if (local.get $x) (then (return (i32.const 1))))
    (i32.const 0))
  (func $by_branch (param $x i32) (result i32)
    (call $nop)
    (i32.const 7)
    (br_if 0 (local.get $x))
    (drop)
    (i32.const 8))
  (func $by_table (param $x i32)
    (call $nop)
    (block $a (br_table $a 0 (local.get $x))))
  (func $two (result i32 i32) (call $nop) (i32.const 1) (i32.const 2))
  ;; The method is 1 frame: with a budget of 10, $rec(8) reaches it exactly, $rec(9) is one too many.
  (func (export "canister_update at_limit") (call $rec (i32.const 8)) (call $reply_i32 (i32.const 1)))
  (func (export "canister_update over_limit") (call $rec (i32.const 9)) (call $reply_i32 (i32.const 1)))
  (func (export "canister_update many_exits") (local $i i32) (local $sum i32)
    (loop $l
      (local.set $sum (i32.add (local.get $sum) (call $early (i32.and (local.get $i) (i32.const 1)))))
      (local.set $sum (i32.add (local.get $sum) (call $by_branch (i32.and (local.get $i) (i32.const 1)))))
      (call $by_table (i32.and (local.get $i) (i32.const 1)))
      (local.set $sum (i32.add (local.get $sum) (i32.add (call $two))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 100))))
    (call $reply_i32 (local.get $sum)))
`);

const run = (steps: string[]) => runInline(oneCanister(DEPTH, steps.map((method) => ({ call: { to: 'c', method, wait: true } })),
  { subnet: { preset: 'classroom', params: { maxCallDepth: '10' } } }));

describe('[engine/callDepth] the call-depth budget', () => {
  it('nested calls up to the budget run; one more traps with "stack overflow"', async () => {
    // $rec's last frame (n = 0) calls nothing, but its code has a call, so it counts.
    const report = await run(['at_limit', 'over_limit', 'at_limit']);
    expect(report.steps[0].status).toBe('replied');
    expect(report.steps[1]).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0502' });
    expect(report.steps[1].rejectMessage).toContain('Canister trapped: stack overflow');
    // The next message has the whole budget again.
    expect(report.steps[2].status).toBe('replied');
  });

  it('return, branches to the function label and multi-value results all give the call back', async () => {
    // 100 iterations of four calls each: a single lost decrement would exhaust a budget of 10.
    const report = await run(['many_exits']);
    expect(report.steps[0].status).toBe('replied');
    // $early: 50 × 1; $by_branch: 50 × 7 + 50 × 8; $two: 100 × 3.
    expect(replyInt(report.steps[0])).toBe(BigInt(50 + 50 * 7 + 50 * 8 + 100 * 3));
  });
});
