;; A counter canister: its state (a mutable global) lives inside the canister between calls.
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "msg_reply_data_append" (func $msg_reply_data_append (param i32 i32)))
  (import "ic0" "debug_print" (func $debug_print (param i32 i32)))
  (memory 1)
  (data (i32.const 100) "incremented")
  (global $counter (mut i64) (i64.const 0))

  ;; Replies with the counter as 8 bytes little-endian.
  (func $reply_counter
    (i64.store (i32.const 0) (global.get $counter))
    (call $msg_reply_data_append (i32.const 0) (i32.const 8))
    (call $msg_reply))

  (func (export "canister_update inc")
    (global.set $counter (i64.add (global.get $counter) (i64.const 1)))
    (call $debug_print (i32.const 100) (i32.const 11))
    (call $reply_counter))

  (func (export "canister_query get")
    (call $reply_counter)))
