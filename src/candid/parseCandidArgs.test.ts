import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { parseCandidArgs } from './parseCandidArgs.ts';
import { parseDid } from './parseDid.ts';
import { printCandidType } from './printCandidType.ts';
import { printCandidValues } from './printCandidValues.ts';

const aaaaa = Principal.fromText('aaaaa-aa');
const List = IDL.Rec();
List.fill(IDL.Opt(IDL.Record({ head: IDL.Int, tail: List })));

/** [type, text a user writes, the value, the text printed back] for every Candid type. */
const TYPED: [string, IDL.Type, string, unknown, string][] = [
  ['nat', IDL.Nat, '1_000_000', 1_000_000n, '1_000_000 : nat'],
  ['nat8 (a number)', IDL.Nat8, '255', 255, '255 : nat8'],
  ['nat16', IDL.Nat16, '0xff_ff', 65535, '65_535 : nat16'],
  ['nat32', IDL.Nat32, '4294967295', 4294967295, '4_294_967_295 : nat32'],
  ['nat64 (a bigint)', IDL.Nat64, '18446744073709551615', 18446744073709551615n, '18_446_744_073_709_551_615 : nat64'],
  ['int', IDL.Int, '-42', -42n, '-42'],
  ['int8', IDL.Int8, '-128', -128, '-128 : int8'],
  ['int16', IDL.Int16, '+7', 7, '7 : int16'],
  ['int32', IDL.Int32, '-2147483648', -2147483648, '-2_147_483_648 : int32'],
  ['int64', IDL.Int64, '9223372036854775807', 9223372036854775807n, '9_223_372_036_854_775_807 : int64'],
  ['float32', IDL.Float32, '1.5', 1.5, '1.5 : float32'],
  ['float64 from an integer', IDL.Float64, '2', 2, '2.0'],
  ['float64 with an exponent', IDL.Float64, '-1.25e3', -1250, '-1250.0'],
  ['text with escapes', IDL.Text, '"a\\"b\\n\\u{1F600}\\e2\\82\\ac"', 'a"b\n😀€', '"a\\"b\\n😀€"'],
  ['bool', IDL.Bool, 'true', true, 'true'],
  ['null', IDL.Null, 'null', null, 'null'],
  ['reserved takes any value', IDL.Reserved, 'record { x = 1 }', null, 'null'],
  ['principal', IDL.Principal, 'principal "aaaaa-aa"', aaaaa, 'principal "aaaaa-aa"'],
  ['opt, present', IDL.Opt(IDL.Nat), 'opt 5', [5n], 'opt (5 : nat)'],
  ['opt, absent', IDL.Opt(IDL.Nat), 'null', [], 'null'],
  ['opt from a bare value', IDL.Opt(IDL.Text), '"x"', ['x'], 'opt "x"'],
  ['vec', IDL.Vec(IDL.Nat16), 'vec { 1; 2; 3 }', [1, 2, 3], 'vec { 1 : nat16; 2 : nat16; 3 : nat16 }'],
  ['empty vec', IDL.Vec(IDL.Text), 'vec {}', [], 'vec {}'],
  ['blob', IDL.Vec(IDL.Nat8), 'blob "\\00ab\\ff"', new Uint8Array([0, 97, 98, 255]), 'blob "\\00ab\\ff"'],
  ['blob written as a vec', IDL.Vec(IDL.Nat8), 'vec { 1; 2 }', new Uint8Array([1, 2]), 'blob "\\01\\02"'],
  ['record, an opt field left out', IDL.Record({ name: IDL.Text, age: IDL.Opt(IDL.Nat8) }), 'record { name = "bo" }', { name: 'bo', age: [] }, 'record { age = null; name = "bo" }'],
  ['record with numeric and quoted labels', IDL.Record({ _1_: IDL.Nat, 'my field': IDL.Bool }), 'record { 1 = 5; "my field" = false }', { _1_: 5n, 'my field': false }, 'record { 1 = 5 : nat; "my field" = false }'],
  ['tuple', IDL.Tuple(IDL.Nat, IDL.Text), 'record { 7; "x" }', [7n, 'x'], 'record { 7 : nat; "x" }'],
  ['variant with a payload', IDL.Variant({ ok: IDL.Nat, err: IDL.Text }), 'variant { err = "no" }', { err: 'no' }, 'variant { err = "no" }'],
  ['variant case without payload', IDL.Variant({ running: IDL.Null, stopped: IDL.Null }), 'variant { stopped }', { stopped: null }, 'variant { stopped }'],
  ['func', IDL.Func([], []), 'func "aaaaa-aa".tick', [aaaaa, 'tick'], 'func "aaaaa-aa".tick'],
  ['service', IDL.Service({}), 'service "aaaaa-aa"', aaaaa, 'service "aaaaa-aa"'],
  ['a recursive list', List, 'opt record { head = 1; tail = opt record { head = 2; tail = null } }',
    [{ head: 1n, tail: [{ head: 2n, tail: [] }] }], 'opt record { head = 1; tail = opt record { head = 2; tail = null } }'],
  ['an annotated value', IDL.Nat8, '(7 : nat8)', 7, '7 : nat8'],
];

