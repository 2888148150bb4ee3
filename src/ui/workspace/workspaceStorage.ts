/**
 * How a workspace arrives: a share link in the URL fragment, or `?scenario=<url>` naming a scenario file; and the
 * single workspace an earlier version of the app kept in IndexedDB, read once so it moves into the library of
 * recent workspaces (workspaceLibrary.ts) and is not lost.
 */
import { get, set } from 'idb-keyval';
import { loadScenarioParser } from './scenarioParser.ts';
import type { Scenario } from '../../scenario/scenarioTypes.ts';
import type { CompiledWat } from '../../engine/index.ts';
import { libraryStore, stringRecord } from './workspaceLibrary.ts';

const KEY = 'canister-playground/workspace@1';

/** The earlier version's workspace, read as the page started (`readStorageAtStart`), taken by `loadSavedWorkspace`. */
let savedAtStart: Promise<Scenario | null> | null = null;

/**
 * Opens the databases the boot looks in (the library's, and the one an earlier version kept its workspace in) as
 * the page starts, before its first render, so the boot finds them open (issue 16, target 7).
 */
export function readStorageAtStart(): void {
  libraryStore();
  savedAtStart = readSavedWorkspace();
}

export function loadSavedWorkspace(): Promise<Scenario | null> {
  const early = savedAtStart;
  savedAtStart = null;
  return early ?? readSavedWorkspace();
}

async function readSavedWorkspace(): Promise<Scenario | null> {
  try {
    const text = await get<string>(KEY);
    if (!text) return null;
    const parsed = (await loadScenarioParser())(text);
    return parsed.ok ? parsed.scenario : null;
  } catch {
    return null;
  }
}

const DRAFTS_KEY = 'canister-playground/drafts@1';

/** Editor drafts an earlier version saved beside its one workspace (read once, into the library). */
export async function loadSavedDrafts(): Promise<Record<string, string>> {
  try {
    return stringRecord(JSON.parse((await get<string>(DRAFTS_KEY)) ?? '{}'));
  } catch {
    return {};
  }
}

export type IncomingScenario =
  | { type: 'none' }
  | { type: 'scenario'; scenario: Scenario; round: number; from: string; compiled?: readonly CompiledWat[] }
  | { type: 'error'; error: string };

/** The share link read as the page started (`readLinkAtStart`), taken by the boot's `scenarioFromLocation`. */
let linkAtStart: { readonly hash: string; readonly incoming: Promise<IncomingScenario> } | null = null;

/**
 * Starts reading the page's share link, if it has one, before the app first renders: its reader's evaluation and
 * the decoding then run while the engine worker starts, instead of after the first render, and the link's first graph
 * comes that much sooner (issue 16, target 7). Resolves once it is read; the boot takes the result.
 */
export function readLinkAtStart(location: Location): Promise<unknown> | null {
  if (!location.hash.startsWith('#s=')) return null;
  linkAtStart = { hash: location.hash, incoming: scenarioFromLocation(location) };
  return linkAtStart.incoming;
}

/** A scenario given by the page's address: `#s=…` (share link) or `?scenario=<url>`. */
export async function scenarioFromLocation(location: Location): Promise<IncomingScenario> {
  const early = linkAtStart;
  if (early) {
    linkAtStart = null;
    if (early.hash === location.hash) return early.incoming;
  }
  if (location.hash.startsWith('#s=')) {
    // Fetched with the parser only when there is a link to read.
    const { decodeShareFragment } = await import('../../scenario/shareLink.ts');
    const decoded = await decodeShareFragment(location.hash);
    return decoded.ok ? { type: 'scenario', scenario: decoded.scenario, round: decoded.round, from: 'the link', compiled: decoded.compiled } : { type: 'error', error: decoded.error };
  }
  const url = new URLSearchParams(location.search).get('scenario');
  if (!url) return { type: 'none' };
  try {
    const response = await fetch(url);
    if (!response.ok) return { type: 'error', error: `Could not load the scenario at ${url}: HTTP ${response.status}.` };
    const parsed = (await loadScenarioParser())(await response.text());
    return parsed.ok ? { type: 'scenario', scenario: parsed.scenario, round: 0, from: url } : { type: 'error', error: `The scenario at ${url} is not valid: ${parsed.error}` };
  } catch (error) {
    return { type: 'error', error: `Could not load the scenario at ${url}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
