/**
 * Readable WAT building blocks for test canisters: the usual `ic0` imports and reply helpers, spliced into
 * a module so each fixture shows only what it is about. Unused imports are harmless to a canister.
 */
export const IMPORTS = `
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "msg_reply_data_append" (func $msg_reply_data_append (param i32 i32)))
  (import "ic0" "msg_reject" (func $msg_reject (param i32 i32)))
  (import "ic0" "msg_arg_data_size" (func $msg_arg_data_size (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $msg_arg_data_copy (param i32 i32 i32)))
  (import "ic0" "msg_caller_size" (func $msg_caller_size (result i32)))
  (import "ic0" "msg_caller_copy" (func $msg_caller_copy (param i32 i32 i32)))
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (import "ic0" "debug_print" (func $debug_print (param i32 i32)))
  (import "ic0" "stable64_size" (func $stable64_size (result i64)))
  (import "ic0" "stable64_grow" (func $stable64_grow (param i64) (result i64)))
  (import "ic0" "stable64_write" (func $stable64_write (param i64 i64 i64)))
  (import "ic0" "stable64_read" (func $stable64_read (param i64 i64 i64)))
  (import "ic0" "time" (func $time (result i64)))
  (import "ic0" "performance_counter" (func $performance_counter (param i32) (result i64)))
  (import "ic0" "canister_version" (func $canister_version (result i64)))
  (import "ic0" "accept_message" (func $accept_message))
  (import "ic0" "msg_method_name_size" (func $msg_method_name_size (result i32)))
  (import "ic0" "msg_method_name_copy" (func $msg_method_name_copy (param i32 i32 i32)))
  (import "ic0" "global_timer_set" (func $global_timer_set (param i64) (result i64)))
  (import "ic0" "certified_data_set" (func $certified_data_set (param i32 i32)))
  (import "ic0" "canister_cycle_balance128" (func $canister_cycle_balance128 (param i32)))
  (import "ic0" "cycles_burn128" (func $cycles_burn128 (param i64 i64 i32)))
  (import "ic0" "is_controller" (func $is_controller (param i32 i32) (result i32)))
  (import "ic0" "in_replicated_execution" (func $in_replicated_execution (result i32)))
  (import "ic0" "canister_self_size" (func $canister_self_size (result i32)))
  (import "ic0" "canister_self_copy" (func $canister_self_copy (param i32 i32 i32)))
  (import "ic0" "canister_status" (func $canister_status (result i32)))
  (import "ic0" "stable_grow" (func $stable_grow (param i32) (result i32)))
  (import "ic0" "stable_size" (func $stable_size (result i32)))
  (import "ic0" "msg_cycles_available128" (func $msg_cycles_available128 (param i32)))
`;

/** Reply helpers over memory bytes 0..16 (scratch space). */
export const HELPERS = `
  (func $reply_i64 (param $v i64)
    (i64.store (i32.const 0) (local.get $v))
    (call $msg_reply_data_append (i32.const 0) (i32.const 8))
    (call $msg_reply))
  (func $reply_i32 (param $v i32)
    (call $reply_i64 (i64.extend_i32_u (local.get $v))))
`;

/** A module with the imports, one page of memory, the helpers and `body`. */
export function canister(body: string, memory = '(memory 1)'): string {
  return `(module ${IMPORTS} ${memory} ${HELPERS} ${body})`;
}
