/**
 * The WAT a canister runs now, as far as the workspace says: its last install (a `deploy` step, or an
 * `install_code` step naming it) or else its source in the canister list. The editor opens on it, so after an
 * upgrade or a reload the code shown is the code installed. Empty when the code came as Wasm, a file or a
 * multi-file Motoko project.
 */
import type { Scenario, Source } from '../../scenario/scenarioTypes.ts';

/** Each canister's last install, by name, read once per scenario (the file list asks for every canister each render). */
const lastInstalls = new WeakMap<Scenario, ReadonlyMap<string, Source>>();

/** The source of the canister's last install, whatever its form (WAT, Wasm, a file); null when it has none. */
export function latestCode(scenario: Scenario | null, name: string): Source | null {
  if (!scenario) return null;
  let installs = lastInstalls.get(scenario);
  if (!installs) {
    const found = new Map<string, Source>(scenario.canisters.map((c) => [c.name, c.source]));
    for (const step of scenario.steps) {
      if ('deploy' in step) found.set(step.deploy.name, step.deploy.source);
      if ('manage' in step && step.manage.method === 'install_code') found.set(step.manage.canister, step.manage.source);
    }
    installs = found;
    lastInstalls.set(scenario, installs);
  }
  return installs.get(name) ?? null;
}

/** The text the editor holds for the canister's code: its WAT or its (one-file) Motoko; empty for anything else. */
export function latestSource(scenario: Scenario | null, name: string): string {
  return sourceText(latestCode(scenario, name));
}

/** A source as the editor holds it: its WAT or its (one-file) Motoko; empty for anything else. */
export function sourceText(source: Source | null | undefined): string {
  if (source && 'wat' in source) return source.wat;
  if (source && 'motoko' in source && typeof source.motoko === 'string') return source.motoko;
  return '';
}

/** Whether the canister's code is text the editor can hold (WAT, or Motoko in one file). */
export function isEditable(source: Source | null): boolean {
  return source === null || 'wat' in source || ('motoko' in source && typeof source.motoko === 'string');
}
