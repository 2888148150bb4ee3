/**
 * An argument as a learner gives it: a kind (empty, text, hex, a number, a principal, Candid text) and its value;
 * for a principal, a list of the workspace's canisters and users, so a caller is installed with its callee's id
 * without ever seeing its bytes; for code whose Candid interface declares init arguments, a typed form. Controlled: the form holds the draft and turns it into an ARG with `argSpec`.
 */
import { useCallback, useEffect, useId } from 'react';
import type { CandidArg } from '../../candid/parseDid.ts';
import { printCandidTypes } from '../../candid/printCandidType.ts';
import { TypedArgInput } from '../candidForm/TypedArgInput.tsx';
import { ARG_KINDS, argSpec, type ArgKind, type ArgResult, type NamedPrincipal } from './argSpec.ts';

export interface ArgDraft {
  readonly kind: ArgKind;
  readonly value: string;
}

export const EMPTY_ARG: ArgDraft = { kind: 'empty', value: '' };

export interface ArgFieldProps {
  readonly label: string;
  readonly draft: ArgDraft;
  readonly principals: readonly NamedPrincipal[];
  readonly onChange: (draft: ArgDraft) => void;
  /** The init arguments the code's Candid interface declares: then a typed form is offered, and chosen first. */
  readonly candidArgs?: readonly CandidArg[] | null;
}

export function ArgField({ label, draft, principals, onChange, candidArgs = null }: ArgFieldProps) {
  const id = useId();
  const result = argSpec(draft.kind, draft.value, principals);
  const typedText = useCallback((value: string) => onChange({ kind: 'typed', value }), [onChange]);
  const hasForm = candidArgs !== null;
  // Code with typed init arguments gets its form instead of an empty argument; code without loses the form.
  useEffect(() => {
    if (hasForm && draft.kind === 'empty') onChange({ kind: 'typed', value: '' });
    if (!hasForm && draft.kind === 'typed') onChange(EMPTY_ARG);
  }, [hasForm, draft.kind, onChange]);
  return (
    <div className="arg-field">
      <label>{label}
        <select value={draft.kind} aria-label={`${label} kind`}
          onChange={(e) => onChange({ kind: e.target.value as ArgKind, value: e.target.value === 'principal' ? principals[0]?.name ?? '' : draft.kind === 'principal' || draft.kind === 'typed' ? '' : draft.value })}>
          {candidArgs && <option value="typed">Candid form</option>}
          {ARG_KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
        </select>
      </label>
      {draft.kind === 'typed' && candidArgs ? (
        <TypedArgInput key={printCandidTypes(candidArgs.map((a) => a.type))} args={candidArgs} owner={label} principals={principals} onText={typedText} />
      ) : draft.kind === 'principal' ? (
        <select value={draft.value} aria-label={`${label}: whose principal`} onChange={(e) => onChange({ ...draft, value: e.target.value })}>
          {principals.map((p) => <option key={p.name} value={p.name}>{p.name} ({p.principal})</option>)}
        </select>
      ) : draft.kind !== 'empty' && draft.kind !== 'typed' && (
        <input value={draft.value} aria-label={label} aria-invalid={!result.ok} aria-describedby={result.ok ? undefined : id}
          inputMode={draft.kind === 'u64' ? 'numeric' : undefined} onChange={(e) => onChange({ ...draft, value: e.target.value })} />
      )}
      {!result.ok && <p className="field-error" id={id}>{result.error}</p>}
    </div>
  );
}

export function argOf(draft: ArgDraft, principals: readonly NamedPrincipal[]): ArgResult {
  return argSpec(draft.kind, draft.value, principals);
}
