/**
 * A proxy canister for tests: `call` makes any call its argument describes and replies with the outcome, so a
 * test can have a canister call the management canister (or anything) with a Candid payload built in JS.
 * Argument: callee length (1 byte), callee, method length (1 byte), method, cycles (u64 LE), payload.
 * Reply: `R` + the reply bytes, or `J` + the reject code (1 byte) + the reject message.
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

export const PROXY_WAT = `(module
  (import "ic0" "msg_arg_data_size" (func $arg_size (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_reject_code" (func $reject_code (result i32)))
  (import "ic0" "msg_reject_msg_size" (func $reject_msg_size (result i32)))
  (import "ic0" "msg_reject_msg_copy" (func $reject_msg_copy (param i32 i32 i32)))
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "ic0" "call_data_append" (func $call_data_append (param i32 i32)))
  (import "ic0" "call_cycles_add128" (func $call_cycles_add128 (param i64 i64)))
  (import "ic0" "call_perform" (func $call_perform (result i32)))
  (memory 2)
  (table 2 funcref)
  (elem (i32.const 0) $on_reply $on_reject)
  (func (export "canister_update call") (local $callee i32) (local $method i32) (local $mlen i32) (local $cycles i32) (local $end i32)
    (call $arg_copy (i32.const 0) (i32.const 0) (call $arg_size))
    (local.set $end (call $arg_size))
    (local.set $callee (i32.const 1))
    (local.set $method (i32.add (i32.add (local.get $callee) (i32.load8_u (i32.const 0))) (i32.const 1)))
    (local.set $mlen (i32.load8_u (i32.sub (local.get $method) (i32.const 1))))
    (local.set $cycles (i32.add (local.get $method) (local.get $mlen)))
    (call $call_new (local.get $callee) (i32.load8_u (i32.const 0)) (local.get $method) (local.get $mlen)
      (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0))
    (call $call_cycles_add128 (i64.const 0) (i64.load (local.get $cycles)))
    (call $call_data_append (i32.add (local.get $cycles) (i32.const 8)) (i32.sub (local.get $end) (i32.add (local.get $cycles) (i32.const 8))))
    (if (call $call_perform) (then unreachable)))
  (func $on_reply (param i32)
    (i32.store8 (i32.const 65536) (i32.const 82))
    (call $arg_copy (i32.const 65537) (i32.const 0) (call $arg_size))
    (call $append (i32.const 65536) (i32.add (i32.const 1) (call $arg_size)))
    (call $reply))
  (func $on_reject (param i32)
    (i32.store8 (i32.const 65536) (i32.const 74))
    (i32.store8 (i32.const 65537) (call $reject_code))
    (call $reject_msg_copy (i32.const 65538) (i32.const 0) (call $reject_msg_size))
    (call $append (i32.const 65536) (i32.add (i32.const 2) (call $reject_msg_size)))
    (call $reply)))`;

/** The proxy's argument for calling `method` on `callee` (principal text) with `cycles` and a Candid `payload`. */
export function proxyArg(callee: string, method: string, cycles: bigint, payload: Uint8Array): string {
  const id = Principal.fromText(callee).toUint8Array();
  const name = new TextEncoder().encode(method);
  const amount = new Uint8Array(new BigUint64Array([cycles]).buffer);
  return Buffer.from([id.length, ...id, name.length, ...name, ...amount, ...payload]).toString('hex');
}

export function candid(types: IDL.Type[], values: unknown[]): Uint8Array {
  return new Uint8Array(IDL.encode(types, values));
}

/** Reads the proxy's reply: the callee's reply bytes, or its reject. */
export function proxyOutcome(replyHex: string): { type: 'reply'; bytes: Uint8Array } | { type: 'reject'; code: number; message: string } {
  const bytes = Buffer.from(replyHex, 'hex');
  if (bytes[0] === 82) return { type: 'reply', bytes: new Uint8Array(bytes.subarray(1)) };
  return { type: 'reject', code: bytes[1], message: bytes.subarray(2).toString('utf8') };
}
