/**
 * The Candid value grammar (spec "Values", as `didc` and `dfx canister call` read it) into a syntax tree:
 * numbers keep their text until a type says what they are, text literals their bytes, and a value may carry a
 * type annotation (`(42 : nat8)`), read with the type grammar.
 */
import { IDL } from '@dfinity/candid';
import { describeToken, readSeparated, type TokenCursor } from './candidTokens.ts';
import { idlTypeOf, readLabel, readTypeAst, textOf, type ResolveName } from './readCandidType.ts';

export type ValueAst =
  | { readonly kind: 'number'; readonly text: string; readonly at: number }
  | { readonly kind: 'text'; readonly bytes: Uint8Array; readonly at: number }
  | { readonly kind: 'bool'; readonly value: boolean; readonly at: number }
  | { readonly kind: 'null'; readonly at: number }
  | { readonly kind: 'opt'; readonly value: ValueAst; readonly at: number }
  | { readonly kind: 'vec'; readonly items: readonly ValueAst[]; readonly at: number }
  | { readonly kind: 'blob'; readonly bytes: Uint8Array; readonly at: number }
  | { readonly kind: 'record'; readonly fields: readonly FieldValue[]; readonly at: number }
  | { readonly kind: 'variant'; readonly field: FieldValue; readonly at: number }
  | { readonly kind: 'principal'; readonly text: string; readonly at: number }
  | { readonly kind: 'service'; readonly text: string; readonly at: number }
  | { readonly kind: 'func'; readonly principal: string; readonly method: string; readonly at: number }
  | { readonly kind: 'annotated'; readonly value: ValueAst; readonly type: IDL.Type; readonly at: number };

export interface FieldValue {
  /** The label as a key of an IDL record: the name, or `_N_` for a numeric label. */
  readonly key: string;
  readonly id: number;
  readonly value: ValueAst;
}

/** `(v, v, …)`; a lone value without parentheses is read as one argument. */
export function readArgValues(c: TokenCursor, resolve: ResolveName): ValueAst[] {
  if (!c.is('(')) return [readValue(c, resolve)];
  return readSeparated(c, '(', ')', ',', () => readAnnotated(c, resolve));
}

/** A value, with an optional `: type` after it (inside parentheses or an argument list). */
function readAnnotated(c: TokenCursor, resolve: ResolveName): ValueAst {
  const at = c.peek().at;
  const value = readValue(c, resolve);
  return c.accept(':') ? { kind: 'annotated', value, type: idlTypeOf(readTypeAst(c), resolve), at } : value;
}

export function readValue(c: TokenCursor, resolve: ResolveName): ValueAst {
  return c.nested(() => readValueHere(c, resolve));
}

function readValueHere(c: TokenCursor, resolve: ResolveName): ValueAst {
  const token = c.next();
  const at = token.at;
  if (token.kind === 'number') return { kind: 'number', text: token.text, at };
  if (token.kind === 'text') return { kind: 'text', bytes: token.bytes, at };
  if (token.kind === 'symbol' && token.text === '(') {
    const value = readAnnotated(c, resolve);
    c.expect(')');
    return value;
  }
  if (token.kind !== 'id') throw c.error(`expected a value but found ${describeToken(token)}`, at);
  switch (token.text) {
    case 'true': case 'false': return { kind: 'bool', value: token.text === 'true', at };
    case 'null': return { kind: 'null', at };
    case 'opt': return { kind: 'opt', value: readValue(c, resolve), at };
    case 'vec': return { kind: 'vec', items: readItems(c, resolve), at };
    case 'record': return { kind: 'record', fields: readFieldValues(c, resolve, false), at };
    case 'variant': {
      const fields = readFieldValues(c, resolve, true);
      if (fields.length !== 1) throw c.error('a variant value has exactly one field', at);
      return { kind: 'variant', field: fields[0], at };
    }
    case 'blob': return { kind: 'blob', bytes: readQuoted(c).bytes, at };
    case 'principal': return { kind: 'principal', text: readQuotedText(c), at };
    case 'service': return { kind: 'service', text: readQuotedText(c), at };
    case 'func': {
      const principal = readQuotedText(c);
      c.expect('.');
      return { kind: 'func', principal, method: readLabel(c).key, at };
    }
    default: throw c.error(`expected a value but found "${token.text}"`, at);
  }
}

function readItems(c: TokenCursor, resolve: ResolveName): ValueAst[] {
  return readSeparated(c, '{', '}', ';', () => readAnnotated(c, resolve));
}

/** `{ a = 1; 2 = "x"; "b" = true }`, positional `{ 1; "x" }` in a record, `{ ok }` (null) in a variant. */
function readFieldValues(c: TokenCursor, resolve: ResolveName, variant: boolean): FieldValue[] {
  c.expect('{');
  const fields: FieldValue[] = [];
  let nextId = 0;
  while (!c.accept('}')) {
    const labelled = c.is('=', 1);
    const bare = variant && !labelled && (c.is(';', 1) || c.is('}', 1));
    let field: FieldValue;
    if (labelled || bare) {
      const at = c.peek().at;
      const label = readLabel(c);
      if (fields.some((f) => f.id === label.id)) throw c.error(`the field ${label.key} appears twice`, at);
      field = { ...label, value: labelled ? (c.expect('='), readAnnotated(c, resolve)) : { kind: 'null', at } };
    } else {
      field = { key: `_${nextId}_`, id: nextId, value: readAnnotated(c, resolve) };
    }
    fields.push(field);
    nextId = field.id + 1;
    if (!c.accept(';')) { c.expect('}'); break; }
  }
  return fields;
}

function readQuoted(c: TokenCursor): { bytes: Uint8Array; at: number } {
  const token = c.next();
  if (token.kind !== 'text') throw c.error(`expected a quoted text but found ${describeToken(token)}`, token.at);
  return { bytes: token.bytes, at: token.at };
}

function readQuotedText(c: TokenCursor): string {
  const { bytes, at } = readQuoted(c);
  return textOf(c, bytes, at);
}
