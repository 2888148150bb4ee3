/**
 * The type a Candid text value has when nothing says which, as `didc` infers it: an integer is an `int`, a
 * number with a point or exponent a `float64`, a record or variant has the fields written, a `vec` the type of
 * its first item (`vec empty` when it has none), an annotation is its own type.
 */
import { IDL } from '@dfinity/candid';
import type { ValueAst } from './readCandidValue.ts';

export function inferCandidType(value: ValueAst): IDL.Type {
  switch (value.kind) {
    case 'number': return isFloatLiteral(value.text) ? IDL.Float64 : IDL.Int;
    case 'text': return IDL.Text;
    case 'bool': return IDL.Bool;
    case 'null': return IDL.Null;
    case 'opt': return IDL.Opt(inferCandidType(value.value));
    case 'vec': return IDL.Vec(value.items.length === 0 ? IDL.Empty : inferCandidType(value.items[0]));
    case 'blob': return IDL.Vec(IDL.Nat8);
    case 'record': {
      const types = value.fields.map((f) => inferCandidType(f.value));
      if (value.fields.length > 0 && value.fields.every((f, i) => f.id === i)) return IDL.Tuple(...types);
      return IDL.Record(Object.fromEntries(value.fields.map((f, i) => [f.key, types[i]])));
    }
    case 'variant': return IDL.Variant({ [value.field.key]: inferCandidType(value.field.value) });
    case 'principal': return IDL.Principal;
    case 'service': return IDL.Service({});
    case 'func': return IDL.Func([], []);
    case 'annotated': return value.type;
  }
}

export function isFloatLiteral(text: string): boolean {
  return !/^[+-]?0x/i.test(text) && /[.eE]/.test(text);
}
