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
  ;; Three ways out that are not the final end, and a function with two results. Each could call itself (never
  ;; does): only functions on a cycle of the call graph are counted (any other adds a bounded number of frames).
  (func $early (param $x i32) (result i32)
    (if (i32.const 0) (then (drop (call $early (i32.const 0)))))
    (if (local.get $x) (then (return (i32.const 1))))
    (i32.const 0))
  (func $by_branch (param $x i32) (result i32)
    (if (i32.const 0) (then (drop (call $by_branch (i32.const 0)))))
    (i32.const 7)
    (br_if 0 (local.get $x))
    (drop)
    (i32.const 8))
  (func $by_table (param $x i32)
    (if (i32.const 0) (then (call $by_table (i32.const 0))))
    (block $a (br_table $a 0 (local.get $x))))
  (func $two (result i32 i32)
    (if (i32.const 0) (then (drop (drop (call $two)))))
    (i32.const 1) (i32.const 2))
  ;; The methods and $via are on no cycle and do not count: with a budget of 10, $rec(9) (10 frames) reaches it
  ;; exactly, $rec(10) is one too many, with or without non-recursive frames between.
  (func $via (param $n i32) (call $rec (local.get $n)))
  (func (export "canister_update at_limit") (call $rec (i32.const 9)) (call $reply_i32 (i32.const 1)))
  (func (export "canister_update over_limit") (call $rec (i32.const 10)) (call $reply_i32 (i32.const 1)))
  (func (export "canister_update via_at_limit") (call $via (i32.const 9)) (call $reply_i32 (i32.const 1)))
  (func (export "canister_update via_over_limit") (call $via (i32.const 10)) (call $reply_i32 (i32.const 1)))
  ;; Mutual recursion through a table: $ping calls $pong indirectly, $pong calls $ping; both count.
  (type $unary (func (param i32)))
  (table 1 funcref)
  (elem (i32.const 0) $pong)
  (func $ping (param $n i32)
    (if (local.get $n) (then (call_indirect (type $unary) (i32.sub (local.get $n) (i32.const 1)) (i32.const 0)))))
  (func $pong (param $n i32)
    (if (local.get $n) (then (call $ping (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "canister_update table_at_limit") (call $ping (i32.const 9)) (call $reply_i32 (i32.const 1)))
  (func (export "canister_update table_over_limit") (call $ping (i32.const 10)) (call $reply_i32 (i32.const 1)))
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
  it.each([
    ['direct recursion', 'at_limit', 'over_limit'],
    ['recursion below a frame that does not count', 'via_at_limit', 'via_over_limit'],
    ['mutual recursion through a table', 'table_at_limit', 'table_over_limit'],
  ])('%s: nested calls up to the budget run; one more traps with "stack overflow"', async (_, atLimit, overLimit) => {
    // $rec's last frame (n = 0) calls nothing, but it is on a cycle, so it counts.
    const report = await run([atLimit, overLimit, atLimit]);
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
