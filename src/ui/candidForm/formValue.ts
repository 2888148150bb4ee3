/**
 * What a typed Candid form holds while a learner fills it in, one node per Candid type (the form's model; the
 * components only draw it): what they typed for a number, text, principal or blob (as hex), a checkbox for a
 * bool or an option, items of a vec, fields of a record, the chosen case of a variant. `defaultFormValue` is the
 * empty form of a type; an option's inner form is made only when it is ticked, so recursive types stay finite.
 */
import { IDL } from '@dfinity/candid';
import { unwrapRec } from '../../candid/readCandidType.ts';

export type FormValue =
  | { readonly kind: 'input'; readonly text: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'none' }
  | { readonly kind: 'opt'; readonly present: boolean; readonly inner: FormValue | null }
  | { readonly kind: 'vec'; readonly items: readonly FormValue[] }
  | { readonly kind: 'record'; readonly fields: readonly FormValue[] }
  | { readonly kind: 'variant'; readonly choice: number; readonly payload: FormValue };

/** A record type nested deeper than this without an option or a vec can have no value: its form stops there. */
const MAX_DEPTH = 32;

export function defaultFormValue(type: IDL.Type, depth = 0): FormValue {
  const t = unwrapRec(type);
  if (depth > MAX_DEPTH) return { kind: 'none' };
  if (t instanceof IDL.BoolClass) return { kind: 'bool', value: false };
  if (t instanceof IDL.NullClass || t instanceof IDL.ReservedClass || t instanceof IDL.EmptyClass) return { kind: 'none' };
  if (t instanceof IDL.OptClass) return { kind: 'opt', present: false, inner: null };
  if (t instanceof IDL.VecClass) return isBlob(t) ? { kind: 'input', text: '' } : { kind: 'vec', items: [] };
  if (t instanceof IDL.RecordClass) return { kind: 'record', fields: t._fields.map(([, f]) => defaultFormValue(f, depth + 1)) };
  if (t instanceof IDL.VariantClass) {
    const first = t._fields[0];
    return { kind: 'variant', choice: 0, payload: first ? defaultFormValue(first[1], depth + 1) : { kind: 'none' } };
  }
  return { kind: 'input', text: '' };
}

/** `vec nat8`, which a form takes as hex. */
export function isBlob(type: IDL.Type): boolean {
  const t = unwrapRec(type);
  if (!(t instanceof IDL.VecClass)) return false;
  const item = unwrapRec(t._type);
  return item instanceof IDL.FixedNatClass && item._bits === 8;
}
