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

// One page at instantiation, so the barrier's table starts with one entry and grows with the memory
// (issue 16, target 3): stores and host writes past its end must still be journaled.
const GROWN = canister(`
  (func $sum (result i64) (local $p i32) (local $sum i64)
    (loop $l
      (local.set $sum (i64.add (local.get $sum) (i64.load (i32.add (i32.mul (local.get $p) (i32.const 65536)) (i32.const 100)))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $p) (memory.size))))
    (local.get $sum))
  (func $store_pages (param $from i32) (local $p i32)
    (local.set $p (local.get $from))
    (loop $l
      (i64.store (i32.add (i32.mul (local.get $p) (i32.const 65536)) (i32.const 100)) (i64.const 7))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $p) (memory.size)))))
  (func (export "canister_update grow_8") (drop (memory.grow (i32.const 8))) (call $reply_i64 (call $sum)))
  (func (export "canister_update grow_1_and_store") (drop (memory.grow (i32.const 1)))
    (i64.store (i32.add (i32.mul (i32.sub (memory.size) (i32.const 1)) (i32.const 65536)) (i32.const 100)) (i64.const 1))
    (call $reply_i64 (call $sum)))
  (func (export "canister_update store_then_trap") (call $store_pages (i32.const 0)) (unreachable))
  (func (export "canister_update grow_store_then_trap") (drop (memory.grow (i32.const 8))) (call $store_pages (i32.const 0)) (unreachable))
  (func (export "canister_update copy_last_then_store_then_trap")
    (call $msg_arg_data_copy (i32.add (i32.mul (i32.sub (memory.size) (i32.const 1)) (i32.const 65536)) (i32.const 100)) (i32.const 0) (i32.const 8))
    (call $store_pages (i32.const 1))
    (unreachable))
  (func (export "canister_query sum") (call $reply_i64 (call $sum)))`, '(memory 1)');

type Call = { call: { to: string; method: string; wait: boolean } };
const growBy8: Call = { call: { to: 'c', method: 'grow_8', wait: true } };

describe('[engine/rollback] journal on a memory grown past the barrier\'s table', () => {
  it.each<[string, Call[], string, bigint]>([
    ['stores to pages grown by an earlier message', [growBy8], 'store_then_trap', 0n],
    ['a host write past the table first (it grows the table with unmarked entries), then stores', [growBy8],
      'copy_last_then_store_then_trap', 0n],
    // the rollback re-instantiates (memory cannot shrink): a new, shorter table than the pages marked
    ['stores to pages grown by the same message', [], 'grow_store_then_trap', 0n],
    ['a memory grown a page at a time, each new page written', Array.from({ length: 20 }, () => (
      { call: { to: 'c', method: 'grow_1_and_store', wait: true } })), 'store_then_trap', 20n],
  ])('%s: a trap leaves every page as it was', async (_, setUp, method, sum) => {
    const report = await runInline(oneCanister(GROWN, [
      ...setUp,
      { query: { to: 'c', method: 'sum' } },
      { call: { to: 'c', method, arg: { hex: 'ffffffffffffffff' }, wait: true } },
      { query: { to: 'c', method: 'sum' } },
    ]));
    expect(replyInt(report.steps[setUp.length])).toBe(sum);
    expect(report.steps[setUp.length + 1].status).toBe('rejected');
    expect(replyInt(report.steps[setUp.length + 2])).toBe(sum);
  });
});
