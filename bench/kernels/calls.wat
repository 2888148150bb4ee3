;; Call-heavy loop: 120 million iterations, each calling a two-level chain of tiny functions
;; ($mix calls $lcg), i.e. 240 million calls, each callee a handful of instructions.
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (global $result (mut i32) (i32.const 0))
  (func $lcg (param $x i32) (result i32)
    (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (i32.const 12345)))
  (func $mix (param $x i32) (param $i i32) (result i32)
    (i32.xor (call $lcg (local.get $x)) (local.get $i)))
  (func (export "canister_update run") (local $i i32) (local $x i32)
    (loop $next
      (local.set $x (call $mix (local.get $x) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 120000000))))
    (global.set $result (local.get $x))
    (call $msg_reply)))
