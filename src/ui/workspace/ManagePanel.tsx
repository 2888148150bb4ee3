/**
 * Managing a canister through the management canister: install, reinstall or upgrade with the editor's code,
 * stop/start, uninstall, delete, change the freezing threshold, top up. Each action is a scenario step.
 */
import { useState } from 'react';
import type { CanisterView } from '../../worker/protocol.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';
import { SettingsForm } from './SettingsForm.tsx';

export interface ManagePanelProps {
  readonly canister: CanisterView;
  readonly source: string;
  readonly controller: string;
  readonly principals: readonly { readonly name: string; readonly principal: string }[];
  readonly onStep: (step: Step) => void;
}

export function ManagePanel({ canister, source, controller, principals, onStep }: ManagePanelProps) {
  const [cycles, setCycles] = useState('1000000000000');
  const manage = (method: string, extra: Record<string, unknown> = {}) =>
    onStep({ manage: { from: controller, method, canister: canister.name, ...extra } } as Step);
  const install = (mode: 'install' | 'reinstall' | 'upgrade') => manage('install_code', { mode, source: { wat: source } });
  return (
    <div className="manage-panel">
      <h3>Manage {canister.name}</h3>
      <div className="button-row">
        {canister.empty
          ? <button onClick={() => install('install')}>Install code</button>
          : <><button onClick={() => install('upgrade')}>Upgrade with editor code</button><button onClick={() => install('reinstall')}>Reinstall</button></>}
      </div>
      <div className="button-row">
        {canister.status === 'running'
          ? <button onClick={() => manage('stop_canister')}>Stop</button>
          : <button onClick={() => manage('start_canister')}>Start</button>}
        <button onClick={() => manage('uninstall_code')}>Uninstall</button>
        <button onClick={() => manage('delete_canister')} disabled={canister.status !== 'stopped'} title="Only a stopped canister can be deleted">Delete</button>
      </div>
      <details>
        <summary>Settings</summary>
        <SettingsForm canister={canister} principals={principals} onSubmit={(settings) => manage('update_settings', { settings })} />
      </details>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (/^\d+$/.test(cycles)) onStep({ topUp: { canister: canister.name, cycles } } as Step); }}>
        <label>top up <input value={cycles} onChange={(e) => setCycles(e.target.value)} inputMode="numeric" /> cycles</label>
        <button type="submit" disabled={!/^\d+$/.test(cycles)}>Top up</button>
      </form>
      <p className="muted">Management calls are sent by <code>{controller}</code>.</p>
    </div>
  );
}
