/**
 * Editor documentation for the `ic0` System API and the `canister_*` entry points: what each does, in one or two
 * sentences paraphrased from ic-reference.md §1.2 and §2.2, and where it may be called. Names, signatures and
 * context letters are NOT repeated here: they come from the engine's single table (IC0_SIGNATURES), so the editor
 * can never offer an import the engine would reject. A unit test checks the two stay in step.
 */
import { IC0_SIGNATURES, IC0_WASM32_ONLY, resolveIc0Type, type Ic0Signature } from '../../engine/index.ts';

/** What each `ic0` import does. Keys must be exactly the names of IC0_SIGNATURES (checked by a test). */
const IC0_DESCRIPTIONS: Readonly<Record<string, string>> = {
  msg_arg_data_size: 'Size of the message argument: the call argument in init, post_upgrade and methods, or the reply payload in a reply callback.',
  msg_arg_data_copy: 'Copies `size` bytes of the message argument, from `offset`, to `dst` in Wasm memory. Traps if either range is out of bounds.',
  msg_caller_size: 'Size of the caller\'s principal. In init and upgrades the caller is whoever installed the code; in system tasks it is the management canister (an empty principal).',
  msg_caller_copy: 'Copies `size` bytes of the caller\'s principal, from `offset`, to `dst` in Wasm memory.',
  msg_caller_info_data_size: 'Size of the caller-info data attached to the message (information about the caller vouched for by a signer). Empty when none is attached, which is always the case in this playground.',
  msg_caller_info_data_copy: 'Copies `size` bytes of the caller-info data, from `offset`, to `dst` in Wasm memory.',
  msg_caller_info_signer_size: 'Size of the principal that signed the caller-info data. Empty when no caller info is attached.',
  msg_caller_info_signer_copy: 'Copies `size` bytes of the caller-info signer\'s principal, from `offset`, to `dst` in Wasm memory.',
  msg_reject_code: 'The reject code of the response being handled: 0 in a reply callback (and its cleanup), non-zero in a reject callback.',
  msg_reject_msg_size: 'Size of the reject message received by a reject callback. Traps if there is no reject message.',
  msg_reject_msg_copy: 'Copies `size` bytes of the reject message, from `offset`, to `dst` in Wasm memory.',
  msg_deadline: 'Deadline of a bounded-wait call, in nanoseconds since 1970. It is 0 for ingress messages, queries and unbounded-wait calls.',
  msg_reply_data_append: 'Appends `size` bytes from `src` to the reply being built; nothing is sent until `msg_reply`. Traps after the call was already replied to or rejected.',
  msg_reply: 'Sends the appended reply data as the reply to the current call. Replying (or rejecting) twice traps.',
  msg_reject: 'Rejects the current call with the UTF-8 message at `src` (the caller sees reject code 4, CANISTER_REJECT). Any appended reply data is dropped.',
  msg_method_name_size: 'Size of the name of the method the inspected ingress message wants to call.',
  msg_method_name_copy: 'Copies `size` bytes of the inspected message\'s method name, from `offset`, to `dst` in Wasm memory.',
  accept_message: 'Accepts the ingress message being inspected. If canister_inspect_message returns without calling it (or traps), the message is refused; calling it twice traps.',

  canister_self_size: 'Size of this canister\'s own principal (its canister id).',
  canister_self_copy: 'Copies `size` bytes of this canister\'s principal, from `offset`, to `dst` in Wasm memory.',
  canister_status: 'This canister\'s status: 1 running, 2 stopping, 3 stopped.',
  canister_version: 'This canister\'s version, which starts at 0 and grows with every successful update, callback, system task, install and settings change.',
  subnet_self_size: 'Size of the principal of the subnet this canister runs on.',
  subnet_self_copy: 'Copies `size` bytes of this subnet\'s principal, from `offset`, to `dst` in Wasm memory.',
  subnet_self_node_count: 'The number of nodes of the subnet this canister runs on (the scenario\'s `subnet.nodes`; fees scale by it).',
  is_controller: 'Returns 1 if the principal at `src` (of `size` bytes) is a controller of this canister, else 0. Traps if the bytes are not a valid principal.',
  in_replicated_execution: 'Returns 1 if the current execution is replicated (its effects go through consensus), 0 in non-replicated queries, composite queries and inspect_message.',
  root_key_size: 'Size of the IC root public key. Traps in non-replicated modes.',
  root_key_copy: 'Copies `size` bytes of the IC root public key, from `offset`, to `dst` in Wasm memory.',
  env_var_count: 'Number of environment variables set on this canister.',
  env_var_name_size: 'Size of the name of environment variable number `index`, counting in lexicographic name order.',
  env_var_name_copy: 'Copies `size` bytes of the name of environment variable number `index`, from `offset`, to `dst`.',
  env_var_name_exists: 'Returns 1 if an environment variable with the UTF-8 name at `name_src` exists, else 0.',
  env_var_value_size: 'Size of the value of the environment variable with the given name. Traps on an unknown name or invalid UTF-8.',
  env_var_value_copy: 'Copies `size` bytes of the named environment variable\'s value, from `offset`, to `dst` in Wasm memory.',

  canister_cycle_balance: 'This canister\'s cycle balance as a 64-bit number (traps if it does not fit). Prefer canister_cycle_balance128.',
  canister_cycle_balance128: 'Writes this canister\'s cycle balance to `dst` as 16 bytes little-endian. Cycles reserved for this message and for calls already made are not counted.',
  canister_liquid_cycle_balance128: 'Writes to `dst` (16 bytes little-endian) the cycles this canister can spend without dropping below its freezing threshold.',
  msg_cycles_available: 'Cycles attached to the current call that have not been accepted yet, as a 64-bit number.',
  msg_cycles_available128: 'Writes to `dst` (16 bytes little-endian) the cycles attached to the current call that have not been accepted yet.',
  msg_cycles_refunded: 'Cycles refunded with the response being handled (those the callee did not accept), as a 64-bit number.',
  msg_cycles_refunded128: 'Writes to `dst` (16 bytes little-endian) the cycles refunded with the response being handled.',
  msg_cycles_accept: 'Moves up to `max_amount` of the attached cycles into this canister\'s balance and returns how many were moved. Never traps.',
  msg_cycles_accept128: 'Moves up to the 128-bit amount (high, low) of the attached cycles into the balance and writes the amount moved to `dst` (16 bytes little-endian). Never traps.',
  cycles_burn128: 'Burns up to the 128-bit amount (high, low) of cycles, limited to the liquid balance, and writes the amount burned to `dst`. Never traps.',
  call_cycles_add: 'Attaches a 64-bit amount of cycles to the call under construction, taking them off the balance now. Traps if there is no call under construction or the balance is too low.',
  call_cycles_add128: 'Attaches a 128-bit amount (high, low) of cycles to the call under construction, taking them off the balance now. Traps if there is no call under construction or the balance is too low.',
  mint_cycles128: 'Mints the 128-bit amount (high, low) of new cycles and writes the amount minted to `dst`. Replica-only: traps unless called by the Cycles Minting Canister.',

  call_new: 'Starts building a call to the method `name` of the canister `callee`; `reply_fun` / `reject_fun` are table indices of the callbacks, each called with its `env`. Discards any call still under construction.',
  call_on_cleanup: 'Sets the cleanup callback (a table index, called with `env`) of the call under construction; it runs if the reply or reject callback traps. At most once per call.',
  call_data_append: 'Appends `size` bytes from `src` to the argument of the call under construction. Traps if there is no call under construction.',
  call_with_best_effort_response: 'Makes the call under construction a bounded-wait call that times out after `timeout_seconds` (at most 300). At most once per call.',
  call_perform: 'Sends the call under construction and returns 0, or returns 2 if it could not be enqueued (then no callback will run). Calls are only sent if the current execution ends without trapping.',

  stable64_size: 'Current size of stable memory, in 64 KiB pages.',
  stable64_grow: 'Grows stable memory by `new_pages` pages (filled with zeros) and returns the previous size in pages, or -1 if it cannot grow.',
  stable64_write: 'Copies `size` bytes from `src` in Wasm memory to `offset` in stable memory. Traps if either range is out of bounds.',
  stable64_read: 'Copies `size` bytes from `offset` in stable memory to `dst` in Wasm memory. Traps if either range is out of bounds.',
  stable_size: 'Size of stable memory in 64 KiB pages, 32-bit version (deprecated: use stable64_size). Traps if stable memory is larger than 4 GiB.',
  stable_grow: 'Grows stable memory by `new_pages` pages and returns the previous size, or -1 (also when the result would exceed 4 GiB). Deprecated: use stable64_grow.',
  stable_write: 'Copies `size` bytes from `src` in Wasm memory to `offset` in stable memory, 32-bit version (deprecated: use stable64_write).',
  stable_read: 'Copies `size` bytes from `offset` in stable memory to `dst` in Wasm memory, 32-bit version (deprecated: use stable64_read).',

  time: 'Current time in nanoseconds since 1970. It is constant during one execution and never goes backwards for a canister.',
  global_timer_set: 'Sets the global timer to `timestamp` (nanoseconds since 1970; 0 turns it off) and returns the previous value. When time reaches it, canister_global_timer runs once.',
  performance_counter: 'Instructions executed so far: type 0 counts the current message execution, type 1 the whole call context (the method and its callbacks). Other types trap.',
  certified_data_set: 'Sets this canister\'s certified data (at most 32 bytes) from `src`; queries can later return it with a certificate. Traps above 32 bytes.',
  data_certificate_present: 'Returns 1 if a data certificate is available, which is only in a (composite) query called directly by a user, else 0.',
  data_certificate_size: 'Size of the certificate for this canister\'s certified data, available in non-replicated queries.',
  data_certificate_copy: 'Copies `size` bytes of the data certificate, from `offset`, to `dst` in Wasm memory.',
  cost_call: 'Writes to `dst` (16 bytes little-endian) the cycles an inter-canister call with this method-name size and payload size would cost.',
  cost_create_canister: 'Writes to `dst` (16 bytes little-endian) the cycles creating a canister costs.',
  cost_http_request: 'Writes to `dst` (16 bytes little-endian) the cycles an HTTPS outcall of this request size and maximum response size would cost.',
  cost_sign_with_ecdsa: 'Writes to `dst` the cycles sign_with_ecdsa costs for the key name at `src` and `curve` (0 = secp256k1). Returns 0, or 1 for an unknown curve, 2 for an unknown key.',
  cost_sign_with_schnorr: 'Writes to `dst` the cycles sign_with_schnorr costs for the key name at `src` and `algorithm` (0 = bip340secp256k1, 1 = ed25519). Returns 0, 1 or 2 like cost_sign_with_ecdsa.',
  cost_vetkd_derive_key: 'Writes to `dst` the cycles vetkd_derive_key costs for the key name at `src` and `curve` (0 = bls12_381). Returns 0, 1 or 2 like cost_sign_with_ecdsa.',
  debug_print: 'Writes the `size` bytes at `src` to the canister log, as text. Never traps.',
  trap: 'Traps with the `size`-byte message at `src`: everything the current execution changed is rolled back and the message goes to the log.',
};

