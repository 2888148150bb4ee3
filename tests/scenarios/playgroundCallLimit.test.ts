/**
 * [engine/limits] The playground's limit on System API calls in one execution (`maxSystemApiCallsPerMessage`,
 * docs/SCENARIO-EXTENSIONS.md "The playground's own resource limits"): the replica bounds an execution by
 * instructions alone, and 40 B instructions of empty `debug_print`s or `stable64_read`s (100 and 20 instructions
 * each) kept the engine busy for 5 minutes and more (issue 17). The call past the limit traps (IC0502), saying it is
 * the playground's limit, rolled back as any trap, with a `playground_limit` event. A small override keeps it quick.
 */
import { describe, expect, it } from 'vitest';
import { canister } from '../helpers/prelude.ts';
import { events, oneCanister, replyInt, runInline } from '../helpers/runInline.ts';

/** `calls` makes as many calls of `ic0` function `kind` as its argument's first byte says; `writes` counts them in a global. */
const WAT = canister(`
  (global $done (mut i64) (i64.const 0))
  (func (export "canister_update calls") (local $n i32) (local $i i32)
    (call $msg_arg_data_copy (i32.const 16) (i32.const 0) (i32.const 1))
    (local.set $n (i32.load8_u (i32.const 16)))
    (drop (call $stable64_grow (i64.const 1)))
    (loop $l
      (if (i32.lt_u (local.get $i) (local.get $n)) (then
        (call $stable64_read (i64.const 32) (i64.const 0) (i64.const 0))
        (call $debug_print (i32.const 0) (i32.const 0))
        (global.set $done (i64.add (global.get $done) (i64.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l))))
    (call $reply_i64 (global.get $done)))
  (func (export "canister_query done") (call $reply_i64 (global.get $done)))`);

const callWith = (n: number) => ({ call: { to: 'c', method: 'calls', arg: { hex: n.toString(16).padStart(2, '0') }, wait: true } });

describe('[engine/limits] maxSystemApiCallsPerMessage, the playground\'s limit on ic0 calls in one execution', () => {
  // Each loop makes 2 calls; the execution makes 3 more (arg copy, grow, reply append) and `msg_reply`: 2n + 4.
  it.each([
    ['at the limit: the execution replies', 10, 24, 'replied'],
    // Call 22 is the 10th loop's debug_print.
    ['past it, in the loop: the call traps, the execution is rolled back', 11, 21, 'rejected'],
  ])('%s', async (_what, loops, limit, status) => {
    const report = await runInline(oneCanister(WAT, [callWith(loops), { query: { to: 'c', method: 'done' } }], {
      subnet: { preset: 'classroom', params: { maxSystemApiCallsPerMessage: String(limit) } },
    }));
    expect(report.steps[0].status).toBe(status);
    const limited = events(report, 'playground_limit');
    if (status === 'replied') {
      expect(limited).toEqual([]);
      expect(replyInt(report.steps[1])).toBe(BigInt(loops));
      return;
    }
    expect(report.steps[0]).toMatchObject({ errorCode: 'IC0502', rejectCode: 5 });
    expect(report.steps[0].rejectMessage).toContain(`more than ${limit} System API calls in one execution, the playground's limit`);
    expect(report.steps[0].rejectMessage).toContain('subnet.params.maxSystemApiCallsPerMessage');
    expect(limited).toEqual([expect.objectContaining({ parameter: 'maxSystemApiCallsPerMessage', limit: String(limit), refused: 'ic0.debug_print' })]);
    expect(replyInt(report.steps[1])).toBe(0n); // the global's changes were rolled back
  });

  it('by default an execution may make 20 M calls: none of classroom\'s 40 M instructions can reach it', async () => {
    const report = await runInline(oneCanister(WAT, [callWith(255)]));
    expect(report.steps[0].status).toBe('replied');
    expect(events(report, 'playground_limit')).toEqual([]);
  });
});
