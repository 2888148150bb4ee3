;; A ledger that pays out: `pay` adds 5 to what it has paid in all and replies with that total; the query `paid`
;; replies with the total as 8 bytes, little-endian.
(module
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (memory 1)
  (global $paid (mut i64) (i64.const 0))
  (func $reply_i64 (param $value i64)
    (i64.store (i32.const 0) (local.get $value))
    (call $append (i32.const 0) (i32.const 8))
    (call $reply))
  (func (export "canister_update pay")
    (global.set $paid (i64.add (global.get $paid) (i64.const 5)))
    (call $reply_i64 (global.get $paid)))
  (func (export "canister_query paid") (call $reply_i64 (global.get $paid))))
