/**
 * The canisters the inter-canister figures are measured on, in readable WAT. The n-th canister's id is
 * `u64 n (big-endian) ‖ 0x01 ‖ 0x01` (SCENARIO.md), so the pinger builds its callees' ids from their index
 * and needs no init argument: it is canister 0 and its callees are canisters 1, 2, ….
 */

/**
 * The pinger. Each method takes a count n (u32, little-endian) and replies once all its calls were answered:
 * - `ping_chain n`: n calls to canister 1, one after the other: each reply callback makes the next call;
 * - `ping_batch n`: n calls to canister 1 made at once by one execution;
 * - `fan_out n`: one call to each of canisters 1 … n at once.
 * A call context's count lives in its own 4-byte slot of memory, passed to the callbacks as their env, so
 * several messages can be in flight at once. A reject traps, so a bench that goes wrong fails loudly.
 */
export const PINGER_WAT = `(module
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "ic0" "call_perform" (func $call_perform (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (memory 1)
  (table 3 funcref)
  (elem (i32.const 0) $on_chain_reply $on_count_reply $on_reject)
  ;; memory: [0..10) the callee id being built, [16..20) "pong", [32..36) scratch for the argument,
  ;; [1024..) one 4-byte slot per call context: calls still to make (chain) or still unanswered (batch, fan-out)
  (data (i32.const 8) "\\01\\01")
  (data (i32.const 16) "pong")
  (global $next_slot (mut i32) (i32.const 1024))

  (func $count_arg (result i32)
    (call $arg_copy (i32.const 32) (i32.const 0) (i32.const 4))
    (i32.load (i32.const 32)))

  ;; a fresh slot for this call context (wraps after 16,000 contexts: plenty for one bench run)
  (func $new_slot (result i32) (local $slot i32)
    (local.set $slot (global.get $next_slot))
    (global.set $next_slot (select (i32.const 1024) (i32.add (local.get $slot) (i32.const 4))
      (i32.ge_u (local.get $slot) (i32.const 65000))))
    (local.get $slot))

  ;; calls "pong" on canister $index; the callbacks get $slot as their env
  (func $call_pong (param $index i32) (param $on_reply i32) (param $slot i32)
    (i32.store8 (i32.const 7) (local.get $index))
    (i32.store8 (i32.const 6) (i32.shr_u (local.get $index) (i32.const 8)))
    (call $call_new (i32.const 0) (i32.const 10) (i32.const 16) (i32.const 4)
      (local.get $on_reply) (local.get $slot) (i32.const 2) (local.get $slot))
    (if (call $call_perform) (then unreachable)))

  (func (export "canister_update ping_chain") (local $slot i32)
    (local.set $slot (call $new_slot))
    (i32.store (local.get $slot) (i32.sub (call $count_arg) (i32.const 1)))
    (call $call_pong (i32.const 1) (i32.const 0) (local.get $slot)))

  (func $on_chain_reply (param $slot i32) (local $left i32)
    (local.set $left (i32.load (local.get $slot)))
    (if (i32.eqz (local.get $left)) (then (call $reply) (return)))
    (i32.store (local.get $slot) (i32.sub (local.get $left) (i32.const 1)))
    (call $call_pong (i32.const 1) (i32.const 0) (local.get $slot)))

  (func (export "canister_update ping_batch") (local $slot i32) (local $n i32) (local $i i32)
    (local.set $slot (call $new_slot))
    (local.set $n (call $count_arg))
    (i32.store (local.get $slot) (local.get $n))
    (loop $each
      (call $call_pong (i32.const 1) (i32.const 1) (local.get $slot))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $each (i32.lt_u (local.get $i) (local.get $n)))))

  (func (export "canister_update fan_out") (local $slot i32) (local $n i32) (local $i i32)
    (local.set $slot (call $new_slot))
    (local.set $n (call $count_arg))
    (i32.store (local.get $slot) (local.get $n))
    (loop $each
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (call $call_pong (local.get $i) (i32.const 1) (local.get $slot))
      (br_if $each (i32.lt_u (local.get $i) (local.get $n)))))

  (func $on_count_reply (param $slot i32) (local $left i32)
    (local.set $left (i32.sub (i32.load (local.get $slot)) (i32.const 1)))
    (i32.store (local.get $slot) (local.get $left))
    (if (i32.eqz (local.get $left)) (then (call $reply))))

  (func $on_reject (param $slot i32) unreachable))`;

/** The ponger: `pong` replies at once, with nothing. */
export const PONGER_WAT = `(module
  (import "ic0" "msg_reply" (func $reply))
  (func (export "canister_update pong") (call $reply)))`;
