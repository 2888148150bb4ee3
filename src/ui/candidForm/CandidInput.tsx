/**
 * The input of one Candid value, drawn from its type and its form value (`formValue.ts`): a text input for
 * numbers (its bounds in the hint), text, blobs (hex), a principal picked among the workspace's canisters and
 * users or typed; a checkbox for a bool or an option; items with add/remove for a vec; a group of fields for a
 * record; a choice of case for a variant. Every control is labelled by its place (`greet › argument 1 › name`).
 */
import { useId } from 'react';
import { IDL } from '@dfinity/candid';
import { printCandidType, printLabel } from '../../candid/printCandidType.ts';
import { unwrapRec } from '../../candid/readCandidType.ts';
import type { NamedPrincipal } from '../calls/argSpec.ts';
import { defaultFormValue, type FormValue } from './formValue.ts';
import { inputHint, inputProblem } from './formToCandid.ts';

export interface CandidInputProps {
  readonly type: IDL.Type;
  readonly value: FormValue;
  /** The accessible name: the value's place in the form. */
  readonly label: string;
  /** What is shown beside it (the last part of the place). */
  readonly caption: string;
  readonly principals: readonly NamedPrincipal[];
  readonly onChange: (value: FormValue) => void;
}

export function CandidInput({ type, value, label, caption, principals, onChange }: CandidInputProps) {
  const t = unwrapRec(type);
  const typeText = <span className="muted candid-type">{shortType(type)}</span>;
  switch (value.kind) {
    case 'input':
      return t instanceof IDL.PrincipalClass
        ? <PrincipalInput text={value.text} label={label} caption={caption} principals={principals} onChange={(text) => onChange({ kind: 'input', text })} />
        : <TextInput type={t} text={value.text} label={label} caption={caption} onChange={(text) => onChange({ kind: 'input', text })} />;
    case 'bool':
      return <label className="candid-row"><input type="checkbox" checked={value.value} aria-label={label} onChange={(e) => onChange({ kind: 'bool', value: e.target.checked })} /> {caption} {typeText}</label>;
    case 'none':
      return <div className="candid-row">{caption} {typeText} <span className="muted">{t instanceof IDL.EmptyClass ? 'has no value' : 'null'}</span></div>;
    case 'opt': {
      const inner = (t as IDL.OptClass<unknown>)._type;
      return (
        <div className="candid-group">
          <label className="candid-row">
            <input type="checkbox" checked={value.present} aria-label={`${label}: give a value`}
              onChange={(e) => onChange({ kind: 'opt', present: e.target.checked, inner: value.inner ?? defaultFormValue(inner) })} />
            {caption} {typeText} {!value.present && <span className="muted">null</span>}
          </label>
          {value.present && value.inner && (
            <div className="candid-nested">
              <CandidInput type={inner} value={value.inner} label={label} caption="value" principals={principals}
                onChange={(next) => onChange({ ...value, inner: next })} />
            </div>
          )}
        </div>
      );
    }
    case 'vec': {
      const item = (t as IDL.VecClass<unknown>)._type;
      const setItems = (items: readonly FormValue[]) => onChange({ kind: 'vec', items });
      return (
        <fieldset className="candid-group">
          <legend>{caption} {typeText}</legend>
          {value.items.map((v, i) => (
            <div className="candid-item" key={i}>
              <CandidInput type={item} value={v} label={`${label} › item ${i + 1}`} caption={`item ${i + 1}`} principals={principals}
                onChange={(next) => setItems(value.items.map((old, j) => (j === i ? next : old)))} />
              <button type="button" aria-label={`remove ${label} › item ${i + 1}`} onClick={() => setItems(value.items.filter((_, j) => j !== i))}>remove</button>
            </div>
          ))}
          <button type="button" aria-label={`add an item to ${label}`} onClick={() => setItems([...value.items, defaultFormValue(item)])}>+ item</button>
        </fieldset>
      );
    }
    case 'record': {
      const fields = (t as IDL.RecordClass)._fields;
      return (
        <fieldset className="candid-group">
          <legend>{caption} {typeText}</legend>
          {fields.map(([key, fieldType], i) => (
            <CandidInput key={key} type={fieldType} value={value.fields[i]} label={`${label} › ${printLabel(key)}`} caption={printLabel(key)} principals={principals}
              onChange={(next) => onChange({ kind: 'record', fields: value.fields.map((old, j) => (j === i ? next : old)) })} />
          ))}
        </fieldset>
      );
    }
    case 'variant': {
      const cases = (t as IDL.VariantClass)._fields;
      const [key, caseType] = cases[value.choice];
      return (
        <fieldset className="candid-group">
          <legend>{caption} {typeText}</legend>
          <select aria-label={`${label}: case`} value={value.choice}
            onChange={(e) => { const choice = Number(e.target.value); onChange({ kind: 'variant', choice, payload: defaultFormValue(cases[choice][1]) }); }}>
            {cases.map(([k], i) => <option key={k} value={i}>{printLabel(k)}</option>)}
          </select>
          {!(unwrapRec(caseType) instanceof IDL.NullClass) && (
            <CandidInput type={caseType} value={value.payload} label={`${label} › ${printLabel(key)}`} caption={printLabel(key)} principals={principals}
              onChange={(payload) => onChange({ ...value, payload })} />
          )}
        </fieldset>
      );
    }
  }
}

