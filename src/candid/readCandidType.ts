/**
 * The Candid type grammar (spec "Types"): a data type at a cursor read into a small syntax tree, and that tree
 * turned into `@dfinity/candid` IDL types once every name it uses can be resolved. Two steps so a service
 * description can define its types in any order and recursively (`parseDid.ts` resolves the names).
 */
import { IDL, idlLabelToId } from '@dfinity/candid';
import { CandidSyntaxError, type TokenCursor, describeToken, readSeparated } from './candidTokens.ts';

export type TypeAst =
  | { readonly kind: 'prim'; readonly type: IDL.Type }
  | { readonly kind: 'name'; readonly name: string; readonly at: number }
  | { readonly kind: 'opt' | 'vec'; readonly of: TypeAst }
  | { readonly kind: 'record' | 'variant'; readonly fields: readonly FieldAst[] }
  | { readonly kind: 'func'; readonly func: FuncAst }
  | { readonly kind: 'service'; readonly methods: readonly MethodAst[] | null; readonly name?: string };

export interface FieldAst {
  /** The label as a key of an IDL record: the name, or `_N_` for a numeric label. */
  readonly key: string;
  readonly id: number;
  readonly type: TypeAst;
}

export interface ArgAst {
  readonly name: string | null;
  readonly type: TypeAst;
}

export interface FuncAst {
  readonly args: readonly ArgAst[];
  readonly results: readonly ArgAst[];
  readonly annotations: readonly ('query' | 'composite_query' | 'oneway')[];
}

export interface MethodAst {
  readonly name: string;
  /** The method's type, or the name of a func type defined elsewhere. */
  readonly type: FuncAst | { readonly name: string; readonly at: number };
}

const PRIMITIVES: Readonly<Record<string, IDL.Type>> = {
  nat: IDL.Nat, nat8: IDL.Nat8, nat16: IDL.Nat16, nat32: IDL.Nat32, nat64: IDL.Nat64,
  int: IDL.Int, int8: IDL.Int8, int16: IDL.Int16, int32: IDL.Int32, int64: IDL.Int64,
  float32: IDL.Float32, float64: IDL.Float64, bool: IDL.Bool, text: IDL.Text, null: IDL.Null,
  reserved: IDL.Reserved, empty: IDL.Empty, principal: IDL.Principal,
};

/** Words that are not type names (spec "Keywords"); a field or method with such a name is written in quotes. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  ...Object.keys(PRIMITIVES), 'opt', 'vec', 'record', 'variant', 'func', 'service', 'blob', 'type', 'import',
  'oneway', 'query', 'composite_query',
]);

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function readTypeAst(c: TokenCursor): TypeAst {
  return c.nested(() => readTypeAstHere(c));
}

function readTypeAstHere(c: TokenCursor): TypeAst {
  const token = c.next();
  if (token.kind !== 'id') throw c.error(`expected a type but found ${describeToken(token)}`, token.at);
  const word = token.text;
  if (word in PRIMITIVES) return { kind: 'prim', type: PRIMITIVES[word] };
  switch (word) {
    case 'opt': return { kind: 'opt', of: readTypeAst(c) };
    case 'vec': return { kind: 'vec', of: readTypeAst(c) };
    case 'blob': return { kind: 'vec', of: { kind: 'prim', type: IDL.Nat8 } };
    case 'record': return { kind: 'record', fields: readFields(c, false) };
    case 'variant': return { kind: 'variant', fields: readFields(c, true) };
    case 'func': return { kind: 'func', func: readFuncAst(c) };
    case 'service': return { kind: 'service', methods: readMethods(c) };
    default:
      if (KEYWORDS.has(word)) throw c.error(`"${word}" is a keyword, not a type`, token.at);
      return { kind: 'name', name: word, at: token.at };
  }
}

/** `{ a : nat; 1 : text; bool }` (positional fields numbered after the previous one), `{ ok; err : text }` in a variant. */
function readFields(c: TokenCursor, variant: boolean): FieldAst[] {
  c.expect('{');
  const fields: FieldAst[] = [];
  let nextId = 0;
  while (!c.accept('}')) {
    const labelled = c.is(':', 1) && (c.peek().kind === 'id' || c.peek().kind === 'number' || c.peek().kind === 'text');
    const shorthand = variant && !labelled && (c.peek().kind === 'number' || c.peek().kind === 'text' || (c.peek().kind === 'id' && (c.is(';', 1) || c.is('}', 1))));
    let label: { key: string; id: number };
    let type: TypeAst;
    if (labelled || shorthand) {
      label = readLabel(c);
      type = labelled ? (c.expect(':'), readTypeAst(c)) : { kind: 'prim', type: IDL.Null };
    } else {
      label = { key: `_${nextId}_`, id: nextId };
      type = readTypeAst(c);
    }
    if (fields.some((f) => f.id === label.id)) throw c.error(`the field ${label.key} appears twice (or its hash collides)`);
    fields.push({ ...label, type });
    nextId = label.id + 1;
    if (!c.accept(';')) { c.expect('}'); break; }
  }
  return fields;
}

