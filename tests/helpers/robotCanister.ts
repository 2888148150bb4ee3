/**
 * The "robot": one canister whose update method `run` interprets its argument as a little program, so
 * property tests can generate canister behaviour as data. Ops (one byte each, then operands):
 *   1        reply with the counter (8 bytes)          2        msg_reject "no"
 *   3        ic0.trap "no"                             4 T C B L p[L]  call `run` on canister T with program p,
 *   5 A      accept A·1000 cycles                               attaching C·1000 cycles; callbacks: B = 0 reply,
 *   6        memory.grow 1                                      1 trap, 2 do nothing (reply and reject alike)
 *   7 K      loop K·50,000 times                       8 V      counter += V; memory[512 + V] = V
 *   9        grow stable memory by a page, write the counter there
 *   10 K     burn K·1000 cycles                        11       poison: the next canister_pre_upgrade traps
 *   12 M C B L p[L]  call the management canister: M = 0 deposit_cycles, 1 canister_status, 2 raw_rand,
 *            3 create_canister, with Candid argument p, attaching C·10^10 cycles; callbacks B as for 4
 *   13 K     set the global timer (K+1)·10,000 s ahead; `canister_global_timer` adds 1 to the counter
 *   14 S T C B L p[L]  as 4, but a bounded-wait call that waits at most S seconds (ic-reference.md §3.7)
 * The counter is a global, mirrored at memory[64..72] (little-endian) so tests can read it from the heap.
 * `canister_composite_query crun` runs the same program as a composite query (ic-reference.md §6.1): its calls (op 4)
 * go to the target's `crun` without cycles, and nothing it changes survives.
 * Upgrades keep the counter in stable memory: `canister_pre_upgrade` writes it at offset 0 (growing stable memory
 * to a page if empty) and marks heap byte 800, then traps if poisoned; `canister_post_upgrade` reads it back
 * (0 when stable memory is empty). `ROBOT_BROKEN_UPGRADE_WAT` is the same robot whose post_upgrade first grows
 * and writes both memories and then traps, so an upgrade to it always fails.
 */
import fc from 'fast-check';
import { canisterIdFromIndex, ManagementCandid } from '../../src/engine/index.ts';