describe('[candid/parseCandidArgs] typed', () => {
  it.each(TYPED)('%s', (_name, type, text, value, printed) => {
    const parsed = parseCandidArgs(`(${text})`, [type]);
    expect(parsed).toEqual({ ok: true, types: [type], values: [value] });
    expect(printCandidValues([type], [value])).toBe(`(${printed})`);
    // What is printed reads back, typed and untyped, to the same bytes.
    const bytes = IDL.encode([type], [value]);
    const again = parseCandidArgs(`(${printed})`, [type]);
    expect(again.ok && IDL.encode(again.types, again.values)).toEqual(bytes);
  });

  it('several arguments; missing trailing opt arguments are null', () => {
    expect(parseCandidArgs('(1, "a")', [IDL.Nat, IDL.Text, IDL.Opt(IDL.Nat)])).toEqual({ ok: true, types: [IDL.Nat, IDL.Text, IDL.Opt(IDL.Nat)], values: [1n, 'a', []] });
    expect(parseCandidArgs('()', [])).toMatchObject({ ok: true, values: [] });
    expect(parseCandidArgs('42', [IDL.Nat])).toMatchObject({ ok: true, values: [42n] });
  });

  it('named types of the service annotate values', () => {
    const did = parseDid('type Point = record { x : int; y : int }; service : {}');
    if (!did.ok) throw new Error(did.error);
    expect(parseCandidArgs('(record { x = 1; y = 2 } : Point)', null, did.service.types)).toMatchObject({ ok: true, values: [{ x: 1n, y: 2n }] });
  });

  it.each([
    ['text for a nat', '("x")', [IDL.Nat], '"x" is not a nat'],
    ['a negative nat', '(-1)', [IDL.Nat], '-1 is not a nat (a nat is not negative)'],
    ['out of range', '(256)', [IDL.Nat8], '256 is not a nat8 (from 0 to 255)'],
    ['a float for an int', '(1.5)', [IDL.Int], '1.5 is not a int'],
    ['too many arguments', '(1, 2)', [IDL.Nat], '2 arguments where 1 is expected'],
    ['a missing argument', '()', [IDL.Nat], 'argument 1 is missing (a nat)'],
    ['a missing field', '(record { a = 1 })', [IDL.Record({ a: IDL.Nat, b: IDL.Text })], 'field b is missing (a text)'],
    ['an unknown field', '(record { a = 1; c = 2 })', [IDL.Record({ a: IDL.Nat })], 'the record has no field c (it has a)'],
    ['a nested mismatch names its place', '(record { a = vec { 1; "2" } })', [IDL.Record({ a: IDL.Vec(IDL.Nat) })], 'field a: item 2: "2" is not a nat'],
    ['an unknown variant case', '(variant { maybe })', [IDL.Variant({ yes: IDL.Null, no: IDL.Null })], 'the variant has no case maybe (it has no, yes)'],
    ['a bad principal', '(principal "nope")', [IDL.Principal], '"nope" is not a principal'],
    ['an annotation of another type', '(1 : nat8)', [IDL.Nat], '1 is annotated nat8 where a nat is expected'],
    ['invalid UTF-8 as text', '("\\ff")', [IDL.Text], '"\uFFFD" is not a text (its bytes are not valid UTF-8)'],
  ])('%s: a mismatch', (_name, text, types, error) => {
    expect(parseCandidArgs(text, types)).toEqual({ ok: false, error, mismatch: true });
  });

  it.each([
    ['an unclosed record', '(record { a = 1 )', /1:17: expected "}"/],
    ['an unknown escape', '("\\q")', /unknown escape/],
    ['a stray word', '(hello)', /expected a value but found "hello"/],
    ['text after the arguments', '(1) 2', /expected the end/],
  ])('%s: a syntax error', (_name, text, error) => {
    const parsed = parseCandidArgs(text, null);
    expect(parsed).toMatchObject({ ok: false, mismatch: false });
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });
});

describe('[candid/parseCandidArgs] inferred as didc does', () => {
  it.each([
    ['42', 'int', '42'],
    ['1.5', 'float64', '1.5'],
    ['"hi"', 'text', '"hi"'],
    ['true', 'bool', 'true'],
    ['null', 'null', 'null'],
    ['opt 1', 'opt int', 'opt 1'],
    ['vec { 1; 2 }', 'vec int', 'vec { 1; 2 }'],
    ['vec {}', 'vec empty', 'vec {}'],
    ['record { a = 1; b = vec { "x" } }', 'record { a : int; b : vec text }', 'record { a = 1; b = vec { "x" } }'],
    ['record { 1; "x" }', 'record { int; text }', 'record { 1; "x" }'],
    ['variant { ok = "x" }', 'variant { ok : text }', 'variant { ok = "x" }'],
    ['principal "aaaaa-aa"', 'principal', 'principal "aaaaa-aa"'],
    ['blob "\\01\\02"', 'blob', 'blob "\\01\\02"'],
    ['(7 : nat8)', 'nat8', '7 : nat8'],
  ])('%s is a %s', (text, type, printed) => {
    const parsed = parseCandidArgs(`(${text})`, null);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(printCandidType(parsed.types[0])).toBe(type);
    expect(printCandidValues(parsed.types, parsed.values)).toBe(`(${printed})`);
  });
});
