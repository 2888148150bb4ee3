/**
 * A Candid service description (`.did` text, what a module's `candid:service` metadata holds) parsed into IDL
 * types: type definitions in any order, recursive ones included, then `service : (init args) -> { methods }` (or
 * a service type's name). Only recursive names become `IDL.Rec`, so other types print and compare plainly.
 * `import` is refused: metadata is self-contained.
 */
import { IDL } from '@dfinity/candid';
import { CandidSyntaxError, TokenCursor } from './candidTokens.ts';
import { RECURSIVE_TYPE_NAMES } from './printCandidType.ts';
import {
  KEYWORDS, idlTypeOf, methodTypeOf, readArgs, readMethods, readTypeAst, unwrapRec, type ArgAst, type MethodAst, type ResolveName,
  type TypeAst,
} from './readCandidType.ts';

export type MethodMode = 'update' | 'query' | 'composite_query' | 'oneway';

export interface CandidArg {
  /** The name the description gives the argument (`(owner : principal)`), if any. */
  readonly name: string | null;
  readonly type: IDL.Type;
}

export interface CandidMethod {
  readonly name: string;
  readonly args: readonly CandidArg[];
  readonly results: readonly IDL.Type[];
  readonly mode: MethodMode;
}

export interface CandidService {
  /** In the order the description lists them. */
  readonly methods: readonly CandidMethod[];
  /** The service's init arguments (`service : (nat) -> { … }`), or null when it declares none. */
  readonly initArgs: readonly CandidArg[] | null;
  /** The named types, for values annotated with one (`(x : Profile)`). */
  readonly types: ReadonlyMap<string, IDL.Type>;
}

export type DidResult = { readonly ok: true; readonly service: CandidService } | { readonly ok: false; readonly error: string };

export function parseDid(text: string): DidResult {
  try {
    return { ok: true, service: readService(new TokenCursor(text)) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Argument types alone, `(nat, opt text)` as `candid:args` holds them, with the service's named types. */
export function parseDidArgs(text: string, types: ReadonlyMap<string, IDL.Type> = new Map()): { ok: true; args: CandidArg[] } | { ok: false; error: string } {
  try {
    const c = new TokenCursor(text);
    const definitions = readDefinitions(c);
    const resolve = resolver(c, definitions, types);
    const args = readArgs(c).map((a) => argOf(a, resolve));
    if (c.peek().kind !== 'end') throw c.error('expected the end after the arguments');
    return { ok: true, args };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function readService(c: TokenCursor): CandidService {
  const definitions = readDefinitions(c);
  const resolve = resolver(c, definitions, new Map());
  const types = new Map([...definitions.keys()].map((name) => [name, resolve(name, 0)]));
  if (c.peek().kind === 'end') return { methods: [], initArgs: null, types };
  c.expect('service');
  if (c.peek().kind === 'id' && !c.is(':')) c.next(); // the service's own name is of no use here
  c.expect(':');
  const initArgs = c.is('(') ? readArgs(c) : null;
  if (initArgs) c.expect('->');
  let methods: readonly CandidMethod[];
  if (c.is('{')) {
    methods = readMethods(c).map((m) => methodOf(m, resolve));
  } else {
    const token = c.next();
    if (token.kind !== 'id') throw c.error('expected the service\'s methods { … } or a service type\'s name', token.at);
    const named = unwrapRec(resolve(token.text, token.at));
    if (!(named instanceof IDL.ServiceClass)) throw c.error(`${token.text} is not a service type`, token.at);
    methods = named._fields.map(([name, func]) => ({ name, args: func.argTypes.map((type) => ({ name: null, type })), results: func.retTypes, mode: modeOf(func.annotations) }));
  }
  c.accept(';');
  if (c.peek().kind !== 'end') throw c.error('expected the end of the description after the service');
  return { methods, initArgs: initArgs?.map((a) => argOf(a, resolve)) ?? null, types };
}

/** `type Name = …;` definitions and (refused) imports, up to the service. */
function readDefinitions(c: TokenCursor): Map<string, TypeAst> {
  const definitions = new Map<string, TypeAst>();
  while (c.is('type') || c.is('import')) {
    const keyword = c.next();
    if (keyword.kind === 'id' && keyword.text === 'import') throw c.error('imports are not supported: the description must be self-contained', keyword.at);
    const name = c.next();
    if (name.kind !== 'id' || KEYWORDS.has(name.text)) throw c.error('expected a type name', name.at);
    if (definitions.has(name.text)) throw c.error(`the type ${name.text} is defined twice`, name.at);
    c.expect('=');
    definitions.set(name.text, readTypeAst(c));
    c.expect(';');
  }
  return definitions;
}

/**
 * Names resolved on first use, each once. A name met again while its own definition is being resolved is
 * recursive: it becomes an `IDL.Rec`, filled when its definition is done.
 */
function resolver(c: TokenCursor, definitions: ReadonlyMap<string, TypeAst>, known: ReadonlyMap<string, IDL.Type>): ResolveName {
  const resolved = new Map<string, IDL.Type>(known);
  const inProgress = new Set<string>();
  const placeholders = new Map<string, ReturnType<typeof IDL.Rec>>();
  const resolve: ResolveName = (name, at) => {
    const done = resolved.get(name);
    if (done) return done;
    const definition = definitions.get(name);
    if (!definition) throw c.error(`unknown type ${name}`, at);
    if (inProgress.has(name)) {
      if (!placeholders.has(name)) placeholders.set(name, IDL.Rec());
      return placeholders.get(name)!;
    }
    inProgress.add(name);
    const type = idlTypeOf(definition, resolve);
    inProgress.delete(name);
    const placeholder = placeholders.get(name);
    if (placeholder) {
      if (type === placeholder || type instanceof IDL.RecClass) throw new CandidSyntaxError(`the type ${name} is only an alias of itself`);
      placeholder.fill(type as IDL.ConstructType);
      RECURSIVE_TYPE_NAMES.set(placeholder, name);
    }
    const result = placeholder ?? type;
    resolved.set(name, result);
    return result;
  };
  return resolve;
}

function argOf(arg: ArgAst, resolve: ResolveName): CandidArg {
  return { name: arg.name, type: idlTypeOf(arg.type, resolve) };
}

function methodOf(method: MethodAst, resolve: ResolveName): CandidMethod {
  const names = 'args' in method.type ? method.type.args.map((a) => a.name) : [];
  const func = methodTypeOf(method, resolve);
  return {
    name: method.name,
    args: func.argTypes.map((type, i) => ({ name: names[i] ?? null, type })),
    results: func.retTypes,
    mode: modeOf(func.annotations),
  };
}

function modeOf(annotations: readonly string[]): MethodMode {
  if (annotations.includes('query')) return 'query';
  if (annotations.includes('composite_query')) return 'composite_query';
  if (annotations.includes('oneway')) return 'oneway';
  return 'update';
}
