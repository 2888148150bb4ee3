;; Memory-heavy loop over a heap larger than 16 MiB: a sequential sweep like memorySequential's, over a 32 MiB
;; buffer (512 Wasm pages), 100 passes; each i32 word loaded, updated and stored back in address order.
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (memory 513)
  (func (export "canister_update run") (local $pass i32) (local $addr i32)
    (loop $passes
      (local.set $addr (i32.const 0))
      (loop $words
        (i32.store (local.get $addr)
          (i32.add (i32.mul (i32.load (local.get $addr)) (i32.const 1664525)) (local.get $pass)))
        (local.set $addr (i32.add (local.get $addr) (i32.const 4)))
        (br_if $words (i32.lt_u (local.get $addr) (i32.const 33554432))))
      (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
      (br_if $passes (i32.lt_u (local.get $pass) (i32.const 100))))
    (call $msg_reply)))
