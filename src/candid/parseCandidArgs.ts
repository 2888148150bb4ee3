/**
 * Candid text arguments (`(42, "hi", record { a = 1 })`, as a dfx user writes them) into IDL types and the
 * JavaScript values `IDL.encode` takes. Typed against the expected argument types when they are known, so `42` is
 * a `nat` where a method takes one; otherwise each value's type is inferred as `didc` does (`inferCandidType`).
 * The coercions are Candid's: a missing trailing argument or record field of type `opt`, `null` or `reserved` is
 * `null`; any value fits `reserved`; a value where an `opt` is expected is that option's value. A mismatch names
 * the place (`field "b", item 2`) and what was expected.
 */
import { IDL, idlLabelToId } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { TokenCursor } from './candidTokens.ts';
import { inferCandidType, isFloatLiteral } from './inferCandidType.ts';
import { printCandidType, printLabel } from './printCandidType.ts';
import { unwrapRec } from './readCandidType.ts';
import { readArgValues, type ValueAst } from './readCandidValue.ts';

export type CandidArgsResult =
  | { readonly ok: true; readonly types: IDL.Type[]; readonly values: unknown[] }
  | { readonly ok: false; readonly error: string; /** The text is Candid, but its values do not fit the types. */ readonly mismatch: boolean };

class Mismatch extends Error {}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function parseCandidArgs(text: string, expected: readonly IDL.Type[] | null, named: ReadonlyMap<string, IDL.Type> = new Map()): CandidArgsResult {
  let asts: ValueAst[];
  try {
    const c = new TokenCursor(text);
    asts = readArgValues(c, (name, at) => {
      const type = named.get(name);
      if (!type) throw c.error(`unknown type ${name}`, at);
      return type;
    });
    if (c.peek().kind !== 'end') throw c.error('expected the end after the arguments');
  } catch (error) {
    return { ok: false, error: (error as Error).message, mismatch: false };
  }
  try {
    const types = expected ? [...expected] : asts.map(inferCandidType);
    if (asts.length > types.length) throw new Mismatch(`${asts.length} arguments where ${types.length} ${types.length === 1 ? 'is' : 'are'} expected`);
    const values = types.map((type, i) => (i < asts.length ? valueOf(asts[i], type) : absent(type, `argument ${i + 1}`)));
    return { ok: true, types, values };
  } catch (error) {
    if (error instanceof Mismatch) return { ok: false, error: error.message, mismatch: true };
    throw error;
  }
}

/** A missing value: `null` for the types that have it, otherwise a mismatch. */
function absent(type: IDL.Type, what: string): unknown {
  const t = unwrapRec(type);
  if (t instanceof IDL.OptClass) return [];
  if (t instanceof IDL.NullClass || t instanceof IDL.ReservedClass) return null;
  throw new Mismatch(`${what} is missing (a ${printCandidType(type)})`);
}

function fail(value: ValueAst, type: IDL.Type, why?: string): never {
  throw new Mismatch(`${describe(value)} is not a ${printCandidType(type)}${why ? ` (${why})` : ''}`);
}

function describe(value: ValueAst): string {
  switch (value.kind) {
    case 'number': return value.text;
    case 'text': return JSON.stringify(new TextDecoder().decode(value.bytes).slice(0, 40));
    case 'bool': return String(value.value);
    case 'annotated': return describe(value.value);
    default: return `a ${value.kind} value`;
  }
}

function within(where: string, convert: () => unknown): unknown {
  try {
    return convert();
  } catch (error) {
    if (error instanceof Mismatch) throw new Mismatch(`${where}: ${error.message}`);
    throw error;
  }
}

