;; The sequential sweep of memorySequential, run by a reply callback: `run` calls this canister's own `pong`, which
;; replies at once, and the reply callback does 3,000 passes over a 1 MiB buffer (16 Wasm pages), then replies to
;; `run`'s caller. The callback is also exported as `kernel_callback`, for the raw run to call.
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "canister_self_size" (func $self_size (result i32)))
  (import "ic0" "canister_self_copy" (func $self_copy (param i32 i32 i32)))
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "ic0" "call_perform" (func $call_perform (result i32)))
  (memory 17)
  (table 1 funcref)
  (elem (i32.const 0) $callback)
  (data (i32.const 1048576) "pong")
  (func $callback (export "kernel_callback") (param $env i32) (local $pass i32) (local $addr i32)
    (loop $passes
      (local.set $addr (i32.const 0))
      (loop $words
        (i32.store (local.get $addr)
          (i32.add (i32.mul (i32.load (local.get $addr)) (i32.const 1664525)) (local.get $pass)))
        (local.set $addr (i32.add (local.get $addr) (i32.const 4)))
        (br_if $words (i32.lt_u (local.get $addr) (i32.const 1048576))))
      (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
      (br_if $passes (i32.lt_u (local.get $pass) (i32.const 3000))))
    (call $msg_reply))
  (func (export "canister_update pong") (call $msg_reply))
  (func (export "canister_update run") (local $size i32)
    (local.set $size (call $self_size))
    (call $self_copy (i32.const 1048592) (i32.const 0) (local.get $size))
    (call $call_new (i32.const 1048592) (local.get $size) (i32.const 1048576) (i32.const 4)
      (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
    (drop (call $call_perform))))