function robotWat(postUpgrade: 'keep' | 'trap'): string {
  return `(module
  (import "ic0" "msg_arg_data_size" (func $arg_size (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_reject" (func $reject (param i32 i32)))
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "ic0" "call_data_append" (func $call_data_append (param i32 i32)))
  (import "ic0" "call_cycles_add128" (func $call_cycles_add128 (param i64 i64)))
  (import "ic0" "call_perform" (func $call_perform (result i32)))
  (import "ic0" "call_with_best_effort_response" (func $wait_at_most (param i32)))
  (import "ic0" "msg_cycles_accept128" (func $accept128 (param i64 i64 i32)))
  (import "ic0" "cycles_burn128" (func $burn128 (param i64 i64 i32)))
  (import "ic0" "stable64_grow" (func $stable_grow (param i64) (result i64)))
  (import "ic0" "stable64_write" (func $stable_write (param i64 i64 i64)))
  (import "ic0" "stable64_read" (func $stable_read (param i64 i64 i64)))
  (import "ic0" "stable64_size" (func $stable_size (result i64)))
  (import "ic0" "time" (func $time (result i64)))
  (import "ic0" "global_timer_set" (func $timer_set (param i64) (result i64)))
  (memory 1)
  (table 3 funcref)
  (elem (i32.const 0) $cb_reply $cb_trap $cb_ignore)
  (global $counter (mut i64) (i64.const 0))
  (global $poisoned (mut i32) (i32.const 0))
  (global $composite (mut i32) (i32.const 0))
  (data (i32.const 0) "run")
  (data (i32.const 48) "crun")
  (data (i32.const 8) "no")
  (data (i32.const 120) "\\0e\\0f\\08\\0f")
  (data (i32.const 128) "deposit_cycles")
  (data (i32.const 160) "canister_status")
  (data (i32.const 192) "raw_rand")
  (data (i32.const 224) "create_canister")
  (func $set_counter (param $v i64) (global.set $counter (local.get $v)) (i64.store (i32.const 64) (local.get $v)))
  (func $reply_counter
    (i64.store (i32.const 32) (global.get $counter))
    (call $append (i32.const 32) (i32.const 8))
    (call $reply))
  (func $operand (param $pc i32) (param $i i32) (result i32) (i32.load8_u (i32.add (local.get $pc) (local.get $i))))
  (func $times1000 (param $v i32) (result i64) (i64.mul (i64.extend_i32_u (local.get $v)) (i64.const 1000)))
  (func $interpret (param $pc i32) (param $end i32) (local $op i32) (local $len i32) (local $k i32) (local $timeout i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $pc) (local.get $end)))
        (local.set $op (i32.load8_u (local.get $pc)))
        (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
        (local.set $timeout (i32.const 0))
        (if (i32.eq (local.get $op) (i32.const 14)) (then
          (local.set $timeout (call $operand (local.get $pc) (i32.const 0)))
          (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
          (local.set $op (i32.const 4))))
        (if (i32.eq (local.get $op) (i32.const 1)) (then (call $reply_counter)))
        (if (i32.eq (local.get $op) (i32.const 2)) (then (call $reject (i32.const 8) (i32.const 2))))
        (if (i32.eq (local.get $op) (i32.const 3)) (then (call $trap (i32.const 8) (i32.const 2))))
        (if (i32.eq (local.get $op) (i32.const 4)) (then
          (i64.store (i32.const 16) (i64.const 0))
          (i32.store8 (i32.const 23) (call $operand (local.get $pc) (i32.const 0)))
          (i32.store16 (i32.const 24) (i32.const 0x0101))
          (call $call_new (i32.const 16) (i32.const 10)
            (select (i32.const 48) (i32.const 0) (global.get $composite)) (select (i32.const 4) (i32.const 3) (global.get $composite))
            (call $operand (local.get $pc) (i32.const 2)) (i32.const 0) (call $operand (local.get $pc) (i32.const 2)) (i32.const 0))
          (local.set $len (call $operand (local.get $pc) (i32.const 3)))
          (call $call_data_append (i32.add (local.get $pc) (i32.const 4)) (local.get $len))
          (if (i32.eqz (global.get $composite)) (then
            (call $call_cycles_add128 (i64.const 0) (call $times1000 (call $operand (local.get $pc) (i32.const 1))))))
          (if (local.get $timeout) (then (call $wait_at_most (local.get $timeout))))
          (drop (call $call_perform))
          (local.set $pc (i32.add (local.get $pc) (i32.add (i32.const 4) (local.get $len))))))
        (if (i32.eq (local.get $op) (i32.const 5)) (then
          (call $accept128 (i64.const 0) (call $times1000 (call $operand (local.get $pc) (i32.const 0))) (i32.const 32))
          (local.set $pc (i32.add (local.get $pc) (i32.const 1)))))
        (if (i32.eq (local.get $op) (i32.const 6)) (then (drop (memory.grow (i32.const 1)))))
        (if (i32.eq (local.get $op) (i32.const 7)) (then
          (local.set $k (i32.mul (call $operand (local.get $pc) (i32.const 0)) (i32.const 50000)))
          (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
          (block $b (loop $l (br_if $b (i32.eqz (local.get $k))) (local.set $k (i32.sub (local.get $k) (i32.const 1))) (br $l)))))
        (if (i32.eq (local.get $op) (i32.const 8)) (then
          (call $set_counter (i64.add (global.get $counter) (i64.extend_i32_u (call $operand (local.get $pc) (i32.const 0)))))
          (i32.store8 (i32.add (i32.const 512) (call $operand (local.get $pc) (i32.const 0))) (call $operand (local.get $pc) (i32.const 0)))
          (local.set $pc (i32.add (local.get $pc) (i32.const 1)))))
        (if (i32.eq (local.get $op) (i32.const 9)) (then
          (drop (call $stable_grow (i64.const 1)))
          (i64.store (i32.const 32) (global.get $counter))
          (call $stable_write (i64.const 0) (i64.const 32) (i64.const 8))))
        (if (i32.eq (local.get $op) (i32.const 10)) (then
          (call $burn128 (i64.const 0) (call $times1000 (call $operand (local.get $pc) (i32.const 0))) (i32.const 32))
          (local.set $pc (i32.add (local.get $pc) (i32.const 1)))))
        (if (i32.eq (local.get $op) (i32.const 11)) (then (global.set $poisoned (i32.const 1))))
        (if (i32.eq (local.get $op) (i32.const 12)) (then
          (local.set $k (i32.and (call $operand (local.get $pc) (i32.const 0)) (i32.const 3)))
          (call $call_new (i32.const 0) (i32.const 0)
            (i32.add (i32.const 128) (i32.shl (local.get $k) (i32.const 5))) (i32.load8_u (i32.add (i32.const 120) (local.get $k)))
            (call $operand (local.get $pc) (i32.const 2)) (i32.const 0) (call $operand (local.get $pc) (i32.const 2)) (i32.const 0))
          (local.set $len (call $operand (local.get $pc) (i32.const 3)))
          (call $call_data_append (i32.add (local.get $pc) (i32.const 4)) (local.get $len))
          (call $call_cycles_add128 (i64.const 0)
            (i64.mul (i64.extend_i32_u (call $operand (local.get $pc) (i32.const 1))) (i64.const 10000000000)))
          (drop (call $call_perform))
          (local.set $pc (i32.add (local.get $pc) (i32.add (i32.const 4) (local.get $len))))))
        (if (i32.eq (local.get $op) (i32.const 13)) (then
          (drop (call $timer_set (i64.add (call $time)
            (i64.mul (i64.extend_i32_u (i32.add (call $operand (local.get $pc) (i32.const 0)) (i32.const 1))) (i64.const 10000000000000)))))
          (local.set $pc (i32.add (local.get $pc) (i32.const 1)))))
        (br $next))))
  (func (export "canister_update run")
    (call $arg_copy (i32.const 1024) (i32.const 0) (call $arg_size))
    (call $interpret (i32.const 1024) (i32.add (i32.const 1024) (call $arg_size))))
  (func (export "canister_query peek") (call $reply_counter))
  (func (export "canister_composite_query crun")
    (global.set $composite (i32.const 1))
    (call $arg_copy (i32.const 1024) (i32.const 0) (call $arg_size))
    (call $interpret (i32.const 1024) (i32.add (i32.const 1024) (call $arg_size))))
  (func $cb_reply (param i32) (call $reply_counter))
  (func $cb_trap (param i32) (call $set_counter (i64.add (global.get $counter) (i64.const 1000))) (unreachable))
  (func $cb_ignore (param i32))
  (func (export "canister_global_timer") (call $set_counter (i64.add (global.get $counter) (i64.const 1))))
  (func (export "canister_pre_upgrade")
    (if (i64.eqz (call $stable_size)) (then (drop (call $stable_grow (i64.const 1)))))
    (i64.store (i32.const 32) (global.get $counter))
    (call $stable_write (i64.const 0) (i64.const 32) (i64.const 8))
    (i32.store8 (i32.const 800) (i32.const 1))
    (if (global.get $poisoned) (then (unreachable))))
  (func (export "canister_post_upgrade")${postUpgrade === 'trap' ? `
    (drop (call $stable_grow (i64.const 1)))
    (call $stable_write (i64.const 0) (i64.const 8) (i64.const 2))
    (drop (memory.grow (i32.const 1)))
    (unreachable)` : ''}
    (if (i64.ne (call $stable_size) (i64.const 0)) (then
      (call $stable_read (i64.const 32) (i64.const 0) (i64.const 8))
      (call $set_counter (i64.load (i32.const 32)))))))`;
}

