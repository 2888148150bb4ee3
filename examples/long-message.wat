;; A long message: `long` runs ~30 M instructions, more than one 2 M slice of the classroom preset, so it
;; occupies the canister for 15 rounds; queries meanwhile see the state from before it.
(module
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (memory 1)
  (global $n (mut i64) (i64.const 0))
  (func $reply_n (i64.store (i32.const 0) (global.get $n)) (call $append (i32.const 0) (i32.const 8)) (call $reply))
  (func (export "canister_update long") (local $i i32)
    (global.set $n (i64.const 100))
    (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (i32.const 3000000))))
    (call $reply_n))
  (func (export "canister_update forever") (loop $l (br $l)))
  (func (export "canister_query get") (call $reply_n)))
