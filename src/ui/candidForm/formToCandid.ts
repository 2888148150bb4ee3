/**
 * A filled-in form as Candid: the IDL value of each argument, or what is still wrong, field by field
 * (`profile › age: a whole number from 0 to 255`). `inputProblem` judges one text input, so a field can show
 * its message as the learner types; `formArgsText` is the arguments as Candid text, what a call step records.
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { printCandidValues } from '../../candid/printCandidValues.ts';
import { printLabel } from '../../candid/printCandidType.ts';
import { unwrapRec } from '../../candid/readCandidType.ts';
import { isBlob, type FormValue } from './formValue.ts';

export interface FormProblem {
  /** Where, as the form labels it: `argument 1 › tags › item 2`. */
  readonly path: string;
  readonly message: string;
}

export type FormResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly FormProblem[] };

const RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  nat8: [0n, 255n], nat16: [0n, 65535n], nat32: [0n, 4294967295n], nat64: [0n, (1n << 64n) - 1n],
  int8: [-128n, 127n], int16: [-32768n, 32767n], int32: [-(1n << 31n), (1n << 31n) - 1n], int64: [-(1n << 63n), (1n << 63n) - 1n],
};

/** What a text input of this type accepts, in words. */
export function inputHint(type: IDL.Type): string {
  const t = unwrapRec(type);
  const range = RANGES[t.name];
  if (range) return `a whole number from ${range[0].toLocaleString('en-US')} to ${range[1].toLocaleString('en-US')}`;
  if (t instanceof IDL.NatClass) return 'a whole number, 0 or more';
  if (t instanceof IDL.IntClass) return 'a whole number';
  if (t instanceof IDL.FloatClass) return 'a number';
  if (t instanceof IDL.PrincipalClass || t instanceof IDL.ServiceClass) return 'a principal';
  if (t instanceof IDL.FuncClass) return 'a principal, a dot and a method name';
  if (isBlob(t)) return 'bytes as hex';
  return 'text';
}

/** Null when the text is a value of the type, else the message the field shows. */
export function inputProblem(type: IDL.Type, text: string): string | null {
  const converted = inputValue(type, text);
  return converted.ok ? null : converted.message;
}

function inputValue(type: IDL.Type, text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const t = unwrapRec(type);
  const wrong = { ok: false as const, message: `Needs ${inputHint(t)}.` };
  const trimmed = text.trim().replace(/[_,]/g, '');
  if (t instanceof IDL.NatClass || t instanceof IDL.IntClass || t instanceof IDL.FixedNatClass || t instanceof IDL.FixedIntClass) {
    if (!/^[+-]?\d+$/.test(trimmed)) return wrong;
    const n = BigInt(trimmed);
    const range = RANGES[t.name];
    if ((t instanceof IDL.NatClass && n < 0n) || (range && (n < range[0] || n > range[1]))) return wrong;
    return { ok: true, value: (t instanceof IDL.FixedNatClass || t instanceof IDL.FixedIntClass) && t._bits <= 32 ? Number(n) : n };
  }
  if (t instanceof IDL.FloatClass) {
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? { ok: true, value: Number(trimmed) } : wrong;
  }
  if (t instanceof IDL.PrincipalClass || t instanceof IDL.ServiceClass) return principalValue(text.trim()) ?? wrong;
  if (t instanceof IDL.FuncClass) {
    const dot = text.trim().lastIndexOf('.');
    const principal = dot > 0 ? principalValue(text.trim().slice(0, dot)) : null;
    return principal?.ok && dot < text.trim().length - 1 ? { ok: true, value: [principal.value, text.trim().slice(dot + 1)] } : wrong;
  }
  if (isBlob(t)) {
    const hex = text.replace(/\s+/g, '').replace(/^0x/i, '');
    if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return { ok: false, message: 'Needs bytes as hex: an even number of hex digits.' };
    return { ok: true, value: Uint8Array.from(hex.match(/../g) ?? [], (byte) => parseInt(byte, 16)) };
  }
  return { ok: true, value: text };
}

function principalValue(text: string): { ok: true; value: Principal } | null {
  try {
    return { ok: true, value: Principal.fromText(text) };
  } catch {
    return null;
  }
}

export function formToCandid(type: IDL.Type, form: FormValue, path: string): FormResult<unknown> {
  const problems: FormProblem[] = [];
  const value = convert(type, form, path, problems);
  return problems.length === 0 ? { ok: true, value } : { ok: false, problems };
}

function convert(type: IDL.Type, form: FormValue, path: string, problems: FormProblem[]): unknown {
  const t = unwrapRec(type);
  switch (form.kind) {
    case 'input': {
      const result = inputValue(t, form.text);
      if (!result.ok) problems.push({ path, message: result.message });
      return result.ok ? result.value : null;
    }
    case 'bool': return form.value;
    case 'none':
      if (t instanceof IDL.EmptyClass) problems.push({ path, message: 'No value has the type empty.' });
      return null;
    case 'opt':
      return form.present && form.inner ? [convert((t as IDL.OptClass<unknown>)._type, form.inner, path, problems)] : [];
    case 'vec': {
      const item = (t as IDL.VecClass<unknown>)._type;
      return form.items.map((f, i) => convert(item, f, `${path} › item ${i + 1}`, problems));
    }
    case 'record': {
      const fields = (t as IDL.RecordClass)._fields;
      const values = fields.map(([key, fieldType], i) => convert(fieldType, form.fields[i], `${path} › ${printLabel(key)}`, problems));
      return t instanceof IDL.TupleClass ? values : Object.fromEntries(fields.map(([key], i) => [key, values[i]]));
    }
    case 'variant': {
      const [key, caseType] = (t as IDL.VariantClass)._fields[form.choice];
      return { [key]: convert(caseType, form.payload, `${path} › ${printLabel(key)}`, problems) };
    }
  }
}

/** `(record { name = "ada" }, 7 : nat8)`: the arguments as Candid text, or every problem left. */
export function formArgsText(types: readonly IDL.Type[], forms: readonly FormValue[], names: readonly string[]): FormResult<string> {
  const results = types.map((type, i) => formToCandid(type, forms[i], names[i]));
  const problems = results.flatMap((r) => (r.ok ? [] : r.problems));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: printCandidValues(types, results.map((r) => (r as { value: unknown }).value)) };
}