export const ROBOT_WAT = robotWat('keep');
/** The robot with a `canister_post_upgrade` that always traps (after changing both memories). */
export const ROBOT_BROKEN_UPGRADE_WAT = robotWat('trap');

export type RobotOp =
  | { op: 'reply' } | { op: 'reject' } | { op: 'trap' } | { op: 'grow' } | { op: 'stable' } | { op: 'poison' }
  | { op: 'accept'; amount: number } | { op: 'loop'; times: number } | { op: 'add'; value: number } | { op: 'burn'; amount: number }
  /** `timeout` 0: a guaranteed-response call; 1 … 255: bounded-wait, at most that many seconds (§3.7). */
  | { op: 'call'; target: number; cycles: number; callback: 0 | 1 | 2; program: RobotOp[]; timeout?: number }
  | { op: 'manage'; method: 0 | 1 | 2 | 3; target: number; cycles: number; callback: 0 | 1 | 2 } | { op: 'timer'; delay: number };

const MANAGEMENT_METHODS = ['deposit_cycles', 'canister_status', 'raw_rand', 'create_canister'] as const;

/** The Candid argument of management method `method` about canister `target` (by creation index). */
function managementArg(method: 0 | 1 | 2 | 3, target: number): number[] {
  const { encodeReply, CanisterIdRecord, CreateCanisterArgs, EMPTY_REPLY } = ManagementCandid;
  if (method === 2) return [...EMPTY_REPLY];
  if (method === 3) return [...encodeReply(CreateCanisterArgs, { settings: [], sender_canister_version: [] })];
  return [...encodeReply(CanisterIdRecord, { canister_id: canisterIdFromIndex(BigInt(target)) })];
}

