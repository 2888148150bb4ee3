/**
 * A relay canister for composite-query tests (ic-reference.md §2.2, §3.2). Its composite queries take a list of
 * hops as argument (each: principal length byte, principal, method length byte, method), call the first hop's
 * method with the rest of the list as payload, and reply from the callback, so one argument describes a whole
 * chain. Replies: `>` + the callee's reply (each hop adds a `>`), or `J` + reject code byte + reject message.
 * The canister's counter (an i64 in its heap) shows which state changes survive.
 */
import { canisterIdFromIndex } from '../../src/engine/index.ts';

export const RELAY_WAT = `(module
  (import "ic0" "msg_arg_data_size" (func $arg_size (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_reject_code" (func $reject_code (result i32)))
  (import "ic0" "msg_reject_msg_size" (func $reject_msg_size (result i32)))
  (import "ic0" "msg_reject_msg_copy" (func $reject_msg_copy (param i32 i32 i32)))
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "ic0" "call_data_append" (func $call_data_append (param i32 i32)))
  (import "ic0" "call_on_cleanup" (func $call_on_cleanup (param i32 i32)))
  (import "ic0" "call_cycles_add128" (func $call_cycles_add128 (param i64 i64)))
  (import "ic0" "call_perform" (func $call_perform (result i32)))
  (import "ic0" "debug_print" (func $debug_print (param i32 i32)))
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (memory 2)
  (table 6 funcref)
  (elem (i32.const 0) $on_reply $on_reject $on_reply_trap $on_cleanup $on_reply_cycles $on_fanout_reply)
  (data (i32.const 61000) "cleanup ran")
  (data (i32.const 61100) "callback trapped")
  ;; 60000: counter (i64); 60008: calls the fanout waits for (i32); 60016: replies it has had (i32).

  ;; Calls the hop at $at of the argument (copied to 0) $times times, with the rest of the argument as payload.
  (func $call_hop (param $at i32) (param $fun i32) (param $env i32) (param $cleanup i32) (param $times i32)
    (local $plen i32) (local $mlen i32) (local $rest i32)
    (local.set $plen (i32.load8_u (local.get $at)))
    (local.set $mlen (i32.load8_u (i32.add (i32.add (local.get $at) (local.get $plen)) (i32.const 1))))
    (local.set $rest (i32.add (i32.add (i32.add (local.get $at) (local.get $plen)) (local.get $mlen)) (i32.const 2)))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $times)))
      (call $call_new (i32.add (local.get $at) (i32.const 1)) (local.get $plen)
        (i32.add (i32.add (local.get $at) (local.get $plen)) (i32.const 2)) (local.get $mlen)
        (local.get $fun) (local.get $env) (i32.const 1) (i32.const 0))
      (if (i32.ge_s (local.get $cleanup) (i32.const 0)) (then (call $call_on_cleanup (local.get $cleanup) (i32.const 0))))
      (call $call_data_append (local.get $rest) (i32.sub (call $arg_size) (local.get $rest)))
      (if (call $call_perform) (then unreachable))
      (local.set $times (i32.sub (local.get $times) (i32.const 1)))
      (br $next))))
  (func $load_arg (call $arg_copy (i32.const 0) (i32.const 0) (call $arg_size)))
  (func $bump (i64.store (i32.const 60000) (i64.add (i64.load (i32.const 60000)) (i64.const 1))))
  (func $reply_counter
    (call $append (i32.const 60000) (i32.const 8))
    (call $reply))
  (func $reply_leaf
    (i32.store8 (i32.const 0) (i32.const 76))
    (call $append (i32.const 0) (i32.const 1))
    (call $reply))

  (func (export "canister_composite_query relay")
    (if (i32.eqz (call $arg_size)) (then (call $reply_leaf) (return)))
    (call $load_arg)
    (call $call_hop (i32.const 0) (i32.const 0) (i32.const 0) (i32.const -1) (i32.const 1)))
  (func (export "canister_composite_query bump_relay")
    (call $bump)
    (call $load_arg)
    (call $call_hop (i32.const 0) (i32.const 0) (i32.const 1) (i32.const -1) (i32.const 1)))
  ;; Argument: the number of calls (1 byte), then the hop to call that many times.
  (func (export "canister_composite_query fanout")
    (call $load_arg)
    (i32.store (i32.const 60008) (i32.load8_u (i32.const 0)))
    (call $call_hop (i32.const 1) (i32.const 5) (i32.const 0) (i32.const -1) (i32.load8_u (i32.const 0))))
  (func (export "canister_composite_query relay_trap")
    (call $load_arg)
    (call $call_hop (i32.const 0) (i32.const 2) (i32.const 0) (i32.const 3) (i32.const 1)))
  (func (export "canister_composite_query relay_cycles")
    (call $load_arg)
    (call $call_hop (i32.const 0) (i32.const 4) (i32.const 0) (i32.const -1) (i32.const 1)))
  (func (export "canister_composite_query cycles_direct")
    (call $call_cycles_add128 (i64.const 0) (i64.const 1))
    (call $reply_leaf))
  (func (export "canister_composite_query silent"))

  (func (export "canister_query leaf") (call $reply_leaf))
  (func (export "canister_query incr") (call $bump) (call $reply_counter))
  (func (export "canister_query count") (call $reply_counter))
  (func (export "canister_update bump") (call $bump) (call $reply_counter))

  ;; env 0: ">" + the reply; env 1: the caller's own counter, then the reply.
  (func $on_reply (param $env i32)
    (if (local.get $env) (then (call $append (i32.const 60000) (i32.const 8)))
      (else (i32.store8 (i32.const 65536) (i32.const 62)) (call $append (i32.const 65536) (i32.const 1))))
    (call $arg_copy (i32.const 65537) (i32.const 0) (call $arg_size))
    (call $append (i32.const 65537) (call $arg_size))
    (call $reply))
  (func $on_reject (param i32)
    (i32.store8 (i32.const 65536) (i32.const 74))
    (i32.store8 (i32.const 65537) (call $reject_code))
    (call $reject_msg_copy (i32.const 65538) (i32.const 0) (call $reject_msg_size))
    (call $append (i32.const 65536) (i32.add (i32.const 2) (call $reject_msg_size)))
    (call $reply))
  (func $on_reply_trap (param i32) (call $trap (i32.const 61100) (i32.const 16)))
  (func $on_cleanup (param i32) (call $debug_print (i32.const 61000) (i32.const 11)))
  (func $on_reply_cycles (param i32)
    (call $call_cycles_add128 (i64.const 0) (i64.const 1))
    (call $reply_leaf))
  ;; Counts replies in the caller's heap (kept between its callbacks) and replies once all have come.
  (func $on_fanout_reply (param i32)
    (i32.store (i32.const 60016) (i32.add (i32.load (i32.const 60016)) (i32.const 1)))
    (if (i32.eq (i32.load (i32.const 60016)) (i32.load (i32.const 60008)))
      (then (call $append (i32.const 60016) (i32.const 4)) (call $reply)))))`;

