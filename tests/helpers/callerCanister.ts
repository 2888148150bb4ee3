/**
 * A caller canister for inter-canister tests, in readable WAT. `call <method>` on it calls
 * `<method>` on the canister whose id is in its init argument, attaching the cycles given as the
 * call's 8-byte argument (if any), and replies with what came back: `R` + the reply bytes, or `J` + the
 * reject code byte + the reject message. Its global `before` is incremented before each call, so tests can
 * see that state before an `await` survives a trap after it.
 */
export const CALLER_WAT = `(module
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "ic0" "call_data_append" (func $call_data_append (param i32 i32)))
  (import "ic0" "call_cycles_add128" (func $call_cycles_add128 (param i64 i64)))
  (import "ic0" "call_on_cleanup" (func $call_on_cleanup (param i32 i32)))
  (import "ic0" "call_with_best_effort_response" (func $best_effort (param i32)))
  (import "ic0" "call_perform" (func $call_perform (result i32)))
  (import "ic0" "msg_arg_data_size" (func $arg_size (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_reject_code" (func $reject_code (result i32)))
  (import "ic0" "msg_reject_msg_size" (func $reject_msg_size (result i32)))
  (import "ic0" "msg_reject_msg_copy" (func $reject_msg_copy (param i32 i32 i32)))
  (import "ic0" "msg_cycles_refunded128" (func $refunded128 (param i32)))
  (import "ic0" "debug_print" (func $print (param i32 i32)))
  (memory 1)
  (table 3 funcref)
  (elem (i32.const 0) $on_reply $on_reject $on_cleanup)
  (global $before (mut i64) (i64.const 0))
  (global $after (mut i64) (i64.const 0))
  (data (i32.const 200) "cleanup ran")
  ;; memory: [0..32) callee id (from init arg), 32: id length, [64..) method name, 1000: scratch
  (func (export "canister_init")
    (i32.store (i32.const 32) (call $arg_size))
    (call $arg_copy (i32.const 0) (i32.const 0) (call $arg_size)))
  (func $call (param $name i32) (param $len i32) (param $cleanup i32) (call $call_bounded (local.get $name) (local.get $len) (local.get $cleanup) (i32.const 0)))
  (func $call_bounded (param $name i32) (param $len i32) (param $cleanup i32) (param $timeout i32)
    (global.set $before (i64.add (global.get $before) (i64.const 1)))
    (call $call_new (i32.const 0) (i32.load (i32.const 32)) (local.get $name) (local.get $len)
      (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0))
    (if (local.get $cleanup) (then (call $call_on_cleanup (i32.const 2) (i32.const 0))))
    (if (local.get $timeout) (then (call $best_effort (local.get $timeout))))
    (if (i32.eq (call $arg_size) (i32.const 8))
      (then
        (call $arg_copy (i32.const 1000) (i32.const 0) (i32.const 8))
        (call $call_cycles_add128 (i64.const 0) (i64.load (i32.const 1000)))))
    (if (call $call_perform) (then unreachable)))
  (data (i32.const 64) "inc")
  (data (i32.const 72) "trap")
  (data (i32.const 80) "nope")
  (data (i32.const 88) "accept_half")
  (data (i32.const 100) "slow")
  (func (export "canister_update call_slow_bounded") (call $call_bounded (i32.const 100) (i32.const 4) (i32.const 0) (i32.const 1)))
  (func (export "canister_update call_slow") (call $call (i32.const 100) (i32.const 4) (i32.const 0)))
  (func (export "canister_update call_inc") (call $call (i32.const 64) (i32.const 3) (i32.const 0)))
  (func (export "canister_update call_trap") (call $call (i32.const 72) (i32.const 4) (i32.const 0)))
  (func (export "canister_update call_nope") (call $call (i32.const 80) (i32.const 4) (i32.const 0)))
  (func (export "canister_update call_accept_half") (call $call (i32.const 88) (i32.const 11) (i32.const 0)))
  (func (export "canister_update call_twice")
    (call $call (i32.const 64) (i32.const 3) (i32.const 0))
    (call $call (i32.const 64) (i32.const 3) (i32.const 0)))
  ;; the callback of this one traps after changing $after: cleanup runs on the state before the callback
  (func (export "canister_update call_inc_trap_in_callback")
    (global.set $after (i64.const -1))
    (call $call (i32.const 64) (i32.const 3) (i32.const 1)))
  (func $on_reply (param $env i32)
    (global.set $after (i64.add (global.get $after) (i64.const 1)))
    (if (i64.eq (global.get $after) (i64.const 0)) (then unreachable))
    (i32.store8 (i32.const 1000) (i32.const 82))
    (call $append (i32.const 1000) (i32.const 1))
    (call $arg_copy (i32.const 1001) (i32.const 0) (call $arg_size))
    (call $append (i32.const 1001) (call $arg_size))
    (call $reply))
  (func $on_reject (param $env i32)
    (i32.store8 (i32.const 1000) (i32.const 74))
    (i32.store8 (i32.const 1001) (call $reject_code))
    (call $reject_msg_copy (i32.const 1002) (i32.const 0) (call $reject_msg_size))
    (call $append (i32.const 1000) (i32.add (i32.const 2) (call $reject_msg_size)))
    (call $reply))
  (func $on_cleanup (param $env i32) (call $print (i32.const 200) (i32.const 11)))
  (func (export "canister_query state")
    (i64.store (i32.const 1000) (global.get $before))
    (i64.store (i32.const 1008) (global.get $after))
    (call $append (i32.const 1000) (i32.const 16))
    (call $reply))
  (func (export "canister_query refunded")
    (call $reply)))`;

/** The callee: `inc` counts and replies with the count; `trap` traps; `accept_half` accepts half the cycles. */
export const CALLEE_WAT = `(module
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_cycles_available128" (func $available128 (param i32)))
  (import "ic0" "msg_cycles_accept128" (func $accept128 (param i64 i64 i32)))
  (memory 1)
  (global $n (mut i64) (i64.const 0))
  (func (export "canister_update inc")
    (global.set $n (i64.add (global.get $n) (i64.const 1)))
    (i64.store (i32.const 0) (global.get $n))
    (call $append (i32.const 0) (i32.const 8))
    (call $reply))
  (func (export "canister_update trap") unreachable)
  ;; about 30 M instructions: 15 slices of 2 M on the classroom preset
  (func (export "canister_update slow") (local $i i32)
    (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (i32.const 3000000))))
    (call $reply))
  (func (export "canister_update accept_half")
    (call $available128 (i32.const 0))
    (call $accept128 (i64.const 0) (i64.shr_u (i64.load (i32.const 0)) (i64.const 1)) (i32.const 16))
    (call $append (i32.const 16) (i32.const 8))
    (call $reply)))`;

/** The 10-byte id of the n-th canister, as a hex ARG for the caller's init. */
export function canisterIdHex(index: number): string {
  return index.toString(16).padStart(16, '0') + '0101';
}