function valueOf(value: ValueAst, expected: IDL.Type): unknown {
  const type = unwrapRec(expected);
  if (value.kind === 'annotated') {
    if (printCandidType(value.type) !== printCandidType(type) && !(type instanceof IDL.ReservedClass)) {
      throw new Mismatch(`${describe(value)} is annotated ${printCandidType(value.type)} where a ${printCandidType(type)} is expected`);
    }
    return valueOf(value.value, type);
  }
  if (type instanceof IDL.ReservedClass) return null;
  if (type instanceof IDL.OptClass) {
    if (value.kind === 'null') return [];
    if (value.kind === 'opt') return [within('in the option', () => valueOf(value.value, type._type))];
    const inner = unwrapRec(type._type);
    if (inner instanceof IDL.OptClass || inner instanceof IDL.NullClass || inner instanceof IDL.ReservedClass) fail(value, type);
    return [valueOf(value, type._type)];
  }
  if (type instanceof IDL.NatClass || type instanceof IDL.IntClass || type instanceof IDL.FixedNatClass || type instanceof IDL.FixedIntClass) {
    return integerOf(value, type);
  }
  if (type instanceof IDL.FloatClass) {
    if (value.kind !== 'number' || /^[+-]?0x/i.test(value.text)) fail(value, type);
    return Number(value.text.replace(/_/g, ''));
  }
  if (type instanceof IDL.TextClass) {
    if (value.kind !== 'text') fail(value, type);
    try {
      return UTF8.decode(value.bytes);
    } catch {
      return fail(value, type, 'its bytes are not valid UTF-8');
    }
  }
  if (type instanceof IDL.BoolClass) return value.kind === 'bool' ? value.value : fail(value, type);
  if (type instanceof IDL.NullClass) return value.kind === 'null' ? null : fail(value, type);
  if (type instanceof IDL.PrincipalClass || type instanceof IDL.ServiceClass) {
    if (value.kind !== (type instanceof IDL.PrincipalClass ? 'principal' : 'service')) fail(value, type);
    return principalOf(value.text);
  }
  if (type instanceof IDL.FuncClass) {
    if (value.kind !== 'func') fail(value, type);
    return [principalOf(value.principal), value.method];
  }
  if (type instanceof IDL.VecClass) return vecOf(value, type);
  if (type instanceof IDL.RecordClass) return recordOf(value, type);
  if (type instanceof IDL.VariantClass) {
    if (value.kind !== 'variant') fail(value, type);
    const field = type._fields.find(([key]) => sameLabel(key, value.field.key));
    if (!field) throw new Mismatch(`the variant has no case ${printLabel(value.field.key)} (it has ${type._fields.map(([k]) => printLabel(k)).join(', ')})`);
    return { [field[0]]: within(`in case ${printLabel(field[0])}`, () => valueOf(value.field.value, field[1])) };
  }
  return fail(value, type, 'no value has this type');
}

function principalOf(text: string): Principal {
  try {
    return Principal.fromText(text);
  } catch {
    throw new Mismatch(`"${text}" is not a principal`);
  }
}

const RANGES: Record<string, [bigint, bigint]> = {
  nat8: [0n, 255n], nat16: [0n, 65535n], nat32: [0n, 4294967295n], nat64: [0n, (1n << 64n) - 1n],
  int8: [-128n, 127n], int16: [-32768n, 32767n], int32: [-(1n << 31n), (1n << 31n) - 1n], int64: [-(1n << 63n), (1n << 63n) - 1n],
};

function integerOf(value: ValueAst, type: IDL.Type): bigint | number {
  if (value.kind !== 'number' || isFloatLiteral(value.text)) fail(value, type);
  const text = value.text.replace(/_/g, '');
  const negative = text.startsWith('-');
  const n = BigInt(text.replace(/^[+-]/, '')) * (negative ? -1n : 1n);
  const range = RANGES[type.name];
  if (type instanceof IDL.NatClass && n < 0n) fail(value, type, 'a nat is not negative');
  if (range && (n < range[0] || n > range[1])) fail(value, type, `from ${range[0]} to ${range[1]}`);
  // `@dfinity/candid` takes numbers for the fixed types up to 32 bits, bigints otherwise.
  return (type instanceof IDL.FixedNatClass || type instanceof IDL.FixedIntClass) && type._bits <= 32 ? Number(n) : n;
}

function vecOf(value: ValueAst, type: IDL.VecClass<unknown>): unknown {
  const item = unwrapRec(type._type);
  const bytes = item instanceof IDL.FixedNatClass && item._bits === 8;
  if (value.kind === 'blob' || (bytes && value.kind === 'text')) {
    if (!bytes) fail(value, type);
    return value.bytes;
  }
  if (value.kind !== 'vec') fail(value, type);
  const items = value.items.map((v, i) => within(`item ${i + 1}`, () => valueOf(v, type._type)));
  return bytes ? new Uint8Array(items as number[]) : items;
}

function recordOf(value: ValueAst, type: IDL.RecordClass): unknown {
  if (value.kind !== 'record') fail(value, type);
  for (const field of value.fields) {
    if (!type._fields.some(([key]) => sameLabel(key, field.key))) {
      throw new Mismatch(`the record has no field ${printLabel(field.key)} (it has ${type._fields.map(([k]) => printLabel(k)).join(', ') || 'none'})`);
    }
  }
  const entries = type._fields.map(([key, fieldType]) => {
    const given = value.fields.find((f) => sameLabel(key, f.key));
    const where = `field ${printLabel(key)}`;
    return [key, given ? within(where, () => valueOf(given.value, fieldType)) : absent(fieldType, where)] as const;
  });
  // A tuple's value is an array, in field order.
  return type instanceof IDL.TupleClass ? entries.map(([, v]) => v) : Object.fromEntries(entries);
}

/** Two record keys name the same label: equal, or equal ids (`_5_` and a name hashing to 5). */
function sameLabel(a: string, b: string): boolean {
  return a === b || idlLabelToId(a) === idlLabelToId(b);
}
