/**
 * Where the workspace lives between visits: IndexedDB (through idb-keyval), so a reload restores everything;
 * and how a workspace arrives: a share link in the URL fragment, or `?scenario=<url>` naming a scenario file.
 */
import { get, set } from 'idb-keyval';
import { decodeShareFragment } from '../../scenario/shareLink.ts';
import { parseScenario } from '../../scenario/parseScenario.ts';
import type { Scenario } from '../../scenario/scenarioTypes.ts';

const KEY = 'canister-playground/workspace@1';

export async function saveWorkspace(scenario: Scenario): Promise<void> {
  try {
    await set(KEY, JSON.stringify(scenario));
  } catch {
    // Private windows may refuse IndexedDB: the workspace still works, it is just not kept.
  }
}

export async function loadSavedWorkspace(): Promise<Scenario | null> {
  try {
    const text = await get<string>(KEY);
    if (!text) return null;
    const parsed = parseScenario(text);
    return parsed.ok ? parsed.scenario : null;
  } catch {
    return null;
  }
}

const DRAFTS_KEY = 'canister-playground/drafts@1';

/** Editor text not yet installed, by canister name: part of the workspace, so a reload keeps it too. */
export async function saveDrafts(drafts: Readonly<Record<string, string>>): Promise<void> {
  try {
    await set(DRAFTS_KEY, JSON.stringify(drafts));
  } catch {
    // As for the workspace: without IndexedDB, drafts last as long as the page.
  }
}

export async function loadSavedDrafts(): Promise<Record<string, string>> {
  try {
    const value: unknown = JSON.parse((await get<string>(DRAFTS_KEY)) ?? '{}');
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

export type IncomingScenario = { type: 'none' } | { type: 'scenario'; scenario: Scenario; from: string } | { type: 'error'; error: string };

/** A scenario given by the page's address: `#s=…` (share link) or `?scenario=<url>`. */
export async function scenarioFromLocation(location: Location): Promise<IncomingScenario> {
  if (location.hash.startsWith('#s=')) {
    const decoded = decodeShareFragment(location.hash);
    return decoded.ok ? { type: 'scenario', scenario: decoded.scenario, from: 'the link' } : { type: 'error', error: decoded.error };
  }
  const url = new URLSearchParams(location.search).get('scenario');
  if (!url) return { type: 'none' };
  try {
    const response = await fetch(url);
    if (!response.ok) return { type: 'error', error: `Could not load the scenario at ${url}: HTTP ${response.status}.` };
    const parsed = parseScenario(await response.text());
    return parsed.ok ? { type: 'scenario', scenario: parsed.scenario, from: url } : { type: 'error', error: `The scenario at ${url} is not valid: ${parsed.error}` };
  } catch (error) {
    return { type: 'error', error: `Could not load the scenario at ${url}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
