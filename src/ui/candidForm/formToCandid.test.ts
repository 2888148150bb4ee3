import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { parseCandidArgs } from '../../candid/parseCandidArgs.ts';
import { parseDid } from '../../candid/parseDid.ts';
import { defaultFormValue, type FormValue } from './formValue.ts';
import { formArgsText, formToCandid, inputHint, inputProblem } from './formToCandid.ts';

const input = (text: string): FormValue => ({ kind: 'input', text });
const Profile = IDL.Record({ name: IDL.Text, age: IDL.Nat8, tags: IDL.Vec(IDL.Text), nick: IDL.Opt(IDL.Text) });
const Shape = IDL.Variant({ dot: IDL.Null, circle: IDL.Float64 });

describe('[candidForm/defaultFormValue] the empty form of each type', () => {
  const list = parseDid('type List = opt record { head : int; tail : List }; service : {}');
  if (!list.ok) throw new Error(list.error);
  it.each<[string, IDL.Type, FormValue]>([
    ['nat', IDL.Nat, input('')],
    ['text', IDL.Text, input('')],
    ['principal', IDL.Principal, input('')],
    ['blob (hex)', IDL.Vec(IDL.Nat8), input('')],
    ['bool', IDL.Bool, { kind: 'bool', value: false }],
    ['null', IDL.Null, { kind: 'none' }],
    ['reserved', IDL.Reserved, { kind: 'none' }],
    ['opt: absent, its inner form not made yet', IDL.Opt(IDL.Nat), { kind: 'opt', present: false, inner: null }],
    ['vec: no items', IDL.Vec(IDL.Text), { kind: 'vec', items: [] }],
    ['record: each field, in hash order (age, name, nick, tags)', Profile, { kind: 'record', fields: [input(''), input(''), { kind: 'opt', present: false, inner: null }, { kind: 'vec', items: [] }] }],
    ['variant: the first case (by hash order, as the wire has them)', Shape, { kind: 'variant', choice: 0, payload: { kind: 'none' } }],
    ['a recursive list stays finite', list.service.types.get('List')!, { kind: 'opt', present: false, inner: null }],
  ])('%s', (_name, type, form) => {
    expect(defaultFormValue(type)).toEqual(form);
  });
});

describe('[candidForm/inputProblem] one text input', () => {
  it.each<[IDL.Type, string, string | null]>([
    [IDL.Nat, '42', null],
    [IDL.Nat, '1_000,000', null],
    [IDL.Nat, '-1', 'Needs a whole number, 0 or more.'],
    [IDL.Nat, '', 'Needs a whole number, 0 or more.'],
    [IDL.Nat8, '255', null],
    [IDL.Nat8, '256', 'Needs a whole number from 0 to 255.'],
    [IDL.Int8, '-129', 'Needs a whole number from -128 to 127.'],
    [IDL.Nat64, '18446744073709551615', null],
    [IDL.Int, '-5', null],
    [IDL.Float64, '1.5e3', null],
    [IDL.Float32, 'x', 'Needs a number.'],
    [IDL.Text, '', null],
    [IDL.Principal, 'aaaaa-aa', null],
    [IDL.Principal, 'nope', 'Needs a principal.'],
    [IDL.Vec(IDL.Nat8), '0x00ff', null],
    [IDL.Vec(IDL.Nat8), 'abc', 'Needs bytes as hex: an even number of hex digits.'],
    [IDL.Func([], []), 'aaaaa-aa.tick', null],
    [IDL.Func([], []), 'aaaaa-aa', 'Needs a principal, a dot and a method name.'],
  ])('%s %j', (type, text, problem) => {
    expect(inputProblem(type, text)).toBe(problem);
  });

  it('hints name the bounds', () => {
    expect(inputHint(IDL.Nat16)).toBe('a whole number from 0 to 65,535');
  });
});

describe('[candidForm/formToCandid] a filled form as values and Candid text', () => {
  // Fields in the type's order: age, name, nick, tags.
  const filled: FormValue = { kind: 'record', fields: [input('36'), input('ada'), { kind: 'opt', present: true, inner: input('A') }, { kind: 'vec', items: [input('math'), input('logic')] }] };

  it.each<[string, IDL.Type, FormValue, unknown]>([
    ['a record (fields in the type\'s order)', Profile, filled, { name: 'ada', nick: ['A'], tags: ['math', 'logic'], age: 36 }],
    ['an unticked option is none', IDL.Opt(IDL.Nat), { kind: 'opt', present: false, inner: input('5') }, []],
    ['a variant case without payload', Shape, { kind: 'variant', choice: 0, payload: { kind: 'none' } }, { dot: null }],
    ['a variant case with one', Shape, { kind: 'variant', choice: 1, payload: input('2.5') }, { circle: 2.5 }],
    ['a tuple as an array', IDL.Tuple(IDL.Nat, IDL.Bool), { kind: 'record', fields: [input('1'), { kind: 'bool', value: true }] }, [1n, true]],
    ['a principal', IDL.Principal, input('aaaaa-aa'), Principal.fromText('aaaaa-aa')],
    ['a blob', IDL.Vec(IDL.Nat8), input('01 02'), new Uint8Array([1, 2])],
  ])('%s', (_name, type, form, value) => {
    expect(formToCandid(type, form, 'x')).toEqual({ ok: true, value });
  });

  it('collects every problem with its place', () => {
    const bad: FormValue = { kind: 'record', fields: [input('300'), input('ada'), { kind: 'opt', present: true, inner: input('A') }, { kind: 'vec', items: [input('x')] }] };
    expect(formToCandid(Profile, bad, 'profile')).toEqual({ ok: false, problems: [{ path: 'profile › age', message: 'Needs a whole number from 0 to 255.' }] });
    expect(formToCandid(IDL.Empty, { kind: 'none' }, 'e')).toMatchObject({ ok: false });
  });

  it('the Candid text reads back to the same values with the same types', () => {
    const types = [Profile, IDL.Nat];
    const text = formArgsText(types, [filled, input('7')], ['profile', 'count']);
    expect(text).toEqual({ ok: true, value: '(record { age = 36 : nat8; name = "ada"; nick = opt "A"; tags = vec { "math"; "logic" } }, 7 : nat)' });
    const parsed = text.ok ? parseCandidArgs(text.value, types) : null;
    expect(parsed).toMatchObject({ ok: true, values: [{ name: 'ada', nick: ['A'], tags: ['math', 'logic'], age: 36 }, 7n] });
  });
});
