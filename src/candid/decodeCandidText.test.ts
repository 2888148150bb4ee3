import { describe, expect, it } from 'vitest';
import { IDL, idlLabelToId } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { decodeCandidText } from './decodeCandidText.ts';
import { wellKnownLabels } from './wellKnownLabels.ts';

const encoded = (types: IDL.Type[], values: unknown[]) => new Uint8Array(IDL.encode(types, values));
const Result = IDL.Variant({ ok: IDL.Record({ count: IDL.Nat, name: IDL.Text }), err: IDL.Text });
const reply = encoded([Result], [{ ok: { count: 3n, name: 'x' } }]);

describe('[candid/decodeCandidText]', () => {
  it.each([
    ['typed: field names and nat vs int from the types', reply, [Result], undefined, '(variant { ok = record { name = "x"; count = 3 : nat } })'],
    ['by the wire types: labels as their hashes', reply, null, undefined,
      `(variant { ${idlLabelToId('ok')} = record { ${idlLabelToId('name')} = "x"; ${idlLabelToId('count')} = 3 : nat } })`],
    ['by the wire types with names it knows', encoded([IDL.Record({ canister_id: IDL.Principal })], [{ canister_id: Principal.fromText('aaaaa-aa') }]), null, wellKnownLabels(),
      '(record { canister_id = principal "aaaaa-aa" })'],
    ['a snapshot (take_canister_snapshot\'s reply) with names it knows', encoded([IDL.Record({ id: IDL.Vec(IDL.Nat8), taken_at_timestamp: IDL.Nat64, total_size: IDL.Nat64 })],
      [{ id: new Uint8Array([1]), taken_at_timestamp: 2n, total_size: 3n }]), null, wellKnownLabels(),
      '(record { id = blob "\\01"; total_size = 3 : nat64; taken_at_timestamp = 2 : nat64 })'],
    ['a chunk\'s hash (upload_chunk\'s reply) with names it knows', encoded([IDL.Record({ hash: IDL.Vec(IDL.Nat8) })], [{ hash: new Uint8Array([2]) }]), null, wellKnownLabels(),
      '(record { hash = blob "\\02" })'],
    ['the empty tuple', encoded([], []), null, undefined, '()'],
    ['several values', encoded([IDL.Text, IDL.Nat64], ['hi', 7n]), null, undefined, '("hi", 7 : nat64)'],
    ['an opt field the reply lacks is null when typed', encoded([IDL.Record({ a: IDL.Nat })], [{ a: 1n }]), [IDL.Record({ a: IDL.Nat, b: IDL.Opt(IDL.Nat) })], undefined,
      '(record { a = 1 : nat; b = null })'],
  ])('%s', (_name, bytes, types, names, text) => {
    expect(decodeCandidText(bytes, types, names)).toBe(text);
  });

  it.each([
    ['not Candid', new TextEncoder().encode('hello'), null],
    ['truncated', encoded([IDL.Text], ['hello']).slice(0, 9), null],
    ['not of the expected types', reply, [IDL.Nat]],
  ])('%s: null', (_name, bytes, types) => {
    expect(decodeCandidText(bytes, types)).toBeNull();
  });
});
