;; Trap and rollback: `inc_then_trap` changes the counter and memory, then traps.
;; Every change of that execution is rolled back; only the instructions it used are paid for.
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "msg_reply_data_append" (func $msg_reply_data_append (param i32 i32)))
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (memory 1)
  (data (i32.const 200) "something went wrong")
  (global $counter (mut i64) (i64.const 0))

  (func $reply_counter
    (i64.store (i32.const 0) (global.get $counter))
    (call $msg_reply_data_append (i32.const 0) (i32.const 8))
    (call $msg_reply))

  (func (export "canister_update inc")
    (global.set $counter (i64.add (global.get $counter) (i64.const 1)))
    (call $reply_counter))

  (func (export "canister_update inc_then_trap")
    (global.set $counter (i64.add (global.get $counter) (i64.const 100)))
    (i64.store (i32.const 64) (i64.const -1))
    (call $trap (i32.const 200) (i32.const 20)))

  (func (export "canister_update divide_by_zero")
    (global.set $counter (i64.const 999))
    (drop (i32.div_u (i32.const 1) (i32.const 0))))

  (func (export "canister_query get")
    (call $reply_counter)))
