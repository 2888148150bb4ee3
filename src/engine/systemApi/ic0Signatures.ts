/**
 * The `ic0` System API as a table: every import a canister may declare, its exact Wasm signature and the
 * contexts it may be called in. Source: ic-reference.md §1.2 (SPEC-CI "System API imports"); the
 * context letters are the spec's, so this table can be diffed against it line by line.
 *
 * `I` is the pointer/size type: i32 for wasm32 (and for modules without memory), i64 for wasm64.
 */
import type { ApiContext } from './apiContext.ts';

export type WasmValueType = 'i32' | 'i64';
/** A parameter or result type; `I` is resolved to i32/i64 by the module's memory width. */
export type Ic0Type = WasmValueType | 'I';

export interface Ic0Signature {
  readonly params: readonly Ic0Type[];
  readonly results: readonly Ic0Type[];
  /** The spec's context letters, e.g. `"I U RQ NRQ TQ CQ Ry CRy F"`, `"*"` or `"* s"`. */
  readonly allowed: string;
  /** Present only in the replica, not in the spec (ic-reference.md §1.2 "Replica-only"). */
  readonly replicaOnly?: boolean;
}

const I = 'I' as const;
const sig = (params: Ic0Type[], results: Ic0Type[], allowed: string, replicaOnly?: boolean): Ic0Signature =>
  replicaOnly ? { params, results, allowed, replicaOnly } : { params, results, allowed };

const MSG_ARG = 'I U RQ NRQ TQ CQ Ry CRy F';
const CALLER_INFO = 'U RQ NRQ CQ Ry Rt CRy CRt C CC F';
const REPLY = 'U RQ NRQ TQ CQ Ry Rt CRy CRt';
const CALL = 'U CQ Ry Rt CRy CRt T';
const CYCLES_MSG = 'U RQ Ry Rt';
const CYCLES_REFUNDED = 'Ry Rt';
const CALL_CYCLES = 'U Ry Rt T';
const BURN = 'I G U RQ Ry Rt C T';
const ROOT_KEY = 'I G U RQ Ry Rt C T';
const TIMER = 'I G U Ry Rt C T';

