/**
 * Starter canisters for the editor, as readable WAT. Each compiles with wabt and installs as a canister (a unit
 * test checks both, and runs them). Comments in the WAT explain the IC ideas each one shows, since a learner
 * reads these before any documentation. Replies are raw bytes (no Candid), to keep the WAT short.
 */
export interface WatTemplate {
  readonly id: string;
  readonly title: string;
  /** One sentence for a picker. */
  readonly description: string;
  readonly source: string;
}

const counter = `;; A counter. Its state is a global inside the canister, kept from one call to the next.
;; "inc" (an update) adds one and replies with the new value; "get" (a query) replies with the value.
;; Replies are the counter as 8 bytes, little-endian.
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "msg_reply_data_append" (func $msg_reply_data_append (param i32 i32)))
  (memory 1)
  (global $counter (mut i64) (i64.const 0))

  ;; Writes the counter to address 0 and replies with those 8 bytes.
  (func $reply_counter
    (i64.store (i32.const 0) (global.get $counter))
    (call $msg_reply_data_append (i32.const 0) (i32.const 8))
    (call $msg_reply))

  (func (export "canister_update inc")
    (global.set $counter (i64.add (global.get $counter) (i64.const 1)))
    (call $reply_counter))

  (func (export "canister_query get")
    (call $reply_counter)))
`;

const updateAndQuery = `;; An update and a query. "set" (an update) stores its argument; "get" (a query) replies with it.
;; A query may change memory while it runs, but the change is thrown away afterwards: call
;; "clear_in_query", then "get", and the value is still there.
(module
  (import "ic0" "msg_arg_data_size" (func $msg_arg_data_size (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $msg_arg_data_copy (param i32 i32 i32)))
  (import "ic0" "msg_reply_data_append" (func $msg_reply_data_append (param i32 i32)))
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "msg_reject" (func $msg_reject (param i32 i32)))
  (memory 1)
  ;; Memory: [0, 64) a message; [1024, 2048) the stored value.
  (data (i32.const 0) "the value is longer than 1,024 bytes")
  (global $length (mut i32) (i32.const 0))

  (func (export "canister_update set")
    ;; Rejecting answers the caller with an error; nothing this call changed is kept.
    (if (i32.gt_u (call $msg_arg_data_size) (i32.const 1024))
      (then
        (call $msg_reject (i32.const 0) (i32.const 36))
        (return)))
    (global.set $length (call $msg_arg_data_size))
    (call $msg_arg_data_copy (i32.const 1024) (i32.const 0) (global.get $length))
    (call $msg_reply))

  (func (export "canister_query get")
    (call $msg_reply_data_append (i32.const 1024) (global.get $length))
    (call $msg_reply))

  (func (export "canister_query clear_in_query")
    (global.set $length (i32.const 0))
    (call $msg_reply)))
`;

const stableUpgrade = `;; A counter that survives upgrades. An upgrade replaces the code and starts a fresh Wasm memory,
;; but keeps stable memory: canister_pre_upgrade (run by the old code) saves the counter there and
;; canister_post_upgrade (run by the new code) reads it back. Call "inc", upgrade, then "get".
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "msg_reply_data_append" (func $msg_reply_data_append (param i32 i32)))
  (import "ic0" "stable64_size" (func $stable64_size (result i64)))
  (import "ic0" "stable64_grow" (func $stable64_grow (param i64) (result i64)))
  (import "ic0" "stable64_write" (func $stable64_write (param i64 i64 i64)))
  (import "ic0" "stable64_read" (func $stable64_read (param i64 i64 i64)))
  (memory 1)
  (global $counter (mut i64) (i64.const 0))

  (func $reply_counter
    (i64.store (i32.const 0) (global.get $counter))
    (call $msg_reply_data_append (i32.const 0) (i32.const 8))
    (call $msg_reply))

  (func (export "canister_update inc")
    (global.set $counter (i64.add (global.get $counter) (i64.const 1)))
    (call $reply_counter))

  (func (export "canister_query get")
    (call $reply_counter))

  ;; Stable memory starts empty: grow it by one 64 KiB page the first time, then copy the 8 bytes over.
  (func (export "canister_pre_upgrade")
    (if (i64.eqz (call $stable64_size))
      (then (drop (call $stable64_grow (i64.const 1)))))
    (i64.store (i32.const 0) (global.get $counter))
    (call $stable64_write (i64.const 0) (i64.const 0) (i64.const 8)))

  ;; If this traps, the whole upgrade is undone and the old code keeps running.
  (func (export "canister_post_upgrade")
    (if (i64.ne (call $stable64_size) (i64.const 0))
      (then
        (call $stable64_read (i64.const 0) (i64.const 0) (i64.const 8))
        (global.set $counter (i64.load (i32.const 0)))))))
`;