/** The spec's context letters (ic-reference.md §1.2), in words. */
const CONTEXT_WORDS: Readonly<Record<string, string>> = {
  I: 'canister_init / canister_post_upgrade',
  G: 'canister_pre_upgrade',
  U: 'update methods',
  RQ: 'queries (replicated)',
  NRQ: 'queries (non-replicated)',
  TQ: 'HTTPS-outcall transform queries',
  CQ: 'composite queries',
  Ry: 'reply callbacks',
  Rt: 'reject callbacks',
  CRy: 'composite-query reply callbacks',
  CRt: 'composite-query reject callbacks',
  C: 'cleanup callbacks',
  CC: 'composite-query cleanup callbacks',
  F: 'canister_inspect_message',
  T: 'system tasks (heartbeat, global timer, low Wasm memory)',
  s: 'the Wasm (start) function',
};

/** Expands a context string such as `"U Ry Rt T"`, `"*"` or `"* s"` into words. Throws on an unknown letter. */
export function describeContexts(allowed: string): string {
  const letters = allowed.trim().split(/\s+/);
  if (letters[0] === '*') {
    return letters.includes('s') ? 'everywhere, including the Wasm (start) function' : 'everywhere except the Wasm (start) function';
  }
  return letters
    .map((letter) => {
      const words = CONTEXT_WORDS[letter];
      if (words === undefined) throw new Error(`unknown context letter "${letter}" in "${allowed}"`);
      return words;
    })
    .join(', ');
}

