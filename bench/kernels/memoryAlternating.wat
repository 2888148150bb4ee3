;; Memory-heavy loop, stores alternating between two pages: pages 0 and 1 hold two arrays of 16,384 i32 words;
;; each step swaps-and-mixes word k of both arrays, so every store lands on the other page than the one before.
;; 30,000 passes over the two pages.
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (memory 2)
  (func (export "canister_update run") (local $pass i32) (local $addr i32) (local $a i32) (local $b i32)
    (loop $passes
      (local.set $addr (i32.const 0))
      (loop $words
        (local.set $a (i32.load (local.get $addr)))
        (local.set $b (i32.load offset=65536 (local.get $addr)))
        (i32.store (local.get $addr) (i32.add (local.get $b) (local.get $pass)))
        (i32.store offset=65536 (local.get $addr) (i32.xor (local.get $a) (local.get $addr)))
        (local.set $addr (i32.add (local.get $addr) (i32.const 4)))
        (br_if $words (i32.lt_u (local.get $addr) (i32.const 65536))))
      (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
      (br_if $passes (i32.lt_u (local.get $pass) (i32.const 30000))))
    (call $msg_reply)))
