/**
 * An argument as a learner gives it: a kind (empty, text, hex, a number, a principal) and its value; for a
 * principal, a list of the workspace's canisters and users, so a caller is installed with its callee's id without
 * ever seeing its bytes. Controlled: the form holds the draft and turns it into an ARG with `argSpec`.
 */
import { useId } from 'react';
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
}

export function ArgField({ label, draft, principals, onChange }: ArgFieldProps) {
  const id = useId();
  const result = argSpec(draft.kind, draft.value, principals);
  return (
    <div className="arg-field">
      <label>{label}
        <select value={draft.kind} aria-label={`${label} kind`}
          onChange={(e) => onChange({ kind: e.target.value as ArgKind, value: e.target.value === 'principal' ? principals[0]?.name ?? '' : draft.kind === 'principal' ? '' : draft.value })}>
          {ARG_KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
        </select>
      </label>
      {draft.kind === 'principal' ? (
        <select value={draft.value} aria-label={`${label}: whose principal`} onChange={(e) => onChange({ ...draft, value: e.target.value })}>
          {principals.map((p) => <option key={p.name} value={p.name}>{p.name} ({p.principal})</option>)}
        </select>
      ) : draft.kind !== 'empty' && (
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
