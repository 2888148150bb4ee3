/**
 * The counter canister the throughput figures are measured on (`inc` increments a global, stores it and replies
 * its 8 bytes), and the engine-only measurement: ingress submitted straight to a `Subnet`, no report.
 */
import { BENCH_USER, createBenchSubnet, deployCanister, wasmFromWat } from './benchSubnet.ts';
import type { Subnet } from '../src/engine/index.ts';

export function counterWat(memoryPages: number): string {
  return `(module
    (import "ic0" "msg_reply" (func $msg_reply))
    (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
    (memory ${memoryPages})
    (global $n (mut i64) (i64.const 0))
    (func (export "canister_update inc")
      (global.set $n (i64.add (global.get $n) (i64.const 1)))
      (i64.store (i32.const 0) (global.get $n))
      (call $append (i32.const 0) (i32.const 8))
      (call $msg_reply))
    ;; writes one byte in each of the first 16 pages, then traps: a rollback of 16 pages
    (func (export "canister_update write_then_trap") (local $p i32)
      (loop $l
        (i32.store8 (i32.mul (local.get $p) (i32.const 65536)) (i32.const 1))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $p) (i32.const 16))))
      unreachable))`;
}

export function deployCounter(memoryPages: number): { subnet: Subnet; id: string } {
  const subnet = createBenchSubnet();
  return { subnet, id: deployCanister(subnet, wasmFromWat(counterWat(memoryPages))) };
}

/** Ingress messages per second, engine only: submit `count`, run rounds until all completed. */
export function counterThroughput(memoryPages: number, count: number, method = 'inc'): number {
  const { subnet, id } = deployCounter(memoryPages);
  const empty = new Uint8Array();
  const start = performance.now();
  for (let i = 0; i < count; i++) subnet.submitIngress({ sender: BENCH_USER, receiver: id, method, arg: empty });
  while (!subnet.isIdle()) subnet.executeRound();
  const seconds = (performance.now() - start) / 1000;
  return count / seconds;
}