const caller = `;; A canister that calls another. Install it with the callee's principal (its raw bytes) as the init
;; argument; "call_inc" then calls the callee's "inc" (try the Counter starter as the callee). The call is
;; asynchronous: "call_inc" returns without replying, and its caller gets an answer only when the callee's
;; response comes back to one of the two callbacks below.
(module
  (import "ic0" "msg_arg_data_size" (func $msg_arg_data_size (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $msg_arg_data_copy (param i32 i32 i32)))
  (import "ic0" "msg_reply_data_append" (func $msg_reply_data_append (param i32 i32)))
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "msg_reject" (func $msg_reject (param i32 i32)))
  (import "ic0" "msg_reject_msg_size" (func $msg_reject_msg_size (result i32)))
  (import "ic0" "msg_reject_msg_copy" (func $msg_reject_msg_copy (param i32 i32 i32)))
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "ic0" "call_perform" (func $call_perform (result i32)))
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (memory 1)
  ;; Callbacks are passed to call_new as indices into this table.
  (table 2 funcref)
  (elem (i32.const 0) $on_reply $on_reject)
  ;; Memory: [0, 32) the callee's principal; [32, 256) texts; [1024, ...) the response being forwarded.
  (global $callee_size (mut i32) (i32.const 0))
  (data (i32.const 32) "inc")
  (data (i32.const 40) "the call could not be sent")
  (data (i32.const 80) "no callee: install with its principal as the init argument")
  (data (i32.const 160) "the init argument is not a principal")

  (func (export "canister_init")
    ;; A principal is at most 29 bytes.
    (if (i32.gt_u (call $msg_arg_data_size) (i32.const 29))
      (then (call $trap (i32.const 160) (i32.const 36))))
    (global.set $callee_size (call $msg_arg_data_size))
    (call $msg_arg_data_copy (i32.const 0) (i32.const 0) (global.get $callee_size)))

  (func (export "canister_update call_inc")
    (if (i32.eqz (global.get $callee_size))
      (then
        (call $msg_reject (i32.const 80) (i32.const 58))
        (return)))
    (call $call_new
      (i32.const 0) (global.get $callee_size) ;; callee principal
      (i32.const 32) (i32.const 3)            ;; method name "inc"
      (i32.const 0) (i32.const 0)             ;; reply callback: table index 0, env 0
      (i32.const 1) (i32.const 0))            ;; reject callback: table index 1, env 0
    ;; 0 means sent. Otherwise no callback will ever run, so answer now.
    (if (call $call_perform)
      (then (call $msg_reject (i32.const 40) (i32.const 26)))))

  ;; In a reply callback, msg_arg_data_* read the callee's reply: forward it as this call's reply.
  (func $on_reply (param $env i32)
    (call $msg_arg_data_copy (i32.const 1024) (i32.const 0) (call $msg_arg_data_size))
    (call $msg_reply_data_append (i32.const 1024) (call $msg_arg_data_size))
    (call $msg_reply))

  ;; In a reject callback, msg_reject_msg_* read why the call failed: pass that on.
  (func $on_reject (param $env i32)
    (call $msg_reject_msg_copy (i32.const 1024) (i32.const 0) (call $msg_reject_msg_size))
    (call $msg_reject (i32.const 1024) (call $msg_reject_msg_size))))
`;

const blank = `;; A canister with one method to start from. A method is an export named "canister_update <name>" or
;; "canister_query <name>"; it answers with ic0.msg_reply (after msg_reply_data_append for the reply's bytes).
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "msg_reply_data_append" (func $msg_reply_data_append (param i32 i32)))
  (memory 1)
  (data (i32.const 0) "hello")

  (func (export "canister_update hello")
    (call $msg_reply_data_append (i32.const 0) (i32.const 5))
    (call $msg_reply))
)
`;

export const WAT_TEMPLATES: readonly WatTemplate[] = [
  { id: 'counter', title: 'Counter', description: 'The smallest useful canister: a counter with an update and a query.', source: counter },
  { id: 'update-query', title: 'Update and query', description: 'Stores a value with an update call and reads it with a query, whose changes are discarded.', source: updateAndQuery },
  { id: 'stable-upgrade', title: 'Upgrade with stable memory', description: 'A counter kept across upgrades by saving it to stable memory.', source: stableUpgrade },
  { id: 'caller', title: 'Inter-canister call', description: 'Calls another canister and forwards its reply or reject from the callbacks.', source: caller },
  { id: 'blank', title: 'Blank module', description: 'One method that replies "hello": a start for your own canister.', source: blank },
];

export function watTemplate(id: string): WatTemplate | undefined {
  return WAT_TEMPLATES.find((template) => template.id === id);
}