export interface Ic0Doc {
  readonly name: string;
  readonly description: string;
  /** Where it may be called, in words. */
  readonly allowedIn: string;
  /** The function type to import it with, for a wasm32 module: `(func $name (param i32 i32) (result i32))`. */
  readonly funcType: string;
  readonly signature: Ic0Signature;
  readonly wasm32Only: boolean;
  readonly replicaOnly: boolean;
  /** Superseded by a 64-bit variant (ic-reference.md §1.2 marks the 32-bit stable memory API deprecated). */
  readonly deprecated: boolean;
}

const DEPRECATED: ReadonlySet<string> = new Set(['stable_size', 'stable_grow', 'stable_write', 'stable_read']);

/** The names of every `ic0` import, in the engine table's order. */
export const IC0_NAMES: readonly string[] = Object.keys(IC0_SIGNATURES);

/** Import types for a wasm32 module: the playground compiles with memory64 off (compileWat). */
function valueTypes(types: Ic0Signature['params']): string {
  return types.map((type) => resolveIc0Type(type, false)).join(' ');
}

/** `(func $name (param …) (result …))`, omitting empty param/result lists as wat2wasm-style code does. */
export function ic0FuncType(name: string, signature: Ic0Signature): string {
  const params = signature.params.length > 0 ? ` (param ${valueTypes(signature.params)})` : '';
  const results = signature.results.length > 0 ? ` (result ${valueTypes(signature.results)})` : '';
  return `(func $${name}${params}${results})`;
}

