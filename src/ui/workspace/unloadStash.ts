/**
 * The open workspace written synchronously as the page goes away. IndexedDB writes are asynchronous, and one
 * started while a tab reloads may never finish: the last Step before a reload would be lost. sessionStorage is
 * written at once and belongs to this tab alone, so the reload finds the workspace exactly as it was left.
 */
import { parseWorkspacesFile, WORKSPACES_FORMAT, type WorkspaceEntry } from './workspaceLibrary.ts';

const KEY = 'canister-playground/unsaved';

export function stashWorkspace(entry: WorkspaceEntry): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ format: WORKSPACES_FORMAT, workspaces: [entry] }));
  } catch {
    // Too large for sessionStorage, or none: the autosaved copy (at most a second old) is what a reload finds.
  }
}

/** The stashed workspace, once: reading it removes it (at once; reading the scenario in it may wait for the parser). */
export async function takeStashedWorkspace(): Promise<WorkspaceEntry | null> {
  let text: string | null;
  try {
    text = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
  } catch {
    return null;
  }
  return text ? (await parseWorkspacesFile(text))?.[0] ?? null : null;
}