/** A field or method label: a name, a quoted name, or a number (an id). */
export function readLabel(c: TokenCursor): { key: string; id: number } {
  const token = c.next();
  if (token.kind === 'number' && /^(?:[0-9_]+|0x[0-9a-fA-F_]+)$/.test(token.text)) {
    const id = Number(token.text.replace(/_/g, ''));
    if (id > 0xffffffff) throw c.error('a field id must fit in 32 bits', token.at);
    return { key: `_${id}_`, id };
  }
  if (token.kind === 'id') return { key: token.text, id: idlLabelToId(token.text) };
  if (token.kind === 'text') {
    const name = textOf(c, token.bytes, token.at);
    return { key: name, id: idlLabelToId(name) };
  }
  throw c.error(`expected a name but found ${describeToken(token)}`, token.at);
}

export function textOf(c: TokenCursor, bytes: Uint8Array, at: number): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw c.error('the text is not valid UTF-8', at);
  }
}

/** `(nat, name : text) -> (bool) query` */
export function readFuncAst(c: TokenCursor): FuncAst {
  const args = readArgs(c);
  c.expect('->');
  // One result may be written without parentheses (`func () -> stream`, as in the spec's examples).
  const results = c.is('(') ? readArgs(c) : [{ name: null, type: readTypeAst(c) }];
  const annotations: FuncAst['annotations'][number][] = [];
  while (c.is('query') || c.is('composite_query') || c.is('oneway')) annotations.push((c.next() as { text: FuncAst['annotations'][number] }).text);
  return { args, results, annotations };
}

export function readArgs(c: TokenCursor): ArgAst[] {
  return readSeparated(c, '(', ')', ',', () => {
    const named = c.is(':', 1) && (c.peek().kind === 'id' || c.peek().kind === 'text');
    const name = named ? readLabel(c).key : null;
    if (named) c.expect(':');
    return { name, type: readTypeAst(c) };
  });
}

/** `{ get : () -> (nat) query; set : SetFn }` */
export function readMethods(c: TokenCursor): MethodAst[] {
  c.expect('{');
  const methods: MethodAst[] = [];
  while (!c.accept('}')) {
    const nameToken = c.peek();
    const { key: name } = readLabel(c);
    if (nameToken.kind === 'number') throw c.error('a method needs a name', nameToken.at);
    c.expect(':');
    const typeToken = c.peek();
    const type = c.is('(') ? readFuncAst(c) : { name: typeToken.kind === 'id' ? (c.next(), typeToken.text) : '', at: typeToken.at };
    if (type && 'name' in type && type.name === '') throw c.error(`expected a method type but found ${describeToken(typeToken)}`, typeToken.at);
    if (methods.some((m) => m.name === name)) throw c.error(`the method "${name}" appears twice`, nameToken.at);
    methods.push({ name, type });
    if (!c.accept(';')) { c.expect('}'); break; }
  }
  return methods;
}

/** Resolves a type name to its IDL type; throws for an unknown one. */
export type ResolveName = (name: string, at: number) => IDL.Type;

export function idlTypeOf(ast: TypeAst, resolve: ResolveName): IDL.Type {
  switch (ast.kind) {
    case 'prim': return ast.type;
    case 'name': return resolve(ast.name, ast.at);
    case 'opt': return IDL.Opt(idlTypeOf(ast.of, resolve));
    case 'vec': return IDL.Vec(idlTypeOf(ast.of, resolve));
    case 'record': {
      const types = ast.fields.map((f) => idlTypeOf(f.type, resolve));
      // Fields 0, 1, 2… are a tuple: its values are arrays, as `@dfinity/candid` decodes them.
      if (ast.fields.length > 0 && ast.fields.every((f, i) => f.id === i)) return IDL.Tuple(...types);
      return IDL.Record(Object.fromEntries(ast.fields.map((f, i) => [f.key, types[i]])));
    }
    case 'variant': return IDL.Variant(Object.fromEntries(ast.fields.map((f) => [f.key, idlTypeOf(f.type, resolve)])));
    case 'func': return funcTypeOf(ast.func, resolve);
    case 'service': {
      const methods = ast.methods ?? [];
      return IDL.Service(Object.fromEntries(methods.map((m) => [m.name, methodTypeOf(m, resolve)])));
    }
  }
}

export function funcTypeOf(func: FuncAst, resolve: ResolveName): IDL.FuncClass {
  // `IDL.Func`'s typings want at least one type on each side; a Candid function may have none.
  const types = (list: readonly ArgAst[]) => list.map((a) => idlTypeOf(a.type, resolve)) as [IDL.Type];
  return IDL.Func(types(func.args), types(func.results), [...func.annotations]);
}

export function methodTypeOf(method: MethodAst, resolve: ResolveName): IDL.FuncClass {
  if ('args' in method.type) return funcTypeOf(method.type, resolve);
  const reference = resolve(method.type.name, method.type.at);
  if (reference instanceof IDL.RecClass && !reference.getType()) {
    // `@dfinity/candid` builds a service from finished func types: one still being defined cannot be a method.
    throw new CandidSyntaxError(`the method "${method.name}" has type ${method.type.name}, which refers back to its own service: not supported`);
  }
  const named = unwrapRec(reference);
  if (!(named instanceof IDL.FuncClass)) throw new CandidSyntaxError(`the method "${method.name}" has type ${method.type.name}, which is not a func type`);
  return named;
}

/** The type a recursive reference stands for. */
export function unwrapRec(type: IDL.Type): IDL.Type {
  let t = type;
  while (t instanceof IDL.RecClass) t = t.getType()!;
  return t;
}
