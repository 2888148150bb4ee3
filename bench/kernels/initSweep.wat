;; The sequential sweep of memorySequential, run by `canister_init` (the work of an install): 3,000 passes over a
;; 1 MiB buffer (16 Wasm pages). Its `run` method only replies.
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (memory 17)
  (func (export "canister_init") (local $pass i32) (local $addr i32)
    (loop $passes
      (local.set $addr (i32.const 0))
      (loop $words
        (i32.store (local.get $addr)
          (i32.add (i32.mul (i32.load (local.get $addr)) (i32.const 1664525)) (local.get $pass)))
        (local.set $addr (i32.add (local.get $addr) (i32.const 4)))
        (br_if $words (i32.lt_u (local.get $addr) (i32.const 1048576))))
      (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
      (br_if $passes (i32.lt_u (local.get $pass) (i32.const 3000)))))
  (func (export "canister_update run") (call $msg_reply)))
