/**
 * Calling a canister through its Candid interface, like Candid UI: a method picked from the service, its kind
 * (update, query, composite query) taken from the description, an input for every argument by its type. The call
 * is recorded with its argument as Candid text (`arg: { candid }`), so the console and shared links read it.
 */
import { useState } from 'react';
import type { CanisterView } from '../../worker/protocol.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';
import type { CandidMethod, CandidService, MethodMode } from '../../candid/parseDid.ts';
import { CandidArgsForm, argLabels } from '../candidForm/CandidArgsForm.tsx';
import { defaultFormValue, type FormValue } from '../candidForm/formValue.ts';
import { formArgsText } from '../candidForm/formToCandid.ts';
import type { NamedPrincipal } from './argSpec.ts';

export interface TypedCallPanelProps {
  readonly canister: CanisterView;
  readonly service: CandidService;
  readonly users: readonly string[];
  readonly principals: readonly NamedPrincipal[];
  readonly onStep: (step: Step) => void;
  /** Leaves the form for a raw argument (text, hex…), e.g. for a method the interface does not list. */
  readonly onRaw: () => void;
}

const MODE_TEXT: Record<MethodMode, string> = {
  update: 'update: runs in a round, its changes kept',
  query: 'query: answered now, its changes discarded',
  composite_query: 'composite query: answered now, may call other canisters\' queries',
  oneway: 'one-way update: no reply is awaited',
};

const initialForms = (method: CandidMethod | undefined): FormValue[] => method?.args.map((a) => defaultFormValue(a.type)) ?? [];

export function TypedCallPanel({ canister, service, users, principals, onStep, onRaw }: TypedCallPanelProps) {
  const [methodName, setMethodName] = useState(service.methods[0]?.name ?? '');
  const method = service.methods.find((m) => m.name === methodName);
  const [forms, setForms] = useState<FormValue[]>(() => initialForms(method));
  const [from, setFrom] = useState(users[0] ?? 'user');
  const query = method?.mode === 'query' || method?.mode === 'composite_query';
  const text = method ? formArgsText(method.args.map((a) => a.type), forms, argLabels(method.name, method.args)) : null;

  const pick = (name: string) => {
    setMethodName(name);
    setForms(initialForms(service.methods.find((m) => m.name === name)));
  };
  const submit = () => {
    if (!method || !text?.ok) return;
    const call = { from, to: canister.name, method: method.name, arg: { candid: text.value } };
    onStep((query ? { query: call } : { call: { ...call, wait: false } }) as Step);
  };

  return (
    <form className="call-panel" onSubmit={(e) => { e.preventDefault(); submit(); }} aria-label={`Call ${canister.name} through its Candid interface`}>
      <h3>Call {canister.name} <span className="badge">Candid</span></h3>
      <label>from <select value={from} onChange={(e) => setFrom(e.target.value)}>{users.map((u) => <option key={u}>{u}</option>)}</select></label>
      <label>method
        <select value={methodName} onChange={(e) => pick(e.target.value)} aria-label="method">
          {service.methods.map((m) => <option key={m.name} value={m.name}>{m.name}</option>)}
        </select>
      </label>
      {method && <p className="muted method-kind" data-testid="method-kind">{MODE_TEXT[method.mode]}</p>}
      {method && <CandidArgsForm args={method.args} values={forms} owner={method.name} principals={principals} onChange={setForms} />}
      {text && !text.ok && <p className="field-error" data-testid="form-problems">{text.problems.length === 1 ? '1 value' : `${text.problems.length} values`} to fix: {text.problems[0].path}</p>}
      <div className="button-row">
        <button type="submit" disabled={!text?.ok}>{query ? 'Query now' : 'Send update'}</button>
        <button type="button" className="link" onClick={onRaw}>raw argument…</button>
      </div>
    </form>
  );
}
