/**
 * Creating a canister from a source: a name, a starter template, the code now in the editor or a Wasm module from disk, cycles,
 * controllers and freezing threshold. Recorded as a `deploy` step (docs/SCENARIO-EXTENSIONS.md).
 */
import { useState } from 'react';
import { WAT_TEMPLATES } from '../editor/templates.ts';
import { MOTOKO_TEMPLATES } from '../editor/motokoTemplates.ts';
import { EXTENSIONS, sourceFromText, sourceLanguage } from '../editor/sourceLanguage.ts';

const STARTERS = [...WAT_TEMPLATES, ...MOTOKO_TEMPLATES];
import type { Step } from '../../scenario/scenarioTypes.ts';
import { ArgField, argOf, EMPTY_ARG, type ArgDraft } from '../calls/ArgField.tsx';
import { codeInitArgs } from '../candidForm/codeCandid.ts';
import type { NamedPrincipal } from '../calls/argSpec.ts';
import { WasmUpload } from './WasmUpload.tsx';
import type { UploadedWasm } from './uploadedWasm.ts';

const NAME = /^[a-z][a-z0-9_-]*$/;

export interface DeployPanelProps {
  readonly users: readonly string[];
  readonly takenNames: readonly string[];
  readonly editorSource: string;
  /** Errors in the editor's code: deploying it is refused until they are fixed. */
  readonly editorErrors: number;
  /** Canisters and users whose principal the init argument can be. */
  readonly principals: readonly NamedPrincipal[];
  /** The step, and the WAT it installs (for the editor); null for an uploaded module. */
  readonly onDeploy: (step: Step, source: string | null) => void;
  /** A new file open in the editor: the form deploys it, under its name. */
  readonly draftName?: string | null;
}

export function DeployPanel({ users, takenNames, editorSource, editorErrors, principals, onDeploy, draftName = null }: DeployPanelProps) {
  const [name, setName] = useState(draftName ?? '');
  const [template, setTemplate] = useState<string>(draftName ? 'editor' : WAT_TEMPLATES[0]?.id ?? 'editor');
  const [cycles, setCycles] = useState('100000000000000');
  const [threshold, setThreshold] = useState('2592000');
  const [controllers, setControllers] = useState<string[]>(users.slice(0, 1));
  const [initArg, setInitArg] = useState<ArgDraft>(EMPTY_ARG);
  const [wasm, setWasm] = useState<UploadedWasm | null>(null);
  const codeText = template === 'file' ? null : template === 'editor' ? editorSource : STARTERS.find((t) => t.id === template)?.source ?? null;
  const initArgs = codeInitArgs(template === 'file' ? (wasm && { wasm: wasm.base64 }) : codeText === null ? null : { wat: codeText });
  const arg = argOf(initArg, principals);
  const problem = !NAME.test(name) ? 'a name: lower-case letters, digits, - and _'
    : takenNames.includes(name) ? `"${name}" is taken`
      : !/^\d+$/.test(cycles) ? 'cycles as a whole number' : !/^\d+$/.test(threshold) ? 'a freezing threshold in seconds'
        : template === 'editor' && editorErrors > 0 ? `the editor's code to compile (it has ${editorErrors} error${editorErrors === 1 ? '' : 's'})`
          : template === 'file' && !wasm ? 'a .wasm or .wasm.gz file'
          : !arg.ok ? 'a valid init argument' : null;

  const deploy = () => {
    const text = template === 'file' ? null : template === 'editor' ? editorSource : STARTERS.find((t) => t.id === template)!.source;
    const source = text === null ? { wasm: wasm!.base64 } : sourceFromText(text);
    const initArgField = arg.ok && arg.arg ? { initArg: arg.arg } : {};
    onDeploy({ deploy: { name, source, cycles, controllers, settings: { freezingThreshold: threshold }, ...initArgField } } as Step, text);
    setName('');
  };

  return (
    <form className="deploy-panel" onSubmit={(e) => { e.preventDefault(); if (!problem) deploy(); }}>
      <h3>{draftName ? `Deploy ${draftName}.${EXTENSIONS[sourceLanguage(editorSource)]}` : 'New canister'}</h3>
      <label>name <input value={name} onChange={(e) => setName(e.target.value.trim())} aria-label="new canister name" placeholder="counter2" /></label>
      <label>code
        <select value={template} onChange={(e) => setTemplate(e.target.value)} aria-label="new canister code">
          <optgroup label="WAT">
            {WAT_TEMPLATES.map((t) => <option key={t.id} value={t.id}>template: {t.title}</option>)}
          </optgroup>
          <optgroup label="Motoko">
            {MOTOKO_TEMPLATES.map((t) => <option key={t.id} value={t.id}>template: {t.title}</option>)}
          </optgroup>
          <option value="editor">the code in the editor</option>
          <option value="file">a .wasm file from disk…</option>
        </select>
      </label>
      {template === 'file' && <WasmUpload label="module" onLoad={setWasm} />}
      <ArgField label="init argument" draft={initArg} principals={principals} onChange={setInitArg} candidArgs={initArgs} />
      <label>cycles <input value={cycles} onChange={(e) => setCycles(e.target.value)} inputMode="numeric" /></label>
      <label>freezing threshold (s) <input value={threshold} onChange={(e) => setThreshold(e.target.value)} inputMode="numeric" /></label>
      <fieldset>
        <legend>controllers</legend>
        {users.map((u) => (
          <label key={u}><input type="checkbox" checked={controllers.includes(u)}
            onChange={(e) => setControllers(e.target.checked ? [...controllers, u] : controllers.filter((c) => c !== u))} /> {u}</label>
        ))}
      </fieldset>
      {problem && (name !== '' || template === 'editor') && <p className="field-error">Needs {problem}.</p>}
      <button type="submit" disabled={problem !== null}>Create and install</button>
    </form>
  );
}
