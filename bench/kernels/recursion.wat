;; Recursion: the naive Fibonacci function, fib(39) = 63,245,986, about 204 million calls of a function that calls
;; itself twice (the call-depth budget counts it: it is on a cycle of the call graph). No memory.
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (global $result (mut i32) (i32.const 0))
  (func $fib (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func (export "canister_update run")
    (global.set $result (call $fib (i32.const 39)))
    (call $msg_reply)))
