/**
 * IDL types as Candid type text, the way a `.did` file writes them: `record { name : text; age : nat8 }`,
 * `variant { ok : nat; err }`, `record { nat; text }` for a tuple, `blob` for `vec nat8`. A recursive type is
 * printed as the name its description gives it (`List`), or written out once and named (`rec_0`) where it refers
 * to itself.
 */
import { IDL } from '@dfinity/candid';
import { KEYWORDS } from './readCandidType.ts';

/** `(nat, opt text)` */
export function printCandidTypes(types: readonly IDL.Type[]): string {
  return `(${types.map((t) => printCandidType(t)).join(', ')})`;
}

/**
 * The names a service description gives its recursive types: such a type is printed as its name (its definition
 * would never end). Kept beside the IDL types rather than in them, which have no room for a name.
 */
export const RECURSIVE_TYPE_NAMES = new WeakMap<IDL.Type, string>();

export function printCandidType(type: IDL.Type, open: ReadonlySet<IDL.Type> = new Set()): string {
  if (type instanceof IDL.RecClass) {
    const name = RECURSIVE_TYPE_NAMES.get(type);
    if (name !== undefined) return name;
    if (open.has(type)) return type.name;
    return printCandidType(type.getType()!, new Set([...open, type]));
  }
  if (type instanceof IDL.OptClass) return `opt ${printCandidType(type._type, open)}`;
  if (type instanceof IDL.VecClass) return type._type instanceof IDL.FixedNatClass && type._type._bits === 8 ? 'blob' : `vec ${printCandidType(type._type, open)}`;
  if (type instanceof IDL.TupleClass) return braces('record', type._fields.map(([, t]) => printCandidType(t, open)));
  if (type instanceof IDL.RecordClass) return braces('record', type._fields.map(([key, t]) => `${printLabel(key)} : ${printCandidType(t, open)}`));
  if (type instanceof IDL.VariantClass) {
    return braces('variant', type._fields.map(([key, t]) => (t instanceof IDL.NullClass ? printLabel(key) : `${printLabel(key)} : ${printCandidType(t, open)}`)));
  }
  if (type instanceof IDL.FuncClass) return `func ${printFuncType(type, open)}`;
  if (type instanceof IDL.ServiceClass) return braces('service', type._fields.map(([name, func]) => `${printLabel(name)} : ${printFuncType(func, open)}`));
  return type.name;
}

function printFuncType(func: IDL.FuncClass, open: ReadonlySet<IDL.Type>): string {
  const list = (types: readonly IDL.Type[]) => `(${types.map((t) => printCandidType(t, open)).join(', ')})`;
  return [`${list(func.argTypes)} -> ${list(func.retTypes)}`, ...func.annotations].join(' ');
}

function braces(keyword: string, items: string[]): string {
  return items.length === 0 ? `${keyword} {}` : `${keyword} { ${items.join('; ')} }`;
}

/**
 * A record or variant key as Candid text: `_5_` (how IDL records hold a numeric label) is `5`, a name that is not
 * an identifier (or is a keyword) is quoted. `names` gives names to hashed labels read off the wire.
 */
export function printLabel(key: string, names?: ReadonlyMap<number, string>): string {
  const numeric = /^_(\d+)_$/.exec(key);
  if (numeric) {
    const name = names?.get(Number(numeric[1]));
    return name === undefined ? numeric[1] : printLabel(name);
  }
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !KEYWORDS.has(key) ? key : JSON.stringify(key);
}