/** Every `ic0` import, by name (ic-reference.md §1.2). */
export const IC0_SIGNATURES: Readonly<Record<string, Ic0Signature>> = {
  // Message data, caller, reply/reject
  msg_arg_data_size: sig([], [I], MSG_ARG),
  msg_arg_data_copy: sig([I, I, I], [], MSG_ARG),
  msg_caller_size: sig([], [I], '*'),
  msg_caller_copy: sig([I, I, I], [], '*'),
  msg_caller_info_data_size: sig([], [I], CALLER_INFO),
  msg_caller_info_data_copy: sig([I, I, I], [], CALLER_INFO),
  msg_caller_info_signer_size: sig([], [I], CALLER_INFO),
  msg_caller_info_signer_copy: sig([I, I, I], [], CALLER_INFO),
  msg_reject_code: sig([], ['i32'], 'Ry Rt CRy CRt C'),
  msg_reject_msg_size: sig([], [I], 'Rt CRt'),
  msg_reject_msg_copy: sig([I, I, I], [], 'Rt CRt'),
  msg_deadline: sig([], ['i64'], 'U RQ NRQ CQ Ry Rt CRy CRt'),
  msg_reply_data_append: sig([I, I], [], REPLY),
  msg_reply: sig([], [], REPLY),
  msg_reject: sig([I, I], [], REPLY),
  msg_method_name_size: sig([], [I], 'F'),
  msg_method_name_copy: sig([I, I, I], [], 'F'),
  accept_message: sig([], [], 'F'),

  // Self, status, environment
  canister_self_size: sig([], [I], '*'),
  canister_self_copy: sig([I, I, I], [], '*'),
  canister_status: sig([], ['i32'], '*'),
  canister_version: sig([], ['i64'], '*'),
  subnet_self_size: sig([], [I], '*'),
  subnet_self_copy: sig([I, I, I], [], '*'),
  /** The number of nodes of the canister's subnet (ic-reference.md §12: newer spec text, "everywhere but (start)"). */
  subnet_self_node_count: sig([], ['i32'], '*'),
  is_controller: sig([I, I], ['i32'], '* s'),
  in_replicated_execution: sig([], ['i32'], '* s'),
  root_key_size: sig([], [I], ROOT_KEY),
  root_key_copy: sig([I, I, I], [], ROOT_KEY),
  env_var_count: sig([], [I], '*'),
  env_var_name_size: sig([I], [I], '*'),
  env_var_name_copy: sig([I, I, I, I], [], '*'),
  env_var_name_exists: sig([I, I], ['i32'], '*'),
  env_var_value_size: sig([I, I], [I], '*'),
  env_var_value_copy: sig([I, I, I, I, I], [], '*'),

  // Cycles
  canister_cycle_balance: sig([], ['i64'], '*'),
  canister_cycle_balance128: sig([I], [], '*'),
  canister_liquid_cycle_balance128: sig([I], [], '*'),
  msg_cycles_available: sig([], ['i64'], CYCLES_MSG),
  msg_cycles_available128: sig([I], [], CYCLES_MSG),
  msg_cycles_refunded: sig([], ['i64'], CYCLES_REFUNDED),
  msg_cycles_refunded128: sig([I], [], CYCLES_REFUNDED),
  msg_cycles_accept: sig(['i64'], ['i64'], CYCLES_MSG),
  msg_cycles_accept128: sig(['i64', 'i64', I], [], CYCLES_MSG),
  cycles_burn128: sig(['i64', 'i64', I], [], BURN),
  call_cycles_add: sig(['i64'], [], CALL_CYCLES),
  call_cycles_add128: sig(['i64', 'i64'], [], CALL_CYCLES),
  mint_cycles128: sig(['i64', 'i64', I], [], 'U Ry Rt T', true),

  // Inter-canister calls
  call_new: sig([I, I, I, I, I, I, I, I], [], CALL),
  call_on_cleanup: sig([I, I], [], CALL),
  call_data_append: sig([I, I], [], CALL),
  call_with_best_effort_response: sig(['i32'], [], CALL),
  call_perform: sig([], ['i32'], CALL),

  // Stable memory
  stable64_size: sig([], ['i64'], '* s'),
  stable64_grow: sig(['i64'], ['i64'], '* s'),
  stable64_write: sig(['i64', 'i64', 'i64'], [], '* s'),
  stable64_read: sig(['i64', 'i64', 'i64'], [], '* s'),
  stable_size: sig([], ['i32'], '* s'),
  stable_grow: sig(['i32'], ['i32'], '* s'),
  stable_write: sig(['i32', 'i32', 'i32'], [], '* s'),
  stable_read: sig(['i32', 'i32', 'i32'], [], '* s'),

  // Time, timer, performance, certification, costs, debugging
  time: sig([], ['i64'], '*'),
  global_timer_set: sig(['i64'], ['i64'], TIMER),
  performance_counter: sig(['i32'], ['i64'], '* s'),
  certified_data_set: sig([I, I], [], 'I G U Ry Rt T'),
  data_certificate_present: sig([], ['i32'], '*'),
  data_certificate_size: sig([], [I], 'NRQ CQ'),
  data_certificate_copy: sig([I, I, I], [], 'NRQ CQ'),
  cost_call: sig(['i64', 'i64', I], [], '* s'),
  cost_create_canister: sig([I], [], '* s'),
  cost_http_request: sig(['i64', 'i64', I], [], '* s'),
  cost_sign_with_ecdsa: sig([I, I, 'i32', I], ['i32'], '* s'),
  cost_sign_with_schnorr: sig([I, I, 'i32', I], ['i32'], '* s'),
  cost_vetkd_derive_key: sig([I, I, 'i32', I], ['i32'], '* s'),
  debug_print: sig([I, I], [], '* s'),
  trap: sig([I, I], [], '* s'),
};

/** wasm32-only imports (ic-reference.md §1.2: "wasm32 only"); a wasm64 module may not import them. */
export const IC0_WASM32_ONLY: ReadonlySet<string> = new Set([
  'canister_cycle_balance', 'msg_cycles_available', 'msg_cycles_refunded', 'msg_cycles_accept', 'call_cycles_add',
  'stable_size', 'stable_grow', 'stable_write', 'stable_read',
]);

/** Resolves `I` for a module whose memory is 32-bit (or absent) or 64-bit. */
export function resolveIc0Type(type: Ic0Type, memory64: boolean): WasmValueType {
  return type === 'I' ? (memory64 ? 'i64' : 'i32') : type;
}

export type { ApiContext };