/** A hop to `method` of the `index`-th canister (or of the management canister for `'ic'`). */
export interface Hop {
  readonly to: number | 'ic';
  readonly method: string;
}

/** The relay argument for a chain of hops, as a hex ARG. */
export function hopsArg(hops: readonly Hop[], prefix: readonly number[] = []): { hex: string } {
  const bytes: number[] = [...prefix];
  for (const hop of hops) {
    const id = hop.to === 'ic' ? new Uint8Array(0) : canisterIdFromIndex(BigInt(hop.to)).toUint8Array();
    const name = new TextEncoder().encode(hop.method);
    bytes.push(id.length, ...id, name.length, ...name);
  }
  return { hex: Buffer.from(bytes).toString('hex') };
}

/** `n` relay canisters named c0 … c(n-1), with ids 0 … n-1. */
export function relays(n: number): { name: string; source: { wat: string } }[] {
  return Array.from({ length: n }, (_, i) => ({ name: `c${i}`, source: { wat: RELAY_WAT } }));
}

/** Decodes a relay's reply: the `>` count, then the rest; or the reject it caught. */
export function relayOutcome(replyHex: string): { type: 'reply'; hops: number; rest: Buffer } | { type: 'reject'; code: number; message: string } {
  const bytes = Buffer.from(replyHex, 'hex');
  if (bytes[0] === 74) return { type: 'reject', code: bytes[1], message: bytes.subarray(2).toString('utf8') };
  let hops = 0;
  while (bytes[hops] === 62) hops++;
  return { type: 'reply', hops, rest: bytes.subarray(hops) };
}