function TextInput({ type, text, label, caption, onChange }: { type: IDL.Type; text: string; label: string; caption: string; onChange: (text: string) => void }) {
  const id = useId();
  const problem = inputProblem(type, text);
  const numeric = type instanceof IDL.NatClass || type instanceof IDL.IntClass || type instanceof IDL.FixedNatClass || type instanceof IDL.FixedIntClass;
  return (
    <div className="candid-row">
      <label>{caption} <span className="muted candid-type">{shortType(type)}</span>
        <input value={text} aria-label={label} aria-invalid={problem !== null} aria-describedby={problem ? id : undefined}
          inputMode={numeric ? 'numeric' : type instanceof IDL.FloatClass ? 'decimal' : undefined} placeholder={inputHint(type)}
          onChange={(e) => onChange(e.target.value)} />
      </label>
      {problem && text !== '' && <span className="field-error" id={id}>{problem}</span>}
      {problem && text === '' && <span className="sr-only" id={id}>{problem}</span>}
    </div>
  );
}

/** A principal: one of the workspace's canisters or users by name, or any principal typed in. */
function PrincipalInput({ text, label, caption, principals, onChange }: { text: string; label: string; caption: string; principals: readonly NamedPrincipal[]; onChange: (text: string) => void }) {
  const id = useId();
  const named = principals.find((p) => p.principal === text);
  const problem = inputProblem(IDL.Principal, text);
  return (
    <div className="candid-row">
      <label>{caption} <span className="muted candid-type">principal</span>
        <select aria-label={`${label}: whose principal`} value={named ? text : ''} onChange={(e) => onChange(e.target.value)}>
          <option value="">other (type it)</option>
          {principals.map((p) => <option key={p.name} value={p.principal}>{p.name}</option>)}
        </select>
      </label>
      <input className="mono" value={text} aria-label={label} aria-invalid={problem !== null} aria-describedby={problem ? id : undefined}
        placeholder="aaaaa-aa" onChange={(e) => onChange(e.target.value.trim())} />
      {problem && <span className={text === '' ? 'sr-only' : 'field-error'} id={id}>{problem}</span>}
    </div>
  );
}

/** The type as a short tag beside a caption: `nat8`, `opt text`, `record`, `List`. */
function shortType(type: IDL.Type): string {
  const text = printCandidType(type);
  return text.length <= 24 ? text : text.replace(/\s*\{.*$/s, '');
}
