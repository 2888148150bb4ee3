/**
 * `update_settings` for one canister: controllers (users and canisters of the workspace, or none for an immutable
 * canister), the numeric settings and the environment variables. Only the fields changed are sent; each submit is
 * one `manage` step.
 */
import { useState } from 'react';
import type { NamedPrincipal } from '../calls/argSpec.ts';
import type { CanisterView } from '../../worker/protocol.ts';
import { envVarsToText, parseEnvVarsText } from './envVarsText.ts';

type NumericSetting = 'freezingThreshold' | 'computeAllocation' | 'memoryAllocation' | 'wasmMemoryLimit' | 'reservedCyclesLimit' | 'logMemoryLimit';

const FIELDS: readonly { key: NumericSetting; label: string }[] = [
  { key: 'freezingThreshold', label: 'freezing threshold (s)' },
  { key: 'computeAllocation', label: 'compute allocation (%)' },
  { key: 'memoryAllocation', label: 'memory allocation (bytes)' },
  { key: 'wasmMemoryLimit', label: 'Wasm memory limit (bytes)' },
  { key: 'reservedCyclesLimit', label: 'reserved cycles limit' },
  // 0 turns logging off; else 4,096 … 2 MiB (ic-reference.md §12): the engine refuses others, live, as the replica does.
  { key: 'logMemoryLimit', label: 'log memory limit (bytes)' },
];

export interface SettingsFormProps {
  readonly canister: CanisterView;
  /** Names a controller may be given by: users and canisters, with their principals. */
  readonly principals: readonly NamedPrincipal[];
  readonly onSubmit: (settings: Record<string, unknown>) => void;
}

export function SettingsForm({ canister, principals, onSubmit }: SettingsFormProps) {
  const saved: Record<NumericSetting, string> = { ...canister.settings, logMemoryLimit: String(canister.logStore.limit) };
  const [values, setValues] = useState<Record<NumericSetting, string>>(saved);
  const current = principals.filter((p) => canister.controllers.includes(p.principal)).map((p) => p.name);
  const [controllers, setControllers] = useState<string[]>(current);
  const currentEnv = envVarsToText(canister.settings.environmentVariables);
  const [envText, setEnvText] = useState(currentEnv);
  const env = parseEnvVarsText(envText);
  const invalid = FIELDS.filter(({ key }) => !/^\d+$/.test(values[key])).map(({ label }) => label);
  const changed = (): Record<string, unknown> => {
    const settings: Record<string, unknown> = {};
    for (const { key } of FIELDS) if (values[key] !== saved[key]) settings[key] = values[key];
    if ([...controllers].sort().join() !== [...current].sort().join()) settings.controllers = controllers;
    if (env.ok && envText.trim() !== currentEnv.trim()) settings.environmentVariables = env.vars;
    return settings;
  };
  return (
    <form className="settings-form" onSubmit={(e) => { e.preventDefault(); const s = changed(); if (invalid.length === 0 && Object.keys(s).length > 0) onSubmit(s); }}>
      <fieldset>
        <legend>controllers {controllers.length === 0 && <em>(none: immutable)</em>}</legend>
        {principals.map((p) => (
          <label key={p.name}><input type="checkbox" checked={controllers.includes(p.name)}
            onChange={(e) => setControllers(e.target.checked ? [...controllers, p.name] : controllers.filter((c) => c !== p.name))} /> {p.name}</label>
        ))}
      </fieldset>
      {FIELDS.map(({ key, label }) => (
        <label key={key}>{label} <input value={values[key]} inputMode="numeric" aria-invalid={!/^\d+$/.test(values[key])}
          onChange={(e) => setValues({ ...values, [key]: e.target.value.trim() })} /></label>
      ))}
      {invalid.length > 0 && <p className="field-error">Whole numbers only: {invalid.join(', ')}.</p>}
      <label className="env-vars">environment variables, one NAME=value per line (read with ic0.env_var_*)
        <textarea value={envText} rows={3} spellCheck={false} aria-invalid={!env.ok} onChange={(e) => setEnvText(e.target.value)} /></label>
      {!env.ok && <p className="field-error">Environment variables, {env.error}.</p>}
      <button type="submit" disabled={invalid.length > 0 || !env.ok}>Update settings</button>
    </form>
  );
}
