/**
 * IDL values as Candid text, as `didc` and `dfx` print them: `(record { count = 3 : nat; name = "x" })`. Numbers
 * carry their type unless it is `int` or `float64` (what a bare number is read as), digits grouped by `_`;
 * `vec nat8` is a `blob "…"`, a tuple `record { 1 : nat; "x" }`, a variant case without payload `variant { ok }`.
 * The text reads back to the same values (`parseCandidArgs`), typed or not.
 */
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import { printLabel } from './printCandidType.ts';
import { unwrapRec } from './readCandidType.ts';

/** `(v1, v2)`; `names` gives names to the hashed field labels of values decoded without their types. */
export function printCandidValues(types: readonly IDL.Type[], values: readonly unknown[], names?: ReadonlyMap<number, string>): string {
  return `(${types.map((type, i) => printCandidValue(type, values[i], names)).join(', ')})`;
}

export function printCandidValue(type: IDL.Type, value: unknown, names?: ReadonlyMap<number, string>): string {
  const t = unwrapRec(type);
  const print = (inner: IDL.Type, v: unknown) => printCandidValue(inner, v, names);
  if (t instanceof IDL.NatClass || t instanceof IDL.FixedNatClass || t instanceof IDL.FixedIntClass) return `${groupDigits(String(value))} : ${t.name}`;
  if (t instanceof IDL.IntClass) return groupDigits(String(value));
  if (t instanceof IDL.FloatClass) return t._bits === 32 ? `${floatText(value as number)} : float32` : floatText(value as number);
  if (t instanceof IDL.TextClass) return quote(value as string);
  if (t instanceof IDL.BoolClass) return String(value);
  if (t instanceof IDL.NullClass || t instanceof IDL.ReservedClass) return 'null';
  if (t instanceof IDL.PrincipalClass) return `principal "${(value as Principal).toText()}"`;
  if (t instanceof IDL.ServiceClass) return `service "${(value as Principal).toText()}"`;
  if (t instanceof IDL.FuncClass) {
    const [principal, method] = value as [Principal, string];
    return `func "${principal.toText()}".${printLabel(method)}`;
  }
  if (t instanceof IDL.OptClass) {
    const option = value as [] | [unknown];
    if (option.length === 0) return 'null';
    // `opt 5 : nat` would annotate the option: the annotated number goes in parentheses.
    const inner = unwrapRec(t._type);
    const annotated = inner instanceof IDL.NatClass || inner instanceof IDL.FixedNatClass || inner instanceof IDL.FixedIntClass
      || (inner instanceof IDL.FloatClass && inner._bits === 32);
    return annotated ? `opt (${print(t._type, option[0])})` : `opt ${print(t._type, option[0])}`;
  }
  if (t instanceof IDL.VecClass) {
    const item = unwrapRec(t._type);
    if (item instanceof IDL.FixedNatClass && item._bits === 8) return `blob ${quoteBytes(value as Uint8Array)}`;
    return braces('vec', [...(value as Iterable<unknown>)].map((v) => print(t._type, v)));
  }
  if (t instanceof IDL.TupleClass) return braces('record', t._fields.map(([, inner], i) => print(inner, (value as unknown[])[i])));
  if (t instanceof IDL.RecordClass) {
    const record = value as Record<string, unknown>;
    return braces('record', t._fields.map(([key, inner]) => `${printLabel(key, names)} = ${print(inner, record[key])}`));
  }
  if (t instanceof IDL.VariantClass) {
    const [key, payload] = Object.entries(value as Record<string, unknown>)[0];
    const inner = t._fields.find(([k]) => k === key)?.[1] ?? IDL.Null;
    return unwrapRec(inner) instanceof IDL.NullClass
      ? `variant { ${printLabel(key, names)} }`
      : `variant { ${printLabel(key, names)} = ${print(inner, payload)} }`;
  }
  if (t instanceof IDL.UnknownClass || typeof (value as { type?: unknown })?.type === 'function') {
    // A value decoded as `IDL.Unknown` carries the type read off the wire.
    const typed = value as { type(): IDL.Type; valueOf(): unknown };
    return print(typed.type(), typed.valueOf());
  }
  return String(value);
}

function braces(keyword: string, items: string[]): string {
  return items.length === 0 ? `${keyword} {}` : `${keyword} { ${items.join('; ')} }`;
}

/** `1_000_000`, `-12_345`: as didc groups digits. */
export function groupDigits(digits: string): string {
  const [, sign, body] = /^(-?)(\d+)$/.exec(digits) ?? [];
  if (body === undefined) return digits;
  return sign + body.replace(/\B(?=(\d{3})+(?!\d))/g, '_');
}

/** A float that reads back as a float: `2.0`, not `2`. */
function floatText(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

function quote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\u{${code.toString(16)}}`;
    else out += char;
  }
  return `${out}"`;
}

/** Printable ASCII as itself, every other byte as `\hh`. */
function quoteBytes(bytes: Uint8Array): string {
  let out = '"';
  for (const byte of bytes) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}
