/**
 * The workspace's files as the Code tab lists them: one per live canister, then each draft that is no canister yet,
 * each with its language (or `wasm` for code the editor cannot hold) and its error count.
 */
import type { Scenario, Source } from '../../scenario/scenarioTypes.ts';
import type { CanisterView } from '../../worker/protocol.ts';
import { sourceLanguage } from '../editor/sourceLanguage.ts';
import type { WorkspaceFile } from './FileList.tsx';
import { isEditable, latestCode, latestSource } from './latestSource.ts';

/**
 * The code a canister runs when the editor has nothing for it that is not text (an uploaded module, a multi-file
 * Motoko project); null when there is a draft for it or its code is editable text.
 */
export function installedModule(scenario: Scenario | null, drafts: Readonly<Record<string, string>>, name: string): Source | null {
  if (drafts[name] !== undefined) return null;
  const code = latestCode(scenario, name);
  return code && !isEditable(code) ? code : null;
}

export function workspaceFiles(
  canisters: readonly Pick<CanisterView, 'name' | 'status'>[],
  drafts: Readonly<Record<string, string>>,
  codeErrors: Readonly<Record<string, number>>,
  scenario: Scenario | null,
): WorkspaceFile[] {
  const file = (name: string, deployed: boolean): WorkspaceFile => ({
    name, deployed, errors: codeErrors[name] ?? 0,
    extension: installedModule(scenario, drafts, name) ? 'wasm'
      : sourceLanguage(drafts[name] ?? latestSource(scenario, name)) === 'motoko' ? 'mo' : 'wat',
  });
  const fresh = Object.keys(drafts).filter((name) => !canisters.some((c) => c.name === name));
  return [...canisters.filter((c) => c.status !== 'deleted').map((c) => file(c.name, true)), ...fresh.map((name) => file(name, false))];
}
