/**
 * A WAT canister with a Candid interface: its `candid:service` metadata declared with a `(@custom …)` annotation.
 * Its methods reply with their argument's bytes (so a reply is Candid of the method's result types) and
 * `init_arg` with the bytes `canister_init` got.
 */
import { IMPORTS } from './prelude.ts';

export const PROFILE_SERVICE = [
  'type Profile = record { name : text; age : nat8; tags : vec text; friend : opt Profile };',
  'service : (owner : text) -> {',
  '  greet : (Profile) -> (Profile);',
  '  echo : (nat) -> (nat) query;',
  '  init_arg : () -> (text) query;',
  '}',
].join('\n');

/** The text as a WAT string literal. */
function watString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** The canister with `service` as its interface (none with null). */
export function candidCanister(service: string | null = PROFILE_SERVICE): string {
  return `(module ${IMPORTS}
  (memory 1)
  (global $init_len (mut i32) (i32.const 0))
  ;; Replies with the argument's own bytes.
  (func $echo
    (call $msg_arg_data_copy (i32.const 0) (i32.const 0) (call $msg_arg_data_size))
    (call $msg_reply_data_append (i32.const 0) (call $msg_arg_data_size))
    (call $msg_reply))
  (func $init
    (global.set $init_len (call $msg_arg_data_size))
    (call $msg_arg_data_copy (i32.const 32768) (i32.const 0) (global.get $init_len)))
  (func $init_arg
    (call $msg_reply_data_append (i32.const 32768) (global.get $init_len))
    (call $msg_reply))
  (export "canister_init" (func $init))
  (export "canister_update greet" (func $echo))
  (export "canister_query echo" (func $echo))
  (export "canister_query init_arg" (func $init_arg))
  ${service === null ? '' : `(@custom "icp:public candid:service" ${watString(service)})`})`;
}
