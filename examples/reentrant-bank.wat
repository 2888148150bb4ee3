;; A bank holding 10 for its customer, with a reentrancy bug. `withdraw` reads the balance, asks the ledger (whose id
;; is the init argument) to pay 5, and once the ledger has paid writes back the balance it read BEFORE the call,
;; minus 5. One withdrawal at a time is right. Two in flight at once both read the same balance, both are paid, and
;; both write the same result: 5 more is paid out than the balance went down by. Between the call and its callback
;; other messages run (ic-reference.md §7): state read before an await is stale after it. The fix: take the 5 off
;; before the call (and give it back if the ledger refuses). The query `balance` replies with 8 bytes, little-endian.
(module
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "ic0" "call_perform" (func $call_perform (result i32)))
  (import "ic0" "msg_arg_data_size" (func $arg_size (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_reject" (func $reject (param i32 i32)))
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 0) $on_paid $on_refused)
  (global $balance (mut i64) (i64.const 10))
  ;; memory: [0..32) the ledger's id, 32: its length, 64: "pay", 80: messages, 1000: scratch
  (data (i32.const 64) "pay")
  (data (i32.const 80) "insufficient funds")
  (data (i32.const 100) "the ledger refused to pay")
  (func (export "canister_init")
    (i32.store (i32.const 32) (call $arg_size))
    (call $arg_copy (i32.const 0) (i32.const 0) (call $arg_size)))
  (func $reply_i64 (param $value i64)
    (i64.store (i32.const 1000) (local.get $value))
    (call $append (i32.const 1000) (i32.const 8))
    (call $reply))
  (func (export "canister_update withdraw")
    (if (i64.lt_u (global.get $balance) (i64.const 5))
      (then (call $reject (i32.const 80) (i32.const 18)) (return)))
    ;; The balance read now travels to the callback as its environment: the stale read the bug is made of.
    (call $call_new (i32.const 0) (i32.load (i32.const 32)) (i32.const 64) (i32.const 3)
      (i32.const 0) (i32.wrap_i64 (global.get $balance)) (i32.const 1) (i32.const 0))
    (if (call $call_perform) (then unreachable)))
  (func $on_paid (param $read i32)
    (global.set $balance (i64.sub (i64.extend_i32_u (local.get $read)) (i64.const 5)))
    (call $reply_i64 (global.get $balance)))
  (func $on_refused (param $env i32) (call $reject (i32.const 100) (i32.const 25)))
  (func (export "canister_query balance") (call $reply_i64 (global.get $balance))))
