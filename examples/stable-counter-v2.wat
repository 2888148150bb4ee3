;; Version 2: the same counter, kept across the upgrade through stable memory, plus a `double` method.
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "msg_reply_data_append" (func $msg_reply_data_append (param i32 i32)))
  (import "ic0" "stable64_size" (func $stable64_size (result i64)))
  (import "ic0" "stable64_grow" (func $stable64_grow (param i64) (result i64)))
  (import "ic0" "stable64_write" (func $stable64_write (param i64 i64 i64)))
  (import "ic0" "stable64_read" (func $stable64_read (param i64 i64 i64)))
  (memory 1)
  (global $counter (mut i64) (i64.const 0))

  (func $reply_counter
    (i64.store (i32.const 0) (global.get $counter))
    (call $msg_reply_data_append (i32.const 0) (i32.const 8))
    (call $msg_reply))

  (func (export "canister_update inc")
    (global.set $counter (i64.add (global.get $counter) (i64.const 1)))
    (call $reply_counter))

  (func (export "canister_update double")
    (global.set $counter (i64.mul (global.get $counter) (i64.const 2)))
    (call $reply_counter))

  (func (export "canister_query get")
    (call $reply_counter))

  (func (export "canister_pre_upgrade")
    (if (i64.eqz (call $stable64_size))
      (then (drop (call $stable64_grow (i64.const 1)))))
    (i64.store (i32.const 0) (global.get $counter))
    (call $stable64_write (i64.const 0) (i64.const 0) (i64.const 8)))

  (func (export "canister_post_upgrade")
    (if (i64.ne (call $stable64_size) (i64.const 0))
      (then
        (call $stable64_read (i64.const 0) (i64.const 0) (i64.const 8))
        (global.set $counter (i64.load (i32.const 0)))))))
