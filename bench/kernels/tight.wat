;; Tight arithmetic loop: a xorshift64 generator stepped 200 million times, no memory, no calls.
;; Per iteration: one loop header (the metering check) and ~15 arithmetic instructions.
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (global $result (mut i64) (i64.const 0))
  (func (export "canister_update run") (local $i i32) (local $x i64)
    (local.set $x (i64.const 88172645463325252))
    (loop $next
      (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 13))))
      (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 7))))
      (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 17))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 200000000))))
    (global.set $result (local.get $x))
    (call $msg_reply)))
