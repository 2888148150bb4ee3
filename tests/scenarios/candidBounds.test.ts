/**
 * [scenario/candid-bounds] Candid bytes a canister chooses are decoded only within the playground's bounds
 * (params.ts `MAX_CANDID_NESTING`, `MAX_CANDID_VALUES`; src/engine/management/candidValueBounds.ts): a management
 * argument whose record carries an extra `vec null` of 2^32 − 1 elements is rejected like any undecodable argument,
 * and a reply of such a vector or of 10,000 nested options runs and is reported without `replyCandid`. Before, the
 * first two aborted the engine's process (V8 "invalid size") and the third ran for minutes (issue 17).
 */
import { describe, expect, it } from 'vitest';
import { canister } from '../helpers/prelude.ts';
import { runInline } from '../helpers/runInline.ts';

const wasmBytes = (bytes: Uint8Array) => [...bytes].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('');

/** `record { canister_id = principal "rwlgt-iiaaa-aaaaa-aaaaa-cai"; zzz = vec null }`, the vector of 4,294,967,295 nulls. */
const HOSTILE_STATUS_ARG = Buffer.from('4449444c026c02bafbf30201b3c4b1f204686d7f0100ffffffff0f010a00000000000000000101', 'hex');

/** `go` calls canister_status with HOSTILE_STATUS_ARG and replies with the reject message it gets (or "replied"). */
const CALLER = `(module
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "ic0" "call_data_append" (func $append (param i32 i32)))
  (import "ic0" "call_perform" (func $perform (result i32)))
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reply_data_append" (func $reply_append (param i32 i32)))
  (import "ic0" "msg_reject_msg_size" (func $reject_size (result i32)))
  (import "ic0" "msg_reject_msg_copy" (func $reject_copy (param i32 i32 i32)))
  (memory 1) (table 2 funcref) (elem (i32.const 0) $on_reply $on_reject)
  (data (i32.const 100) "canister_status")
  (data (i32.const 120) "replied")
  (data (i32.const 200) "${wasmBytes(HOSTILE_STATUS_ARG)}")
  (func $on_reply (param i32) (call $reply_append (i32.const 120) (i32.const 7)) (call $reply))
  (func $on_reject (param i32)
    (call $reject_copy (i32.const 1000) (i32.const 0) (call $reject_size))
    (call $reply_append (i32.const 1000) (call $reject_size)) (call $reply))
  (func (export "canister_update go")
    (call $call_new (i32.const 0) (i32.const 0) (i32.const 100) (i32.const 15) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0))
    (call $append (i32.const 200) (i32.const ${HOSTILE_STATUS_ARG.length}))
    (drop (call $perform))))`;

/** A canister whose `reply` method replies with `bytes`. */
function replying(bytes: Uint8Array): string {
  return canister(`(data (i32.const 1024) "${wasmBytes(bytes)}")
    (func (export "canister_update reply") (call $msg_reply_data_append (i32.const 1024) (i32.const ${bytes.length})) (call $msg_reply))`);
}

describe('[scenario/candid-bounds] hostile Candid from canisters', () => {
  it('a management argument past the bounds is rejected, and the run goes on', async () => {
    const report = await runInline({
      subnet: { preset: 'classroom' },
      canisters: [{ name: 'c', source: { wat: CALLER } }],
      steps: [{ call: { to: 'c', method: 'go', wait: true } }, { call: { to: 'c', method: 'go', wait: true } }],
    });
    for (const step of report.steps) {
      expect(step.status).toBe('replied');
      expect(step.replyText).toContain('the argument is more than the playground decodes: it holds more than 1000000 values');
    }
  });

  const replies = [
    { what: 'a vec null of 4,294,967,295 elements', bytes: Uint8Array.from([0x44, 0x49, 0x44, 0x4c, 1, 0x6d, 0x7f, 1, 0, 0xff, 0xff, 0xff, 0xff, 0x0f]) },
    { what: '10,000 nested opts', bytes: Uint8Array.from([0x44, 0x49, 0x44, 0x4c, 1, 0x6e, 0, 1, 0, ...new Array(10_000).fill(1), 0]) },
  ];
  it.each(replies)('a reply of $what: replied, its bytes reported, no replyCandid', async ({ bytes }) => {
    const report = await runInline({
      subnet: { preset: 'classroom' },
      canisters: [{ name: 'c', source: { wat: replying(bytes) } }],
      steps: [{ call: { to: 'c', method: 'reply', arg: { candid: '()' }, wait: true } }],
    });
    expect(report.steps[0]).toMatchObject({ status: 'replied', reply: Buffer.from(bytes).toString('hex') });
    expect(report.steps[0]).not.toHaveProperty('replyCandid');
  });
});
