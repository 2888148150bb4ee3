import { describe, expect, it } from 'vitest';
import { IDL, idlLabelToId } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { candidText } from './candidText.ts';

const encoded = (types: IDL.Type[], values: unknown[]) => new Uint8Array(IDL.encode(types, values));

describe('[ui/candidText]', () => {
  it.each([
    ['the empty tuple', encoded([], []), '()'],
    ['a nat', encoded([IDL.Nat], [5n]), '(5 : nat)'],
    ['two arguments', encoded([IDL.Text, IDL.Nat64], ['hi', 7n]), '("hi", 7 : nat64)'],
    ['a management reply, its field named', encoded([IDL.Record({ canister_id: IDL.Principal })], [{ canister_id: Principal.fromText('rwlgt-iiaaa-aaaaa-aaaaa-cai') }]),
      '(record { canister_id = principal "rwlgt-iiaaa-aaaaa-aaaaa-cai" })'],
    ['a result variant', encoded([IDL.Variant({ ok: IDL.Nat, err: IDL.Text })], [{ err: 'no' }]), '(variant { err = "no" })'],
    ['an unknown field name shows its hash', encoded([IDL.Record({ zzqx: IDL.Bool })], [{ zzqx: true }]), `(record { ${idlLabelToId('zzqx')} = true })`],
    ['text that looks like a label is left alone', encoded([IDL.Text], ['_5048165_=x']), '("_5048165_=x")'],
    ['a variant tag with no payload', encoded([IDL.Variant({ running: IDL.Null, stopped: IDL.Null })], [{ running: null }]), '(variant { running })'],
    ['a blob', encoded([IDL.Vec(IDL.Nat8)], [new Uint8Array([1, 2, 3])]), '(blob "\\01\\02\\03")'],
  ])('%s', (_name, bytes, text) => {
    expect(candidText(bytes)).toBe(text);
  });

  it.each([
    ['not Candid', new TextEncoder().encode('hello')],
    ['a truncated message', encoded([IDL.Text], ['hello']).slice(0, 9)],
  ])('%s: null', (_name, bytes) => {
    expect(candidText(bytes)).toBeNull();
  });
});