export function encodeProgram(ops: readonly RobotOp[]): number[] {
  const out: number[] = [];
  for (const o of ops) {
    switch (o.op) {
      case 'reply': out.push(1); break;
      case 'reject': out.push(2); break;
      case 'trap': out.push(3); break;
      case 'grow': out.push(6); break;
      case 'stable': out.push(9); break;
      case 'poison': out.push(11); break;
      case 'accept': out.push(5, o.amount); break;
      case 'loop': out.push(7, o.times); break;
      case 'add': out.push(8, o.value); break;
      case 'burn': out.push(10, o.amount); break;
      case 'timer': out.push(13, o.delay); break;
      case 'manage': {
        const arg = managementArg(o.method, o.target);
        out.push(12, o.method, o.cycles, o.callback, arg.length, ...arg);
        break;
      }
      case 'call': {
        const inner = encodeProgram(o.program).slice(0, 255);
        if (o.timeout) out.push(14, o.timeout);
        else out.push(4);
        out.push(o.target, o.cycles, o.callback, inner.length, ...inner);
      }
    }
  }
  return out;
}

const CALLBACKS = ['reply', 'trap', 'ignore'] as const;

/** A program as text, for labels and regression fixtures: `add 3; call r1 +5k trap-callback [reply]; trap`. */
export function describeProgram(ops: readonly RobotOp[]): string {
  return ops.map((o) => {
    switch (o.op) {
      case 'accept': case 'burn': return `${o.op} ${o.amount}k`;
      case 'loop': return `loop ${o.times}×50k`;
      case 'add': return `add ${o.value}`;
      case 'call': return `call${o.timeout ? ` (wait ≤ ${o.timeout}s)` : ''} r${o.target} +${o.cycles}k ${CALLBACKS[o.callback]}-callback [${describeProgram(o.program)}]`;
      case 'manage': return `${MANAGEMENT_METHODS[o.method]}${o.method < 2 ? ` r${o.target}` : ''} +${o.cycles}0G ${CALLBACKS[o.callback]}-callback`;
      case 'timer': return `timer +${(o.delay + 1) * 10_000}s`;
      default: return o.op;
    }
  }).join('; ');
}

const callback = fc.constantFrom(0 as const, 1 as const, 2 as const);

const leafOp = (canisters: number): fc.Arbitrary<RobotOp> => fc.oneof(
  { weight: 4, arbitrary: fc.constant<RobotOp>({ op: 'reply' }) },
  fc.constant<RobotOp>({ op: 'reject' }),
  fc.constant<RobotOp>({ op: 'trap' }),
  fc.constant<RobotOp>({ op: 'grow' }),
  fc.constant<RobotOp>({ op: 'stable' }),
  fc.record({ op: fc.constant('accept' as const), amount: fc.integer({ min: 0, max: 255 }) }),
  // Mostly loops a slice or a few can hold; now and then one past the message's instruction limit (classroom: 40 M).
  fc.record({
    op: fc.constant('loop' as const),
    times: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 40 }) }, fc.integer({ min: 200, max: 255 })),
  }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant('add' as const), value: fc.integer({ min: 0, max: 255 }) }) },
  fc.record({ op: fc.constant('burn' as const), amount: fc.integer({ min: 0, max: 255 }) }),
  fc.constant<RobotOp>({ op: 'poison' }),
  fc.record({ op: fc.constant('timer' as const), delay: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    op: fc.constant('manage' as const), method: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
    target: fc.integer({ min: 0, max: canisters }), cycles: fc.constantFrom(0, 1, 60, 255), callback,
  }),
);

/** Programs up to `depth` levels of calls, for canisters 0 … canisters−1 (and sometimes one that does not exist). */
export function programArbitrary(canisters: number, depth = 2): fc.Arbitrary<RobotOp[]> {
  const op: fc.Arbitrary<RobotOp> = depth === 0 ? leafOp(canisters) : fc.oneof(
    { weight: 3, arbitrary: leafOp(canisters) },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('call' as const),
        target: fc.integer({ min: 0, max: canisters }),
        cycles: fc.integer({ min: 0, max: 255 }),
        callback,
        program: programArbitrary(canisters, depth - 1),
        // Mostly guaranteed-response calls; now and then a bounded-wait one, short enough to time out (§3.7).
        timeout: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 2 }) }),
      }),
    },
  );
  return fc.array(op, { minLength: 0, maxLength: 5 });
}
