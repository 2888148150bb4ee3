;; The engine worker's warm-up canister (warmUpEngine.ts): an install with canister_init, a call that reads its
;; argument, counts, writes memory in a loop and replies: the engine code an ordinary workspace runs, run once early.
(module
  (import "ic0" "msg_arg_data_size" (func $arg_size (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (memory 1)
  (global $count (mut i64) (i64.const 0))
  (func $fill (param $n i32) (local $i i32)
    (loop $l
      (i32.store8 (i32.add (i32.const 64) (local.get $i)) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
  (func (export "canister_init")
    (call $fill (i32.const 256)))
  (func (export "canister_update count")
    (call $arg_copy (i32.const 0) (i32.const 0) (call $arg_size))
    (global.set $count (i64.add (global.get $count) (i64.const 1)))
    (i64.store (i32.const 0) (global.get $count))
    (call $fill (i32.const 32))
    (call $append (i32.const 0) (i32.const 8))
    (call $reply)))
