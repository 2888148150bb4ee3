import { describe, expect, it } from 'vitest';
import { IDL } from '@dfinity/candid';
import { parseDid, parseDidArgs, type CandidService } from './parseDid.ts';
import { printCandidType, printCandidTypes, printLabel } from './printCandidType.ts';

function service(text: string): CandidService {
  const result = parseDid(text);
  if (!result.ok) throw new Error(result.error);
  return result.service;
}

/** Each method as `name : (args) -> (results) mode`, the types printed back. */
function signatures(text: string): string[] {
  return service(text).methods.map((m) => `${printLabel(m.name)} : ${printCandidTypes(m.args.map((a) => a.type))} -> ${printCandidTypes(m.results)} ${m.mode}`);
}

describe('[candid/parseDid] service descriptions', () => {
  it.each([
    ['the spec\'s user service: argument and result names, query and oneway',
      `service : {
        addUser : (name : text, age : nat8) -> (id : nat64);
        userName : (id : nat64) -> (text) query;
        deleteUser : (id : nat64) -> () oneway;
      }`,
      ['addUser : (text, nat8) -> (nat64) update', 'userName : (nat64) -> (text) query', 'deleteUser : (nat64) -> () oneway']],
    ['a recursive variant and a stream of funcs (spec "Types")',
      `type tree = variant { leaf : int; branch : record { left : tree; val : int; right : tree } };
       type stream = opt record { head : nat; next : func () -> stream };
       service : { walk : (tree) -> (stream) composite_query }`,
      ['walk : (tree) -> (stream) composite_query']],
    ['records: positional fields numbered after the previous id, hex ids, tuples',
      `type nested = record { nat; nat; record { nat; int }; record { nat; 0x2a : nat; nat8 }; 42 : nat; 40 : nat; variant { A; 0x2a; B; C } };
       service : { f : (nested) -> () }`,
      ['f : (record { 0 : nat; 1 : nat; 2 : record { nat; int }; 3 : record { 0 : nat; 42 : nat; 43 : nat8 }; 40 : nat; 41 : variant { 42; A; B; C }; 42 : nat }) -> () update']],
    ['quoted names, keywords as names, unicode, a method of a named func type',
      `type s = service { f : (nat) -> () };
       type t = func (server : s) -> ();
       service : { "variant" : (variant { A; B; C : null; D : float64 }) -> (); "query" : (blob) -> (blob) query; "service" : t; "字段" : (record { "2" : nat; 2 : int }) -> () }`,
      ['"variant" : (variant { A; B; C; D : float64 }) -> () update', '"query" : (blob) -> (blob) query', '"service" : (service { f : (nat) -> () }) -> () update',
        '"字段" : (record { 2 : int; "2" : nat }) -> () update']],
    ['a service class of a named service type', 'type s = service { next : () -> (s) }; service : (s) -> s', ['next : () -> (s) update']],
    ['comments anywhere, trailing separators', '// a\n/* b /* nested */ */ service /* c */ : { f : (nat,) -> (nat); }', ['f : (nat) -> (nat) update']],
    ['types only, no service', 'type a = nat;', []],
  ])('%s', (_name, text, expected) => {
    expect(signatures(text)).toEqual(expected);
  });

  it('init arguments of a service class, with the class\'s recursive types', () => {
    const s = service('type List = opt record { int; List }; service : (int, List) -> { get : () -> (List); set : (List) -> (List) }');
    expect(s.initArgs?.map((a) => printCandidType(a.type))).toEqual(['int', 'List']);
    expect(service('service : { f : () -> () }').initArgs).toBeNull();
  });

  it('a recursive type is one IDL.Rec that contains itself, and encodes', () => {
    const s = service('type List = opt record { head : int; tail : List }; service : { f : (List) -> () }');
    const list = s.methods[0].args[0].type;
    expect(list).toBeInstanceOf(IDL.RecClass);
    expect(s.types.get('List')).toBe(list);
    const value = [{ head: 1n, tail: [{ head: 2n, tail: [] }] }];
    expect(IDL.decode([list], IDL.encode([list], [value]))).toEqual([value]);
  });

  it('mutually recursive and self-referencing opt types', () => {
    const s = service('type o = opt o; type node = record { head : nat; tail : list }; type list = opt node; service : { f : (o, list) -> () }');
    expect(s.methods[0].args.map((a) => printCandidType(a.type))).toEqual(['o', 'opt node']);
  });

  it.each([
    ['an unknown type', 'service : { f : (foo) -> () }', /1:18: unknown type foo/],
    ['an import', 'import "a.did"; service : {}', /imports are not supported/],
    ['an unclosed comment', 'type id = nat8;\n/*\n/* */', /2:1: a comment is not closed/],
    ['a type alias of itself', 'type a = b; type b = a; service : { f : (a) -> () }', /alias of itself/],
    ['a method twice', 'service : { f : () -> (); f : () -> () }', /appears twice/],
    ['a field twice', 'type r = record { a : nat; a : int }; service : {}', /appears twice/],
    ['a service whose method type refers back to it', 'type t = func (server : s) -> (); type s = service { f : t }; service : s', /refers back to its own service/],
    ['garbage after the service', 'service : {} extra', /expected the end/],
    ['a missing arrow', 'service : { f : (nat) (nat) }', /expected "->"/],
  ])('refuses %s', (_name, text, message) => {
    const result = parseDid(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('[candid/parseDid] candid:args', () => {
  it('reads argument types with the service\'s named types', () => {
    const s = service('type Config = record { owner : principal }; service : { f : () -> () }');
    const args = parseDidArgs('(Config, opt nat)', s.types);
    expect(args.ok && args.args.map((a) => printCandidType(a.type))).toEqual(['record { owner : principal }', 'opt nat']);
    expect(parseDidArgs('(nat) extra').ok).toBe(false);
  });
});
