/**
 * Calling a canister: an update (through the rounds) or a query (now), with text, hex or empty arguments.
 * Every call is a scenario step, so it is recorded, replayed and shared.
 */
import { useState } from 'react';
import type { CanisterView } from '../../worker/protocol.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';

type ArgKind = 'empty' | 'text' | 'hex';

export interface CallPanelProps {
  readonly canister: CanisterView;
  readonly users: readonly string[];
  readonly onStep: (step: Step) => void;
}

export function CallPanel({ canister, users, onStep }: CallPanelProps) {
  const methods = [...canister.updateMethods.map((m) => ({ m, query: false })), ...canister.queryMethods.map((m) => ({ m, query: true }))];
  const [method, setMethod] = useState(methods[0]?.m ?? '');
  const [kind, setKind] = useState<'update' | 'query'>('update');
  const [argKind, setArgKind] = useState<ArgKind>('empty');
  const [arg, setArg] = useState('');
  const [from, setFrom] = useState(users[0] ?? 'user');
  const hexError = argKind === 'hex' && !/^(?:[0-9a-fA-F]{2})*$/.test(arg.replace(/\s+/g, ''));

  const submit = () => {
    const payload = argKind === 'empty' ? undefined : argKind === 'text' ? { text: arg } : { hex: arg.replace(/\s+/g, '') };
    const call = { from, to: canister.name, method, ...(payload && { arg: payload }) };
    onStep((kind === 'query' ? { query: call } : { call: { ...call, wait: false } }) as Step);
  };

  return (
    <form className="call-panel" onSubmit={(e) => { e.preventDefault(); if (!hexError && method) submit(); }}>
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
      <label>argument
        <select value={argKind} onChange={(e) => setArgKind(e.target.value as ArgKind)}>
          <option value="empty">empty</option><option value="text">text</option><option value="hex">hex</option>
        </select>
      </label>
      {argKind !== 'empty' && <input value={arg} onChange={(e) => setArg(e.target.value)} aria-label="argument" aria-invalid={hexError} />}
      {hexError && <p className="field-error">Hex needs an even number of hex digits.</p>}
      <button type="submit" disabled={!method || hexError}>{kind === 'query' ? 'Query now' : 'Send update'}</button>
    </form>
  );
}
