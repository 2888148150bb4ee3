/**
 * [engine/rollback] Rollback through the write-barrier journal on large memories: only written pages are
 * restored, growth is undone, host writes into the heap are undone, and pages written in one message are
 * journaled again in the next (ic-reference.md §3.4).
 */
import { describe, expect, it } from 'vitest';
import { canister } from '../helpers/prelude.ts';
import { oneCanister, replyInt, runInline } from '../helpers/runInline.ts';

// Sums bytes at a few addresses spread over 64 MiB, so any missed page shows in the checksum.
const WAT = canister(`
  (func $checksum (result i64) (local $p i32) (local $sum i64)
    (loop $l
      (local.set $sum (i64.add (local.get $sum) (i64.load (i32.add (i32.mul (local.get $p) (i32.const 4194304)) (i32.const 65530)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $p) (i32.const 16))))
    (local.get $sum))
  (func $scribble (param $v i64) (local $p i32)
    (loop $l
      ;; an 8-byte store at page end - 6: straddles into the next page
      (i64.store (i32.add (i32.mul (local.get $p) (i32.const 4194304)) (i32.const 65530)) (local.get $v))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $p) (i32.const 16)))))
  (func (export "canister_update set") (call $scribble (i64.const 0x0101010101010101)) (call $reply_i64 (call $checksum)))
  (func (export "canister_update set_then_trap") (call $scribble (i64.const 0x7f7f7f7f7f7f7f7f)) (unreachable))
  (func (export "canister_update grow_set_then_trap") (drop (memory.grow (i32.const 3))) (call $scribble (i64.const 5)) (unreachable))
  (func (export "canister_update copy_arg_then_trap") (call $msg_arg_data_copy (i32.const 65530) (i32.const 0) (i32.const 8)) (unreachable))
  (func (export "canister_update fill_then_trap") (memory.fill (i32.const 65000) (i32.const 9) (i32.const 4000000)) (unreachable))
  (func (export "canister_query checksum") (call $reply_i64 (call $checksum)))`, '(memory 1024)');

const SUM_AFTER_SET = 16n * 0x0101010101010101n;

describe('[engine/rollback] journal on a 64 MiB canister', () => {
  it.each(['set_then_trap', 'grow_set_then_trap', 'copy_arg_then_trap', 'fill_then_trap'])('%s leaves every page as it was', async (method) => {
    const report = await runInline(oneCanister(WAT, [
      { call: { to: 'c', method: 'set', wait: true } },
      { call: { to: 'c', method, arg: { hex: 'ffffffffffffffff' }, wait: true } },
      { query: { to: 'c', method: 'checksum' } },
      { call: { to: 'c', method, arg: { hex: 'ffffffffffffffff' }, wait: true } },
      { query: { to: 'c', method: 'checksum' } },
    ]));
    expect(replyInt(report.steps[0])).toBe(SUM_AFTER_SET);
    expect(report.steps[1].status).toBe('rejected');
    expect(replyInt(report.steps[2])).toBe(SUM_AFTER_SET);
    expect(replyInt(report.steps[4])).toBe(SUM_AFTER_SET);
    expect(report.canisters.c.wasmMemoryBytes).toBe(String(1024 * 65536));
  });

  it('pages written by a committed message are journaled again by the next one', async () => {
    const report = await runInline(oneCanister(WAT, [
      { call: { to: 'c', method: 'set', wait: true } },
      { call: { to: 'c', method: 'set', wait: true } },
      { call: { to: 'c', method: 'set_then_trap', wait: true } },
      { query: { to: 'c', method: 'checksum' } },
    ]));
    expect(replyInt(report.steps[3])).toBe(SUM_AFTER_SET);
  });
});
