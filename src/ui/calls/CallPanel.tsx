/**
 * Calling a canister: an update (through the rounds) or a query (now), with an argument as text, hex, a number,
 * a principal or Candid text; through a typed form (`TypedCallPanel`) when the canister has a Candid interface. The kind follows the method picked from the canister's exports. Every call is a scenario step, so
 * it is recorded, replayed and shared.
 */
import { useMemo, useState } from 'react';
import { candidInterface } from '../../candid/candidInterface.ts';
import type { CanisterView } from '../../worker/protocol.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';
import { ArgField, argOf, EMPTY_ARG, type ArgDraft } from './ArgField.tsx';
import type { NamedPrincipal } from './argSpec.ts';
import { TypedCallPanel } from './TypedCallPanel.tsx';

export interface CallPanelProps {
  readonly canister: CanisterView;
  readonly users: readonly string[];
  readonly principals: readonly NamedPrincipal[];
  readonly onStep: (step: Step) => void;
}

export function CallPanel({ canister, users, principals, onStep }: CallPanelProps) {
  const methods = [...canister.updateMethods.map((m) => ({ m, query: false })), ...canister.queryMethods.map((m) => ({ m, query: true }))];
  const [method, setMethodText] = useState(methods[0]?.m ?? '');
  const [kind, setKind] = useState<'update' | 'query'>(methods[0]?.query ? 'query' : 'update');
  const [arg, setArg] = useState<ArgDraft>(EMPTY_ARG);
  const [from, setFrom] = useState(users[0] ?? 'user');
  const parsed = argOf(arg, principals);
  // A canister with a Candid interface is called through a typed form, unless the learner asks for a raw argument.
  const candid = useMemo(() => (canister.candid ? candidInterface(canister.candid) : null), [canister.candid]);
  const [typed, setTyped] = useState(true);
  if (candid?.ok && typed) {
    // Keyed by the interface: an upgrade to another one starts a fresh form, never one of the old types.
    return <TypedCallPanel key={canister.candid!.service} canister={canister} service={candid.service} users={users} principals={principals} onStep={onStep} onRaw={() => setTyped(false)} />;
  }
  const setMethod = (name: string) => {
    setMethodText(name);
    const known = methods.find((m) => m.m === name);
    if (known) setKind(known.query ? 'query' : 'update');
  };

  const submit = () => {
    if (!parsed.ok) return;
    const call = { from, to: canister.name, method, ...(parsed.arg && { arg: parsed.arg }) };
    onStep((kind === 'query' ? { query: call } : { call: { ...call, wait: false } }) as Step);
  };

  return (
    <form className="call-panel" onSubmit={(e) => { e.preventDefault(); if (method) submit(); }}>
      <h3>Call {canister.name}</h3>
      <label>from <select value={from} onChange={(e) => setFrom(e.target.value)}>{users.map((u) => <option key={u}>{u}</option>)}</select></label>
      <label>method
        <input list={`methods-${canister.id}`} value={method} onChange={(e) => setMethod(e.target.value)} aria-label="method" />
        <datalist id={`methods-${canister.id}`}>{methods.map(({ m, query }) => <option key={m} value={m}>{query ? 'query' : 'update'}</option>)}</datalist>
      </label>
      <fieldset>
        <label><input type="radio" checked={kind === 'update'} onChange={() => setKind('update')} /> update</label>
        <label><input type="radio" checked={kind === 'query'} onChange={() => setKind('query')} /> query</label>
      </fieldset>
      <ArgField label="argument" draft={arg} principals={principals} onChange={setArg} />
      <button type="submit" disabled={!method || !parsed.ok}>{kind === 'query' ? 'Query now' : 'Send update'}</button>
      {candid?.ok && <button type="button" className="link" onClick={() => setTyped(true)}>Candid form…</button>}
      {candid && !candid.ok && <p className="field-error">Its Candid interface does not parse: {candid.error}</p>}
    </form>
  );
}
