;; Memory-heavy loop, stores to random pages: a linear congruential generator picks an aligned i32 word anywhere in
;; a 1 MiB buffer (16 Wasm pages) 200 million times; the word is loaded, mixed and stored back, so consecutive
;; stores land on unrelated pages (the write barrier's two remembered pages rarely match).
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (memory 17)
  (func (export "canister_update run") (local $i i32) (local $x i32) (local $addr i32)
    (local.set $x (i32.const 12345))
    (loop $next
      (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (i32.const 12345)))
      (local.set $addr (i32.and (i32.shr_u (local.get $x) (i32.const 8)) (i32.const 0xffffc)))
      (i32.store (local.get $addr) (i32.xor (i32.load (local.get $addr)) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 200000000))))
    (call $msg_reply)))
