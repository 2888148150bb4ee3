;; Two accounts, alice's and bob's, whose balances together are the bank's money: `transfer` moves one unit from
;; alice to bob, so their sum never changes; `mint` adds one to bob's alone (the bug a sum check catches).
;; The queries `alice` and `bob` reply with a balance as 8 bytes, little-endian.
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "msg_reply_data_append" (func $msg_reply_data_append (param i32 i32)))
  (memory 1)
  (global $alice (mut i64) (i64.const 10))
  (global $bob (mut i64) (i64.const 0))

  (func $reply_i64 (param $value i64)
    (i64.store (i32.const 0) (local.get $value))
    (call $msg_reply_data_append (i32.const 0) (i32.const 8))
    (call $msg_reply))

  (func (export "canister_update transfer")
    (global.set $alice (i64.sub (global.get $alice) (i64.const 1)))
    (global.set $bob (i64.add (global.get $bob) (i64.const 1)))
    (call $reply_i64 (global.get $bob)))

  (func (export "canister_update mint")
    (global.set $bob (i64.add (global.get $bob) (i64.const 1)))
    (call $reply_i64 (global.get $bob)))

  (func (export "canister_query alice") (call $reply_i64 (global.get $alice)))
  (func (export "canister_query bob") (call $reply_i64 (global.get $bob))))