/** The full import declaration, ready to paste into a module. */
export function ic0ImportText(name: string): string | undefined {
  const signature = Object.hasOwn(IC0_SIGNATURES, name) ? IC0_SIGNATURES[name] : undefined;
  return signature && `(import "ic0" "${name}" ${ic0FuncType(name, signature)})`;
}

/** Documentation of one `ic0` import, or undefined if the name is not part of the System API. */
export function ic0Doc(name: string): Ic0Doc | undefined {
  if (!Object.hasOwn(IC0_SIGNATURES, name)) return undefined;
  const signature = IC0_SIGNATURES[name];
  return {
    name,
    description: Object.hasOwn(IC0_DESCRIPTIONS, name) ? IC0_DESCRIPTIONS[name] : '',
    allowedIn: describeContexts(signature.allowed),
    funcType: ic0FuncType(name, signature),
    signature,
    wasm32Only: IC0_WASM32_ONLY.has(name),
    replicaOnly: signature.replicaOnly === true,
    deprecated: DEPRECATED.has(name),
  };
}

/** Names that have a description: for the test that keeps this file and the engine's table in step. */
export const DOCUMENTED_IC0_NAMES: readonly string[] = Object.keys(IC0_DESCRIPTIONS);

export { ENTRY_POINTS, entryPointDoc, type EntryPointDoc } from './entryPointDocs.ts';
