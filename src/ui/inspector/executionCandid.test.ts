import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { bytesToHex } from '../../engine/index.ts';
import { executionCandid } from './executionCandid.ts';

const hex = (types: IDL.Type[], values: unknown[]) => bytesToHex(new Uint8Array(IDL.encode(types, values)));
const SERVICE = { service: 'service : { inc : (nat8) -> (record { count : nat }); }', args: null };

const execution = (arg: string, reply: string | null, argBytes = arg.length / 2) =>
  ({ kind: 'execution', round: 1, entryPoint: 'canister_update inc', arg, argBytes, reply });

describe('[ui/inspector/executionCandid]', () => {
  it.each([
    ['typed by the interface: nat8 and the record\'s field names',
      execution(hex([IDL.Nat8], [7]), hex([IDL.Record({ count: IDL.Nat })], [{ count: 3n }])), SERVICE,
      { arg: '(7 : nat8)', reply: '(record { count = 3 : nat })' }],
    ['by the wire types without an interface (fields by hash)',
      execution(hex([IDL.Nat8], [7]), hex([IDL.Nat], [3n])), null, { arg: '(7 : nat8)', reply: '(3 : nat)' }],
    ['raw bytes are not Candid', execution('0100', '0800000000000000'), SERVICE, { arg: null, reply: null }],
    ['an argument longer than the 64 bytes the trace keeps', execution(hex([IDL.Nat8], [7]), null, 100), SERVICE, { arg: null, reply: null }],
  ])('%s', (_name, event, metadata, expected) => {
    expect(executionCandid(event, metadata)).toEqual(expected);
  });

  it('types a callback\'s reply by the method its call was to', () => {
    const callback = { ...execution(hex([IDL.Nat8], [7]), hex([IDL.Record({ count: IDL.Nat })], [{ count: 3n }])), entryPoint: 'callback' };
    expect(executionCandid(callback, SERVICE).reply).toBe('(record { 1248019663 = 3 : nat })');
    expect(executionCandid(callback, SERVICE, 'inc').reply).toBe('(record { count = 3 : nat })');
  });
});
