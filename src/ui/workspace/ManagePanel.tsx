/**
 * Managing a canister through the management canister: install, reinstall or upgrade with the editor's code (or a
 * Wasm module from disk) and an
 * argument, stop/start, ask its status, uninstall, delete, take/load/delete snapshots, change settings, top up; sent as the
 * user picked (a non-controller is
 * refused, live). Each action is a scenario step.
 */
import { useState } from 'react';
import type { CanisterView } from '../../worker/protocol.ts';
import type { Step } from '../../scenario/scenarioTypes.ts';
import { SettingsForm } from './SettingsForm.tsx';
import { SnapshotsPanel } from './SnapshotsPanel.tsx';
import { ArgField, argOf, EMPTY_ARG, type ArgDraft } from '../calls/ArgField.tsx';
import { codeInitArgs } from '../candidForm/codeCandid.ts';
import type { NamedPrincipal } from '../calls/argSpec.ts';
import { WasmUpload } from './WasmUpload.tsx';
import { sourceFromText } from '../editor/sourceLanguage.ts';
import type { UploadedWasm } from './uploadedWasm.ts';

export interface ManagePanelProps {
  readonly canister: CanisterView;
  readonly source: string;
  /** Errors in the editor's code: installing it is refused until they are fixed. */
  readonly sourceErrors: number;
  /** The users who can send the management calls; the first controller among them first. */
  readonly senders: readonly string[];
  readonly principals: readonly NamedPrincipal[];
  readonly onStep: (step: Step) => void;
}

export function ManagePanel({ canister, source, sourceErrors, senders, principals, onStep }: ManagePanelProps) {
  const [cycles, setCycles] = useState('1000000000000');
  const [from, setFrom] = useState(senders[0] ?? 'user');
  const [installArg, setInstallArg] = useState<ArgDraft>(EMPTY_ARG);
  const [code, setCode] = useState<'editor' | 'file'>('editor');
  const [wasm, setWasm] = useState<UploadedWasm | null>(null);
  const arg = argOf(installArg, principals);
  const manage = (method: string, extra: Record<string, unknown> = {}) =>
    onStep({ manage: { from, method, canister: canister.name, ...extra } } as Step);
  const install = (mode: 'install' | 'reinstall' | 'upgrade') =>
    manage('install_code', { mode, source: code === 'file' ? { wasm: wasm!.base64 } : sourceFromText(source), ...(arg.ok && arg.arg && { arg: arg.arg }) });
  const cannotInstall = code === 'file' ? (wasm ? null : 'Choose a .wasm or .wasm.gz file to install.')
    : sourceErrors > 0 ? `The editor's code has ${sourceErrors} error${sourceErrors === 1 ? '' : 's'}: fix ${sourceErrors === 1 ? 'it' : 'them'} to install it.`
      : !arg.ok ? 'The install argument is not valid.' : null;
  const what = code === 'file' ? 'file' : 'editor code';
  return (
    <div className="manage-panel">
      <h3>Manage {canister.name}</h3>
      <label>as <select value={from} onChange={(e) => setFrom(e.target.value)} aria-label="management calls sent by">
        {senders.map((u) => <option key={u}>{u}</option>)}
      </select></label>
      <label>code <select value={code} onChange={(e) => setCode(e.target.value as 'editor' | 'file')} aria-label="code to install">
        <option value="editor">the code in the editor</option>
        <option value="file">a .wasm file from disk…</option>
      </select></label>
      {code === 'file' && <WasmUpload label="module" onLoad={setWasm} />}
      <ArgField label="install argument" draft={installArg} principals={principals} onChange={setInstallArg}
        candidArgs={codeInitArgs(code === 'file' ? (wasm && { wasm: wasm.base64 }) : { wat: source })} />
      <div className="button-row">
        {canister.empty
          ? <button onClick={() => install('install')} disabled={cannotInstall !== null}>Install code</button>
          : <><button onClick={() => install('upgrade')} disabled={cannotInstall !== null}>Upgrade with {what}</button>
            <button onClick={() => install('reinstall')} disabled={cannotInstall !== null}>Reinstall</button></>}
      </div>
      {cannotInstall && <p className="field-error" data-testid="install-refused">{cannotInstall}</p>}
      <div className="button-row">
        {canister.status === 'running'
          ? <button onClick={() => manage('stop_canister')}>Stop</button>
          : <button onClick={() => manage('start_canister')}>Start</button>}
        <button onClick={() => manage('canister_status')} title="Ask the management canister for its status (the reply is Candid, decoded in Results)">Status</button>
        <button onClick={() => manage('uninstall_code')}>Uninstall</button>
        <button onClick={() => manage('delete_canister')} disabled={canister.status !== 'stopped'} title="Only a stopped canister can be deleted">Delete</button>
      </div>
      <SnapshotsPanel snapshots={canister.snapshots} empty={canister.empty} onManage={manage} />
      <details>
        <summary>Settings</summary>
        <SettingsForm canister={canister} principals={principals} onSubmit={(settings) => manage('update_settings', { settings })} />
      </details>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (/^\d+$/.test(cycles)) onStep({ topUp: { canister: canister.name, cycles } } as Step); }}>
        <label>top up <input value={cycles} onChange={(e) => setCycles(e.target.value)} inputMode="numeric" /> cycles</label>
        <button type="submit" disabled={!/^\d+$/.test(cycles)}>Top up</button>
      </form>
    </div>
  );
}
